"""A council's local standards (settings overrides) change due dates; statutory ones may only
tighten."""

from datetime import date

import pytest

MON_3_MAR = date(2025, 3, 3)
PLAN = {"plan_id": 1, "child_id": 7, "start_date": MON_3_MAR}


def test_cp_visits_every_15_working_days_when_the_council_sets_it(clocks):
    rows = clocks("T-CP-VISIT", MON_3_MAR, overrides="T-CP-VISIT=15WD", cp_plans=[PLAN])
    assert rows[0][2] == date(2025, 3, 24)


def test_four_weekly_core_groups_when_the_council_sets_it(clocks):
    core_group = {"core_group_id": 1, "plan_id": 1, "child_id": 7, "date": date(2025, 3, 14)}
    rows = clocks(
        "T-CORE-GROUP",
        date(2025, 3, 14),
        overrides="T-CORE-GROUP=4W",
        cp_plans=[PLAN],
        core_groups=[core_group],
    )
    assert rows == [("T-CORE-GROUP", date(2025, 3, 14), date(2025, 4, 11), None, "pending")]


def test_an_override_leaves_the_other_rules_alone(clocks):
    rows = clocks(
        ["T-CP-VISIT", "T-CORE-GROUP-1"], MON_3_MAR, overrides="T-CP-VISIT=15WD", cp_plans=[PLAN]
    )
    assert [(row[0], row[2]) for row in rows] == [
        ("T-CORE-GROUP-1", date(2025, 3, 17)),
        ("T-CP-VISIT", date(2025, 3, 24)),
    ]


def test_same_day_urgent_agency_checks_when_the_council_sets_it(clocks, uk):
    check = {
        "check_id": 1,
        "child_id": 7,
        "urgent": True,
        "requested_at": uk(2025, 3, 3, 10),
    }
    rows = clocks(
        "T-AGENCY-CHECK", MON_3_MAR, overrides="T-AGENCY-CHECK.urgent=0WD", agency_checks=[check]
    )
    assert rows[0][1:3] == (MON_3_MAR, MON_3_MAR)


@pytest.mark.parametrize("setting", ["T-LAC-REVIEW-1=30WD", "T-ICPC=20WD", "T-RHI=5D"])
def test_a_statutory_deadline_cannot_be_loosened(evaluate, setting):
    with pytest.raises(ValueError, match="may tighten it but not loosen it"):
        evaluate(MON_3_MAR, overrides=setting, cp_plans=[PLAN])


def test_a_council_may_hold_itself_to_icpcs_within_10_working_days(clocks):
    strategy = {"strategy_id": 1, "referral_id": 1, "child_id": 7, "held_on": MON_3_MAR}
    s47 = {"s47_id": 1, "referral_id": 1, "child_id": 7, "strategy_id": 1, "start_date": MON_3_MAR}
    rows = clocks(
        "T-ICPC",
        MON_3_MAR,
        overrides="T-ICPC=10WD",
        strategy_discussions=[strategy],
        section47_enquiries=[s47],
    )
    # Monday 3 March 2025 + 10 working days: Monday 17 March (15 would be Monday 24 March).
    assert rows[0][1:3] == (MON_3_MAR, date(2025, 3, 17))
