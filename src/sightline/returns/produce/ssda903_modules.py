"""The SSDA903 modules beyond the header and episodes: care leavers (OC3), outcomes (OC2),
adoption (AD1, PlacedAdoption), previous permanence, and social worker episodes.

A mixin of the return in `ssda903`: it expects `record`, `year`, `as_at`, `episodes` (this
year's), `all_episodes` (every episode to the as-at date, with its period of care) and `_ids`.
"""

from __future__ import annotations

from datetime import timedelta

import polars as pl
from django.conf import settings

from sightline.standards import codes
from sightline.standards.calendar import add_months

# Legal statuses of a series of short breaks (CPPCR 2010 reg 48).
SHORT_BREAKS = (codes.LEGAL_STATUS.enum.V3.value, codes.LEGAL_STATUS.enum.V4.value)

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
_PLACEMENT_CHANGES = ("P", "B", "T", "U")
_TEMPORARY = ("T0", "T1", "T2", "T3", "T4")
_SW_CODES = (
    "MANAGE", "FCONTA", "LEFTRL", "ORGRST", "TSPROC", "ABSENC", "CHCHAN", "PCCHAN", "SWDIED",
    "OTHERS",
)  # fmt: skip


_SDQ_OUT_OF_AGE = "SDQ1"


def _age(dob: pl.Expr, on) -> pl.Expr:
    """Whole years of age on a date."""
    on = pl.lit(on)
    before_birthday = (on.dt.month().cast(pl.Int32) * 100 + on.dt.day().cast(pl.Int32)) < (
        dob.dt.month().cast(pl.Int32) * 100 + dob.dt.day().cast(pl.Int32)
    )
    return on.dt.year() - dob.dt.year() - before_birthday.cast(pl.Int32)


def until(column: str, as_at) -> pl.Expr:
    return pl.when(pl.col(column) <= as_at).then(pl.col(column)).alias(column)


def periods_of_care(episodes: pl.DataFrame) -> pl.DataFrame:
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


def reason_for_change(as_at) -> pl.Expr:
    """The 903 REASON_PLACE_CHANGE of each episode (ordered by child and start): the record keeps
    why a placement began on the episode that begins it, the 903 on the episode the change ends
    (ceased X1 and followed by a new placement, RNE P, B, T or U; rules 225, 233). A temporary
    placement takes none (226)."""
    nxt = lambda column: pl.col(column).shift(-1).over("child_id")  # noqa: E731
    ends_in_a_move = (
        (pl.col("reason_ceased") == "X1")
        & (pl.col("end_date") <= as_at)
        & nxt("reason_new_episode").is_in(_PLACEMENT_CHANGES)
        & ~pl.col("placement_type").is_in(_TEMPORARY)
    ).fill_null(False)
    return (
        pl.when(ends_in_a_move & (nxt("reason_place_change") != ""))
        .then(nxt("reason_place_change"))
        .otherwise(None)
    )


class Ssda903Modules:
    """OC2, OC3, AD1, PlacedAdoption, PrevPerm and SWEpisodes."""

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
        # Under-fives' development assessments: up to date when a development check fell in
        # the twelve months (as K-DEV-CHECK counts them).
        recent = any_since(self.record["development_checks"], twelve_months_before).with_columns(
            pl.lit(True).alias("recent")
        )
        convicted = any_since(self.record["convictions"], twelve_months_before).with_columns(
            pl.lit(True).alias("convicted")
        )
        # The latest problem identified in the twelve months, with the help given for it.
        misuse = latest_in_year(self.record["substance_misuse"], "date").select(
            "child_id", pl.lit(True).alias("misuse"), "received", "offered"
        )
        flag = lambda name: pl.col(name).fill_null(False).cast(pl.Int8).cast(pl.String)  # noqa: E731
        known = lambda name: pl.col(name).cast(pl.Int8).cast(pl.String)  # noqa: E731
        under_five = pl.col("DOB").dt.offset_by("5y") > as_at
        # A child turning 4 or 17 in the year with no SDQ in it was outside the SDQ's ages when
        # it fell due: reason SDQ1 (rules 197B, 157); under 4 or 17 all year, nothing (188, 189).
        age_start = _age(pl.col("DOB"), self.year.start)
        age_end = _age(pl.col("DOB"), as_at)
        edge_age = (
            ((age_start < 4) & (age_end == 4)) | ((age_end == 17) & (age_start < 17))
        ).fill_null(False)
        return (
            children.join(sdq, on="child_id", how="left")
            .join(immunised, on="child_id", how="left")
            .join(health, on="child_id", how="left")
            .join(teeth, on="child_id", how="left")
            .join(recent, on="child_id", how="left")
            .join(convicted, on="child_id", how="left")
            .join(misuse, on="child_id", how="left")
            .with_columns(
                pl.col("score").cast(pl.String).alias("SDQ_SCORE"),
                pl.col("reason_not_completed").alias("SDQ_REASON"),
                # Health promotion (development checks) is asked only of under-fives (rules
                # 545, 546); the annual health assessment of every child in the cohort (191).
                pl.when(under_five).then(flag("recent")).alias("HEALTH_CHECK"),
                flag("up_to_date").alias("IMMUNISATIONS"),
                flag("teeth").alias("TEETH_CHECK"),
                flag("health").alias("HEALTH_ASSESSMENT"),
                # Convictions are asked of children aged 10 or over at 31 March (542, 543).
                pl.when(age_end >= 10).then(flag("convicted")).alias("CONVICTED"),
                flag("misuse").alias("SUBSTANCE_MISUSE"),
                pl.when(pl.col("misuse")).then(known("received")).alias("INTERVENTION_RECEIVED"),
                pl.when(pl.col("misuse") & ~pl.col("received"))
                .then(known("offered"))
                .alias("INTERVENTION_OFFERED"),
            )
            .with_columns(
                pl.when(pl.col("SDQ_SCORE").is_null() & pl.col("SDQ_REASON").is_null() & edge_age)
                .then(pl.lit(_SDQ_OUT_OF_AGE))
                .otherwise(pl.col("SDQ_REASON"))
                .alias("SDQ_REASON")
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
            until("matched_date", self.as_at).alias("DATE_MATCH"),
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
        # One row per child (the latest start in the year); a short break (V3/V4) is outside
        # the previous-permanence question.
        starts = (
            self.episodes.filter(
                (pl.col("reason_new_episode") == "S")
                & (pl.col("start_date") >= self.year.start)
                & ~pl.col("legal_status").is_in(SHORT_BREAKS).fill_null(False)
            )
            .group_by("child_id")
            .agg(pl.col("start_date").max())
        )
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
        """SWEpisodes: each looked-after child's named social workers in the year.

        SW_REASON is why the episode began (every episode carries one, rule SW01bSTG1): first
        contact (FCONTA) for the child's first named worker in the record, otherwise the reason
        the previous worker's allocation ended."""
        year, as_at = self.year, self.as_at
        ended_reason = (
            pl.when(pl.col("end_reason").is_in(_SW_CODES))
            .then(pl.col("end_reason"))
            .when(pl.col("end_reason").str.starts_with("Transferred to"))
            .then(pl.lit("TSPROC"))
            .otherwise(pl.col("end_reason").replace_strict(_SW_REASONS, default="OTHERS"))
        )
        named = (
            self.record["allocations"]
            .filter(pl.col("worker_id").is_not_null() & (pl.col("start_date") <= as_at))
            .sort(["child_id", "start_date"])
            .with_columns(ended_reason.alias("ended_reason"))
        )
        allocations = named.with_columns(
            pl.col("ended_reason").shift(1).over("child_id").fill_null("FCONTA").alias("began")
        ).filter(pl.col("end_date").is_null() | (pl.col("end_date") >= year.start))
        ended = pl.col("end_date") <= as_at
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
                pl.col("began").alias("SW_REASON"),
            )
        )
