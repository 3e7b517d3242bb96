"""One definition of "open on a date": plain Python, the engine's Polars and the database agree."""

from datetime import date, timedelta

import polars as pl
import pytest

from sightline.engine.deadlines.clocks import open_on as open_on_expr
from sightline.standards.periods import covers

START, END = date(2026, 3, 2), date(2026, 3, 20)
# The day before the start, the first day, a day inside, the last day and the day after.
DAYS = [START - timedelta(days=1), START, date(2026, 3, 10), END, END + timedelta(days=1)]


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (END, [False, True, True, True, False]),
        (None, [False, True, True, True, True]),
        (START, [False, True, False, False, False]),
    ],
)
def test_a_period_covers_its_first_and_last_day_and_no_other(end, expected):
    assert [covers(START, end, day) for day in DAYS] == expected


def test_a_period_without_a_start_covers_nothing():
    assert not any(covers(None, None, day) for day in DAYS)


@pytest.mark.parametrize("end", [END, None, START])
def test_the_engines_expression_agrees_day_by_day(end):
    frame = pl.DataFrame(
        {"start_date": [START] * len(DAYS), "end_date": [end] * len(DAYS), "day": DAYS},
        schema={"start_date": pl.Date, "end_date": pl.Date, "day": pl.Date},
    )
    by_column = frame.select(open_on_expr("start_date", "end_date", pl.col("day"))).to_series()
    by_date = [frame.select(open_on_expr("start_date", "end_date", day)).item(0, 0) for day in DAYS]
    assert by_column.to_list() == [covers(START, end, day) for day in DAYS]
    assert by_date == [covers(START, end, day) for day in DAYS]
