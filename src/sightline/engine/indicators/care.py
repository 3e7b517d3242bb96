"""Children in care (corporate parenting) indicators, as items (``run.items``).

"Looked after" means a period of care of the deadline engine (``Evaluation.periods_of_care``:
short breaks excepted) and "a placement" its placements, so the worklists and the scorecard
agree on who is in care.
"""

from __future__ import annotations

import polars as pl

from sightline.engine.indicators.run import Run, items, per_point
from sightline.standards import codes

__all__ = ["PRODUCERS"]

_AWAY = codes.MISSING_TYPE.enum.A.value


def _in_care(run: Run, start: pl.Expr | None = None) -> pl.DataFrame:
    """Each child looked after on each point, once; ``start`` (default: the period's start)
    delays when a period starts counting (e.g. 12 months in)."""
    periods = run.care.periods_of_care.with_columns(
        counts_from=start if start is not None else pl.col("start")
    )
    return (
        run.points.explode(run.points.open_between(periods, "counts_from", "end"))
        .sort("child_id", "point", "start")
        .unique(["child_id", "point"], keep="first")
        .select("child_id", "point", "day", "start")
    )


def cla_rate(run: Run) -> pl.DataFrame:
    """K-CLA-RATE: children looked after on each point."""
    return items(per_point(_in_care(run)), num=1.0, den=None, on="day")


def _placements_in_year(run: Run) -> pl.DataFrame:
    placements = run.points.overlapping(run.care.placements, "start", "end")
    return (
        run.points.explode(placements)
        .group_by("child_id", "point")
        .agg(placements=pl.col("placement_id").n_unique())
    )


def three_placements(run: Run) -> pl.DataFrame:
    """K-CLA-3PLACE: looked after on the point; 3+ placements open in the 12 months to it."""
    frame = _in_care(run).join(_placements_in_year(run), on=["child_id", "point"], how="left")
    return items(per_point(frame), num=pl.col("placements").fill_null(0) >= 3, on="day")


def stability(run: Run) -> pl.DataFrame:
    """K-CLA-STABLE: under 16 and looked after 2.5+ years on the point; in the same placement
    (the one open on the point) for the 2 years to it."""
    population = (
        _in_care(run, pl.col("start").dt.offset_by("30mo"))
        .join(run.frame("children").select("child_id", "date_of_birth"), on="child_id")
        .filter(pl.col("date_of_birth").dt.offset_by("192mo") > pl.col("day"))
    )
    current = (
        population.select("child_id", "point", "day")
        .join(run.care.placements.select("child_id", "start", "end"), on="child_id")
        .filter(
            (pl.col("start") <= pl.col("day"))
            & (pl.col("end").is_null() | (pl.col("end") >= pl.col("day")))
        )
        .group_by("child_id", "point")
        .agg(placed=pl.col("start").max())
    )
    frame = population.join(current, on=["child_id", "point"], how="left")
    stable = pl.col("placed") <= pl.col("day").dt.offset_by("-24mo")
    return items(per_point(frame), num=stable.fill_null(False), on="day")


def _due_and_met(run: Run, rules: list[str]) -> pl.DataFrame:
    rows = run.deadlines.rows(rules)
    on_time = pl.col("met_on").is_not_null() & (pl.col("met_on") <= pl.col("due"))
    return items(run.points.in_period(rows, "due"), num=on_time, on="due")


def lac_reviews(run: Run) -> pl.DataFrame:
    """K-LAC-REVIEW: review clocks falling due in the period; held by the due date."""
    return _due_and_met(run, ["T-LAC-REVIEW-1", "T-LAC-REVIEW-2", "T-LAC-REVIEW"])


def lac_visits(run: Run) -> pl.DataFrame:
    """K-LAC-VISITS: statutory visit clocks falling due in the period; visited by then."""
    return _due_and_met(
        run, ["T-LAC-VISIT-PLACEMENT", "T-LAC-VISIT", "T-LAC-VISIT-LONG-TERM", "T-LAC-VISIT-PARENT"]
    )


def _checked_within_year(run: Run, frame_name: str, *, under_5: bool = False) -> pl.DataFrame:
    population = _in_care(run, pl.col("start").dt.offset_by("12mo"))
    if under_5:
        population = population.join(
            run.frame("children").select("child_id", "date_of_birth"), on="child_id"
        ).filter(pl.col("date_of_birth").dt.offset_by("60mo") > pl.col("day"))
    checks = run.points.explode(run.points.in_period(run.frame(frame_name), "date"))
    checked = checks.select("child_id", "point").unique().with_columns(checked=pl.lit(True))
    frame = population.join(checked, on=["child_id", "point"], how="left")
    return items(per_point(frame), num=pl.col("checked").fill_null(False), on="day")


def health(run: Run) -> pl.DataFrame:
    """K-HEALTH: looked after 12+ months on the point; a health assessment in the 12
    months to it (initial or review)."""
    return _checked_within_year(run, "health_assessments")


def dental(run: Run) -> pl.DataFrame:
    """K-DENTAL: looked after 12+ months on the point; a dental check in the 12 months."""
    return _checked_within_year(run, "dental_checks")


def development(run: Run) -> pl.DataFrame:
    """K-DEV-CHECK: looked after 12+ months on the point and under 5 on it; a development
    check in the 12 months to it."""
    return _checked_within_year(run, "development_checks", under_5=True)


def missing(run: Run) -> pl.DataFrame:
    """K-MISSING: children looked after at any time in the period; those with a missing
    episode (not 'away from placement') starting in it. An episode with no type is missing."""
    periods = run.points.overlapping(run.care.periods_of_care, "start", "end")
    population = (
        run.points.explode(periods).select("child_id", "point", "day").unique(["child_id", "point"])
    )
    episodes = run.frame("missing_episodes").filter((pl.col("kind") != _AWAY).fill_null(True))
    went = (
        run.points.explode(run.points.in_period(episodes, "start_date"))
        .select("child_id", "point")
        .unique()
        .with_columns(went=pl.lit(True))
    )
    frame = population.join(went, on=["child_id", "point"], how="left")
    return items(per_point(frame), num=pl.col("went").fill_null(False), on="day")


def return_interviews(run: Run) -> pl.DataFrame:
    """K-RHI: T-RHI clocks falling due in the period; interview offered by the due date."""
    return _due_and_met(run, ["T-RHI"])


def permanence(run: Run) -> pl.DataFrame:
    """K-PERMANENCE: periods of care whose second review was held in the period (read from
    the T-PERMANENCE-PLAN evaluation as at each point, whose due date is then that review);
    a permanence plan recorded by it."""
    reviews = run.care.periods_of_care.select(record_id="ctx", second_review="second_review")
    rows = run.with_periods(
        run.deadlines.point_rows(["T-PERMANENCE-PLAN"]).join(reviews, on="record_id")
    ).filter(
        (pl.col("second_review") >= pl.col("start_12m"))
        & (pl.col("second_review") <= pl.col("day"))
    )
    met = pl.col("met_on").is_not_null() & (pl.col("met_on") <= pl.col("second_review"))
    return items(per_point(rows), num=met, on="second_review")


def proceedings(run: Run) -> pl.DataFrame:
    """K-PROCEEDINGS-26: T-PROCEEDINGS clocks met (final order) in the period; within 26
    weeks of issue, extensions not counted."""
    rows = run.deadlines.rows(["T-PROCEEDINGS"]).filter(pl.col("met_on").is_not_null())
    base = run.rulebook.deadline("T-PROCEEDINGS")
    limit = base.add_to_array(rows["clock_start"].to_numpy(), run.calendar)
    rows = rows.with_columns(within=pl.Series(limit, dtype=pl.Date))
    return items(
        run.points.in_period(rows, "met_on"),
        num=pl.col("met_on") <= pl.col("within"),
        on="met_on",
    )


PRODUCERS = {
    "K-CLA-RATE": cla_rate,
    "K-CLA-3PLACE": three_placements,
    "K-CLA-STABLE": stability,
    "K-LAC-REVIEW": lac_reviews,
    "K-LAC-VISITS": lac_visits,
    "K-HEALTH": health,
    "K-DENTAL": dental,
    "K-DEV-CHECK": development,
    "K-MISSING": missing,
    "K-RHI": return_interviews,
    "K-PERMANENCE": permanence,
    "K-PROCEEDINGS-26": proceedings,
}
