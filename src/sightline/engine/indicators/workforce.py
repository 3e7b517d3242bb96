"""Workforce and oversight indicators, as items (``run.items``)."""

from __future__ import annotations

import polars as pl

from sightline.engine.indicators.run import Run, items, per_point
from sightline.standards import codes

__all__ = ["PRODUCERS", "SUPERVISED_ROLES"]

# The practitioners T-SUPERVISION applies to (``engine.deadlines.workforce``); a worker with
# no role recorded is treated as one there too.
SUPERVISED_ROLES = [
    codes.ROLE.enum.SOCIAL_WORKER.value,
    codes.ROLE.enum.SENIOR_PRACTITIONER.value,
    codes.ROLE.enum.FRONT_DOOR.value,
    codes.ROLE.enum.PERSONAL_ADVISER.value,
]


def _in_post(day: str = "day") -> pl.Expr:
    return (pl.col("started_on").is_null() | (pl.col("started_on") <= pl.col(day))) & (
        pl.col("left_on").is_null() | (pl.col("left_on") >= pl.col(day))
    )


def _open_cases(run: Run) -> pl.DataFrame:
    """Each child with a referral (CIN episode) open on each point, once."""
    cases = run.points.open_between(run.frame("referrals"), "referral_date", "closure_date")
    return (
        run.points.explode(cases).select("child_id", "point", "day").unique(["child_id", "point"])
    )


def _named_allocations(run: Run) -> pl.DataFrame:
    """Allocations to a named worker on each point who is in post that day."""
    allocations = run.points.open_between(
        run.frame("allocations").filter(pl.col("worker_id").is_not_null()),
        "start_date",
        "end_date",
    )
    workers = run.frame("workers").select(
        "worker_id", "started_on", "left_on", worker_team="team_id"
    )
    return (
        run.points.explode(allocations)
        .join(workers, on="worker_id", how="left")
        .filter(_in_post())
        .with_columns(team_id=pl.coalesce("team_id", "worker_team"))
    )


def caseload(run: Run) -> pl.DataFrame:
    """K-CASELOAD: on each point, children allocated to each named worker in post (the
    numerator) and one per such worker (the denominator), in the allocation's team."""
    held = _named_allocations(run).unique(["child_id", "worker_id", "team_id", "point"])
    children = items(per_point(held), num=1.0, den=0.0, attributed=True, on="day")
    workers = held.unique(["worker_id", "team_id", "point"]).drop("child_id")
    return pl.concat([children, items(per_point(workers), num=0.0, attributed=True, on="day")])


def unallocated(run: Run) -> pl.DataFrame:
    """K-UNALLOCATED: children with an open case on the point and no allocation to a named
    worker in post that day."""
    allocated = (
        _named_allocations(run)
        .select("child_id", "point")
        .unique()
        .with_columns(allocated=pl.lit(True))
    )
    frame = _open_cases(run).join(allocated, on=["child_id", "point"], how="left")
    return items(per_point(frame), num=pl.col("allocated").is_null(), on="day")


def worker_changes(run: Run) -> pl.DataFrame:
    """K-WORKER-CHANGES: children with an open case on the point allocated to 3 or more
    different workers in the 12 months to it."""
    named = run.frame("allocations").filter(pl.col("worker_id").is_not_null())
    # Only children with 3 or more workers ever can have had 3 in a year.
    several = named.group_by("child_id").agg(pl.col("worker_id").n_unique().alias("ever"))
    named = named.join(several.filter(pl.col("ever") >= 3), on="child_id", how="semi")
    allocations = run.points.overlapping(named, "start_date", "end_date")
    workers = (
        run.points.explode(allocations)
        .group_by("child_id", "point")
        .agg(workers=pl.col("worker_id").n_unique())
    )
    frame = _open_cases(run).join(workers, on=["child_id", "point"], how="left")
    return items(per_point(frame), num=pl.col("workers").fill_null(0) >= 3, on="day")


def _overdue_on_points(run: Run, rule_ids: list[str] | None) -> pl.DataFrame:
    """Deadlines overdue on each point whose context (case, plan, period) is still open."""
    overdue = run.points.explode(run.deadlines.overdue(rule_ids))
    return overdue.filter(
        pl.col("context_end").is_null() | (pl.col("context_end") >= pl.col("day"))
    )


def oversight(run: Run) -> pl.DataFrame:
    """K-OVERSIGHT: children with an open case on the point and no overdue management
    oversight clock (T-OVERSIGHT, T-OVERSIGHT-CP) of an open case."""
    late = (
        _overdue_on_points(run, ["T-OVERSIGHT-CP", "T-OVERSIGHT"])
        .select("child_id", "point")
        .unique()
        .with_columns(late=pl.lit(True))
    )
    frame = _open_cases(run).join(late, on=["child_id", "point"], how="left")
    return items(per_point(frame), num=pl.col("late").is_null(), on="day")


def supervision(run: Run) -> pl.DataFrame:
    """K-SUPERVISION: practitioners in post on the point (in their team); those with no
    overdue T-SUPERVISION clock."""
    workers = run.frame("workers").filter(
        pl.col("role").is_in(SUPERVISED_ROLES) | pl.col("role").is_null()
    )
    workers = run.points.open_between(
        workers.with_columns(pl.col("started_on").fill_null(run.points.days[0])),
        "started_on",
        "left_on",
    )
    workers = run.points.explode(workers)
    late = (
        _overdue_on_points(run, ["T-SUPERVISION"])
        .select("worker_id", "point")
        .unique()
        .with_columns(late=pl.lit(True))
    )
    frame = workers.join(late, on=["worker_id", "point"], how="left").drop("child_id", strict=False)
    return items(per_point(frame), num=pl.col("late").is_null(), attributed=True, on="day")


def overdue(run: Run) -> pl.DataFrame:
    """K-OVERDUE: deadlines of every rule overdue on the point whose context is still open.
    A worker's own (supervision) deadlines count in their team."""
    rows = _overdue_on_points(run, None)
    children = rows.filter(pl.col("child_id").is_not_null())
    workers = (
        rows.filter(pl.col("child_id").is_null())
        .drop("team_id", strict=False)
        .join(run.frame("workers").select("worker_id", "team_id"), on="worker_id", how="left")
    )
    return pl.concat(
        [
            items(per_point(children), num=1.0, den=None, on="day"),
            items(per_point(workers), num=1.0, den=None, attributed=True, on="day"),
        ]
    )


PRODUCERS = {
    "K-CASELOAD": caseload,
    "K-UNALLOCATED": unallocated,
    "K-WORKER-CHANGES": worker_changes,
    "K-OVERSIGHT": oversight,
    "K-SUPERVISION": supervision,
    "K-OVERDUE": overdue,
}
