"""Front-door and assessment clocks: contacts, referrals, strategy discussions, assessments,
agency checks and allocation to a named worker."""

from __future__ import annotations

import polars as pl

from sightline.engine.as_at import uk_date
from sightline.engine.deadlines.clocks import (
    as_candidates,
    clock_start_for,
    collect,
    deadline,
    first_event,
)
from sightline.engine.deadlines.evaluation import Evaluation, Producer

__all__ = ["PRODUCERS"]


def contact_decision(ev: Evaluation) -> pl.LazyFrame:
    """T-CONTACT-DECISION: one working day from receipt (17:00 cut-off) to the decision."""
    contacts = ev.frame("contacts").filter(pl.col("received_at").is_not_null())
    return as_candidates(
        contacts.with_columns(
            clock_start_for("received_at", ev.calendar).alias("clock_start")
        ).select(
            "child_id",
            "clock_start",
            *deadline("T-CONTACT-DECISION", ev.deadline("T-CONTACT-DECISION")),
            record_id="contact_id",
            met_on=uk_date("decided_at"),
        )
    )


def referral_decision(ev: Evaluation) -> pl.LazyFrame:
    """T-REFERRAL-DECISION: one working day from the referral date to the decision."""
    return as_candidates(
        ev.frame("referrals")
        .filter(pl.col("referral_date").is_not_null())
        .select(
            "child_id",
            *deadline("T-REFERRAL-DECISION", ev.deadline("T-REFERRAL-DECISION")),
            record_id="referral_id",
            clock_start="referral_date",
            met_on="decided_on",
        )
    )


def strategy(ev: Evaluation) -> pl.LazyFrame:
    """T-STRATEGY: from a contact or referral flagged "significant harm suspected" to a decision.

    One clock per flagged contact (from its receipt) and per flagged referral (from the instant
    it was flagged), both with the 17:00 cut-off. A flagged referral whose contact is flagged
    too gives no second clock: the referral's ``contact_id`` links it to the concern already
    counted. Met by the first of the child's strategy discussions held, or managers'
    "considered, not held" decisions recorded, on or after the day the concern arrived (one
    that evening, before the clock formally starts, still counts). ``met_by_id`` is the
    strategy discussion's ID, or null when a manager's decision met the clock (the
    ``strategy_considered_not_held`` oversight entry of that date), as T-ASSESSMENT-SEEN does
    for the assessment's own "child seen" date.
    """
    contacts = ev.frame("contacts").filter(
        pl.col("significant_harm_suspected").fill_null(False) & pl.col("received_at").is_not_null()
    )
    from_contacts = contacts.select(
        "child_id",
        clock_start_for("received_at", ev.calendar).alias("clock_start"),
        window_start=uk_date("received_at"),
        record_type=pl.lit(None, dtype=pl.String),
        record_id="contact_id",
    )
    referrals = ev.frame("referrals").filter(pl.col("significant_harm_suspected_at").is_not_null())
    from_referrals = referrals.join(
        contacts.select("contact_id"), on="contact_id", how="anti"
    ).select(
        "child_id",
        clock_start_for("significant_harm_suspected_at", ev.calendar).alias("clock_start"),
        window_start=uk_date("significant_harm_suspected_at"),
        record_type=pl.lit("referrals"),
        record_id="referral_id",
    )
    # Materialised before the row index is read by two joins: a lazy plan numbers the rows
    # of a parallel concat afresh each time it runs, and not always in the same order, so
    # each join could pair a clock with another clock's meeting event.
    flagged = collect(
        pl.concat([from_contacts, from_referrals])
        .with_row_index("ctx")
        .with_columns(window_end=pl.lit(None, dtype=pl.Date))
    ).lazy()
    return _met_as_strategy_is(ev, flagged, "T-STRATEGY")


def _met_as_strategy_is(ev: Evaluation, flagged: pl.LazyFrame, rule_id: str) -> pl.LazyFrame:
    """Candidates for concerns (``ctx``, ``child_id``, ``clock_start``, ``window_start``,
    ``window_end``, ``record_type``, ``record_id``) met by the child's first strategy
    discussion, or manager's "considered, not held", from the day the concern arrived."""
    discussions = ev.frame("strategy_discussions").select(
        "child_id", date="held_on", event_id="strategy_id"
    )
    not_held = (
        ev.frame("oversight")
        .filter(pl.col("strategy_considered_not_held").fill_null(False))
        .select("child_id", date=uk_date("recorded_at"), event_id="oversight_id")
    )
    decided = first_event(flagged, not_held).select("ctx", decided_on="met_on")
    met = first_event(flagged, discussions).join(decided, on="ctx", how="left")
    return as_candidates(
        met.select(
            "child_id",
            "clock_start",
            "record_type",
            "record_id",
            *deadline(rule_id, ev.deadline(rule_id)),
            met_on=pl.min_horizontal("met_on", "decided_on"),
            met_by_id=pl.when(
                pl.col("decided_on").is_null() | (pl.col("met_on") <= pl.col("decided_on"))
            ).then(pl.col("met_by_id")),
        )
    )


def strategy_escalation(ev: Evaluation) -> pl.LazyFrame:
    """T-STRATEGY-ESCALATION: new information on an open case giving reasonable cause to
    suspect significant harm, to a strategy discussion, met as T-STRATEGY is.

    One clock per concern recorded, from its instant with the 17:00 cut-off.
    """
    flagged = (
        ev.frame("harm_concerns")
        .filter(pl.col("raised_at").is_not_null())
        .select(
            "child_id",
            clock_start_for("raised_at", ev.calendar).alias("clock_start"),
            window_start=uk_date("raised_at"),
            window_end=pl.lit(None, dtype=pl.Date),
            record_type=pl.lit(None, dtype=pl.String),
            record_id="concern_id",
        )
        .with_row_index("ctx")
    )
    return _met_as_strategy_is(ev, flagged, "T-STRATEGY-ESCALATION")


def assessment(ev: Evaluation) -> pl.LazyFrame:
    """T-ASSESSMENT: 45 working days to authorisation, from the referral date for the
    referral's first assessment and from its own start for a later one.

    One clock per assessment (a referral with no assessment recorded yet has none: whether one
    is needed is the referral decision's business). A referral's assessments are taken in
    order of start date; the first counts from the referral (Working Together: "from the point
    of referral"), and each later one, started because the first found more to assess, from
    its own start. Without a linked referral the assessment's own start date is the clock
    start.
    """
    referral_dates = ev.frame("referrals").select("referral_id", "referral_date")
    first_of_referral = (
        pl.col("assessment_id")
        .sort_by(pl.col("start_date").fill_null(pl.date(9999, 12, 31)), "assessment_id")
        .first()
        .over("referral_id")
        == pl.col("assessment_id")
    ) & pl.col("referral_id").is_not_null()
    return as_candidates(
        ev.frame("assessments")
        .join(referral_dates, on="referral_id", how="left")
        .select(
            "child_id",
            *deadline("T-ASSESSMENT", ev.deadline("T-ASSESSMENT")),
            record_id="assessment_id",
            clock_start=pl.when(first_of_referral)
            .then(pl.coalesce("referral_date", "start_date"))
            .otherwise(pl.col("start_date")),
            met_on="authorised_on",
        )
        .filter(pl.col("clock_start").is_not_null())
    )


def assessment_seen(ev: Evaluation) -> pl.LazyFrame:
    """T-ASSESSMENT-SEEN: the child seen within 5 working days of the assessment starting.

    Met by the assessment's "child seen" date or a social work visit with the child seen
    between the start and authorisation, whichever is first.
    """
    assessments = ev.frame("assessments").filter(pl.col("start_date").is_not_null())
    windows = assessments.select(
        "child_id",
        "child_seen_on",
        ctx="assessment_id",
        clock_start="start_date",
        window_start="start_date",
        window_end="authorised_on",
    )
    seen = first_event(windows, ev.social_work_visits)
    return as_candidates(
        seen.select(
            "child_id",
            "clock_start",
            *deadline("T-ASSESSMENT-SEEN", ev.deadline("T-ASSESSMENT-SEEN")),
            record_id="ctx",
            met_on=pl.min_horizontal("child_seen_on", "met_on"),
            met_by_id=pl.when(
                pl.col("child_seen_on").is_null() | (pl.col("met_on") < pl.col("child_seen_on"))
            ).then(pl.col("met_by_id")),
        )
    )


def agency_check(ev: Evaluation) -> pl.LazyFrame:
    """T-AGENCY-CHECK: 1 working day when urgent, 3 otherwise, from request to response.

    A request made after the end of the working day counts from the next working day, as a
    contact does: the agency cannot act on it before then. A check withdrawn or marked not
    required is closed: its closure (UK date) ends its context, so one closed before its due
    date was never a deadline, and one closed after it, unanswered, stays a missed clock in
    the figures but is nobody's work.
    """
    checks = ev.frame("agency_checks").filter(pl.col("requested_at").is_not_null())
    urgent, standard = ev.deadline("T-AGENCY-CHECK", "urgent"), ev.deadline("T-AGENCY-CHECK")
    is_urgent = pl.col("urgent").fill_null(False)
    return as_candidates(
        checks.with_columns(
            clock_start_for("requested_at", ev.calendar).alias("clock_start")
        ).select(
            "child_id",
            "clock_start",
            rule_id=pl.lit("T-AGENCY-CHECK"),
            amount=pl.when(is_urgent).then(urgent.amount).otherwise(standard.amount),
            unit=pl.when(is_urgent)
            .then(pl.lit(urgent.unit.value))
            .otherwise(pl.lit(standard.unit.value)),
            record_id="check_id",
            met_on=uk_date("responded_at"),
            context_end=uk_date("closed_at"),
        )
    )


def allocation(ev: Evaluation) -> pl.LazyFrame:
    """T-ALLOCATION: a named worker within 1 working day of acceptance or of losing one.

    Clocks start when a referral is accepted (decided, not "no further action") and when an
    allocation to a named worker ends, by its end date or the worker leaving, while the
    child's referral stays open. Both belong to the referral. Met on the first day from the
    clock start on which another allocation to a named worker, who has not left, covers the
    child; a child already so allocated is met on day 0. A case that closes before the due
    date needs no worker, so that clock is not a deadline.
    """
    referrals = ev.frame("referrals").filter(pl.col("referral_date").is_not_null())
    named = (
        ev.frame("allocations")
        .filter(pl.col("worker_id").is_not_null() & pl.col("start_date").is_not_null())
        .join(ev.frame("workers").select("worker_id", "left_on"), on="worker_id", how="left")
        .select(
            "child_id",
            "allocation_id",
            "start_date",
            ended=pl.min_horizontal("end_date", "left_on"),
        )
    )
    accepted = referrals.filter(
        pl.col("decided_on").is_not_null() & ~pl.col("no_further_action").fill_null(False)
    ).select(
        "child_id",
        record_id="referral_id",
        clock_start="decided_on",
        context_end="closure_date",
        own_allocation=pl.lit(None, dtype=pl.Int64),
    )
    lost = (
        named.filter(pl.col("ended").is_not_null())
        .join(referrals, on="child_id", how="inner")
        .filter(
            (pl.col("referral_date") <= pl.col("ended"))
            & (pl.col("closure_date").is_null() | (pl.col("closure_date") > pl.col("ended")))
        )
        .select(
            "child_id",
            record_id="referral_id",
            clock_start="ended",
            context_end="closure_date",
            own_allocation="allocation_id",
        )
    )
    # Read twice below, so materialised once rather than planned twice.
    clocks = collect(pl.concat([accepted, lost]).with_row_index("clock"))
    met = (
        clocks.lazy()
        .join(named, on="child_id", how="inner")
        .filter(
            (
                pl.col("own_allocation").is_null()
                | (pl.col("allocation_id") != pl.col("own_allocation"))
            )
            & (pl.col("ended").is_null() | (pl.col("ended") > pl.col("clock_start")))
        )
        .with_columns(covered_from=pl.max_horizontal("start_date", "clock_start"))
        .sort("clock", "covered_from", "allocation_id")
        .group_by("clock", maintain_order=True)
        .first()
        .select("clock", met_on="covered_from", met_by_id="allocation_id")
    )
    return as_candidates(
        clocks.lazy()
        .join(met, on="clock", how="left")
        .with_columns(deadline("T-ALLOCATION", ev.deadline("T-ALLOCATION")))
    )


PRODUCERS = {
    ("T-CONTACT-DECISION",): Producer("contacts", contact_decision),
    ("T-REFERRAL-DECISION",): Producer("referrals", referral_decision),
    ("T-STRATEGY",): Producer(("contacts", "referrals"), strategy),
    ("T-STRATEGY-ESCALATION",): Producer("harm_concerns", strategy_escalation),
    ("T-ASSESSMENT",): Producer("assessments", assessment),
    ("T-ASSESSMENT-SEEN",): Producer("assessments", assessment_seen),
    ("T-AGENCY-CHECK",): Producer("agency_checks", agency_check),
    ("T-ALLOCATION",): Producer("referrals", allocation),
}
