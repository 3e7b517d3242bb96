"""What the CIN census rules share: registration, the census period, and located flags.

Each rule module registers its checks into `RULES` with `@rule(code, message, ...)`; the
message is the DfE's wording (shared/domain/cin-rules-2025-26.csv) and the type follows the
DfE convention that codes ending in Q are queries. A check takes `ReturnTables` and returns
one row per flagged element in `FLAG_SCHEMA`'s columns.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import numpy as np
import polars as pl

from sightline.returns.cin.period import census_reference_date
from sightline.returns.validation import FLAG_SCHEMA, ReturnTables, Rule, RuleSet
from sightline.standards.calendar import default_calendar

RULES = RuleSet("cin", "2025-26")
YEARS = ("2025-26",)

Check = Callable[[ReturnTables], pl.DataFrame]


def rule(code: str, message: str, *, tables: tuple[str, ...], fields: tuple[str, ...]):
    """Register the decorated check as CIN census rule `code` for 2025-26."""

    def register(check: Check) -> Check:
        RULES.add(
            Rule(
                code=code,
                type="query" if code.endswith("Q") else "error",
                message=message,
                tables=tables,
                fields=fields,
                check=check,
                years=YEARS,
            )
        )
        return check

    return register


def census_end(t: ReturnTables) -> date:
    """The census end: as the reader set it, or 31 March ending the collection year."""
    if t.reference_date is not None:
        return t.reference_date
    return census_reference_date(t.collection_year)


def census_start(t: ReturnTables) -> date:
    """The day after the same date a year before the census end (1 April for 31 March)."""
    end = census_end(t)
    return end.replace(year=end.year - 1) + timedelta(days=1)


def in_census(column: str, t: ReturnTables) -> pl.Expr:
    """`column` falls within the census year (nulls give null)."""
    return pl.col(column).is_between(census_start(t), census_end(t))


def table(t: ReturnTables, name: str) -> pl.DataFrame:
    return t.tables[name]


def flag(frame: pl.DataFrame, table_name: str, field: str, value: str | None = None):
    """The located flags for every row of `frame` (which carries LAchildID and row)."""
    return frame.select(
        pl.col("LAchildID").alias("child_id"),
        pl.lit(table_name).alias("table"),
        pl.col("row").cast(pl.Int64),
        pl.lit(field).alias("field"),
        (pl.col(value).cast(pl.String) if value else pl.lit(None, pl.String)).alias("value"),
    )


def no_flags() -> pl.DataFrame:
    return pl.DataFrame(schema=FLAG_SCHEMA)


def concat_flags(*frames: pl.DataFrame) -> pl.DataFrame:
    frames = [f for f in frames if f.height]
    return pl.concat(frames) if frames else no_flags()


def with_child(frame: pl.DataFrame, t: ReturnTables, *columns: str) -> pl.DataFrame:
    """`frame` with the named columns of its child's record joined on."""
    children = table(t, "children").select("child", *columns)
    return frame.join(children, on="child", how="left")


def with_episode(frame: pl.DataFrame, t: ReturnTables, *columns: str) -> pl.DataFrame:
    """`frame` (a module inside CINdetails) with the named columns of its episode joined on."""
    episodes = table(t, "cin_details").select("child", "cin", *columns)
    return frame.join(episodes, on=["child", "cin"], how="left")


def is_weekend(column: str) -> pl.Expr:
    # Polars weekday(): Monday 1 ... Sunday 7.
    return pl.col(column).dt.weekday() >= 6


def working_days_between(starts: pl.Series, ends: date) -> pl.Series:
    """Working days d with start < d <= end (England bank holidays), null where start is."""
    counts = default_calendar().working_days_between_array(
        starts.to_numpy(), np.full(len(starts), np.datetime64(ends, "D"))
    )
    values = pl.Series("n", counts.filled(0)).cast(pl.Int64)
    missing = pl.Series("missing", np.ma.getmaskarray(counts))
    return pl.select(pl.when(missing).then(None).otherwise(values)).to_series()


def truthy(column: str) -> pl.Expr:
    """A yes/no column that is true (null counts as not true)."""
    return pl.col(column).fill_null(False)


def code_year(t: ReturnTables) -> int:
    """The collection year as standards.codes numbers it: 2026 for 2025-26."""
    return census_end(t).year


def overlapping(frame: pl.DataFrame, start: str, end: str) -> pl.DataFrame:
    """Rows of `frame` that start while another row of the same child is still open.

    A row is open from its start until its end, exclusive (a null end is open at the census
    end), so one thing ending the day another starts is not an overlap. Of two rows starting
    the same day, the later in the file is the one flagged.
    """
    left = frame.select("child", "row", pl.col(start).alias("_s"), pl.col(end).alias("_e"))
    pairs = frame.join(left, on="child", how="inner").filter(
        (pl.col("row") != pl.col("row_right"))
        & pl.col(start).is_not_null()
        & pl.col("_s").is_not_null()
        & (
            (pl.col(start) > pl.col("_s"))
            | ((pl.col(start) == pl.col("_s")) & (pl.col("row") > pl.col("row_right")))
        )
        & (pl.col("_e").is_null() | (pl.col(start) < pl.col("_e")))
    )
    return pairs.unique(subset=["child", "row"], keep="first", maintain_order=True)
