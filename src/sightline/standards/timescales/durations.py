"""How long a statutory clock runs: an amount and a unit, e.g. 10 working days or 3 months.

All arithmetic goes through ``standards.calendar`` so a due date is counted one way everywhere:
the clock-start date is day 0 and the due date is the N-th unit after it.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np

from sightline.standards.calendar import (
    WorkingCalendar,
    add_months,
    add_months_array,
    add_weeks,
    add_weeks_array,
)

__all__ = ["Duration", "Unit"]


class Unit(enum.StrEnum):
    """The unit a deadline is counted in."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    WEEKS = "weeks"
    MONTHS = "months"
    HOURS = "hours"
    # Not a length of time: the deadline is the date of another event (the second looked-after
    # review), so the engine works it out from the dataset rather than by adding to a date.
    BY_SECOND_REVIEW = "by_second_review"


# The abbreviations councils write in settings: "T-CP-VISIT=15WD".
_ABBREVIATIONS = {
    "WD": Unit.WORKING_DAYS,
    "D": Unit.CALENDAR_DAYS,
    "W": Unit.WEEKS,
    "M": Unit.MONTHS,
    "H": Unit.HOURS,
}
_SHORT = {unit: text for text, unit in _ABBREVIATIONS.items()}
_NAMES = {
    Unit.WORKING_DAYS: ("working day", "working days"),
    Unit.CALENDAR_DAYS: ("day", "days"),
    Unit.WEEKS: ("week", "weeks"),
    Unit.MONTHS: ("month", "months"),
    Unit.HOURS: ("hour", "hours"),
}
_PATTERN = re.compile(r"^\s*(\d+)\s*(WD|D|W|M|H)\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Duration:
    """A deadline's length: ``amount`` of ``unit`` after the clock-start date (day 0)."""

    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise TypeError(f"a duration's amount must be a whole number, got {self.amount!r}")
        if self.amount < 0:
            raise ValueError(f"a duration cannot be negative, got {self.amount}")
        object.__setattr__(self, "unit", Unit(self.unit))
        if self.unit is Unit.BY_SECOND_REVIEW and self.amount != 0:
            raise ValueError(
                "'by the second review' has no amount; use Duration.by_second_review()"
            )

    @classmethod
    def by_second_review(cls) -> Duration:
        """The special deadline of T-PERMANENCE-PLAN: the second looked-after review."""
        return cls(0, Unit.BY_SECOND_REVIEW)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read a duration written as a council would in settings: ``15WD``, ``4W``, ``3M``.

        Units: WD working days, D calendar days, W weeks, M months, H hours.
        """
        match = _PATTERN.match(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(
                f"cannot read {text!r} as a duration: write a whole number and a unit, "
                "e.g. 15WD, 10D, 4W, 3M or 72H"
            )
        return cls(int(match.group(1)), _ABBREVIATIONS[match.group(2).upper()])

    @property
    def is_fixed_length(self) -> bool:
        """Whether the due date is found by adding this duration to the clock start."""
        return self.unit is not Unit.BY_SECOND_REVIEW

    @property
    def calendar_days(self) -> int:
        """For hours: the whole days the clock runs, rounded up.

        Statutory dates carry no time of day, so 72 hours after a return on day 0 ends on
        day 3; a part day counts as a whole one so a deadline is never brought forward.
        """
        if self.unit is not Unit.HOURS:
            raise ValueError(f"{self.describe()} is not counted in hours")
        return -(-self.amount // 24)

    def describe(self) -> str:
        """Say the duration in words for screens: "10 working days", "1 week", "3 months"."""
        if self.unit is Unit.BY_SECOND_REVIEW:
            return "by the second review"
        singular, plural = _NAMES[self.unit]
        return f"{self.amount} {singular if self.amount == 1 else plural}"

    def short(self) -> str:
        """Write the duration as in settings: "10WD", "3M" (the inverse of :meth:`parse`)."""
        if self.unit is Unit.BY_SECOND_REVIEW:
            return "by second review"
        return f"{self.amount}{_SHORT[self.unit]}"

    def __str__(self) -> str:
        return self.describe()

    def never_later_than(self, other: Duration, calendar: WorkingCalendar) -> bool:
        """Whether a clock of this length falls due on or before one of ``other``'s, whatever
        day it starts.

        Units differ (10 working days against 2 weeks, 12 weeks against 3 months), so the two
        are compared by the due dates they give for every start date over four years (a leap
        year, every weekday, month end and bank holiday arrangement in them). A duration that
        is never later on any of those 1,461 days is taken as never later.
        """
        if not (self.is_fixed_length and other.is_fixed_length):
            return self == other
        starts = np.arange(
            np.datetime64("2024-01-01"), np.datetime64("2028-01-01"), dtype="datetime64[D]"
        )
        return bool(
            np.all(self.add_to_array(starts, calendar) <= other.add_to_array(starts, calendar))
        )

    def add_to(self, start: date, calendar: WorkingCalendar) -> date:
        """Return the due date of a clock that starts on ``start`` (day 0)."""
        if self.unit is Unit.WORKING_DAYS:
            return calendar.add_working_days(start, self.amount)
        if self.unit is Unit.MONTHS:
            return add_months(start, self.amount)
        if self.unit is Unit.WEEKS:
            return add_weeks(start, self.amount)
        if isinstance(start, datetime) or not isinstance(start, date):
            raise TypeError(f"start must be a datetime.date, got {type(start).__name__}")
        return start + timedelta(days=self._days())

    def add_to_array(self, starts: object, calendar: WorkingCalendar) -> np.ndarray:
        """Vectorised :meth:`add_to` over ``datetime64[D]`` dates; ``NaT`` stays ``NaT``."""
        days = np.asarray(starts, dtype="datetime64[D]")
        if self.unit is Unit.WORKING_DAYS:
            return calendar.add_working_days_array(days, self.amount)
        if self.unit is Unit.MONTHS:
            return add_months_array(days, self.amount)
        if self.unit is Unit.WEEKS:
            return add_weeks_array(days, self.amount)
        return days + np.timedelta64(self._days(), "D")

    def _days(self) -> int:
        if self.unit is Unit.CALENDAR_DAYS:
            return self.amount
        if self.unit is Unit.HOURS:
            return self.calendar_days
        raise ValueError("the second-review deadline depends on the review dates, not a length")
