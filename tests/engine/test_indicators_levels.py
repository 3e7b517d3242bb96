"""Attribution of indicator items to services, teams and workers, and the children behind them."""

from datetime import date

import polars as pl

from sightline.engine.dataset import Dataset
from sightline.engine.indicators import UNATTRIBUTED, evaluate_indicators

AS_AT = date(2025, 3, 31)


def _dataset():
    return Dataset.from_frames(
        teams=[
            {"team_id": 10, "name": "East", "service_id": 100},
            {"team_id": 20, "name": "West", "service_id": 100},
        ],
        workers=[
            {"worker_id": 1, "name": "Ed", "role": "SOCIAL_WORKER", "team_id": 10},
            {"worker_id": 2, "name": "Wyn", "role": "SOCIAL_WORKER", "team_id": 20},
        ],
        allocations=[
            # Child 1 moved from Ed (East) to Wyn (West) on 1 Feb.
            {
                "allocation_id": 1,
                "child_id": 1,
                "team_id": 10,
                "worker_id": 1,
                "start_date": date(2024, 6, 1),
                "end_date": date(2025, 1, 31),
            },
            {
                "allocation_id": 2,
                "child_id": 1,
                "team_id": 20,
                "worker_id": 2,
                "start_date": date(2025, 2, 1),
            },
            # Child 2 with Ed throughout.
            {
                "allocation_id": 3,
                "child_id": 2,
                "team_id": 10,
                "worker_id": 1,
                "start_date": date(2024, 6, 1),
            },
        ],
        cp_plans=[
            {"plan_id": 1, "child_id": 1, "start_date": date(2024, 7, 1)},
            {"plan_id": 2, "child_id": 2, "start_date": date(2024, 7, 1)},
            {"plan_id": 3, "child_id": 3, "start_date": date(2024, 7, 1)},  # nobody holds
        ],
        assessments=[
            # Authorised while child 1 was with Ed: counts for East, though now in West.
            {
                "assessment_id": 1,
                "child_id": 1,
                "start_date": date(2024, 11, 1),
                "authorised_on": date(2024, 12, 2),
                "outcome": "CIN_PLAN",
            },
        ],
    )


def _rows(result, indicator_id, level):
    return {
        row["unit"]: (row["numerator"], row["denominator"])
        for row in result.values.filter(
            (pl.col("indicator_id") == indicator_id) & (pl.col("level") == level)
        ).iter_rows(named=True)
    }


def test_children_on_a_date_count_for_the_team_holding_them_that_day():
    result = evaluate_indicators(_dataset(), AS_AT, child_population=1000)
    assert _rows(result, "K-CPP-RATE", "team") == {
        "East": (1, None),
        "West": (1, None),
        UNATTRIBUTED: (1, None),
    }
    assert _rows(result, "K-CPP-RATE", "worker") == {
        "Ed": (1, None),
        "Wyn": (1, None),
        UNATTRIBUTED: (1, None),
    }
    assert _rows(result, "K-CPP-RATE", "service") == {
        "service 100": (2, None),
        UNATTRIBUTED: (1, None),
    }


def test_an_event_counts_for_the_team_holding_the_child_on_the_event_date():
    result = evaluate_indicators(_dataset(), AS_AT)
    assert _rows(result, "K-ASSESS-45", "team") == {"East": (1, 1)}
    assert result.children("K-ASSESS-45", level="team", unit_id=10).numerator == [1]
    assert result.children("K-ASSESS-45", level="team", unit_id=20).numerator == []


def test_a_month_end_before_the_move_attributes_the_child_to_the_earlier_team():
    result = evaluate_indicators(_dataset(), AS_AT, months=3)
    assert [str(day) for day in result.points.days] == ["2025-01-31", "2025-02-28", "2025-03-31"]
    january = result.children("K-CPP-RATE", level="team", unit_id=10, point=0)
    march = result.children("K-CPP-RATE", level="team", unit_id=10, point=2)
    assert (january.numerator, march.numerator) == ([1, 2], [2])


def test_children_behind_council_figure_are_the_numerator_and_denominator():
    result = evaluate_indicators(_dataset(), AS_AT, child_population=1000)
    cp = result.children("K-CPP-RATE")
    assert cp.numerator == [1, 2, 3] and cp.denominator is None
    unattributed = result.children("K-CPP-RATE", level="team", unit_id=None)
    assert unattributed.numerator == [3]
