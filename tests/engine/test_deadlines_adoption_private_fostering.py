"""Clocks of children placed for adoption (reviews and visits, Adoption Agencies Regulations
2005 reg 36) and of privately fostered children (visits, regs 7-8 of the 2005 regulations)."""

from datetime import date

MON_3_MAR = date(2025, 3, 3)


def adoption(placed=MON_3_MAR, order=None):
    return {
        "adoption_id": 4,
        "child_id": 7,
        "decision_date": date(2024, 10, 1),
        "placement_order_date": date(2024, 12, 2),
        "placed_date": placed,
        "adoption_order_date": order,
    }


def review(review_id, day):
    return {"review_id": review_id, "child_id": 7, "date": day}


def visit(visit_id, day, kind="ADOPTION", seen=True):
    return {"visit_id": visit_id, "child_id": 7, "date": day, "kind": kind, "child_seen": seen}


REVIEWS = ["T-ADOPTION-REVIEW-1", "T-ADOPTION-REVIEW"]

# --- Reviews --------------------------------------------------------------------------------


def test_adoption_reviews_at_4_weeks_then_3_months_then_every_6_months(clocks):
    rows = clocks(
        REVIEWS,
        date(2025, 7, 1),
        adoptions=[adoption()],
        lac_reviews=[review(1, date(2025, 3, 28)), review(2, date(2025, 6, 20))],
    )
    # Placed Monday 3 March: 4 weeks is 31 March; 3 months from 28 March is Saturday 28
    # June; 6 months from 20 June is 20 December.
    assert rows == [
        ("T-ADOPTION-REVIEW-1", MON_3_MAR, date(2025, 3, 31), date(2025, 3, 28), "met"),
        ("T-ADOPTION-REVIEW", date(2025, 3, 28), date(2025, 6, 28), date(2025, 6, 20), "met"),
        ("T-ADOPTION-REVIEW", date(2025, 6, 20), date(2025, 12, 20), None, "pending"),
    ]


def test_the_adoption_order_ends_the_reviews(clocks):
    rows = clocks(
        REVIEWS,
        date(2025, 12, 22),
        adoptions=[adoption(order=date(2025, 9, 1))],
        lac_reviews=[review(1, date(2025, 3, 28)), review(2, date(2025, 6, 20))],
    )
    assert [row[1] for row in rows] == [MON_3_MAR, date(2025, 3, 28)]


def test_a_review_before_the_placement_does_not_count(clocks):
    rows = clocks(
        "T-ADOPTION-REVIEW-1",
        date(2025, 4, 1),
        adoptions=[adoption()],
        lac_reviews=[review(1, date(2025, 2, 20))],
    )
    assert rows == [("T-ADOPTION-REVIEW-1", MON_3_MAR, date(2025, 3, 31), None, "overdue")]


# --- Visits ---------------------------------------------------------------------------------


def test_adoption_visits_are_weekly_until_the_first_review(clocks):
    rows = clocks(
        "T-ADOPTION-VISIT",
        date(2025, 4, 1),
        adoptions=[adoption()],
        lac_reviews=[review(1, date(2025, 3, 28))],
        visits=[
            visit(1, date(2025, 3, 7)),
            visit(2, date(2025, 3, 14)),
            visit(3, date(2025, 3, 24)),
        ],
    )
    # The clock from the 24 March visit would be due 31 March, after the first review on 28
    # March, when the review sets the frequency instead.
    assert rows == [
        ("T-ADOPTION-VISIT", MON_3_MAR, date(2025, 3, 10), date(2025, 3, 7), "met"),
        ("T-ADOPTION-VISIT", date(2025, 3, 7), date(2025, 3, 14), date(2025, 3, 14), "met"),
        ("T-ADOPTION-VISIT", date(2025, 3, 14), date(2025, 3, 21), date(2025, 3, 24), "met_late"),
    ]


def test_a_visit_where_the_child_was_not_seen_does_not_meet_an_adoption_visit(clocks):
    rows = clocks(
        "T-ADOPTION-VISIT",
        date(2025, 3, 11),
        adoptions=[adoption()],
        visits=[visit(1, date(2025, 3, 7), seen=False)],
    )
    assert rows == [("T-ADOPTION-VISIT", MON_3_MAR, date(2025, 3, 10), None, "overdue")]


# --- Private fostering ----------------------------------------------------------------------

PF = ["T-PF-VISIT-1", "T-PF-VISIT"]


def arrangement(notified=MON_3_MAR, start=MON_3_MAR, end=None):
    return {
        "arrangement_id": 9,
        "child_id": 7,
        "notified_on": notified,
        "start_date": start,
        "end_date": end,
    }


def test_privately_fostered_child_is_visited_6_weekly_in_the_first_year_then_12_weekly(clocks):
    rows = clocks(
        PF,
        date(2026, 3, 4),
        private_fostering=[arrangement()],
        visits=[
            visit(1, date(2025, 3, 7), "PRIVATE_FOSTERING"),
            visit(2, date(2026, 2, 20), "PRIVATE_FOSTERING"),
            visit(3, date(2026, 3, 3), "PRIVATE_FOSTERING"),
        ],
    )
    # 7 working days from Monday 3 March: Wednesday 12 March. A clock starting before the
    # first anniversary (3 March 2026) is 6 weeks; one starting on it, 12 weeks.
    assert rows == [
        ("T-PF-VISIT-1", MON_3_MAR, date(2025, 3, 12), date(2025, 3, 7), "met"),
        ("T-PF-VISIT", date(2025, 3, 7), date(2025, 4, 18), date(2026, 2, 20), "met_late"),
        ("T-PF-VISIT", date(2026, 2, 20), date(2026, 4, 3), date(2026, 3, 3), "met"),
        ("T-PF-VISIT", date(2026, 3, 3), date(2026, 5, 26), None, "pending"),
    ]


def test_notice_of_a_proposed_arrangement_counts_from_its_start(clocks):
    rows = clocks(
        "T-PF-VISIT-1", date(2025, 3, 20), private_fostering=[arrangement(start=date(2025, 3, 10))]
    )
    # From Monday 10 March, 7 working days: Wednesday 19 March.
    assert rows == [("T-PF-VISIT-1", date(2025, 3, 10), date(2025, 3, 19), None, "overdue")]


def test_a_child_in_need_visit_with_the_child_seen_meets_a_private_fostering_visit(clocks):
    rows = clocks(
        "T-PF-VISIT-1",
        date(2025, 3, 20),
        private_fostering=[arrangement()],
        visits=[visit(1, date(2025, 3, 11), "CIN")],
    )
    assert rows == [("T-PF-VISIT-1", MON_3_MAR, date(2025, 3, 12), date(2025, 3, 11), "met")]


def test_a_private_fostering_visit_does_not_meet_a_looked_after_visit(clocks):
    rows = clocks(
        "T-LAC-VISIT-PLACEMENT",
        date(2025, 3, 11),
        lac_episodes=[
            {
                "episode_id": 1,
                "child_id": 7,
                "start_date": MON_3_MAR,
                "reason_new_episode": "S",
                "legal_status": "C2",
                "placement_type": "U6",
            }
        ],
        visits=[visit(1, date(2025, 3, 5), "PRIVATE_FOSTERING")],
    )
    assert rows == [("T-LAC-VISIT-PLACEMENT", MON_3_MAR, date(2025, 3, 10), None, "overdue")]
