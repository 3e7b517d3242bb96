"""Working days in England and calendar arithmetic for statutory clocks.

Counting follows ``shared/domain/timescales.md``: the clock-start date is day 0 whether or not it
is a working day, and a deadline of N working days is the N-th working day *after* it. A working
day is Monday to Friday, not an England & Wales bank holiday and not one of the council's own
closure days.

Every operation has a scalar form for one record and a vectorised form over numpy
``datetime64[D]`` arrays (``polars.Series.to_numpy()`` of a Date column gives exactly that). Both
go through the same ``numpy.busdaycalendar``, so a deadline on a screen and the same deadline in
a dashboard cannot disagree.

Missing dates: vectorised functions accept ``NaT`` (a Polars null) and give ``NaT`` back for
dates, or a masked entry for counts, rather than raising, because one blank date in an imported
return must not stop the rest of the column being computed.
"""

from __future__ import annotations

import functools
from calendar import monthrange
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import numpy as np

__all__ = [
    "UK_TIMEZONE",
    "WorkingCalendar",
    "add_months",
    "add_months_array",
    "add_weeks",
    "add_weeks_array",
    "default_calendar",
]

UK_TIMEZONE = ZoneInfo("Europe/London")

# One-off bank holidays proclaimed for a single year. holidays 0.108 already has every one of
# these (checked when it was pinned; tests/standards/test_calendar.py holds it to that). They are
# listed again so that a future upgrade that mislaid one could not quietly move deadlines.
_ONE_OFF_BANK_HOLIDAYS = (
    date(1999, 12, 31),  # Millennium
    date(2002, 6, 3),  # Golden Jubilee (spring bank holiday moved to 4 June)
    date(2011, 4, 29),  # Royal wedding
    date(2012, 6, 5),  # Diamond Jubilee (spring bank holiday moved to 4 June)
    date(2020, 5, 8),  # VE Day 75 (early May bank holiday moved from 4 May)
    date(2022, 6, 2),  # Spring bank holiday, moved from 30 May for the Platinum Jubilee
    date(2022, 6, 3),  # Platinum Jubilee
    date(2022, 9, 19),  # State funeral of Queen Elizabeth II
    date(2023, 5, 8),  # Coronation of King Charles III
)

_ONE_DAY = np.timedelta64(1, "D")
_NAT_DAY = np.datetime64("NaT", "D")


def _require_date(value: object, name: str) -> date:
    # datetime is a subclass of date, so without this check a contact's received date-time would
    # be accepted and its time of day silently dropped; clock_start_for() is the way in for those.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"{name} must be a datetime.date, got {type(value).__name__}")
    return value


def _as_day_array(values: object) -> np.ndarray:
    """Return ``values`` as a ``datetime64[D]`` array; finer datetime64 units are floored."""
    array = np.asarray(values)
    if array.dtype.kind == "M":
        return array.astype("datetime64[D]")
    # Lists of datetime.date, ISO strings or None (which becomes NaT).
    return np.asarray(values, dtype="datetime64[D]")


def _as_step_array(n: object) -> tuple[np.ndarray, np.ndarray]:
    """Return ``n`` as int64 steps plus a mask of usable entries.

    A Polars integer column with nulls arrives from ``to_numpy()`` as float64 with NaN, so
    NaN is treated as missing; any other non-integral value is a caller error.
    """
    steps = np.asarray(n)
    if steps.dtype.kind in "iu":
        return steps.astype(np.int64), np.ones(steps.shape, dtype=bool)
    if steps.dtype.kind != "f":
        raise TypeError(f"step counts must be integers, got dtype {steps.dtype}")
    usable = np.isfinite(steps)
    if np.any(steps[usable] != np.floor(steps[usable])):
        raise ValueError("step counts must be whole numbers")
    return np.where(usable, steps, 0).astype(np.int64), usable


class WorkingCalendar:
    """Working days for one council: England bank holidays plus its own closure days.

    Bank holidays come from the pinned ``holidays`` package for ``first_year`` to ``last_year``
    inclusive (default 2000-2045). Outside those years only weekends and ``local_closures``
    count as non-working; use :meth:`covers` to find such dates. ``end_of_day`` is the
    naive UK local time from which a contact counts as received on the next working day.

    Instances are immutable, so one can be shared and cached safely.
    """

    __slots__ = ("_busdaycal", "_end_of_day", "_first_year", "_last_year", "_local", "_closed")

    def __init__(
        self,
        local_closures: Iterable[date] = (),
        end_of_day: time = time(17, 0),
        *,
        first_year: int = 2000,
        last_year: int = 2045,
    ) -> None:
        """Build the calendar; raise ``ValueError``/``TypeError`` on inconsistent settings."""
        if first_year > last_year:
            raise ValueError(f"first_year {first_year} is after last_year {last_year}")
        if not isinstance(end_of_day, time) or end_of_day.tzinfo is not None:
            # A naive time is UK wall-clock time all year; an aware one would drift with BST.
            raise ValueError("end_of_day must be a naive datetime.time (UK local time)")
        local = frozenset(_require_date(d, "local closure") for d in local_closures)
        years = range(first_year, last_year + 1)
        bank = holidays.country_holidays("GB", subdiv="ENG", years=years)
        closed = {d for d in bank if d.year in years}
        closed.update(d for d in _ONE_OFF_BANK_HOLIDAYS if d.year in years)
        closed.update(local)
        # numpy ignores holidays that fall on weekends, so none need filtering out here.
        holiday_array = np.array(sorted(closed), dtype="datetime64[D]")
        busdaycal = np.busdaycalendar(weekmask="1111100", holidays=holiday_array)
        for name, value in (
            ("_busdaycal", busdaycal),
            ("_end_of_day", end_of_day),
            ("_first_year", first_year),
            ("_last_year", last_year),
            ("_local", local),
            ("_closed", frozenset(closed)),
        ):
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: object) -> None:
        """Refuse: a calendar shared through default_calendar() must not change under callers."""
        raise AttributeError("WorkingCalendar is immutable; build a new one instead")

    def __delattr__(self, name: str) -> None:
        """Refuse, as for attribute assignment."""
        raise AttributeError("WorkingCalendar is immutable; build a new one instead")

    def __repr__(self) -> str:
        """Summarise the settings (not every closure day)."""
        return (
            f"WorkingCalendar(years={self._first_year}-{self._last_year}, "
            f"local_closures={len(self._local)}, end_of_day={self._end_of_day.isoformat()})"
        )

    # --- Settings ---------------------------------------------------------------------------

    @property
    def end_of_day(self) -> time:
        """The time (UK local) from which a contact counts as received next working day."""
        return self._end_of_day

    @property
    def first_year(self) -> int:
        """The first year whose bank holidays are known."""
        return self._first_year

    @property
    def last_year(self) -> int:
        """The last year whose bank holidays are known."""
        return self._last_year

    @property
    def local_closures(self) -> frozenset[date]:
        """The council's own closure days."""
        return self._local

    @property
    def closed_days(self) -> frozenset[date]:
        """Bank holidays in the covered years plus local closures (weekends are not listed)."""
        return self._closed

    @property
    def busdaycalendar(self) -> np.busdaycalendar:
        """The ``numpy.busdaycalendar`` behind every calculation, for callers' own numpy code."""
        return self._busdaycal

    def covers(self, d: date) -> bool:
        """Return whether bank holidays are known for ``d``'s year."""
        return self._first_year <= _require_date(d, "d").year <= self._last_year

    # --- Scalar -----------------------------------------------------------------------------

    def is_working_day(self, d: date) -> bool:
        """Return whether ``d`` is a working day."""
        _require_date(d, "d")
        return d.weekday() < 5 and d not in self._closed

    def add_working_days(self, start: date, n: int) -> date:
        """Return the ``n``-th working day after ``start`` (before it if ``n`` is negative).

        ``start`` is day 0 whether or not it is a working day, and ``n == 0`` returns ``start``
        unchanged. So Friday 3 Jan 2025 and Saturday 4 Jan 2025 both give Monday 6 Jan for 1.
        """
        _require_date(start, "start")
        result = self.add_working_days_array(np.datetime64(start, "D"), int(n))
        return result.item()

    def working_days_between(self, start: date, end: date) -> int:
        """Return how many working days ``d`` satisfy ``start < d <= end``.

        When ``end`` is before ``start`` the count is negative, ``-working_days_between(end,
        start)``. For ``end`` on or after ``start`` this inverts :meth:`add_working_days`: if
        ``end`` is a working day, ``add_working_days(start, working_days_between(start, end))``
        is ``end``.
        """
        _require_date(start, "start")
        _require_date(end, "end")
        return int(self._count(np.datetime64(start, "D"), np.datetime64(end, "D")))

    def next_working_day(self, d: date) -> date:
        """Return the first working day strictly after ``d``."""
        return self.add_working_days(d, 1)

    def clock_start_for(self, received: datetime) -> date:
        """Return the clock-start date for something received at ``received``.

        Aware date-times are converted to UK local time first; naive ones are taken to be UK
        local time already. Receipt at or after :attr:`end_of_day`, or on a non-working day,
        starts the clock on the next working day; otherwise on the day of receipt.
        """
        if not isinstance(received, datetime):
            raise TypeError(f"received must be a datetime, got {type(received).__name__}")
        if received.utcoffset() is not None:
            received = received.astimezone(UK_TIMEZONE)
        day = received.date()
        if received.time() >= self._end_of_day or not self.is_working_day(day):
            return self.next_working_day(day)
        return day

    # --- Vectorised -------------------------------------------------------------------------

    def is_working_day_array(self, days: object) -> np.ndarray:
        """Return a boolean array: is each day a working day? ``NaT`` gives ``False``."""
        days = _as_day_array(days)
        missing = np.isnat(days)
        result = np.zeros(days.shape, dtype=bool)
        result[~missing] = np.is_busday(days[~missing], busdaycal=self._busdaycal)
        return result

    def add_working_days_array(self, starts: object, n: object) -> np.ndarray:
        """Vectorised :meth:`add_working_days`; returns ``datetime64[D]``.

        ``starts`` is anything numpy reads as dates; ``n`` a whole number or an array of them,
        broadcast against ``starts``. Where a start is ``NaT`` or a step is NaN the answer is
        ``NaT``.
        """
        days = _as_day_array(starts)
        steps, usable = _as_step_array(n)
        days, steps, usable = np.broadcast_arrays(days, steps, usable)
        usable = usable & ~np.isnat(days)
        result = np.full(days.shape, _NAT_DAY)
        result[usable] = days[usable]  # n == 0 stays put, whatever kind of day it is.
        # numpy first rolls a non-working start onto a working day and then counts from there.
        # Rolling *backward* for positive n (and forward for negative n) moves across only
        # non-working days, so the n-th working day after the rolled day is the n-th after the
        # true start. Rolling forward, numpy's default, would count the next working day as
        # day 0 and land one day late: Saturday + 1 would be Tuesday.
        for chosen, roll in ((usable & (steps > 0), "backward"), (usable & (steps < 0), "forward")):
            result[chosen] = np.busday_offset(
                days[chosen], steps[chosen], roll=roll, busdaycal=self._busdaycal
            )
        return result

    def working_days_between_array(self, starts: object, ends: object) -> np.ma.MaskedArray:
        """Vectorised :meth:`working_days_between`.

        Returns an int64 masked array, masked wherever either date is ``NaT``. Polars turns
        masked entries into nulls (``pl.Series(result)``); ``result.filled(x)`` gives a plain
        array with ``x`` in their place.
        """
        start_days, end_days = np.broadcast_arrays(_as_day_array(starts), _as_day_array(ends))
        usable = ~(np.isnat(start_days) | np.isnat(end_days))
        counts = np.zeros(start_days.shape, dtype=np.int64)
        counts[usable] = self._count(start_days[usable], end_days[usable])
        return np.ma.MaskedArray(counts, mask=~usable)

    def _count(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        # busday_count(begin, end) counts [begin, end); shifting both by a day gives the counting
        # rule's (start, end]. For end < begin numpy does not simply negate that (it counts
        # (end, begin] instead), so count the ordered interval and apply the sign ourselves.
        earlier, later = np.minimum(starts, ends), np.maximum(starts, ends)
        count = np.busday_count(earlier + _ONE_DAY, later + _ONE_DAY, busdaycal=self._busdaycal)
        return np.where(ends < starts, -count, count)


@functools.cache
def default_calendar() -> WorkingCalendar:
    """Return the shared calendar with no local closures and a 17:00 end of day."""
    return WorkingCalendar()


# --- Calendar months and weeks ----------------------------------------------------------------


def add_months(d: date, n: int) -> date:
    """Return the same day of the month ``n`` months after ``d`` (before, if ``n`` < 0).

    When the target month is shorter, the answer is its last day: 30 Nov + 3 months is 28 Feb,
    or 29 Feb in a leap year.
    """
    _require_date(d, "d")
    year, month_index = divmod(d.year * 12 + d.month - 1 + int(n), 12)
    month = month_index + 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


def add_weeks(d: date, n: int) -> date:
    """Return the date ``n`` weeks after ``d`` (before, if ``n`` < 0)."""
    return _require_date(d, "d") + timedelta(weeks=int(n))


def add_months_array(days: object, n: object) -> np.ndarray:
    """Vectorised :func:`add_months`; returns ``datetime64[D]`` with ``NaT`` for missing input."""
    days = _as_day_array(days)
    steps, usable = _as_step_array(n)
    days, steps, usable = np.broadcast_arrays(days, steps, usable)
    usable = usable & ~np.isnat(days)
    month = days.astype("datetime64[M]")
    target = month + steps.astype("timedelta64[M]")
    day_of_month = days - month.astype("datetime64[D]")  # 0-based
    month_length = (target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")
    result = target.astype("datetime64[D]") + np.minimum(day_of_month, month_length - _ONE_DAY)
    return np.where(usable, result, _NAT_DAY)


def add_weeks_array(days: object, n: object) -> np.ndarray:
    """Vectorised :func:`add_weeks`; returns ``datetime64[D]`` with ``NaT`` for missing input."""
    days = _as_day_array(days)
    steps, usable = _as_step_array(n)
    days, steps, usable = np.broadcast_arrays(days, steps, usable)
    result = days + (steps * 7).astype("timedelta64[D]")
    return np.where(usable, result, _NAT_DAY)
