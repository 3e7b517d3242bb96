"""Care planning clocks: the care plan, placement plans, the IRO, the visit after a care order
at home, short-break reviews, and visits to a temporarily approved connected person's home."""

from datetime import date

MON_3_MAR = date(2025, 3, 3)


def episode(episode_id, start, end=None, *, reason="S", legal="C2", placement="U6", **fields):
    return {
        "episode_id": episode_id,
        "child_id": 7,
        "start_date": start,
        "end_date": end,
        "reason_new_episode": reason,
        "legal_status": legal,
        "placement_type": placement,
        "reason_ceased": "E4A" if end else None,
        **fields,
    }


def visit(visit_id, day, kind="LAC"):
    return {"visit_id": visit_id, "child_id": 7, "date": day, "kind": kind, "child_seen": True}


def review(review_id, day):
    return {"review_id": review_id, "child_id": 7, "date": day}


# --- T-CARE-PLAN ----------------------------------------------------------------------------


def test_a_care_plan_agreed_before_the_placement_meets_the_clock(clocks):
    rows = clocks(
        "T-CARE-PLAN",
        date(2025, 3, 18),
        lac_episodes=[episode(1, MON_3_MAR)],
        care_plans=[{"care_plan_id": 1, "child_id": 7, "date": date(2025, 2, 28)}],
    )
    # 10 working days from Monday 3 March: Monday 17 March.
    assert rows == [("T-CARE-PLAN", MON_3_MAR, date(2025, 3, 17), date(2025, 2, 28), "met")]


def test_a_care_plan_from_an_earlier_period_of_care_does_not_count(clocks):
    rows = clocks(
        "T-CARE-PLAN",
        date(2025, 3, 18),
        lac_episodes=[episode(1, date(2025, 1, 1), date(2025, 1, 31)), episode(2, MON_3_MAR)],
        care_plans=[{"care_plan_id": 1, "child_id": 7, "date": date(2025, 1, 5)}],
    )
    # From Wednesday 1 January (a bank holiday, still day 0): 10 working days is 15 January.
    assert rows == [
        ("T-CARE-PLAN", date(2025, 1, 1), date(2025, 1, 15), date(2025, 1, 5), "met"),
        ("T-CARE-PLAN", MON_3_MAR, date(2025, 3, 17), None, "overdue"),
    ]


# --- T-PLACEMENT-PLAN -----------------------------------------------------------------------


def test_each_placement_has_its_own_placement_plan_clock(clocks):
    rows = clocks(
        "T-PLACEMENT-PLAN",
        date(2025, 4, 15),
        lac_episodes=[
            episode(1, MON_3_MAR, date(2025, 3, 10), legal="C1"),
            episode(2, date(2025, 3, 10), date(2025, 4, 7), reason="L"),
            episode(3, date(2025, 4, 7), reason="P"),
        ],
        # Named on the legal-status episode of the first placement: that placement's plan.
        placement_plans=[
            {"placement_plan_id": 1, "child_id": 7, "episode_id": 2, "date": date(2025, 3, 12)}
        ],
    )
    # 5 working days: from 3 March, Monday 10 March; from Monday 7 April, Monday 14 April.
    assert rows == [
        ("T-PLACEMENT-PLAN", MON_3_MAR, date(2025, 3, 10), date(2025, 3, 12), "met_late"),
        ("T-PLACEMENT-PLAN", date(2025, 4, 7), date(2025, 4, 14), None, "overdue"),
    ]


# --- T-IRO-ALLOCATE -------------------------------------------------------------------------


def iro(appointed_on, ended_on=None):
    return {
        "iro_appointment_id": 1,
        "child_id": 7,
        "appointed_on": appointed_on,
        "ended_on": ended_on,
    }


def test_an_iro_still_appointed_from_before_meets_the_clock_on_day_0(clocks):
    rows = clocks(
        "T-IRO-ALLOCATE",
        date(2025, 3, 11),
        lac_episodes=[episode(1, MON_3_MAR)],
        iro_appointments=[iro(date(2025, 1, 6))],
    )
    assert rows == [("T-IRO-ALLOCATE", MON_3_MAR, date(2025, 3, 10), MON_3_MAR, "met")]


def test_an_iro_appointment_that_ended_before_care_began_does_not_count(clocks):
    rows = clocks(
        "T-IRO-ALLOCATE",
        date(2025, 3, 11),
        lac_episodes=[episode(1, MON_3_MAR)],
        iro_appointments=[iro(date(2025, 1, 6), date(2025, 2, 28))],
    )
    assert rows == [("T-IRO-ALLOCATE", MON_3_MAR, date(2025, 3, 10), None, "overdue")]


# --- T-CARE-ORDER-VISIT ---------------------------------------------------------------------


def test_a_care_order_made_for_a_child_at_home_starts_a_one_week_visit_clock(clocks):
    rows = clocks(
        "T-CARE-ORDER-VISIT",
        date(2025, 10, 1),
        lac_episodes=[
            episode(1, MON_3_MAR, date(2025, 6, 2), legal="C1", placement="P1"),
            episode(2, date(2025, 6, 2), date(2025, 9, 1), reason="L", legal="C2", placement="P1"),
            # A move while the order stands is not a new order.
            episode(3, date(2025, 9, 1), reason="P", legal="C2", placement="P1"),
        ],
        visits=[visit(1, date(2025, 6, 5))],
    )
    # Order made Monday 2 June: a visit within one week, Monday 9 June.
    assert rows == [
        ("T-CARE-ORDER-VISIT", date(2025, 6, 2), date(2025, 6, 9), date(2025, 6, 5), "met")
    ]


def test_a_visit_before_the_care_order_does_not_meet_it(clocks):
    rows = clocks(
        "T-CARE-ORDER-VISIT",
        date(2025, 6, 10),
        lac_episodes=[
            episode(1, MON_3_MAR, date(2025, 6, 2), legal="C1", placement="P1"),
            episode(2, date(2025, 6, 2), reason="L", legal="C2", placement="P1"),
        ],
        visits=[visit(1, date(2025, 5, 30))],
    )
    assert rows == [("T-CARE-ORDER-VISIT", date(2025, 6, 2), date(2025, 6, 9), None, "overdue")]


# --- T-SHORT-BREAK-REVIEW -------------------------------------------------------------------


def short_break(episode_id, start, end):
    return episode(episode_id, start, end, legal="V4", placement="U6")


def test_short_breaks_are_reviewed_within_3_months_then_every_6_months(clocks):
    rows = clocks(
        "T-SHORT-BREAK-REVIEW",
        date(2025, 6, 10),
        lac_episodes=[
            short_break(1, MON_3_MAR, date(2025, 3, 5)),
            short_break(2, date(2025, 4, 7), date(2025, 4, 9)),
        ],
        lac_reviews=[review(1, date(2025, 6, 2))],
    )
    assert rows == [
        ("T-SHORT-BREAK-REVIEW", MON_3_MAR, date(2025, 6, 3), date(2025, 6, 2), "met"),
        ("T-SHORT-BREAK-REVIEW", date(2025, 6, 2), date(2025, 12, 2), None, "pending"),
    ]


def test_a_break_more_than_6_months_after_the_last_starts_a_new_series(clocks):
    rows = clocks(
        "T-SHORT-BREAK-REVIEW",
        date(2025, 12, 10),
        lac_episodes=[
            short_break(1, MON_3_MAR, date(2025, 3, 5)),
            short_break(2, date(2025, 12, 1), date(2025, 12, 3)),
        ],
        lac_reviews=[review(1, date(2025, 6, 2))],
    )
    # The first series lapsed on 5 September, before its next review fell due (2 December);
    # the new one has its first review due 3 months after 1 December.
    assert rows == [
        ("T-SHORT-BREAK-REVIEW", MON_3_MAR, date(2025, 6, 3), date(2025, 6, 2), "met"),
        ("T-SHORT-BREAK-REVIEW", date(2025, 12, 1), date(2026, 3, 1), None, "pending"),
    ]


def test_a_review_missed_before_the_series_lapsed_stays_missed_as_history(evaluate):
    frame = evaluate(
        date(2026, 1, 5),
        rules="T-SHORT-BREAK-REVIEW",
        lac_episodes=[short_break(1, MON_3_MAR, date(2025, 3, 5))],
    )
    assert frame.select("due", "status", "context_end").rows() == [
        (date(2025, 6, 3), "overdue", date(2025, 9, 5))
    ]


# --- T-LAC-VISIT-PARENT for a temporarily approved connected person -------------------------

PARENT_RULES = ["T-LAC-VISIT-PLACEMENT", "T-LAC-VISIT-PARENT", "T-LAC-VISIT"]


def test_connected_person_placement_is_visited_weekly_to_the_first_review_then_4_weekly(clocks):
    rows = clocks(
        PARENT_RULES,
        date(2025, 5, 1),
        lac_episodes=[episode(1, MON_3_MAR, placement="U3", temporary_approval_on=MON_3_MAR)],
        lac_reviews=[review(1, date(2025, 3, 28))],
        visits=[
            visit(1, date(2025, 3, 7)),
            visit(2, date(2025, 3, 14)),
            visit(3, date(2025, 3, 28)),
        ],
    )
    assert rows == [
        ("T-LAC-VISIT-PLACEMENT", MON_3_MAR, date(2025, 3, 10), date(2025, 3, 7), "met"),
        ("T-LAC-VISIT-PARENT", date(2025, 3, 7), date(2025, 3, 14), date(2025, 3, 14), "met"),
        ("T-LAC-VISIT-PARENT", date(2025, 3, 14), date(2025, 3, 21), date(2025, 3, 28), "met_late"),
        # The first review was on 28 March: from then, 4 weeks (reg 28(4)).
        ("T-LAC-VISIT-PARENT", date(2025, 3, 28), date(2025, 4, 25), None, "overdue"),
    ]


def test_after_the_16_weeks_of_temporary_approval_visits_are_six_weekly(clocks):
    rows = clocks(
        PARENT_RULES,
        date(2025, 7, 1),
        lac_episodes=[episode(1, MON_3_MAR, placement="U3", temporary_approval_on=MON_3_MAR)],
        lac_reviews=[review(1, date(2025, 3, 28))],
        visits=[
            visit(1, date(2025, 3, 7)),
            visit(2, date(2025, 6, 20)),
            visit(3, date(2025, 6, 23)),
        ],
    )
    # Approval from 3 March lasts 16 weeks, to 22 June: a clock from 20 June is 4-weekly, one
    # from 23 June the ordinary 6 weeks.
    assert rows[-2:] == [
        ("T-LAC-VISIT-PARENT", date(2025, 6, 20), date(2025, 7, 18), date(2025, 6, 23), "met"),
        ("T-LAC-VISIT", date(2025, 6, 23), date(2025, 8, 4), None, "pending"),
    ]


def test_the_same_placement_without_temporary_approval_has_ordinary_visits(clocks):
    rows = clocks(
        PARENT_RULES,
        date(2025, 3, 20),
        lac_episodes=[episode(1, MON_3_MAR, placement="U3")],
        visits=[visit(1, date(2025, 3, 7))],
    )
    assert rows[-1] == ("T-LAC-VISIT", date(2025, 3, 7), date(2025, 4, 18), None, "pending")
