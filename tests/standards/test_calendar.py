"""Tests for England working days and calendar-month arithmetic.

The property tests compare every calculation with a plain day-by-day reference written here,
which reads bank holidays straight from the ``holidays`` package rather than from the calendar
under test.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.standards.calendar import (
    WorkingCalendar,
    add_months,
    add_months_array,
    add_weeks,
    add_weeks_array,
    default_calendar,
)

# Hypothesis's per-example deadline is a wall-clock assertion; these tests assert none.
no_deadline = settings(deadline=None, max_examples=300)

CAL = default_calendar()
LOCAL_CLOSURES = frozenset(
    {date(2025, 1, 6), date(2019, 12, 24), date(2030, 12, 24), date(2031, 12, 24), date(2024, 5, 4)}
)
LOCAL = WorkingCalendar(local_closures=LOCAL_CLOSURES)

ONE_OFF_DAYS = [
    date(2012, 6, 5),
    date(2020, 5, 8),
    date(2022, 6, 2),
    date(2022, 6, 3),
    date(2022, 9, 19),
    date(2023, 5, 8),
]


def d(text):
    return date.fromisoformat(text)


# --- The reference --------------------------------------------------------------------------

_BANK = holidays.country_holidays("GB", subdiv="ENG", years=range(2008, 2040))


def ref_is_working(day, closures=frozenset()):
    return day.weekday() < 5 and day not in _BANK and day not in closures


def ref_add(start, n, closures=frozenset()):
    """Step one calendar day at a time, counting working days, until n have been passed."""
    day, step = start, (1 if n > 0 else -1)
    for _ in range(abs(n)):
        day += timedelta(days=step)
        while not ref_is_working(day, closures):
            day += timedelta(days=step)
    return day


def ref_between(start, end, closures=frozenset()):
    if end < start:
        return -ref_between(end, start, closures)
    span = (end - start).days
    return sum(ref_is_working(start + timedelta(days=k), closures) for k in range(1, span + 1))


def as_days(values):
    return np.array(values, dtype="datetime64[D]")


# --- Worked examples from timescales.md -----------------------------------------------------


def test_friday_plus_one_is_monday():
    assert CAL.add_working_days(d("2025-01-03"), 1) == d("2025-01-06")


def test_saturday_is_day_zero_so_plus_one_is_monday():
    assert CAL.add_working_days(d("2025-01-04"), 1) == d("2025-01-06")


def test_christmas_eve_2026_plus_one_skips_christmas_and_boxing_day_substitute():
    assert CAL.add_working_days(d("2026-12-24"), 1) == d("2026-12-29")


def test_icpc_first_review_three_months_clamps_to_february():
    assert add_months(d("2024-11-30"), 3) == d("2025-02-28")
    assert add_months(d("2023-11-30"), 3) == d("2024-02-29")


def test_worked_examples_vectorised():
    starts = as_days(["2025-01-03", "2025-01-04", "2026-12-24"])
    expected = as_days(["2025-01-06", "2025-01-06", "2026-12-29"])
    assert (CAL.add_working_days_array(starts, 1) == expected).all()
    icpc = as_days(["2024-11-30", "2023-11-30"])
    assert (add_months_array(icpc, 3) == as_days(["2025-02-28", "2024-02-29"])).all()


# --- Bank holidays --------------------------------------------------------------------------


def test_easter_2025():
    assert not CAL.is_working_day(d("2025-04-18"))  # Good Friday
    assert not CAL.is_working_day(d("2025-04-21"))  # Easter Monday
    assert CAL.add_working_days(d("2025-04-17"), 1) == d("2025-04-22")


@pytest.mark.parametrize(
    "day",
    [
        "2021-12-27",  # Christmas 2021 fell on Saturday
        "2021-12-28",  # and Boxing Day on Sunday
        "2022-12-26",  # Boxing Day 2022, Monday
        "2022-12-27",  # Christmas 2022 fell on Sunday
        "2022-01-03",  # New Year's Day 2022 fell on Saturday
        "2023-01-02",  # New Year's Day 2023 fell on Sunday
        "2026-12-28",  # Boxing Day 2026 falls on Saturday
    ],
)
def test_weekend_substitute_days(day):
    assert not CAL.is_working_day(d(day))


@pytest.mark.parametrize("day", ONE_OFF_DAYS)
def test_one_off_bank_holidays(day):
    assert not CAL.is_working_day(day)
    assert not CAL.is_working_day_array(as_days([day]))[0]
    assert CAL.add_working_days(day - timedelta(days=1), 1) > day


@pytest.mark.parametrize("day", ONE_OFF_DAYS)
def test_pinned_holidays_package_has_the_one_off_days_itself(day):
    # The calendar adds these explicitly as a safeguard; this shows the pin needs no help.
    assert day in holidays.country_holidays("GB", subdiv="ENG", years=day.year)


@pytest.mark.parametrize("day", ["2002-05-27", "2012-05-28", "2020-05-04", "2022-05-30"])
def test_days_whose_bank_holiday_was_moved_are_working_days(day):
    assert CAL.is_working_day(d(day))


def test_ordinary_days():
    assert CAL.is_working_day(d("2025-01-03"))
    assert not CAL.is_working_day(d("2025-01-04"))
    assert not CAL.is_working_day(d("2025-01-05"))
    assert CAL.next_working_day(d("2025-01-03")) == d("2025-01-06")
    assert CAL.next_working_day(d("2025-01-04")) == d("2025-01-06")


# --- Local closures and settings ------------------------------------------------------------


def test_local_closure_days_are_honoured():
    assert not LOCAL.is_working_day(d("2025-01-06"))
    assert CAL.is_working_day(d("2025-01-06"))
    assert LOCAL.add_working_days(d("2025-01-03"), 1) == d("2025-01-07")
    assert LOCAL.working_days_between(d("2025-01-03"), d("2025-01-07")) == 1
    starts = as_days(["2025-01-03"])
    assert LOCAL.add_working_days_array(starts, 1)[0] == np.datetime64("2025-01-07")
    assert LOCAL.local_closures == LOCAL_CLOSURES


def test_calendar_is_immutable_and_default_is_shared():
    with pytest.raises(AttributeError):
        CAL.end_of_day = time(16, 0)
    assert default_calendar() is CAL
    assert CAL.end_of_day == time(17, 0)


def test_bad_settings_are_refused():
    with pytest.raises(ValueError):
        WorkingCalendar(end_of_day=time(17, 0, tzinfo=UTC))
    with pytest.raises(ValueError):
        WorkingCalendar(first_year=2030, last_year=2020)
    with pytest.raises(TypeError):
        WorkingCalendar(local_closures=[datetime(2025, 1, 6, 9, 0)])


def test_datetimes_are_not_taken_for_dates():
    with pytest.raises(TypeError):
        CAL.add_working_days(datetime(2025, 1, 3, 18, 0), 1)
    with pytest.raises(TypeError):
        CAL.is_working_day(datetime(2025, 1, 3, 9, 0))


def test_covers_reports_years_without_bank_holidays():
    assert CAL.covers(d("2000-01-01")) and CAL.covers(d("2045-12-31"))
    assert not CAL.covers(d("1999-12-31")) and not CAL.covers(d("2046-01-01"))


# --- Clock start from a received date-time --------------------------------------------------


def test_before_five_pm_starts_the_same_day():
    assert CAL.clock_start_for(datetime(2025, 1, 2, 16, 59)) == d("2025-01-02")


def test_at_five_pm_starts_the_next_working_day():
    assert CAL.clock_start_for(datetime(2025, 1, 2, 17, 0)) == d("2025-01-03")
    assert CAL.clock_start_for(datetime(2025, 1, 3, 17, 0)) == d("2025-01-06")  # Friday


def test_non_working_day_starts_the_next_working_day():
    assert CAL.clock_start_for(datetime(2025, 1, 4, 10, 0)) == d("2025-01-06")  # Saturday
    assert CAL.clock_start_for(datetime(2025, 12, 25, 9, 0)) == d("2025-12-29")


def test_aware_times_are_read_in_uk_time_during_bst():
    # 4 July 2025 is in British Summer Time, UTC+1: 15:59 UTC is 16:59 in London.
    assert CAL.clock_start_for(datetime(2025, 7, 4, 15, 59, tzinfo=UTC)) == d("2025-07-04")
    assert CAL.clock_start_for(datetime(2025, 7, 4, 16, 0, tzinfo=UTC)) == d("2025-07-07")


def test_aware_times_in_winter_and_other_zones():
    # In January London is on UTC, so 16:59 UTC is still before the cut-off.
    assert CAL.clock_start_for(datetime(2025, 1, 2, 16, 59, tzinfo=UTC)) == d("2025-01-02")
    # 23:30 in New York on Thursday is 04:30 Friday in London: a Friday clock start.
    new_york = ZoneInfo("America/New_York")
    assert CAL.clock_start_for(datetime(2025, 1, 2, 23, 30, tzinfo=new_york)) == d("2025-01-03")


def test_end_of_day_is_configurable():
    early = WorkingCalendar(end_of_day=time(16, 0))
    assert early.clock_start_for(datetime(2025, 1, 2, 16, 0)) == d("2025-01-03")
    assert early.clock_start_for(datetime(2025, 1, 2, 15, 59)) == d("2025-01-02")


# --- Counting -------------------------------------------------------------------------------


def test_zero_days_returns_the_start_even_on_a_weekend():
    assert CAL.add_working_days(d("2025-01-04"), 0) == d("2025-01-04")
    assert CAL.add_working_days_array(as_days(["2025-01-04"]), 0)[0] == np.datetime64("2025-01-04")


def test_between_is_antisymmetric():
    assert CAL.working_days_between(d("2025-01-03"), d("2025-01-06")) == 1
    assert CAL.working_days_between(d("2025-01-06"), d("2025-01-03")) == -1
    assert CAL.working_days_between(d("2025-01-04"), d("2025-01-05")) == 0


def test_missing_values_give_missing_answers():
    starts = as_days(["2025-01-03", "NaT", "2025-01-04"])
    steps = np.array([1.0, 1.0, np.nan])  # a Polars Int column with a null arrives like this
    assert np.isnat(CAL.add_working_days_array(starts, steps)[1:]).all()
    between = CAL.working_days_between_array(starts, as_days(["NaT", "2025-01-06", "2025-01-06"]))
    assert list(between.mask) == [True, True, False]
    assert between[2] == 1
    assert np.isnat(add_months_array(starts, steps)[1:]).all()
    assert np.isnat(add_weeks_array(starts, steps)[1:]).all()
    assert list(CAL.is_working_day_array(starts)) == [True, False, False]


def test_polars_round_trip_turns_missing_into_null():
    starts = pl.Series("start", [date(2025, 1, 3), None, date(2026, 12, 24)])
    due = pl.Series("due", CAL.add_working_days_array(starts.to_numpy(), 1))
    assert due.to_list() == [date(2025, 1, 6), None, date(2026, 12, 29)]
    counts = pl.Series(CAL.working_days_between_array(starts.to_numpy(), due.to_numpy()))
    assert counts.to_list() == [1, None, 1]


def test_non_integral_steps_are_refused():
    with pytest.raises(ValueError):
        CAL.add_working_days_array(as_days(["2025-01-03"]), 1.5)
    with pytest.raises(TypeError):
        CAL.add_working_days_array(as_days(["2025-01-03"]), np.array(["1"]))


# --- Months and weeks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),
        ("2024-01-31", 1, "2024-02-29"),
        ("2025-03-31", 6, "2025-09-30"),
        ("2025-08-15", 6, "2026-02-15"),
        ("2025-12-31", 2, "2026-02-28"),
        ("2025-03-31", -1, "2025-02-28"),
        ("2025-01-15", -13, "2023-12-15"),
        ("2025-05-20", 0, "2025-05-20"),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(d(start), months) == d(expected)
    assert add_months_array(as_days([start]), months)[0] == np.datetime64(expected)


def test_add_weeks():
    assert add_weeks(d("2025-01-03"), 6) == d("2025-02-14")
    assert add_weeks(d("2025-01-03"), -1) == d("2024-12-27")


# --- Properties against the reference -------------------------------------------------------

dates = st.dates(min_value=date(2010, 1, 1), max_value=date(2035, 12, 31))
steps = st.integers(min_value=0, max_value=80)
calendars = st.sampled_from([(CAL, frozenset()), (LOCAL, LOCAL_CLOSURES)])


@no_deadline
@given(calendars, dates, steps)
def test_add_working_days_matches_reference(calendar_and_closures, start, n):
    calendar, closures = calendar_and_closures
    assert calendar.add_working_days(start, n) == ref_add(start, n, closures)


@no_deadline
@given(calendars, dates, st.integers(min_value=-80, max_value=-1))
def test_add_negative_working_days_matches_reference(calendar_and_closures, start, n):
    calendar, closures = calendar_and_closures
    assert calendar.add_working_days(start, n) == ref_add(start, n, closures)


@no_deadline
@given(calendars, dates, dates)
def test_working_days_between_matches_reference(calendar_and_closures, start, end):
    calendar, closures = calendar_and_closures
    # Keep the day-by-day reference quick, but keep the direction (end may be before start).
    end = start + timedelta(days=max(-400, min(400, (end - start).days)))
    assert calendar.working_days_between(start, end) == ref_between(start, end, closures)


@no_deadline
@given(calendars, st.lists(st.tuples(dates, steps), min_size=1, max_size=30))
def test_add_working_days_array_matches_reference(calendar_and_closures, pairs):
    calendar, closures = calendar_and_closures
    starts = as_days([start for start, _ in pairs])
    ns = np.array([n for _, n in pairs])
    expected = as_days([ref_add(start, n, closures) for start, n in pairs])
    assert (calendar.add_working_days_array(starts, ns) == expected).all()


@no_deadline
@given(calendars, st.lists(dates, min_size=1, max_size=30), steps)
def test_add_working_days_array_with_scalar_n_matches_reference(calendar_and_closures, days, n):
    calendar, closures = calendar_and_closures
    expected = as_days([ref_add(start, n, closures) for start in days])
    assert (calendar.add_working_days_array(as_days(days), n) == expected).all()


@no_deadline
@given(calendars, st.lists(st.tuples(dates, st.integers(-120, 120)), min_size=1, max_size=30))
def test_working_days_between_array_matches_reference(calendar_and_closures, pairs):
    calendar, closures = calendar_and_closures
    starts = [start for start, _ in pairs]
    ends = [start + timedelta(days=offset) for start, offset in pairs]
    result = calendar.working_days_between_array(as_days(starts), as_days(ends))
    assert not result.mask.any()
    assert list(result) == [ref_between(s, e, closures) for s, e in zip(starts, ends, strict=True)]


@no_deadline
@given(dates, steps)
def test_between_inverts_add(start, n):
    due = CAL.add_working_days(start, n)
    assert CAL.working_days_between(start, due) == n


@no_deadline
@given(st.lists(st.tuples(dates, st.integers(-60, 60)), min_size=1, max_size=30))
def test_add_months_array_matches_scalar(pairs):
    expected = as_days([add_months(start, n) for start, n in pairs])
    result = add_months_array(as_days([s for s, _ in pairs]), np.array([n for _, n in pairs]))
    assert (result == expected).all()


@no_deadline
@given(dates, st.integers(-60, 60))
def test_add_months_lands_on_the_same_day_or_the_month_end(start, n):
    result = add_months(start, n)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == n
    following = date(result.year + result.month // 12, result.month % 12 + 1, 1)
    month_end = (following - timedelta(days=1)).day
    assert result.day == min(start.day, month_end)


@no_deadline
@given(st.lists(st.tuples(dates, st.integers(-60, 60)), min_size=1, max_size=30))
def test_add_weeks_array_matches_scalar(pairs):
    expected = as_days([add_weeks(start, n) for start, n in pairs])
    result = add_weeks_array(as_days([s for s, _ in pairs]), np.array([n for _, n in pairs]))
    assert (result == expected).all()
