"""One indicator evaluation's inputs and the shapes every indicator's rows share.

Every indicator is computed as *items*: rows with a child (or a worker), the date that
attributes it to a team, the range of trend points it counts at (``lo``..``hi``) and its
contribution to the numerator (``num``) and denominator (``den``). Summing items per point and
unit gives the figures; filtering them gives the children behind each figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import polars as pl

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines.evaluation import Evaluation
from sightline.engine.indicators.deadline_view import DeadlineView
from sightline.engine.indicators.points import Points
from sightline.standards.calendar import WorkingCalendar
from sightline.standards.timescales import Rulebook

__all__ = ["ITEM_SCHEMA", "Run", "items", "per_point"]

ITEM_SCHEMA: dict[str, pl.DataType] = {
    "child_id": pl.Int64,
    # Set when the item is attributed already (a worker's own supervision, an allocation);
    # otherwise null and worked out from the child's allocation open on ``on``.
    "worker_id": pl.Int64,
    "team_id": pl.Int64,
    "attributed": pl.Boolean,
    "on": pl.Date,
    "lo": pl.Int32,
    "hi": pl.Int32,
    "num": pl.Float64,
    "den": pl.Float64,
}


def items(
    frame: pl.DataFrame,
    *,
    num: pl.Expr | float,
    den: pl.Expr | float | None = 1.0,
    on: str | pl.Expr = "on",
    attributed: bool = False,
) -> pl.DataFrame:
    """``frame`` (with ``lo``, ``hi`` and ``child_id``, and ``worker_id``/``team_id`` if
    ``attributed``) as items in ``ITEM_SCHEMA``."""
    num = num if isinstance(num, pl.Expr) else pl.lit(num)
    den = pl.lit(den, dtype=pl.Float64) if not isinstance(den, pl.Expr) else den
    names = frame.columns
    return frame.select(
        pl.col("child_id").cast(pl.Int64)
        if "child_id" in names
        else pl.lit(None, pl.Int64).alias("child_id"),
        (pl.col("worker_id") if attributed else pl.lit(None)).cast(pl.Int64).alias("worker_id"),
        (pl.col("team_id") if attributed else pl.lit(None)).cast(pl.Int64).alias("team_id"),
        pl.lit(attributed).alias("attributed"),
        (pl.col(on) if isinstance(on, str) else on).cast(pl.Date).alias("on"),
        pl.col("lo").cast(pl.Int32),
        pl.col("hi").cast(pl.Int32),
        num.cast(pl.Float64).alias("num"),
        den.cast(pl.Float64).alias("den"),
    )


def per_point(frame: pl.DataFrame) -> pl.DataFrame:
    """A frame with ``point`` (from ``Points.explode``) as a range of one point."""
    return frame.with_columns(lo=pl.col("point"), hi=pl.col("point"))


@dataclass
class Run:
    """What every indicator reads: the dataset as known on the last point, the trend points,
    the deadline rows, the calendar and rulebook, and the child population (for rates)."""

    dataset: Dataset
    points: Points
    rulebook: Rulebook
    calendar: WorkingCalendar

    @cached_property
    def deadlines(self) -> DeadlineView:
        """The deadline evaluator's rows for every point (see ``deadline_view``)."""
        return DeadlineView(self.dataset, self.points, self.rulebook, self.calendar)

    @cached_property
    def care(self) -> Evaluation:
        """The deadline engine's periods of care and placements, so "a period of care" and
        "a placement" mean one thing in the worklists and the indicators."""
        return Evaluation(self.dataset, self.points.days[-1], self.rulebook, self.calendar)

    def frame(self, name: str) -> pl.DataFrame:
        """One of the dataset's frames (as known on the last point)."""
        return self.dataset[name]

    @cached_property
    def point_days(self) -> pl.DataFrame:
        """``point``, ``day``, ``start_12m``, ``start_36m`` for every point."""
        return self.points.frame()

    def with_periods(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Add each ``point``'s ``day`` and period starts to a frame that has ``point``."""
        return frame.join(self.point_days, on="point", how="left", suffix="_p")
