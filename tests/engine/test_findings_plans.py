"""Drift rules on how long a plan has been open: CP plans over 15 months and 2 years, second
plans, CIN episodes over 2 years and pre-proceedings past 16 weeks. Dates worked out by hand."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from sightline.engine.dataset import Dataset
from sightline.engine.findings import evaluate_findings
from sightline.standards.calendar import add_months
from sightline.standards.drift import drift_rulebook

CHILD = [{"child_id": 1, "date_of_birth": date(2015, 4, 1)}]


def found(as_at, rules, overrides=None, **frames):
    """{rule_id: (since, evidence)} for child 1, evaluating only ``rules``."""
    frame = evaluate_findings(
        Dataset.from_frames(children=CHILD, **frames),
        as_at,
        drift_rulebook(overrides),
        rule_ids=rules,
    )
    return {
        row["rule_id"]: (row["since"], row["evidence"])
        for row in frame.filter(frame["child_id"] == 1).iter_rows(named=True)
    }


def cp_plan(start, end=None, plan_id=1):
    return {"plan_id": plan_id, "child_id": 1, "start_date": start, "end_date": end}


LONG = ["D-CP-PLAN-LONG", "D-CP-PLAN-2Y"]


def test_cp_plan_is_not_long_on_the_day_it_reaches_15_months():
    # 3 March 2024 + 15 months = 3 June 2025: the plan is 15 months old that day, not over.
    assert found(date(2025, 6, 3), LONG, cp_plans=[cp_plan(date(2024, 3, 3))]) == {}


def test_cp_plan_open_over_15_months_is_a_warning_from_the_next_day():
    result = found(date(2025, 6, 4), LONG, cp_plans=[cp_plan(date(2024, 3, 3))])
    assert result == {
        "D-CP-PLAN-LONG": (date(2025, 6, 4), "CP plan started 3 March 2024, open 15 months")
    }


def test_evidence_counts_whole_months_open_on_the_as_at_date():
    # 3 March 2024 to 2 December 2025: 20 whole months (the 21st is completed on 3 December).
    result = found(date(2025, 12, 2), ["D-CP-PLAN-LONG"], cp_plans=[cp_plan(date(2024, 3, 3))])
    assert result["D-CP-PLAN-LONG"] == (
        date(2025, 6, 4),
        "CP plan started 3 March 2024, open 20 months",
    )


def test_an_ended_cp_plan_is_not_drifting():
    plans = [cp_plan(date(2024, 3, 3), end=date(2025, 6, 1))]
    assert found(date(2025, 6, 10), LONG, cp_plans=plans) == {}


def test_a_plan_ended_after_the_as_at_date_was_still_open_then():
    plans = [cp_plan(date(2024, 3, 3), end=date(2025, 7, 1))]
    assert set(found(date(2025, 6, 10), LONG, cp_plans=plans)) == {"D-CP-PLAN-LONG"}


def test_a_council_may_flag_long_plans_at_18_months_instead():
    # 3 March 2024 + 18 months = 3 September 2025; flagged from 4 September.
    plans = [cp_plan(date(2024, 3, 3))]
    assert found(date(2025, 9, 3), LONG, "D-CP-PLAN-LONG=18M", cp_plans=plans) == {}
    since, _ = found(date(2025, 9, 4), LONG, "D-CP-PLAN-LONG=18M", cp_plans=plans)["D-CP-PLAN-LONG"]
    assert since == date(2025, 9, 4)


def test_cp_plan_over_two_years_is_serious_and_replaces_the_15_month_warning():
    plans = [cp_plan(date(2024, 3, 3))]
    # Two years to the day: still only the 15-month warning.
    assert set(found(date(2026, 3, 3), LONG, cp_plans=plans)) == {"D-CP-PLAN-LONG"}
    frame = evaluate_findings(
        Dataset.from_frames(children=CHILD, cp_plans=plans), date(2026, 3, 4), rule_ids=LONG
    )
    assert frame.select("rule_id", "severity", "since", "evidence").rows() == [
        (
            "D-CP-PLAN-2Y",
            "serious",
            date(2026, 3, 4),
            "CP plan started 3 March 2024, open 24 months",
        )
    ]


def test_second_cp_plan_is_found_from_its_start_naming_the_previous_plan():
    plans = [
        cp_plan(date(2022, 5, 1), end=date(2023, 6, 30), plan_id=1),
        cp_plan(date(2025, 3, 3), plan_id=2),
    ]
    assert found(date(2025, 3, 3), ["D-CP-REPEAT"], cp_plans=plans) == {
        "D-CP-REPEAT": (
            date(2025, 3, 3),
            "Second CP plan, started 3 March 2025; previous plan 1 May 2022 to 30 June 2023",
        )
    }


def test_second_plan_is_unknown_the_day_before_it_starts():
    plans = [
        cp_plan(date(2022, 5, 1), end=date(2023, 6, 30), plan_id=1),
        cp_plan(date(2025, 3, 3), plan_id=2),
    ]
    assert found(date(2025, 3, 2), ["D-CP-REPEAT"], cp_plans=plans) == {}


def test_a_first_plan_and_an_ended_second_plan_are_not_repeats():
    first_only = [cp_plan(date(2025, 3, 3))]
    assert found(date(2025, 6, 1), ["D-CP-REPEAT"], cp_plans=first_only) == {}
    both_ended = [
        cp_plan(date(2022, 5, 1), end=date(2023, 6, 30), plan_id=1),
        cp_plan(date(2024, 3, 3), end=date(2025, 1, 31), plan_id=2),
    ]
    assert found(date(2025, 6, 1), ["D-CP-REPEAT"], cp_plans=both_ended) == {}


def test_third_plan_says_third_and_names_the_second():
    plans = [
        cp_plan(date(2020, 1, 6), end=date(2020, 12, 1), plan_id=7),
        cp_plan(date(2022, 5, 1), end=date(2023, 6, 30), plan_id=8),
        cp_plan(date(2025, 3, 3), plan_id=9),
    ]
    _, evidence = found(date(2025, 4, 1), ["D-CP-REPEAT"], cp_plans=plans)["D-CP-REPEAT"]
    assert (
        evidence == "Third CP plan, started 3 March 2025; previous plan 1 May 2022 to 30 June 2023"
    )


def referral(start, closed=None, referral_id=1, **extra):
    return {
        "referral_id": referral_id,
        "child_id": 1,
        "referral_date": start,
        "closure_date": closed,
        **extra,
    }


def test_cin_episode_open_over_two_years_is_found_from_the_day_after_the_anniversary():
    referrals = [referral(date(2023, 3, 3))]
    assert found(date(2025, 3, 3), ["D-CIN-LONG"], referrals=referrals) == {}
    assert found(date(2025, 3, 4), ["D-CIN-LONG"], referrals=referrals) == {
        "D-CIN-LONG": (
            date(2025, 3, 4),
            "CIN episode open since the referral of 3 March 2023, 24 months",
        )
    }


def test_a_closed_episode_or_a_looked_after_childs_episode_is_not_cin_drift():
    closed = [referral(date(2023, 3, 3), closed=date(2025, 3, 1))]
    assert found(date(2025, 6, 1), ["D-CIN-LONG"], referrals=closed) == {}
    looked_after = [
        {"episode_id": 1, "child_id": 1, "start_date": date(2024, 1, 8), "reason_new_episode": "S"}
    ]
    open_episode = [referral(date(2023, 3, 3))]
    assert (
        found(date(2025, 6, 1), ["D-CIN-LONG"], referrals=open_episode, lac_episodes=looked_after)
        == {}
    )


def pre_proceedings(start, end=None):
    return {"pre_proceedings_id": 4, "child_id": 1, "start_date": start, "end_date": end}


def test_pre_proceedings_past_16_weeks_from_the_day_after_the_16th_week():
    # Monday 3 March 2025 + 16 weeks = Monday 23 June 2025.
    rows = [pre_proceedings(date(2025, 3, 3))]
    assert found(date(2025, 6, 23), ["D-PRE-PROCEEDINGS"], pre_proceedings=rows) == {}
    assert found(date(2025, 6, 24), ["D-PRE-PROCEEDINGS"], pre_proceedings=rows) == {
        "D-PRE-PROCEEDINGS": (
            date(2025, 6, 24),
            "Pre-proceedings started 3 March 2025, open 16 weeks",
        )
    }


def test_pre_proceedings_that_ended_are_not_found_unless_they_ended_after_the_as_at_date():
    ended = [pre_proceedings(date(2025, 3, 3), end=date(2025, 6, 20))]
    assert found(date(2025, 6, 24), ["D-PRE-PROCEEDINGS"], pre_proceedings=ended) == {}
    ending_later = [pre_proceedings(date(2025, 3, 3), end=date(2025, 6, 30))]
    assert set(found(date(2025, 6, 24), ["D-PRE-PROCEEDINGS"], pre_proceedings=ending_later)) == {
        "D-PRE-PROCEEDINGS"
    }


def test_a_council_may_set_pre_proceedings_at_12_weeks():
    # 3 March 2025 + 12 weeks = 26 May 2025.
    rows = [pre_proceedings(date(2025, 3, 3))]
    result = found(
        date(2025, 5, 27), ["D-PRE-PROCEEDINGS"], "D-PRE-PROCEEDINGS=12W", pre_proceedings=rows
    )
    assert result["D-PRE-PROCEEDINGS"][0] == date(2025, 5, 27)
    assert (
        found(
            date(2025, 5, 26), ["D-PRE-PROCEEDINGS"], "D-PRE-PROCEEDINGS=12W", pre_proceedings=rows
        )
        == {}
    )


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(2019, 1, 1), max_value=date(2026, 12, 31)),
    days_later=st.integers(min_value=0, max_value=1_200),
)
def test_a_plan_is_long_exactly_from_the_day_after_15_calendar_months(start, days_later):
    as_at = start + timedelta(days=days_later)
    anniversary = add_months(start, 15)
    result = found(as_at, ["D-CP-PLAN-LONG"], cp_plans=[cp_plan(start)])
    if as_at > anniversary:
        assert result["D-CP-PLAN-LONG"][0] == anniversary + timedelta(days=1)
    else:
        assert result == {}
