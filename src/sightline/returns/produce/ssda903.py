"""The SSDA903 return (children looked after) from the live record, one CSV file per table.

Scope (DfE SSDA903 guide): every child looked after at any time in the collection year, and the
care leavers whose 17th to 21st birthday falls in it. Columns and file names are exactly those of
shared/domain/formats.md §3; dates are dd/mm/YYYY; a value the record does not hold is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from sightline.returns.produce.files import ReturnError, audit_return_export, staged
from sightline.returns.produce.record import LiveRecord
from sightline.returns.produce.ssda903_modules import (
    SHORT_BREAKS,
    Ssda903Modules,
    periods_of_care,
    reason_for_change,
    until,
)
from sightline.returns.produce.years import CollectionYear

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "Header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "Episodes": (
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
    ),
    "Reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "UASC": ("CHILD", "SEX", "DOB", "DUC"),
    "OC2": (
        "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
        "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "OC3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "AD1": (
        "CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    "PlacedAdoption": ("CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"),
    "PrevPerm": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "Missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "SWEpisodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
}  # fmt: skip

# Fields Sightline's record does not hold: always empty (docs/returns.md).
NOT_CARRIED: dict[str, tuple[str, ...]] = {
    "AD1": ("NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
}

_NO_PROVIDER = ("T0", "T1", "T2", "T3", "T4", "Z1", "Z11", "Z12", "Z13", "Z14")
SEX_FROM_YEAR = 2025  # 903 SEX is M/F from the 2024-25 collection; 1/2 before it
_OLD_SEX = {"M": "1", "F": "2"}


@dataclass(frozen=True)
class Ssda903Written:
    directory: Path
    rows: dict[str, int]
    children: int


class _Return(Ssda903Modules):
    def __init__(self, record: LiveRecord, year: CollectionYear):
        self.record, self.year, self.as_at = record, year, year.as_at
        episodes = record["lac_episodes"].filter(pl.col("start_date") <= self.as_at)
        episodes = episodes.with_columns(
            until("end_date", self.as_at),
            pl.when(pl.col("end_date") <= self.as_at)
            .then(pl.col("reason_ceased"))
            .alias("reason_ceased"),
        )
        self.all_episodes = periods_of_care(episodes).with_columns(
            reason_for_change(self.as_at).alias("reason_place_change")
        )
        self.episodes = self.all_episodes.filter(
            pl.col("end_date").is_null() | (pl.col("end_date") >= year.start)
        )
        self.children = record["children"]

    def _ids(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Add CHILD (the LA child ID) and DOB to a frame keyed by child_id."""
        return frame.join(
            self.children.select(
                "child_id",
                pl.col("la_child_id").alias("CHILD"),
                pl.col("date_of_birth").alias("DOB"),
            ),
            on="child_id",
            how="inner",
        )

    def _sex(self) -> pl.Expr:
        if self.year.end_year >= SEX_FROM_YEAR:
            return pl.col("sex")
        return pl.col("sex").replace_strict(_OLD_SEX, default=None)

    def tables(self) -> dict[str, pl.DataFrame]:
        year, as_at = self.year, self.as_at
        episodes = self._ids(self.episodes)
        oc3 = self.care_leavers()
        in_return = pl.concat([episodes.select("child_id"), oc3.select("child_id")]).unique()
        looked_after = episodes.select("child_id").unique()
        children = self._ids(self.children.join(in_return, on="child_id", how="semi"))
        # Children looked after only for short breaks (every episode V3 or V4) report no
        # motherhood and no reviews, and a short break no postcodes (DfE rules 398, 399).
        short_break = pl.col("legal_status").is_in(SHORT_BREAKS).fill_null(False)
        short_breaks_only = (
            episodes.group_by("child_id")
            .agg(short_break.all().alias("only"))
            .filter(pl.col("only"))
            .select("child_id")
        )

        babies = (
            self.record["mothers"]
            .filter(pl.col("baby_date_of_birth") <= as_at)
            .group_by("child_id")
            .agg(pl.col("baby_date_of_birth").min().alias("MC_DOB"))
        )
        header = children.join(babies, on="child_id", how="left").with_columns(
            self._sex().alias("SEX"),
            pl.col("ethnicity").alias("ETHNIC"),
            pl.coalesce("upn", "upn_unknown_reason").alias("UPN"),
            # Motherhood is asked of girls looked after in the year, not of care leavers only
            # in OC3 (rule 628) nor of children only on short breaks.
            pl.when(
                (pl.col("sex") == "F")
                & pl.col("child_id").is_in(looked_after["child_id"].implode())
                & ~pl.col("child_id").is_in(short_breaks_only["child_id"].implode())
            )
            .then(pl.col("MC_DOB").is_not_null().cast(pl.Int8).cast(pl.String))
            .alias("MOTHER"),
        )

        # Temporary and "other" placements are reported without provider, postcode or URN
        # (DfE rules 213, 214), whatever the record knows of them.
        no_provider = pl.col("placement_type").is_in(_NO_PROVIDER).fill_null(False)
        episodes_table = episodes.sort(["CHILD", "start_date", "episode_id"]).select(
            "child_id",
            "CHILD",
            pl.col("start_date").alias("DECOM"),
            pl.col("reason_new_episode").alias("RNE"),
            pl.col("legal_status").alias("LS"),
            pl.col("category_of_need").alias("CIN"),
            pl.col("placement_type").alias("PLACE"),
            pl.when(~no_provider).then(pl.col("placement_provider")).alias("PLACE_PROVIDER"),
            pl.col("end_date").alias("DEC"),
            pl.col("reason_ceased").alias("REC"),
            pl.col("reason_place_change").alias("REASON_PLACE_CHANGE"),
            pl.when(~short_break).then(pl.col("home_postcode")).alias("HOME_POST"),
            pl.when(~short_break & ~no_provider)
            .then(pl.col("placement_postcode"))
            .alias("PL_POST"),
            pl.when(~no_provider).then(pl.col("placement_urn")).alias("URN"),
        )

        def of_looked_after(frame: pl.DataFrame) -> pl.DataFrame:
            return self._ids(frame.join(looked_after, on="child_id", how="semi"))

        reviews = of_looked_after(
            self.record["lac_reviews"]
            .filter(pl.col("date").is_between(year.start, as_at))
            .join(short_breaks_only, on="child_id", how="anti")
        ).select(
            "child_id",
            "CHILD",
            "DOB",
            pl.col("date").alias("REVIEW"),
            pl.col("participation").alias("REVIEW_CODE"),
        )

        uasc = (
            children.join(looked_after, on="child_id", how="semi")
            .filter(pl.col("is_uasc") | pl.col("uasc_ceased_on").is_not_null())
            .select(
                "child_id",
                "CHILD",
                self._sex().alias("SEX"),
                "DOB",
                until("uasc_ceased_on", as_at).alias("DUC"),
            )
        )

        missing = of_looked_after(
            self.record["missing_episodes"].filter(
                (pl.col("start_date") <= as_at)
                & (pl.col("end_date").is_null() | (pl.col("end_date") >= year.start))
            )
        ).select(
            "child_id", "CHILD", "DOB", pl.col("kind").alias("MISSING"),
            pl.col("start_date").alias("MIS_START"), until("end_date", as_at).alias("MIS_END"),
        )  # fmt: skip

        return {
            "Header": header,
            "Episodes": episodes_table,
            "Reviews": reviews,
            "UASC": uasc,
            "OC2": self.outcomes(),
            "OC3": oc3,
            "AD1": self.adopted(),
            "PlacedAdoption": self.placed_for_adoption(looked_after),
            "PrevPerm": self.previous_permanence(),
            "Missing": missing,
            "SWEpisodes": self.social_workers(looked_after),
        }


def _as_csv(name: str, frame: pl.DataFrame, columns: tuple[str, ...]) -> pl.DataFrame:
    empty = NOT_CARRIED.get(name, ())
    selected = frame.select(
        pl.lit(None, pl.String).alias(column) if column in empty else pl.col(column)
        for column in columns
    )
    return selected.with_columns(
        pl.col(name).dt.to_string("%d/%m/%Y")
        for name, dtype in selected.schema.items()
        if dtype == pl.Date
    ).with_columns(pl.all().cast(pl.String))


def ssda903_tables(
    *, year: CollectionYear, record: LiveRecord | None = None
) -> dict[str, pl.DataFrame]:
    """The eleven SSDA903 tables for a year as at its as-at date: exactly the return's columns
    (text, dates dd/mm/YYYY), plus `child_id` where it helps the caller audit or test."""
    built = _Return(record or LiveRecord(), year).tables()
    return {
        name: _as_csv(name, built[name], columns).with_columns(built[name].get_column("child_id"))
        for name, columns in TABLE_COLUMNS.items()
    }


def ssda903_write(*, year: CollectionYear, out: Path, actor=None, request=None) -> Ssda903Written:
    """Write the SSDA903 tables for `year` as CSV files into directory `out`, and audit them."""
    out = Path(out)
    if not out.is_dir():
        raise ReturnError(f"{out} is not a directory that exists; create it first")
    tables = ssda903_tables(year=year)
    child_ids = tables["Header"].get_column("child_id").to_list()
    if not child_ids:
        raise ReturnError(
            f"No child was looked after, and no care leaver had a birthday to report, between "
            f"{year.start.isoformat()} and {year.as_at.isoformat()}: there is no {year.label} "
            f"SSDA903 return to write."
        )
    paths = [out / f"{name}.csv" for name in TABLE_COLUMNS]
    with staged(paths) as temporaries:
        for (name, columns), temporary in zip(TABLE_COLUMNS.items(), temporaries, strict=True):
            tables[name].select(columns).write_csv(temporary)
        audit_return_export(
            actor=actor,
            request=request,
            export="ssda903",
            child_ids=child_ids,
            detail={
                "collection_year": year.label,
                "as_at": year.as_at.isoformat(),
                "row_count": sum(t.height for t in tables.values()),
            },
        )
    return Ssda903Written(
        directory=out,
        rows={name: frame.height for name, frame in tables.items()},
        children=len(child_ids),
    )
