"""Looked-after clocks: reviews, the permanence plan ("by the second review"), statutory
visits by placement, return home interviews and care proceedings."""

from datetime import date

MON_3_MAR = date(2025, 3, 3)
FIRST_REVIEW_DUE = date(2025, 3, 31)  # 20 working days after 3 March 2025


def episode(episode_id, start, end=None, *, reason="S", legal="C2", placement="U6", ceased=None):
    return {
        "episode_id": episode_id,
        "child_id": 7,
        "start_date": start,
        "end_date": end,
        "reason_new_episode": reason,
        "legal_status": legal,
        "placement_type": placement,
        "reason_ceased": ceased or ("E4A" if end else None),
    }


def review(review_id, day):
    return {"review_id": review_id, "child_id": 7, "date": day}


def visit(visit_id, day, *, kind="LAC", seen=True):
    return {"visit_id": visit_id, "child_id": 7, "date": day, "kind": kind, "child_seen": seen}


REVIEWS = ["T-LAC-REVIEW-1", "T-LAC-REVIEW-2", "T-LAC-REVIEW"]

# --- Reviews --------------------------------------------------------------------------------


def test_reviews_at_20_working_days_then_3_months_then_every_6_months(clocks):
    rows = clocks(
        REVIEWS,
        date(2026, 1, 2),
        lac_episodes=[episode(1, MON_3_MAR)],
        lac_reviews=[review(1, date(2025, 3, 28)), review(2, date(2025, 6, 30))],
    )
    assert rows == [
        ("T-LAC-REVIEW-1", MON_3_MAR, FIRST_REVIEW_DUE, date(2025, 3, 28), "met"),
        ("T-LAC-REVIEW-2", date(2025, 3, 28), date(2025, 6, 28), date(2025, 6, 30), "met_late"),
        ("T-LAC-REVIEW", date(2025, 6, 30), date(2025, 12, 30), None, "overdue"),
    ]


def test_first_review_not_held_is_overdue(clocks):
    rows = clocks(REVIEWS, date(2025, 4, 1), lac_episodes=[episode(1, MON_3_MAR)])
    assert rows == [("T-LAC-REVIEW-1", MON_3_MAR, FIRST_REVIEW_DUE, None, "overdue")]


def test_child_who_ceased_care_before_the_first_review_was_due_needs_none(clocks):
    rows = clocks(
        REVIEWS, date(2025, 4, 1), lac_episodes=[episode(1, MON_3_MAR, date(2025, 3, 20))]
    )
    assert rows == []


def test_a_change_of_placement_does_not_restart_the_review_clock(clocks):
    rows = clocks(
        REVIEWS,
        date(2025, 4, 1),
        lac_episodes=[
            episode(1, MON_3_MAR, date(2025, 3, 14), ceased="X1"),
            episode(2, date(2025, 3, 14), reason="P"),
        ],
    )
    assert rows == [("T-LAC-REVIEW-1", MON_3_MAR, FIRST_REVIEW_DUE, None, "overdue")]


def test_a_new_period_of_care_starts_its_reviews_afresh(evaluate):
    frame = evaluate(
        date(2025, 4, 1),
        rules=REVIEWS,
        lac_episodes=[
            episode(1, date(2024, 6, 3), date(2024, 9, 2)),
            episode(2, MON_3_MAR),
        ],
        lac_reviews=[review(1, date(2024, 6, 28))],
    )
    assert frame.select("record_id", "rule_id", "clock_start", "status").rows() == [
        (1, "T-LAC-REVIEW-1", date(2024, 6, 3), "met"),
        (2, "T-LAC-REVIEW-1", MON_3_MAR, "overdue"),
    ]


def test_short_break_care_has_only_the_short_break_review_clock(evaluate):
    frame = evaluate(date(2025, 6, 2), lac_episodes=[episode(1, MON_3_MAR, legal="V3")])
    lac = frame.filter(frame["record_type"] == "lac_episodes")
    # Reg 48: the first review within 3 months of the first break (3 June), nothing else.
    assert lac.select("rule_id", "clock_start", "due").rows() == [
        ("T-SHORT-BREAK-REVIEW", MON_3_MAR, date(2025, 6, 3))
    ]


# --- Permanence plan ------------------------------------------------------------------------


def permanence(day):
    return {"permanence_id": 5, "child_id": 7, "recorded_on": day, "plan": "RETURN_HOME"}


def test_permanence_plan_before_the_second_review_is_met_and_due_on_that_review(clocks):
    rows = clocks(
        "T-PERMANENCE-PLAN",
        date(2025, 7, 1),
        lac_episodes=[episode(1, MON_3_MAR)],
        lac_reviews=[review(1, date(2025, 3, 28)), review(2, date(2025, 6, 20))],
        permanence_plans=[permanence(date(2025, 6, 15))],
    )
    assert rows == [("T-PERMANENCE-PLAN", MON_3_MAR, date(2025, 6, 20), date(2025, 6, 15), "met")]


def test_permanence_plan_after_the_second_review_is_met_late(clocks):
    rows = clocks(
        "T-PERMANENCE-PLAN",
        date(2025, 7, 1),
        lac_episodes=[episode(1, MON_3_MAR)],
        lac_reviews=[review(1, date(2025, 3, 28)), review(2, date(2025, 6, 20))],
        permanence_plans=[permanence(date(2025, 6, 25))],
    )
    assert rows[0][2:] == (date(2025, 6, 20), date(2025, 6, 25), "met_late")


def test_before_the_second_review_the_plan_is_due_three_months_after_the_first(clocks):
    rows = clocks(
        "T-PERMANENCE-PLAN",
        date(2025, 5, 1),
        lac_episodes=[episode(1, MON_3_MAR)],
        lac_reviews=[review(1, date(2025, 3, 28))],
    )
    assert rows == [("T-PERMANENCE-PLAN", MON_3_MAR, date(2025, 6, 28), None, "pending")]


def test_before_the_first_review_the_plan_is_due_three_months_after_it_is_due(clocks):
    # First review due 31 March; the second three months later, clamped to 30 June.
    rows = clocks("T-PERMANENCE-PLAN", date(2025, 3, 10), lac_episodes=[episode(1, MON_3_MAR)])
    assert rows[0][2] == date(2025, 6, 30)


def test_second_review_held_late_moves_the_permanence_deadline_with_it(clocks):
    rows = clocks(
        "T-PERMANENCE-PLAN",
        date(2025, 8, 1),
        lac_episodes=[episode(1, MON_3_MAR)],
        lac_reviews=[review(1, date(2025, 3, 28)), review(2, date(2025, 7, 15))],
        permanence_plans=[permanence(date(2025, 7, 10))],
    )
    assert rows[0][2:] == (date(2025, 7, 15), date(2025, 7, 10), "met")


def test_child_who_ceased_care_before_the_second_review_needs_no_permanence_plan(clocks):
    rows = clocks(
        "T-PERMANENCE-PLAN",
        date(2025, 8, 1),
        lac_episodes=[episode(1, MON_3_MAR, date(2025, 5, 1))],
        lac_reviews=[review(1, date(2025, 3, 28))],
    )
    assert rows == []


# --- Visits ---------------------------------------------------------------------------------


def test_visit_within_a_week_of_placement_then_every_six_weeks(clocks):
    rows = clocks(
        ["T-LAC-VISIT-PLACEMENT", "T-LAC-VISIT"],
        date(2025, 4, 22),
        lac_episodes=[episode(1, MON_3_MAR)],
        visits=[visit(1, date(2025, 3, 7)), visit(2, date(2025, 4, 18))],
    )
    assert rows == [
        ("T-LAC-VISIT-PLACEMENT", MON_3_MAR, date(2025, 3, 10), date(2025, 3, 7), "met"),
        ("T-LAC-VISIT", date(2025, 3, 7), date(2025, 4, 18), date(2025, 4, 18), "met"),
        ("T-LAC-VISIT", date(2025, 4, 18), date(2025, 5, 30), None, "pending"),
    ]


def test_first_placement_visit_not_made_within_a_week_is_overdue(clocks):
    rows = clocks("T-LAC-VISIT-PLACEMENT", date(2025, 3, 11), lac_episodes=[episode(1, MON_3_MAR)])
    assert rows == [("T-LAC-VISIT-PLACEMENT", MON_3_MAR, date(2025, 3, 10), None, "overdue")]


def test_long_term_placement_is_visited_every_three_months_after_its_first_year(clocks):
    rows = clocks(
        ["T-LAC-VISIT-PLACEMENT", "T-LAC-VISIT", "T-LAC-VISIT-LONG-TERM"],
        date(2026, 3, 10),
        lac_episodes=[episode(1, MON_3_MAR, placement="U4")],
        visits=[
            visit(1, date(2025, 3, 7)),
            visit(2, date(2026, 2, 20)),
            visit(3, date(2026, 3, 5)),
        ],
    )
    assert rows == [
        ("T-LAC-VISIT-PLACEMENT", MON_3_MAR, date(2025, 3, 10), date(2025, 3, 7), "met"),
        ("T-LAC-VISIT", date(2025, 3, 7), date(2025, 4, 18), date(2026, 2, 20), "met_late"),
        ("T-LAC-VISIT", date(2026, 2, 20), date(2026, 4, 3), date(2026, 3, 5), "met"),
        ("T-LAC-VISIT-LONG-TERM", date(2026, 3, 5), date(2026, 6, 5), None, "pending"),
    ]


def test_child_at_home_on_an_interim_care_order_is_visited_weekly_then_every_four_weeks(clocks):
    rows = clocks(
        ["T-LAC-VISIT-PLACEMENT", "T-LAC-VISIT-PARENT"],
        date(2025, 4, 1),
        lac_episodes=[episode(1, MON_3_MAR, legal="C1", placement="P1")],
        lac_reviews=[review(1, date(2025, 3, 28))],
        visits=[visit(i, day) for i, day in enumerate([date(2025, 3, d) for d in (7, 14, 21, 28)])],
    )
    assert rows == [
        ("T-LAC-VISIT-PLACEMENT", MON_3_MAR, date(2025, 3, 10), date(2025, 3, 7), "met"),
        ("T-LAC-VISIT-PARENT", date(2025, 3, 7), date(2025, 3, 14), date(2025, 3, 14), "met"),
        ("T-LAC-VISIT-PARENT", date(2025, 3, 14), date(2025, 3, 21), date(2025, 3, 21), "met"),
        ("T-LAC-VISIT-PARENT", date(2025, 3, 21), date(2025, 3, 28), date(2025, 3, 28), "met"),
        ("T-LAC-VISIT-PARENT", date(2025, 3, 28), date(2025, 4, 25), None, "pending"),
    ]


def test_child_placed_with_a_parent_before_assessment_is_visited_every_six_weeks_after_review(
    clocks,
):
    rows = clocks(
        "T-LAC-VISIT-PARENT",
        date(2025, 4, 1),
        lac_episodes=[episode(1, MON_3_MAR, legal="V2", placement="P1")],
        lac_reviews=[review(1, date(2025, 3, 28))],
        visits=[visit(1, date(2025, 3, 7)), visit(2, date(2025, 3, 28))],
    )
    assert rows[-1] == ("T-LAC-VISIT-PARENT", date(2025, 3, 28), date(2025, 5, 9), None, "pending")


def test_child_at_home_on_a_full_care_order_has_ordinary_six_weekly_visits(clocks):
    rows = clocks(
        ["T-LAC-VISIT", "T-LAC-VISIT-PARENT"],
        date(2025, 3, 10),
        lac_episodes=[episode(1, MON_3_MAR, legal="C2", placement="P1")],
        visits=[visit(1, date(2025, 3, 7))],
    )
    assert rows == [("T-LAC-VISIT", date(2025, 3, 7), date(2025, 4, 18), None, "pending")]


def test_a_move_ends_the_old_placements_chain_and_starts_a_new_weekly_clock(clocks):
    rows = clocks(
        ["T-LAC-VISIT-PLACEMENT", "T-LAC-VISIT"],
        date(2025, 4, 2),
        lac_episodes=[
            episode(1, MON_3_MAR, date(2025, 4, 1), ceased="X1"),
            episode(2, date(2025, 4, 1), reason="P"),
        ],
        visits=[visit(1, date(2025, 3, 7))],
    )
    assert rows == [
        ("T-LAC-VISIT-PLACEMENT", MON_3_MAR, date(2025, 3, 10), date(2025, 3, 7), "met"),
        ("T-LAC-VISIT-PLACEMENT", date(2025, 4, 1), date(2025, 4, 8), None, "due_soon"),
    ]


def test_a_change_of_legal_status_alone_is_not_a_new_placement(clocks):
    rows = clocks(
        "T-LAC-VISIT-PLACEMENT",
        date(2025, 4, 2),
        lac_episodes=[
            episode(1, MON_3_MAR, date(2025, 4, 1), legal="C1", ceased="X1"),
            episode(2, date(2025, 4, 1), reason="L", legal="C2"),
        ],
        visits=[visit(1, date(2025, 3, 7))],
    )
    assert [row[1] for row in rows] == [MON_3_MAR]


# --- Return home interviews -----------------------------------------------------------------


def missing(end, offered=None, kind="M"):
    return {
        "missing_id": 3,
        "child_id": 7,
        "kind": kind,
        "start_date": date(2025, 3, 6),
        "end_date": end,
        "return_interview_offered_on": offered,
    }


def test_return_interview_offered_within_72_hours_is_met_counting_the_weekend(clocks):
    rows = clocks(
        "T-RHI", date(2025, 3, 12), missing_episodes=[missing(date(2025, 3, 7), date(2025, 3, 10))]
    )
    assert rows == [("T-RHI", date(2025, 3, 7), date(2025, 3, 10), date(2025, 3, 10), "met")]


def test_return_interview_offered_after_72_hours_is_met_late(clocks):
    rows = clocks(
        "T-RHI", date(2025, 3, 12), missing_episodes=[missing(date(2025, 3, 7), date(2025, 3, 11))]
    )
    assert rows[0][4] == "met_late"


def test_return_interview_not_offered_is_overdue(clocks):
    rows = clocks("T-RHI", date(2025, 3, 11), missing_episodes=[missing(date(2025, 3, 7))])
    assert rows[0][4] == "overdue"


def test_child_still_missing_has_no_return_interview_deadline(clocks):
    assert clocks("T-RHI", date(2025, 3, 11), missing_episodes=[missing(None)]) == []


def test_child_away_without_authorisation_needs_no_return_interview(clocks):
    rows = clocks(
        "T-RHI", date(2025, 3, 11), missing_episodes=[missing(date(2025, 3, 7), kind="A")]
    )
    assert rows == []


# --- Care proceedings -----------------------------------------------------------------------


def proceedings(final_order_on=None, extension_weeks=0):
    return {
        "proceedings_id": 8,
        "child_id": 7,
        "issued_on": MON_3_MAR,
        "final_order_on": final_order_on,
        "extension_weeks": extension_weeks,
    }


def test_final_order_on_the_last_day_of_26_weeks_beginning_with_the_issue_day_is_met(clocks):
    # Issued Monday 3 March 2025, the first of the 26 weeks (s32(1)(a)(ii)): the last day is
    # Sunday 31 August, the day before the 26-week anniversary.
    rows = clocks(
        "T-PROCEEDINGS", date(2025, 9, 2), care_proceedings=[proceedings(date(2025, 8, 31))]
    )
    assert rows == [("T-PROCEEDINGS", MON_3_MAR, date(2025, 8, 31), date(2025, 8, 31), "met")]


def test_final_order_on_the_26_week_anniversary_is_a_day_late(clocks):
    rows = clocks(
        "T-PROCEEDINGS", date(2025, 9, 2), care_proceedings=[proceedings(date(2025, 9, 1))]
    )
    assert rows == [("T-PROCEEDINGS", MON_3_MAR, date(2025, 8, 31), date(2025, 9, 1), "met_late")]


def test_proceedings_without_a_final_order_after_26_weeks_are_overdue(clocks):
    assert clocks("T-PROCEEDINGS", date(2025, 9, 2), care_proceedings=[proceedings()])[0][4] == (
        "overdue"
    )


def test_an_extension_does_not_move_the_26_week_clock(clocks):
    # An 8-week extension (s32(5)) is shown beside the clock; the final order on 20 October,
    # inside the extension, is still 50 days after the 26 weeks ended on 31 August.
    rows = clocks(
        "T-PROCEEDINGS",
        date(2025, 11, 3),
        care_proceedings=[proceedings(date(2025, 10, 20), extension_weeks=8)],
    )
    assert rows[0][2:] == (date(2025, 8, 31), date(2025, 10, 20), "met_late")


# --- Pre-proceedings ------------------------------------------------------------------------


def pre_proceedings(**fields):
    return {
        "pre_proceedings_id": 6,
        "child_id": 7,
        "start_date": date(2025, 2, 24),
        "initial_meeting_on": MON_3_MAR,
        **fields,
    }


def test_pre_proceedings_review_within_6_weeks_and_decision_within_16(clocks):
    rows = clocks(
        "T-PRE-PROCEEDINGS-REVIEW",
        date(2025, 7, 1),
        pre_proceedings=[
            pre_proceedings(
                first_review_meeting_on=date(2025, 4, 10), decision_on=date(2025, 6, 24)
            )
        ],
    )
    # From the first meeting on Monday 3 March: 6 weeks is 14 April, 16 weeks 23 June.
    assert rows == [
        ("T-PRE-PROCEEDINGS-REVIEW", MON_3_MAR, date(2025, 4, 14), date(2025, 4, 10), "met"),
        ("T-PRE-PROCEEDINGS-REVIEW", MON_3_MAR, date(2025, 6, 23), date(2025, 6, 24), "met_late"),
    ]


def test_pre_proceedings_before_the_first_meeting_have_no_clocks(clocks):
    rows = clocks(
        "T-PRE-PROCEEDINGS-REVIEW",
        date(2025, 7, 1),
        pre_proceedings=[pre_proceedings(initial_meeting_on=None)],
    )
    assert rows == []


def test_a_council_can_set_its_own_pre_proceedings_decision_standard(clocks):
    rows = clocks(
        "T-PRE-PROCEEDINGS-REVIEW",
        date(2025, 4, 1),
        overrides="T-PRE-PROCEEDINGS-REVIEW.decision=12W",
        pre_proceedings=[pre_proceedings()],
    )
    assert [row[2] for row in rows] == [date(2025, 4, 14), date(2025, 5, 26)]
