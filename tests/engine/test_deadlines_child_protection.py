"""Child protection clocks: the initial conference, core groups, review conferences and visits,
including recurring chains over several cycles and chains that end with the plan."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import evaluate_deadlines
from sightline.standards.calendar import default_calendar

MON_3_MAR = date(2025, 3, 3)
CAL = default_calendar()


def plan(start=MON_3_MAR, end=None, plan_id=1):
    return {"plan_id": plan_id, "child_id": 7, "start_date": start, "end_date": end}


def visit(visit_id, day, *, seen=True, kind="CP"):
    return {"visit_id": visit_id, "child_id": 7, "date": day, "kind": kind, "child_seen": seen}


# --- T-ICPC ---------------------------------------------------------------------------------

STRATEGY = {"strategy_id": 1, "child_id": 7, "held_on": MON_3_MAR, "decision": "S47"}
# 15 working days after Monday 3 March 2025.
ICPC_DUE = date(2025, 3, 24)


def enquiry(**fields):
    return {"s47_id": 2, "child_id": 7, "strategy_id": 1, "start_date": date(2025, 3, 4), **fields}


def initial_conference(day, s47_id=2):
    return {"conference_id": 3, "child_id": 7, "s47_id": s47_id, "kind": "INITIAL", "date": day}


def test_icpc_on_the_15th_working_day_after_the_strategy_discussion_is_met(clocks):
    rows = clocks(
        "T-ICPC",
        date(2025, 4, 1),
        strategy_discussions=[STRATEGY],
        section47_enquiries=[enquiry(icpc_required=True, end_date=date(2025, 3, 14))],
        conferences=[initial_conference(ICPC_DUE)],
    )
    assert rows == [("T-ICPC", MON_3_MAR, ICPC_DUE, ICPC_DUE, "met")]


def test_icpc_a_day_late_is_met_late(clocks):
    rows = clocks(
        "T-ICPC",
        date(2025, 4, 1),
        strategy_discussions=[STRATEGY],
        section47_enquiries=[enquiry()],
        conferences=[initial_conference(date(2025, 3, 25))],
    )
    assert rows[0][4] == "met_late"


def test_open_enquiry_without_a_conference_is_overdue_after_15_working_days(clocks):
    rows = clocks(
        "T-ICPC",
        date(2025, 3, 25),
        strategy_discussions=[STRATEGY],
        section47_enquiries=[enquiry()],
    )
    assert rows[0][3:] == (None, "overdue")


def test_enquiry_that_found_no_conference_needed_has_no_icpc_deadline(clocks):
    rows = clocks(
        "T-ICPC",
        date(2025, 4, 1),
        strategy_discussions=[STRATEGY],
        section47_enquiries=[enquiry(end_date=date(2025, 3, 14), icpc_required=False)],
    )
    assert rows == []


def test_enquiry_that_ended_without_saying_and_held_no_conference_has_no_deadline(clocks):
    rows = clocks(
        "T-ICPC",
        date(2025, 4, 1),
        strategy_discussions=[STRATEGY],
        section47_enquiries=[enquiry(end_date=date(2025, 3, 14))],
    )
    assert rows == []


def test_an_unlinked_initial_conference_for_the_child_meets_the_clock(clocks):
    rows = clocks(
        "T-ICPC",
        date(2025, 4, 1),
        strategy_discussions=[STRATEGY],
        section47_enquiries=[enquiry()],
        conferences=[initial_conference(date(2025, 3, 20), s47_id=None)],
    )
    assert rows[0][3:] == (date(2025, 3, 20), "met")


def test_without_a_strategy_discussion_the_enquiry_start_starts_the_clock(clocks):
    rows = clocks("T-ICPC", date(2025, 3, 5), section47_enquiries=[enquiry(strategy_id=None)])
    assert rows[0][1] == date(2025, 3, 4)


# --- Core groups ----------------------------------------------------------------------------


def core_group(core_group_id, day):
    return {"core_group_id": core_group_id, "plan_id": 1, "child_id": 7, "date": day}


CORE_GROUPS = [
    core_group(1, date(2025, 3, 14)),
    core_group(2, date(2025, 4, 25)),
    core_group(3, date(2025, 6, 13)),
]


def test_core_groups_chain_from_the_plan_start_over_several_cycles(clocks):
    # First within 10 working days of the ICPC (Monday 17 March), then every 6 weeks from
    # the previous one; the third comes a week late and the fourth is not held.
    rows = clocks(
        ["T-CORE-GROUP-1", "T-CORE-GROUP"],
        date(2025, 8, 1),
        cp_plans=[plan()],
        core_groups=CORE_GROUPS,
    )
    assert rows == [
        ("T-CORE-GROUP-1", MON_3_MAR, date(2025, 3, 17), date(2025, 3, 14), "met"),
        ("T-CORE-GROUP", date(2025, 3, 14), date(2025, 4, 25), date(2025, 4, 25), "met"),
        ("T-CORE-GROUP", date(2025, 4, 25), date(2025, 6, 6), date(2025, 6, 13), "met_late"),
        ("T-CORE-GROUP", date(2025, 6, 13), date(2025, 7, 25), None, "overdue"),
    ]


def test_core_group_chain_stops_when_the_plan_ends_before_the_next_is_due(clocks):
    rows = clocks(
        ["T-CORE-GROUP-1", "T-CORE-GROUP"],
        date(2025, 8, 1),
        cp_plans=[plan(end=date(2025, 6, 30))],
        core_groups=CORE_GROUPS,
    )
    assert [row[1] for row in rows] == [MON_3_MAR, date(2025, 3, 14), date(2025, 4, 25)]


def test_a_missed_core_group_stops_counting_working_days_when_the_plan_ends(evaluate):
    # Due Friday 25 July, plan ended Friday 1 August: 28-31 July and 1 August.
    frame = evaluate(
        date(2025, 9, 1),
        rules="T-CORE-GROUP",
        cp_plans=[plan(end=date(2025, 8, 1))],
        core_groups=CORE_GROUPS,
    )
    assert frame.select("due", "status", "working_days_overdue", "context_end").rows()[-1] == (
        date(2025, 7, 25),
        "overdue",
        5,
        date(2025, 8, 1),
    )


def test_a_core_group_after_the_plan_ended_does_not_count(clocks):
    rows = clocks(
        "T-CORE-GROUP-1",
        date(2025, 4, 1),
        cp_plans=[plan(end=date(2025, 3, 20))],
        core_groups=[core_group(1, date(2025, 3, 21))],
    )
    assert rows == [("T-CORE-GROUP-1", MON_3_MAR, date(2025, 3, 17), None, "overdue")]


def test_plan_ending_before_the_first_core_group_is_due_has_no_deadline(clocks):
    rows = clocks("T-CORE-GROUP-1", date(2025, 4, 1), cp_plans=[plan(end=date(2025, 3, 10))])
    assert rows == []


# --- Review conferences ---------------------------------------------------------------------


def review(conference_id, day):
    return {
        "conference_id": conference_id,
        "child_id": 7,
        "plan_id": 1,
        "kind": "REVIEW",
        "date": day,
    }


def test_review_conferences_at_three_months_then_every_six_months(clocks):
    rows = clocks(
        ["T-RCPC-1", "T-RCPC"],
        date(2026, 1, 5),
        cp_plans=[plan()],
        conferences=[review(1, date(2025, 6, 2)), review(2, date(2025, 12, 9))],
    )
    assert rows == [
        ("T-RCPC-1", MON_3_MAR, date(2025, 6, 3), date(2025, 6, 2), "met"),
        ("T-RCPC", date(2025, 6, 2), date(2025, 12, 2), date(2025, 12, 9), "met_late"),
        ("T-RCPC", date(2025, 12, 9), date(2026, 6, 9), None, "pending"),
    ]


def test_initial_conferences_do_not_count_as_reviews(clocks):
    rows = clocks(
        "T-RCPC-1",
        date(2025, 6, 4),
        cp_plans=[plan()],
        conferences=[
            {"conference_id": 1, "child_id": 7, "kind": "INITIAL", "date": date(2025, 4, 1)}
        ],
    )
    assert rows[0][3:] == (None, "overdue")


# --- T-CP-VISIT -----------------------------------------------------------------------------


def test_cp_visits_chain_from_the_plan_start_over_several_cycles(clocks):
    # 10 working days: 3 March -> 17 March; 14 March -> 28 March; 1 April -> 15 April.
    rows = clocks(
        "T-CP-VISIT",
        date(2025, 4, 16),
        cp_plans=[plan()],
        visits=[visit(1, date(2025, 3, 14)), visit(2, date(2025, 4, 1))],
    )
    assert rows == [
        ("T-CP-VISIT", MON_3_MAR, date(2025, 3, 17), date(2025, 3, 14), "met"),
        ("T-CP-VISIT", date(2025, 3, 14), date(2025, 3, 28), date(2025, 4, 1), "met_late"),
        ("T-CP-VISIT", date(2025, 4, 1), date(2025, 4, 15), None, "overdue"),
    ]


def test_cp_visit_chain_ends_with_the_plan(clocks):
    rows = clocks(
        "T-CP-VISIT",
        date(2025, 5, 1),
        cp_plans=[plan(end=date(2025, 4, 10))],
        visits=[visit(1, date(2025, 3, 14)), visit(2, date(2025, 4, 1))],
    )
    assert [row[1] for row in rows] == [MON_3_MAR, date(2025, 3, 14)]


def test_a_visit_where_the_child_was_not_seen_does_not_meet_a_cp_visit(clocks):
    rows = clocks(
        "T-CP-VISIT",
        date(2025, 3, 18),
        cp_plans=[plan()],
        visits=[visit(1, date(2025, 3, 14), seen=False)],
    )
    assert rows == [("T-CP-VISIT", MON_3_MAR, date(2025, 3, 17), None, "overdue")]


def test_a_looked_after_visit_with_the_child_seen_meets_a_cp_visit(clocks):
    rows = clocks(
        "T-CP-VISIT",
        date(2025, 3, 18),
        cp_plans=[plan()],
        visits=[visit(1, date(2025, 3, 14), kind="LAC")],
    )
    assert rows[0][3:] == (date(2025, 3, 14), "met")


def test_an_iro_contact_does_not_meet_a_cp_visit(clocks):
    rows = clocks(
        "T-CP-VISIT",
        date(2025, 3, 18),
        cp_plans=[plan()],
        visits=[visit(1, date(2025, 3, 14), kind="IRO")],
    )
    assert rows[0][3] is None


def test_a_visit_on_the_day_the_plan_starts_meets_the_first_clock(clocks):
    rows = clocks("T-CP-VISIT", date(2025, 3, 4), cp_plans=[plan()], visits=[visit(1, MON_3_MAR)])
    assert rows == [
        ("T-CP-VISIT", MON_3_MAR, date(2025, 3, 17), MON_3_MAR, "met"),
        ("T-CP-VISIT", MON_3_MAR, date(2025, 3, 17), None, "pending"),
    ]


def test_two_visits_on_one_day_count_once(evaluate):
    frame = evaluate(
        date(2025, 3, 18),
        rules="T-CP-VISIT",
        cp_plans=[plan()],
        visits=[visit(5, date(2025, 3, 14)), visit(4, date(2025, 3, 14))],
    )
    assert frame.select("clock_start", "met_by_id").rows() == [
        (MON_3_MAR, 4),
        (date(2025, 3, 14), None),
    ]


def test_each_cp_plan_has_its_own_chain(clocks):
    rows = clocks(
        "T-CP-VISIT",
        date(2025, 3, 18),
        cp_plans=[plan(start=date(2024, 1, 8), end=date(2024, 6, 3), plan_id=1), plan(plan_id=2)],
        visits=[visit(1, date(2024, 1, 10)), visit(2, date(2025, 3, 14))],
    )
    assert [(row[1], row[3]) for row in rows] == [
        (date(2024, 1, 8), date(2024, 1, 10)),
        (date(2024, 1, 10), None),
        (MON_3_MAR, date(2025, 3, 14)),
        (date(2025, 3, 14), None),
    ]


@settings(deadline=None, max_examples=60)
@given(
    offsets=st.lists(st.integers(0, 200), max_size=12),
    plan_days=st.one_of(st.none(), st.integers(0, 220)),
)
def test_cp_visit_chain_matches_a_step_by_step_reading_of_the_rule(offsets, plan_days):
    """Each visit in the plan meets the open clock and starts the next; the last clock stays
    open unless the plan ended before it fell due."""
    start = date(2025, 1, 6)
    end = None if plan_days is None else date.fromordinal(start.toordinal() + plan_days)
    days = [date.fromordinal(start.toordinal() + offset) for offset in offsets]
    dataset = Dataset.from_frames(
        cp_plans=[plan(start=start, end=end)],
        visits=[visit(i + 1, day) for i, day in enumerate(days)],
    )
    frame = evaluate_deadlines(dataset, date(2026, 1, 1), rule_ids=["T-CP-VISIT"])
    anchors = [start, *sorted({d for d in days if end is None or d <= end})]
    expected = []
    for i, anchor in enumerate(anchors):
        met = anchors[i + 1] if i + 1 < len(anchors) else None
        due = CAL.add_working_days(anchor, 10)
        if met is None and end is not None and end < due:
            continue
        expected.append((anchor, due, met))
    assert frame.select("clock_start", "due", "met_on").rows() == expected
