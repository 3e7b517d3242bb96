"""The CIN census as an engine `Dataset`: what each census record becomes."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from sightline.returns.cin import read_census
from sightline.returns.cin.dataset import census_dataset
from sightline.returns.cin.synthetic import census_xml, example_children


def dataset():
    return census_dataset(read_census(BytesIO(census_xml(example_children()).encode())))


def test_children_and_referrals_keep_file_order_and_dates():
    data = dataset()
    assert data["children"]["la_child_id"].to_list() == ["A1", "B2", "C3"]
    assert data["children"]["expected_date_of_birth"].to_list() == [None, date(2026, 5, 10), None]
    referrals = data["referrals"]
    assert referrals.select(
        "referral_id", "child_id", "referral_date", "no_further_action"
    ).rows() == [
        (0, 0, date(2025, 4, 10), True),
        (1, 0, date(2025, 5, 1), False),
        (2, 1, date(2026, 1, 12), False),
        (3, 2, date(2025, 11, 3), False),
    ]


def test_modules_point_at_their_referral():
    data = dataset()
    assert data["assessments"].select("child_id", "referral_id").rows() == [(0, 1), (1, 2), (2, 3)]
    assert data["cp_plans"].select("referral_id", "start_date", "end_date").rows() == [
        (1, date(2025, 5, 22), date(2025, 9, 1))
    ]
    assert data["cin_plans"].select("child_id", "referral_id", "start_date").rows() == [
        (0, 1, date(2025, 9, 1)),
        (2, 3, date(2025, 12, 15)),
    ]


def test_s47_gives_a_strategy_discussion_on_its_start_date():
    data = dataset()
    assert data["strategy_discussions"].select("held_on", "decision").rows() == [
        (date(2025, 5, 2), "S47")
    ]
    assert data["section47_enquiries"]["icpc_required"].to_list() == [True]


def test_initial_conference_that_starts_a_plan_and_review_conference():
    conferences = dataset()["conferences"]
    assert conferences.select("kind", "date", "outcome", "plan_id", "s47_id").rows() == [
        ("INITIAL", date(2025, 5, 22), "PLAN", 0, 0),
        ("REVIEW", date(2025, 8, 14), None, 0, None),
    ]


def test_frames_the_census_cannot_carry_are_empty():
    data = dataset()
    assert data["contacts"].height == 0
    assert data["visits"].height == 0
    assert data.source == "CIN census"


def test_engine_clocks_run_on_the_census():
    from sightline.engine.deadlines import evaluate_deadlines

    deadlines = evaluate_deadlines(dataset(), as_at=date(2026, 3, 31))
    icpc = deadlines.filter(deadlines["rule_id"] == "T-ICPC").row(0, named=True)
    # Strategy discussion (S47 start) Friday 2 May 2025; 15 working days, skipping the
    # 26 May bank holiday, is Tuesday 27 May; the conference on 22 May met it.
    assert (icpc["clock_start"], icpc["due"], icpc["met_on"], icpc["status"]) == (
        date(2025, 5, 2),
        date(2025, 5, 27),
        date(2025, 5, 22),
        "met",
    )
