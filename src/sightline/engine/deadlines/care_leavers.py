"""Care leavers' clocks: the needs assessment, the pathway plan and its reviews, personal
adviser visits to accommodation provided under s23B/s24B, and keeping in touch."""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from sightline.engine.deadlines.clocks import (
    add_duration,
    as_candidates,
    chain,
    collect,
    deadline,
    deadline_by_case,
    first_event,
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


def _care_leavers(ev: Evaluation, eligibility: list[str], *, to_25: bool = False) -> pl.LazyFrame:
    """One row per care leaver of the given eligibility: ``ctx`` = ``child_id``;
    ``applies_until`` is the day before the 21st birthday, so clocks falling due after it are
    deadlines only if met; ``context_end`` is the 21st birthday or the date of death, whichever
    comes first, so a clock missed before 21 stops counting then and leaves the worklists for
    the history. With ``to_25``, a former relevant young person who asked for support
    (``support_to_25``) has the 25th birthday in place of the 21st."""
    limit = pl.lit(252, dtype=pl.Int32)
    if to_25:
        asked = pl.col("support_to_25").fill_null(False) & (
            pl.col("eligibility") == codes.CARE_LEAVER_ELIGIBILITY.enum.FORMER_RELEVANT.value
        )
        limit = pl.when(asked).then(pl.lit(300, dtype=pl.Int32)).otherwise(limit)
    birthday = pl.col("date_of_birth").dt.offset_by(pl.format("{}mo", limit))
    return (
        ev.frame("care_leavers")
        .filter(pl.col("eligible_from").is_not_null() & pl.col("eligibility").is_in(eligibility))
        .unique("child_id", keep="first", maintain_order=True)
        .join(ev.birth_dates.lazy(), on="child_id", how="left")
        .with_columns(
            ctx=pl.col("child_id"),
            applies_until=birthday - timedelta(days=1),
            context_end=pl.min_horizontal("date_of_death", birthday),
        )
    )


def needs_assessment(ev: Evaluation) -> pl.LazyFrame:
    """T-NEEDS-ASSESSMENT: 3 months from becoming eligible to the needs assessment (reg 42).

    Met by the young person's first needs assessment whenever it was completed: one begun and
    finished ahead of the 16th birthday is the assessment.
    """
    leavers = _care_leavers(ev, _HAS_PATHWAY_PLANS).with_columns(
        clock_start="eligible_from",
        window_start=pl.lit(None, dtype=pl.Date),
        window_end=pl.lit(None, dtype=pl.Date),
    )
    assessments = ev.frame("needs_assessments").select(
        "child_id", "date", event_id="needs_assessment_id"
    )
    return as_candidates(
        first_event(leavers, assessments).select(
            "child_id",
            "clock_start",
            "met_on",
            "met_by_id",
            "applies_until",
            "context_end",
            *deadline("T-NEEDS-ASSESSMENT", ev.deadline("T-NEEDS-ASSESSMENT")),
            record_id="ctx",
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
    """T-PA-CONTACT (local, 8 weeks): the personal adviser keeps in touch with relevant and
    former relevant children, to 21, or to 25 for a former relevant young person who asked for
    support.

    The first clock starts when the young person leaves care (the end of their last period of
    care, if later than becoming eligible): while looked after they are visited under reg 28
    instead. Still looked after: no clock. Met by any contact (visit, meeting, call or
    message) with the young person in touch, or a personal adviser's visit with them seen.
    """
    last_care = (
        ev.periods_of_care.lazy()
        .sort("start")
        .group_by("child_id")
        .agg(left_care=pl.col("end").last(), still_in_care=pl.col("end").last().is_null())
    )
    leavers = (
        _care_leavers(ev, _HAS_PERSONAL_ADVISER_CONTACTS, to_25=True)
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


def personal_adviser_visit(ev: Evaluation) -> pl.LazyFrame:
    """T-PA-VISIT (reg 8(2)): while accommodation is provided under s23B or s24B, a personal
    adviser's visit there within 7 days of it being provided, before each pathway plan review,
    then at most 2 months apart.

    A chain per accommodation, from the day it was provided, ended by its end (or the young
    person's death); only a contact of kind VISIT with the young person in touch (or "in
    touch" not recorded) meets it. "Before each review": a clock started by a visit made on
    or before the previous pathway plan or review (or the accommodation start) is due by the
    next review, if that is sooner than its 7 days or 2 months; a visit since the previous
    plan already came before the review.
    """
    accommodation = (
        ev.frame("leaving_care_accommodation")
        .filter(pl.col("provided_on").is_not_null())
        .join(ev.birth_dates.lazy().select("child_id", "date_of_death"), on="child_id", how="left")
        .select(
            "child_id",
            ctx="accommodation_id",
            start="provided_on",
            end=pl.min_horizontal("ended_on", "date_of_death"),
        )
    )
    visits = (
        ev.frame("care_leaver_contacts")
        .filter(
            (pl.col("kind") == codes.CARE_LEAVER_CONTACT_KIND.enum.VISIT.value)
            & (pl.col("in_touch").is_in(_IN_TOUCH) | pl.col("in_touch").is_null())
        )
        .select("child_id", "date", event_id="cl_contact_id")
    )
    rule = "T-PA-VISIT"
    first, later = ev.deadline(rule, "first_visit"), ev.deadline(rule)
    clocks = collect(
        chain(accommodation, visits).with_columns(
            regular_due=pl.when(pl.col("sequence") == 0)
            .then(add_duration("clock_start", first, ev.calendar))
            .otherwise(add_duration("clock_start", later, ev.calendar))
        )
    )
    plans = (
        ev.frame("pathway_plans")
        .filter(pl.col("date").is_not_null())
        .sort("child_id", "date")
        .with_columns(previous_plan=pl.col("date").shift(1).over("child_id"))
        .filter(pl.col("is_review").fill_null(False))
        .select("child_id", review="date", previous_plan="previous_plan")
    )
    review_due = (
        clocks.lazy()
        .select("ctx", "sequence", "child_id", "clock_start", "start", "end")
        .join(plans, on="child_id", how="inner")
        .filter(
            (pl.col("review") > pl.col("clock_start"))
            & (pl.col("end").is_null() | (pl.col("review") <= pl.col("end")))
            & (pl.col("clock_start") <= pl.max_horizontal("previous_plan", "start"))
        )
        .group_by("ctx", "sequence")
        .agg(review_due=pl.col("review").min())
    )
    return as_candidates(
        clocks.lazy()
        .join(review_due, on=["ctx", "sequence"], how="left")
        .select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline_by_case([(pl.col("sequence") == 0, rule, first)], (rule, later)),
            fixed_due=pl.min_horizontal("regular_due", "review_due"),
            record_id="ctx",
            context_end="end",
        )
    )


PRODUCERS = {
    ("T-NEEDS-ASSESSMENT",): Producer("care_leavers", needs_assessment),
    ("T-PATHWAY-PLAN",): Producer("care_leavers", pathway_plan),
    ("T-PATHWAY-REVIEW",): Producer("care_leavers", pathway_reviews),
    ("T-PA-VISIT",): Producer("leaving_care_accommodation", personal_adviser_visit),
    ("T-PA-CONTACT",): Producer("care_leavers", personal_adviser_contact),
}
