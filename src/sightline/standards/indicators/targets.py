"""RAG ratings against a target and tolerance, and a council's own targets and comparators.

A council loads two CSV files (format in ``docs/indicators.md``): its targets
(``indicator_id,target,tolerance``) and comparator figures such as its statistical neighbours'
or its region's (``indicator_id,comparator,year,value,source``). A file with any bad row is
refused whole, with every problem located by file, line, column and value.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sightline.standards.indicators.catalogue import INDICATORS
from sightline.standards.indicators.definitions import Indicator, Measure, Polarity

__all__ = [
    "RAG",
    "Comparator",
    "IndicatorFileError",
    "Problem",
    "load_comparators",
    "load_targets",
    "rag",
    "with_targets",
]

TARGET_COLUMNS = ("indicator_id", "target", "tolerance")
COMPARATOR_COLUMNS = ("indicator_id", "comparator", "year", "value", "source")


class RAG:
    """The three ratings, as written in the CSV and on tags."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


def rag(
    value: float | None, *, target: float | None, tolerance: float | None, polarity: Polarity
) -> str | None:
    """Green at or better than ``target``; amber within ``tolerance`` of it; red beyond.

    None when there is no value or no target, or when the indicator is context (↔): a
    context indicator has no better direction to rate against.
    """
    if value is None or target is None or polarity is Polarity.CONTEXT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    gap = value - target if polarity is Polarity.HIGHER_IS_BETTER else target - value
    if gap >= 0:
        return RAG.GREEN
    if gap >= -(tolerance or 0.0):
        return RAG.AMBER
    return RAG.RED


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem in an uploaded file."""

    file: str
    line: int
    column: str
    value: str
    expected: str

    def __str__(self) -> str:
        return (
            f"{self.file}, line {self.line}, column {self.column!r}: {self.value!r} — "
            f"expected {self.expected}"
        )


class IndicatorFileError(ValueError):
    """A targets or comparators file that cannot be loaded; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, slots=True)
class Comparator:
    """One comparator figure: e.g. statistical neighbours' average for an indicator."""

    indicator_id: str
    comparator: str
    year: str
    value: float
    source: str


def _rows(source: str | Path | io.TextIOBase, name: str | None, columns: tuple[str, ...]):
    if isinstance(source, str | Path):
        path = Path(source)
        name = name or path.name
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            raise IndicatorFileError(
                [Problem(name, 1, "", "", "a CSV file in UTF-8 text")]
            ) from None
    else:
        name = name or "upload"
        text = source.read()
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(h.strip() for h in (reader.fieldnames or ()))
    missing = [c for c in columns if c not in header]
    extra = [c for c in header if c not in columns]
    if missing or extra:
        raise IndicatorFileError(
            [
                Problem(
                    name,
                    1,
                    "(header)",
                    ",".join(header),
                    f"the columns {','.join(columns)}"
                    + (f" (missing: {', '.join(missing)})" if missing else "")
                    + (f" (unexpected: {', '.join(extra)})" if extra else ""),
                )
            ]
        )
    rows = []
    for line, row in enumerate(reader, start=2):
        if None in row:
            raise IndicatorFileError(
                [Problem(name, line, "(row)", ",".join(row[None]), f"{len(columns)} values")]
            )
        rows.append((line, {k.strip(): (v or "").strip() for k, v in row.items()}))
    return name, rows


_BY_ID = {indicator.id: indicator for indicator in INDICATORS}


def _indicator(name, line, value, problems) -> Indicator | None:
    indicator = _BY_ID.get(value)
    if indicator is None:
        problems.append(
            Problem(
                name,
                line,
                "indicator_id",
                value,
                "an indicator ID such as K-ASSESS-45 (see docs/indicators.md)",
            )
        )
    return indicator


def _number(name, line, column, value, problems, *, indicator=None, allow_blank=False):
    if value == "" and allow_blank:
        return None
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if math.isnan(number) or math.isinf(number):
        problems.append(Problem(name, line, column, value, "a number, e.g. 85.5"))
        return None
    if number < 0:
        problems.append(Problem(name, line, column, value, "a number of 0 or more"))
        return None
    if indicator is not None and indicator.measure is Measure.PERCENT and number > 100:
        problems.append(
            Problem(name, line, column, value, f"a percentage from 0 to 100 ({indicator.id})")
        )
        return None
    return number


def load_targets(
    source: str | Path | io.TextIOBase, *, name: str | None = None
) -> dict[str, tuple[float, float]]:
    """Read a council's targets: ``{indicator_id: (target, tolerance)}``.

    Raise ``IndicatorFileError`` listing every problem (unknown indicator, a value that is not
    a number, a percentage above 100, an indicator given twice); nothing is returned then.
    """
    name, rows = _rows(source, name, TARGET_COLUMNS)
    problems: list[Problem] = []
    targets: dict[str, tuple[float, float]] = {}
    for line, row in rows:
        indicator = _indicator(name, line, row["indicator_id"], problems)
        target = _number(name, line, "target", row["target"], problems, indicator=indicator)
        tolerance = _number(
            name, line, "tolerance", row["tolerance"], problems, indicator=indicator
        )
        if indicator is None or target is None or tolerance is None:
            continue
        if indicator.id in targets:
            problems.append(
                Problem(name, line, "indicator_id", indicator.id, "each indicator once")
            )
            continue
        targets[indicator.id] = (target, tolerance)
    if problems:
        raise IndicatorFileError(problems)
    return targets


def load_comparators(
    source: str | Path | io.TextIOBase, *, name: str | None = None
) -> list[Comparator]:
    """Read comparator figures (statistical neighbours, region, ...), one per row.

    Raise ``IndicatorFileError`` listing every problem (unknown indicator, blank comparator,
    year or source, a value that is not a number, a percentage above 100, a repeated
    indicator, comparator and year); nothing is returned then.
    """
    name, rows = _rows(source, name, COMPARATOR_COLUMNS)
    problems: list[Problem] = []
    figures: list[Comparator] = []
    seen: set[tuple[str, str, str]] = set()
    for line, row in rows:
        indicator = _indicator(name, line, row["indicator_id"], problems)
        for column in ("comparator", "year", "source"):
            if not row[column]:
                problems.append(Problem(name, line, column, "", "some text (it is required)"))
        value = _number(name, line, "value", row["value"], problems, indicator=indicator)
        if (
            indicator is None
            or value is None
            or not all(row[c] for c in ("comparator", "year", "source"))
        ):
            continue
        key = (indicator.id, row["comparator"].casefold(), row["year"])
        if key in seen:
            problems.append(
                Problem(
                    name,
                    line,
                    "comparator",
                    row["comparator"],
                    f"one figure per indicator, comparator and year ({indicator.id})",
                )
            )
            continue
        seen.add(key)
        figures.append(
            Comparator(indicator.id, row["comparator"], row["year"], value, row["source"])
        )
    if problems:
        raise IndicatorFileError(problems)
    return figures


def with_targets(
    targets: Mapping[str, tuple[float, float]], indicators: Iterable[Indicator] = INDICATORS
) -> tuple[Indicator, ...]:
    """The indicators with a council's targets and tolerances in place of the defaults."""
    return tuple(
        dataclasses.replace(i, target=targets[i.id][0], tolerance=targets[i.id][1])
        if i.id in targets
        else i
        for i in indicators
    )
