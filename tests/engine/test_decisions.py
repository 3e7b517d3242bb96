"""Decisions the implementation made where timescales.md is silent or ambiguous, each pinned by
a scenario (docs/adr/0009-timescale-rule-decisions.md says why each was made). The decisions
already pinned elsewhere are not repeated here; the ADR names their tests."""

from datetime import date, datetime

import polars as pl

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import evaluate_deadlines
from sightline.standards.calendar import UK_TIMEZONE

MON_3_MAR = date(2025, 3, 3)


def cp_plan(plan_id=1, child_id=7, start=MON_3_MAR, end=None):
    return {"plan_id": plan_id, "child_id": child_id, "start_date": start, "end_date": end}


def visit(visit_id, day, *, kind="CP", seen=True, alone=None, child_id=7):
    return {
        "visit_id": visit_id,
        "child_id": child_id,
        "date": day,
        "kind": kind,
        "child_seen": seen,
        "seen_alone": alone,
    }


def episode(episode_id, start, end=None, *, reason="S", legal="C2", placement="U6"):
    return {
        "episode_id": episode_id,
        "child_id": 7,
        "start_date": start,
        "end_date": end,
        "reason_new_episode": reason,
        "legal_status": legal,
        "placement_type": placement,
        "reason_ceased": "E4A" if end else None,
    }


def missing(end, offered=None, kind="M"):
    return {
        "missing_id": 3,
        "child_id": 7,
        "kind": kind,
        "start_date": date(2025, 3, 5),
        "end_date": end,
        "return_interview_offered_on": offered,
    }


# --- Contacts after the end of the working day (T-STRATEGY) ---------------------------------


def test_strategy_clock_of_an_evening_contact_starts_next_working_day_and_that_evening_counts(
    clocks, uk
):
    # Friday 7 March at 18:00: the clock starts Monday 10 March and is due Tuesday 11 March;
    # a strategy discussion held that Friday evening, before the clock started, meets it.
    rows = clocks(
        "T-STRATEGY",
        date(2025, 3, 12),
        contacts=[
            {
                "contact_id": 1,
                "child_id": 7,
                "received_at": uk(2025, 3, 7, 18, 0),
                "significant_harm_suspected": True,
            }
        ],
        strategy_discussions=[{"strategy_id": 1, "child_id": 7, "held_on": date(2025, 3, 7)}],
    )
    assert rows == [("T-STRATEGY", date(2025, 3, 10), date(2025, 3, 11), date(2025, 3, 7), "met")]


# --- Which visits count ---------------------------------------------------------------------


def test_a_visit_with_the_child_seen_but_not_alone_meets_a_cp_visit(clocks):
    rows = clocks(
        "T-CP-VISIT",
        date(2025, 3, 18),
        cp_plans=[cp_plan()],
        visits=[visit(1, date(2025, 3, 14), alone=False)],
    )
    assert rows[0] == ("T-CP-VISIT", MON_3_MAR, date(2025, 3, 17), date(2025, 3, 14), "met")


def test_a_visit_without_child_seen_recorded_does_not_meet_a_cp_visit(clocks):
    rows = clocks(
        "T-CP-VISIT",
        date(2025, 3, 18),
        cp_plans=[cp_plan()],
        visits=[visit(1, date(2025, 3, 14), seen=None)],
    )
    assert rows == [("T-CP-VISIT", MON_3_MAR, date(2025, 3, 17), None, "overdue")]


def test_a_placement_that_is_not_long_term_stays_six_weekly_after_its_first_year(clocks):
    # Residential care (U6) from 3 March 2025: after the placement's first anniversary the
    # visits stay six-weekly; only long-term fostering (U1/U4) moves to three-monthly.
    rows = clocks(
        ["T-LAC-VISIT", "T-LAC-VISIT-LONG-TERM"],
        date(2026, 3, 10),
        lac_episodes=[episode(1, MON_3_MAR, placement="U6")],
        visits=[
            visit(1, date(2025, 3, 7), kind="LAC"),
            visit(2, date(2026, 2, 20), kind="LAC"),
            visit(3, date(2026, 3, 5), kind="LAC"),
        ],
    )
    assert {row[0] for row in rows} == {"T-LAC-VISIT"}
    assert rows[-1] == ("T-LAC-VISIT", date(2026, 3, 5), date(2026, 4, 16), None, "pending")


# --- Health ---------------------------------------------------------------------------------


def test_a_health_assessment_recorded_as_a_review_meets_the_initial_health_assessment(clocks):
    rows = clocks(
        "T-IHA",
        date(2025, 4, 1),
        lac_episodes=[episode(1, MON_3_MAR)],
        health_assessments=[
            {"health_assessment_id": 1, "child_id": 7, "date": date(2025, 3, 25), "kind": "REVIEW"}
        ],
    )
    assert rows == [("T-IHA", MON_3_MAR, date(2025, 3, 31), date(2025, 3, 25), "met")]


def test_review_health_assessment_is_six_monthly_when_the_date_of_birth_is_unknown(clocks):
    rows = clocks(
        "T-RHA",
        date(2025, 4, 1),
        lac_episodes=[episode(1, MON_3_MAR)],
        health_assessments=[{"health_assessment_id": 1, "child_id": 7, "date": date(2025, 3, 25)}],
    )
    assert rows == [("T-RHA", date(2025, 3, 25), date(2025, 9, 25), None, "pending")]


# --- Return home interviews -----------------------------------------------------------------


def test_a_missing_episode_with_no_type_recorded_needs_a_return_interview(clocks):
    rows = clocks(
        "T-RHI", date(2025, 3, 11), missing_episodes=[missing(date(2025, 3, 7), kind=None)]
    )
    assert rows == [("T-RHI", date(2025, 3, 7), date(2025, 3, 10), None, "overdue")]


def test_72_hours_ending_on_a_sunday_is_due_that_sunday_not_the_next_working_day(clocks):
    # Returned Thursday 6 March: 72 hours is Sunday 9 March, and an offer on Monday is late.
    rows = clocks(
        "T-RHI",
        date(2025, 3, 12),
        missing_episodes=[missing(date(2025, 3, 6), date(2025, 3, 10))],
    )
    assert rows == [("T-RHI", date(2025, 3, 6), date(2025, 3, 9), date(2025, 3, 10), "met_late")]


# --- Care leavers ---------------------------------------------------------------------------


def test_a_personal_adviser_contact_with_in_touch_not_recorded_counts(clocks):
    rows = clocks(
        "T-PA-CONTACT",
        date(2025, 7, 2),
        children=[{"child_id": 7, "date_of_birth": date(2009, 4, 1)}],
        care_leavers=[
            {"child_id": 7, "eligibility": "RELEVANT", "eligible_from": date(2025, 4, 1)}
        ],
        lac_episodes=[episode(1, date(2023, 9, 4), date(2025, 5, 1), legal="V2")],
        care_leaver_contacts=[
            {"cl_contact_id": 1, "child_id": 7, "date": date(2025, 6, 20), "in_touch": None}
        ],
    )
    # Left care 1 May 2025: 8 weeks is 26 June.
    assert rows[0] == (
        "T-PA-CONTACT",
        date(2025, 5, 1),
        date(2025, 6, 26),
        date(2025, 6, 20),
        "met",
    )


# --- Where a clock's context ends -----------------------------------------------------------


def test_a_clock_due_on_the_day_its_plan_ended_and_not_met_stays_as_missed(evaluate):
    # First CP visit due Monday 17 March. Child 7's plan ended that day: the clock had its
    # whole time, so it stays, overdue by 0 working days (counting stops at the plan's end).
    # Child 8's plan ended on Friday 14 March, before the visit fell due: no deadline at all.
    frame = evaluate(
        date(2025, 4, 1),
        rules="T-CP-VISIT",
        cp_plans=[
            cp_plan(1, 7, end=date(2025, 3, 17)),
            cp_plan(2, 8, end=date(2025, 3, 14)),
        ],
    )
    assert frame.select(
        "child_id", "due", "status", "working_days_overdue", "context_end"
    ).rows() == [(7, date(2025, 3, 17), "overdue", 0, date(2025, 3, 17))]


# --- Statuses -------------------------------------------------------------------------------


def test_overdue_by_0_working_days_on_the_weekend_after_a_friday_due_date(evaluate):
    frame = evaluate(
        date(2025, 3, 8),
        rules="T-REFERRAL-DECISION",
        referrals=[{"referral_id": 1, "child_id": 7, "referral_date": date(2025, 3, 6)}],
    )
    assert frame.select("due", "status", "working_days_overdue").row(0) == (
        date(2025, 3, 7),
        "overdue",
        0,
    )


# --- Local standards have no start date ------------------------------------------------------


def test_a_local_standard_applies_to_clocks_that_started_before_it_was_set(clocks):
    # The rulebook carries no dates: a council that moves to 15-working-day CP visits sees
    # its 2024 clocks, and any past as-at date, judged by the new standard.
    plan = cp_plan(start=date(2024, 3, 4), end=date(2024, 6, 28))
    visits = [visit(1, date(2024, 3, 22))]
    by_default = clocks("T-CP-VISIT", date(2024, 4, 1), cp_plans=[plan], visits=visits)
    by_setting = clocks(
        "T-CP-VISIT",
        date(2024, 4, 1),
        overrides="T-CP-VISIT=15WD",
        cp_plans=[plan],
        visits=visits,
    )
    assert by_default[0][2:] == (date(2024, 3, 18), date(2024, 3, 22), "met_late")
    assert by_setting[0][2:] == (date(2024, 3, 25), date(2024, 3, 22), "met")


# --- The Polars optimiser -------------------------------------------------------------------


def at(year, month, day, hour=10):
    return datetime(year, month, day, hour, tzinfo=UK_TIMEZONE)


# A small council touching every rule module: a child on a CP plan (1), a child on a CIN plan
# who then comes into care at home on an interim order (2), a care leaver (3) and a newly
# qualified worker.
COUNCIL = {
    "children": [
        {"child_id": 1, "date_of_birth": date(2015, 1, 1)},
        {"child_id": 2, "date_of_birth": date(2020, 6, 1)},
        {"child_id": 3, "date_of_birth": date(2008, 5, 1)},
    ],
    "contacts": [
        {
            "contact_id": 1,
            "child_id": 1,
            "received_at": at(2025, 3, 3),
            "significant_harm_suspected": True,
            "decision": "REFERRAL",
            "decided_at": at(2025, 3, 4, 12),
        },
        {"contact_id": 2, "child_id": 1, "received_at": at(2025, 3, 7, 18)},
    ],
    "referrals": [
        {
            "referral_id": 1,
            "child_id": 1,
            "referral_date": date(2025, 3, 4),
            "decided_on": date(2025, 3, 5),
            "no_further_action": False,
        },
        {
            "referral_id": 2,
            "child_id": 2,
            "referral_date": date(2025, 1, 6),
            "decided_on": date(2025, 1, 6),
            "no_further_action": False,
        },
    ],
    "assessments": [
        {
            "assessment_id": 1,
            "referral_id": 1,
            "child_id": 1,
            "start_date": date(2025, 3, 5),
            "child_seen_on": date(2025, 3, 12),
        }
    ],
    "strategy_discussions": [
        {"strategy_id": 1, "referral_id": 1, "child_id": 1, "held_on": date(2025, 3, 4)}
    ],
    "section47_enquiries": [
        {
            "s47_id": 1,
            "referral_id": 1,
            "child_id": 1,
            "strategy_id": 1,
            "start_date": date(2025, 3, 5),
        }
    ],
    "conferences": [
        {
            "conference_id": 1,
            "child_id": 1,
            "s47_id": 1,
            "kind": "INITIAL",
            "date": date(2025, 3, 20),
        },
        {
            "conference_id": 2,
            "child_id": 1,
            "plan_id": 1,
            "kind": "REVIEW",
            "date": date(2025, 6, 19),
        },
    ],
    "cp_plans": [{"plan_id": 1, "child_id": 1, "start_date": date(2025, 3, 20)}],
    "core_groups": [{"core_group_id": 1, "plan_id": 1, "child_id": 1, "date": date(2025, 4, 1)}],
    "cin_plans": [
        {"plan_id": 1, "child_id": 2, "start_date": date(2025, 2, 3), "end_date": date(2025, 5, 30)}
    ],
    "cin_plan_reviews": [{"review_id": 1, "plan_id": 1, "child_id": 2, "date": date(2025, 4, 28)}],
    "visits": [
        visit(1, date(2025, 3, 28), child_id=1),
        visit(2, date(2025, 4, 15), seen=False, child_id=1),
        visit(3, date(2025, 2, 20), kind="CIN", child_id=2),
        visit(4, date(2025, 6, 10), kind="LAC", child_id=2),
        visit(5, date(2025, 5, 20), kind="PATHWAY", child_id=3),
    ],
    "agency_checks": [
        {
            "check_id": 1,
            "child_id": 1,
            "contact_id": 1,
            "agency": "POLICE",
            "urgent": True,
            "requested_at": at(2025, 3, 3, 11),
            "responded_at": at(2025, 3, 5, 9),
        }
    ],
    "oversight": [
        {"oversight_id": 1, "child_id": 1, "recorded_at": at(2025, 4, 1, 15), "manager_id": 12}
    ],
    "lac_episodes": [
        {**episode(1, date(2025, 6, 2), legal="C1", placement="P1"), "child_id": 2},
        {**episode(2, date(2023, 9, 4), date(2025, 5, 1), legal="V2"), "child_id": 3},
    ],
    "lac_reviews": [{"review_id": 1, "child_id": 2, "date": date(2025, 6, 27)}],
    "health_assessments": [
        {"health_assessment_id": 1, "child_id": 2, "date": date(2025, 6, 20), "kind": "INITIAL"}
    ],
    "education_plans": [{"pep_id": 1, "child_id": 2, "date": date(2025, 6, 25)}],
    "missing_episodes": [
        {
            "missing_id": 1,
            "child_id": 2,
            "kind": "M",
            "start_date": date(2025, 7, 1),
            "end_date": date(2025, 7, 3),
            "return_interview_offered_on": date(2025, 7, 7),
        }
    ],
    "permanence_plans": [
        {"permanence_id": 1, "child_id": 2, "recorded_on": date(2025, 8, 1), "plan": "RETURN_HOME"}
    ],
    "care_leavers": [{"child_id": 3, "eligibility": "RELEVANT", "eligible_from": date(2024, 5, 1)}],
    "care_leaver_contacts": [
        {"cl_contact_id": 1, "child_id": 3, "date": date(2025, 6, 15), "in_touch": "YES"}
    ],
    "pathway_plans": [{"pathway_id": 1, "child_id": 3, "date": date(2024, 7, 1)}],
    "care_proceedings": [{"proceedings_id": 1, "child_id": 2, "issued_on": date(2025, 6, 2)}],
    "workers": [
        {
            "worker_id": 11,
            "role": "SOCIAL_WORKER",
            "team_id": 4,
            "qualified_on": date(2024, 9, 1),
            "started_on": date(2025, 1, 6),
        },
        {"worker_id": 12, "role": "TEAM_MANAGER", "team_id": 4, "started_on": date(2020, 1, 6)},
    ],
    "teams": [{"team_id": 4, "name": "East"}],
    "allocations": [
        {
            "allocation_id": 1,
            "child_id": 1,
            "team_id": 4,
            "worker_id": 11,
            "start_date": date(2025, 3, 6),
        },
        {
            "allocation_id": 2,
            "child_id": 2,
            "team_id": 4,
            "worker_id": 11,
            "start_date": date(2025, 1, 6),
        },
    ],
    "supervisions": [
        {"supervision_id": 1, "worker_id": 11, "date": date(2025, 1, 13)},
        {"supervision_id": 2, "worker_id": 11, "date": date(2025, 2, 10)},
    ],
}


def test_the_deadlines_are_the_same_with_the_polars_optimiser_on(monkeypatch):
    # The engine runs its plans with Polars' optimiser off, for speed only: turning it back on
    # (every plan goes through QueryOptFlags.none()) must not change a single row.
    dataset = Dataset.from_frames(**COUNCIL)
    as_written = evaluate_deadlines(dataset, date(2025, 9, 1))
    monkeypatch.setattr(pl.QueryOptFlags, "none", staticmethod(lambda **_: pl.QueryOptFlags()))
    optimised = evaluate_deadlines(dataset, date(2025, 9, 1))
    assert as_written["rule_id"].n_unique() >= 30
    assert optimised.equals(as_written)
