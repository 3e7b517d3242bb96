"""What every SSDA903 rule module shares: the ruleset, registration, and the frames rules read.

A rule is written as a function of a `Context` (the return's tables with the joins and episode
chains many rules need, built once per return and cached) that returns flagged rows; `flags`
turns them into the located shape `FLAG_SCHEMA` asks for. Messages and fields come from the
DfE catalogue kept beside this module, so the code and the published text cannot drift apart.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path

import polars as pl

from sightline.returns.ssda903.reader import collection_dates
from sightline.returns.ssda903.spec import date_column
from sightline.returns.validation import FLAG_SCHEMA, ReturnTables, Rule, RuleSet

YEARS = ("2025-26",)
CATALOGUE_PATH = Path(__file__).with_name("catalogue-2025-26.csv")


def _catalogue() -> dict[str, dict[str, str]]:
    with CATALOGUE_PATH.open(encoding="utf-8") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}


CATALOGUE = _catalogue()
RULESET = RuleSet("ssda903", "2025-26")


def rule_type(code: str) -> str:
    """DfE marks queries (warnings a council may explain) with a trailing Q; the rest are errors."""
    return "query" if code.upper().endswith("Q") else "error"


def rule(code: str, *, needs: Iterable[str] = ()) -> Callable:
    """Register a check under a catalogue code, taking its message and fields from the catalogue."""
    entry = CATALOGUE[code]

    def register(check: Callable[[Context], pl.DataFrame]) -> Callable:
        RULESET.add(
            Rule(
                code=code,
                type=rule_type(code),
                message=entry["message"].strip(),
                tables=tuple(t for t in entry["table"].split(";") if t),
                fields=tuple(f for f in entry["fields"].split(";") if f),
                check=lambda tables: check(context(tables)),
                years=YEARS,
                needs=frozenset(needs),
            )
        )
        return check

    return register


def D(column: str) -> pl.Expr:  # noqa: N802 - reads as a column reference, like pl.col
    """The parsed date of a date column."""
    return pl.col(date_column(column))


def flags(frame: pl.DataFrame, table: str, field: str, value: str | None = None) -> pl.DataFrame:
    """Flagged rows located: the child, the table and row, and the field's value as written."""
    value_expr = pl.col(value or field) if (value or field) in frame.columns else pl.lit(None)
    return frame.select(
        pl.col("CHILD").cast(pl.String).alias("child_id"),
        pl.lit(table).alias("table"),
        pl.col("row").cast(pl.Int64),
        pl.lit(field).alias("field"),
        value_expr.cast(pl.String).alias("value"),
    )


def concat(*parts: pl.DataFrame) -> pl.DataFrame:
    parts = [p for p in parts if p.height]
    if not parts:
        return pl.DataFrame(schema=FLAG_SCHEMA)
    return pl.concat([p.cast(FLAG_SCHEMA) for p in parts]).unique(maintain_order=True)


def bad_date(column: str) -> pl.Expr:
    """Written but not a date in any form councils use."""
    return pl.col(column).is_not_null() & D(column).is_null()


def not_in(column: str, values: Iterable[str], *, blank_ok: bool = True) -> pl.Expr:
    """A code outside a set (blank counting as a fault unless `blank_ok`)."""
    outside = ~pl.col(column).is_in(list(values))
    if blank_ok:
        return pl.col(column).is_not_null() & outside
    return pl.col(column).is_null() | outside


def age(dob: pl.Expr, on: pl.Expr | dt.date) -> pl.Expr:
    """Age in whole years on a date."""
    on = pl.lit(on) if isinstance(on, dt.date) else on

    def month_day(d: pl.Expr) -> pl.Expr:
        # Month and day come back as Int8: widen before combining them.
        return d.dt.month().cast(pl.Int32) * 100 + d.dt.day().cast(pl.Int32)

    before_birthday = month_day(on) < month_day(dob)
    return on.dt.year() - dob.dt.year() - before_birthday.cast(pl.Int32)


def birthday(dob: pl.Expr, years: int) -> pl.Expr:
    """The date a child born on `dob` turns `years` (29 February births on 1 March)."""
    return dob.dt.offset_by(f"{years}y")


def filled(*columns: str) -> pl.Expr:
    return pl.any_horizontal(pl.col(c).is_not_null() for c in columns)


def all_filled(*columns: str) -> pl.Expr:
    return pl.all_horizontal(pl.col(c).is_not_null() for c in columns)


def per_child_first(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.unique("CHILD", keep="first", maintain_order=True)


class Context:
    """One return's tables with the derived frames rules share, each computed once."""

    def __init__(self, tables: ReturnTables):
        self.tables = tables
        self.year = tables.collection_year
        self.start, self.end = collection_dates(tables.collection_year)

    def t(self, name: str) -> pl.DataFrame:
        return self.tables.tables[name]

    def last(self, name: str) -> pl.DataFrame:
        """Last year's table (rules that read it declare needs={"previous"})."""
        return self.tables.previous[name]

    def lookup(self, name: str) -> pl.DataFrame:
        return self.tables.lookups[name]

    @cached_property
    def header(self) -> pl.DataFrame:
        """One Header row per child (the first), for joining a child's facts onto other tables."""
        return per_child_first(self.t("Header"))

    def with_header(self, frame: pl.DataFrame, *columns: str) -> pl.DataFrame:
        """A table with the child's Header fields joined on, suffixed `_h` (DOB → DOB_h date)."""
        wanted = {"DOB#date": "DOB_h", "SEX": "SEX_h", "MOTHER": "MOTHER_h", "UPN": "UPN_h"}
        wanted.update({c: f"{c}_h" for c in columns})
        right = self.header.select("CHILD", *[pl.col(k).alias(v) for k, v in wanted.items()])
        return frame.join(right, on="CHILD", how="left")

    @cached_property
    def episodes(self) -> pl.DataFrame:
        """Episodes in date order within each child, with the child's DOB, the neighbouring
        episodes' fields (`prev_*`, `next_*`), and periods of care (`period`, `period_start`,
        `period_end`, `period_began`): a period begins at RNE S (or at a child's first
        episode)."""
        keep = ["DECOM", "DEC", "RNE", "LS", "PLACE", "REC", "PL_POST", "URN", "PLACE_PROVIDER"]
        ep = (
            self.with_header(self.t("Episodes"))
            .sort(["CHILD", "DECOM#date", "row"], nulls_last=True)
            .with_columns(
                (pl.int_range(pl.len()).over("CHILD")).alias("seq"),
                pl.len().over("CHILD").alias("n_episodes"),
            )
        )
        shifted = []
        for c in keep:
            col = date_column(c) if c in ("DECOM", "DEC") else c
            name = c.lower()
            shifted.append(pl.col(col).shift(1).over("CHILD").alias(f"prev_{name}"))
            shifted.append(pl.col(col).shift(-1).over("CHILD").alias(f"next_{name}"))
        ep = ep.with_columns(shifted)
        ep = ep.with_columns(
            ((pl.col("RNE") == "S") | (pl.col("seq") == 0))
            .fill_null(False)
            .cast(pl.Int32)
            .cum_sum()
            .over("CHILD")
            .alias("period")
        )
        return ep.with_columns(
            D("DECOM").min().over(["CHILD", "period"]).alias("period_start"),
            D("DEC").last().over(["CHILD", "period"]).alias("period_end"),
            # The start of the period where this return shows it (an S episode); null for a
            # period continuing from before the return's first episode.
            pl.when(pl.col("RNE").first().over(["CHILD", "period"]) == "S")
            .then(D("DECOM").min().over(["CHILD", "period"]))
            .alias("period_began"),
            (pl.col("seq") == pl.col("n_episodes") - 1).alias("is_last"),
        )

    @cached_property
    def latest_episodes(self) -> pl.DataFrame:
        """Each child's latest episode."""
        return self.episodes.filter(pl.col("is_last"))

    @cached_property
    def open_at_end(self) -> pl.DataFrame:
        """Episodes still open at the end of the collection year (no end date, or a later one).
        An end date written but unreadable is not taken as open (rule 147 reports it)."""
        end = pl.lit(self.end)
        return self.episodes.filter(
            (D("DECOM") <= end) & (pl.col("DEC").is_null() | (D("DEC") > end))
        )

    @cached_property
    def oc2_cohort(self) -> pl.DataFrame:
        """Children looked after continuously for at least 12 months at 31 March (DfE OC2 cohort):
        in care at the year's end in a period of care that began on or before its first day,
        leaving out children whose period is only short breaks (V3/V4). Column: CHILD."""
        ep = self.episodes
        current = self.open_at_end.select("CHILD", "period").unique()
        period = ep.join(current, on=["CHILD", "period"], how="inner")
        return (
            period.group_by("CHILD")
            .agg(
                pl.col("period_start").first().alias("ps"),
                (~pl.col("LS").is_in(["V3", "V4"])).any().alias("not_respite"),
            )
            .filter((pl.col("ps") <= pl.lit(self.start)) & pl.col("not_respite"))
            .select("CHILD")
        )

    def in_oc2_cohort(self, frame: pl.DataFrame) -> pl.Expr:
        return pl.col("CHILD").is_in(self.oc2_cohort["CHILD"].implode())

    def children(self, frame: pl.DataFrame) -> pl.Series:
        return frame["CHILD"].drop_nulls().unique()

    def has(self, table: str) -> pl.Expr:
        """The child has a row in a table of this return."""
        return pl.col("CHILD").is_in(self.children(self.t(table)).implode())

    @cached_property
    def uasc_children(self) -> pl.Series:
        """Children who are or were unaccompanied asylum seekers: flagged UASC in the header
        (where the return carries the flag) or with a row in the UASC table."""
        flagged = self.t("Header").filter(pl.col("UASC") == "1")
        return pl.concat([self.children(flagged), self.children(self.t("UASC"))]).unique()

    @cached_property
    def looked_after_in_year(self) -> pl.Series:
        """Children with an episode open at some point in the collection year."""
        ep = self.episodes.filter(
            (D("DECOM") <= pl.lit(self.end))
            & (D("DEC").is_null() | (D("DEC") >= pl.lit(self.start)))
        )
        return self.children(ep)


_CACHE_KEY = "ssda903.context"


def context(tables: ReturnTables) -> Context:
    """The context of a return, built once and kept on the return for the other rules."""
    cache = tables.cache
    found = cache.get(_CACHE_KEY)
    if found is None:
        found = cache[_CACHE_KEY] = Context(tables)
    return found
