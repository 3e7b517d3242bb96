"""The indicator framework: every performance indicator as data, with benchmarks and targets.

``INDICATORS`` holds the catalogue; ``rag`` rates a value against a target; ``load_targets``
and ``load_comparators`` read a council's own targets and comparator figures from CSV.
"""

from sightline.standards.indicators.catalogue import INDICATORS
from sightline.standards.indicators.definitions import (
    Area,
    Benchmark,
    Indicator,
    Measure,
    Period,
    Polarity,
)
from sightline.standards.indicators.targets import (
    RAG,
    Comparator,
    IndicatorFileError,
    Problem,
    load_comparators,
    load_targets,
    rag,
    with_targets,
)

__all__ = [
    "INDICATORS",
    "RAG",
    "Area",
    "Benchmark",
    "Comparator",
    "Indicator",
    "IndicatorFileError",
    "Measure",
    "Period",
    "Polarity",
    "Problem",
    "indicator",
    "load_comparators",
    "load_targets",
    "rag",
    "with_targets",
]


def indicator(indicator_id: str) -> Indicator:
    """The catalogue's indicator with this ID; ``KeyError`` naming it if there is none."""
    for item in INDICATORS:
        if item.id == indicator_id:
            return item
    raise KeyError(f"no indicator {indicator_id!r}")
