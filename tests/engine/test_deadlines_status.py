"""Counting and statuses (timescales.md, "Counting, exactly"), its worked examples, and the
columns every deadline row carries."""

from datetime import date

import pytest

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import DEADLINE_SCHEMA, evaluate_deadlines

MONDAY_3_MARCH = date(2025, 3, 3)


def referral(referral_date, decided_on=None, **extra):
    return {
        "referral_id": 1,
        "child_id": 7,
        "referral_date": referral_date,
        "decided_on": decided_on,
        **extra,
    }


# --- Worked examples ------------------------------------------------------------------------


def test_referral_on_friday_3_january_2025_is_due_monday_6_january(clocks):
    rows = clocks("T-REFERRAL-DECISION", date(2025, 1, 3), referrals=[referral(date(2025, 1, 3))])
    assert rows == [("T-REFERRAL-DECISION", date(2025, 1, 3), date(2025, 1, 6), None, "due_soon")]


def test_referral_on_saturday_4_january_2025_is_also_due_monday_6_january(clocks):
    rows = clocks("T-REFERRAL-DECISION", date(2025, 1, 4), referrals=[referral(date(2025, 1, 4))])
    assert rows[0][1:3] == (date(2025, 1, 4), date(2025, 1, 6))


def test_referral_on_christmas_eve_2026_is_due_tuesday_29_december(clocks):
    # Friday 25th is Christmas Day and Monday 28th the Boxing Day substitute.
    rows = clocks(
        "T-REFERRAL-DECISION", date(2026, 12, 24), referrals=[referral(date(2026, 12, 24))]
    )
    assert rows[0][2] == date(2026, 12, 29)


def test_plan_from_an_icpc_on_30_november_has_its_first_review_due_28_february(clocks):
    plan = {"plan_id": 1, "child_id": 7, "start_date": date(2024, 11, 30)}
    rows = clocks("T-RCPC-1", date(2024, 12, 2), cp_plans=[plan])
    assert rows[0][2] == date(2025, 2, 28)


def test_first_review_from_30_november_is_due_29_february_in_a_leap_year(clocks):
    plan = {"plan_id": 1, "child_id": 7, "start_date": date(2023, 11, 30)}
    rows = clocks("T-RCPC-1", date(2023, 12, 1), cp_plans=[plan])
    assert rows[0][2] == date(2024, 2, 29)


# --- Met, met late, overdue -----------------------------------------------------------------


def test_met_exactly_on_the_due_date_is_met(clocks):
    rows = clocks(
        "T-REFERRAL-DECISION",
        date(2025, 3, 10),
        referrals=[referral(MONDAY_3_MARCH, decided_on=date(2025, 3, 4))],
    )
    assert rows == [
        ("T-REFERRAL-DECISION", MONDAY_3_MARCH, date(2025, 3, 4), date(2025, 3, 4), "met")
    ]


def test_met_the_day_after_the_due_date_is_met_late_by_one_working_day(evaluate):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-REFERRAL-DECISION",
        referrals=[referral(MONDAY_3_MARCH, decided_on=date(2025, 3, 5))],
    )
    row = frame.row(0, named=True)
    assert (row["status"], row["working_days_late"], row["working_days_overdue"]) == (
        "met_late",
        1,
        None,
    )


def test_unmet_on_its_due_date_is_due_soon_not_overdue(clocks):
    rows = clocks("T-REFERRAL-DECISION", date(2025, 3, 4), referrals=[referral(MONDAY_3_MARCH)])
    assert rows[0][4] == "due_soon"


def test_unmet_the_day_after_its_due_date_is_overdue(evaluate):
    frame = evaluate(
        date(2025, 3, 5), rules="T-REFERRAL-DECISION", referrals=[referral(MONDAY_3_MARCH)]
    )
    row = frame.row(0, named=True)
    assert (row["status"], row["working_days_overdue"], row["met_on"]) == ("overdue", 1, None)


def test_working_days_overdue_count_only_working_days_after_the_due_date(evaluate):
    # Due Tuesday 4 March; as at Monday 10 March: 5, 6, 7 and 10 March are working days.
    frame = evaluate(
        date(2025, 3, 10), rules="T-REFERRAL-DECISION", referrals=[referral(MONDAY_3_MARCH)]
    )
    assert frame["working_days_overdue"].to_list() == [4]


def test_a_decision_made_after_the_as_at_date_is_unknown_then(clocks):
    rows = clocks(
        "T-REFERRAL-DECISION",
        date(2025, 3, 4),
        referrals=[referral(MONDAY_3_MARCH, decided_on=date(2025, 3, 5))],
    )
    assert rows[0][3:] == (None, "due_soon")


def test_due_on_the_fifth_working_day_after_the_as_at_date_is_due_soon(clocks):
    # First CP visit due 10 working days from Monday 3 March: Monday 17 March, which is the
    # 5th working day after Monday 10 March.
    plan = {"plan_id": 1, "child_id": 7, "start_date": MONDAY_3_MARCH}
    rows = clocks("T-CP-VISIT", date(2025, 3, 10), cp_plans=[plan])
    assert rows == [("T-CP-VISIT", MONDAY_3_MARCH, date(2025, 3, 17), None, "due_soon")]


def test_due_on_the_sixth_working_day_after_the_as_at_date_is_pending(clocks):
    # Monday 17 March is the 6th working day after Friday 7 March (10-14 March, then 17th).
    plan = {"plan_id": 1, "child_id": 7, "start_date": MONDAY_3_MARCH}
    rows = clocks("T-CP-VISIT", date(2025, 3, 7), cp_plans=[plan])
    assert rows[0][4] == "pending"


# --- Columns --------------------------------------------------------------------------------


def test_result_has_the_documented_schema_even_when_empty():
    frame = evaluate_deadlines(Dataset.from_frames(), date(2025, 1, 1))
    assert dict(frame.schema) == DEADLINE_SCHEMA
    assert frame.height == 0


def test_record_type_names_the_frame_the_deadline_belongs_to(evaluate):
    frame = evaluate(
        date(2025, 3, 10),
        rules=["T-REFERRAL-DECISION", "T-CP-VISIT"],
        referrals=[referral(MONDAY_3_MARCH)],
        cp_plans=[{"plan_id": 9, "child_id": 7, "start_date": MONDAY_3_MARCH}],
    )
    assert frame.select("rule_id", "record_type", "record_id").rows() == [
        ("T-REFERRAL-DECISION", "referrals", 1),
        ("T-CP-VISIT", "cp_plans", 9),
    ]


def test_responsible_worker_and_team_come_from_the_allocation_open_on_the_as_at_date(evaluate):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-REFERRAL-DECISION",
        referrals=[referral(MONDAY_3_MARCH)],
        allocations=[
            {
                "allocation_id": 1,
                "child_id": 7,
                "team_id": 1,
                "worker_id": 11,
                "start_date": MONDAY_3_MARCH,
                "end_date": date(2025, 3, 9),
            },
            {
                "allocation_id": 2,
                "child_id": 7,
                "team_id": 2,
                "worker_id": 12,
                "start_date": date(2025, 3, 10),
            },
        ],
    )
    assert frame.select("worker_id", "team_id").rows() == [(12, 2)]


def test_an_allocation_ending_on_the_as_at_date_is_still_responsible(evaluate):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-REFERRAL-DECISION",
        referrals=[referral(MONDAY_3_MARCH)],
        allocations=[
            {
                "allocation_id": 1,
                "child_id": 7,
                "team_id": 1,
                "worker_id": 11,
                "start_date": MONDAY_3_MARCH,
                "end_date": date(2025, 3, 10),
            }
        ],
    )
    assert frame.select("worker_id", "team_id").rows() == [(11, 1)]


def test_a_team_only_allocation_gives_a_team_and_no_worker(evaluate):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-REFERRAL-DECISION",
        referrals=[referral(MONDAY_3_MARCH)],
        allocations=[
            {"allocation_id": 1, "child_id": 7, "team_id": 3, "start_date": MONDAY_3_MARCH}
        ],
    )
    assert frame.select("worker_id", "team_id").rows() == [(None, 3)]


def test_child_on_a_cp_plan_and_looked_after_are_flagged(evaluate):
    frame = evaluate(
        date(2025, 3, 10),
        rules="T-REFERRAL-DECISION",
        referrals=[
            referral(MONDAY_3_MARCH),
            {**referral(MONDAY_3_MARCH), "referral_id": 2, "child_id": 8},
        ],
        cp_plans=[{"plan_id": 1, "child_id": 7, "start_date": MONDAY_3_MARCH}],
        lac_episodes=[{"episode_id": 1, "child_id": 8, "start_date": MONDAY_3_MARCH}],
    )
    assert frame.select("child_id", "is_cp", "is_looked_after").rows() == [
        (7, True, False),
        (8, False, True),
    ]


def test_rows_are_ordered_by_child_then_rule_in_catalogue_order(evaluate, uk):
    frame = evaluate(
        date(2025, 3, 10),
        rules=["T-REFERRAL-DECISION", "T-CONTACT-DECISION"],
        referrals=[
            referral(MONDAY_3_MARCH),
            {**referral(MONDAY_3_MARCH), "referral_id": 2, "child_id": 2},
        ],
        contacts=[{"contact_id": 5, "child_id": 7, "received_at": uk(2025, 3, 3, 9)}],
    )
    assert frame.select("child_id", "rule_id").rows() == [
        (2, "T-REFERRAL-DECISION"),
        (7, "T-CONTACT-DECISION"),
        (7, "T-REFERRAL-DECISION"),
    ]


def test_unknown_rule_ids_are_refused():
    with pytest.raises(ValueError, match="T-NOPE"):
        evaluate_deadlines(Dataset.from_frames(), date(2025, 1, 1), rule_ids=["T-NOPE"])


def test_every_rule_in_the_rulebook_is_evaluated_by_some_rule_module():
    from sightline.engine.deadlines.evaluate import PRODUCERS
    from sightline.standards.timescales import RULES

    assert set().union(*PRODUCERS) == {rule.id for rule in RULES}


def test_child_rules_are_every_rule_but_supervision():
    from sightline.engine.deadlines import CHILD_RULE_IDS
    from sightline.standards.timescales import RULES

    assert set(CHILD_RULE_IDS) == {rule.id for rule in RULES} - {"T-SUPERVISION"}
