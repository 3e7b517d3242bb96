"""Indicator figures as the screens and the pack show them: cards, directions, "what got worse".

Everything here reads the computed ``Figures`` (no database), so the scorecard, the indicator
page, the workbook and the PDF show one set of numbers, formatted one way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import polars as pl

from sightline.performance.figures import Figures
from sightline.performance.scopes import Unit
from sightline.standards.indicators import Indicator, Measure, Polarity

__all__ = [
    "Card",
    "Direction",
    "Worse",
    "card_for",
    "cards_for",
    "format_value",
    "long_date",
    "trend_rows",
    "what_got_worse",
]

LATEST = -1
RAG_LABEL = {"green": "On target", "amber": "Near target", "red": "Off target"}
RAG_TAG = {"green": "govuk-tag--green", "amber": "govuk-tag--yellow", "red": "govuk-tag--red"}


def long_date(day: date) -> str:
    """ "3 March 2026"."""
    return f"{day.day} {day:%B %Y}"


def _number(value: float | None) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def format_value(indicator: Indicator, value: float | None) -> str:
    """A value in its measure's words: "83.1%", "640.0 per 10,000", "17", "3.3"."""
    value = _number(value)
    if value is None:
        return "No figure"
    if indicator.measure is Measure.PERCENT:
        return f"{value:.1f}%"
    if indicator.measure is Measure.RATE_PER_10000:
        return f"{value:,.1f} per 10,000"
    if indicator.measure is Measure.COUNT:
        return f"{value:,.0f}"
    return f"{value:,.1f}"


@dataclass(frozen=True)
class Direction:
    """The move over some months: ``better``/``worse``/``same``, or ``up``/``down`` for context."""

    months: int
    change: float | None
    verdict: str

    @property
    def text(self) -> str:
        if self.change is None:
            return f"No figure {self.months} months ago"
        size = f"{abs(self.change):,.1f}"
        if self.verdict == "same":
            return f"No change over {self.months} months"
        words = {"better": "Better", "worse": "Worse", "up": "Up", "down": "Down"}[self.verdict]
        return f"{words} by {size} over {self.months} months"

    @property
    def arrow(self) -> str:
        if self.change is None or self.verdict == "same":
            return "→"
        return "↑" if self.change > 0 else "↓"


def _direction(indicator: Indicator, now: float | None, then: float | None, months: int):
    now, then = _number(now), _number(then)
    if now is None or then is None:
        return Direction(months, None, "unknown")
    change = now - then
    if abs(change) < 1e-9:
        return Direction(months, 0.0, "same")
    if indicator.polarity is Polarity.CONTEXT:
        return Direction(months, change, "up" if change > 0 else "down")
    better = change > 0 if indicator.polarity is Polarity.HIGHER_IS_BETTER else change < 0
    return Direction(months, change, "better" if better else "worse")


@dataclass(frozen=True)
class Card:
    """One indicator for one unit, as at the latest point, with its trend."""

    indicator: Indicator
    unit: Unit
    value: float | None
    numerator: float | None
    denominator: float | None
    rag: str | None
    status: str
    trend: list[float | None]
    three_months: Direction
    twelve_months: Direction
    comparison: Card | None = None  # the council, beside a team's or service's figure

    @property
    def value_text(self) -> str:
        if self.status != "ok":
            return "Not available"
        return format_value(self.indicator, self.value)

    @property
    def target_text(self) -> str:
        target = self.indicator.target
        return format_value(self.indicator, target) if target is not None else "No target"

    @property
    def england_text(self) -> str:
        england = self.indicator.england
        if england is None:
            return "No England figure"
        return f"{format_value(self.indicator, england.value)} ({england.year})"

    @property
    def rag_label(self) -> str:
        if self.status != "ok":
            return "Not available"
        if self.rag is None:
            return "Context" if self.indicator.polarity is Polarity.CONTEXT else "No rating"
        return RAG_LABEL[self.rag]

    @property
    def rag_tag(self) -> str:
        return RAG_TAG.get(self.rag or "", "govuk-tag--grey")

    @property
    def counts_text(self) -> str:
        if self.numerator is None:
            return ""
        if self.denominator is None or self.indicator.measure is Measure.COUNT:
            return f"{self.numerator:,.0f}"
        return f"{self.numerator:,.0f} of {self.denominator:,.0f}"


def _rows(figures: Figures, unit: Unit) -> pl.DataFrame:
    frame = figures.level(unit.level)
    if unit.level != "council":
        frame = frame.filter(
            pl.col("unit_id").is_null()
            if unit.unit_id is None
            else pl.col("unit_id") == unit.unit_id
        )
    return frame


def _card_from(indicator: Indicator, unit: Unit, rows: list[dict], points: int) -> Card:
    by_point = {row["point"]: row for row in rows}
    trend = [_number(by_point.get(p, {}).get("value")) for p in range(points)]
    latest = by_point.get(points - 1, {})
    status = latest.get("status") or ("ok" if indicator.available else "not available")
    if not indicator.available:
        status = "not available"
    return Card(
        indicator=indicator,
        unit=unit,
        value=_number(latest.get("value")),
        numerator=_number(latest.get("numerator")),
        denominator=_number(latest.get("denominator")),
        rag=latest.get("rag"),
        status=status,
        trend=trend,
        three_months=_direction(indicator, trend[-1], trend[-4] if points > 3 else None, 3),
        twelve_months=_direction(indicator, trend[-1], trend[-13] if points > 12 else None, 12),
    )


def cards_for(
    figures: Figures, unit: Unit, *, beside_council: bool = False, area=None
) -> list[Card]:
    """Every indicator's card for ``unit`` (catalogue order), optionally with the council's."""
    frame = _rows(figures, unit)
    grouped: dict[str, list[dict]] = {}
    for row in frame.iter_rows(named=True):
        grouped.setdefault(row["indicator_id"], []).append(row)
    council = None
    if beside_council and unit.level != "council":
        council = {c.indicator.id: c for c in cards_for(figures, Unit("council", None, "Council"))}
    points = len(figures.points)
    cards = []
    for indicator in figures.indicators:
        if area is not None and indicator.area not in area:
            continue
        card = _card_from(indicator, unit, grouped.get(indicator.id, []), points)
        if council is not None:
            card = Card(**{**card.__dict__, "comparison": council[indicator.id]})
        cards.append(card)
    return cards


def card_for(figures: Figures, indicator_id: str, unit: Unit) -> Card:
    """One indicator's card for one unit."""
    indicator = figures.indicator(indicator_id)
    rows = _rows(figures, unit).filter(pl.col("indicator_id") == indicator_id)
    return _card_from(indicator, unit, rows.to_dicts(), len(figures.points))


def trend_rows(figures: Figures, card: Card) -> list[dict]:
    """The card's trend as rows for the table beside its chart: month end, value, RAG."""
    frame = _rows(figures, card.unit).filter(pl.col("indicator_id") == card.indicator.id)
    by_point = {row["point"]: row for row in frame.iter_rows(named=True)}
    rows = []
    for point, day in enumerate(figures.points):
        row = by_point.get(point, {})
        rows.append(
            {
                "day": day,
                "day_text": long_date(day),
                "value": _number(row.get("value")),
                "value_text": format_value(card.indicator, row.get("value")),
                "numerator": _number(row.get("numerator")),
                "denominator": _number(row.get("denominator")),
                "rag": row.get("rag"),
            }
        )
    return rows


@dataclass(frozen=True)
class Worse:
    """An indicator, for a unit, that is off target and moved adversely beyond tolerance."""

    card: Card
    change: float
    months: int
    severity: float  # the adverse move in tolerances: most serious first

    @property
    def text(self) -> str:
        then = self.card.trend[-1 - self.months]
        return (
            f"{format_value(self.card.indicator, then)} to {self.card.value_text} "
            f"over {self.months} month{'s' if self.months != 1 else ''}"
        )


# A percentage over fewer children than this moves by tens of points when one child's case
# changes: such a move is not a trend and is left out of "what got worse".
_FEWEST_FOR_A_TREND = 10


def _adverse(indicator: Indicator, change: float) -> float:
    return -change if indicator.polarity is Polarity.HIGHER_IS_BETTER else change


def _worse(card: Card) -> Worse | None:
    """The card's worst adverse move this month, over 3 months or over 12 months, if it is now
    off target and the move is beyond the indicator's tolerance (or it turned red this month).

    The year matters as much as the month: a service that slides a little every month (the
    inspection's "decline") never jumps in one month, but is far worse than a year ago.
    """
    indicator = card.indicator
    if card.rag != "red" or indicator.polarity is Polarity.CONTEXT or len(card.trend) < 4:
        return None
    tolerance = indicator.tolerance or 0.0
    now = card.value
    best: Worse | None = None
    for months in (1, 3, 12):
        if months >= len(card.trend):
            continue
        then = card.trend[-1 - months]
        if then is None or now is None:
            continue
        adverse = _adverse(indicator, now - then)
        if adverse <= 0:
            continue
        turned_red = (
            months == 1
            and indicator.target is not None
            and _adverse(indicator, now - indicator.target)
            > tolerance
            >= _adverse(indicator, then - indicator.target)
        )
        if adverse > tolerance or turned_red:
            severity = adverse / tolerance if tolerance else adverse
            candidate = Worse(card, now - then, months, severity)
            if best is None or candidate.severity > best.severity:
                best = candidate
    return best


def what_got_worse(figures: Figures, units: list[Unit], *, limit: int = 12) -> list[Worse]:
    """Indicators of the given units now off target that moved adversely beyond tolerance this
    month, over the last 3 months or over the last 12, most serious (largest move in
    tolerances) first."""
    found = []
    for unit in units:
        for card in cards_for(figures, unit):
            if (
                card.status != "ok"
                or card.denominator is not None
                and card.denominator < _FEWEST_FOR_A_TREND
            ):
                # A handful of children moves a percentage by tens of points: not a trend.
                continue
            worse = _worse(card)
            if worse is not None:
                found.append(worse)
    found.sort(key=lambda w: (-w.severity, w.card.indicator.id, w.card.unit.name))
    return found[:limit]
