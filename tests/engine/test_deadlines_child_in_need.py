"""Child in need clocks: visits and plan reviews through a CIN plan."""

from datetime import date

MON_3_MAR = date(2025, 3, 3)


def cin_plan(end=None):
    return {"plan_id": 1, "child_id": 7, "start_date": MON_3_MAR, "end_date": end}


def visit(visit_id, day, *, seen=True):
    return {"visit_id": visit_id, "child_id": 7, "date": day, "kind": "CIN", "child_seen": seen}


def plan_review(review_id, day):
    return {"review_id": review_id, "plan_id": 1, "child_id": 7, "date": day}


def test_cin_visits_every_20_working_days_over_several_cycles(clocks):
    # 3 March + 20 WD = 31 March; 28 March + 20 WD skips Good Friday and Easter Monday:
    # 29 April; 30 April + 20 WD skips the early May and spring bank holidays: 30 May.
    rows = clocks(
        "T-CIN-VISIT",
        date(2025, 5, 1),
        cin_plans=[cin_plan()],
        visits=[visit(1, date(2025, 3, 28)), visit(2, date(2025, 4, 30))],
    )
    assert rows == [
        ("T-CIN-VISIT", MON_3_MAR, date(2025, 3, 31), date(2025, 3, 28), "met"),
        ("T-CIN-VISIT", date(2025, 3, 28), date(2025, 4, 29), date(2025, 4, 30), "met_late"),
        ("T-CIN-VISIT", date(2025, 4, 30), date(2025, 5, 30), None, "pending"),
    ]


def test_unmet_cin_visit_is_overdue(clocks):
    rows = clocks("T-CIN-VISIT", date(2025, 4, 1), cin_plans=[cin_plan()])
    assert rows == [("T-CIN-VISIT", MON_3_MAR, date(2025, 3, 31), None, "overdue")]


def test_cin_visit_chain_ends_with_the_plan(clocks):
    rows = clocks(
        "T-CIN-VISIT",
        date(2025, 6, 2),
        cin_plans=[cin_plan(end=date(2025, 4, 15))],
        visits=[visit(1, date(2025, 3, 28))],
    )
    assert [row[1] for row in rows] == [MON_3_MAR]


def test_cin_plan_reviewed_every_three_months(clocks):
    rows = clocks(
        "T-CIN-PLAN-REVIEW",
        date(2025, 9, 10),
        cin_plans=[cin_plan()],
        cin_plan_reviews=[plan_review(1, date(2025, 6, 2))],
    )
    assert rows == [
        ("T-CIN-PLAN-REVIEW", MON_3_MAR, date(2025, 6, 3), date(2025, 6, 2), "met"),
        ("T-CIN-PLAN-REVIEW", date(2025, 6, 2), date(2025, 9, 2), None, "overdue"),
    ]


def test_cin_plan_review_chain_ends_when_the_plan_ends_before_the_next_review(clocks):
    rows = clocks(
        "T-CIN-PLAN-REVIEW",
        date(2025, 9, 10),
        cin_plans=[cin_plan(end=date(2025, 7, 1))],
        cin_plan_reviews=[plan_review(1, date(2025, 6, 2))],
    )
    assert [row[4] for row in rows] == ["met"]


def test_plan_ending_before_its_first_review_is_due_has_no_review_deadline(clocks):
    rows = clocks(
        "T-CIN-PLAN-REVIEW", date(2025, 9, 10), cin_plans=[cin_plan(end=date(2025, 5, 1))]
    )
    assert rows == []


def test_council_can_set_a_six_week_cin_review_standard(clocks):
    rows = clocks(
        "T-CIN-PLAN-REVIEW",
        date(2025, 3, 4),
        overrides="T-CIN-PLAN-REVIEW=6W",
        cin_plans=[cin_plan()],
    )
    assert rows[0][2] == date(2025, 4, 14)
