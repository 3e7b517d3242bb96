"""Drift rules on how long a plan or process has been open: child protection plans (15 months,
2 years, second or subsequent), CIN episodes and pre-proceedings."""

from __future__ import annotations

import polars as pl

from sightline.engine.deadlines.clocks import add_duration
from sightline.engine.findings.common import (
    Drift,
    as_candidates,
    day_after,
    in_words,
    plural,
    whole_months,
)

__all__ = ["PRODUCERS"]


def _open_too_long(
    drift: Drift, rule_id: str, frame: pl.LazyFrame, start: str, evidence: pl.Expr
) -> pl.LazyFrame:
    """Rows of ``frame`` open on the as-at date whose ``start`` plus the rule's period is
    before it; since is the day after that anniversary."""
    period = drift.rule(rule_id).period
    return as_candidates(
        frame.filter(pl.col(start).is_not_null())
        .with_columns(since=day_after(add_duration(start, period, drift.ev.calendar)))
        .filter(pl.col("since") <= drift.as_at)
        .with_columns(rule_id=pl.lit(rule_id), evidence=evidence)
    )


def _open_cp_plans(drift: Drift) -> pl.LazyFrame:
    return drift.frame("cp_plans").filter(pl.col("end_date").is_null())


def _plan_open_for(drift: Drift, rule_id: str) -> pl.LazyFrame:
    months = whole_months("start_date", drift.as_at)
    return _open_too_long(
        drift,
        rule_id,
        _open_cp_plans(drift).with_columns(record_type=pl.lit("cp_plans"), record_id="plan_id"),
        "start_date",
        pl.format("CP plan started {}, open {}", in_words("start_date"), plural(months, "month")),
    )


def cp_plan_long(drift: Drift) -> pl.LazyFrame:
    """D-CP-PLAN-LONG: an open child protection plan older than the period (15 months)."""
    return _plan_open_for(drift, "D-CP-PLAN-LONG")


def cp_plan_two_years(drift: Drift) -> pl.LazyFrame:
    """D-CP-PLAN-2Y: an open child protection plan older than two years."""
    return _plan_open_for(drift, "D-CP-PLAN-2Y")


_ORDINALS = {2: "Second", 3: "Third", 4: "Fourth", 5: "Fifth"}


def cp_repeat(drift: Drift) -> pl.LazyFrame:
    """D-CP-REPEAT: an open child protection plan after an earlier plan for the child.

    Plans are numbered by start date (then ID); the previous plan is the one numbered just
    before the open plan, and the evidence gives its dates.
    """
    plans = (
        drift.frame("cp_plans")
        .filter(pl.col("start_date").is_not_null())
        .sort("child_id", "start_date", "plan_id")
        .with_columns(
            number=pl.int_range(1, pl.len() + 1).over("child_id"),
            previous_start=pl.col("start_date").shift(1).over("child_id"),
            previous_end=pl.col("end_date").shift(1).over("child_id"),
        )
        .filter(pl.col("end_date").is_null() & (pl.col("number") >= 2))
    )
    ordinal = (
        pl.col("number")
        .replace_strict(_ORDINALS, default=None, return_dtype=pl.String)
        .fill_null(pl.format("{}th", pl.col("number")))
    )
    previous_end = (
        pl.when(pl.col("previous_end").is_null())
        .then(pl.lit("still open"))
        .otherwise(in_words("previous_end"))
    )
    return as_candidates(
        plans.select(
            "child_id",
            rule_id=pl.lit("D-CP-REPEAT"),
            since="start_date",
            record_type=pl.lit("cp_plans"),
            record_id="plan_id",
            evidence=pl.format(
                "{} CP plan, started {}; previous plan {} to {}",
                ordinal,
                in_words("start_date"),
                in_words("previous_start"),
                previous_end,
            ),
        )
    )


def cin_long(drift: Drift) -> pl.LazyFrame:
    """D-CIN-LONG: a CIN episode (referral to closure) open longer than the period, for a child
    not looked after on the as-at date."""
    looked_after = drift.open_today("lac_episodes")
    episodes = (
        drift.frame("referrals")
        .filter(pl.col("closure_date").is_null())
        .join(looked_after, on="child_id", how="anti")
        .with_columns(record_type=pl.lit("referrals"), record_id="referral_id")
    )
    months = whole_months("referral_date", drift.as_at)
    return _open_too_long(
        drift,
        "D-CIN-LONG",
        episodes,
        "referral_date",
        pl.format(
            "CIN episode open since the referral of {}, {}",
            in_words("referral_date"),
            plural(months, "month"),
        ),
    )


def pre_proceedings(drift: Drift) -> pl.LazyFrame:
    """D-PRE-PROCEEDINGS: pre-proceedings still open after the period (16 weeks)."""
    weeks = (pl.lit(drift.as_at, dtype=pl.Date) - pl.col("start_date")).dt.total_days() // 7
    return _open_too_long(
        drift,
        "D-PRE-PROCEEDINGS",
        drift.frame("pre_proceedings")
        .filter(pl.col("end_date").is_null())
        .with_columns(record_type=pl.lit("pre_proceedings"), record_id="pre_proceedings_id"),
        "start_date",
        pl.format(
            "Pre-proceedings started {}, open {}", in_words("start_date"), plural(weeks, "week")
        ),
    )


PRODUCERS = {
    "D-CIN-LONG": cin_long,
    "D-CP-PLAN-LONG": cp_plan_long,
    "D-CP-PLAN-2Y": cp_plan_two_years,
    "D-CP-REPEAT": cp_repeat,
    "D-PRE-PROCEEDINGS": pre_proceedings,
}
