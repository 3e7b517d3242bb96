"""The trend's shortcut (one deadline evaluation, filtered per month end) gives exactly what
evaluating as at each month end gives, on a seeded council loaded from the database."""

import polars as pl
import pytest

from sightline.engine.as_at import as_known_at
from sightline.engine.deadlines import evaluate_deadlines
from sightline.engine.indicators import EXACT_RULES, DeadlineView, Points, evaluate_indicators
from sightline.oversight.dataset_loader import load_dataset
from sightline.standards.calendar import default_calendar
from sightline.standards.timescales import rulebook

pytestmark = pytest.mark.django_db

KEYS = ["indicator_id", "level", "unit_id"]
MONTHS = 12


@pytest.fixture(scope="module")
def dataset(seeded, django_db_blocker):
    with django_db_blocker.unblock():
        return load_dataset()


def test_every_month_of_the_trend_equals_an_evaluation_as_at_that_month_end(seeded, dataset):
    trend = evaluate_indicators(dataset, seeded, months=MONTHS, child_population=1500)
    assert trend.values.filter(pl.col("numerator") > 0).height > 100  # the council has data
    for point, day in enumerate(trend.points.days):
        alone = evaluate_indicators(dataset, day, child_population=1500).values.drop("point")
        month = trend.values.filter(pl.col("point") == point).drop("point")
        assert month.sort(KEYS, nulls_last=True).equals(alone.sort(KEYS, nulls_last=True)), day


def test_derived_deadline_rows_equal_each_month_ends_met_and_overdue_rows(seeded, dataset):
    points = Points.trend(seeded, 6)
    view = DeadlineView(as_known_at(dataset, seeded), points, rulebook(), default_calendar())
    columns = [
        "child_id",
        "rule_id",
        "record_type",
        "record_id",
        "sequence",
        "clock_start",
        "due",
        "met_on",
    ]
    for point, day in enumerate(points.days):
        exact = (
            evaluate_deadlines(dataset, day)
            .filter(
                pl.col("status").is_in(["met", "met_late", "overdue"])
                & ~pl.col("rule_id").is_in(EXACT_RULES)
            )
            .select(columns)
            .sort(columns, nulls_last=True)
        )
        derived = view.as_at(point).select(columns).sort(columns, nulls_last=True)
        assert exact.height > 0
        assert derived.equals(exact), day
