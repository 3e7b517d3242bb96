"""What every drift finding shares: one row per child and rule, the schema and order, the
responsible worker and team, the as-at cut, and rules the dataset cannot support."""

from datetime import date

import pytest

from sightline.engine.dataset import Dataset
from sightline.engine.findings import FINDING_SCHEMA, evaluate_findings, timescales_read
from sightline.engine.findings.evaluate import PRODUCERS
from sightline.standards.drift import drift_rulebook
from sightline.standards.timescales import RULES as TIMESCALES

CHILDREN = [
    {"child_id": 1, "date_of_birth": date(2015, 4, 1)},
    {"child_id": 2, "date_of_birth": date(2016, 4, 1)},
]
WORKERS = [
    {"worker_id": 11, "name": "Ann One", "team_id": 5},
    {"worker_id": 12, "name": "Bob Two", "team_id": 6},
]


def plan(plan_id, child_id, start, end=None):
    return {"plan_id": plan_id, "child_id": child_id, "start_date": start, "end_date": end}


def test_every_evaluable_rule_is_evaluated_by_a_producer_or_from_timescales():
    rules = drift_rulebook()
    for rule in rules.rules():
        if not rule.evaluable:
            assert rule.id not in PRODUCERS
        elif rule.timescales:
            assert rule.id not in PRODUCERS
            assert set(rule.timescales) <= {t.id for t in TIMESCALES}
        else:
            assert rule.id in PRODUCERS, rule.id


def test_an_empty_dataset_has_no_findings_in_the_finding_schema():
    frame = evaluate_findings(Dataset.from_frames(), date(2025, 3, 31))
    assert frame.height == 0
    assert dict(frame.schema) == FINDING_SCHEMA


def test_the_actions_rule_is_never_evaluated_rather_than_faked():
    rules = drift_rulebook()
    assert [rule.id for rule in rules.not_evaluable()] == ["D-ACTIONS"]
    assert "no actions" in rules["D-ACTIONS"].not_evaluable_because
    frame = evaluate_findings(
        Dataset.from_frames(children=CHILDREN), date(2025, 3, 31), rule_ids=["D-ACTIONS"]
    )
    assert frame.height == 0


def test_unknown_rules_are_refused_by_name():
    with pytest.raises(ValueError, match="unknown drift rules: D-NOPE"):
        evaluate_findings(Dataset.from_frames(), date(2025, 3, 31), rule_ids=["D-NOPE"])


def test_two_open_plans_make_one_finding_for_the_earliest():
    plans = [plan(1, 1, date(2023, 9, 1)), plan(2, 1, date(2023, 6, 1))]
    frame = evaluate_findings(
        Dataset.from_frames(children=CHILDREN, cp_plans=plans),
        date(2025, 3, 31),
        rule_ids=["D-CP-PLAN-LONG"],
    )
    # 1 June 2023 + 15 months = 1 September 2024, flagged from the 2nd; plan 1 from 2 December.
    assert frame.select("child_id", "since", "record_id").rows() == [(1, date(2024, 9, 2), 2)]


def test_rows_come_by_child_then_rule_in_catalogue_order_with_the_allocated_worker():
    plans = [plan(1, 2, date(2023, 1, 2)), plan(2, 1, date(2023, 1, 2))]
    plans.append(plan(3, 1, date(2020, 1, 6), end=date(2021, 1, 4)))
    allocations = [
        {"allocation_id": 1, "child_id": 1, "worker_id": 11, "start_date": date(2023, 1, 2)},
        {"allocation_id": 2, "child_id": 2, "team_id": 6, "start_date": date(2023, 1, 2)},
        {
            "allocation_id": 3,
            "child_id": 2,
            "team_id": 5,
            "worker_id": 11,
            "start_date": date(2022, 1, 3),
            "end_date": date(2023, 1, 1),
        },
    ]
    frame = evaluate_findings(
        Dataset.from_frames(
            children=CHILDREN, cp_plans=plans, allocations=allocations, workers=WORKERS
        ),
        date(2025, 3, 31),
        rule_ids=["D-CP-REPEAT", "D-CP-PLAN-2Y"],
    )
    assert frame.select("child_id", "rule_id", "severity", "worker_id", "team_id").rows() == [
        # Child 1: allocated to Ann One, whose team is 5.
        (1, "D-CP-PLAN-2Y", "serious", 11, 5),
        (1, "D-CP-REPEAT", "warning", 11, 5),
        # Child 2: allocated to team 6 with no named worker (the old allocation has ended).
        (2, "D-CP-PLAN-2Y", "serious", None, 6),
    ]


def test_records_after_the_as_at_date_are_unknown():
    plans = [plan(1, 1, date(2023, 1, 2)), plan(2, 1, date(2020, 1, 6), end=date(2025, 4, 1))]
    frame = evaluate_findings(
        Dataset.from_frames(children=CHILDREN, cp_plans=plans),
        date(2025, 3, 31),
        rule_ids=["D-CP-REPEAT"],
    )
    # On 31 March the 2020 plan had not ended: two plans open at once, the later the repeat.
    assert frame.select("record_id", "since").rows() == [(1, date(2023, 1, 2))]
    frame = evaluate_findings(
        Dataset.from_frames(children=CHILDREN, cp_plans=plans),
        date(2023, 1, 1),
        rule_ids=["D-CP-REPEAT"],
    )
    assert frame.height == 0


def test_timescales_read_lists_the_clocks_the_chosen_rules_need():
    rules = drift_rulebook()
    assert timescales_read(rules, ["D-OVERSIGHT", "D-CP-REPEAT"]) == [
        "T-OVERSIGHT-CP",
        "T-OVERSIGHT",
    ]
    assert "T-SUPERVISION" not in timescales_read(rules)
