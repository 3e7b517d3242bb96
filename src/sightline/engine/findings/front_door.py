"""Drift rules at the front door: repeated contacts with no referral, re-referrals, and
re-referrals soon after a step-down to early help."""

from __future__ import annotations

import polars as pl

from sightline.engine.as_at import uk_date
from sightline.engine.deadlines.clocks import add_duration
from sightline.engine.findings.common import (
    Drift,
    as_candidates,
    in_words,
    plural,
    whole_months,
)
from sightline.standards import codes

__all__ = ["PRODUCERS"]

_STEPPED_DOWN_CLOSURE = codes.CLOSURE_REASON.enum.RC9.value
_EARLY_HELP_OUTCOME = codes.ASSESSMENT_OUTCOME.enum.EARLY_HELP.value


def _referrals_in_order(drift: Drift) -> pl.LazyFrame:
    """Referrals with a date, by child and date, each with the previous referral's details."""
    previous = {
        "previous_id": "referral_id",
        "previous_date": "referral_date",
        "previous_closure": "closure_date",
        "previous_reason": "closure_reason",
    }
    # Sorted by child, a shift with a same-child mask is several times cheaper than a window.
    same_child = pl.col("child_id").shift(1) == pl.col("child_id")
    return (
        drift.frame("referrals")
        .filter(pl.col("referral_date").is_not_null())
        .sort("child_id", "referral_date", "referral_id")
        .with_columns(
            pl.when(same_child).then(pl.col(column).shift(1)).alias(name)
            for name, column in previous.items()
        )
    )


def rereferral(drift: Drift) -> pl.LazyFrame:
    """D-REREFERRAL: an open referral made within the period (12 months, inclusive) of the
    child's previous referral."""
    period = drift.rule("D-REREFERRAL").period
    referrals = (
        _referrals_in_order(drift)
        .filter(pl.col("closure_date").is_null() & pl.col("previous_date").is_not_null())
        .with_columns(within=add_duration("previous_date", period, drift.ev.calendar))
        .filter(pl.col("referral_date") <= pl.col("within"))
    )
    gap = whole_months("previous_date", "referral_date")
    return as_candidates(
        referrals.select(
            "child_id",
            rule_id=pl.lit("D-REREFERRAL"),
            since="referral_date",
            record_type=pl.lit("referrals"),
            record_id="referral_id",
            evidence=pl.format(
                "Referral of {}, {} after the referral of {}",
                in_words("referral_date"),
                plural(gap, "month"),
                in_words("previous_date"),
            ),
        )
    )


def step_down(drift: Drift) -> pl.LazyFrame:
    """D-STEP-DOWN: an open referral within the period (6 months) of the previous referral
    ending in a step-down to early help.

    A step-down is a closure with reason RC9, or an assessment of that referral with the
    outcome "early help"; it happened on the closure date, or the assessment's authorisation
    if the referral has no closure recorded.
    """
    period = drift.rule("D-STEP-DOWN").period
    early_help = (
        drift.frame("assessments")
        .filter(pl.col("outcome") == _EARLY_HELP_OUTCOME)
        .group_by("referral_id")
        .agg(early_help_on=pl.col("authorised_on").min())
        .rename({"referral_id": "previous_id"})
    )
    stepped = (pl.col("previous_reason") == _STEPPED_DOWN_CLOSURE).fill_null(False) | pl.col(
        "has_early_help"
    )
    referrals = (
        _referrals_in_order(drift)
        .filter(pl.col("closure_date").is_null() & pl.col("previous_id").is_not_null())
        .join(early_help.with_columns(has_early_help=pl.lit(True)), on="previous_id", how="left")
        .with_columns(pl.col("has_early_help").fill_null(False))
        .with_columns(
            stepped_down_on=pl.when(stepped).then(pl.coalesce("previous_closure", "early_help_on"))
        )
        .filter(
            pl.col("stepped_down_on").is_not_null()
            & (pl.col("referral_date") >= pl.col("stepped_down_on"))
        )
        .with_columns(within=add_duration("stepped_down_on", period, drift.ev.calendar))
        .filter(pl.col("referral_date") <= pl.col("within"))
    )
    gap = whole_months("stepped_down_on", "referral_date")
    return as_candidates(
        referrals.select(
            "child_id",
            rule_id=pl.lit("D-STEP-DOWN"),
            since="referral_date",
            record_type=pl.lit("referrals"),
            record_id="referral_id",
            evidence=pl.format(
                "Stepped down to early help {}; referred again {}, {} later",
                in_words("stepped_down_on"),
                in_words("referral_date"),
                plural(gap, "month"),
            ),
        )
    )


def repeat_contacts(drift: Drift) -> pl.LazyFrame:
    """D-REPEAT-CONTACTS: the count (3) of contacts in the period (12 months) to the as-at date
    and no referral open at any time in that period.

    The window holds the days after ``as_at - period`` up to ``as_at`` (UK dates of receipt).
    A referral runs from its date to its closure, or to its decision when that was "no further
    action" and no closure is recorded; one with neither is still open. Since is the day of
    the contact that made the count or, if later, the period's anniversary of the last
    referral's end (before then, that referral fell inside the window).
    """
    rule = drift.rule("D-REPEAT-CONTACTS")
    window_after = pl.lit(drift.before(rule.period), dtype=pl.Date)
    contacts = (
        drift.frame("contacts")
        .filter(pl.col("received_at").is_not_null())
        .select("child_id", "contact_id", day=uk_date("received_at"))
        .filter(pl.col("day") > window_after)
        .sort("child_id", "day", "contact_id")
        .group_by("child_id", maintain_order=True)
        .agg(
            count=pl.len(),
            first=pl.col("day").first(),
            latest=pl.col("day").last(),
            made_count=pl.col("day").get(rule.count - 1, null_on_oob=True),
            contact_id=pl.col("contact_id").get(rule.count - 1, null_on_oob=True),
        )
        .filter(pl.col("count") >= rule.count)
    )
    ended = pl.coalesce(
        "closure_date",
        pl.when(pl.col("no_further_action").fill_null(False)).then(pl.col("decided_on")),
    )
    referrals = (
        drift.frame("referrals")
        .filter(pl.col("referral_date").is_not_null())
        .select("child_id", ended=ended)
    )
    in_window = referrals.filter(pl.col("ended").is_null() | (pl.col("ended") > window_after))
    last_ended = (
        referrals.group_by("child_id")
        .agg(pl.col("ended").max())
        .with_columns(clear_from=add_duration("ended", rule.period, drift.ev.calendar))
        .select("child_id", "clear_from")
    )
    found = (
        contacts.join(in_window.select("child_id").unique(), on="child_id", how="anti")
        .join(last_ended, on="child_id", how="left")
        .with_columns(since=pl.max_horizontal("made_count", "clear_from"))
    )
    return as_candidates(
        found.select(
            "child_id",
            "since",
            rule_id=pl.lit("D-REPEAT-CONTACTS"),
            record_type=pl.lit("contacts"),
            record_id="contact_id",
            evidence=pl.format(
                "{} in the {} to {} (first {}, latest {}) and no referral",
                plural("count", "contact"),
                pl.lit(rule.period.describe()),
                pl.lit(f"{drift.as_at.day} {drift.as_at:%B %Y}"),
                in_words("first"),
                in_words("latest"),
            ),
        )
    )


PRODUCERS = {
    "D-REPEAT-CONTACTS": repeat_contacts,
    "D-REREFERRAL": rereferral,
    "D-STEP-DOWN": step_down,
}
