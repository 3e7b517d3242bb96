"""The database translation of ``standards.periods``: a filter for periods open on a day.

Every query that asks "open on this day" (the access policy's allocations and plans, the
selectors of the child's record, household and search, the oversight pages) uses ``open_on``,
so the worklist, the record and the engine give the same answer on a period's first and last
day (``tests/standards/test_periods.py``).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

__all__ = ["open_after", "open_on"]


def open_on(day: date, *, start: str = "start_date", end: str = "end_date") -> Q:
    """A filter for rows whose ``start``..``end`` period (both inclusive) covers ``day``.

    ``start`` and ``end`` may be lookups across relations ("allocation__end_date").
    """
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day}))


def open_after(day: date, *, end: str = "end_date") -> Q:
    """A filter for rows not ended before ``day`` (open on it or starting later)."""
    return Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": day})
