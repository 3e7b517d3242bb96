"""Fixtures for the engine tests: build a small `Dataset` from row dicts and evaluate it."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import evaluate_deadlines
from sightline.standards.calendar import default_calendar
from sightline.standards.timescales import rulebook

UK = ZoneInfo("Europe/London")


@pytest.fixture
def uk():
    """``uk(2025, 1, 3, 16, 59)``: a UK wall-clock instant, as a worker would record it."""

    def make(year, month, day, hour=10, minute=0):
        return datetime(year, month, day, hour, minute, tzinfo=UK)

    return make


@pytest.fixture
def evaluate():
    """``evaluate(as_at, rules=..., overrides=..., **frames)``: the deadlines frame."""

    def run(as_at: date, *, rules=None, overrides=None, calendar=None, **frames):
        dataset = Dataset.from_frames(**frames)
        return evaluate_deadlines(
            dataset,
            as_at,
            rulebook(overrides),
            calendar or default_calendar(),
            rule_ids=[rules] if isinstance(rules, str) else rules,
        )

    return run


@pytest.fixture
def clocks(evaluate):
    """``clocks(rules, as_at, **frames)``: (rule_id, clock_start, due, met_on, status) tuples,
    in clock-start order within each record."""

    def run(rules, as_at: date, **kwargs):
        frame = evaluate(as_at, rules=rules, **kwargs).sort("record_id", "clock_start", "sequence")
        return frame.select("rule_id", "clock_start", "due", "met_on", "status").rows()

    return run
