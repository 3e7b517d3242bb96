"""Drift rules read from the deadline engine's overdue clocks: visits, assessments, allocation,
oversight, return home interviews, care proceedings and permanence. Due dates by hand."""

from datetime import date

import polars as pl

from sightline.engine.dataset import Dataset
from sightline.engine.deadlines import evaluate_deadlines
from sightline.engine.findings import evaluate_findings
from sightline.standards.timescales import rulebook

CHILD = [{"child_id": 1, "date_of_birth": date(2015, 4, 1)}]


def found(as_at, rules, overrides=None, **frames):
    """{rule_id: (since, evidence)} for child 1 under timescale ``overrides``."""
    frame = evaluate_findings(
        Dataset.from_frames(children=CHILD, **frames),
        as_at,
        timescales=rulebook(overrides),
        rule_ids=rules,
    )
    return {
        row["rule_id"]: (row["since"], row["evidence"])
        for row in frame.filter(frame["child_id"] == 1).iter_rows(named=True)
    }


VISIT = ["D-VISIT"]
# A CP plan from Monday 27 January 2025, the child seen on Monday 3 February: the next visit is
# due 10 working days later, Monday 17 February.
CP_PLAN = [{"plan_id": 1, "child_id": 1, "start_date": date(2025, 1, 27)}]
SEEN = [{"visit_id": 1, "child_id": 1, "date": date(2025, 2, 3), "kind": "CP", "child_seen": True}]


def test_a_visit_due_today_is_not_yet_a_finding():
    assert found(date(2025, 2, 17), VISIT, cp_plans=CP_PLAN, visits=SEEN) == {}


def test_an_overdue_cp_visit_is_found_from_the_day_after_it_was_due():
    assert found(date(2025, 2, 18), VISIT, cp_plans=CP_PLAN, visits=SEEN) == {
        "D-VISIT": (
            date(2025, 2, 18),
            "CP visit due 17 February 2025, 1 working day overdue; last seen 3 February 2025",
        )
    }


def test_the_evidence_counts_working_days_overdue_to_the_as_at_date():
    # 18-21 and 24-28 February and 3 March: 10 working days.
    _, evidence = found(date(2025, 3, 3), VISIT, cp_plans=CP_PLAN, visits=SEEN)["D-VISIT"]
    assert evidence.startswith("CP visit due 17 February 2025, 10 working days overdue")


def test_a_child_never_seen_on_the_plan_is_overdue_from_the_plan_start():
    # 27 January + 10 working days = Monday 10 February.
    assert found(date(2025, 2, 11), VISIT, cp_plans=CP_PLAN) == {
        "D-VISIT": (
            date(2025, 2, 11),
            "CP visit due 10 February 2025, 1 working day overdue; not seen since the plan "
            "began 27 January 2025",
        )
    }


def test_a_missed_visit_on_a_plan_that_has_ended_is_history_not_drift():
    ended = [{**CP_PLAN[0], "end_date": date(2025, 2, 28)}]
    assert found(date(2025, 3, 3), VISIT, cp_plans=ended, visits=SEEN) == {}


def test_the_visit_standard_is_the_councils_timescale():
    # T-CP-VISIT=15WD: 3 February + 15 working days = Monday 24 February.
    assert found(date(2025, 2, 24), VISIT, "T-CP-VISIT=15WD", cp_plans=CP_PLAN, visits=SEEN) == {}
    since, _ = found(date(2025, 2, 25), VISIT, "T-CP-VISIT=15WD", cp_plans=CP_PLAN, visits=SEEN)[
        "D-VISIT"
    ]
    assert since == date(2025, 2, 25)


def test_findings_read_the_deadlines_they_are_given_rather_than_work_clocks_out_again():
    dataset = Dataset.from_frames(children=CHILD, cp_plans=CP_PLAN, visits=SEEN)
    as_at = date(2025, 2, 20)
    # Deadlines worked out under a 15-working-day standard have nothing overdue on 20 February;
    # under the published 10, the visit due 17 February is.
    looser = evaluate_deadlines(dataset, as_at, rulebook("T-CP-VISIT=15WD"))
    assert evaluate_findings(dataset, as_at, deadlines=looser, rule_ids=VISIT).height == 0
    assert evaluate_findings(dataset, as_at, rule_ids=VISIT).height == 1


def test_the_earliest_of_two_overdue_visits_is_the_finding():
    # Never seen: the CP visit was due 10 February (27 January + 10 working days), overdue from
    # the 11th; looked after from Wednesday 5 February, the visit in the new placement was due
    # a week later, 12 February, overdue from the 13th.
    episodes = [
        {
            "episode_id": 9,
            "child_id": 1,
            "start_date": date(2025, 2, 5),
            "reason_new_episode": "S",
            "legal_status": "C2",
            "placement_type": "U3",
        }
    ]
    both = found(date(2025, 2, 20), VISIT, cp_plans=CP_PLAN, lac_episodes=episodes)
    assert both["D-VISIT"][0] == date(2025, 2, 11)
    assert both["D-VISIT"][1].startswith("CP visit due 10 February 2025, 8 working days overdue")
    placement_only = found(date(2025, 2, 20), VISIT, lac_episodes=episodes)
    assert placement_only["D-VISIT"] == (
        date(2025, 2, 13),
        "Visit in the new placement due 12 February 2025, 6 working days overdue; not seen "
        "since the placement began 5 February 2025",
    )


REFERRAL = [
    {
        "referral_id": 1,
        "child_id": 1,
        "referral_date": date(2025, 1, 6),
        "decided_on": date(2025, 1, 6),
    }
]


def assessment(authorised=None):
    return [
        {
            "assessment_id": 3,
            "referral_id": 1,
            "child_id": 1,
            "start_date": date(2025, 1, 6),
            "authorised_on": authorised,
        }
    ]


def test_an_assessment_past_45_working_days_is_found_the_day_after():
    # Referral Monday 6 January 2025 + 45 working days = Monday 10 March.
    rules = ["D-ASSESSMENT"]
    assert found(date(2025, 3, 10), rules, referrals=REFERRAL, assessments=assessment()) == {}
    assert found(date(2025, 3, 11), rules, referrals=REFERRAL, assessments=assessment()) == {
        "D-ASSESSMENT": (
            date(2025, 3, 11),
            "Assessment for the referral of 6 January 2025 due 10 March 2025, 1 working day "
            "overdue",
        )
    }


def test_an_assessment_authorised_late_is_a_finding_only_until_it_was_authorised():
    late = assessment(authorised=date(2025, 3, 12))
    assert set(found(date(2025, 3, 11), ["D-ASSESSMENT"], referrals=REFERRAL, assessments=late))
    assert found(date(2025, 3, 12), ["D-ASSESSMENT"], referrals=REFERRAL, assessments=late) == {}


def test_an_accepted_referral_with_no_named_worker_is_critical_after_one_working_day():
    rules = ["D-UNALLOCATED"]
    # Decided Monday 6 January: a named worker due by Tuesday 7 January.
    assert found(date(2025, 1, 7), rules, referrals=REFERRAL) == {}
    frame = evaluate_findings(
        Dataset.from_frames(
            children=CHILD,
            referrals=REFERRAL,
            teams=[{"team_id": 5, "name": "East"}],
            allocations=[
                {"allocation_id": 1, "child_id": 1, "team_id": 5, "start_date": date(2025, 1, 6)}
            ],
        ),
        date(2025, 1, 8),
        rule_ids=rules,
    )
    assert frame.select("severity", "since", "evidence", "worker_id", "team_id").rows() == [
        (
            "critical",
            date(2025, 1, 8),
            "No named worker since 6 January 2025; one was due by 7 January 2025, 1 working "
            "day overdue",
            None,
            5,
        )
    ]


def test_a_child_allocated_in_time_is_not_unallocated():
    allocated = [
        {"allocation_id": 1, "child_id": 1, "worker_id": 11, "start_date": date(2025, 1, 7)}
    ]
    assert (
        found(date(2025, 1, 20), ["D-UNALLOCATED"], referrals=REFERRAL, allocations=allocated) == {}
    )


def test_no_management_oversight_since_the_referral_is_found_after_30_working_days():
    # 6 January + 30 working days = Monday 17 February.
    rules = ["D-OVERSIGHT"]
    assert found(date(2025, 2, 17), rules, referrals=REFERRAL) == {}
    assert found(date(2025, 2, 18), rules, referrals=REFERRAL) == {
        "D-OVERSIGHT": (
            date(2025, 2, 18),
            "Management oversight due 17 February 2025, 1 working day overdue; none since the "
            "referral of 6 January 2025",
        )
    }


MISSING = [{"missing_id": 2, "child_id": 1, "kind": "M", "start_date": date(2025, 3, 1)}]


def test_no_return_interview_within_72_hours_is_found_from_the_fourth_day():
    # Returned Monday 3 March: 72 hours is 3 days, due Thursday 6 March.
    returned = [{**MISSING[0], "end_date": date(2025, 3, 3)}]
    assert found(date(2025, 3, 6), ["D-RHI"], missing_episodes=returned) == {}
    assert found(date(2025, 3, 7), ["D-RHI"], missing_episodes=returned) == {
        "D-RHI": (
            date(2025, 3, 7),
            "Returned from missing 3 March 2025; return home interview due by 6 March 2025, "
            "not offered",
        )
    }


def test_an_interview_offered_in_time_or_an_absence_is_not_a_finding():
    offered = [
        {
            **MISSING[0],
            "end_date": date(2025, 3, 3),
            "return_interview_offered_on": date(2025, 3, 6),
        }
    ]
    assert found(date(2025, 3, 10), ["D-RHI"], missing_episodes=offered) == {}
    away = [{**MISSING[0], "kind": "A", "end_date": date(2025, 3, 3)}]
    assert found(date(2025, 3, 10), ["D-RHI"], missing_episodes=away) == {}


def proceedings(extension=0, final=None):
    return [
        {
            "proceedings_id": 8,
            "child_id": 1,
            "issued_on": date(2025, 1, 6),
            "final_order_on": final,
            "extension_weeks": extension,
        }
    ]


def test_care_proceedings_past_26_weeks_are_found_from_the_day_after():
    # 26 weeks *beginning with* Monday 6 January 2025 (CA 1989 s32) end on Sunday 6 July.
    assert found(date(2025, 7, 6), ["D-PROCEEDINGS"], care_proceedings=proceedings()) == {}
    assert found(date(2025, 7, 7), ["D-PROCEEDINGS"], care_proceedings=proceedings()) == {
        "D-PROCEEDINGS": (
            date(2025, 7, 7),
            "Care proceedings issued 6 January 2025, due to finish by 6 July 2025; 1 working "
            "day over",
        )
    }


def test_an_extension_does_not_move_the_26_week_finding():
    # The court may extend by 8 weeks, but the 26 weeks are the measure (issue 8): the
    # finding still starts on Monday 7 July.
    extended = proceedings(extension=8)
    assert found(date(2025, 7, 6), ["D-PROCEEDINGS"], care_proceedings=extended) == {}
    assert found(date(2025, 7, 7), ["D-PROCEEDINGS"], care_proceedings=extended)


def test_no_permanence_plan_by_the_second_review_is_found_the_day_after_it_was_due():
    # Looked after from Monday 6 January 2025; first review held 3 February; the second is
    # due 3 months later, Saturday 3 May, and with it the permanence plan.
    episodes = [
        {
            "episode_id": 9,
            "child_id": 1,
            "start_date": date(2025, 1, 6),
            "reason_new_episode": "S",
            "legal_status": "C2",
            "placement_type": "U3",
        }
    ]
    reviews = [{"review_id": 1, "child_id": 1, "date": date(2025, 2, 3)}]
    rules = ["D-PERMANENCE"]
    assert found(date(2025, 5, 3), rules, lac_episodes=episodes, lac_reviews=reviews) == {}
    assert found(date(2025, 5, 4), rules, lac_episodes=episodes, lac_reviews=reviews) == {
        "D-PERMANENCE": (
            date(2025, 5, 4),
            "No permanence plan by the second review, due 3 May 2025; looked after since "
            "6 January 2025",
        )
    }
    plan = [{"permanence_id": 1, "child_id": 1, "recorded_on": date(2025, 5, 1)}]
    assert (
        found(
            date(2025, 5, 4),
            rules,
            lac_episodes=episodes,
            lac_reviews=reviews,
            permanence_plans=plan,
        )
        == {}
    )


def test_clock_rules_name_the_overdue_record():
    frame = evaluate_findings(
        Dataset.from_frames(children=CHILD, referrals=REFERRAL, assessments=assessment()),
        date(2025, 3, 11),
        rule_ids=["D-ASSESSMENT"],
    )
    assert frame.select("record_type", "record_id").rows() == [("assessments", 3)]
    assert frame.schema["since"] == pl.Date
