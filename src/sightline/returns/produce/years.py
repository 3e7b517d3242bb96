"""Collection years and as-at dates: which dates a return covers and which it may see.

A collection year is named as DfE names it, "2025-26": it runs from 1 April 2025 to the
reference date, 31 March 2026. A return produced for a year still in progress, or re-produced
as it stood on an earlier day, sees only what had happened by its as-at date: anything dated
later is treated as not yet having happened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sightline.standards.calendar import add_months

_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class CollectionYear:
    """One collection year: its first day, its reference date and the as-at date it is read at."""

    label: str  # "2025-26"
    start: date  # 1 April of the first year
    reference_date: date  # 31 March of the second year (the census end)
    as_at: date  # the day the record is read as at; never after the reference date

    @property
    def end_year(self) -> int:
        """The calendar year the collection ends in, as `standards.codes` names years."""
        return self.reference_date.year

    @classmethod
    def parse(cls, label: str, *, as_at: date | None = None) -> CollectionYear:
        """Parse "2025-26"; `as_at` defaults to the reference date and may not be after it."""
        match = _YEAR.match(label.strip())
        if match is None:
            raise ValueError(f"collection year {label!r} is not of the form 2025-26")
        first = int(match.group(1))
        if (first + 1) % 100 != int(match.group(2)):
            raise ValueError(
                f"collection year {label!r}: the second year must follow the first "
                f"(expected {first}-{(first + 1) % 100:02d})"
            )
        start, reference = date(first, 4, 1), date(first + 1, 3, 31)
        as_at = reference if as_at is None else as_at
        if as_at < start:
            raise ValueError(
                f"as-at date {as_at.isoformat()} is before the {label} collection year began "
                f"({start.isoformat()})"
            )
        return cls(
            label=label.strip(), start=start, reference_date=reference, as_at=min(as_at, reference)
        )


@dataclass(frozen=True)
class AnnexAWindow:
    """The Annex A window: the six months (by default) up to and including the as-at date."""

    as_at: date
    start: date
    months: int

    @classmethod
    def ending(cls, as_at: date, *, months: int = 6) -> AnnexAWindow:
        if months < 1:
            raise ValueError("an Annex A window is at least one month long")
        return cls(as_at=as_at, start=add_months(as_at, -months) + _ONE_DAY, months=months)
