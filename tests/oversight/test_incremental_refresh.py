"""One-child refreshes recalculate only the rules that read what a write changed.

The map of which rule reads which frame (`engine.deadlines.rules_reading`) is found by running
each rule; these tests hold it to the truth on a seeded council: change a frame, and every rule
the map says does not read it gives exactly the same deadlines.
"""

from datetime import date

import polars as pl
import pytest
from django.db import transaction

from sightline.casework.services import visit_record
from sightline.demo.council import seed_council
from sightline.engine.dataset import SCHEMAS, Dataset
from sightline.engine.deadlines import CHILD_RULE_IDS, EVERY_RULE_FRAMES, rules_reading
from sightline.oversight.dataset_loader import load_dataset
from sightline.oversight.models import Deadline
from sightline.oversight.services import deadlines_evaluate, deadlines_refresh_for_child

SEEDED_AS_AT = date(2026, 3, 31)

pytestmark = pytest.mark.django_db


def test_a_visit_changes_the_visit_rules_and_no_contact_rule():
    visit_rules = rules_reading(["visits"])
    assert {"T-CP-VISIT", "T-CIN-VISIT", "T-LAC-VISIT"} <= set(visit_rules)
    assert "T-CONTACT-DECISION" not in visit_rules
    assert rules_reading(["allocations"]) is None  # the responsible worker of every rule


def test_issue_8_records_change_only_the_clocks_that_wait_for_them():
    assert rules_reading(["care_plans"]) == ("T-CARE-PLAN",)
    assert rules_reading(["placement_plans"]) == ("T-PLACEMENT-PLAN",)
    assert rules_reading(["iro_appointments"]) == ("T-IRO-ALLOCATE",)
    assert rules_reading(["needs_assessments"]) == ("T-NEEDS-ASSESSMENT",)
    assert rules_reading(["leaving_care_accommodation"]) == ("T-PA-VISIT",)
    assert rules_reading(["private_fostering"]) == ("T-PF-VISIT-1", "T-PF-VISIT")
    assert rules_reading(["pre_proceedings"]) == ("T-PRE-PROCEEDINGS-REVIEW",)
    assert rules_reading(["harm_concerns"]) == ("T-STRATEGY-ESCALATION",)
    assert rules_reading(["adoptions"]) == (
        "T-ADOPTION-REVIEW-1",
        "T-ADOPTION-REVIEW",
        "T-ADOPTION-VISIT",
    )
    # A pathway plan review can bring a personal adviser's visit forward.
    assert "T-PA-VISIT" in rules_reading(["pathway_plans"])


@pytest.fixture(scope="module")
def seeded_dataset(django_db_setup, django_db_blocker) -> Dataset:
    """The dataset of a small seeded council (every frame with rows), read then rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_council(population=2500, years=2, seed=4, as_at=SEEDED_AS_AT, la_code="999")
        dataset = load_dataset()
        transaction.set_rollback(True)
    return dataset


# Frames no timescale reads: the indicators read them (K-DEV-CHECK), no clock does.
UNREAD_BY_CLOCKS = {"development_checks"}
FRAMES = sorted(set(SCHEMAS) - EVERY_RULE_FRAMES - {"supervisions"} - UNREAD_BY_CLOCKS)


def test_a_change_to_a_frame_no_clock_reads_refreshes_no_rule():
    assert all(rules_reading([frame]) == () for frame in UNREAD_BY_CLOCKS)


@pytest.mark.parametrize("frame", FRAMES)
def test_rules_that_do_not_read_a_frame_ignore_changes_to_it(seeded_dataset, frame):
    rows = seeded_dataset[frame]
    assert rows.height, f"the seeded council has no {frame}"
    # Change the frame: keep every other row, so records disappear from the middle of chains.
    changed = Dataset(
        frames={**seeded_dataset.frames, frame: rows.filter(pl.int_range(pl.len()) % 2 == 0)}
    )
    unaffected = [rule for rule in CHILD_RULE_IDS if rule not in rules_reading([frame])]
    before = deadlines_evaluate(seeded_dataset, as_at=SEEDED_AS_AT, rule_ids=unaffected)
    after = deadlines_evaluate(changed, as_at=SEEDED_AS_AT, rule_ids=unaffected)
    assert before.equals(after)
    # And the change does move the rules that read it (so the comparison above has teeth):
    # dropping one half of the rows or the other, for a frame with only a few clocks whose
    # rows may all be in one half.
    affected = rules_reading([frame])
    whole = deadlines_evaluate(seeded_dataset, as_at=SEEDED_AS_AT, rule_ids=affected)
    halves = [
        Dataset(
            frames={**seeded_dataset.frames, frame: rows.filter(pl.int_range(pl.len()) % 2 == r)}
        )
        for r in (0, 1)
    ]
    assert any(
        not whole.equals(deadlines_evaluate(half, as_at=SEEDED_AS_AT, rule_ids=affected))
        for half in halves
    )


def stored(child):
    return sorted(
        Deadline.objects.filter(child=child).values_list(
            "rule_id", "record_id", "clock_start", "due", "met_on", "status", "worker_id"
        )
    )


def test_refreshing_the_visit_rules_after_a_visit_stores_what_a_full_refresh_does(
    cp_case, council, django_capture_on_commit_callbacks
):
    # As at today, as the refresh after a write is: stored statuses are as at the refresh's day.
    deadlines_refresh_for_child(cp_case.child.pk)
    untouched = set(
        Deadline.objects.filter(child=cp_case.child)
        .exclude(rule_id__in=rules_reading(["visits"]))
        .values_list("pk", flat=True)
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        visit_record(
            actor=council.east_worker, child=cp_case.child, date=date(2025, 2, 14), kind="CP"
        )
    (refresh,) = callbacks
    refresh()
    partly = stored(cp_case.child)
    # The other rules' rows were left alone, not deleted and written again.
    assert untouched <= set(
        Deadline.objects.filter(child=cp_case.child).values_list("pk", flat=True)
    )
    deadlines_refresh_for_child(cp_case.child.pk)
    assert partly == stored(cp_case.child)
