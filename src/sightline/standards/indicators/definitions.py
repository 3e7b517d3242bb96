"""What an indicator is: one measure of the performance framework, as data with its sources.

An indicator says what is counted (numerator), out of what (denominator), for which children
(population), over which period, which way is better, how England did and what a council aims
for. The engine (``sightline.engine.indicators``) evaluates it; nothing here computes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

__all__ = ["Area", "Benchmark", "Indicator", "Measure", "Period", "Polarity"]


class Polarity(enum.StrEnum):
    """Which way is better: ↑, ↓ or ↔ (context: neither, so no RAG without a local target)."""

    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"
    CONTEXT = "context"


class Measure(enum.StrEnum):
    """What ``value`` is: a percentage, a rate per 10,000 children, a count or an average."""

    PERCENT = "percent"
    RATE_PER_10000 = "per 10,000 children"
    COUNT = "count"
    AVERAGE = "average"


class Period(enum.StrEnum):
    """Whether the indicator counts events over a period or children at the as-at date."""

    # Events in the 12 months to the as-at date (the statutory returns' year).
    TWELVE_MONTHS = "12 months to the as-at date"
    # Events in the 3 years to the as-at date (the adoption scorecard's averages).
    THREE_YEARS = "3 years to the as-at date"
    # A snapshot: the children (or workers) in the population on the as-at date.
    AT_DATE = "at the as-at date"


class Area(enum.StrEnum):
    """The part of the service an indicator belongs to (the pack's sheets)."""

    FRONT_DOOR = "Front door and assessment"
    CHILD_PROTECTION = "Child protection"
    CHILDREN_IN_CARE = "Children in care (corporate parenting)"
    CARE_LEAVERS = "Care leavers"
    ADOPTION = "Adoption"
    WORKFORCE = "Workforce and oversight"


@dataclass(frozen=True, slots=True)
class Benchmark:
    """A published figure to compare with: ``value`` in the indicator's measure."""

    value: float
    year: str
    source: str
    # Why the figure should be read with care (an old year, an unconfirmed figure, a range).
    note: str = ""


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator of ``shared/domain/indicators.md``.

    ``target`` and ``tolerance`` are in the measure's units (percentage points for a
    percentage): at or better than the target is green, within the tolerance of it amber,
    beyond it red. ``timescale_rules`` names the deadlines a timeliness indicator reads.
    ``available`` is False when the `Dataset` lacks what the indicator needs; ``caveats``
    then says exactly what, and the engine reports it as not available rather than a value.
    """

    id: str
    title: str
    area: Area
    numerator: str
    denominator: str
    population: str
    period: Period
    polarity: Polarity
    measure: Measure
    source: str
    england: Benchmark | None = None
    target: float | None = None
    tolerance: float | None = None
    caveats: str = ""
    timescale_rules: tuple[str, ...] = ()
    available: bool = True
    # A child may sit in the numerator or denominator (False: workers or records are counted).
    counts_children: bool = True

    @property
    def target_source(self) -> str:
        """Where the default target comes from, in words."""
        if self.target is None:
            return "No default target"
        if self.england is not None and self.target == self.england.value:
            return f"England {self.england.year}"
        return "Local standard"
