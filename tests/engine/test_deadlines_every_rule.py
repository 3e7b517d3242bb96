"""Every rule in the catalogue, four ways: met on its due date, met the day after, overdue
the day after with nothing done, and a case where the rule does not apply.

Each case builds a small dataset around a clock whose start and due date are worked out by
hand in its comment; ``build(met_on)`` adds the meeting event on ``met_on`` (none if None).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import evaluate_deadlines
from sightline.standards.calendar import UK_TIMEZONE
from sightline.standards.timescales import RULES

C = 7  # the child in every case
MON = date(2025, 3, 3)


def d(year, month, day):
    return date(year, month, day)


def at(day, hour=10):
    return datetime(day.year, day.month, day.day, hour, tzinfo=UK_TIMEZONE)


def maybe(rows, met_on, make):
    return rows + ([make(met_on)] if met_on else [])


def episode(episode_id=1, start=MON, end=None, *, reason="S", legal="C2", placement="U6"):
    return {
        "episode_id": episode_id,
        "child_id": C,
        "start_date": start,
        "end_date": end,
        "reason_new_episode": reason,
        "legal_status": legal,
        "placement_type": placement,
        "reason_ceased": "E4A" if end else None,
    }


def review(review_id, day):
    return {"review_id": review_id, "child_id": C, "date": day}


def visit(visit_id, day, kind="LAC"):
    return {"visit_id": visit_id, "child_id": C, "date": day, "kind": kind, "child_seen": True}


def child(born):
    return {"child_id": C, "date_of_birth": born}


def events(frame_id, days):
    return [{frame_id: i + 1, "child_id": C, "date": day} for i, day in enumerate(days) if day]


@dataclass
class Case:
    rule_id: str
    clock_start: date
    due: date
    build: Callable[[date | None], dict]
    not_applicable: Callable[[], dict]
    # For a rule with two clocks from one start (T-PRE-PROCEEDINGS-REVIEW), which one.
    sequence: int | None = None


def contact(received, decided=None, harm=False):
    return {
        "contact_id": 1,
        "child_id": C,
        "received_at": at(received),
        "decided_at": at(decided, 12) if decided else None,
        "decision": "REFERRAL" if decided else None,
        "significant_harm_suspected": harm,
    }


def referral(**fields):
    return {"referral_id": 1, "child_id": C, "referral_date": MON, **fields}


def adoption(placed=MON, order=None):
    return {
        "adoption_id": 1,
        "child_id": C,
        "decision_date": d(2024, 10, 1),
        "placement_order_date": d(2024, 12, 2),
        "placed_date": placed,
        "adoption_order_date": order,
    }


def arrangement(end=None):
    return {
        "arrangement_id": 1,
        "child_id": C,
        "notified_on": MON,
        "start_date": MON,
        "end_date": end,
    }


def accommodation(end=None):
    return {
        "accommodation_id": 1,
        "child_id": C,
        "provided_on": MON,
        "ended_on": end,
        "section": "S23B",
    }


CASES = [
    # Contact Monday 10:00 -> clock Monday, due Tuesday.
    Case(
        "T-CONTACT-DECISION",
        MON,
        d(2025, 3, 4),
        lambda m: {"contacts": [contact(MON, m)]},
        lambda: {"contacts": [contact(d(2025, 4, 1))]},  # arrives after the as-at date
    ),
    Case(
        "T-REFERRAL-DECISION",
        MON,
        d(2025, 3, 4),
        lambda m: {"referrals": [referral(decided_on=m)]},
        lambda: {"referrals": [referral(referral_date=d(2025, 4, 1))]},
    ),
    Case(
        "T-STRATEGY",
        MON,
        d(2025, 3, 4),
        lambda m: {
            "contacts": [contact(MON, harm=True)],
            "strategy_discussions": [{"strategy_id": 1, "child_id": C, "held_on": m}] if m else [],
        },
        lambda: {"contacts": [contact(MON, harm=False)]},
    ),
    # 45 WD from Monday 3 March skipping 18 and 21 April and 5 May: Thursday 8 May.
    Case(
        "T-ASSESSMENT",
        MON,
        d(2025, 5, 8),
        lambda m: {
            "referrals": [referral()],
            "assessments": [
                {
                    "assessment_id": 1,
                    "referral_id": 1,
                    "child_id": C,
                    "start_date": MON,
                    "authorised_on": m,
                }
            ],
        },
        lambda: {"referrals": [referral()]},  # no assessment started
    ),
    Case(
        "T-ASSESSMENT-SEEN",
        MON,
        d(2025, 3, 10),
        lambda m: {
            "assessments": [
                {"assessment_id": 1, "child_id": C, "start_date": MON, "child_seen_on": m}
            ]
        },
        lambda: {"assessments": [{"assessment_id": 1, "child_id": C, "start_date": d(2025, 4, 1)}]},
    ),
    # Strategy discussion Monday 3 March + 15 WD = Monday 24 March.
    Case(
        "T-ICPC",
        MON,
        d(2025, 3, 24),
        lambda m: {
            "strategy_discussions": [{"strategy_id": 1, "child_id": C, "held_on": MON}],
            "section47_enquiries": [
                {"s47_id": 1, "child_id": C, "strategy_id": 1, "start_date": MON}
            ],
            "conferences": [
                {"conference_id": 1, "child_id": C, "s47_id": 1, "kind": "INITIAL", "date": m}
            ]
            if m
            else [],
        },
        lambda: {
            "strategy_discussions": [{"strategy_id": 1, "child_id": C, "held_on": MON}],
            "section47_enquiries": [
                {
                    "s47_id": 1,
                    "child_id": C,
                    "strategy_id": 1,
                    "start_date": MON,
                    "end_date": d(2025, 3, 14),
                    "icpc_required": False,
                }
            ],
        },
    ),
    # Plan from Monday 3 March: first core group within 10 WD (17 March).
    Case(
        "T-CORE-GROUP-1",
        MON,
        d(2025, 3, 17),
        lambda m: {
            "cp_plans": [{"plan_id": 1, "child_id": C, "start_date": MON}],
            "core_groups": events("core_group_id", [m]),
        },
        lambda: {
            "cp_plans": [
                {"plan_id": 1, "child_id": C, "start_date": MON, "end_date": d(2025, 3, 10)}
            ]
        },
    ),
    # First core group 14 March; the next 6 weeks later, 25 April.
    Case(
        "T-CORE-GROUP",
        d(2025, 3, 14),
        d(2025, 4, 25),
        lambda m: {
            "cp_plans": [{"plan_id": 1, "child_id": C, "start_date": MON}],
            "core_groups": events("core_group_id", [d(2025, 3, 14), m]),
        },
        lambda: {
            "cp_plans": [
                {"plan_id": 1, "child_id": C, "start_date": MON, "end_date": d(2025, 4, 1)}
            ],
            "core_groups": events("core_group_id", [d(2025, 3, 14)]),
        },
    ),
    Case(
        "T-RCPC-1",
        MON,
        d(2025, 6, 3),
        lambda m: {
            "cp_plans": [{"plan_id": 1, "child_id": C, "start_date": MON}],
            "conferences": [{"conference_id": 1, "child_id": C, "kind": "REVIEW", "date": m}]
            if m
            else [],
        },
        lambda: {
            "cp_plans": [
                {"plan_id": 1, "child_id": C, "start_date": MON, "end_date": d(2025, 5, 1)}
            ]
        },
    ),
    Case(
        "T-RCPC",
        d(2025, 6, 2),
        d(2025, 12, 2),
        lambda m: {
            "cp_plans": [{"plan_id": 1, "child_id": C, "start_date": MON}],
            "conferences": [
                {"conference_id": i, "child_id": C, "kind": "REVIEW", "date": day}
                for i, day in enumerate([d(2025, 6, 2), m])
                if day
            ],
        },
        lambda: {
            "cp_plans": [
                {"plan_id": 1, "child_id": C, "start_date": MON, "end_date": d(2025, 9, 1)}
            ],
            "conferences": [
                {"conference_id": 1, "child_id": C, "kind": "REVIEW", "date": d(2025, 6, 2)}
            ],
        },
    ),
    Case(
        "T-CP-VISIT",
        MON,
        d(2025, 3, 17),
        lambda m: {
            "cp_plans": [{"plan_id": 1, "child_id": C, "start_date": MON}],
            "visits": [visit(1, m, "CP")] if m else [],
        },
        lambda: {
            "cp_plans": [
                {"plan_id": 1, "child_id": C, "start_date": MON, "end_date": d(2025, 3, 10)}
            ]
        },
    ),
    Case(
        "T-CIN-VISIT",
        MON,
        d(2025, 3, 31),
        lambda m: {
            "cin_plans": [{"plan_id": 1, "child_id": C, "start_date": MON}],
            "visits": [visit(1, m, "CIN")] if m else [],
        },
        lambda: {
            "cin_plans": [
                {"plan_id": 1, "child_id": C, "start_date": MON, "end_date": d(2025, 3, 20)}
            ]
        },
    ),
    Case(
        "T-CIN-PLAN-REVIEW",
        MON,
        d(2025, 6, 3),
        lambda m: {
            "cin_plans": [{"plan_id": 1, "child_id": C, "start_date": MON}],
            "cin_plan_reviews": [{"review_id": 1, "plan_id": 1, "child_id": C, "date": m}]
            if m
            else [],
        },
        lambda: {
            "cin_plans": [
                {"plan_id": 1, "child_id": C, "start_date": MON, "end_date": d(2025, 5, 1)}
            ]
        },
    ),
    # A standard check requested Monday 10:00: 3 working days, Thursday.
    Case(
        "T-AGENCY-CHECK",
        MON,
        d(2025, 3, 6),
        lambda m: {
            "agency_checks": [
                {
                    "check_id": 1,
                    "child_id": C,
                    "urgent": False,
                    "requested_at": at(MON),
                    "responded_at": at(m, 15) if m else None,
                }
            ]
        },
        lambda: {
            "agency_checks": [
                {"check_id": 1, "child_id": C, "urgent": False, "requested_at": at(d(2025, 4, 1))}
            ]
        },
    ),
    # Looked after from Monday 3 March: first review within 20 WD, 31 March.
    Case(
        "T-LAC-REVIEW-1",
        MON,
        d(2025, 3, 31),
        lambda m: {"lac_episodes": [episode()], "lac_reviews": [review(1, m)] if m else []},
        lambda: {"lac_episodes": [episode(end=d(2025, 3, 20))]},
    ),
    Case(
        "T-LAC-REVIEW-2",
        d(2025, 3, 28),
        d(2025, 6, 28),
        lambda m: {
            "lac_episodes": [episode()],
            "lac_reviews": events("review_id", [d(2025, 3, 28), m]),
        },
        lambda: {
            "lac_episodes": [episode(end=d(2025, 6, 1))],
            "lac_reviews": [review(1, d(2025, 3, 28))],
        },
    ),
    Case(
        "T-LAC-REVIEW",
        d(2025, 6, 20),
        d(2025, 12, 20),
        lambda m: {
            "lac_episodes": [episode()],
            "lac_reviews": events("review_id", [d(2025, 3, 28), d(2025, 6, 20), m]),
        },
        lambda: {
            "lac_episodes": [episode(end=d(2025, 10, 1))],
            "lac_reviews": events("review_id", [d(2025, 3, 28), d(2025, 6, 20)]),
        },
    ),
    # Due on the second review, 20 June.
    Case(
        "T-PERMANENCE-PLAN",
        MON,
        d(2025, 6, 20),
        lambda m: {
            "lac_episodes": [episode()],
            "lac_reviews": events("review_id", [d(2025, 3, 28), d(2025, 6, 20)]),
            "permanence_plans": [
                {"permanence_id": 1, "child_id": C, "recorded_on": m, "plan": "ADOPTION"}
            ]
            if m
            else [],
        },
        lambda: {
            "lac_episodes": [episode(end=d(2025, 5, 1))],
            "lac_reviews": [review(1, d(2025, 3, 28))],
        },
    ),
    Case(
        "T-LAC-VISIT-PLACEMENT",
        MON,
        d(2025, 3, 10),
        lambda m: {"lac_episodes": [episode()], "visits": [visit(1, m)] if m else []},
        lambda: {"lac_episodes": [episode(end=d(2025, 3, 7))]},
    ),
    # Visit Friday 7 March; the next within 6 weeks, 18 April.
    Case(
        "T-LAC-VISIT",
        d(2025, 3, 7),
        d(2025, 4, 18),
        lambda m: {
            "lac_episodes": [episode()],
            "visits": [visit(i, day) for i, day in enumerate([d(2025, 3, 7), m]) if day],
        },
        lambda: {
            "lac_episodes": [episode(end=d(2025, 4, 1)), episode(2, d(2025, 4, 1), reason="P")],
            "visits": [visit(1, d(2025, 3, 7))],
        },
    ),
    # Long-term fostering: the first visit after the placement's first year starts 3 months.
    Case(
        "T-LAC-VISIT-LONG-TERM",
        d(2026, 3, 5),
        d(2026, 6, 5),
        lambda m: {
            "lac_episodes": [episode(placement="U4")],
            "visits": [
                visit(i, day) for i, day in enumerate([d(2025, 3, 7), d(2026, 3, 5), m]) if day
            ],
        },
        lambda: {
            "lac_episodes": [episode(placement="U6")],
            "visits": [visit(1, d(2025, 3, 7)), visit(2, d(2026, 3, 5))],
        },
    ),
    # At home on an interim care order: weekly until the first review.
    Case(
        "T-LAC-VISIT-PARENT",
        d(2025, 3, 7),
        d(2025, 3, 14),
        lambda m: {
            "lac_episodes": [episode(legal="C1", placement="P1")],
            "visits": [visit(i, day) for i, day in enumerate([d(2025, 3, 7), m]) if day],
        },
        lambda: {
            "lac_episodes": [episode(legal="C1", placement="U6")],
            "visits": [visit(1, d(2025, 3, 7))],
        },
    ),
    Case(
        "T-IHA",
        MON,
        d(2025, 3, 31),
        lambda m: {
            "lac_episodes": [episode()],
            "health_assessments": events("health_assessment_id", [m]),
        },
        lambda: {"lac_episodes": [episode(end=d(2025, 3, 20))]},
    ),
    # A ten-year-old: the review health assessment a year after the initial one.
    Case(
        "T-RHA",
        d(2025, 3, 25),
        d(2026, 3, 25),
        lambda m: {
            "children": [child(d(2015, 1, 1))],
            "lac_episodes": [episode()],
            "health_assessments": events("health_assessment_id", [d(2025, 3, 25), m]),
        },
        lambda: {
            "children": [child(d(2015, 1, 1))],
            "lac_episodes": [episode(end=d(2025, 12, 1))],
            "health_assessments": events("health_assessment_id", [d(2025, 3, 25)]),
        },
    ),
    Case(
        "T-DENTAL",
        MON,
        d(2026, 3, 3),
        lambda m: {"lac_episodes": [episode()], "dental_checks": events("dental_check_id", [m])},
        lambda: {"lac_episodes": [episode(end=d(2025, 12, 1))]},
    ),
    Case(
        "T-SDQ",
        MON,
        d(2026, 3, 3),
        lambda m: {
            "children": [child(d(2015, 1, 1))],
            "lac_episodes": [episode()],
            "sdq_scores": events("sdq_id", [m]),
        },
        lambda: {"children": [child(d(2008, 1, 1))], "lac_episodes": [episode()]},  # 17 already
    ),
    Case(
        "T-PEP",
        MON,
        d(2025, 3, 31),
        lambda m: {
            "children": [child(d(2015, 1, 1))],
            "lac_episodes": [episode()],
            "education_plans": events("pep_id", [m]),
        },
        lambda: {"children": [child(d(2015, 1, 1))], "lac_episodes": [episode(end=d(2025, 3, 20))]},
    ),
    Case(
        "T-PEP-REVIEW",
        d(2025, 3, 20),
        d(2025, 6, 20),
        lambda m: {
            "children": [child(d(2015, 1, 1))],
            "lac_episodes": [episode()],
            "education_plans": events("pep_id", [d(2025, 3, 20), m]),
        },
        lambda: {
            "children": [child(d(2015, 1, 1))],
            "lac_episodes": [episode(end=d(2025, 6, 1))],
            "education_plans": events("pep_id", [d(2025, 3, 20)]),
        },
    ),
    # Returned Friday 7 March: 72 hours is Monday 10 March.
    Case(
        "T-RHI",
        d(2025, 3, 7),
        d(2025, 3, 10),
        lambda m: {
            "missing_episodes": [
                {
                    "missing_id": 1,
                    "child_id": C,
                    "kind": "M",
                    "start_date": d(2025, 3, 6),
                    "end_date": d(2025, 3, 7),
                    "return_interview_offered_on": m,
                }
            ]
        },
        lambda: {
            "missing_episodes": [
                {
                    "missing_id": 1,
                    "child_id": C,
                    "kind": "A",
                    "start_date": d(2025, 3, 6),
                    "end_date": d(2025, 3, 7),
                }
            ]
        },
    ),
    # 26 weeks beginning with Monday 3 March: the last day is Sunday 31 August.
    Case(
        "T-PROCEEDINGS",
        MON,
        d(2025, 8, 31),
        lambda m: {
            "care_proceedings": [
                {"proceedings_id": 1, "child_id": C, "issued_on": MON, "final_order_on": m}
            ]
        },
        lambda: {
            "care_proceedings": [{"proceedings_id": 1, "child_id": C, "issued_on": d(2025, 10, 1)}]
        },
    ),
    Case(
        "T-PATHWAY-PLAN",
        d(2025, 4, 1),
        d(2025, 7, 1),
        lambda m: {
            "children": [child(d(2009, 4, 1))],
            "care_leavers": [
                {"child_id": C, "eligibility": "ELIGIBLE", "eligible_from": d(2025, 4, 1)}
            ],
            "pathway_plans": events("pathway_id", [m]),
        },
        lambda: {
            "care_leavers": [
                {"child_id": C, "eligibility": "ELIGIBLE", "eligible_from": d(2025, 8, 1)}
            ]
        },
    ),
    Case(
        "T-PATHWAY-REVIEW",
        d(2025, 6, 20),
        d(2025, 12, 20),
        lambda m: {
            "children": [child(d(2008, 1, 1))],
            "care_leavers": [
                {"child_id": C, "eligibility": "RELEVANT", "eligible_from": d(2024, 1, 1)}
            ],
            "pathway_plans": events("pathway_id", [d(2025, 6, 20), m]),
        },
        lambda: {
            "children": [child(d(2004, 7, 1))],  # 21 on 1 July 2025
            "care_leavers": [
                {"child_id": C, "eligibility": "FORMER_RELEVANT", "eligible_from": d(2020, 7, 1)}
            ],
            "pathway_plans": events("pathway_id", [d(2025, 6, 20)]),
        },
    ),
    # Left care Thursday 1 May: personal adviser contact within 8 weeks, Thursday 26 June.
    Case(
        "T-PA-CONTACT",
        d(2025, 5, 1),
        d(2025, 6, 26),
        lambda m: {
            "children": [child(d(2009, 4, 1))],
            "care_leavers": [
                {"child_id": C, "eligibility": "RELEVANT", "eligible_from": d(2025, 4, 1)}
            ],
            "lac_episodes": [episode(start=d(2023, 9, 4), end=d(2025, 5, 1))],
            "care_leaver_contacts": [
                {"cl_contact_id": 1, "child_id": C, "date": m, "in_touch": "YES"}
            ]
            if m
            else [],
        },
        lambda: {
            "children": [child(d(2009, 4, 1))],
            "care_leavers": [
                {"child_id": C, "eligibility": "ELIGIBLE", "eligible_from": d(2025, 4, 1)}
            ],
        },
    ),
    # On a CP plan from the referral date: oversight within 20 WD, 31 March.
    Case(
        "T-OVERSIGHT-CP",
        MON,
        d(2025, 3, 31),
        lambda m: {
            "referrals": [referral()],
            "cp_plans": [{"plan_id": 1, "child_id": C, "start_date": MON}],
            "oversight": [{"oversight_id": 1, "child_id": C, "recorded_at": at(m), "manager_id": 2}]
            if m
            else [],
        },
        lambda: {
            "referrals": [referral(closure_date=d(2025, 3, 20), closure_reason="RC7")],
            "cp_plans": [
                {"plan_id": 1, "child_id": C, "start_date": MON, "end_date": d(2025, 3, 20)}
            ],
        },
    ),
    # 30 WD from Monday 3 March: Monday 14 April.
    Case(
        "T-OVERSIGHT",
        MON,
        d(2025, 4, 14),
        lambda m: {
            "referrals": [referral()],
            "oversight": [{"oversight_id": 1, "child_id": C, "recorded_at": at(m), "manager_id": 2}]
            if m
            else [],
        },
        lambda: {"referrals": [referral(closure_date=d(2025, 4, 1), closure_reason="RC7")]},
    ),
    Case(
        "T-SUPERVISION",
        MON,
        d(2025, 3, 31),
        lambda m: {
            "workers": [
                {
                    "worker_id": 11,
                    "role": "SOCIAL_WORKER",
                    "qualified_on": d(2015, 7, 1),
                    "started_on": MON,
                }
            ],
            "supervisions": [{"supervision_id": 1, "worker_id": 11, "date": m}] if m else [],
        },
        lambda: {"workers": [{"worker_id": 11, "role": "TEAM_MANAGER", "started_on": MON}]},
    ),
    Case(
        "T-ALLOCATION",
        MON,
        d(2025, 3, 4),
        lambda m: {
            "referrals": [referral(decided_on=MON)],
            "allocations": [
                {"allocation_id": 1, "child_id": C, "team_id": 1, "worker_id": 11, "start_date": m}
            ]
            if m
            else [],
        },
        lambda: {"referrals": [referral(decided_on=MON, no_further_action=True)]},
    ),
]

# Issue 8's rules.
CASES += [
    # Concern raised on an open case Monday 10:00: clock Monday, due Tuesday.
    Case(
        "T-STRATEGY-ESCALATION",
        MON,
        d(2025, 3, 4),
        lambda m: {
            "harm_concerns": [
                {"concern_id": 1, "child_id": C, "referral_id": 1, "raised_at": at(MON)}
            ],
            "strategy_discussions": [{"strategy_id": 1, "child_id": C, "held_on": m}] if m else [],
        },
        lambda: {
            "harm_concerns": [
                {"concern_id": 1, "child_id": C, "referral_id": 1, "raised_at": at(d(2025, 4, 1))}
            ]
        },
    ),
    # First meeting Monday 3 March: the review meeting within 6 weeks, Monday 14 April.
    Case(
        "T-PRE-PROCEEDINGS-REVIEW",
        MON,
        d(2025, 4, 14),
        lambda m: {
            "pre_proceedings": [
                {
                    "pre_proceedings_id": 1,
                    "child_id": C,
                    "start_date": MON,
                    "initial_meeting_on": MON,
                    "first_review_meeting_on": m,
                }
            ]
        },
        lambda: {
            "pre_proceedings": [
                {
                    "pre_proceedings_id": 1,
                    "child_id": C,
                    "start_date": MON,
                    "initial_meeting_on": MON,
                    "end_date": d(2025, 3, 31),
                    "outcome": "STEP_DOWN",
                }
            ]
        },
        sequence=0,
    ),
    # Looked after from Monday 3 March: care plan within 10 WD, Monday 17 March.
    Case(
        "T-CARE-PLAN",
        MON,
        d(2025, 3, 17),
        lambda m: {"lac_episodes": [episode()], "care_plans": events("care_plan_id", [m])},
        lambda: {"lac_episodes": [episode(end=d(2025, 3, 10))]},
    ),
    # Placement from Monday 3 March: placement plan within 5 WD, Monday 10 March.
    Case(
        "T-PLACEMENT-PLAN",
        MON,
        d(2025, 3, 10),
        lambda m: {
            "lac_episodes": [episode()],
            "placement_plans": [{"placement_plan_id": 1, "child_id": C, "episode_id": 1, "date": m}]
            if m
            else [],
        },
        lambda: {"lac_episodes": [episode(end=d(2025, 3, 7))]},
    ),
    Case(
        "T-IRO-ALLOCATE",
        MON,
        d(2025, 3, 10),
        lambda m: {
            "lac_episodes": [episode()],
            "iro_appointments": [{"iro_appointment_id": 1, "child_id": C, "appointed_on": m}]
            if m
            else [],
        },
        lambda: {"lac_episodes": [episode(end=d(2025, 3, 7))]},
    ),
    # Care order made Monday 3 March for a child at home: a visit within 1 week, 10 March.
    Case(
        "T-CARE-ORDER-VISIT",
        MON,
        d(2025, 3, 10),
        lambda m: {
            "lac_episodes": [episode(legal="C2", placement="P1")],
            "visits": [visit(1, m)] if m else [],
        },
        lambda: {"lac_episodes": [episode(legal="C2", placement="U6")]},
    ),
    # A two-day short break from Monday 3 March: first review within 3 months, 3 June.
    Case(
        "T-SHORT-BREAK-REVIEW",
        MON,
        d(2025, 6, 3),
        lambda m: {
            "lac_episodes": [episode(end=d(2025, 3, 5), legal="V3")],
            "lac_reviews": [review(1, m)] if m else [],
        },
        lambda: {"lac_episodes": [episode(end=d(2025, 3, 5), legal="C2")]},
    ),
    # Placed for adoption Monday 3 March: first review within 4 weeks, Monday 31 March.
    Case(
        "T-ADOPTION-REVIEW-1",
        MON,
        d(2025, 3, 31),
        lambda m: {"adoptions": [adoption()], "lac_reviews": [review(1, m)] if m else []},
        lambda: {"adoptions": [adoption(placed=None)]},
    ),
    # First review Friday 28 March: the second within 3 months, Saturday 28 June.
    Case(
        "T-ADOPTION-REVIEW",
        d(2025, 3, 28),
        d(2025, 6, 28),
        lambda m: {
            "adoptions": [adoption()],
            "lac_reviews": events("review_id", [d(2025, 3, 28), m]),
        },
        lambda: {
            "adoptions": [adoption(order=d(2025, 6, 1))],
            "lac_reviews": [review(1, d(2025, 3, 28))],
        },
    ),
    # Placed Monday 3 March: a visit within a week, Monday 10 March.
    Case(
        "T-ADOPTION-VISIT",
        MON,
        d(2025, 3, 10),
        lambda m: {"adoptions": [adoption()], "visits": [visit(1, m, "ADOPTION")] if m else []},
        lambda: {"adoptions": [adoption(placed=None)]},
    ),
    # Notified Monday 3 March: first visit within 7 WD, Wednesday 12 March.
    Case(
        "T-PF-VISIT-1",
        MON,
        d(2025, 3, 12),
        lambda m: {
            "private_fostering": [arrangement()],
            "visits": [visit(1, m, "PRIVATE_FOSTERING")] if m else [],
        },
        lambda: {"private_fostering": [arrangement(end=d(2025, 3, 7))]},
    ),
    # Visit Friday 7 March: the next within 6 weeks, Friday 18 April.
    Case(
        "T-PF-VISIT",
        d(2025, 3, 7),
        d(2025, 4, 18),
        lambda m: {
            "private_fostering": [arrangement()],
            "visits": [
                visit(i, day, "PRIVATE_FOSTERING")
                for i, day in enumerate([d(2025, 3, 7), m])
                if day
            ],
        },
        lambda: {
            "private_fostering": [arrangement(end=d(2025, 4, 1))],
            "visits": [visit(1, d(2025, 3, 7), "PRIVATE_FOSTERING")],
        },
    ),
    # Turned 16 on 1 April: needs assessment within 3 months, 1 July.
    Case(
        "T-NEEDS-ASSESSMENT",
        d(2025, 4, 1),
        d(2025, 7, 1),
        lambda m: {
            "children": [child(d(2009, 4, 1))],
            "care_leavers": [
                {"child_id": C, "eligibility": "ELIGIBLE", "eligible_from": d(2025, 4, 1)}
            ],
            "needs_assessments": events("needs_assessment_id", [m]),
        },
        lambda: {
            "care_leavers": [
                {"child_id": C, "eligibility": "ELIGIBLE", "eligible_from": d(2025, 8, 1)}
            ]
        },
    ),
    # Accommodation provided under s23B Monday 3 March: a visit there within 7 days, 10 March.
    Case(
        "T-PA-VISIT",
        MON,
        d(2025, 3, 10),
        lambda m: {
            "leaving_care_accommodation": [accommodation()],
            "care_leaver_contacts": [
                {"cl_contact_id": 1, "child_id": C, "date": m, "in_touch": "YES", "kind": "VISIT"}
            ]
            if m
            else [],
        },
        lambda: {"leaving_care_accommodation": [accommodation(end=d(2025, 3, 7))]},
    ),
]

BY_ID = {case.rule_id: case for case in CASES}


def clock(case, as_at, frames):
    """The case's clock (rule, start) as evaluated, or None when there is none."""
    frame = evaluate_deadlines(Dataset.from_frames(**frames), as_at, rule_ids=[case.rule_id])
    frame = frame.filter(frame["clock_start"] == case.clock_start)
    if case.sequence is not None:
        frame = frame.filter(frame["sequence"] == case.sequence)
    rows = frame.rows(named=True)
    assert len(rows) <= 1
    return rows[0] if rows else None


def test_every_rule_in_the_catalogue_has_a_case():
    assert set(BY_ID) == {rule.id for rule in RULES}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.rule_id)
def test_met_on_the_due_date_is_met(case):
    row = clock(case, case.due + timedelta(days=14), case.build(case.due))
    assert (row["due"], row["met_on"], row["status"]) == (case.due, case.due, "met")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.rule_id)
def test_met_the_day_after_the_due_date_is_met_late(case):
    day_after = case.due + timedelta(days=1)
    row = clock(case, case.due + timedelta(days=14), case.build(day_after))
    assert (row["met_on"], row["status"]) == (day_after, "met_late")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.rule_id)
def test_nothing_done_by_the_day_after_the_due_date_is_overdue(case):
    row = clock(case, case.due + timedelta(days=1), case.build(None))
    assert (row["clock_start"], row["due"], row["status"]) == (
        case.clock_start,
        case.due,
        "overdue",
    )


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.rule_id)
def test_rule_that_does_not_apply_gives_no_deadline(case):
    frame = evaluate_deadlines(
        Dataset.from_frames(**case.not_applicable()),
        case.due + timedelta(days=14),
        rule_ids=[case.rule_id],
    )
    assert frame.filter(frame["clock_start"] == case.clock_start).height == 0
