"""Looked-after children's health and education clocks: health assessments (with the age
switch at 5), dental checks, SDQs (ages 4 to 16) and personal education plans."""

from datetime import date

MON_3_MAR = date(2025, 3, 3)


def child(born):
    return {"child_id": 7, "date_of_birth": born}


def looked_after(end=None):
    return {
        "episode_id": 1,
        "child_id": 7,
        "start_date": MON_3_MAR,
        "end_date": end,
        "reason_new_episode": "S",
        "legal_status": "C2",
        "placement_type": "U6",
    }


def events(frame_id, days):
    return [{frame_id: i + 1, "child_id": 7, "date": day} for i, day in enumerate(days)]


# --- T-IHA ----------------------------------------------------------------------------------


def test_initial_health_assessment_within_20_working_days_is_met(clocks):
    rows = clocks(
        "T-IHA",
        date(2025, 4, 1),
        lac_episodes=[looked_after()],
        health_assessments=events("health_assessment_id", [date(2025, 3, 25)]),
    )
    assert rows == [("T-IHA", MON_3_MAR, date(2025, 3, 31), date(2025, 3, 25), "met")]


def test_initial_health_assessment_after_20_working_days_is_met_late(clocks):
    rows = clocks(
        "T-IHA",
        date(2025, 4, 10),
        lac_episodes=[looked_after()],
        health_assessments=events("health_assessment_id", [date(2025, 4, 1)]),
    )
    assert rows[0][4] == "met_late"


def test_missing_initial_health_assessment_is_overdue(clocks):
    assert clocks("T-IHA", date(2025, 4, 1), lac_episodes=[looked_after()])[0][4] == "overdue"


def test_child_who_left_care_before_the_iha_was_due_needs_none(clocks):
    assert clocks("T-IHA", date(2025, 4, 1), lac_episodes=[looked_after(date(2025, 3, 20))]) == []


def test_a_health_assessment_from_an_earlier_period_of_care_does_not_count(clocks):
    rows = clocks(
        "T-IHA",
        date(2025, 4, 1),
        lac_episodes=[looked_after()],
        health_assessments=events("health_assessment_id", [date(2024, 12, 2)]),
    )
    assert rows[0][3:] == (None, "overdue")


# --- T-RHA ----------------------------------------------------------------------------------


def test_review_health_assessments_switch_from_six_to_twelve_months_at_age_5(clocks):
    # Born 1 June 2020: 4 at the first assessment (six months), 5 at the second (a year).
    rows = clocks(
        "T-RHA",
        date(2025, 9, 15),
        children=[child(date(2020, 6, 1))],
        lac_episodes=[looked_after()],
        health_assessments=events("health_assessment_id", [date(2025, 3, 25), date(2025, 9, 10)]),
    )
    assert rows == [
        ("T-RHA", date(2025, 3, 25), date(2025, 9, 25), date(2025, 9, 10), "met"),
        ("T-RHA", date(2025, 9, 10), date(2026, 9, 10), None, "pending"),
    ]


def test_assessment_the_day_before_the_5th_birthday_sets_a_six_month_interval(clocks):
    rows = clocks(
        "T-RHA",
        date(2025, 6, 2),
        children=[child(date(2020, 6, 1))],
        lac_episodes=[looked_after()],
        health_assessments=events("health_assessment_id", [date(2025, 5, 31)]),
    )
    assert rows[0][1:3] == (date(2025, 5, 31), date(2025, 11, 30))


def test_assessment_on_the_5th_birthday_sets_a_twelve_month_interval(clocks):
    rows = clocks(
        "T-RHA",
        date(2025, 6, 2),
        children=[child(date(2020, 6, 1))],
        lac_episodes=[looked_after()],
        health_assessments=events("health_assessment_id", [date(2025, 6, 1)]),
    )
    assert rows[0][1:3] == (date(2025, 6, 1), date(2026, 6, 1))


def test_no_review_health_assessment_clock_before_the_initial_assessment(clocks):
    assert clocks("T-RHA", date(2025, 6, 2), lac_episodes=[looked_after()]) == []


# --- T-DENTAL -------------------------------------------------------------------------------


def test_dental_checks_due_a_year_after_care_starts_then_yearly(clocks):
    rows = clocks(
        "T-DENTAL",
        date(2026, 3, 10),
        lac_episodes=[looked_after()],
        dental_checks=events("dental_check_id", [date(2026, 2, 1)]),
    )
    assert rows == [
        ("T-DENTAL", MON_3_MAR, date(2026, 3, 3), date(2026, 2, 1), "met"),
        ("T-DENTAL", date(2026, 2, 1), date(2027, 2, 1), None, "pending"),
    ]


def test_missing_dental_check_is_overdue(clocks):
    assert clocks("T-DENTAL", date(2026, 3, 4), lac_episodes=[looked_after()])[0][4] == "overdue"


# --- T-SDQ ----------------------------------------------------------------------------------


def test_sdq_for_a_ten_year_old_is_due_a_year_after_care_starts_then_yearly(clocks):
    rows = clocks(
        "T-SDQ",
        date(2026, 3, 10),
        children=[child(date(2015, 1, 1))],
        lac_episodes=[looked_after()],
        sdq_scores=events("sdq_id", [date(2026, 3, 1)]),
    )
    assert rows == [
        ("T-SDQ", MON_3_MAR, date(2026, 3, 3), date(2026, 3, 1), "met"),
        ("T-SDQ", date(2026, 3, 1), date(2027, 3, 1), None, "pending"),
    ]


def test_sdq_clock_for_a_toddler_starts_on_their_4th_birthday(clocks):
    rows = clocks(
        "T-SDQ", date(2026, 7, 1), children=[child(date(2022, 6, 1))], lac_episodes=[looked_after()]
    )
    assert rows == [("T-SDQ", date(2026, 6, 1), date(2027, 6, 1), None, "pending")]


def test_sdq_falling_due_after_the_17th_birthday_is_not_required(clocks):
    # Born 1 June 2009: the SDQ of 1 March 2026 would next be due at 17 years 9 months.
    rows = clocks(
        "T-SDQ",
        date(2027, 4, 1),
        children=[child(date(2009, 6, 1))],
        lac_episodes=[looked_after()],
        sdq_scores=events("sdq_id", [date(2026, 3, 1)]),
    )
    assert rows == [("T-SDQ", MON_3_MAR, date(2026, 3, 3), date(2026, 3, 1), "met")]


def test_child_who_is_17_when_entering_care_needs_no_sdq(clocks):
    rows = clocks(
        "T-SDQ", date(2025, 4, 1), children=[child(date(2008, 1, 1))], lac_episodes=[looked_after()]
    )
    assert rows == []


def test_sdq_applies_from_care_start_when_the_date_of_birth_is_unknown(clocks):
    rows = clocks("T-SDQ", date(2025, 4, 1), lac_episodes=[looked_after()])
    assert rows[0][1:3] == (MON_3_MAR, date(2026, 3, 3))


# --- T-PEP and T-PEP-REVIEW -----------------------------------------------------------------


def test_pep_within_20_working_days_of_entering_care_is_met(clocks):
    rows = clocks(
        "T-PEP",
        date(2025, 4, 1),
        children=[child(date(2015, 1, 1))],
        lac_episodes=[looked_after()],
        education_plans=events("pep_id", [date(2025, 3, 20)]),
    )
    assert rows == [("T-PEP", MON_3_MAR, date(2025, 3, 31), date(2025, 3, 20), "met")]


def test_missing_pep_is_overdue(clocks):
    rows = clocks(
        "T-PEP", date(2025, 4, 1), children=[child(date(2015, 1, 1))], lac_episodes=[looked_after()]
    )
    assert rows[0][4] == "overdue"


def test_pep_clock_for_a_baby_waits_for_their_3rd_birthday(clocks):
    rows = clocks(
        "T-PEP", date(2025, 4, 1), children=[child(date(2024, 6, 1))], lac_episodes=[looked_after()]
    )
    assert rows[0][1] == date(2027, 6, 1)


def test_peps_are_reviewed_every_three_months(clocks):
    rows = clocks(
        "T-PEP-REVIEW",
        date(2025, 7, 2),
        children=[child(date(2015, 1, 1))],
        lac_episodes=[looked_after()],
        education_plans=events("pep_id", [date(2025, 3, 20), date(2025, 7, 1)]),
    )
    assert rows == [
        ("T-PEP-REVIEW", date(2025, 3, 20), date(2025, 6, 20), date(2025, 7, 1), "met_late"),
        ("T-PEP-REVIEW", date(2025, 7, 1), date(2025, 10, 1), None, "pending"),
    ]
