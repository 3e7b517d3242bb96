"""Workforce clocks: supervision of practitioners (the deadline belongs to the worker)."""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from sightline.engine.deadlines.clocks import as_candidates, chain, deadline_by_case, shift_months
from sightline.engine.deadlines.evaluation import Evaluation, Producer
from sightline.standards import codes

__all__ = ["PRODUCERS"]

# Practitioners holding cases; managers, auditors, analysts and administrators are supervised
# under other arrangements. A worker with no role recorded is treated as a practitioner.
_SUPERVISED_ROLES = [
    codes.ROLE.enum.SOCIAL_WORKER.value,
    codes.ROLE.enum.SENIOR_PRACTITIONER.value,
    codes.ROLE.enum.FRONT_DOOR.value,
    codes.ROLE.enum.PERSONAL_ADVISER.value,
]


def supervision(ev: Evaluation) -> pl.LazyFrame:
    """T-SUPERVISION: every 4 weeks; newly qualified workers weekly, then fortnightly.

    A worker is newly qualified when they qualified no more than 12 months before starting
    (their assessed first year in employment): weekly for their first 6 weeks, fortnightly to
    6 months. The interval is fixed when each clock starts. The first clock runs from the
    worker's start date, if known; leaving ends the chain.
    """
    workers = (
        ev.frame("workers")
        .filter(pl.col("role").is_in(_SUPERVISED_ROLES) | pl.col("role").is_null())
        .select(
            "worker_id",
            "qualified_on",
            ctx="worker_id",
            start="started_on",
            end="left_on",
            joined="started_on",
        )
    )
    events = ev.frame("supervisions").select("worker_id", "date", event_id="supervision_id")
    clocks = chain(workers, events, key="worker_id")
    newly_qualified = pl.col("qualified_on").is_not_null() & (
        pl.col("qualified_on") >= shift_months("joined", -12)
    )
    rule = "T-SUPERVISION"
    return as_candidates(
        clocks.select(
            "worker_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline_by_case(
                [
                    (
                        newly_qualified
                        & (pl.col("clock_start") < pl.col("joined") + timedelta(weeks=6)),
                        rule,
                        ev.deadline(rule, "newly_qualified_first_6_weeks"),
                    ),
                    (
                        newly_qualified & (pl.col("clock_start") < shift_months("joined", 6)),
                        rule,
                        ev.deadline(rule, "newly_qualified_to_6_months"),
                    ),
                ],
                (rule, ev.deadline(rule)),
            ),
            record_id="ctx",
            context_end="end",
        )
    )


PRODUCERS = {("T-SUPERVISION",): Producer("workers", supervision)}
