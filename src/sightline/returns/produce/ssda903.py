"""The SSDA903 return (children looked after) from the live record, one CSV file per table.

Scope (DfE SSDA903 guide): every child looked after at any time in the collection year, and the
care leavers whose 17th to 21st birthday falls in it. Columns and file names are exactly those of
shared/domain/formats.md §3; dates are dd/mm/YYYY; a value the record does not hold is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import polars as pl
from django.conf import settings

from sightline.returns.produce.files import ReturnError, audit_return_export, staged
from sightline.returns.produce.record import LiveRecord
from sightline.returns.produce.years import CollectionYear
from sightline.standards.calendar import add_months

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
    "OC2": ("CONVICTED", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"),
    "AD1": ("NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"),
}

SEX_FROM_YEAR = 2025  # 903 SEX is M/F from the 2024-25 collection; 1/2 before it
_OLD_SEX = {"M": "1", "F": "2"}
_ADOPTED = ("E11", "E12")
_PREVIOUS_PERMANENCE = {"E11": "P1", "E12": "P1", "E41": "P3"} | {
    code: "P2" for code in ("E45", "E46", "E47", "E48")
}
# Placed for adoption with the child's current foster carers (903 PLACE A3, A5).
_WITH_FOSTER_CARERS = ("A3", "A5")
# Sightline's allocation end reasons are free text; these are the ones it writes itself, as the
# SSDA903 reason for a change of social worker (2023-24 guide). Anything else is OTHERS.
_SW_REASONS = {
    "Worker left the team": "LEFTRL",
    "Allocated to a named worker": "MANAGE",
}
_SW_CODES = (
    "MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "PCCHAN", "SWDIED",
    "OTHERS",
)  # fmt: skip


@dataclass(frozen=True)
class Ssda903Written:
    directory: Path
    rows: dict[str, int]
    children: int


def _until(column: str, as_at) -> pl.Expr:
    return pl.when(pl.col(column) <= as_at).then(pl.col(column)).alias(column)


def _periods(episodes: pl.DataFrame) -> pl.DataFrame:
    """Each episode with the start of the period of care it belongs to.

    A period is an unbroken chain: an episode that begins the day its predecessor ended (the
    predecessor ceasing X1) continues the period; any other start opens a new one.
    """
    ordered = episodes.sort(["child_id", "start_date", "episode_id"])
    continues = (
        (pl.col("start_date") == pl.col("end_date").shift(1).over("child_id"))
        & (pl.col("reason_ceased").shift(1).over("child_id") == "X1")
    ).fill_null(False)
    return ordered.with_columns(
        (~continues).cast(pl.Int32).cum_sum().over("child_id").alias("period")
    ).with_columns(pl.col("start_date").min().over(["child_id", "period"]).alias("period_start"))


class _Return:
    def __init__(self, record: LiveRecord, year: CollectionYear):
        self.record, self.year, self.as_at = record, year, year.as_at
        episodes = record["lac_episodes"].filter(pl.col("start_date") <= self.as_at)
        episodes = episodes.with_columns(
            _until("end_date", self.as_at),
            pl.when(pl.col("end_date") <= self.as_at)
            .then(pl.col("reason_ceased"))
            .alias("reason_ceased"),
        )
        self.all_episodes = _periods(episodes)
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

    def care_leavers(self) -> pl.DataFrame:
        """OC3: relevant and former relevant care leavers with a 17th-21st birthday in the year."""
        year, as_at = self.year, self.as_at
        leavers = self.record["care_leavers"].filter(
            pl.col("eligibility").is_in(["RELEVANT", "FORMER_RELEVANT"])
            & (pl.col("eligible_from") <= as_at)
        )
        people = self._ids(leavers.select("child_id"))
        rows = []
        for age in range(17, 22):
            rows.append(
                people.with_columns(pl.col("DOB").dt.offset_by(f"{age}y").alias("birthday")).filter(
                    (pl.col("birthday") >= year.start) & (pl.col("birthday") <= as_at)
                )
            )
        birthdays = pl.concat(rows)
        in_care = self.all_episodes.select("child_id", "start_date", "end_date")
        still_in_care = (
            birthdays.join(in_care, on="child_id")
            .filter(
                (pl.col("start_date") <= pl.col("birthday"))
                & (pl.col("end_date").is_null() | (pl.col("end_date") > pl.col("birthday")))
            )
            .select("child_id")
            .unique()
        )
        birthdays = birthdays.join(still_in_care, on="child_id", how="anti")
        # DfE: the young person's situation around the birthday: the latest contact from three
        # months before it to one month after (and by the as-at date).
        contacts = self.record["care_leaver_contacts"].filter(pl.col("date") <= as_at)
        nearest = (
            birthdays.join(contacts, on="child_id", how="left")
            .filter(
                pl.col("date").is_null()
                | (
                    (pl.col("date") >= pl.col("birthday").dt.offset_by("-3mo"))
                    & (pl.col("date") <= pl.col("birthday").dt.offset_by("1mo"))
                )
            )
            .sort("date", nulls_last=False)
            .group_by("child_id", maintain_order=True)
            .last()
        )
        birthdays = birthdays.join(
            nearest.select(
                "child_id", "in_touch", "activity", "accommodation", "accommodation_suitable"
            ),
            on="child_id",
            how="left",
        )
        in_touch = pl.col("in_touch").fill_null("NO")
        return birthdays.with_columns(
            in_touch.alias("IN_TOUCH"),
            pl.when(in_touch == "YES")
            .then(pl.col("activity"))
            .otherwise(pl.lit("0"))
            .alias("ACTIV"),
            pl.when(in_touch != "YES")
            .then(pl.lit("0"))
            .when(pl.col("accommodation_suitable").is_not_null())
            .then(
                pl.col("accommodation")
                + pl.when(pl.col("accommodation_suitable")).then(pl.lit("1")).otherwise(pl.lit("2"))
            )
            .alias("ACCOM"),
        )

    def tables(self) -> dict[str, pl.DataFrame]:
        year, as_at = self.year, self.as_at
        episodes = self._ids(self.episodes)
        oc3 = self.care_leavers()
        in_return = pl.concat([episodes.select("child_id"), oc3.select("child_id")]).unique()
        looked_after = episodes.select("child_id").unique()
        children = self._ids(self.children.join(in_return, on="child_id", how="semi"))

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
            pl.when(pl.col("sex") == "F")
            .then(pl.col("MC_DOB").is_not_null().cast(pl.Int8).cast(pl.String))
            .alias("MOTHER"),
        )

        episodes_table = episodes.sort(["CHILD", "start_date", "episode_id"]).select(
            "child_id",
            "CHILD",
            pl.col("start_date").alias("DECOM"),
            pl.col("reason_new_episode").alias("RNE"),
            pl.col("legal_status").alias("LS"),
            pl.col("category_of_need").alias("CIN"),
            pl.col("placement_type").alias("PLACE"),
            pl.col("placement_provider").alias("PLACE_PROVIDER"),
            pl.col("end_date").alias("DEC"),
            pl.col("reason_ceased").alias("REC"),
            pl.col("reason_place_change").alias("REASON_PLACE_CHANGE"),
            pl.col("home_postcode").alias("HOME_POST"),
            pl.col("placement_postcode").alias("PL_POST"),
            pl.col("placement_urn").alias("URN"),
        )

        def of_looked_after(frame: pl.DataFrame) -> pl.DataFrame:
            return self._ids(frame.join(looked_after, on="child_id", how="semi"))

        reviews = of_looked_after(
            self.record["lac_reviews"].filter(pl.col("date").is_between(year.start, as_at))
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
                _until("uasc_ceased_on", as_at).alias("DUC"),
            )
        )

        missing = of_looked_after(
            self.record["missing_episodes"].filter(
                (pl.col("start_date") <= as_at)
                & (pl.col("end_date").is_null() | (pl.col("end_date") >= year.start))
            )
        ).select(
            "child_id", "CHILD", "DOB", pl.col("kind").alias("MISSING"),
            pl.col("start_date").alias("MIS_START"), _until("end_date", as_at).alias("MIS_END"),
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

    def outcomes(self) -> pl.DataFrame:
        """OC2: children looked after continuously for at least 12 months at the as-at date."""
        as_at = self.as_at
        twelve_months_before = add_months(as_at, -12) + timedelta(days=1)
        open_now = self.all_episodes.filter(pl.col("end_date").is_null()).filter(
            pl.col("period_start") <= twelve_months_before
        )
        children = self._ids(open_now.select("child_id").unique())

        def latest_in_year(frame: pl.DataFrame, day: str) -> pl.DataFrame:
            return (
                frame.filter(pl.col(day).is_between(twelve_months_before, as_at))
                .sort(day)
                .group_by("child_id")
                .last()
            )

        def any_since(frame: pl.DataFrame, since) -> pl.DataFrame:
            return frame.filter(pl.col("date").is_between(since, as_at)).select("child_id").unique()

        sdq = latest_in_year(self.record["sdq_scores"], "date").select(
            "child_id", "score", "reason_not_completed"
        )
        immunised = (
            self.record["immunisations"]
            .filter(pl.col("recorded_on") <= as_at)
            .sort("recorded_on")
            .group_by("child_id")
            .last()
            .select("child_id", "up_to_date")
        )
        health = any_since(self.record["health_assessments"], twelve_months_before).with_columns(
            pl.lit(True).alias("health")
        )
        teeth = any_since(self.record["dental_checks"], twelve_months_before).with_columns(
            pl.lit(True).alias("teeth")
        )
        # Under-fives' health surveillance is six-monthly (Promoting the health of looked-after
        # children, 2015): up to date when a health assessment fell in the last six months.
        recent = any_since(self.record["health_assessments"], add_months(as_at, -6)).with_columns(
            pl.lit(True).alias("recent")
        )
        flag = lambda name: pl.col(name).fill_null(False).cast(pl.Int8).cast(pl.String)  # noqa: E731
        under_five = pl.col("DOB").dt.offset_by("5y") > as_at
        return (
            children.join(sdq, on="child_id", how="left")
            .join(immunised, on="child_id", how="left")
            .join(health, on="child_id", how="left")
            .join(teeth, on="child_id", how="left")
            .join(recent, on="child_id", how="left")
            .with_columns(
                pl.col("score").cast(pl.String).alias("SDQ_SCORE"),
                pl.col("reason_not_completed").alias("SDQ_REASON"),
                flag("health").alias("HEALTH_CHECK"),
                flag("up_to_date").alias("IMMUNISATIONS"),
                flag("teeth").alias("TEETH_CHECK"),
                pl.when(under_five).then(flag("recent")).alias("HEALTH_ASSESSMENT"),
            )
        )

    def adopted(self) -> pl.DataFrame:
        """AD1: children adopted (ceased care E11 or E12) in the year."""
        ceased = self.episodes.filter(
            pl.col("reason_ceased").is_in(_ADOPTED) & (pl.col("end_date") >= self.year.start)
        ).select("child_id", "placement_type")
        adoptions = (
            self.record["adoptions"]
            .filter(pl.col("decision_date") <= self.as_at)
            .sort("decision_date")
            .group_by("child_id")
            .last()
        )
        return self._ids(ceased.join(adoptions, on="child_id", how="left")).with_columns(
            pl.col("decision_date").alias("DATE_INT"),
            _until("matched_date", self.as_at).alias("DATE_MATCH"),
            pl.col("placement_type")
            .is_in(_WITH_FOSTER_CARERS)
            .cast(pl.Int8)
            .cast(pl.String)
            .alias("FOSTER_CARE"),
        )

    def placed_for_adoption(self, looked_after: pl.DataFrame) -> pl.DataFrame:
        """PlacedAdoption: each decision that a looked-after child should be placed for adoption."""
        decisions = self.record["adoptions"].filter(
            (pl.col("decision_date") <= self.as_at)
            & (pl.col("stopped_date").is_null() | (pl.col("stopped_date") >= self.year.start))
        )
        stopped = pl.col("stopped_date") <= self.as_at
        return self._ids(decisions.join(looked_after, on="child_id", how="semi")).with_columns(
            pl.col("decision_date").alias("DATE_PLACED"),
            pl.when(stopped).then(pl.col("stopped_date")).alias("DATE_PLACED_CEASED"),
            pl.when(stopped).then(pl.col("stopped_reason")).alias("REASON_PLACED_CEASED"),
        )

    def previous_permanence(self) -> pl.DataFrame:
        """PrevPerm: children who started to be looked after in the year, and any earlier order
        that ended a previous period of care in Sightline's own record."""
        starts = self.episodes.filter(
            (pl.col("reason_new_episode") == "S") & (pl.col("start_date") >= self.year.start)
        ).select("child_id", "start_date")
        earlier = self.all_episodes.filter(
            pl.col("reason_ceased").is_in(list(_PREVIOUS_PERMANENCE))
        ).select("child_id", pl.col("end_date").alias("DATE_PERM"), pl.col("reason_ceased"))
        joined = (
            starts.join(earlier, on="child_id", how="left")
            .with_columns(
                pl.when(pl.col("DATE_PERM") <= pl.col("start_date"))
                .then(pl.col("DATE_PERM"))
                .alias("DATE_PERM")
            )
            .sort("DATE_PERM", nulls_last=False)
            .group_by(["child_id", "start_date"], maintain_order=True)
            .last()
        )
        code = pl.col("reason_ceased").replace_strict(_PREVIOUS_PERMANENCE, default=None)
        known = pl.col("DATE_PERM").is_not_null()
        return self._ids(joined).with_columns(
            pl.when(known).then(code).otherwise(pl.lit("Z1")).alias("PREV_PERM"),
            pl.when(known).then(pl.lit(settings.SIGHTLINE_COUNCIL_CODE)).alias("LA_PERM"),
            pl.when(known).then(pl.col("DATE_PERM")).alias("DATE_PERM"),
        )

    def social_workers(self, looked_after: pl.DataFrame) -> pl.DataFrame:
        """SWEpisodes: each looked-after child's named social workers in the year."""
        year, as_at = self.year, self.as_at
        allocations = self.record["allocations"].filter(
            pl.col("worker_id").is_not_null()
            & (pl.col("start_date") <= as_at)
            & (pl.col("end_date").is_null() | (pl.col("end_date") >= year.start))
        )
        ended = pl.col("end_date") <= as_at
        reason = (
            pl.when(pl.col("end_reason").is_in(_SW_CODES))
            .then(pl.col("end_reason"))
            .when(pl.col("end_reason").str.starts_with("Transferred to"))
            .then(pl.lit("TSPROC"))
            .otherwise(pl.col("end_reason").replace_strict(_SW_REASONS, default="OTHERS"))
        )
        registered = pl.col("social_work_england_number").str.starts_with("SW").fill_null(False)
        return (
            self._ids(allocations.join(looked_after, on="child_id", how="semi"))
            .sort(["CHILD", "start_date"])
            .with_columns(
                pl.when(registered)
                .then(pl.col("social_work_england_number"))
                .otherwise(pl.lit("XX") + pl.col("worker_id").cast(pl.String))
                .alias("SW_ID"),
                pl.col("start_date").alias("SW_DECOM"),
                pl.when(ended).then(pl.col("end_date")).alias("SW_DEC"),
                pl.when(ended).then(reason).alias("SW_REASON"),
            )
        )


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


def ssda903_write(*, year: CollectionYear, out: Path, actor=None) -> Ssda903Written:
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
