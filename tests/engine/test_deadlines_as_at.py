"""One small council evaluated at two dates, against results worked out by hand.

Five children: a front-door child (contact, referral, assessment), a child on a CP plan, two on
CIN plans (one of which ends between the dates) and a looked-after child. Between the two
as-at dates an assessment is authorised, visits happen, a plan ends and workers change; none of
that may show in the earlier evaluation.
"""

from datetime import date, datetime

import pytest

from sightline.engine.as_at import as_known_at
from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import evaluate_deadlines
from sightline.standards.calendar import UK_TIMEZONE

FIRST, SECOND = date(2025, 3, 10), date(2025, 4, 1)  # a Monday and a Tuesday
RULES = [
    "T-CONTACT-DECISION",
    "T-REFERRAL-DECISION",
    "T-ASSESSMENT",
    "T-CORE-GROUP-1",
    "T-CORE-GROUP",
    "T-CP-VISIT",
    "T-CIN-VISIT",
    "T-LAC-REVIEW-1",
    "T-LAC-REVIEW-2",
    "T-LAC-VISIT-PLACEMENT",
    "T-LAC-VISIT",
    "T-IHA",
]


def d(month, day):
    return date(2025, month, day)


def at(month, day, hour):
    return datetime(2025, month, day, hour, tzinfo=UK_TIMEZONE)


def visit(visit_id, child_id, day, kind):
    return {
        "visit_id": visit_id,
        "child_id": child_id,
        "date": day,
        "kind": kind,
        "child_seen": True,
    }


def allocation(allocation_id, child_id, worker_id, team_id, start, end=None):
    return {
        "allocation_id": allocation_id,
        "child_id": child_id,
        "worker_id": worker_id,
        "team_id": team_id,
        "start_date": start,
        "end_date": end,
    }


DATASET = Dataset.from_frames(
    contacts=[
        {
            "contact_id": 1,
            "child_id": 1,
            "received_at": at(3, 3, 10),
            "decided_at": at(3, 4, 11),
            "decision": "REFERRAL",
        }
    ],
    referrals=[
        {
            "referral_id": 1,
            "child_id": 1,
            "contact_id": 1,
            "referral_date": d(3, 4),
            "decided_on": d(3, 6),
        }
    ],
    assessments=[
        {
            "assessment_id": 1,
            "referral_id": 1,
            "child_id": 1,
            "start_date": d(3, 5),
            "authorised_on": d(3, 20),
        }
    ],
    cp_plans=[{"plan_id": 2, "child_id": 2, "start_date": d(2, 3)}],
    core_groups=[{"core_group_id": 1, "plan_id": 2, "child_id": 2, "date": d(2, 14)}],
    cin_plans=[
        {"plan_id": 3, "child_id": 3, "start_date": d(2, 3)},
        {"plan_id": 5, "child_id": 5, "start_date": d(2, 3), "end_date": d(3, 25)},
    ],
    lac_episodes=[
        {
            "episode_id": 4,
            "child_id": 4,
            "start_date": d(2, 3),
            "reason_new_episode": "S",
            "legal_status": "C2",
            "placement_type": "U6",
        }
    ],
    lac_reviews=[{"review_id": 1, "child_id": 4, "date": d(2, 28)}],
    health_assessments=[
        {"health_assessment_id": 1, "child_id": 4, "date": d(3, 10), "kind": "INITIAL"}
    ],
    visits=[
        visit(1, 2, d(2, 14), "CP"),
        visit(2, 2, d(2, 27), "CP"),
        visit(3, 2, d(3, 20), "CP"),
        visit(4, 3, d(2, 28), "CIN"),
        visit(5, 3, d(3, 31), "CIN"),
        visit(6, 5, d(2, 28), "CIN"),
        visit(7, 4, d(2, 7), "LAC"),
        visit(8, 4, d(3, 21), "LAC"),
    ],
    allocations=[
        allocation(1, 1, 23, 7, d(3, 12)),
        allocation(2, 2, 21, 5, d(2, 3)),
        allocation(3, 4, 22, 6, d(2, 3), d(3, 20)),
        allocation(4, 4, 24, 6, d(3, 21)),
    ],
)

# As at Monday 10 March; "due soon" reaches the 5th working day after, Monday 17 March.
EXPECTED_AT_FIRST = [
    # Contact Mon 3 Mar 10:00 -> due Tue 4 Mar, decided that day.
    (1, "T-CONTACT-DECISION", d(3, 3), d(3, 4), d(3, 4), "met", None),
    # Referral Tue 4 Mar -> due Wed 5 Mar, decided Thu 6 Mar.
    (1, "T-REFERRAL-DECISION", d(3, 4), d(3, 5), d(3, 6), "met_late", None),
    # 45 WD from Tue 4 Mar, skipping 18 and 21 April and 5 May: Fri 9 May. The
    # authorisation on 20 March has not happened yet; the worker arrives on 12 March.
    (1, "T-ASSESSMENT", d(3, 4), d(5, 9), None, "pending", None),
    # Plan Mon 3 Feb + 10 WD = Mon 17 Feb; core group Fri 14 Feb; next 6 weeks on: 28 Mar.
    (2, "T-CORE-GROUP-1", d(2, 3), d(2, 17), d(2, 14), "met", 21),
    (2, "T-CORE-GROUP", d(2, 14), d(3, 28), None, "pending", 21),
    # Visits 14 Feb (due 17 Feb), 27 Feb (due 14 Feb + 10 WD = 28 Feb); then 27 Feb + 10 WD
    # = Thu 13 Mar, within 5 working days of 10 March, and the 20 March visit is unknown.
    (2, "T-CP-VISIT", d(2, 3), d(2, 17), d(2, 14), "met", 21),
    (2, "T-CP-VISIT", d(2, 14), d(2, 28), d(2, 27), "met", 21),
    (2, "T-CP-VISIT", d(2, 27), d(3, 13), None, "due_soon", 21),
    # CIN plan Mon 3 Feb + 20 WD = Mon 3 Mar, visit Fri 28 Feb; 28 Feb + 20 WD = Fri 28 Mar.
    (3, "T-CIN-VISIT", d(2, 3), d(3, 3), d(2, 28), "met", None),
    (3, "T-CIN-VISIT", d(2, 28), d(3, 28), None, "pending", None),
    # Looked after Mon 3 Feb + 20 WD = Mon 3 Mar, first review Fri 28 Feb; second 3 months on.
    (4, "T-LAC-REVIEW-1", d(2, 3), d(3, 3), d(2, 28), "met", 22),
    (4, "T-LAC-REVIEW-2", d(2, 28), d(5, 28), None, "pending", 22),
    # Placement 3 Feb + 1 week = 10 Feb, visit 7 Feb; then 6 weeks: 21 Mar.
    (4, "T-LAC-VISIT-PLACEMENT", d(2, 3), d(2, 10), d(2, 7), "met", 22),
    (4, "T-LAC-VISIT", d(2, 7), d(3, 21), None, "pending", 22),
    # IHA due Mon 3 Mar, done on the as-at date itself (so known).
    (4, "T-IHA", d(2, 3), d(3, 3), d(3, 10), "met_late", 22),
    # Same CIN chain as child 3; the plan's end on 25 March is not yet known.
    (5, "T-CIN-VISIT", d(2, 3), d(3, 3), d(2, 28), "met", None),
    (5, "T-CIN-VISIT", d(2, 28), d(3, 28), None, "pending", None),
]

# As at Tuesday 1 April; "due soon" reaches Tuesday 8 April.
EXPECTED_AT_SECOND = [
    (1, "T-CONTACT-DECISION", d(3, 3), d(3, 4), d(3, 4), "met", 23),
    (1, "T-REFERRAL-DECISION", d(3, 4), d(3, 5), d(3, 6), "met_late", 23),
    (1, "T-ASSESSMENT", d(3, 4), d(5, 9), d(3, 20), "met", 23),
    (2, "T-CORE-GROUP-1", d(2, 3), d(2, 17), d(2, 14), "met", 21),
    (2, "T-CORE-GROUP", d(2, 14), d(3, 28), None, "overdue", 21),
    (2, "T-CP-VISIT", d(2, 3), d(2, 17), d(2, 14), "met", 21),
    (2, "T-CP-VISIT", d(2, 14), d(2, 28), d(2, 27), "met", 21),
    (2, "T-CP-VISIT", d(2, 27), d(3, 13), d(3, 20), "met_late", 21),
    # Thu 20 Mar + 10 WD = Thu 3 Apr.
    (2, "T-CP-VISIT", d(3, 20), d(4, 3), None, "due_soon", 21),
    (3, "T-CIN-VISIT", d(2, 3), d(3, 3), d(2, 28), "met", None),
    (3, "T-CIN-VISIT", d(2, 28), d(3, 28), d(3, 31), "met_late", None),
    # Mon 31 Mar + 20 WD, skipping Good Friday and Easter Monday = Wed 30 Apr.
    (3, "T-CIN-VISIT", d(3, 31), d(4, 30), None, "pending", None),
    (4, "T-LAC-REVIEW-1", d(2, 3), d(3, 3), d(2, 28), "met", 24),
    (4, "T-LAC-REVIEW-2", d(2, 28), d(5, 28), None, "pending", 24),
    (4, "T-LAC-VISIT-PLACEMENT", d(2, 3), d(2, 10), d(2, 7), "met", 24),
    (4, "T-LAC-VISIT", d(2, 7), d(3, 21), d(3, 21), "met", 24),
    (4, "T-LAC-VISIT", d(3, 21), d(5, 2), None, "pending", 24),
    (4, "T-IHA", d(2, 3), d(3, 3), d(3, 10), "met_late", 24),
    # The plan ended on 25 March, before the 28 March visit fell due: no longer a deadline.
    (5, "T-CIN-VISIT", d(2, 3), d(3, 3), d(2, 28), "met", None),
]


def evaluated(as_at):
    frame = evaluate_deadlines(DATASET, as_at, rule_ids=RULES)
    return frame.select(
        "child_id", "rule_id", "clock_start", "due", "met_on", "status", "worker_id"
    ).rows()


@pytest.mark.parametrize(
    ("as_at", "expected"), [(FIRST, EXPECTED_AT_FIRST), (SECOND, EXPECTED_AT_SECOND)]
)
def test_hand_built_council_gives_the_hand_worked_deadlines(as_at, expected):
    assert evaluated(as_at) == expected


def test_evaluating_the_dataset_cut_to_the_earlier_date_gives_the_same_answer():
    frame = evaluate_deadlines(as_known_at(DATASET, FIRST), FIRST, rule_ids=RULES)
    assert frame.equals(evaluate_deadlines(DATASET, FIRST, rule_ids=RULES))
