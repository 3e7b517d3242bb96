"""``evaluate_indicators``: every indicator over a dataset, at every level, for a trend.

Items (``run.items``) are attributed to a worker, team and service, summed per point and unit
at each level, and turned into values, England figures, targets and RAG ratings. The items are
kept, so the children behind any figure are a filter away (``IndicatorResult.children``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

import polars as pl

from sightline.engine.as_at import as_known_at
from sightline.engine.dataset import Dataset
from sightline.engine.indicators import care, front_door, leavers_adoption, protection, workforce
from sightline.engine.indicators.points import Points
from sightline.engine.indicators.run import ITEM_SCHEMA, Run
from sightline.standards.calendar import WorkingCalendar, default_calendar
from sightline.standards.indicators import INDICATORS, Indicator, Measure, rag
from sightline.standards.timescales import Rulebook
from sightline.standards.timescales import rulebook as default_rulebook

__all__ = [
    "LEVELS",
    "NOT_AVAILABLE",
    "PRODUCERS",
    "VALUE_SCHEMA",
    "ChildList",
    "IndicatorResult",
    "evaluate_indicators",
]

LEVELS = ("council", "service", "team", "worker")
NOT_AVAILABLE = "not available from this dataset"
# Items nobody holds on their date: reported as their own unit below the council level, so
# each level's units add up to the council.
UNATTRIBUTED = "unattributed"

PRODUCERS = {
    **front_door.PRODUCERS,
    **protection.PRODUCERS,
    **care.PRODUCERS,
    **leavers_adoption.PRODUCERS,
    **workforce.PRODUCERS,
}

VALUE_SCHEMA: dict[str, pl.DataType] = {
    "indicator_id": pl.String,
    "level": pl.String,
    "unit_id": pl.Int64,
    "unit": pl.String,
    "point": pl.Int32,
    "period_start": pl.Date,
    "period_end": pl.Date,
    "numerator": pl.Float64,
    "denominator": pl.Float64,
    "value": pl.Float64,
    "england": pl.Float64,
    "target": pl.Float64,
    "rag": pl.String,
    "status": pl.String,
}

_UNIT_COLUMN = {"service": "service_id", "team": "team_id", "worker": "worker_id"}


@dataclass(frozen=True)
class ChildList:
    """The children behind one figure (None when the figure has no such list: a rate's
    denominator is the council's child population, a count has no denominator)."""

    numerator: list[int]
    denominator: list[int] | None


@dataclass
class IndicatorResult:
    """Every indicator's figures (``values``, in ``VALUE_SCHEMA``) and the items behind them."""

    values: pl.DataFrame
    items: pl.DataFrame
    points: Points
    indicators: tuple[Indicator, ...]

    def children(
        self,
        indicator_id: str,
        *,
        level: str = "council",
        unit_id: int | None = None,
        point: int = -1,
    ) -> ChildList:
        """The child IDs behind an indicator's numerator and denominator for one unit
        (``unit_id`` None: the council, or the unattributed unit below it) and point."""
        indicator = self._indicator(indicator_id)
        if not indicator.available:
            raise ValueError(f"{indicator_id} is {NOT_AVAILABLE}: {indicator.caveats}")
        if level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")
        point = point % len(self.points)
        rows = self.items.filter(
            (pl.col("indicator_id") == indicator_id)
            & (pl.col("lo") <= point)
            & (pl.col("hi") >= point)
            & pl.col("child_id").is_not_null()
        )
        if level != "council":
            column = pl.col(_UNIT_COLUMN[level])
            rows = rows.filter(column.is_null() if unit_id is None else column == unit_id)

        def ids(frame: pl.DataFrame) -> list[int]:
            return sorted(frame["child_id"].unique().to_list())

        numerator = ids(rows.filter(pl.col("num") > 0))
        if indicator.measure in (Measure.RATE_PER_10000, Measure.COUNT):
            return ChildList(numerator, None)
        return ChildList(numerator, ids(rows.filter(pl.col("den") > 0)))

    def _indicator(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(f"no indicator {indicator_id!r}")


def _attribute(items: pl.DataFrame, dataset: Dataset) -> pl.DataFrame:
    """Add ``worker_id``, ``team_id`` and ``service_id`` to items not attributed already.

    A child is attributed to the allocation open on the item's ``on`` date (start <= on <=
    end; the latest start if several): the event's date for events (the day an assessment
    was authorised), the due date for deadlines due in a period, and the point itself for
    children counted on a date. The allocation's team, or else its worker's team, is the
    team; the team's service is the service. Children nobody held that day are unattributed.
    """
    allocations = (
        dataset["allocations"]
        .join(
            dataset["workers"].select("worker_id", worker_team="team_id"),
            on="worker_id",
            how="left",
        )
        .select(
            "child_id",
            "start_date",
            "end_date",
            "allocation_id",
            a_worker="worker_id",
            a_team=pl.coalesce("team_id", "worker_team"),
        )
    )
    todo = items.filter(~pl.col("attributed"))
    keys = todo.select("child_id", "on").unique().drop_nulls().sort("on")
    # The latest allocation started by the day, found by an as-of join; only where that one
    # had ended by then can an earlier, overlapping one still be open, and only those keys
    # are joined with every allocation of the child.
    latest = keys.join_asof(
        allocations.sort("start_date"),
        left_on="on",
        right_on="start_date",
        by="child_id",
        strategy="backward",
        check_sortedness=False,
    )
    # The end-date half of ``open_on``: the start is matched by the as-of join above.
    still_open = pl.col("end_date").is_null() | (pl.col("end_date") >= pl.col("on"))
    found = latest.filter(pl.col("start_date").is_not_null() & still_open)
    ended = latest.filter(pl.col("start_date").is_not_null() & ~still_open).select("child_id", "on")
    overlapping = (
        ended.join(allocations, on="child_id")
        .filter((pl.col("start_date") <= pl.col("on")) & still_open)
        .sort("start_date", "allocation_id")
        .unique(["child_id", "on"], keep="last")
    )
    columns = ["child_id", "on", "a_worker", "a_team"]
    held = pl.concat([found.select(columns), overlapping.select(columns)])
    todo = (
        todo.join(held, on=["child_id", "on"], how="left")
        .with_columns(worker_id=pl.col("a_worker"), team_id=pl.col("a_team"))
        .drop("a_worker", "a_team")
    )
    services = dataset["teams"].select("team_id", "service_id")
    return pl.concat([todo, items.filter(pl.col("attributed"))]).join(
        services, on="team_id", how="left"
    )


def _names(dataset: Dataset, level: str) -> pl.DataFrame:
    if level == "worker":
        return dataset["workers"].select(unit_id="worker_id", unit="name")
    if level == "team":
        return dataset["teams"].select(unit_id="team_id", unit="name")
    # Services have no frame of their own: named by ID.
    return (
        dataset["teams"]
        .select(unit_id="service_id")
        .drop_nulls()
        .unique()
        .with_columns(unit=pl.format("service {}", pl.col("unit_id")))
    )


def _sum(attributed: pl.DataFrame, level: str) -> pl.DataFrame:
    by = ["indicator_id", "lo", "hi"] + ([_UNIT_COLUMN[level]] if level != "council" else [])
    grouped = attributed.group_by(by).agg(
        numerator=pl.col("num").sum(),
        denominator=pl.col("den").sum(),
        has_den=pl.col("den").is_not_null().any(),
    )
    exploded = grouped.with_columns(
        point=pl.int_ranges("lo", pl.col("hi") + 1, dtype=pl.Int32)
    ).explode("point")
    keys = ["indicator_id", "point"] + ([_UNIT_COLUMN[level]] if level != "council" else [])
    summed = exploded.group_by(keys).agg(
        pl.col("numerator").sum(), pl.col("denominator").sum(), pl.col("has_den").any()
    )
    if level == "council":
        return summed.with_columns(unit_id=pl.lit(None, pl.Int64))
    return summed.rename({_UNIT_COLUMN[level]: "unit_id"})


def _values(
    summed: pl.DataFrame, indicators: tuple[Indicator, ...], level: str, population: int | None
) -> pl.DataFrame:
    measure = {i.id: i.measure.value for i in indicators}
    kind = pl.col("indicator_id").replace_strict(measure, return_dtype=pl.String)
    rate_den = (
        pl.lit(float(population)) if population and level == "council" else pl.lit(None, pl.Float64)
    )
    denominator = (
        pl.when(kind == Measure.RATE_PER_10000.value)
        .then(rate_den)
        .when(kind == Measure.COUNT.value)
        .then(pl.lit(None, pl.Float64))
        .otherwise(pl.col("denominator"))
    )
    ratio = pl.col("numerator") / pl.col("denominator")
    value = (
        pl.when(pl.col("denominator").is_null() & (kind == Measure.COUNT.value))
        .then(pl.col("numerator"))
        .when(pl.col("denominator").is_null() | (pl.col("denominator") == 0))
        .then(pl.lit(None, pl.Float64))
        .when(kind == Measure.PERCENT.value)
        .then(ratio * 100)
        .when(kind == Measure.RATE_PER_10000.value)
        .then(ratio * 10_000)
        .otherwise(ratio)
    )
    return summed.with_columns(denominator=denominator).with_columns(value=value)


def evaluate_indicators(
    dataset: Dataset,
    as_at: date,
    *,
    months: int = 1,
    levels: Collection[str] = LEVELS,
    indicators: tuple[Indicator, ...] = INDICATORS,
    child_population: int | None = None,
    rulebook: Rulebook | None = None,
    calendar: WorkingCalendar | None = None,
    comparators: Mapping[str, float] | None = None,
) -> IndicatorResult:
    """Every indicator as at ``as_at`` and the ``months - 1`` month ends before it.

    Each point's figures are the answer as at that date: only what was known then counts
    (see ``deadline_view`` for how one deadline evaluation serves every point). Event
    indicators count the 12 months (adoption: 3 years) to each point; snapshot indicators
    the children on the point. ``child_population`` (aged 0-17) gives the rates per 10,000;
    without it, and below the council, a rate has its count and no value. Indicators the
    dataset cannot support have ``status`` "not available from this dataset" and no figures.
    ``values`` has one row per indicator and point at the council level and one per
    indicator, point and unit holding any item below it, ordered by level, indicator
    (catalogue order), unit and point.
    """
    unknown = set(levels) - set(LEVELS)
    if unknown:
        raise ValueError(f"unknown levels: {', '.join(sorted(unknown))}")
    rulebook = rulebook if rulebook is not None else default_rulebook()
    calendar = calendar if calendar is not None else default_calendar()
    points = Points.trend(as_at, months)
    known = as_known_at(dataset, as_at)
    run = Run(known, points, rulebook, calendar)
    parts = [
        PRODUCERS[i.id](run).with_columns(indicator_id=pl.lit(i.id))
        for i in indicators
        if i.available
    ]
    schema = {**ITEM_SCHEMA, "indicator_id": pl.String}
    items = (
        pl.concat([p.select(list(schema)) for p in parts]) if parts else pl.DataFrame(schema=schema)
    )
    attributed = _attribute(items, known)
    frames = []
    period_frame = points.frame()
    for level in LEVELS:
        if level not in levels:
            continue
        values = _values(_sum(attributed, level), indicators, level, child_population)
        if level == "council":
            grid = pl.DataFrame({"indicator_id": [i.id for i in indicators]}).join(
                period_frame.select("point"), how="cross"
            )
            values = grid.join(values, on=["indicator_id", "point"], how="left").with_columns(
                pl.col("numerator").fill_null(0.0),
                unit=pl.lit("council"),
            )
            values = _values(
                values.with_columns(pl.col("denominator").fill_null(0.0)).drop("value"),
                indicators,
                level,
                child_population,
            )
        else:
            values = values.join(_names(known, level), on="unit_id", how="left").with_columns(
                unit=pl.when(pl.col("unit_id").is_null())
                .then(pl.lit(UNATTRIBUTED))
                .otherwise(pl.coalesce("unit", pl.col("unit_id").cast(pl.String)))
            )
        frames.append(values.with_columns(level=pl.lit(level)))
    values = _finish(pl.concat([f.select(_PRE) for f in frames]), indicators, points, comparators)
    return IndicatorResult(values=values, items=attributed, points=points, indicators=indicators)


_PRE = ["indicator_id", "level", "unit_id", "unit", "point", "numerator", "denominator", "value"]


def _finish(
    values: pl.DataFrame,
    indicators: tuple[Indicator, ...],
    points: Points,
    comparators: Mapping[str, float] | None,
) -> pl.DataFrame:
    meta = pl.DataFrame(
        {
            "indicator_id": [i.id for i in indicators],
            "order": list(range(len(indicators))),
            "england": [i.england.value if i.england else None for i in indicators],
            "target": [i.target for i in indicators],
            "available": [i.available for i in indicators],
        },
        schema={
            "indicator_id": pl.String,
            "order": pl.Int32,
            "england": pl.Float64,
            "target": pl.Float64,
            "available": pl.Boolean,
        },
    )
    periods = points.frame().select(
        "point", period_end="day", start_12m="start_12m", start_36m="start_36m"
    )
    three_years = [i.id for i in indicators if i.period.name == "THREE_YEARS"]
    at_date = [i.id for i in indicators if i.period.name == "AT_DATE"]
    frame = (
        values.join(meta, on="indicator_id", how="left")
        .join(periods, on="point", how="left")
        .with_columns(
            period_start=pl.when(pl.col("indicator_id").is_in(at_date))
            .then(pl.col("period_end"))
            .when(pl.col("indicator_id").is_in(three_years))
            .then(pl.col("start_36m"))
            .otherwise(pl.col("start_12m")),
            status=pl.when(pl.col("available")).then(pl.lit("ok")).otherwise(pl.lit(NOT_AVAILABLE)),
        )
        .with_columns(
            [
                pl.when(pl.col("available")).then(pl.col(c)).otherwise(None).alias(c)
                for c in ("numerator", "denominator", "value")
            ]
        )
    )
    by_id = {i.id: i for i in indicators}
    ratings = [
        rag(v, target=by_id[i].target, tolerance=by_id[i].tolerance, polarity=by_id[i].polarity)
        for i, v in zip(frame["indicator_id"], frame["value"], strict=True)
    ]
    level_order = {name: n for n, name in enumerate(LEVELS)}
    frame = frame.with_columns(
        rag=pl.Series(ratings, dtype=pl.String),
        level_order=pl.col("level").replace_strict(level_order, return_dtype=pl.Int8),
    ).sort("level_order", "order", "unit_id", "point", nulls_last=True)
    return frame.select(list(VALUE_SCHEMA)).cast(VALUE_SCHEMA)
