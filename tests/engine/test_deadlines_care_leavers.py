"""Care leavers' clocks: the pathway plan, its reviews and personal adviser contact."""

from datetime import date

import pytest

from sightline.standards.timescales import rulebook

TURNED_16 = date(2025, 4, 1)


def leaver(eligibility="RELEVANT", eligible_from=TURNED_16):
    return {"child_id": 7, "eligibility": eligibility, "eligible_from": eligible_from}


def child(born=date(2009, 4, 1)):
    return {"child_id": 7, "date_of_birth": born}


def pathway_plan(pathway_id, day, is_review=False):
    return {"pathway_id": pathway_id, "child_id": 7, "date": day, "is_review": is_review}


def care_ended(end=date(2025, 5, 1)):
    return {
        "episode_id": 1,
        "child_id": 7,
        "start_date": date(2023, 9, 4),
        "end_date": end,
        "reason_new_episode": "S",
        "legal_status": "V2",
        "placement_type": "U6",
        "reason_ceased": "E4A" if end else None,
    }


def pa_contact(cl_contact_id, day, in_touch="YES"):
    return {"cl_contact_id": cl_contact_id, "child_id": 7, "date": day, "in_touch": in_touch}


# --- T-PATHWAY-PLAN -------------------------------------------------------------------------


def test_pathway_plan_within_three_months_of_turning_16_is_met(clocks):
    rows = clocks(
        "T-PATHWAY-PLAN",
        date(2025, 7, 2),
        children=[child()],
        care_leavers=[leaver("ELIGIBLE")],
        pathway_plans=[pathway_plan(1, date(2025, 6, 20))],
    )
    assert rows == [("T-PATHWAY-PLAN", TURNED_16, date(2025, 7, 1), date(2025, 6, 20), "met")]


def test_pathway_plan_written_before_the_16th_birthday_meets_the_clock(clocks):
    rows = clocks(
        "T-PATHWAY-PLAN",
        date(2025, 7, 2),
        children=[child()],
        care_leavers=[leaver("ELIGIBLE")],
        pathway_plans=[pathway_plan(1, date(2025, 3, 1))],
    )
    assert rows[0][3:] == (date(2025, 3, 1), "met")


def test_missing_pathway_plan_is_overdue(clocks):
    rows = clocks("T-PATHWAY-PLAN", date(2025, 7, 2), children=[child()], care_leavers=[leaver()])
    assert rows[0][4] == "overdue"


def test_the_pathway_plans_three_months_are_statutory_and_cannot_be_loosened():
    # CPPCR 2010 reg 42(1): the 3 months are the law's, not a local standard.
    with pytest.raises(ValueError, match="T-PATHWAY-PLAN"):
        rulebook("T-PATHWAY-PLAN=4M")


# --- T-PATHWAY-REVIEW -----------------------------------------------------------------------


def test_pathway_plans_are_reviewed_every_six_months(clocks):
    rows = clocks(
        "T-PATHWAY-REVIEW",
        date(2026, 1, 5),
        children=[child()],
        care_leavers=[leaver()],
        pathway_plans=[
            pathway_plan(1, date(2025, 6, 20)),
            pathway_plan(2, date(2025, 12, 10), True),
        ],
    )
    assert rows == [
        ("T-PATHWAY-REVIEW", date(2025, 6, 20), date(2025, 12, 20), date(2025, 12, 10), "met"),
        ("T-PATHWAY-REVIEW", date(2025, 12, 10), date(2026, 6, 10), None, "pending"),
    ]


# --- T-PA-CONTACT ---------------------------------------------------------------------------


def test_personal_adviser_contact_every_eight_weeks_from_leaving_care(clocks):
    rows = clocks(
        "T-PA-CONTACT",
        date(2025, 8, 21),
        children=[child()],
        care_leavers=[leaver()],
        lac_episodes=[care_ended()],
        care_leaver_contacts=[
            pa_contact(1, date(2025, 6, 20)),
            pa_contact(2, date(2025, 8, 15), "NO"),
        ],
    )
    # Left care Thursday 1 May: 8 weeks is Thursday 26 June; from the contact on Friday 20
    # June, Friday 15 August (the 15 August "not in touch" attempt does not count).
    assert rows == [
        ("T-PA-CONTACT", date(2025, 5, 1), date(2025, 6, 26), date(2025, 6, 20), "met"),
        ("T-PA-CONTACT", date(2025, 6, 20), date(2025, 8, 15), None, "overdue"),
    ]


def test_a_personal_advisers_visit_with_the_young_person_seen_counts(clocks):
    rows = clocks(
        "T-PA-CONTACT",
        date(2025, 7, 2),
        children=[child()],
        care_leavers=[leaver()],
        lac_episodes=[care_ended()],
        visits=[
            {
                "visit_id": 1,
                "child_id": 7,
                "date": date(2025, 6, 2),
                "kind": "PATHWAY",
                "child_seen": True,
            }
        ],
    )
    assert rows[0][3:] == (date(2025, 6, 2), "met")


def test_young_person_still_looked_after_has_no_personal_adviser_clock(clocks):
    rows = clocks(
        "T-PA-CONTACT",
        date(2025, 8, 21),
        children=[child()],
        care_leavers=[leaver()],
        lac_episodes=[care_ended(end=None)],
    )
    assert rows == []


def test_eligible_child_has_no_personal_adviser_contact_clock(clocks):
    rows = clocks(
        "T-PA-CONTACT", date(2025, 8, 21), children=[child()], care_leavers=[leaver("ELIGIBLE")]
    )
    assert rows == []


def test_personal_adviser_contact_falling_due_after_the_21st_birthday_is_not_required(clocks):
    rows = clocks(
        "T-PA-CONTACT",
        date(2026, 3, 2),
        children=[child(date(2005, 1, 1))],
        care_leavers=[leaver("FORMER_RELEVANT", eligible_from=date(2025, 10, 1))],
        care_leaver_contacts=[pa_contact(1, date(2025, 11, 20))],
    )
    # From 1 October, due 26 November; the next, from 20 November, would be due 15 January
    # 2026, after the 21st birthday on 1 January.
    assert rows == [
        ("T-PA-CONTACT", date(2025, 10, 1), date(2025, 11, 26), date(2025, 11, 20), "met")
    ]


def test_a_pathway_plan_with_no_date_neither_meets_nor_starts_a_clock(clocks):
    rows = clocks(
        ["T-PATHWAY-PLAN", "T-PATHWAY-REVIEW"],
        date(2025, 7, 2),
        children=[child()],
        care_leavers=[leaver()],
        pathway_plans=[pathway_plan(1, None)],
    )
    assert rows == [("T-PATHWAY-PLAN", TURNED_16, date(2025, 7, 1), None, "overdue")]


def test_a_qualifying_care_leaver_has_no_pathway_plan_clocks(clocks):
    rows = clocks(
        ["T-PATHWAY-PLAN", "T-PATHWAY-REVIEW", "T-PA-CONTACT"],
        date(2026, 7, 2),
        children=[child()],
        care_leavers=[leaver("QUALIFYING")],
        pathway_plans=[pathway_plan(1, date(2025, 6, 20))],
    )
    assert rows == []


def test_a_clock_missed_before_the_21st_birthday_stops_counting_on_it(evaluate):
    # Turned 21 on 1 July 2025 with the contact due 1 May 2025 never made: still overdue in
    # the figures, but the duty ended on the birthday, so the count of days stops there and
    # the clock is history, not work.
    frame = evaluate(
        date(2026, 6, 1),
        rules="T-PA-CONTACT",
        children=[child(date(2004, 7, 1))],
        care_leavers=[leaver("FORMER_RELEVANT", eligible_from=date(2025, 3, 1))],
    )
    (row,) = frame.select("due", "status", "context_end", "working_days_overdue").rows()
    # Eligible 1 March 2025: 8 weeks is Saturday 26 April.
    assert row[:3] == (date(2025, 4, 26), "overdue", date(2025, 7, 1))
    # 27 April to 1 July 2025: 3 working days in April, 20 in May (5 and 26 May are bank
    # holidays), 21 in June and 1 July.
    assert row[3] == 45


# --- T-NEEDS-ASSESSMENT ---------------------------------------------------------------------


def needs_assessment(day):
    return {"needs_assessment_id": 1, "child_id": 7, "date": day}


def test_needs_assessment_within_three_months_of_turning_16_is_met(clocks):
    rows = clocks(
        "T-NEEDS-ASSESSMENT",
        date(2025, 7, 2),
        children=[child()],
        care_leavers=[leaver("ELIGIBLE")],
        needs_assessments=[needs_assessment(date(2025, 6, 2))],
    )
    assert rows == [("T-NEEDS-ASSESSMENT", TURNED_16, date(2025, 7, 1), date(2025, 6, 2), "met")]


def test_a_qualifying_care_leaver_has_no_needs_assessment_clock(clocks):
    rows = clocks(
        "T-NEEDS-ASSESSMENT",
        date(2025, 7, 2),
        children=[child()],
        care_leavers=[leaver("QUALIFYING")],
    )
    assert rows == []


# --- T-PA-CONTACT to 25 ---------------------------------------------------------------------


def test_a_call_keeps_in_touch(clocks):
    rows = clocks(
        "T-PA-CONTACT",
        date(2025, 7, 2),
        children=[child()],
        care_leavers=[leaver()],
        lac_episodes=[care_ended()],
        care_leaver_contacts=[{**pa_contact(1, date(2025, 6, 2)), "kind": "CALL"}],
    )
    assert rows[0] == ("T-PA-CONTACT", date(2025, 5, 1), date(2025, 6, 26), date(2025, 6, 2), "met")


@pytest.mark.parametrize(("asked", "expected"), [(True, ["overdue"]), (False, [])])
def test_former_relevant_young_person_who_asked_for_support_keeps_the_clock_after_21(
    clocks, asked, expected
):
    # 21 on 1 January 2025; the last contact 1 December 2024, so the next is due 8 weeks
    # later, 26 January 2025: a deadline only for a young person supported to 25.
    rows = clocks(
        "T-PA-CONTACT",
        date(2025, 2, 3),
        children=[child(date(2004, 1, 1))],
        care_leavers=[
            {**leaver("FORMER_RELEVANT", eligible_from=date(2024, 11, 1)), "support_to_25": asked}
        ],
        care_leaver_contacts=[{**pa_contact(1, date(2024, 12, 1)), "kind": "CALL"}],
    )
    later = [row for row in rows if row[1] == date(2024, 12, 1)]
    assert [row[4] for row in later] == expected
    if asked:
        assert later[0][2] == date(2025, 1, 26)


# --- T-PA-VISIT -----------------------------------------------------------------------------


def accommodation(provided=date(2025, 3, 3), ended=None):
    return {
        "accommodation_id": 3,
        "child_id": 7,
        "provided_on": provided,
        "ended_on": ended,
        "section": "S23B",
    }


def pa_visit(cl_contact_id, day, kind="VISIT"):
    return {**pa_contact(cl_contact_id, day), "kind": kind}


def test_personal_adviser_visits_within_7_days_then_two_monthly(clocks):
    rows = clocks(
        "T-PA-VISIT",
        date(2025, 3, 20),
        children=[child()],
        leaving_care_accommodation=[accommodation()],
        care_leaver_contacts=[pa_visit(1, date(2025, 3, 7))],
    )
    # Provided Monday 3 March: 7 days is Monday 10 March; 2 months from 7 March, 7 May.
    assert rows == [
        ("T-PA-VISIT", date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 7), "met"),
        ("T-PA-VISIT", date(2025, 3, 7), date(2025, 5, 7), None, "pending"),
    ]


def test_a_call_or_a_meeting_elsewhere_is_not_a_visit_to_the_accommodation(clocks):
    rows = clocks(
        "T-PA-VISIT",
        date(2025, 3, 11),
        children=[child()],
        leaving_care_accommodation=[accommodation()],
        care_leaver_contacts=[
            pa_visit(1, date(2025, 3, 4), "CALL"),
            pa_visit(2, date(2025, 3, 6), "MEETING"),
        ],
    )
    assert rows == [("T-PA-VISIT", date(2025, 3, 3), date(2025, 3, 10), None, "overdue")]


def test_a_pathway_plan_review_with_no_visit_since_the_last_plan_brings_the_visit_forward(clocks):
    rows = clocks(
        "T-PA-VISIT",
        date(2025, 5, 1),
        children=[child()],
        leaving_care_accommodation=[accommodation()],
        pathway_plans=[
            pathway_plan(1, date(2025, 2, 1)),
            pathway_plan(2, date(2025, 4, 1), True),
            pathway_plan(3, date(2025, 4, 20), True),
        ],
        care_leaver_contacts=[pa_visit(1, date(2025, 3, 7)), pa_visit(2, date(2025, 4, 25))],
    )
    # The 7 March visit came before the 1 April review; nothing came between that review and
    # the next, on Sunday 20 April, so the clock from 7 March was due then, not on 7 May.
    assert rows == [
        ("T-PA-VISIT", date(2025, 3, 3), date(2025, 3, 10), date(2025, 3, 7), "met"),
        ("T-PA-VISIT", date(2025, 3, 7), date(2025, 4, 20), date(2025, 4, 25), "met_late"),
        ("T-PA-VISIT", date(2025, 4, 25), date(2025, 6, 25), None, "pending"),
    ]


def test_visits_end_when_the_accommodation_ends(clocks):
    rows = clocks(
        "T-PA-VISIT",
        date(2025, 6, 2),
        children=[child()],
        leaving_care_accommodation=[accommodation(ended=date(2025, 4, 30))],
        care_leaver_contacts=[pa_visit(1, date(2025, 3, 7))],
    )
    assert [row[1] for row in rows] == [date(2025, 3, 3)]
