"""Clock status comes from the engine only: a page's status today equals the engine's.

Deadlines are stored as at a Monday; every day of the following six weeks the child's clocks
page works out each open clock's status from the stored row (``status_on``), and the engine,
evaluated afresh over the same record as at that day, must give the same status for the same
clock. Over those weeks the CP case's clocks move from due soon to overdue, so the statuses
compared are not all one value.
"""

from datetime import date, timedelta

from sightline.engine.deadlines import DUE_SOON_WORKING_DAYS, status_on
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.selectors import child_clocks
from sightline.oversight.services import (
    council_standards,
    deadlines_evaluate,
    deadlines_refresh_for_child,
)
from sightline.people.selectors import child_record_open

STORED_ON = date(2025, 3, 3)


def test_the_clocks_page_and_the_engine_agree_on_every_day(council, cp_case):
    child = cp_case.child
    deadlines_refresh_for_child(child.pk, as_at=STORED_ON)
    record = child_record_open(actor=council.east_worker, child_id=child.pk)
    dataset = load_dataset(child_ids=[child.pk])
    seen = set()
    for offset in range(0, 42):
        day = STORED_ON + timedelta(days=offset)
        page = child_clocks(record=record, as_at=day)
        engine = deadlines_evaluate(dataset, as_at=day)
        by_clock = {
            (row["rule_id"], row["clock_start"]): row["status"]
            for row in engine.iter_rows(named=True)
        }
        compared = 0
        for clock in page.open:
            key = (clock.rule_id, clock.clock_start)
            if key in by_clock:  # a recurring chain may have a newer link since
                assert clock.status.value == by_clock[key], (day, key)
                compared += 1
                seen.add(clock.status.value)
        assert compared, day
    assert {"overdue", "due_soon"} <= seen


def test_the_scalar_rule_matches_every_row_the_engine_evaluates(council, cp_case):
    _, calendar = council_standards()
    dataset = load_dataset(child_ids=[cp_case.child.pk])
    statuses = set()
    for day in (date(2025, 1, 6), date(2025, 2, 14), STORED_ON, date(2025, 6, 2)):
        due_soon_by = calendar.add_working_days(day, DUE_SOON_WORKING_DAYS)
        for row in deadlines_evaluate(dataset, as_at=day).iter_rows(named=True):
            expected = status_on(
                due=row["due"], met_on=row["met_on"], as_at=day, due_soon_by=due_soon_by
            )
            assert row["status"] == expected, (day, row["rule_id"])
            statuses.add(expected)
    assert {"met", "overdue", "due_soon", "pending"} <= statuses
