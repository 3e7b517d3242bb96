"""Front door and assessment indicators, as items (``run.items``)."""

from __future__ import annotations

import numpy as np
import polars as pl

from sightline.engine.as_at import uk_date
from sightline.engine.indicators.run import Run, items, per_point
from sightline.standards import codes

__all__ = ["PRODUCERS"]

_TO_REFERRAL = [
    codes.CONTACT_DECISION.enum.REFERRAL.value,
    codes.CONTACT_DECISION.enum.STRATEGY.value,
]
_NOT_IN_NEED = [
    codes.ASSESSMENT_OUTCOME.enum.NFA.value,
    codes.ASSESSMENT_OUTCOME.enum.EARLY_HELP.value,
]


def known_from(run: Run, frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Raise each row's ``lo`` to the first point on or after ``column`` (null: never), for a
    numerator that becomes known later than the row (a referral's NFA decision)."""
    days = np.array(run.points.days, dtype="datetime64[D]")
    x = frame[column].to_numpy().astype("datetime64[D]")
    first = np.where(np.isnat(x), len(days), np.searchsorted(days, x, side="left"))
    return frame.with_columns(lo=pl.max_horizontal("lo", pl.Series(first, dtype=pl.Int32))).filter(
        pl.col("lo") <= pl.col("hi")
    )


def contacts(run: Run) -> pl.DataFrame:
    """K-CONTACTS: each contact counts in the periods holding its (UK) date of receipt."""
    frame = run.frame("contacts").with_columns(on=uk_date("received_at"))
    return items(run.points.in_period(frame, "on"), num=1.0, den=None)


def contact_decisions(run: Run) -> pl.DataFrame:
    """K-CONTACT-1WD: T-CONTACT-DECISION clocks by due date; on time if met by it."""
    rows = run.deadlines.rows(["T-CONTACT-DECISION"])
    on_time = pl.col("met_on").is_not_null() & (pl.col("met_on") <= pl.col("due"))
    return items(run.points.in_period(rows, "due"), num=on_time, on="due")


def conversion(run: Run) -> pl.DataFrame:
    """K-CONVERSION: contacts decided in the period; referral or strategy decisions."""
    frame = run.frame("contacts").with_columns(on=uk_date("decided_at"))
    return items(
        run.points.in_period(frame, "on"),
        num=pl.col("decision").is_in(_TO_REFERRAL).fill_null(False),
    )


def referrals(run: Run) -> pl.DataFrame:
    """K-REFERRALS: referrals by referral date."""
    frame = run.points.in_period(run.frame("referrals"), "referral_date")
    return items(frame, num=1.0, den=None, on="referral_date")


def rereferrals(run: Run) -> pl.DataFrame:
    """K-REREFERRAL: a referral whose child had another referral in the 12 months before it
    (on an earlier date, or the same date with a lower ID)."""
    frame = (
        run.frame("referrals")
        .filter(pl.col("referral_date").is_not_null())
        .sort("child_id", "referral_date", "referral_id")
        .with_columns(previous=pl.col("referral_date").shift(1).over("child_id"))
    )
    repeat = pl.col("previous").is_not_null() & (
        pl.col("previous") >= pl.col("referral_date").dt.offset_by("-12mo")
    )
    return items(run.points.in_period(frame, "referral_date"), num=repeat, on="referral_date")


def referral_nfa(run: Run) -> pl.DataFrame:
    """K-REFERRAL-NFA: referrals by date; NFA counts from the point its decision is known."""
    frame = run.points.in_period(run.frame("referrals"), "referral_date")
    denominator = items(frame, num=0.0, on="referral_date")
    nfa = known_from(run, frame.filter(pl.col("no_further_action").fill_null(False)), "decided_on")
    return pl.concat([denominator, items(nfa, num=1.0, den=0.0, on="referral_date")])


def assessments_45(run: Run) -> pl.DataFrame:
    """K-ASSESS-45: assessments authorised in the period (T-ASSESSMENT clocks met), on time
    when authorised within 45 working days of the assessment's own start (CIN census)."""
    rows = run.deadlines.rows(["T-ASSESSMENT"]).filter(pl.col("met_on").is_not_null())
    starts = run.frame("assessments").select(record_id="assessment_id", start="start_date")
    rows = rows.join(starts, on="record_id", how="left").filter(pl.col("start").is_not_null())
    limit = run.rulebook.deadline("T-ASSESSMENT")
    due = limit.add_to_array(rows["start"].to_numpy(), run.calendar)
    rows = rows.with_columns(return_due=pl.Series(due, dtype=pl.Date))
    return items(
        run.points.in_period(rows, "met_on"),
        num=pl.col("met_on") <= pl.col("return_due"),
        on="met_on",
    )


def not_in_need(run: Run) -> pl.DataFrame:
    """K-ASSESS-NOT-IN-NEED: assessments authorised in the period, by outcome."""
    frame = run.points.in_period(run.frame("assessments"), "authorised_on")
    return items(
        frame, num=pl.col("outcome").is_in(_NOT_IN_NEED).fill_null(False), on="authorised_on"
    )


def repeat_contacts(run: Run) -> pl.DataFrame:
    """K-REPEAT-CONTACT: on each point, children with 3+ contacts received in the 12 months
    to it and no referral starting in them.

    With a child's contacts in date order, the child has 3 in the 12 months to D exactly when
    the contact two before the latest one on or before D is inside D's period; so each
    contact gives the points at which it is the latest and that holds, without expanding
    every contact to every point.
    """
    received = (
        run.frame("contacts")
        .select("child_id", on=uk_date("received_at"))
        .drop_nulls()
        .sort("child_id", "on")
        .with_columns(
            third=pl.col("on").shift(2).over("child_id"),
            next_on=pl.col("on").shift(-1).over("child_id"),
        )
        .filter(pl.col("third").is_not_null())
    )
    latest = run.points.open_between(
        received.with_columns(until=pl.col("next_on") - pl.duration(days=1)), "on", "until"
    )
    third = run.points.in_period(latest.rename({"lo": "lo_", "hi": "hi_"}), "third")
    counted = (
        third.with_columns(lo=pl.max_horizontal("lo", "lo_"), hi=pl.min_horizontal("hi", "hi_"))
        .filter(pl.col("lo") <= pl.col("hi"))
        .select("child_id", "lo", "hi")
    )
    counted = run.points.explode(counted).unique(["child_id", "point"])
    referrals = run.frame("referrals").join(counted.select("child_id").unique(), on="child_id")
    referred = (
        run.points.explode(
            run.points.in_period(referrals.select("child_id", "referral_date"), "referral_date")
        )
        .select("child_id", "point")
        .unique()
    )
    children = counted.join(referred, on=["child_id", "point"], how="anti")
    return items(per_point(children), num=1.0, den=None, on="day")


PRODUCERS = {
    "K-CONTACTS": contacts,
    "K-CONTACT-1WD": contact_decisions,
    "K-CONVERSION": conversion,
    "K-REFERRALS": referrals,
    "K-REREFERRAL": rereferrals,
    "K-REFERRAL-NFA": referral_nfa,
    "K-ASSESS-45": assessments_45,
    "K-ASSESS-NOT-IN-NEED": not_in_need,
    "K-REPEAT-CONTACT": repeat_contacts,
}
