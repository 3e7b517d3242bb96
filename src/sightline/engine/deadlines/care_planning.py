"""Care planning clocks: the care plan, placement plans, the IRO, the visit after a care order
at home, and the reviews of children in a series of short breaks (CPPCR 2010)."""

from __future__ import annotations

import polars as pl

from sightline.engine.deadlines.clocks import (
    as_candidates,
    chain,
    collect,
    deadline,
    deadline_by_case,
    first_event,
)
from sightline.engine.deadlines.evaluation import SHORT_BREAKS, Evaluation, Producer
from sightline.standards import codes

__all__ = ["PRODUCERS"]

_PLACED_WITH_PARENT = codes.PLACEMENT_TYPE.enum.P1.value
_CARE_ORDER = codes.LEGAL_STATUS.enum.C2.value


def care_plan(ev: Evaluation) -> pl.LazyFrame:
    """T-CARE-PLAN: a care plan before the period of care's first placement, or within 10
    working days of its start (reg 4(2)).

    Met by the first care plan dated after the child's previous period of care ended (a plan
    made in readiness counts; one from an earlier period does not) and before this period
    ended.
    """
    periods = (
        ev.periods_of_care.lazy()
        .sort("child_id", "start")
        .with_columns(previous_end=pl.col("end").shift(1).over("child_id"))
        .with_columns(
            window_start=pl.col("previous_end").dt.offset_by("1d"), window_end=pl.col("end")
        )
    )
    plans = ev.frame("care_plans").select("child_id", "date", event_id="care_plan_id")
    return as_candidates(
        first_event(periods, plans).select(
            "child_id",
            "met_on",
            "met_by_id",
            *deadline("T-CARE-PLAN", ev.deadline("T-CARE-PLAN")),
            record_id="ctx",
            clock_start="start",
            context_end="end",
        )
    )


def placement_plan(ev: Evaluation) -> pl.LazyFrame:
    """T-PLACEMENT-PLAN: a plan for each placement before it starts or within 5 working days.

    A placement plan names the episode the placement began on; a plan naming a later episode
    of the same placement (a change of legal status only) is for the same placement. Met by
    the earliest plan for the placement, whenever dated.
    """
    placement_of = ev.episodes.lazy().select("episode_id", "placement_id")
    plans = (
        ev.frame("placement_plans")
        .filter(pl.col("date").is_not_null())
        .join(placement_of, on="episode_id", how="inner")
        .sort("placement_id", "date", "placement_plan_id")
        .group_by("placement_id", maintain_order=True)
        .agg(met_on=pl.col("date").first(), met_by_id=pl.col("placement_plan_id").first())
        .rename({"placement_id": "ctx"})
    )
    return as_candidates(
        ev.placements.lazy()
        .join(plans, on="ctx", how="left")
        .select(
            "child_id",
            "met_on",
            "met_by_id",
            *deadline("T-PLACEMENT-PLAN", ev.deadline("T-PLACEMENT-PLAN")),
            record_id="ctx",
            clock_start="start",
            context_end="end",
        )
    )


def iro_allocation(ev: Evaluation) -> pl.LazyFrame:
    """T-IRO-ALLOCATE: an independent reviewing officer within 5 working days of becoming
    looked after.

    Met on the first day from the period's start on which an IRO appointment covers the
    child: an appointment still running from before (an IRO who stayed with the child) meets
    it on day 0.
    """
    periods = ev.periods_of_care.lazy().select("ctx", "child_id", "start", "end")
    covered = (
        periods.join(
            ev.frame("iro_appointments").filter(pl.col("appointed_on").is_not_null()),
            on="child_id",
            how="inner",
        )
        .filter(
            (pl.col("ended_on").is_null() | (pl.col("ended_on") >= pl.col("start")))
            & (pl.col("end").is_null() | (pl.col("appointed_on") <= pl.col("end")))
        )
        .with_columns(covered_from=pl.max_horizontal("appointed_on", "start"))
        .sort("ctx", "covered_from", "iro_appointment_id")
        .group_by("ctx", maintain_order=True)
        .agg(met_on=pl.col("covered_from").first(), met_by_id=pl.col("iro_appointment_id").first())
    )
    return as_candidates(
        periods.join(covered, on="ctx", how="left").select(
            "child_id",
            "met_on",
            "met_by_id",
            *deadline("T-IRO-ALLOCATE", ev.deadline("T-IRO-ALLOCATE")),
            record_id="ctx",
            clock_start="start",
            context_end="end",
        )
    )


def care_order_visit(ev: Evaluation) -> pl.LazyFrame:
    """T-CARE-ORDER-VISIT: a visit within a week of a care order made for a child at home.

    A care order is made when an episode with legal status C2 starts in a period of care whose
    previous episode was not C2 (or begins the period); it applies when that episode's
    placement is with a parent (P1). Met by the first social work visit with the child seen
    from that day, before the period of care ends. The clock belongs to that episode.
    """
    episodes = ev.episodes.lazy().sort("child_id", "start_date", "episode_id")
    previous_status = pl.col("legal_status").shift(1).over("period_id")
    orders = (
        episodes.with_columns(previous_status=previous_status)
        .filter(
            (pl.col("legal_status") == _CARE_ORDER)
            & (pl.col("placement_type") == _PLACED_WITH_PARENT)
            & (pl.col("previous_status") != _CARE_ORDER).fill_null(True)
        )
        .join(
            ev.periods_of_care.lazy().select("period_id", period_end="end"),
            on="period_id",
            how="left",
        )
        .select(
            "child_id",
            ctx="episode_id",
            clock_start="start_date",
            window_start="start_date",
            window_end="period_end",
        )
    )
    return as_candidates(
        first_event(orders, ev.social_work_visits).select(
            "child_id",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline("T-CARE-ORDER-VISIT", ev.deadline("T-CARE-ORDER-VISIT")),
            record_id="ctx",
            context_end="window_end",
        )
    )


def short_break_reviews(ev: Evaluation) -> pl.LazyFrame:
    """T-SHORT-BREAK-REVIEW: children in a series of short breaks (legal status V3 or V4,
    reg 48): the first review within 3 months of the first break, then every 6 months.

    A series is a child's run of short-break episodes with no gap of more than 6 months (the
    review interval) between one break's end and the next's start. Between breaks the series
    goes on; one whose last break ended more than 6 months before the as-at date is over, and
    its context ends 6 months after that break, so a review falling due later is not needed
    and one missed before then is history. Met by looked-after reviews, chained.
    """
    six_months = pl.col("previous_end").dt.offset_by("6mo")
    breaks = (
        ev.frame("lac_episodes")
        .filter(pl.col("legal_status").is_in(SHORT_BREAKS) & pl.col("start_date").is_not_null())
        .sort("child_id", "start_date", "episode_id")
        .with_columns(
            # A break not yet ended runs on: no later break can start a new series.
            previous_end=pl.col("end_date")
            .fill_null(pl.date(2999, 12, 31))
            .cum_max()
            .shift(1)
            .over("child_id")
        )
        .with_columns(
            new_series=pl.col("previous_end").is_null() | (pl.col("start_date") > six_months)
        )
        .with_columns(series=pl.col("new_series").cum_sum())
    )
    lapsed_by = pl.lit(ev.as_at, dtype=pl.Date).dt.offset_by("-6mo")
    series = collect(
        breaks.group_by("series", maintain_order=True)
        .agg(
            pl.col("child_id").first(),
            ctx=pl.col("episode_id").first(),
            start=pl.col("start_date").first(),
            last_end=pl.col("end_date").last(),
            still_on_a_break=pl.col("end_date").is_null().any(),
        )
        .with_columns(
            end=pl.when(~pl.col("still_on_a_break") & (pl.col("last_end") < lapsed_by)).then(
                pl.col("last_end").dt.offset_by("6mo")
            )
        )
    )
    events = ev.frame("lac_reviews").select("child_id", "date", event_id="review_id")
    clocks = chain(series, events)
    rule = "T-SHORT-BREAK-REVIEW"
    return as_candidates(
        clocks.select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline_by_case(
                [(pl.col("sequence") == 0, rule, ev.deadline(rule, "first_review"))],
                (rule, ev.deadline(rule)),
            ),
            record_id="ctx",
            context_end="end",
        )
    )


PRODUCERS = {
    ("T-CARE-PLAN",): Producer("lac_episodes", care_plan),
    ("T-PLACEMENT-PLAN",): Producer("lac_episodes", placement_plan),
    ("T-IRO-ALLOCATE",): Producer("lac_episodes", iro_allocation),
    ("T-CARE-ORDER-VISIT",): Producer("lac_episodes", care_order_visit),
    ("T-SHORT-BREAK-REVIEW",): Producer("lac_episodes", short_break_reviews),
}
