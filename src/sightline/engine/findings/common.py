"""What every drift rule's evaluation shares: its inputs, the finding candidate shape and the
small expressions (dates in words, periods before the as-at date) the rules are written in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import polars as pl

from sightline.engine.deadlines.clocks import open_on
from sightline.engine.deadlines.evaluation import Evaluation
from sightline.standards.calendar import add_months, add_weeks
from sightline.standards.drift import DriftRule, DriftRulebook
from sightline.standards.timescales import Duration, Unit

__all__ = [
    "CANDIDATE_SCHEMA",
    "Drift",
    "as_candidates",
    "day_after",
    "in_words",
    "plural",
    "whole_months",
]

# One row per record that makes a rule fire for a child; ``evaluate`` keeps the earliest.
CANDIDATE_SCHEMA: dict[str, pl.DataType] = {
    "child_id": pl.Int64,
    "rule_id": pl.String,
    "since": pl.Date,
    "evidence": pl.String,
    "record_type": pl.String,
    "record_id": pl.Int64,
}


@dataclass
class Drift:
    """One evaluation's inputs: the dataset as known at the date (with the timescale rulebook
    and calendar, in ``ev``), the drift rules in force and the deadlines as at the same date."""

    ev: Evaluation
    rules: DriftRulebook
    deadlines: pl.DataFrame

    @property
    def as_at(self) -> date:
        return self.ev.as_at

    def rule(self, rule_id: str) -> DriftRule:
        """A drift rule in force, local thresholds applied."""
        return self.rules[rule_id]

    def frame(self, name: str) -> pl.LazyFrame:
        """One of the dataset's frames (as known at the date), as the start of a lazy plan."""
        return self.ev.frame(name)

    def before(self, period: Duration) -> date:
        """The date ``period`` before the as-at date: a window "in the 12 months to D" holds
        the days after it, up to and including D."""
        day = self.as_at
        if period.unit is Unit.WORKING_DAYS:
            return self.ev.calendar.add_working_days(day, -period.amount)
        if period.unit is Unit.MONTHS:
            return add_months(day, -period.amount)
        if period.unit is Unit.WEEKS:
            return add_weeks(day, -period.amount)
        if period.unit is Unit.HOURS:
            return day - timedelta(days=period.calendar_days)
        return day - timedelta(days=period.amount)

    def open_today(self, name: str) -> pl.LazyFrame:
        """``child_id`` of the children with a record in frame ``name`` open on the as-at date
        (``start_date``..``end_date``), once each."""
        return (
            self.frame(name)
            .filter(open_on("start_date", "end_date", self.as_at))
            .select("child_id")
            .unique()
        )


def as_candidates(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Select ``CANDIDATE_SCHEMA``'s columns, null where a rule has none."""
    names = set(frame.collect_schema().names())
    return frame.select(
        pl.col(c).cast(t) if c in names else pl.lit(None, dtype=t).alias(c)
        for c, t in CANDIDATE_SCHEMA.items()
    )


def in_words(column: str | pl.Expr) -> pl.Expr:
    """A date as a worker writes it: "3 March 2024"."""
    expr = pl.col(column) if isinstance(column, str) else column
    return expr.dt.strftime("%-d %B %Y")


def day_after(column: str | pl.Expr) -> pl.Expr:
    """The day after a date: a threshold is passed on the day after it is reached."""
    expr = pl.col(column) if isinstance(column, str) else column
    return expr + pl.duration(days=1)


def plural(count: str | pl.Expr, singular: str, many: str | None = None) -> pl.Expr:
    """ "1 working day", "3 working days": a count with its noun, as text."""
    expr = pl.col(count) if isinstance(count, str) else count
    return pl.format(
        "{} {}",
        expr,
        pl.when(expr == 1).then(pl.lit(singular)).otherwise(pl.lit(many or singular + "s")),
    )


def whole_months(start: str | pl.Expr, end: str | date) -> pl.Expr:
    """Whole calendar months from ``start`` to ``end`` (a column or a date): 3 March 2024 to
    2 June 2025 is 14, to 3 June 2025 is 15."""
    first = pl.col(start) if isinstance(start, str) else start
    last = pl.col(end) if isinstance(end, str) else pl.lit(end, dtype=pl.Date)
    months = (last.dt.year().cast(pl.Int32) - first.dt.year().cast(pl.Int32)) * 12 + (
        last.dt.month().cast(pl.Int32) - first.dt.month().cast(pl.Int32)
    )
    return months - (first.dt.day() > last.dt.day()).cast(pl.Int32)
