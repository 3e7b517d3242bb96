"""Trend points and which of them each record counts at, as integer ranges over the points.

A trend is ``N`` points: the as-at date and the ``N - 1`` month ends before it. A record
counts at a contiguous run of points (an event dated ``x`` counts at every point whose period
contains ``x``; a plan open from ``a`` to ``b`` counts at every point between them), so each
record gets ``lo`` and ``hi``, the first and last point it counts at, found by binary search.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import polars as pl

from sightline.standards.calendar import add_months

__all__ = ["Points", "trend_points"]


def trend_points(as_at: date, months: int) -> list[date]:
    """``as_at`` and the ``months - 1`` month ends before it, oldest first."""
    if months < 1:
        raise ValueError(f"a trend needs at least one month, got {months}")
    points = [as_at]
    month_start = as_at.replace(day=1)
    for _ in range(months - 1):
        month_end = month_start - timedelta(days=1)
        points.append(month_end)
        month_start = month_end.replace(day=1)
    return points[::-1]


def _days(series: pl.Series) -> np.ndarray:
    return series.cast(pl.Date).to_numpy().astype("datetime64[D]")


@dataclass(frozen=True)
class Points:
    """The trend's dates and, for each, the start of its 12-month and 3-year periods.

    A period is the 12 months (or 3 years) ending on the point: for 31 March 2025, 1 April
    2024 to 31 March 2025.
    """

    days: tuple[date, ...]

    def __post_init__(self) -> None:
        if list(self.days) != sorted(self.days) or len(set(self.days)) != len(self.days):
            raise ValueError("trend points must be distinct and in date order")

    @classmethod
    def trend(cls, as_at: date, months: int) -> Points:
        """The points of a trend of ``months`` values ending ``as_at``."""
        return cls(tuple(trend_points(as_at, months)))

    def __len__(self) -> int:
        return len(self.days)

    def period_start(self, point: int, months: int = 12) -> date:
        """The first day of the ``months``-month period ending on the point."""
        return add_months(self.days[point] + timedelta(days=1), -months)

    def frame(self) -> pl.DataFrame:
        """One row per point: ``point``, ``day``, ``start_12m`` and ``start_36m``."""
        return pl.DataFrame(
            {
                "point": list(range(len(self))),
                "day": list(self.days),
                "start_12m": [self.period_start(p, 12) for p in range(len(self))],
                "start_36m": [self.period_start(p, 36) for p in range(len(self))],
            },
            schema={"point": pl.Int32, "day": pl.Date, "start_12m": pl.Date, "start_36m": pl.Date},
        )

    @property
    def _array(self) -> np.ndarray:
        return np.array(self.days, dtype="datetime64[D]")

    def _starts(self, months: int) -> np.ndarray:
        return np.array(
            [self.period_start(p, months) for p in range(len(self))], dtype="datetime64[D]"
        )

    def _with_range(self, frame: pl.DataFrame, lo: np.ndarray, hi: np.ndarray) -> pl.DataFrame:
        return frame.with_columns(
            lo=pl.Series(lo, dtype=pl.Int32), hi=pl.Series(hi, dtype=pl.Int32)
        ).filter(pl.col("lo") <= pl.col("hi"))

    def in_period(self, frame: pl.DataFrame, column: str, months: int = 12) -> pl.DataFrame:
        """Rows of ``frame`` whose ``column`` date falls in some point's period, with the
        range of points whose period holds it. Null dates count nowhere."""
        frame = frame.filter(pl.col(column).is_not_null())
        x = _days(frame[column])
        lo = np.searchsorted(self._array, x, side="left")
        hi = np.searchsorted(self._starts(months), x, side="right") - 1
        return self._with_range(frame, lo, hi)

    def open_between(self, frame: pl.DataFrame, start: str, end: str) -> pl.DataFrame:
        """Rows open on some point (``start`` <= point <= ``end``; null end = still open),
        with the range of those points. Null starts count nowhere."""
        frame = frame.filter(pl.col(start).is_not_null())
        a = _days(frame[start])
        b = _days(frame[end])
        lo = np.searchsorted(self._array, a, side="left")
        hi = np.where(np.isnat(b), len(self) - 1, np.searchsorted(self._array, b, side="right") - 1)
        return self._with_range(frame, lo, hi)

    def overlapping(
        self, frame: pl.DataFrame, start: str, end: str, months: int = 12
    ) -> pl.DataFrame:
        """Rows running ``start``..``end`` (null end = still open) that overlap some point's
        period, with the range of those points."""
        frame = frame.filter(pl.col(start).is_not_null())
        a = _days(frame[start])
        b = _days(frame[end])
        lo = np.searchsorted(self._array, a, side="left")
        hi = np.where(
            np.isnat(b), len(self) - 1, np.searchsorted(self._starts(months), b, side="right") - 1
        )
        return self._with_range(frame, lo, hi)

    def strictly_between(self, frame: pl.DataFrame, after: str, before: str) -> pl.DataFrame:
        """Rows with some point strictly after ``after`` and strictly before ``before`` (null
        ``before``: no upper bound) — e.g. a clock is overdue after its due date until met."""
        frame = frame.filter(pl.col(after).is_not_null())
        a = _days(frame[after])
        b = _days(frame[before])
        lo = np.searchsorted(self._array, a, side="right")
        hi = np.where(np.isnat(b), len(self) - 1, np.searchsorted(self._array, b, side="left") - 1)
        return self._with_range(frame, lo, hi)

    def explode(self, frame: pl.DataFrame) -> pl.DataFrame:
        """One row per row and point in its range, with the point's ``day``."""
        return (
            frame.with_columns(point=pl.int_ranges("lo", pl.col("hi") + 1, dtype=pl.Int32))
            .explode("point")
            .join(self.frame().select("point", "day"), on="point", how="left")
        )
