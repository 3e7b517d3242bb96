"""Child protection indicators, as items (``run.items``)."""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from sightline.engine.indicators.run import Run, items, per_point
from sightline.standards import codes

__all__ = ["PRODUCERS"]

_CP_VISIT = codes.VISIT_KIND.enum.CP.value
# "Of speaking age": a local reading, as the dataset records no communication needs.
_SPEAKING_AGE_YEARS = 4


def s47(run: Run) -> pl.DataFrame:
    """K-S47: section 47 enquiries by start date."""
    frame = run.points.in_period(run.frame("section47_enquiries"), "start_date")
    return items(frame, num=1.0, den=None, on="start_date")


def icpc_15(run: Run) -> pl.DataFrame:
    """K-ICPC-15: T-ICPC clocks met (initial conference held) in each point's period, read
    from the evaluation as at that point; on time when held by the due date."""
    rows = run.with_periods(run.deadlines.point_rows(["T-ICPC"]))
    rows = rows.filter(
        pl.col("met_on").is_not_null()
        & (pl.col("met_on") >= pl.col("start_12m"))
        & (pl.col("met_on") <= pl.col("day"))
    )
    return items(per_point(rows), num=pl.col("met_on") <= pl.col("due"), on="met_on")


def _plans_open(run: Run) -> pl.DataFrame:
    """Each child on a plan at each point, once (overlapping plans count once)."""
    plans = run.points.open_between(run.frame("cp_plans"), "start_date", "end_date")
    return run.points.explode(plans).unique(["child_id", "point"], keep="first")


def cp_rate(run: Run) -> pl.DataFrame:
    """K-CPP-RATE: children on a child protection plan on each point."""
    return items(per_point(_plans_open(run)), num=1.0, den=None, on="day")


def repeat_plans(run: Run) -> pl.DataFrame:
    """K-CPP-REPEAT: plans starting in the period; the child had an earlier plan (ever)."""
    plans = (
        run.frame("cp_plans")
        .filter(pl.col("start_date").is_not_null())
        .sort("child_id", "start_date", "plan_id")
        .with_columns(earlier=pl.int_range(pl.len()).over("child_id") > 0)
    )
    frame = run.points.in_period(plans, "start_date")
    return items(frame, num=pl.col("earlier"), on="start_date")


def long_plans(run: Run) -> pl.DataFrame:
    """K-CPP-2YR: plans ending in the period that lasted 2 years or more."""
    frame = run.points.in_period(run.frame("cp_plans"), "end_date")
    lasted = pl.col("end_date") >= pl.col("start_date").dt.offset_by("24mo")
    return items(frame, num=lasted.fill_null(False), on="end_date")


def plan_reviews(run: Run) -> pl.DataFrame:
    """K-CPP-REVIEW: plans open on the point that started 3+ months before it; reviewed on
    time when no review conference (T-RCPC-1, T-RCPC) due before the point was missed or late.

    A review clock is late from the day after its due date once unmet by then, so it counts
    against every later point while the plan lasts.
    """
    plans = run.frame("cp_plans").with_columns(
        three_months=pl.col("start_date").dt.offset_by("3mo")
    )
    population = run.points.explode(
        run.points.open_between(plans, "three_months", "end_date")
    ).select("child_id", "plan_id", "point", "day")
    late = (
        run.deadlines.rows(["T-RCPC-1", "T-RCPC"])
        .filter(pl.col("met_on").is_null() | (pl.col("met_on") > pl.col("due")))
        .with_columns(never=pl.lit(None, pl.Date))
    )
    late = (
        run.points.explode(run.points.strictly_between(late, "due", "never"))
        if late.height
        else late.with_columns(point=pl.lit(None, pl.Int32))
    )
    late = late.select(plan_id="record_id", point="point").unique()
    reviewed = population.join(
        late.with_columns(late=pl.lit(True)), on=["plan_id", "point"], how="left"
    )
    return items(per_point(reviewed), num=pl.col("late").is_null(), on="day")


def cp_visits(run: Run) -> pl.DataFrame:
    """K-CP-VISITS: plan-days in each period to the point, and those on which the child's
    T-CP-VISIT clock was not overdue (uncovered from the day after it fell due until the
    visit, or the plan's end)."""
    plans = run.points.overlapping(run.frame("cp_plans"), "start_date", "end_date")
    plans = run.with_periods(run.points.explode(plans).drop("day"))
    first = pl.max_horizontal("start_date", "start_12m")
    last = pl.min_horizontal(pl.col("end_date").fill_null(pl.col("day")), "day")
    plans = plans.with_columns(days=(last - first).dt.total_days() + 1).filter(pl.col("days") > 0)
    rows = (
        run.deadlines.rows(["T-CP-VISIT"])
        .with_columns(
            uncovered_from=pl.col("due") + timedelta(days=1),
            uncovered_to=pl.min_horizontal(pl.col("met_on") - timedelta(days=1), "context_end"),
        )
        .filter(
            pl.col("uncovered_to").is_null() | (pl.col("uncovered_to") >= pl.col("uncovered_from"))
        )
    )
    gaps = run.with_periods(
        run.points.explode(run.points.overlapping(rows, "uncovered_from", "uncovered_to")).drop(
            "day"
        )
    )
    gap_first = pl.max_horizontal("uncovered_from", "start_12m")
    gap_last = pl.min_horizontal(pl.col("uncovered_to").fill_null(pl.col("day")), "day")
    gaps = (
        gaps.with_columns(gap=(gap_last - gap_first).dt.total_days() + 1)
        .filter(pl.col("gap") > 0)
        .group_by(plan_id="record_id", point="point")
        .agg(pl.col("gap").sum())
    )
    covered = plans.join(gaps, on=["plan_id", "point"], how="left").with_columns(
        pl.col("gap").fill_null(0)
    )
    return items(
        per_point(covered),
        num=(pl.col("days") - pl.col("gap")).cast(pl.Float64),
        den=pl.col("days").cast(pl.Float64),
        on="day",
    )


def seen_alone(run: Run) -> pl.DataFrame:
    """K-SEEN-ALONE: CP visits in the period with the child seen, to children aged 4+."""
    visits = (
        run.frame("visits")
        .filter((pl.col("kind") == _CP_VISIT) & pl.col("child_seen").fill_null(False))
        .join(run.frame("children").select("child_id", "date_of_birth"), on="child_id")
        .filter(
            pl.col("date_of_birth").dt.offset_by(f"{_SPEAKING_AGE_YEARS * 12}mo") <= pl.col("date")
        )
    )
    frame = run.points.in_period(visits, "date")
    return items(frame, num=pl.col("seen_alone").fill_null(False), on="date")


PRODUCERS = {
    "K-S47": s47,
    "K-ICPC-15": icpc_15,
    "K-CPP-RATE": cp_rate,
    "K-CPP-REPEAT": repeat_plans,
    "K-CPP-2YR": long_plans,
    "K-CPP-REVIEW": plan_reviews,
    "K-CP-VISITS": cp_visits,
    "K-SEEN-ALONE": seen_alone,
}
