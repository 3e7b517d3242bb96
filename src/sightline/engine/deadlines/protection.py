"""Child protection and child in need clocks: the initial conference, core groups, review
conferences, visits, CIN plan reviews and management oversight of open cases."""

from __future__ import annotations

import polars as pl

from sightline.engine.as_at import uk_date
from sightline.engine.deadlines.clocks import (
    as_candidates,
    chain,
    collect,
    deadline,
    deadline_by_case,
)
from sightline.engine.deadlines.evaluation import Evaluation, Producer
from sightline.standards import codes

__all__ = ["PRODUCERS"]

_INITIAL = codes.CONFERENCE_KIND.enum.INITIAL.value
_REVIEW = codes.CONFERENCE_KIND.enum.REVIEW.value


def initial_conference(ev: Evaluation) -> pl.LazyFrame:
    """T-ICPC: 15 working days from the strategy discussion that started the section 47.

    Met by the initial conference linked to the enquiry or, failing a link, the child's first
    unlinked initial conference on or after the clock start. Not a deadline when the enquiry
    found no conference was needed, nor when it ended without saying and none was held (an
    enquiry still open, or one that recorded that a conference is needed, keeps its clock).
    Without a linked strategy discussion the enquiry's start date starts the clock.
    """
    enquiries = (
        ev.frame("section47_enquiries")
        .join(
            ev.frame("strategy_discussions").select("strategy_id", "held_on"),
            on="strategy_id",
            how="left",
        )
        .with_columns(clock_start=pl.coalesce("held_on", "start_date"))
        .filter(pl.col("clock_start").is_not_null())
    )
    initial = ev.frame("conferences").filter(pl.col("kind") == _INITIAL)
    by_link = (
        initial.filter(pl.col("s47_id").is_not_null())
        .group_by("s47_id")
        .agg(
            linked_on=pl.col("date").min(),
            linked_id=pl.col("conference_id").sort_by("date").first(),
        )
    )
    by_child = (
        enquiries.select("s47_id", "child_id", "clock_start")
        .join(
            initial.filter(pl.col("s47_id").is_null()).select("child_id", "date", "conference_id"),
            on="child_id",
        )
        .filter(pl.col("date") >= pl.col("clock_start"))
        .sort("s47_id", "date", "conference_id")
        .group_by("s47_id", maintain_order=True)
        .first()
        .select("s47_id", child_on="date", child_conference="conference_id")
    )
    clocks = (
        enquiries.join(by_link, on="s47_id", how="left")
        .join(by_child, on="s47_id", how="left")
        .with_columns(
            met_on=pl.coalesce("linked_on", "child_on"),
            met_by_id=pl.coalesce("linked_id", "child_conference"),
        )
        .filter(
            pl.col("icpc_required").fill_null(True)
            & (
                pl.col("icpc_required").is_not_null()
                | pl.col("end_date").is_null()
                | pl.col("met_on").is_not_null()
            )
        )
    )
    return as_candidates(
        clocks.select(
            "child_id",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline("T-ICPC", ev.deadline("T-ICPC")),
            record_id="s47_id",
        )
    )


def _plans(ev: Evaluation, frame: str) -> pl.LazyFrame:
    return (
        ev.dataset[frame]
        .filter(pl.col("start_date").is_not_null())
        .select("child_id", ctx="plan_id", start="start_date", end="end_date")
    )


def _plan_chain(
    ev: Evaluation,
    frame: str,
    events: pl.DataFrame,
    first: str,
    then: str,
) -> pl.LazyFrame:
    """A chain over each plan: clock 0 from the plan start under ``first``, later ones ``then``."""
    clocks = chain(_plans(ev, frame), events)
    return as_candidates(
        clocks.select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline_by_case(
                [(pl.col("sequence") == 0, first, ev.deadline(first))],
                (then, ev.deadline(then)),
            ),
            record_id="ctx",
            context_end="end",
        )
    )


def core_groups(ev: Evaluation) -> pl.LazyFrame:
    """T-CORE-GROUP-1 then T-CORE-GROUP: core groups through the child protection plan."""
    events = ev.frame("core_groups").select("child_id", "date", event_id="core_group_id")
    return _plan_chain(ev, "cp_plans", events, "T-CORE-GROUP-1", "T-CORE-GROUP")


def review_conferences(ev: Evaluation) -> pl.LazyFrame:
    """T-RCPC-1 then T-RCPC: review conferences through the child protection plan."""
    events = (
        ev.frame("conferences")
        .filter(pl.col("kind") == _REVIEW)
        .select("child_id", "date", event_id="conference_id")
    )
    return _plan_chain(ev, "cp_plans", events, "T-RCPC-1", "T-RCPC")


def cp_visits(ev: Evaluation) -> pl.LazyFrame:
    """T-CP-VISIT: from the plan start, then each visit with the child seen."""
    return _plan_chain(ev, "cp_plans", ev.social_work_visits, "T-CP-VISIT", "T-CP-VISIT")


def cin_visits(ev: Evaluation) -> pl.LazyFrame:
    """T-CIN-VISIT: from the CIN plan start, then each visit with the child seen."""
    return _plan_chain(ev, "cin_plans", ev.social_work_visits, "T-CIN-VISIT", "T-CIN-VISIT")


def cin_plan_reviews(ev: Evaluation) -> pl.LazyFrame:
    """T-CIN-PLAN-REVIEW: from the CIN plan start, then each review."""
    events = ev.frame("cin_plan_reviews").select("child_id", "date", event_id="review_id")
    return _plan_chain(ev, "cin_plans", events, "T-CIN-PLAN-REVIEW", "T-CIN-PLAN-REVIEW")


def oversight(ev: Evaluation) -> pl.LazyFrame:
    """T-OVERSIGHT-CP / T-OVERSIGHT: management oversight through each open case.

    An open case is a referral (CIN episode) from its date to its closure. The first clock runs
    from the referral date, later ones from each oversight entry. Whether the 20 (CP) or 30
    working-day standard applies is fixed when each clock starts, by whether the child was on
    a child protection plan that day.
    """
    cases = (
        ev.frame("referrals")
        .filter(pl.col("referral_date").is_not_null())
        .select("child_id", ctx="referral_id", start="referral_date", end="closure_date")
    )
    events = ev.frame("oversight").select(
        "child_id", date=uk_date("recorded_at"), event_id="oversight_id"
    )
    clocks = ev.with_plan_flag(
        collect(chain(cases, events)), "cp_plans", "clock_start", "on_cp_plan"
    )
    return as_candidates(
        clocks.select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline_by_case(
                [(pl.col("on_cp_plan"), "T-OVERSIGHT-CP", ev.deadline("T-OVERSIGHT-CP"))],
                ("T-OVERSIGHT", ev.deadline("T-OVERSIGHT")),
            ),
            record_id="ctx",
            context_end="end",
        )
    )


PRODUCERS = {
    ("T-ICPC",): Producer("section47_enquiries", initial_conference),
    ("T-CORE-GROUP-1", "T-CORE-GROUP"): Producer("cp_plans", core_groups),
    ("T-RCPC-1", "T-RCPC"): Producer("cp_plans", review_conferences),
    ("T-CP-VISIT",): Producer("cp_plans", cp_visits),
    ("T-CIN-VISIT",): Producer("cin_plans", cin_visits),
    ("T-CIN-PLAN-REVIEW",): Producer("cin_plans", cin_plan_reviews),
    ("T-OVERSIGHT-CP", "T-OVERSIGHT"): Producer("referrals", oversight),
}
