"""Drift rules on stability and the child's voice: 3+ workers in 12 months, 3+ placements in
12 months and a child not seen alone at the last 3 visits. Dates worked out by hand."""

from datetime import date

from sightline.engine.dataset import Dataset
from sightline.engine.findings import evaluate_findings
from sightline.standards.drift import drift_rulebook


def found(as_at, rules, overrides=None, born=date(2015, 4, 1), **frames):
    """{rule_id: (since, evidence)} for child 1, evaluating only ``rules``."""
    frame = evaluate_findings(
        Dataset.from_frames(children=[{"child_id": 1, "date_of_birth": born}], **frames),
        as_at,
        drift_rulebook(overrides),
        rule_ids=rules,
    )
    return {
        row["rule_id"]: (row["since"], row["evidence"])
        for row in frame.filter(frame["child_id"] == 1).iter_rows(named=True)
    }


WORKERS = [
    {"worker_id": 11, "name": "Ann One", "team_id": 5},
    {"worker_id": 12, "name": "Bob Two", "team_id": 5},
    {"worker_id": 13, "name": "Cat Three", "team_id": 5},
]


def allocation(allocation_id, worker_id, start, end=None):
    return {
        "allocation_id": allocation_id,
        "child_id": 1,
        "team_id": 5,
        "worker_id": worker_id,
        "start_date": start,
        "end_date": end,
    }


CHANGES = ["D-WORKER-CHANGES"]
AS_AT = date(2025, 3, 31)  # the 12 months to it start on 1 April 2024


def three_workers(first_ended=date(2024, 5, 10)):
    return [
        allocation(1, 11, date(2024, 1, 2), first_ended),
        allocation(2, 12, date(2024, 5, 11), date(2024, 9, 2)),
        allocation(3, 13, date(2024, 9, 3)),
    ]


def test_three_workers_in_12_months_is_found_from_the_third_allocation():
    assert found(AS_AT, CHANGES, allocations=three_workers(), workers=WORKERS) == {
        "D-WORKER-CHANGES": (
            date(2024, 9, 3),
            "3 workers allocated in the 12 months to 31 March 2025: Ann One, Bob Two, "
            "Cat Three (3 of them by 3 September 2024)",
        )
    }


def test_a_worker_whose_allocation_ended_12_months_before_is_not_counted():
    rows = three_workers(first_ended=date(2024, 3, 31))
    assert found(AS_AT, CHANGES, allocations=rows, workers=WORKERS) == {}
    rows = three_workers(first_ended=date(2024, 4, 1))
    assert set(found(AS_AT, CHANGES, allocations=rows, workers=WORKERS)) == {"D-WORKER-CHANGES"}


def test_the_same_worker_allocated_twice_counts_once():
    rows = [
        allocation(1, 11, date(2024, 4, 2), date(2024, 6, 1)),
        allocation(2, 12, date(2024, 6, 2), date(2024, 9, 2)),
        allocation(3, 11, date(2024, 9, 3)),
    ]
    assert found(AS_AT, CHANGES, allocations=rows, workers=WORKERS) == {}


def test_a_child_no_longer_allocated_has_no_worker_changes_finding():
    rows = three_workers()
    rows[2] = allocation(3, 13, date(2024, 9, 3), date(2025, 3, 1))
    assert found(AS_AT, CHANGES, allocations=rows, workers=WORKERS) == {}


def test_a_council_may_count_two_workers_or_four():
    rows = three_workers()
    since, _ = found(AS_AT, CHANGES, "D-WORKER-CHANGES=2", allocations=rows, workers=WORKERS)[
        "D-WORKER-CHANGES"
    ]
    assert since == date(2024, 5, 11)
    assert found(AS_AT, CHANGES, "D-WORKER-CHANGES=4", allocations=rows, workers=WORKERS) == {}


def episode(episode_id, start, end, reason="P"):
    return {
        "episode_id": episode_id,
        "child_id": 1,
        "start_date": start,
        "end_date": end,
        "reason_new_episode": reason,
        "legal_status": "C2",
        "placement_type": "U3",
    }


PLACEMENTS = ["D-PLACEMENTS"]


def three_placements(second_reason="P"):
    return [
        episode(1, date(2024, 2, 1), date(2024, 5, 1), reason="S"),
        episode(2, date(2024, 5, 1), date(2024, 9, 2), reason=second_reason),
        episode(3, date(2024, 9, 2), None),
    ]


def test_three_placements_in_12_months_is_found_from_the_third():
    assert found(AS_AT, PLACEMENTS, lac_episodes=three_placements()) == {
        "D-PLACEMENTS": (
            date(2024, 9, 2),
            "3 placements in the 12 months to 31 March 2025, begun 1 February 2024, "
            "1 May 2024, 2 September 2024",
        )
    }


def test_a_placement_that_ended_12_months_before_drops_out():
    # As at 1 May 2025 the window starts on 2 May 2024: the first placement ended on 1 May.
    assert found(date(2025, 5, 1), PLACEMENTS, lac_episodes=three_placements()) == {}


def test_a_change_of_legal_status_alone_is_not_a_move():
    assert found(AS_AT, PLACEMENTS, lac_episodes=three_placements(second_reason="L")) == {}


def test_a_child_who_has_left_care_has_no_placements_finding():
    rows = three_placements()
    rows[2] = episode(3, date(2024, 9, 2), date(2025, 3, 1))
    assert found(AS_AT, PLACEMENTS, lac_episodes=rows) == {}


ALONE = ["D-SEEN-ALONE"]
PLAN = [{"plan_id": 1, "child_id": 1, "start_date": date(2025, 1, 6)}]


def visit(visit_id, day, alone, seen=True, kind="CP"):
    return {
        "visit_id": visit_id,
        "child_id": 1,
        "date": day,
        "kind": kind,
        "child_seen": seen,
        "seen_alone": alone,
    }


VISITS = [
    visit(1, date(2025, 1, 13), True),
    visit(2, date(2025, 1, 27), False),
    visit(3, date(2025, 2, 10), None),
    visit(4, date(2025, 2, 24), False),
]


def test_not_seen_alone_at_the_last_three_visits_is_found_from_the_third():
    assert found(date(2025, 2, 24), ALONE, cp_plans=PLAN, visits=VISITS) == {
        "D-SEEN-ALONE": (
            date(2025, 2, 24),
            "Not seen alone at the last 3 visits (latest 24 February 2025); "
            "last seen alone 13 January 2025",
        )
    }


def test_two_visits_not_seen_alone_are_not_enough():
    assert found(date(2025, 2, 23), ALONE, cp_plans=PLAN, visits=VISITS) == {}


def test_a_longer_run_keeps_the_date_the_run_reached_three():
    visits = [*VISITS, visit(5, date(2025, 3, 10), False)]
    since, evidence = found(date(2025, 3, 10), ALONE, cp_plans=PLAN, visits=visits)["D-SEEN-ALONE"]
    assert since == date(2025, 2, 24)
    assert evidence.startswith("Not seen alone at the last 4 visits (latest 10 March 2025)")


def test_being_seen_alone_again_ends_the_finding():
    visits = [*VISITS, visit(5, date(2025, 3, 10), True)]
    assert found(date(2025, 3, 10), ALONE, cp_plans=PLAN, visits=visits) == {}


def test_visits_where_the_child_was_not_seen_or_by_someone_else_do_not_count():
    visits = [
        *VISITS[:3],
        visit(4, date(2025, 2, 24), False, seen=False),
        visit(5, date(2025, 2, 25), False, kind="IRO"),
    ]
    assert found(date(2025, 3, 1), ALONE, cp_plans=PLAN, visits=visits) == {}


def test_a_child_never_seen_alone_says_so():
    visits = [
        visit(n, day, False)
        for n, day in enumerate((date(2025, 1, 13), date(2025, 1, 27), date(2025, 2, 10)), start=1)
    ]
    assert found(date(2025, 2, 10), ALONE, cp_plans=PLAN, visits=visits)["D-SEEN-ALONE"] == (
        date(2025, 2, 10),
        "Not seen alone at the last 3 visits (latest 10 February 2025); "
        "never recorded as seen alone",
    )


def test_under_threes_and_children_with_no_open_plan_are_not_found():
    # Born 25 February 2022: 3 on 25 February 2025, a day after the as-at date.
    assert (
        found(date(2025, 2, 24), ALONE, born=date(2022, 2, 25), cp_plans=PLAN, visits=VISITS) == {}
    )
    assert set(
        found(date(2025, 2, 24), ALONE, born=date(2022, 2, 24), cp_plans=PLAN, visits=VISITS)
    ) == {"D-SEEN-ALONE"}
    ended = [{**PLAN[0], "end_date": date(2025, 2, 20)}]
    assert found(date(2025, 2, 24), ALONE, cp_plans=ended, visits=VISITS) == {}


def test_a_council_may_look_at_the_last_two_visits():
    since, _ = found(date(2025, 2, 24), ALONE, "D-SEEN-ALONE=2", cp_plans=PLAN, visits=VISITS)[
        "D-SEEN-ALONE"
    ]
    assert since == date(2025, 2, 10)


def test_worker_changes_are_unknown_until_the_third_worker_is_allocated():
    rows = three_workers()
    assert found(date(2024, 9, 2), CHANGES, allocations=rows, workers=WORKERS) == {}
    since, _ = found(date(2024, 9, 3), CHANGES, allocations=rows, workers=WORKERS)[
        "D-WORKER-CHANGES"
    ]
    assert since == date(2024, 9, 3)


def test_placements_are_unknown_until_the_third_placement_begins():
    # As at 1 September 2024 the second placement had not yet ended (its end is unknown).
    assert found(date(2024, 9, 1), PLACEMENTS, lac_episodes=three_placements()) == {}
    since, _ = found(date(2024, 9, 2), PLACEMENTS, lac_episodes=three_placements())["D-PLACEMENTS"]
    assert since == date(2024, 9, 2)
