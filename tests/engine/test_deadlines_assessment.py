"""Assessment clocks: completion within 45 working days of the referral, and the child seen."""

from datetime import date

MON_3_MAR, MON_10_MAR = date(2025, 3, 3), date(2025, 3, 10)
# 45 working days from Monday 3 March 2025, skipping Good Friday (18 April), Easter Monday
# (21 April) and the early May bank holiday (5 May): Thursday 8 May.
ASSESSMENT_DUE = date(2025, 5, 8)

REFERRAL = {"referral_id": 1, "child_id": 7, "referral_date": MON_3_MAR}


def assessment(**fields):
    return {"assessment_id": 4, "referral_id": 1, "child_id": 7, "start_date": MON_3_MAR, **fields}


def visit(visit_id, day, *, seen=True, kind="ASSESSMENT"):
    return {"visit_id": visit_id, "child_id": 7, "date": day, "kind": kind, "child_seen": seen}


# --- T-ASSESSMENT ---------------------------------------------------------------------------


def test_assessment_authorised_on_the_45th_working_day_is_met(clocks):
    rows = clocks(
        "T-ASSESSMENT",
        date(2025, 6, 2),
        referrals=[REFERRAL],
        assessments=[assessment(authorised_on=ASSESSMENT_DUE)],
    )
    assert rows == [("T-ASSESSMENT", MON_3_MAR, ASSESSMENT_DUE, ASSESSMENT_DUE, "met")]


def test_assessment_authorised_the_next_day_is_met_late(clocks):
    rows = clocks(
        "T-ASSESSMENT",
        date(2025, 6, 2),
        referrals=[REFERRAL],
        assessments=[assessment(authorised_on=date(2025, 5, 9))],
    )
    assert rows[0][4] == "met_late"


def test_unauthorised_assessment_is_overdue_after_45_working_days(clocks):
    rows = clocks(
        "T-ASSESSMENT", date(2025, 5, 9), referrals=[REFERRAL], assessments=[assessment()]
    )
    assert rows[0][4] == "overdue"


def test_assessment_clock_runs_from_the_referral_not_the_assessment_start(clocks):
    rows = clocks(
        "T-ASSESSMENT",
        date(2025, 3, 12),
        referrals=[REFERRAL],
        assessments=[assessment(start_date=MON_10_MAR)],
    )
    assert rows[0][1:3] == (MON_3_MAR, ASSESSMENT_DUE)


def test_assessment_without_a_referral_runs_from_its_own_start(clocks):
    rows = clocks("T-ASSESSMENT", date(2025, 3, 12), assessments=[assessment(referral_id=None)])
    assert rows[0][1] == MON_3_MAR


def test_assessment_started_after_the_as_at_date_has_no_deadline(clocks):
    rows = clocks(
        "T-ASSESSMENT",
        MON_3_MAR,
        referrals=[REFERRAL],
        assessments=[assessment(start_date=MON_10_MAR)],
    )
    assert rows == []


# --- T-ASSESSMENT-SEEN ----------------------------------------------------------------------


def test_child_seen_within_5_working_days_of_the_assessment_start_is_met(clocks):
    rows = clocks(
        "T-ASSESSMENT-SEEN",
        date(2025, 3, 12),
        assessments=[assessment(child_seen_on=date(2025, 3, 7))],
    )
    assert rows == [("T-ASSESSMENT-SEEN", MON_3_MAR, MON_10_MAR, date(2025, 3, 7), "met")]


def test_a_visit_with_the_child_seen_meets_the_assessment_clock(evaluate):
    frame = evaluate(
        date(2025, 3, 12),
        rules="T-ASSESSMENT-SEEN",
        assessments=[assessment()],
        visits=[visit(21, MON_10_MAR)],
    )
    assert frame.select("met_on", "met_by_id", "status").row(0) == (MON_10_MAR, 21, "met")


def test_child_seen_after_5_working_days_is_met_late(clocks):
    rows = clocks(
        "T-ASSESSMENT-SEEN",
        date(2025, 3, 12),
        assessments=[assessment(child_seen_on=date(2025, 3, 11))],
    )
    assert rows[0][4] == "met_late"


def test_a_visit_where_the_child_was_not_seen_does_not_count(clocks):
    rows = clocks(
        "T-ASSESSMENT-SEEN",
        date(2025, 3, 11),
        assessments=[assessment()],
        visits=[visit(21, date(2025, 3, 5), seen=False)],
    )
    assert rows[0][3:] == (None, "overdue")


def test_an_iro_contact_is_not_a_social_work_visit(clocks):
    rows = clocks(
        "T-ASSESSMENT-SEEN",
        date(2025, 3, 11),
        assessments=[assessment()],
        visits=[visit(21, date(2025, 3, 5), kind="IRO")],
    )
    assert rows[0][3] is None


def test_a_visit_after_the_assessment_was_authorised_does_not_count(clocks):
    rows = clocks(
        "T-ASSESSMENT-SEEN",
        date(2025, 3, 12),
        assessments=[assessment(authorised_on=date(2025, 3, 6))],
        visits=[visit(21, date(2025, 3, 7))],
    )
    assert rows[0][3:] == (None, "overdue")


def test_a_later_assessment_in_the_same_referral_counts_from_its_own_start(clocks):
    rows = clocks(
        "T-ASSESSMENT",
        date(2025, 6, 23),
        referrals=[{"referral_id": 1, "child_id": 7, "referral_date": date(2025, 2, 28)}],
        assessments=[
            # Recorded first but started later: the second assessment of the referral.
            assessment(assessment_id=1, start_date=date(2025, 4, 14)),
            assessment(
                assessment_id=2, start_date=date(2025, 3, 3), authorised_on=date(2025, 4, 10)
            ),
        ],
    )
    # First: 45 WD from the referral on Friday 28 February is Wednesday 7 May. Second: 45 WD
    # from Monday 14 April, skipping 18 and 21 April and 5 and 26 May, is Friday 20 June.
    assert rows == [
        ("T-ASSESSMENT", date(2025, 4, 14), date(2025, 6, 20), None, "overdue"),
        ("T-ASSESSMENT", date(2025, 2, 28), date(2025, 5, 7), date(2025, 4, 10), "met"),
    ]
