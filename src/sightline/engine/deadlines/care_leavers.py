"""Care leavers' clocks: the pathway plan, its reviews and personal adviser contact."""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from sightline.engine.deadlines.clocks import (
    as_candidates,
    chain,
    deadline,
    first_event,
    shift_months,
)
from sightline.engine.deadlines.evaluation import Evaluation, Producer
from sightline.standards import codes

__all__ = ["PRODUCERS"]

_HAS_PERSONAL_ADVISER_CONTACTS = [
    codes.CARE_LEAVER_ELIGIBILITY.enum.RELEVANT.value,
    codes.CARE_LEAVER_ELIGIBILITY.enum.FORMER_RELEVANT.value,
]
# "Returned home" is still a contact with the young person; "not in touch", "refuses" and
# the rest are attempts or outcomes that do not meet the duty to keep in touch.
_IN_TOUCH = [codes.IN_TOUCH.enum.YES.value, codes.IN_TOUCH.enum.RHOM.value]


# Pathway plans are for eligible, relevant and former relevant children; a qualifying care
# leaver is owed advice and assistance, not a pathway plan (Children Act 1989 ss23C–24B).
_HAS_PATHWAY_PLANS = [
    codes.CARE_LEAVER_ELIGIBILITY.enum.ELIGIBLE.value,
    *_HAS_PERSONAL_ADVISER_CONTACTS,
]


def _care_leavers(ev: Evaluation, eligibility: list[str]) -> pl.LazyFrame:
    """One row per care leaver of the given eligibility: ``ctx`` = ``child_id``;
    ``applies_until`` is the day before the 21st birthday (the dataset does not record the
    extension of support to 25, so clocks falling due after that are deadlines only if met);
    ``context_end`` is the 21st birthday or the date of death, whichever comes first, so a
    clock missed before 21 stops counting then and leaves the worklists for the history."""
    twenty_first = shift_months("date_of_birth", 252)
    return (
        ev.frame("care_leavers")
        .filter(pl.col("eligible_from").is_not_null() & pl.col("eligibility").is_in(eligibility))
        .unique("child_id", keep="first", maintain_order=True)
        .join(ev.birth_dates.lazy(), on="child_id", how="left")
        .with_columns(
            ctx=pl.col("child_id"),
            applies_until=twenty_first - timedelta(days=1),
            context_end=pl.min_horizontal("date_of_death", twenty_first),
        )
    )


def pathway_plan(ev: Evaluation) -> pl.LazyFrame:
    """T-PATHWAY-PLAN: 3 months from becoming eligible to the first pathway plan.

    Met by the young person's first pathway plan whenever it was written: a plan prepared
    ahead of the 16th birthday is the plan.
    """
    leavers = _care_leavers(ev, _HAS_PATHWAY_PLANS).with_columns(
        clock_start="eligible_from",
        window_start=pl.lit(None, dtype=pl.Date),
        window_end=pl.lit(None, dtype=pl.Date),
    )
    plans = ev.frame("pathway_plans").select("child_id", "date", event_id="pathway_id")
    return as_candidates(
        first_event(leavers, plans).select(
            "child_id",
            "clock_start",
            "met_on",
            "met_by_id",
            "applies_until",
            "context_end",
            *deadline("T-PATHWAY-PLAN", ev.deadline("T-PATHWAY-PLAN")),
            record_id="ctx",
        )
    )


def pathway_reviews(ev: Evaluation) -> pl.LazyFrame:
    """T-PATHWAY-REVIEW: 6 months from each pathway plan or review to the next."""
    leavers = _care_leavers(ev, _HAS_PATHWAY_PLANS).with_columns(
        start=pl.lit(None, dtype=pl.Date), end=pl.col("context_end")
    )
    plans = ev.frame("pathway_plans").select("child_id", "date", event_id="pathway_id")
    clocks = chain(leavers, plans, from_start=False)
    return as_candidates(
        clocks.select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            "applies_until",
            "context_end",
            *deadline("T-PATHWAY-REVIEW", ev.deadline("T-PATHWAY-REVIEW")),
            record_id="ctx",
        )
    )


def personal_adviser_contact(ev: Evaluation) -> pl.LazyFrame:
    """T-PA-CONTACT: every 2 months for relevant and former relevant children.

    The first clock starts when the young person leaves care (the end of their last period of
    care, if later than becoming eligible): while looked after they are visited under reg 28
    instead. Still looked after: no clock. Met by a contact with the young person in touch or
    a personal adviser's visit with them seen. The one-week visit after a move is not
    evaluated because the dataset does not record care leavers' moves.
    """
    last_care = (
        ev.periods_of_care.lazy()
        .sort("start")
        .group_by("child_id")
        .agg(left_care=pl.col("end").last(), still_in_care=pl.col("end").last().is_null())
    )
    leavers = (
        _care_leavers(ev, _HAS_PERSONAL_ADVISER_CONTACTS)
        .join(last_care, on="child_id", how="left")
        .filter(~pl.col("still_in_care").fill_null(False))
        .with_columns(
            start=pl.max_horizontal("eligible_from", "left_care"), end=pl.col("context_end")
        )
    )
    contacts = (
        ev.frame("care_leaver_contacts")
        .filter(pl.col("in_touch").is_in(_IN_TOUCH) | pl.col("in_touch").is_null())
        .select("child_id", "date", event_id="cl_contact_id")
    )
    adviser_visits = (
        ev.frame("visits")
        .filter(
            (pl.col("kind") == codes.VISIT_KIND.enum.PATHWAY.value)
            & pl.col("child_seen").fill_null(False)
        )
        .select("child_id", "date", event_id="visit_id")
    )
    clocks = chain(leavers, pl.concat([contacts, adviser_visits]))
    return as_candidates(
        clocks.select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            "applies_until",
            "context_end",
            *deadline("T-PA-CONTACT", ev.deadline("T-PA-CONTACT")),
            record_id="ctx",
        )
    )


PRODUCERS = {
    ("T-PATHWAY-PLAN",): Producer("care_leavers", pathway_plan),
    ("T-PATHWAY-REVIEW",): Producer("care_leavers", pathway_reviews),
    ("T-PA-CONTACT",): Producer("care_leavers", personal_adviser_contact),
}
