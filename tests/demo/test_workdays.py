"""The generator's precomputed working-day table agrees with the rulebook's calendar."""

from datetime import date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.demo.workdays import WorkingDayTable
from sightline.standards.calendar import default_calendar

TABLE = WorkingDayTable(date(2015, 1, 1), date(2035, 12, 31))
days = st.dates(min_value=date(2018, 1, 1), max_value=date(2032, 12, 31))
no_deadline = settings(deadline=None)


@no_deadline
@given(day=days, n=st.integers(min_value=-60, max_value=60))
def test_adding_working_days_matches_the_calendar(day, n):
    assert TABLE.add(day, n) == default_calendar().add_working_days(day, n)


@no_deadline
@given(start=days, length=st.integers(min_value=-400, max_value=400))
def test_counting_working_days_matches_the_calendar(start, length):
    end = start + timedelta(days=length)
    assert TABLE.between(start, end) == default_calendar().working_days_between(start, end)


@no_deadline
@given(day=days, minutes=st.integers(min_value=0, max_value=24 * 60 - 1))
def test_clock_start_matches_the_calendar(day, minutes):
    received = datetime.combine(day, time(minutes // 60, minutes % 60))
    assert TABLE.clock_start(received) == default_calendar().clock_start_for(received)


def test_christmas_2026_example_from_the_timescales():
    assert TABLE.add(date(2026, 12, 24), 1) == date(2026, 12, 29)
