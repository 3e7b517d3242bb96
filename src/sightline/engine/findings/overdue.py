"""Drift rules that read the deadline engine's overdue clocks: visits, assessments, allocation,
permanence, return home interviews, care proceedings and management oversight.

The clocks are never worked out here: these rules take ``evaluate_deadlines``' rows, so a
finding and the worklist that shows the same overdue visit cannot disagree. A clock whose plan,
placement or case has ended is history, not drift, so only clocks whose context is still open
on the as-at date make findings.
"""

from __future__ import annotations

import polars as pl

from sightline.engine.findings.common import (
    Drift,
    as_candidates,
    day_after,
    in_words,
    plural,
)

__all__ = ["EVIDENCE", "overdue_findings"]

_LAC_VISITS = (
    "T-LAC-VISIT-PLACEMENT",
    "T-LAC-VISIT",
    "T-LAC-VISIT-LONG-TERM",
    "T-LAC-VISIT-PARENT",
)


def _overdue_by() -> pl.Expr:
    return plural("working_days_overdue", "working day")


def _visit() -> pl.Expr:
    rule = pl.col("rule_id")
    label = (
        pl.when(rule == "T-CP-VISIT")
        .then(pl.lit("CP visit"))
        .when(rule == "T-CIN-VISIT")
        .then(pl.lit("CIN visit"))
        .when(rule == "T-LAC-VISIT-PLACEMENT")
        .then(pl.lit("Visit in the new placement"))
        .otherwise(pl.lit("Looked-after visit"))
    )
    context = pl.when(rule.is_in(_LAC_VISITS)).then(pl.lit("placement")).otherwise(pl.lit("plan"))
    seen = (
        pl.when(pl.col("sequence") > 0)
        .then(pl.format("last seen {}", in_words("clock_start")))
        .otherwise(pl.format("not seen since the {} began {}", context, in_words("clock_start")))
    )
    return pl.format("{} due {}, {} overdue; {}", label, in_words("due"), _overdue_by(), seen)


def _oversight() -> pl.Expr:
    last = (
        pl.when(pl.col("sequence") > 0)
        .then(pl.format("last recorded {}", in_words("clock_start")))
        .otherwise(pl.format("none since the referral of {}", in_words("clock_start")))
    )
    return pl.format(
        "Management oversight due {}, {} overdue; {}", in_words("due"), _overdue_by(), last
    )


# The evidence each rule's finding gives, from its overdue clock's row.
EVIDENCE: dict[str, pl.Expr] = {
    "D-VISIT": _visit(),
    "D-ASSESSMENT": pl.format(
        "Assessment for the referral of {} due {}, {} overdue",
        in_words("clock_start"),
        in_words("due"),
        _overdue_by(),
    ),
    "D-UNALLOCATED": pl.format(
        "No named worker since {}; one was due by {}, {} overdue",
        in_words("clock_start"),
        in_words("due"),
        _overdue_by(),
    ),
    "D-PERMANENCE": pl.format(
        "No permanence plan by the second review, due {}; looked after since {}",
        in_words("due"),
        in_words("clock_start"),
    ),
    "D-RHI": pl.format(
        "Returned from missing {}; return home interview due by {}, not offered",
        in_words("clock_start"),
        in_words("due"),
    ),
    "D-PROCEEDINGS": pl.format(
        "Care proceedings issued {}, due to finish by {}; {} over",
        in_words("clock_start"),
        in_words("due"),
        _overdue_by(),
    ),
    "D-OVERSIGHT": _oversight(),
}


def overdue_findings(drift: Drift, rule_ids: list[str]) -> pl.LazyFrame:
    """One candidate per overdue clock of an open context, for each of ``rule_ids`` (drift
    rules with timescales); since is the day after the clock was due."""
    parts = []
    for rule_id in rule_ids:
        rule = drift.rule(rule_id)
        overdue = (
            drift.deadlines.lazy()
            .filter(
                pl.col("rule_id").is_in(rule.timescales)
                & (pl.col("status") == "overdue")
                & pl.col("context_end").is_null()
            )
            .select(
                "child_id",
                "record_type",
                "record_id",
                rule_id=pl.lit(rule_id),
                since=day_after("due"),
                evidence=EVIDENCE[rule_id],
            )
        )
        parts.append(as_candidates(overdue))
    return pl.concat(parts) if parts else as_candidates(pl.LazyFrame(schema={"child_id": pl.Int64}))
