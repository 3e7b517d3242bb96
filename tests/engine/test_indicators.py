"""Indicators on small hand-built datasets: numerator, denominator and value worked out by hand.

Dates are in 2025; the as-at date is Monday 31 March 2025, so the 12-month period is
1 April 2024 to 31 March 2025. Working days skip weekends and England's bank holidays.
"""

from datetime import UTC, date, datetime

import polars as pl
import pytest

from sightline.engine.dataset import Dataset
from sightline.engine.indicators import NOT_AVAILABLE, evaluate_indicators

AS_AT = date(2025, 3, 31)


def figures(dataset, indicator_id, *, as_at=AS_AT, level="council", population=1000):
    result = evaluate_indicators(dataset, as_at, child_population=population)
    row = result.values.filter(
        (pl.col("indicator_id") == indicator_id) & (pl.col("level") == level)
    ).row(0, named=True)
    return row["numerator"], row["denominator"], row["value"]


def at(y, m, d, h=10):
    return datetime(y, m, d, h, tzinfo=UTC)


def test_contacts_per_10000_counts_contacts_received_in_the_12_months():
    ds = Dataset.from_frames(
        contacts=[
            {"contact_id": 1, "child_id": 1, "received_at": at(2024, 4, 1)},
            {"contact_id": 2, "child_id": 1, "received_at": at(2025, 3, 31)},
            {"contact_id": 3, "child_id": 2, "received_at": at(2024, 3, 31)},  # before period
        ]
    )
    # 2 contacts / 1,000 children x 10,000 = 20.
    assert figures(ds, "K-CONTACTS") == (2, 1000, 20.0)


def test_contact_decisions_on_time_by_due_date_and_undecided_past_due_counts_against():
    ds = Dataset.from_frames(
        contacts=[
            # Mon 3 Mar 10:00, due Tue 4 Mar; decided Tue: on time.
            {
                "contact_id": 1,
                "child_id": 1,
                "received_at": at(2025, 3, 3),
                "decided_at": at(2025, 3, 4),
                "decision": "NFA",
            },
            # Mon 10 Mar, due Tue 11 Mar; decided Wed 12: late.
            {
                "contact_id": 2,
                "child_id": 2,
                "received_at": at(2025, 3, 10),
                "decided_at": at(2025, 3, 12),
                "decision": "REFERRAL",
            },
            # Mon 17 Mar, due Tue 18; never decided: overdue, counts against.
            {"contact_id": 3, "child_id": 3, "received_at": at(2025, 3, 17)},
            # Mon 31 Mar, due Tue 1 Apr: not yet due, not counted.
            {"contact_id": 4, "child_id": 4, "received_at": at(2025, 3, 31)},
        ]
    )
    num, den, value = figures(ds, "K-CONTACT-1WD")
    assert (num, den) == (1, 3)
    assert value == pytest.approx(100 / 3)


def test_conversion_is_referral_and_strategy_decisions_of_contacts_decided():
    ds = Dataset.from_frames(
        contacts=[
            {
                "contact_id": 1,
                "child_id": 1,
                "received_at": at(2025, 1, 6),
                "decided_at": at(2025, 1, 6),
                "decision": "REFERRAL",
            },
            {
                "contact_id": 2,
                "child_id": 2,
                "received_at": at(2025, 1, 6),
                "decided_at": at(2025, 1, 6),
                "decision": "STRATEGY",
            },
            {
                "contact_id": 3,
                "child_id": 3,
                "received_at": at(2025, 1, 6),
                "decided_at": at(2025, 1, 7),
                "decision": "ADVICE",
            },
            {
                "contact_id": 4,
                "child_id": 4,
                "received_at": at(2025, 1, 6),
                "decided_at": at(2025, 1, 7),
                "decision": "NFA",
            },
        ]
    )
    assert figures(ds, "K-CONVERSION") == (2, 4, 50.0)


def _referral(rid, child, day, **extra):
    return {"referral_id": rid, "child_id": child, "referral_date": day, **extra}


def test_referrals_rereferrals_and_nfa():
    ds = Dataset.from_frames(
        referrals=[
            _referral(1, 1, date(2024, 2, 1)),  # before the period: not counted, but earlier
            _referral(2, 1, date(2024, 12, 1)),  # within 12 months of 1 Feb 2024: re-referral
            _referral(3, 2, date(2024, 6, 1), decided_on=date(2024, 6, 2), no_further_action=True),
            _referral(4, 2, date(2025, 7, 1)),  # after the as-at date: unknown
            _referral(5, 3, date(2025, 3, 1)),
        ]
    )
    assert figures(ds, "K-REFERRALS") == (3, 1000, 30.0)
    num, den, value = figures(ds, "K-REREFERRAL")
    assert (num, den) == (1, 3)
    num, den, value = figures(ds, "K-REFERRAL-NFA")
    assert (num, den) == (1, 3)
    assert value == pytest.approx(100 / 3)


def test_referral_nfa_decided_after_the_as_at_date_is_not_yet_nfa():
    ds = Dataset.from_frames(
        referrals=[
            _referral(1, 1, date(2025, 3, 28), decided_on=date(2025, 4, 1), no_further_action=True)
        ]
    )
    assert figures(ds, "K-REFERRAL-NFA") == (0, 1, 0.0)


def test_assessments_within_45_working_days_of_their_start_not_the_referral():
    ds = Dataset.from_frames(
        referrals=[_referral(1, 1, date(2024, 9, 2)), _referral(2, 2, date(2024, 11, 4))],
        assessments=[
            # Referral 2 Sep; start Fri 1 Nov; 45 WD on: 20 in November from the 4th, 20 in
            # December (Christmas and Boxing Day skipped), then 2, 3, 6, 7, 8 January (New
            # Year skipped): due 8 Jan. Authorised 8 Jan: on time, though long after referral.
            {
                "assessment_id": 1,
                "referral_id": 1,
                "child_id": 1,
                "start_date": date(2024, 11, 1),
                "authorised_on": date(2025, 1, 8),
                "outcome": "CIN_PLAN",
            },
            # Start Mon 4 Nov; 19 + 20 + 6 working days: due 9 Jan 2025; authorised 10 Jan.
            {
                "assessment_id": 2,
                "referral_id": 2,
                "child_id": 2,
                "start_date": date(2024, 11, 4),
                "authorised_on": date(2025, 1, 10),
                "outcome": "NFA",
            },
        ],
    )
    assert figures(ds, "K-ASSESS-45") == (1, 2, 50.0)
    assert figures(ds, "K-ASSESS-NOT-IN-NEED") == (1, 2, 50.0)


def test_repeat_contacts_three_in_twelve_months_without_a_referral():
    contacts = [
        {"contact_id": n, "child_id": child, "received_at": at(*day)}
        for n, (child, day) in enumerate(
            [
                (1, (2024, 5, 1)),
                (1, (2024, 9, 1)),
                (1, (2025, 3, 1)),  # 3: counts
                (2, (2024, 5, 1)),
                (2, (2024, 9, 1)),
                (2, (2025, 3, 1)),  # 3 but referred
                (3, (2024, 3, 1)),
                (3, (2024, 9, 1)),
                (3, (2025, 3, 1)),
            ],  # one before period
            start=1,
        )
    ]
    ds = Dataset.from_frames(contacts=contacts, referrals=[_referral(1, 2, date(2024, 9, 2))])
    result = evaluate_indicators(ds, AS_AT)
    row = result.values.filter(
        (pl.col("indicator_id") == "K-REPEAT-CONTACT") & (pl.col("level") == "council")
    ).row(0, named=True)
    assert (row["numerator"], row["denominator"], row["value"]) == (1, None, 1)
    assert result.children("K-REPEAT-CONTACT").numerator == [1]


def test_s47_and_icpc_within_15_working_days_of_the_strategy_discussion():
    ds = Dataset.from_frames(
        strategy_discussions=[
            {"strategy_id": 1, "child_id": 1, "held_on": date(2025, 1, 6)},
            {"strategy_id": 2, "child_id": 2, "held_on": date(2025, 1, 6)},
        ],
        section47_enquiries=[
            # 15 WD from Mon 6 Jan is Mon 27 Jan.
            {"s47_id": 1, "child_id": 1, "strategy_id": 1, "start_date": date(2025, 1, 7)},
            {"s47_id": 2, "child_id": 2, "strategy_id": 2, "start_date": date(2025, 1, 7)},
        ],
        conferences=[
            {
                "conference_id": 1,
                "child_id": 1,
                "s47_id": 1,
                "kind": "INITIAL",
                "date": date(2025, 1, 27),
            },
            {
                "conference_id": 2,
                "child_id": 2,
                "s47_id": 2,
                "kind": "INITIAL",
                "date": date(2025, 1, 28),
            },
        ],
    )
    assert figures(ds, "K-S47") == (2, 1000, 20.0)
    assert figures(ds, "K-ICPC-15") == (1, 2, 50.0)


def test_cp_plans_rate_repeat_and_two_years():
    ds = Dataset.from_frames(
        cp_plans=[
            {
                "plan_id": 1,
                "child_id": 1,
                "start_date": date(2021, 1, 1),
                "end_date": date(2023, 6, 1),
            },
            # Second plan for child 1, started in the period, still open: repeat, on a plan.
            {"plan_id": 2, "child_id": 1, "start_date": date(2024, 5, 1)},
            # First plan for child 2, 1 Jan 2023 to 1 Feb 2025: ended in period, over 2 years.
            {
                "plan_id": 3,
                "child_id": 2,
                "start_date": date(2023, 1, 1),
                "end_date": date(2025, 2, 1),
            },
            # Child 3: started and ended in the period, 3 months.
            {
                "plan_id": 4,
                "child_id": 3,
                "start_date": date(2024, 6, 1),
                "end_date": date(2024, 9, 1),
            },
        ]
    )
    assert figures(ds, "K-CPP-RATE") == (1, 1000, 10.0)
    assert figures(ds, "K-CPP-REPEAT") == (1, 2, 50.0)
    assert figures(ds, "K-CPP-2YR") == (1, 2, 50.0)


def test_cp_plan_reviews_on_time_for_plans_of_three_months_or_more():
    ds = Dataset.from_frames(
        cp_plans=[
            {"plan_id": 1, "child_id": 1, "start_date": date(2024, 10, 1)},  # RCPC-1 due 1 Jan
            {"plan_id": 2, "child_id": 2, "start_date": date(2024, 10, 1)},
            {"plan_id": 3, "child_id": 3, "start_date": date(2025, 2, 1)},  # under 3 months
        ],
        conferences=[
            {
                "conference_id": 1,
                "child_id": 1,
                "plan_id": 1,
                "kind": "REVIEW",
                "date": date(2024, 12, 20),
            },
            {
                "conference_id": 2,
                "child_id": 2,
                "plan_id": 2,
                "kind": "REVIEW",
                "date": date(2025, 1, 10),
            },  # late
        ],
    )
    assert figures(ds, "K-CPP-REVIEW") == (1, 2, 50.0)


def test_cp_visit_plan_days_are_uncovered_from_the_day_after_due_until_the_visit():
    # Plan from Mon 3 Mar; T-CP-VISIT 10 WD: due Mon 17 Mar. Visit Thu 20 Mar: 18 and 19 Mar
    # uncovered (2 days). Next due 10 WD after 20 Mar: 3 Apr, after the as-at date.
    # Plan days 3..31 Mar = 29; covered 27.
    ds = Dataset.from_frames(
        cp_plans=[{"plan_id": 1, "child_id": 1, "start_date": date(2025, 3, 3)}],
        visits=[
            {
                "visit_id": 1,
                "child_id": 1,
                "date": date(2025, 3, 20),
                "kind": "CP",
                "child_seen": True,
                "seen_alone": True,
            }
        ],
        children=[{"child_id": 1, "date_of_birth": date(2015, 1, 1)}],
    )
    num, den, value = figures(ds, "K-CP-VISITS")
    assert (num, den) == (27, 29)
    assert value == pytest.approx(2700 / 29)


def test_seen_alone_counts_cp_visits_to_children_aged_four_or_more():
    ds = Dataset.from_frames(
        children=[
            {"child_id": 1, "date_of_birth": date(2015, 1, 1)},
            {"child_id": 2, "date_of_birth": date(2023, 1, 1)},  # aged 2: not counted
        ],
        visits=[
            {
                "visit_id": 1,
                "child_id": 1,
                "date": date(2025, 1, 6),
                "kind": "CP",
                "child_seen": True,
                "seen_alone": True,
            },
            {
                "visit_id": 2,
                "child_id": 1,
                "date": date(2025, 2, 6),
                "kind": "CP",
                "child_seen": True,
                "seen_alone": False,
            },
            {
                "visit_id": 3,
                "child_id": 2,
                "date": date(2025, 2, 6),
                "kind": "CP",
                "child_seen": True,
                "seen_alone": False,
            },
            {
                "visit_id": 4,
                "child_id": 1,
                "date": date(2025, 2, 7),
                "kind": "CIN",
                "child_seen": True,
                "seen_alone": True,
            },
        ],
    )
    assert figures(ds, "K-SEEN-ALONE") == (1, 2, 50.0)


def _episode(eid, child, start, end=None, reason="S", placement="U3", legal="C2"):
    return {
        "episode_id": eid,
        "child_id": child,
        "start_date": start,
        "end_date": end,
        "reason_new_episode": reason,
        "placement_type": placement,
        "legal_status": legal,
    }


def test_looked_after_rate_and_three_placements_in_the_year():
    ds = Dataset.from_frames(
        lac_episodes=[
            _episode(1, 1, date(2024, 5, 1), date(2024, 8, 1)),
            _episode(2, 1, date(2024, 8, 1), date(2024, 12, 1), reason="P"),
            _episode(3, 1, date(2024, 12, 1), reason="P"),
            _episode(4, 2, date(2024, 5, 1), date(2024, 8, 1)),
            _episode(5, 2, date(2024, 8, 1), reason="L"),  # legal status only: same placement
            _episode(6, 3, date(2023, 1, 1), date(2024, 1, 1)),  # left care before the date
        ]
    )
    assert figures(ds, "K-CLA-RATE") == (2, 1000, 20.0)
    assert figures(ds, "K-CLA-3PLACE") == (1, 2, 50.0)


def test_health_and_dental_for_children_looked_after_twelve_months():
    ds = Dataset.from_frames(
        lac_episodes=[
            _episode(1, 1, date(2023, 1, 1)),
            _episode(2, 2, date(2023, 6, 1)),
            _episode(3, 3, date(2024, 6, 1)),  # under 12 months: not in the population
        ],
        health_assessments=[
            {"health_assessment_id": 1, "child_id": 1, "date": date(2024, 10, 1)},
            {"health_assessment_id": 2, "child_id": 2, "date": date(2024, 3, 1)},  # too old
        ],
        dental_checks=[{"dental_check_id": 1, "child_id": 2, "date": date(2025, 1, 1)}],
    )
    assert figures(ds, "K-HEALTH") == (1, 2, 50.0)
    assert figures(ds, "K-DENTAL") == (1, 2, 50.0)


def test_development_checks_for_under_5s_looked_after_twelve_months():
    # As at 31 March 2025: children 1-3 are under 5 and looked after 12+ months; child 4 turned
    # 5 on 1 March 2025 and child 5 came into care under 12 months ago: neither is counted.
    ds = Dataset.from_frames(
        lac_episodes=[
            _episode(1, 1, date(2023, 1, 1)),
            _episode(2, 2, date(2023, 6, 1)),
            _episode(3, 3, date(2024, 2, 1)),
            _episode(4, 4, date(2022, 1, 1)),
            _episode(5, 5, date(2024, 6, 1)),
        ],
        children=[
            {"child_id": 1, "date_of_birth": date(2022, 5, 1)},
            {"child_id": 2, "date_of_birth": date(2021, 1, 1)},
            {"child_id": 3, "date_of_birth": date(2023, 9, 1)},
            {"child_id": 4, "date_of_birth": date(2020, 3, 1)},
            {"child_id": 5, "date_of_birth": date(2023, 1, 1)},
        ],
        development_checks=[
            {"development_check_id": 1, "child_id": 1, "date": date(2024, 11, 1)},
            {"development_check_id": 2, "child_id": 2, "date": date(2024, 3, 30)},  # too old
            {"development_check_id": 3, "child_id": 3, "date": date(2025, 3, 31)},
            {"development_check_id": 4, "child_id": 4, "date": date(2025, 1, 1)},
            {"development_check_id": 5, "child_id": 5, "date": date(2025, 1, 1)},
        ],
    )
    assert figures(ds, "K-DEV-CHECK") == (2, 3, pytest.approx(200 / 3))


def test_missing_counts_children_in_care_in_the_period_with_a_missing_episode():
    ds = Dataset.from_frames(
        lac_episodes=[
            _episode(1, 1, date(2024, 1, 1)),
            _episode(2, 2, date(2024, 1, 1)),
            _episode(3, 3, date(2024, 1, 1), date(2024, 6, 1)),
            _episode(4, 4, date(2024, 1, 1)),
        ],
        missing_episodes=[
            {
                "missing_id": 1,
                "child_id": 1,
                "kind": "M",
                "start_date": date(2024, 7, 1),
                "end_date": date(2024, 7, 2),
            },
            {
                "missing_id": 2,
                "child_id": 2,
                "kind": "A",
                "start_date": date(2024, 7, 1),
                "end_date": date(2024, 7, 2),
            },  # away, not missing
        ],
    )
    assert figures(ds, "K-MISSING") == (1, 4, 25.0)


def test_proceedings_against_26_weeks_without_extensions():
    ds = Dataset.from_frames(
        care_proceedings=[
            # Issued 1 Jul 2024; 26 weeks is 30 Dec 2024.
            {
                "proceedings_id": 1,
                "child_id": 1,
                "issued_on": date(2024, 7, 1),
                "final_order_on": date(2024, 12, 30),
            },
            # 4 weeks' extension granted does not make it on time here.
            {
                "proceedings_id": 2,
                "child_id": 2,
                "issued_on": date(2024, 7, 1),
                "final_order_on": date(2025, 1, 20),
                "extension_weeks": 4,
            },
            {"proceedings_id": 3, "child_id": 3, "issued_on": date(2024, 7, 1)},  # open
        ]
    )
    assert figures(ds, "K-PROCEEDINGS-26") == (1, 2, 50.0)


def test_care_leavers_aged_19_to_21_in_touch_at_latest_contact():
    ds = Dataset.from_frames(
        children=[
            {"child_id": 1, "date_of_birth": date(2005, 1, 1)},  # 20
            {"child_id": 2, "date_of_birth": date(2004, 6, 1)},  # 20
            {"child_id": 3, "date_of_birth": date(2008, 1, 1)},  # 17: not in population
        ],
        care_leavers=[
            {"child_id": c, "eligibility": "FORMER_RELEVANT", "eligible_from": date(2022, 1, 1)}
            for c in (1, 2, 3)
        ],
        care_leaver_contacts=[
            {"cl_contact_id": 1, "child_id": 1, "date": date(2024, 1, 1), "in_touch": "NO"},
            {"cl_contact_id": 2, "child_id": 1, "date": date(2025, 1, 1), "in_touch": "YES"},
            {"cl_contact_id": 3, "child_id": 2, "date": date(2025, 1, 1), "in_touch": "NO"},
        ],
    )
    assert figures(ds, "K-CL-TOUCH") == (1, 2, 50.0)


def test_adoption_days_averaged_over_three_years():
    ds = Dataset.from_frames(
        lac_episodes=[_episode(1, 1, date(2022, 1, 1)), _episode(2, 2, date(2022, 1, 1))],
        adoptions=[
            # In care 1 Jan 2022, placed 1 Jan 2023: 365 days; order 1 Sep 2022, match
            # 1 Nov 2022: 61 days.
            {
                "adoption_id": 1,
                "child_id": 1,
                "decision_date": date(2022, 6, 1),
                "placement_order_date": date(2022, 9, 1),
                "matched_date": date(2022, 11, 1),
                "placed_date": date(2023, 1, 1),
            },
            # Fostering for adoption on 1 Jul 2022 (181 days) before placement: counts from it.
            {
                "adoption_id": 2,
                "child_id": 2,
                "decision_date": date(2022, 3, 1),
                "placement_order_date": date(2022, 5, 1),
                "matched_date": date(2022, 8, 1),
                "fostering_for_adoption_date": date(2022, 7, 1),
                "placed_date": date(2022, 9, 1),
            },
        ],
    )
    num, den, value = figures(ds, "K-A1")
    assert (num, den, value) == (365 + 181, 2, 273.0)
    num, den, value = figures(ds, "K-A2")
    # 61 days and 92 days (1 May to 1 Aug 2022).
    assert (num, den, value) == (153, 2, 76.5)


def _workforce():
    return dict(
        teams=[
            {"team_id": 10, "name": "East", "service_id": 100},
            {"team_id": 20, "name": "West", "service_id": 100},
        ],
        workers=[
            {"worker_id": 1, "name": "Ed", "role": "SOCIAL_WORKER", "team_id": 10},
            {"worker_id": 2, "name": "Wyn", "role": "SOCIAL_WORKER", "team_id": 20},
            {
                "worker_id": 3,
                "name": "Gone",
                "role": "SOCIAL_WORKER",
                "team_id": 20,
                "left_on": date(2025, 1, 1),
            },
        ],
    )


def test_caseload_unallocated_and_worker_changes():
    ds = Dataset.from_frames(
        **_workforce(),
        referrals=[_referral(r, r, date(2024, 6, 1)) for r in (1, 2, 3, 4)],
        allocations=[
            {
                "allocation_id": 1,
                "child_id": 1,
                "team_id": 10,
                "worker_id": 1,
                "start_date": date(2024, 6, 1),
            },
            {
                "allocation_id": 2,
                "child_id": 2,
                "team_id": 10,
                "worker_id": 1,
                "start_date": date(2024, 6, 1),
            },
            # Child 3: three workers in the year, now with Wyn.
            {
                "allocation_id": 3,
                "child_id": 3,
                "team_id": 20,
                "worker_id": 3,
                "start_date": date(2024, 6, 1),
                "end_date": date(2024, 8, 1),
            },
            {
                "allocation_id": 4,
                "child_id": 3,
                "team_id": 10,
                "worker_id": 1,
                "start_date": date(2024, 8, 2),
                "end_date": date(2024, 10, 1),
            },
            {
                "allocation_id": 5,
                "child_id": 3,
                "team_id": 20,
                "worker_id": 2,
                "start_date": date(2024, 10, 2),
            },
            # Child 4: still allocated to a worker who has left: unallocated.
            {
                "allocation_id": 6,
                "child_id": 4,
                "team_id": 20,
                "worker_id": 3,
                "start_date": date(2024, 6, 1),
            },
        ],
    )
    # Ed holds 2, Wyn 1: 3 children over 2 workers.
    assert figures(ds, "K-CASELOAD") == (3, 2, 1.5)
    assert figures(ds, "K-UNALLOCATED") == (1, 4, 25.0)
    assert figures(ds, "K-WORKER-CHANGES") == (1, 4, 25.0)
    assert figures(ds, "K-CASELOAD", level="team")[:2] == (2, 1)  # East first (team 10)


def test_supervision_counts_practitioners_in_post_without_an_overdue_clock():
    ds = Dataset.from_frames(
        **_workforce(),
        supervisions=[{"supervision_id": 1, "worker_id": 1, "date": date(2025, 3, 20)}],
    )
    # Ed and Wyn are in post; "Gone" left on 1 Jan. With no start date recorded a worker's
    # first clock runs from their first supervision: Ed's from 20 Mar, due 17 Apr (within
    # standard); Wyn has none, so no clock and nothing overdue.
    assert figures(ds, "K-SUPERVISION") == (2, 2, 100.0)


def test_oversight_and_overdue_count_clocks_overdue_on_the_date():
    ds = Dataset.from_frames(
        # Referral 3 Feb 2025; T-OVERSIGHT 30 WD -> due 17 Mar; no oversight: overdue.
        referrals=[
            _referral(1, 1, date(2025, 2, 3), decided_on=date(2025, 2, 3)),
            _referral(2, 2, date(2025, 3, 24), decided_on=date(2025, 3, 24)),
        ],
    )
    assert figures(ds, "K-OVERSIGHT") == (1, 2, 50.0)
    result = evaluate_indicators(ds, AS_AT)
    overdue = result.values.filter(
        (pl.col("indicator_id") == "K-OVERDUE") & (pl.col("level") == "council")
    ).row(0, named=True)
    # Child 1: T-OVERSIGHT and T-ALLOCATION (accepted 3 Feb, due 4 Feb, nobody allocated);
    # child 2: T-ALLOCATION (due 25 Mar).
    assert overdue["numerator"] == 3
    assert result.children("K-OVERDUE").numerator == [1, 2]


def test_unavailable_indicators_report_so_and_no_figures():
    result = evaluate_indicators(Dataset.from_frames(), AS_AT)
    rows = result.values.filter(pl.col("indicator_id") == "K-DISTANCE")
    assert rows["status"].to_list() == [NOT_AVAILABLE]
    assert rows["numerator"].to_list() == [None] and rows["value"].to_list() == [None]
    with pytest.raises(ValueError, match="not available"):
        result.children("K-DISTANCE")


def test_lac_reviews_and_visits_by_due_date_in_the_period():
    ds = Dataset.from_frames(
        lac_episodes=[_episode(1, 1, date(2024, 10, 1))],
        # First review: 20 WD from Tue 1 Oct is Tue 29 Oct; held 28 Oct (on time). Second:
        # 3 months from 28 Oct, due 28 Jan; held 4 Feb (late). Third due 4 Aug: not yet due.
        lac_reviews=[
            {"review_id": 1, "child_id": 1, "date": date(2024, 10, 28)},
            {"review_id": 2, "child_id": 1, "date": date(2025, 2, 4)},
        ],
        # First visit due a week after 1 Oct: 8 Oct, made 7 Oct (on time); next 6 weeks from
        # 7 Oct, due 18 Nov, made 20 Nov (late); next due 1 Jan 2025, never made (overdue).
        visits=[
            {
                "visit_id": 1,
                "child_id": 1,
                "date": date(2024, 10, 7),
                "kind": "LAC",
                "child_seen": True,
            },
            {
                "visit_id": 2,
                "child_id": 1,
                "date": date(2024, 11, 20),
                "kind": "LAC",
                "child_seen": True,
            },
        ],
    )
    assert figures(ds, "K-LAC-REVIEW") == (1, 2, 50.0)
    num, den, value = figures(ds, "K-LAC-VISITS")
    assert (num, den) == (1, 3)
    assert value == pytest.approx(100 / 3)


def test_return_interviews_offered_within_72_hours_of_the_return():
    ds = Dataset.from_frames(
        missing_episodes=[
            # Returned Mon 6 Jan; 72 hours: due 9 Jan; offered 8 Jan.
            {
                "missing_id": 1,
                "child_id": 1,
                "kind": "M",
                "start_date": date(2025, 1, 5),
                "end_date": date(2025, 1, 6),
                "return_interview_offered_on": date(2025, 1, 8),
            },
            # Returned 3 Feb, due 6 Feb, offered 10 Feb: late.
            {
                "missing_id": 2,
                "child_id": 1,
                "kind": "M",
                "start_date": date(2025, 2, 2),
                "end_date": date(2025, 2, 3),
                "return_interview_offered_on": date(2025, 2, 10),
            },
        ]
    )
    assert figures(ds, "K-RHI") == (1, 2, 50.0)


def test_permanence_plan_recorded_by_the_second_review():
    ds = Dataset.from_frames(
        lac_episodes=[_episode(1, 1, date(2024, 10, 1)), _episode(2, 2, date(2024, 7, 1))],
        lac_reviews=[
            {"review_id": 1, "child_id": 1, "date": date(2024, 10, 28)},
            {"review_id": 2, "child_id": 1, "date": date(2025, 2, 4)},
            {"review_id": 3, "child_id": 2, "date": date(2024, 7, 29)},
            {"review_id": 4, "child_id": 2, "date": date(2024, 10, 20)},
        ],
        permanence_plans=[
            {"permanence_id": 1, "child_id": 1, "recorded_on": date(2025, 2, 1)},  # in time
            {"permanence_id": 2, "child_id": 2, "recorded_on": date(2024, 11, 1)},  # after
        ],
    )
    assert figures(ds, "K-PERMANENCE") == (1, 2, 50.0)


def test_pathway_plan_reviews_within_six_months():
    ds = Dataset.from_frames(
        children=[{"child_id": 1, "date_of_birth": date(2007, 1, 1)}],
        care_leavers=[
            {"child_id": 1, "eligibility": "RELEVANT", "eligible_from": date(2023, 1, 1)}
        ],
        # Plan 15 Jan 2024; review due 15 Jul, held 20 Jul (late); next due 20 Jan 2025,
        # held 10 Jan (on time); next due 10 Jul 2025: not yet due.
        pathway_plans=[
            {"pathway_id": 1, "child_id": 1, "date": date(2024, 1, 15)},
            {"pathway_id": 2, "child_id": 1, "date": date(2024, 7, 20), "is_review": True},
            {"pathway_id": 3, "child_id": 1, "date": date(2025, 1, 10), "is_review": True},
        ],
    )
    assert figures(ds, "K-CL-PATHWAY") == (1, 2, 50.0)


def test_long_term_stability_of_under_16s_in_care_two_and_a_half_years():
    ds = Dataset.from_frames(
        children=[
            {"child_id": c, "date_of_birth": born}
            for c, born in (
                (1, date(2012, 1, 1)),
                (2, date(2012, 1, 1)),
                (3, date(2008, 1, 1)),
                (4, date(2012, 1, 1)),
            )
        ],
        lac_episodes=[
            # In care 4 years; same placement since 1 Jun 2022: stable.
            _episode(1, 1, date(2021, 1, 1), date(2022, 6, 1)),
            _episode(2, 1, date(2022, 6, 1), reason="P"),
            # In care 3 years 3 months; moved 1 Jan 2024: not stable.
            _episode(3, 2, date(2022, 1, 1), date(2024, 1, 1)),
            _episode(4, 2, date(2024, 1, 1), reason="P"),
            _episode(5, 3, date(2020, 1, 1)),  # aged 17: not in the population
            _episode(6, 4, date(2023, 6, 1)),  # under 2.5 years in care
        ],
    )
    assert figures(ds, "K-CLA-STABLE") == (1, 2, 50.0)
