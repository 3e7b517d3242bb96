"""Looked-after children's health and education clocks: health assessments, dental checks,
SDQs and personal education plans, each within a period of care."""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from sightline.engine.deadlines.clocks import (
    as_candidates,
    chain,
    deadline,
    deadline_by_case,
    first_event,
    shift_months,
)
from sightline.engine.deadlines.evaluation import Evaluation, Producer

__all__ = ["PRODUCERS"]


def _periods_with_birth(ev: Evaluation) -> pl.LazyFrame:
    return (
        ev.periods_of_care.lazy()
        .select("ctx", "child_id", "start", "end")
        .join(ev.birth_dates.lazy().select("child_id", "date_of_birth"), on="child_id", how="left")
    )


def _events(ev: Evaluation, frame: str, event_id: str) -> pl.LazyFrame:
    return ev.frame(frame).select("child_id", "date", event_id=event_id)


def _first_in_period(
    ev: Evaluation, rule_id: str, frame: str, event_id: str, clock_start: pl.Expr
) -> pl.LazyFrame:
    periods = _periods_with_birth(ev).with_columns(
        clock_start=clock_start, window_start="start", window_end="end"
    )
    return as_candidates(
        first_event(periods, _events(ev, frame, event_id)).select(
            "child_id",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline(rule_id, ev.deadline(rule_id)),
            record_id="ctx",
            context_end="end",
        )
    )


def _chain_candidates(clocks: pl.DataFrame, rule: list[pl.Expr], **extra: str) -> pl.LazyFrame:
    return as_candidates(
        clocks.select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            *rule,
            record_id="ctx",
            context_end="end",
            **extra,
        )
    )


def initial_health_assessment(ev: Evaluation) -> pl.LazyFrame:
    """T-IHA: 20 working days from becoming looked after to a health assessment.

    Met by the first health assessment of any kind dated in the period of care: the duty is
    that the child's health is assessed, and a mislabelled record should not hide that it was.
    """
    return _first_in_period(
        ev, "T-IHA", "health_assessments", "health_assessment_id", pl.col("start")
    )


def review_health_assessments(ev: Evaluation) -> pl.LazyFrame:
    """T-RHA: from each health assessment, 6 months if the child is under 5 that day, else 12.

    The chain starts at the first assessment in the period (the one that met T-IHA). A child
    whose date of birth is unknown gets the shorter interval.
    """
    clocks = chain(
        _periods_with_birth(ev),
        _events(ev, "health_assessments", "health_assessment_id"),
        from_start=False,
    )
    under_5 = pl.col("date_of_birth").is_null() | (
        pl.col("clock_start") < shift_months("date_of_birth", 60)
    )
    rule = deadline_by_case(
        [(under_5, "T-RHA", ev.deadline("T-RHA", "under_5"))], ("T-RHA", ev.deadline("T-RHA"))
    )
    return _chain_candidates(clocks, rule)


def dental_checks(ev: Evaluation) -> pl.LazyFrame:
    """T-DENTAL: 12 months from becoming looked after, then from each dental check."""
    clocks = chain(_periods_with_birth(ev), _events(ev, "dental_checks", "dental_check_id"))
    return _chain_candidates(clocks, deadline("T-DENTAL", ev.deadline("T-DENTAL")))


def sdqs(ev: Evaluation) -> pl.LazyFrame:
    """T-SDQ: for children aged 4 to 16, 12 months from the later of becoming looked after and
    the 4th birthday, then from each SDQ.

    A clock falling due on or after the 17th birthday is not a deadline unless it was met.
    With no date of birth the whole period of care counts.
    """
    periods = (
        _periods_with_birth(ev)
        .with_columns(
            start=pl.max_horizontal("start", shift_months("date_of_birth", 48)),
            applies_until=shift_months("date_of_birth", 204) - timedelta(days=1),
        )
        .filter(pl.col("end").is_null() | (pl.col("start") <= pl.col("end")))
        .filter(pl.col("applies_until").is_null() | (pl.col("start") <= pl.col("applies_until")))
    )
    clocks = chain(periods, _events(ev, "sdq_scores", "sdq_id"))
    return _chain_candidates(
        clocks, deadline("T-SDQ", ev.deadline("T-SDQ")), applies_until="applies_until"
    )


def personal_education_plan(ev: Evaluation) -> pl.LazyFrame:
    """T-PEP: 20 working days from the later of becoming looked after and the 3rd birthday.

    Personal education plans start with early-years education, so a baby's clock waits for
    their 3rd birthday; a plan made earlier in the period of care still counts.
    """
    return _first_in_period(
        ev,
        "T-PEP",
        "education_plans",
        "pep_id",
        pl.max_horizontal("start", shift_months("date_of_birth", 36)),
    )


def pep_reviews(ev: Evaluation) -> pl.LazyFrame:
    """T-PEP-REVIEW: 3 months from each personal education plan in the period of care."""
    clocks = chain(
        _periods_with_birth(ev), _events(ev, "education_plans", "pep_id"), from_start=False
    )
    return _chain_candidates(clocks, deadline("T-PEP-REVIEW", ev.deadline("T-PEP-REVIEW")))


PRODUCERS = {
    ("T-IHA",): Producer("lac_episodes", initial_health_assessment),
    ("T-RHA",): Producer("lac_episodes", review_health_assessments),
    ("T-DENTAL",): Producer("lac_episodes", dental_checks),
    ("T-SDQ",): Producer("lac_episodes", sdqs),
    ("T-PEP",): Producer("lac_episodes", personal_education_plan),
    ("T-PEP-REVIEW",): Producer("lac_episodes", pep_reviews),
}
