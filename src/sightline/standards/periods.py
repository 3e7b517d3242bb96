"""When a period is open: the one definition every part of Sightline uses.

A period (an allocation, a plan, a period of care, a relationship) runs from its start date to
its end date, **both days included**; a period with no end date is still open. So on the last
day of an allocation the worker still holds the child: the child is on their worklist, the
record opens for them, and the engine attributes that day's clocks to them.

This module states the rule in plain Python. The engine's Polars expression
(``engine.deadlines.clocks.open_on``) and the database filter (``sightline.periods.open_on``)
are its two translations; ``tests/standards/test_periods.py`` checks all three agree on each
boundary day.
"""

from __future__ import annotations

from datetime import date

__all__ = ["covers"]


def covers(start: date | None, end: date | None, day: date) -> bool:
    """Whether a period from ``start`` to ``end`` (inclusive; ``None`` end = open) covers ``day``.

    A period with no start date has not begun.
    """
    if start is None or start > day:
        return False
    return end is None or end >= day
