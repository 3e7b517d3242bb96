"""Clocks for children placed for adoption (reviews and visits, Adoption Agencies Regulations
2005 reg 36) and for privately fostered children (visits, the 2005 private fostering
regulations)."""

from __future__ import annotations

import polars as pl

from sightline.engine.deadlines.clocks import (
    as_candidates,
    chain,
    collect,
    deadline,
    deadline_by_case,
    shift_months,
)
from sightline.engine.deadlines.evaluation import Evaluation, Producer
from sightline.standards import codes

__all__ = ["PRODUCERS"]

_PRIVATE_FOSTERING_VISIT = codes.VISIT_KIND.enum.PRIVATE_FOSTERING.value


def _placed_for_adoption(ev: Evaluation) -> pl.DataFrame:
    """One row per adoption with a placement: ``ctx`` (= ``adoption_id``), ``child_id``,
    ``start`` (placed), ``end`` (the adoption order, if made) and ``first_review`` (the first
    review on or after the placement, before the order)."""
    placed = ev.frame("adoptions").filter(pl.col("placed_date").is_not_null())
    first_review = (
        placed.select("adoption_id", "child_id", "placed_date", "adoption_order_date")
        .join(ev.frame("lac_reviews").select("child_id", "date"), on="child_id", how="inner")
        .filter(
            (pl.col("date") >= pl.col("placed_date"))
            & (
                pl.col("adoption_order_date").is_null()
                | (pl.col("date") <= pl.col("adoption_order_date"))
            )
        )
        .group_by("adoption_id")
        .agg(first_review=pl.col("date").min())
    )
    return collect(
        placed.join(first_review, on="adoption_id", how="left").select(
            "child_id",
            "first_review",
            ctx="adoption_id",
            start="placed_date",
            end="adoption_order_date",
        )
    )


def adoption_reviews(ev: Evaluation) -> pl.LazyFrame:
    """T-ADOPTION-REVIEW-1 and T-ADOPTION-REVIEW: from placement for adoption, reviews within
    4 weeks, 3 months after the first, then every 6 months, until the adoption order.

    Met by the child's looked-after reviews (the review of a child placed for adoption is held
    and recorded as their looked-after review), chained from the placement date.
    """
    events = ev.frame("lac_reviews").select("child_id", "date", event_id="review_id")
    clocks = chain(_placed_for_adoption(ev).drop("first_review"), events)
    later = "T-ADOPTION-REVIEW"
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
                        "T-ADOPTION-REVIEW-1",
                        ev.deadline("T-ADOPTION-REVIEW-1"),
                    ),
                    (pl.col("sequence") == 1, later, ev.deadline(later, "second_review")),
                ],
                (later, ev.deadline(later)),
            ),
            record_id="ctx",
            context_end="end",
        )
    )


def adoption_visits(ev: Evaluation) -> pl.LazyFrame:
    """T-ADOPTION-VISIT: a visit within a week of placement for adoption, then weekly until the
    first review.

    A chain of weekly clocks from the placement, met by social work visits (an adoption visit
    is one) with the child seen. The first review ends it: clocks falling due after it are not
    deadlines, since the review sets the frequency from then on. Until the review is held
    (it has its own clock) the weekly visits continue; the adoption order ends them too.
    """
    placed = _placed_for_adoption(ev).with_columns(end=pl.min_horizontal("end", "first_review"))
    clocks = chain(placed.drop("first_review"), ev.social_work_visits)
    return as_candidates(
        clocks.select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline("T-ADOPTION-VISIT", ev.deadline("T-ADOPTION-VISIT")),
            record_id="ctx",
            context_end="end",
        )
    )


def private_fostering_visits(ev: Evaluation) -> pl.LazyFrame:
    """T-PF-VISIT-1 and T-PF-VISIT: the first visit within 7 working days of notification,
    then at most 6 weeks apart in the arrangement's first year and 12 weeks after.

    A chain per arrangement from the later of the notification and the arrangement's start (a
    proposed arrangement is visited once it begins), ended by the arrangement ending. Met by
    a private fostering visit, or any social work visit, with the child seen. Each clock's
    interval is fixed by whether it starts in the first year from the arrangement's start.
    """
    arrangements = (
        ev.frame("private_fostering")
        .filter(pl.col("notified_on").is_not_null())
        .select(
            "child_id",
            ctx="arrangement_id",
            arrangement_start=pl.coalesce("start_date", "notified_on"),
            start=pl.max_horizontal("notified_on", "start_date"),
            end="end_date",
        )
    )
    visits = pl.concat(
        [
            ev.social_work_visits.lazy(),
            ev.frame("visits")
            .filter(
                (pl.col("kind") == _PRIVATE_FOSTERING_VISIT) & pl.col("child_seen").fill_null(False)
            )
            .select("child_id", "date", event_id="visit_id"),
        ]
    )
    clocks = chain(collect(arrangements), visits)
    later = "T-PF-VISIT"
    after_first_year = pl.col("clock_start") >= shift_months("arrangement_start", 12)
    return as_candidates(
        clocks.select(
            "child_id",
            "sequence",
            "clock_start",
            "met_on",
            "met_by_id",
            *deadline_by_case(
                [
                    (pl.col("sequence") == 0, "T-PF-VISIT-1", ev.deadline("T-PF-VISIT-1")),
                    (after_first_year, later, ev.deadline(later, "after_first_year")),
                ],
                (later, ev.deadline(later)),
            ),
            record_id="ctx",
            context_end="end",
        )
    )


PRODUCERS = {
    ("T-ADOPTION-REVIEW-1", "T-ADOPTION-REVIEW"): Producer("adoptions", adoption_reviews),
    ("T-ADOPTION-VISIT",): Producer("adoptions", adoption_visits),
    ("T-PF-VISIT-1", "T-PF-VISIT"): Producer("private_fostering", private_fostering_visits),
}
