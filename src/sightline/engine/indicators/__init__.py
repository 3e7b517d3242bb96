"""Indicators: the indicator catalogue evaluated over a `Dataset`, vectorised.

``evaluate_indicators(dataset, as_at, months=24)`` gives every indicator at the council,
service, team and worker levels for each of 24 month ends, each as known on that date, with
the children behind every figure (``IndicatorResult.children``).
"""

from sightline.engine.indicators.deadline_view import DERIVED_RULES, EXACT_RULES, DeadlineView
from sightline.engine.indicators.evaluate import (
    LEVELS,
    NOT_AVAILABLE,
    UNATTRIBUTED,
    VALUE_SCHEMA,
    ChildList,
    IndicatorResult,
    evaluate_indicators,
)
from sightline.engine.indicators.points import Points, trend_points

__all__ = [
    "DERIVED_RULES",
    "EXACT_RULES",
    "LEVELS",
    "NOT_AVAILABLE",
    "UNATTRIBUTED",
    "VALUE_SCHEMA",
    "ChildList",
    "DeadlineView",
    "IndicatorResult",
    "Points",
    "evaluate_indicators",
    "trend_points",
]
