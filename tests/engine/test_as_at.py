"""Tests for `as_known_at`: the dataset cut to what was known on a date."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from sightline.engine.as_at import AS_AT_RULES, as_known_at
from sightline.engine.dataset import SCHEMAS, Dataset

UK = ZoneInfo("Europe/London")


def test_every_dataset_frame_has_an_as_at_rule():
    assert set(AS_AT_RULES) == set(SCHEMAS)


def test_as_at_rules_name_real_columns():
    for frame, (known_from, later) in AS_AT_RULES.items():
        columns = set(SCHEMAS[frame])
        assert known_from is None or known_from in columns
        for column, recorded_with in later.items():
            assert {column, *recorded_with} <= columns, frame


def test_rows_that_start_after_the_date_are_dropped():
    dataset = Dataset.from_frames(
        visits=[
            {"visit_id": 1, "child_id": 1, "date": date(2025, 3, 3)},
            {"visit_id": 2, "child_id": 1, "date": date(2025, 3, 4)},
        ]
    )
    assert as_known_at(dataset, date(2025, 3, 3))["visits"]["visit_id"].to_list() == [1]


def test_an_end_date_after_the_date_is_not_yet_known():
    dataset = Dataset.from_frames(
        cp_plans=[
            {
                "plan_id": 1,
                "child_id": 1,
                "start_date": date(2025, 1, 6),
                "end_date": date(2025, 6, 2),
            }
        ]
    )
    plan = as_known_at(dataset, date(2025, 6, 1))["cp_plans"].row(0, named=True)
    assert (plan["start_date"], plan["end_date"]) == (date(2025, 1, 6), None)


def test_an_end_date_on_the_date_is_known():
    dataset = Dataset.from_frames(
        cp_plans=[
            {
                "plan_id": 1,
                "child_id": 1,
                "start_date": date(2025, 1, 6),
                "end_date": date(2025, 6, 2),
            }
        ]
    )
    assert as_known_at(dataset, date(2025, 6, 2))["cp_plans"]["end_date"].to_list() == [
        date(2025, 6, 2)
    ]


def test_a_later_decision_is_unknown_together_with_its_value():
    dataset = Dataset.from_frames(
        contacts=[
            {
                "contact_id": 1,
                "child_id": 1,
                "received_at": datetime(2025, 3, 3, 10, tzinfo=UK),
                "decision": "REFERRAL",
                "decided_at": datetime(2025, 3, 4, 9, tzinfo=UK),
            }
        ]
    )
    contact = as_known_at(dataset, date(2025, 3, 3))["contacts"].row(0, named=True)
    assert (contact["decision"], contact["decided_at"]) == (None, None)


def test_instants_are_compared_by_their_uk_date():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): not yet received on 30 June.
    late_night = datetime(2025, 6, 30, 23, 30, tzinfo=ZoneInfo("UTC"))
    evening = datetime(2025, 6, 30, 22, 30, tzinfo=ZoneInfo("UTC"))
    dataset = Dataset.from_frames(
        contacts=[
            {"contact_id": 1, "child_id": 1, "received_at": late_night},
            {"contact_id": 2, "child_id": 1, "received_at": evening},
        ]
    )
    assert as_known_at(dataset, date(2025, 6, 30))["contacts"]["contact_id"].to_list() == [2]


def test_rows_without_a_start_date_are_kept():
    dataset = Dataset.from_frames(workers=[{"worker_id": 1, "name": "A. Worker"}])
    assert as_known_at(dataset, date(2025, 1, 1))["workers"].height == 1


def test_a_section_47_conclusion_is_unknown_until_the_enquiry_ends():
    dataset = Dataset.from_frames(
        section47_enquiries=[
            {
                "s47_id": 1,
                "child_id": 1,
                "start_date": date(2025, 3, 3),
                "end_date": date(2025, 3, 14),
                "icpc_required": False,
            }
        ]
    )
    enquiry = as_known_at(dataset, date(2025, 3, 10))["section47_enquiries"].row(0, named=True)
    assert (enquiry["end_date"], enquiry["icpc_required"]) == (None, None)


def test_the_cut_dataset_keeps_every_schema_and_records_the_date():
    known = as_known_at(Dataset.from_frames(), date(2025, 1, 1))
    assert {name: dict(frame.schema) for name, frame in known.frames.items()} == SCHEMAS
    assert known.notes[-1] == "as known at 2025-01-01"
