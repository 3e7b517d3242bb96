"""Drift rules at the front door: repeated contacts with no referral, re-referrals within 12
months and re-referrals within 6 months of a step-down. Dates worked out by hand."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sightline.engine.dataset import Dataset
from sightline.engine.findings import evaluate_findings
from sightline.standards.drift import drift_rulebook

UK = ZoneInfo("Europe/London")
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


def contacts(*days):
    return [
        {
            "contact_id": n,
            "child_id": 1,
            "received_at": datetime(day.year, day.month, day.day, 10, tzinfo=UK),
        }
        for n, day in enumerate(days, start=1)
    ]


def referral(referral_id, start, closed=None, **extra):
    return {
        "referral_id": referral_id,
        "child_id": 1,
        "referral_date": start,
        "closure_date": closed,
        **extra,
    }


REPEAT = ["D-REPEAT-CONTACTS"]
# As at Monday 31 March 2025 the 12 months run from 1 April 2024 to 31 March 2025.
AS_AT = date(2025, 3, 31)
THREE = (date(2024, 4, 1), date(2024, 9, 2), date(2025, 3, 3))


def test_three_contacts_in_12_months_and_no_referral_is_critical_from_the_third():
    frame = evaluate_findings(
        Dataset.from_frames(children=CHILD, contacts=contacts(*THREE)), AS_AT, rule_ids=REPEAT
    )
    assert frame.select("rule_id", "severity", "since", "evidence", "record_id").rows() == [
        (
            "D-REPEAT-CONTACTS",
            "critical",
            date(2025, 3, 3),
            "3 contacts in the 12 months to 31 March 2025 (first 1 April 2024, latest "
            "3 March 2025) and no referral",
            3,
        )
    ]


def test_a_contact_on_the_day_12_months_before_is_outside_the_window():
    days = (date(2024, 3, 31), date(2024, 9, 2), date(2025, 3, 3))
    assert found(AS_AT, REPEAT, contacts=contacts(*days)) == {}


def test_the_finding_lapses_when_the_first_contact_leaves_the_window():
    # As at 1 April 2025 the window starts on 2 April 2024: two contacts remain.
    assert set(found(AS_AT, REPEAT, contacts=contacts(*THREE))) == {"D-REPEAT-CONTACTS"}
    assert found(date(2025, 4, 1), REPEAT, contacts=contacts(*THREE)) == {}


def test_two_contacts_are_not_enough_and_a_council_may_lower_the_count_to_two():
    days = (date(2024, 9, 2), date(2025, 3, 3))
    assert found(AS_AT, REPEAT, contacts=contacts(*days)) == {}
    since, _ = found(AS_AT, REPEAT, "D-REPEAT-CONTACTS=2", contacts=contacts(*days))[REPEAT[0]]
    assert since == date(2025, 3, 3)


def test_a_referral_open_in_the_window_means_the_contacts_were_put_together():
    open_referral = [referral(1, date(2023, 6, 1))]
    assert found(AS_AT, REPEAT, contacts=contacts(*THREE), referrals=open_referral) == {}
    closed_in_window = [referral(1, date(2024, 1, 8), closed=date(2024, 4, 1))]
    assert found(AS_AT, REPEAT, contacts=contacts(*THREE), referrals=closed_in_window) == {}


def test_a_no_further_action_referral_without_closure_ends_on_its_decision():
    decided_in_window = [
        referral(1, date(2024, 4, 1), decided_on=date(2024, 4, 2), no_further_action=True)
    ]
    assert found(AS_AT, REPEAT, contacts=contacts(*THREE), referrals=decided_in_window) == {}


def test_since_waits_for_the_last_referral_to_leave_the_window():
    # Closed 31 March 2024: outside this window, but inside every window before 31 March 2025
    # (31 March 2024 + 12 months), so the rule has held only since then.
    closed_before = [referral(1, date(2024, 1, 8), closed=date(2024, 3, 31))]
    result = found(AS_AT, REPEAT, contacts=contacts(*THREE), referrals=closed_before)
    assert result["D-REPEAT-CONTACTS"][0] == date(2025, 3, 31)


def test_contacts_received_after_the_as_at_date_are_unknown():
    days = (date(2024, 9, 2), date(2025, 3, 3), date(2025, 4, 2))
    assert found(AS_AT, REPEAT, contacts=contacts(*days)) == {}


RE = ["D-REREFERRAL"]


def test_open_referral_within_12_months_of_the_previous_is_a_re_referral_from_its_date():
    referrals = [
        referral(1, date(2024, 10, 1), closed=date(2024, 12, 1)),
        referral(2, date(2025, 3, 3)),
    ]
    assert found(date(2025, 3, 3), RE, referrals=referrals) == {
        "D-REREFERRAL": (
            date(2025, 3, 3),
            "Referral of 3 March 2025, 5 months after the referral of 1 October 2024",
        )
    }
    assert found(date(2025, 3, 2), RE, referrals=referrals) == {}


def test_re_referral_window_includes_the_anniversary_and_not_the_day_after():
    on_anniversary = [
        referral(1, date(2024, 3, 3), closed=date(2024, 5, 1)),
        referral(2, date(2025, 3, 3)),
    ]
    assert set(found(date(2025, 3, 10), RE, referrals=on_anniversary)) == {"D-REREFERRAL"}
    day_after = [
        referral(1, date(2024, 3, 2), closed=date(2024, 5, 1)),
        referral(2, date(2025, 3, 3)),
    ]
    assert found(date(2025, 3, 10), RE, referrals=day_after) == {}


def test_a_closed_re_referral_and_a_first_referral_are_not_findings():
    closed = [
        referral(1, date(2024, 10, 1), closed=date(2024, 12, 1)),
        referral(2, date(2025, 3, 3), closed=date(2025, 3, 7)),
    ]
    assert found(date(2025, 3, 10), RE, referrals=closed) == {}
    assert found(date(2025, 3, 10), RE, referrals=[referral(1, date(2025, 3, 3))]) == {}


def test_re_referral_is_a_national_measure_and_cannot_be_overridden():
    with pytest.raises(ValueError, match="D-REREFERRAL .* national return standard"):
        drift_rulebook("D-REREFERRAL=6M")


STEP = ["D-STEP-DOWN"]


def test_re_referred_6_months_to_the_day_after_stepping_down_is_found():
    referrals = [
        referral(1, date(2024, 7, 1), closed=date(2024, 10, 1), closure_reason="RC9"),
        referral(2, date(2025, 4, 1)),
    ]
    assert found(date(2025, 4, 1), STEP, referrals=referrals) == {
        "D-STEP-DOWN": (
            date(2025, 4, 1),
            "Stepped down to early help 1 October 2024; referred again 1 April 2025, "
            "6 months later",
        )
    }


def test_re_referred_a_day_more_than_6_months_after_stepping_down_is_not():
    referrals = [
        referral(1, date(2024, 7, 1), closed=date(2024, 10, 1), closure_reason="RC9"),
        referral(2, date(2025, 4, 2)),
    ]
    assert found(date(2025, 4, 2), STEP, referrals=referrals) == {}


def test_a_step_down_recorded_as_the_assessment_outcome_counts_too():
    referrals = [
        referral(1, date(2024, 7, 1), closed=date(2024, 10, 1), closure_reason="RC8"),
        referral(2, date(2025, 1, 6)),
    ]
    assessments = [
        {
            "assessment_id": 1,
            "referral_id": 1,
            "child_id": 1,
            "start_date": date(2024, 7, 1),
            "authorised_on": date(2024, 9, 20),
            "outcome": "EARLY_HELP",
        }
    ]
    since, _ = found(date(2025, 1, 6), STEP, referrals=referrals, assessments=assessments)[
        "D-STEP-DOWN"
    ]
    assert since == date(2025, 1, 6)


def test_a_closure_that_was_not_a_step_down_is_not_found():
    referrals = [
        referral(1, date(2024, 7, 1), closed=date(2024, 10, 1), closure_reason="RC7"),
        referral(2, date(2025, 1, 6)),
    ]
    assert found(date(2025, 1, 6), STEP, referrals=referrals) == {}


def test_a_council_may_widen_the_step_down_window_to_9_months():
    referrals = [
        referral(1, date(2024, 7, 1), closed=date(2024, 10, 1), closure_reason="RC9"),
        referral(2, date(2025, 7, 1)),
    ]
    assert found(date(2025, 7, 1), STEP, referrals=referrals) == {}
    assert set(found(date(2025, 7, 1), STEP, "D-STEP-DOWN=9M", referrals=referrals)) == {
        "D-STEP-DOWN"
    }


def test_a_step_down_re_referral_is_unknown_the_day_before_it_was_made():
    referrals = [
        referral(1, date(2024, 7, 1), closed=date(2024, 10, 1), closure_reason="RC9"),
        referral(2, date(2025, 1, 6)),
    ]
    assert found(date(2025, 1, 5), STEP, referrals=referrals) == {}
    assert set(found(date(2025, 1, 6), STEP, referrals=referrals)) == {"D-STEP-DOWN"}
