"""Drift rules on stability and the child's voice: changes of worker, changes of placement, and
a child not seen alone at their recent visits."""

from __future__ import annotations

import polars as pl

from sightline.engine.deadlines.clocks import open_on
from sightline.engine.deadlines.evaluation import SOCIAL_WORK_VISIT_KINDS
from sightline.engine.findings.common import Drift, as_candidates, in_words, plural
from sightline.standards.calendar import add_months

__all__ = ["PRODUCERS", "SEEN_ALONE_MIN_AGE_YEARS"]

# A baby cannot be "seen alone" in any meaningful sense; from 3 a child can be spoken with.
SEEN_ALONE_MIN_AGE_YEARS = 3


def _nth_in_window(rows: pl.LazyFrame, drift: Drift, rule_id: str, key: str) -> pl.LazyFrame:
    """Children with at least the rule's count of distinct ``key`` values among ``rows`` that
    ran at some time in the window (``start`` on or before the as-at date, ``end`` null or
    after the window opens); ``label`` names each in the evidence. Since is the start of the
    ``key`` that made the count, by first start: from then to the as-at date, that many were
    always inside the window."""
    rule = drift.rule(rule_id)
    window_after = pl.lit(drift.before(rule.period), dtype=pl.Date)
    firsts = (
        rows.filter(
            pl.col("start").is_not_null()
            & (pl.col("start") <= drift.as_at)
            & (pl.col("end").is_null() | (pl.col("end") > window_after))
        )
        .group_by("child_id", key)
        .agg(pl.col("start").min(), pl.col("label").first(), pl.col("record_id").min())
        .sort("child_id", "start", key)
        .group_by("child_id", maintain_order=True)
        .agg(
            count=pl.len(),
            since=pl.col("start").get(rule.count - 1, null_on_oob=True),
            record_id=pl.col("record_id").get(rule.count - 1, null_on_oob=True),
            labels=pl.col("label"),
        )
        .filter(pl.col("count") >= rule.count)
    )
    return firsts.with_columns(names=pl.col("labels").list.join(", "), rule_id=pl.lit(rule_id))


def worker_changes(drift: Drift) -> pl.LazyFrame:
    """D-WORKER-CHANGES: the count (3) of named workers allocated at some time in the period
    (12 months), for a child with an allocation open on the as-at date."""
    workers = drift.frame("workers").select("worker_id", "name")
    allocations = (
        drift.frame("allocations")
        .filter(pl.col("worker_id").is_not_null())
        .join(workers, on="worker_id", how="left")
        .select(
            "child_id",
            "worker_id",
            start="start_date",
            end="end_date",
            record_id="allocation_id",
            label=pl.coalesce("name", pl.format("worker {}", "worker_id")),
        )
    )
    allocated_today = (
        drift.frame("allocations")
        .filter(open_on("start_date", "end_date", drift.as_at))
        .select("child_id")
        .unique()
    )
    rule = drift.rule("D-WORKER-CHANGES")
    found = _nth_in_window(allocations, drift, rule.id, "worker_id").join(
        allocated_today, on="child_id", how="semi"
    )
    return as_candidates(
        found.with_columns(
            record_type=pl.lit("allocations"),
            evidence=pl.format(
                "{} allocated in the {} to {}: {} ({} of them by {})",
                plural("count", "worker"),
                pl.lit(rule.period.describe()),
                pl.lit(f"{drift.as_at.day} {drift.as_at:%B %Y}"),
                "names",
                pl.lit(rule.count),
                in_words("since"),
            ),
        )
    )


def placements(drift: Drift) -> pl.LazyFrame:
    """D-PLACEMENTS: the count (3) of placements running at some time in the period (12
    months), for a child in a placement on the as-at date. Placements are the deadline
    engine's (``Evaluation.placements``): a change of legal status alone is not a move."""
    rows = drift.ev.placements.lazy().select(
        "child_id",
        "start",
        "end",
        placement="ctx",
        record_id="ctx",
        label=in_words("start"),
    )
    placed_today = rows.filter(pl.col("end").is_null()).select("child_id").unique()
    rule = drift.rule("D-PLACEMENTS")
    found = _nth_in_window(rows, drift, rule.id, "placement").join(
        placed_today, on="child_id", how="semi"
    )
    return as_candidates(
        found.with_columns(
            record_type=pl.lit("lac_episodes"),
            evidence=pl.format(
                "{} in the {} to {}, begun {}",
                plural("count", "placement"),
                pl.lit(rule.period.describe()),
                pl.lit(f"{drift.as_at.day} {drift.as_at:%B %Y}"),
                "names",
            ),
        )
    )


def seen_alone(drift: Drift) -> pl.LazyFrame:
    """D-SEEN-ALONE: the child's last visits with the child seen (the count: 3) were all
    without the child seen alone ("not recorded" counts as not seen alone).

    For children aged 3 or over on the as-at date on a child protection or child in need plan,
    or looked after, that day. Visits are the social worker's (the kinds that meet the visit
    clocks), in date order. Since is the date of the visit that made the run reach the count.
    """
    rule = drift.rule("D-SEEN-ALONE")
    old_enough = drift.frame("children").filter(
        pl.col("date_of_birth")
        <= pl.lit(add_months(drift.as_at, -12 * SEEN_ALONE_MIN_AGE_YEARS), dtype=pl.Date)
    )
    open_today = pl.concat(
        [drift.open_today(name) for name in ("cp_plans", "cin_plans", "lac_episodes")]
    ).unique()
    visits = (
        drift.frame("visits")
        .filter(
            pl.col("child_seen").fill_null(False)
            & pl.col("kind").is_in(SOCIAL_WORK_VISIT_KINDS)
            & pl.col("date").is_not_null()
        )
        .join(old_enough.select("child_id"), on="child_id", how="semi")
        .join(open_today, on="child_id", how="semi")
        .sort("child_id", "date", "visit_id")
        .with_columns(
            position=pl.int_range(pl.len()).over("child_id"),
            alone=pl.col("seen_alone").fill_null(False),
        )
    )
    runs = (
        visits.group_by("child_id")
        .agg(
            visits=pl.len(),
            last_alone=pl.col("position").filter(pl.col("alone")).max(),
            last_alone_on=pl.col("date").filter(pl.col("alone")).max(),
            latest=pl.col("date").max(),
        )
        .with_columns(start_of_run=pl.col("last_alone").fill_null(-1) + 1)
        .with_columns(run=pl.col("visits") - pl.col("start_of_run"))
        .filter(pl.col("run") >= rule.count)
        .with_columns(position=pl.col("start_of_run") + rule.count - 1)
    )
    made_count = visits.select("child_id", "position", "visit_id", since="date")
    last_alone = (
        pl.when(pl.col("last_alone_on").is_null())
        .then(pl.lit("never recorded as seen alone"))
        .otherwise(pl.format("last seen alone {}", in_words("last_alone_on")))
    )
    return as_candidates(
        runs.join(made_count, on=["child_id", "position"], how="inner").select(
            "child_id",
            "since",
            rule_id=pl.lit(rule.id),
            record_type=pl.lit("visits"),
            record_id="visit_id",
            evidence=pl.format(
                "Not seen alone at the last {} (latest {}); {}",
                plural("run", "visit"),
                in_words("latest"),
                last_alone,
            ),
        )
    )


PRODUCERS = {
    "D-SEEN-ALONE": seen_alone,
    "D-PLACEMENTS": placements,
    "D-WORKER-CHANGES": worker_changes,
}
