"""Looked-after children's clocks: reviews, the permanence plan, statutory visits, return home
interviews, pre-proceedings and care proceedings (health and education are in
``health_education``; care and placement plans in ``care_planning``)."""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from sightline.engine.deadlines.clocks import (
    add_duration,
    as_candidates,
    chain,
    deadline,
    deadline_by_case,
    first_event,
    shift_months,
)
from sightline.engine.deadlines.evaluation import Evaluation, Producer
from sightline.standards import codes
from sightline.standards.timescales import Unit

__all__ = ["PRODUCERS"]

_PLACED_WITH_PARENT = codes.PLACEMENT_TYPE.enum.P1.value
# Long-term fostering is the placement type that records an intention to last until 18.
_LONG_TERM = [codes.PLACEMENT_TYPE.enum.U1.value, codes.PLACEMENT_TYPE.enum.U4.value]
_INTERIM_CARE_ORDER = codes.LEGAL_STATUS.enum.C1.value
_CARE_ORDER = codes.LEGAL_STATUS.enum.C2.value
_AWAY_WITHOUT_AUTHORISATION = codes.MISSING_TYPE.enum.A.value


def _periods(ev: Evaluation) -> pl.LazyFrame:
    return ev.periods_of_care.lazy().select("ctx", "child_id", "start", "end")


def lac_reviews(ev: Evaluation) -> pl.LazyFrame:
    """T-LAC-REVIEW-1, -2 and T-LAC-REVIEW: reviews through each period of care (reg 33)."""
    events = ev.frame("lac_reviews").select("child_id", "date", event_id="review_id")
    clocks = chain(_periods(ev), events)
    return as_candidates(
        clocks.select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline_by_case(
                [
                    (pl.col("sequence") == 0, "T-LAC-REVIEW-1", ev.deadline("T-LAC-REVIEW-1")),
                    (pl.col("sequence") == 1, "T-LAC-REVIEW-2", ev.deadline("T-LAC-REVIEW-2")),
                ],
                ("T-LAC-REVIEW", ev.deadline("T-LAC-REVIEW")),
            ),
            record_id="ctx",
            context_end="end",
        )
    )


def permanence_plan(ev: Evaluation) -> pl.LazyFrame:
    """T-PERMANENCE-PLAN: a permanence plan by the second review.

    Due on the second review's date once it is held (even if it was held late: the plan is
    judged against the review that considered it). Until then, due when the second review is
    due: 3 months after the first review, or after the first review's due date if that has
    not been held either. Met by the first permanence plan recorded during the period of
    care. A period that ends before that date without a plan needs none.
    """
    periods = (
        ev.periods_of_care.lazy()
        .with_columns(first_due=add_duration("start", ev.deadline("T-LAC-REVIEW-1"), ev.calendar))
        .with_columns(second_from=pl.coalesce("first_review", "first_due"))
        .with_columns(
            second_due=add_duration("second_from", ev.deadline("T-LAC-REVIEW-2"), ev.calendar)
        )
        .with_columns(
            fixed_due=pl.coalesce("second_review", "second_due"),
            window_start="start",
            window_end="end",
        )
    )
    plans = ev.frame("permanence_plans").select(
        "child_id", date="recorded_on", event_id="permanence_id"
    )
    rule = ev.deadline("T-PERMANENCE-PLAN")
    return as_candidates(
        first_event(periods, plans).select(
            "child_id",
            "fixed_due",
            "met_on",
            "met_by_id",
            rule_id=pl.lit("T-PERMANENCE-PLAN"),
            unit=pl.lit(rule.unit.value),
            record_id="ctx",
            clock_start="start",
            context_end="end",
        )
    )


def lac_visits(ev: Evaluation) -> pl.LazyFrame:
    """T-LAC-VISIT-PLACEMENT, T-LAC-VISIT, T-LAC-VISIT-LONG-TERM, T-LAC-VISIT-PARENT (reg 28).

    A chain per placement: the first clock runs a week from the placement start, each visit
    with the child seen starts the next, and a move ends the chain (the new placement starts
    its own). The interval is fixed when each clock starts:

    * placed with a parent (P1), unless under a full care order (reg 28(5) is the ordinary
      six weeks): weekly until the period's first review, then 4 weeks under an interim care
      order, otherwise 6 weeks (reg 28(3)-(4));
    * long-term fostering (U1/U4) after the placement's first anniversary: 3 months;
    * otherwise 6 weeks.

    A placement with a connected person temporarily approved as a foster parent (reg 24)
    follows the with-a-parent intervals (weekly to the first review, then 4 weeks) for clocks
    starting while the approval lasts: from its date for the 16 weeks reg 24 allows (an
    extension under reg 25 is not recorded, nor is full approval, which ends it sooner).
    """
    placements = ev.placements.join(
        ev.periods_of_care.select("period_id", "first_review"), on="period_id", how="left"
    ).select(
        "ctx", "child_id", "start", "end", "placement_type", "first_review", "temporary_approval_on"
    )
    clocks = chain(placements, ev.social_work_visits).sort("clock_start")
    legal_status = (
        ev.episodes.lazy()
        .select("child_id", "start_date", "legal_status")
        .sort("start_date")
        .rename({"start_date": "status_from"})
    )
    # Both sides are sorted on the date as a whole, hence within each child too.
    clocks = clocks.join_asof(
        legal_status,
        left_on="clock_start",
        right_on="status_from",
        by="child_id",
        check_sortedness=False,
    )
    with_parent = (pl.col("placement_type") == _PLACED_WITH_PARENT) & (
        pl.col("legal_status") != _CARE_ORDER
    ).fill_null(True)
    connected_person = (
        (pl.col("clock_start") >= pl.col("temporary_approval_on"))
        & (pl.col("clock_start") < pl.col("temporary_approval_on").dt.offset_by("16w"))
    ).fill_null(False)
    before_first_review = pl.col("first_review").is_null() | (
        pl.col("clock_start") < pl.col("first_review")
    )
    after_first_year = pl.col("clock_start") >= shift_months("start", 12)
    parent = "T-LAC-VISIT-PARENT"
    return as_candidates(
        clocks.select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline_by_case(
                [
                    (
                        pl.col("sequence") == 0,
                        "T-LAC-VISIT-PLACEMENT",
                        ev.deadline("T-LAC-VISIT-PLACEMENT"),
                    ),
                    (
                        (with_parent | connected_person) & before_first_review,
                        parent,
                        ev.deadline(parent, "until_first_review"),
                    ),
                    (
                        connected_person
                        | (with_parent & (pl.col("legal_status") == _INTERIM_CARE_ORDER)),
                        parent,
                        ev.deadline(parent, "connected_person_or_interim_order_at_home"),
                    ),
                    (with_parent, parent, ev.deadline(parent)),
                    (
                        pl.col("placement_type").is_in(_LONG_TERM) & after_first_year,
                        "T-LAC-VISIT-LONG-TERM",
                        ev.deadline("T-LAC-VISIT-LONG-TERM"),
                    ),
                ],
                ("T-LAC-VISIT", ev.deadline("T-LAC-VISIT")),
            ),
            record_id="ctx",
            context_end="end",
        )
    )


def return_interviews(ev: Evaluation) -> pl.LazyFrame:
    """T-RHI: a return home interview offered within 72 hours of a missing episode ending.

    Applies to every child who was missing (not "away from placement without authorisation",
    for which the guidance asks no interview); an episode with no type is treated as missing.
    """
    returned = ev.frame("missing_episodes").filter(
        pl.col("end_date").is_not_null()
        & (pl.col("kind") != _AWAY_WITHOUT_AUTHORISATION).fill_null(True)
    )
    return as_candidates(
        returned.select(
            "child_id",
            *deadline("T-RHI", ev.deadline("T-RHI")),
            record_id="missing_id",
            clock_start="end_date",
            met_on="return_interview_offered_on",
        )
    )


def proceedings(ev: Evaluation) -> pl.LazyFrame:
    """T-PROCEEDINGS: a final order within 26 weeks beginning with the day of issue.

    "Beginning with" makes the issue day the first day (s32(1)(a)(ii)), so the clock is due
    the day before the 26-week anniversary: issued Monday 3 March 2025, due Sunday 31 August.
    Extensions the court grants (s32(5)) are shown beside the clock and never move it: an
    order within an extension is still met late against the 26 weeks.
    """
    rule = ev.deadline("T-PROCEEDINGS")
    if rule.unit is not Unit.WEEKS:  # statutory, so settings cannot change it; guard anyway
        raise ValueError("T-PROCEEDINGS must be counted in weeks, beginning with the issue day")
    return as_candidates(
        ev.frame("care_proceedings")
        .filter(pl.col("issued_on").is_not_null())
        .select(
            "child_id",
            *deadline("T-PROCEEDINGS", rule),
            record_id="proceedings_id",
            clock_start="issued_on",
            fixed_due=add_duration("issued_on", rule, ev.calendar) - timedelta(days=1),
            met_on="final_order_on",
        )
    )


def pre_proceedings(ev: Evaluation) -> pl.LazyFrame:
    """T-PRE-PROCEEDINGS-REVIEW: from the first pre-proceedings meeting, a review meeting
    within 6 weeks (``sequence`` 0) and a decision to issue or step down within 16 weeks
    (``sequence`` 1, the ``decision`` variant).

    Pre-proceedings without a first meeting have no clock yet; pre-proceedings ending (by
    issue or step-down) before a clock falls due need it no longer.
    """
    rule = "T-PRE-PROCEEDINGS-REVIEW"
    started = ev.frame("pre_proceedings").filter(pl.col("initial_meeting_on").is_not_null())
    clocks = [
        started.select(
            "child_id",
            *deadline(rule, ev.deadline(rule, variant)),
            sequence=pl.lit(sequence, dtype=pl.Int32),
            record_id="pre_proceedings_id",
            clock_start="initial_meeting_on",
            met_on=met_by,
            context_end="end_date",
        )
        for sequence, variant, met_by in (
            (0, None, "first_review_meeting_on"),
            (1, "decision", "decision_on"),
        )
    ]
    return as_candidates(pl.concat(clocks))


PRODUCERS = {
    ("T-LAC-REVIEW-1", "T-LAC-REVIEW-2", "T-LAC-REVIEW"): Producer("lac_episodes", lac_reviews),
    ("T-PERMANENCE-PLAN",): Producer("lac_episodes", permanence_plan),
    (
        "T-LAC-VISIT-PLACEMENT",
        "T-LAC-VISIT",
        "T-LAC-VISIT-LONG-TERM",
        "T-LAC-VISIT-PARENT",
    ): Producer("lac_episodes", lac_visits),
    ("T-RHI",): Producer("missing_episodes", return_interviews),
    ("T-PRE-PROCEEDINGS-REVIEW",): Producer("pre_proceedings", pre_proceedings),
    ("T-PROCEEDINGS",): Producer("care_proceedings", proceedings),
}
