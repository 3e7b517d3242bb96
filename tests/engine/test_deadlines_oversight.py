"""Management oversight of open cases and supervision of workers."""

from datetime import date

MON_3_MAR = date(2025, 3, 3)


def referral(closure_date=None):
    return {
        "referral_id": 1,
        "child_id": 7,
        "referral_date": MON_3_MAR,
        "closure_date": closure_date,
        "closure_reason": "RC7" if closure_date else None,
    }


def oversight(oversight_id, day, uk):
    return {
        "oversight_id": oversight_id,
        "child_id": 7,
        "recorded_at": uk(day.year, day.month, day.day, 15),
        "manager_id": 99,
    }


# --- T-OVERSIGHT / T-OVERSIGHT-CP -----------------------------------------------------------


def test_first_oversight_is_due_30_working_days_after_the_referral(clocks):
    rows = clocks(["T-OVERSIGHT", "T-OVERSIGHT-CP"], date(2025, 3, 4), referrals=[referral()])
    assert rows == [("T-OVERSIGHT", MON_3_MAR, date(2025, 4, 14), None, "pending")]


def test_oversight_of_a_child_on_a_cp_plan_is_due_every_20_working_days(clocks, uk):
    # From Thursday 10 April: 20 working days skipping Good Friday, Easter Monday and 5 May.
    rows = clocks(
        ["T-OVERSIGHT", "T-OVERSIGHT-CP"],
        date(2025, 4, 11),
        referrals=[referral()],
        cp_plans=[{"plan_id": 1, "child_id": 7, "start_date": date(2025, 4, 1)}],
        oversight=[oversight(1, date(2025, 4, 10), uk)],
    )
    assert rows == [
        ("T-OVERSIGHT", MON_3_MAR, date(2025, 4, 14), date(2025, 4, 10), "met"),
        ("T-OVERSIGHT-CP", date(2025, 4, 10), date(2025, 5, 13), None, "pending"),
    ]


def test_late_oversight_is_met_late_and_starts_the_next_clock(clocks, uk):
    rows = clocks(
        ["T-OVERSIGHT", "T-OVERSIGHT-CP"],
        date(2025, 4, 16),
        referrals=[referral()],
        oversight=[oversight(1, date(2025, 4, 15), uk)],
    )
    assert [row[3:] for row in rows] == [(date(2025, 4, 15), "met_late"), (None, "pending")]


def test_oversight_chain_ends_when_the_case_closes(clocks, uk):
    rows = clocks(
        ["T-OVERSIGHT", "T-OVERSIGHT-CP"],
        date(2025, 6, 2),
        referrals=[referral(closure_date=date(2025, 4, 30))],
        oversight=[oversight(1, date(2025, 4, 10), uk)],
    )
    assert [row[4] for row in rows] == ["met"]


def test_council_can_set_a_monthly_oversight_standard(clocks):
    rows = clocks("T-OVERSIGHT", MON_3_MAR, overrides="T-OVERSIGHT=1M", referrals=[referral()])
    assert rows[0][2] == date(2025, 4, 3)


# --- T-SUPERVISION --------------------------------------------------------------------------


def worker(**fields):
    return {
        "worker_id": 11,
        "name": "A. Worker",
        "role": "SOCIAL_WORKER",
        "team_id": 4,
        "qualified_on": date(2015, 7, 1),
        "started_on": MON_3_MAR,
        **fields,
    }


def supervision(supervision_id, day):
    return {"supervision_id": supervision_id, "worker_id": 11, "date": day}


def test_experienced_worker_is_supervised_every_four_weeks(clocks):
    rows = clocks(
        "T-SUPERVISION",
        date(2025, 4, 1),
        workers=[worker()],
        supervisions=[supervision(1, date(2025, 3, 28))],
    )
    assert rows == [
        ("T-SUPERVISION", MON_3_MAR, date(2025, 3, 31), date(2025, 3, 28), "met"),
        ("T-SUPERVISION", date(2025, 3, 28), date(2025, 4, 25), None, "pending"),
    ]


def test_newly_qualified_worker_is_supervised_weekly_then_fortnightly_then_monthly(clocks):
    # Weekly for clocks starting in the first 6 weeks (to 14 April), fortnightly for those
    # starting in the first 6 months (to 3 September), then every 4 weeks.
    rows = clocks(
        "T-SUPERVISION",
        date(2025, 9, 10),
        workers=[worker(qualified_on=date(2025, 2, 1))],
        supervisions=[
            supervision(1, date(2025, 3, 10)),
            supervision(2, date(2025, 4, 14)),
            supervision(3, date(2025, 9, 1)),
            supervision(4, date(2025, 9, 5)),
        ],
    )
    assert rows == [
        ("T-SUPERVISION", MON_3_MAR, date(2025, 3, 10), date(2025, 3, 10), "met"),
        ("T-SUPERVISION", date(2025, 3, 10), date(2025, 3, 17), date(2025, 4, 14), "met_late"),
        ("T-SUPERVISION", date(2025, 4, 14), date(2025, 4, 28), date(2025, 9, 1), "met_late"),
        ("T-SUPERVISION", date(2025, 9, 1), date(2025, 9, 15), date(2025, 9, 5), "met"),
        ("T-SUPERVISION", date(2025, 9, 5), date(2025, 10, 3), None, "pending"),
    ]


def test_supervision_deadline_belongs_to_the_worker_and_their_team(evaluate):
    frame = evaluate(date(2025, 3, 4), rules="T-SUPERVISION", workers=[worker()])
    assert frame.select("child_id", "record_type", "record_id", "worker_id", "team_id").row(0) == (
        None,
        "workers",
        11,
        11,
        4,
    )


def test_supervision_chain_ends_when_the_worker_leaves(clocks):
    rows = clocks(
        "T-SUPERVISION",
        date(2025, 6, 2),
        workers=[worker(left_on=date(2025, 4, 11))],
        supervisions=[supervision(1, date(2025, 3, 28))],
    )
    assert [row[4] for row in rows] == ["met"]


def test_team_managers_are_not_on_the_practitioner_supervision_clock(clocks):
    assert clocks("T-SUPERVISION", date(2025, 4, 1), workers=[worker(role="TEAM_MANAGER")]) == []
