"""Care leaver and adoption indicators, as items (``run.items``)."""

from __future__ import annotations

from datetime import timedelta

import polars as pl

from sightline.engine.indicators.run import Run, items, per_point
from sightline.standards import codes

__all__ = ["PRODUCERS"]

_KEPT_IN_TOUCH = [
    codes.CARE_LEAVER_ELIGIBILITY.enum.RELEVANT.value,
    codes.CARE_LEAVER_ELIGIBILITY.enum.FORMER_RELEVANT.value,
]
# As the deadline engine's T-PA-CONTACT: "returned home" is still in touch.
_IN_TOUCH = [codes.IN_TOUCH.enum.YES.value, codes.IN_TOUCH.enum.RHOM.value]


def in_touch(run: Run) -> pl.DataFrame:
    """K-CL-TOUCH: relevant and former relevant care leavers aged 19-21 on the point; in
    touch at their latest contact on or before it (no contact: not in touch)."""
    leavers = (
        run.frame("care_leavers")
        .filter(pl.col("eligibility").is_in(_KEPT_IN_TOUCH))
        .unique("child_id", keep="first")
        .join(run.frame("children").select("child_id", "date_of_birth"), on="child_id")
        .with_columns(
            from_=pl.max_horizontal("eligible_from", pl.col("date_of_birth").dt.offset_by("228mo")),
            until=pl.col("date_of_birth").dt.offset_by("264mo") - timedelta(days=1),
        )
        .filter(pl.col("eligible_from").is_not_null() & pl.col("date_of_birth").is_not_null())
    )
    population = (
        run.points.explode(run.points.open_between(leavers, "from_", "until"))
        .select("child_id", "point", "day")
        .sort("day")
    )
    contacts = (
        run.frame("care_leaver_contacts")
        .filter(pl.col("date").is_not_null())
        .sort("date", "cl_contact_id")
        .select("child_id", "date", "in_touch")
    )
    latest = population.join_asof(
        contacts,
        left_on="day",
        right_on="date",
        by="child_id",
        strategy="backward",
        check_sortedness=False,
    )
    return items(
        per_point(latest), num=pl.col("in_touch").is_in(_IN_TOUCH).fill_null(False), on="day"
    )


def pathway_reviews(run: Run) -> pl.DataFrame:
    """K-CL-PATHWAY: T-PATHWAY-REVIEW clocks falling due in the period; met by the due date."""
    rows = run.deadlines.rows(["T-PATHWAY-REVIEW"])
    on_time = pl.col("met_on").is_not_null() & (pl.col("met_on") <= pl.col("due"))
    return items(run.points.in_period(rows, "due"), num=on_time, on="due")


def care_to_adopters(run: Run) -> pl.DataFrame:
    """K-A1: children moving in with adopters (placed for adoption, or a fostering-for-
    adoption placement if earlier) in the 3 years to the point; days from the start of the
    child's latest period of care starting on or before that move."""
    moves = (
        run.frame("adoptions")
        .with_columns(moved=pl.min_horizontal("placed_date", "fostering_for_adoption_date"))
        .filter(pl.col("moved").is_not_null())
        .sort("moved")
    )
    periods = run.care.periods_of_care.select("child_id", entered="start").sort("entered")
    moves = moves.join_asof(
        periods,
        left_on="moved",
        right_on="entered",
        by="child_id",
        strategy="backward",
        check_sortedness=False,
    ).filter(pl.col("entered").is_not_null())
    frame = run.points.in_period(moves, "moved", months=36)
    days = (pl.col("moved") - pl.col("entered")).dt.total_days().cast(pl.Float64)
    return items(frame, num=days, on="moved")


def order_to_match(run: Run) -> pl.DataFrame:
    """K-A2: children matched in the 3 years to the point after a placement order; days
    from the order to the match."""
    matches = run.frame("adoptions").filter(
        pl.col("placement_order_date").is_not_null()
        & (pl.col("matched_date") >= pl.col("placement_order_date"))
    )
    frame = run.points.in_period(matches, "matched_date", months=36)
    days = (pl.col("matched_date") - pl.col("placement_order_date")).dt.total_days()
    return items(frame, num=days.cast(pl.Float64), on="matched_date")


PRODUCERS = {
    "K-CL-TOUCH": in_touch,
    "K-CL-PATHWAY": pathway_reviews,
    "K-A1": care_to_adopters,
    "K-A2": order_to_match,
}
