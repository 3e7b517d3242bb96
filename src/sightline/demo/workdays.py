"""A precomputed working-day table for the generator's millions of date sums.

The table is built once from `standards.calendar` (so bank holidays and the counting rule are the
rulebook's), then answers each question with a list lookup: the calendar's numpy call costs tens
of microseconds, which times several million generated dates would dominate the seed.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import numpy as np

from sightline.standards.calendar import WorkingCalendar, default_calendar


class WorkingDayTable:
    """Working days between two dates, with the calendar's counting rule (start is day 0)."""

    def __init__(self, first: date, last: date, calendar: WorkingCalendar | None = None):
        self.calendar = calendar or default_calendar()
        self.first = first
        self.last = last
        self._base = first.toordinal()
        days = np.arange(np.datetime64(first, "D"), np.datetime64(last + timedelta(days=1), "D"))
        working = self.calendar.is_working_day_array(days)
        # _through[i]: how many working days fall on or before first + i.
        self._through = np.cumsum(working).tolist()
        self._working = [first + timedelta(days=int(i)) for i in np.flatnonzero(working)]
        self._is_working = working.tolist()
        self.end_of_day = self.calendar.end_of_day

    def _index(self, day: date) -> int:
        index = day.toordinal() - self._base
        if not 0 <= index < len(self._through):
            raise ValueError(
                f"{day} is outside the generator's calendar ({self.first}-{self.last})"
            )
        return index

    def is_working_day(self, day: date) -> bool:
        """Return whether ``day`` is a working day."""
        return self._is_working[self._index(day)]

    def add(self, start: date, n: int) -> date:
        """Return the ``n``-th working day after ``start`` (before it when ``n`` is negative)."""
        if n == 0:
            return start
        index = start.toordinal() - self._base
        if not 0 <= index < len(self._through):
            self._index(start)  # raises with the range in the message
        through = self._through[index]
        if n > 0:
            return self._working[min(through + n - 1, len(self._working) - 1)]
        before = through - self._is_working[index]
        return self._working[max(before + n, 0)]

    def between(self, start: date, end: date) -> int:
        """Return the working days ``d`` with ``start < d <= end`` (negative if reversed)."""
        return self._through[self._index(end)] - self._through[self._index(start)]

    def next_working_day(self, day: date) -> date:
        """Return the first working day strictly after ``day``."""
        return self.add(day, 1)

    def on_or_after(self, day: date) -> date:
        """Return ``day`` if it is a working day, else the next one."""
        return day if self.is_working_day(day) else self.add(day, 1)

    def clock_start(self, received_local: datetime) -> date:
        """The clock-start date for something received at a naive UK local time.

        Mirrors `WorkingCalendar.clock_start_for`: receipt at or after the end of the working day,
        or on a non-working day, starts the clock on the next working day.
        """
        day = received_local.date()
        if received_local.time() >= self.end_of_day or not self.is_working_day(day):
            return self.add(day, 1)
        return day


def local_time(day: date, hour: int, minute: int = 0) -> datetime:
    """A naive UK local date-time on ``day`` (converted to UTC only when written)."""
    return datetime.combine(day, time(hour, minute))
