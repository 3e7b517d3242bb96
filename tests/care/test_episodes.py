"""Becoming looked after, the care and placement plans, and a change of placement: each through
the action layer, audited, refused (and the refusal audited) for a user who may not see the
child, and meeting or starting its clocks.

The child becomes looked after on Monday 2 November 2026; November 2026 has no bank holiday,
so 5 working days later is Monday 9 November and 10 working days later Monday 16 November.
"""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from tests.care.conftest import changes_audited, clock, refusals

from sightline.care.models import LookedAfterEpisode, PlacementPlan
from sightline.care.writes import (
    care_plan_record,
    looked_after_start,
    placement_change,
    placement_plan_record,
)
from sightline.oversight.models import Deadline

START = dt.date(2026, 11, 2)


def start(council, actor=None, **overrides):
    fields = dict(
        start_date=START,
        legal_status="C1",
        category_of_need="N1",
        placement_type="U6",
        placement_provider="PR1",
        placement_postcode="dm1 1aa",
    )
    fields.update(overrides)
    return looked_after_start(actor=actor or council.worker, child=council.child, **fields)


def test_becoming_looked_after_opens_a_903_episode_and_is_audited(council):
    episode = start(council)
    assert (episode.reason_new_episode, episode.legal_status, episode.placement_type) == (
        "S",
        "C1",
        "U6",
    )
    assert episode.placement_postcode == "DM1 1AA"  # normalised as the 903 return writes it
    [event] = changes_audited(council.child, "lookedafterepisode")
    assert (event.action, event.object_id) == ("create", str(episode.pk))
    assert event.actor == council.worker


def test_becoming_looked_after_refused_to_a_worker_who_may_not_see_the_child_is_audited(council):
    with pytest.raises(Http404):
        start(council, actor=council.stranger)
    assert refusals(council.child).get().actor == council.stranger
    assert not LookedAfterEpisode.objects.exists()


def test_a_role_that_records_no_work_is_refused_with_a_standing_audit_event(council):
    with pytest.raises(PermissionDenied):
        start(council, actor=council.analyst)
    assert refusals(council.child).get().actor == council.analyst


def test_a_child_already_looked_after_cannot_become_looked_after_again(council):
    start(council)
    with pytest.raises(ValidationError, match="already looked after"):
        start(council, start_date=dt.date(2026, 11, 20))
    assert LookedAfterEpisode.objects.count() == 1


def test_a_placement_needs_a_provider_unless_it_is_temporary(council):
    with pytest.raises(ValidationError) as refused:
        start(council, placement_provider="")
    assert "placement_provider" in refused.value.error_dict
    episode = start(council, placement_type="T0", placement_provider="")
    assert episode.placement_provider == ""


def test_a_connected_persons_approval_only_for_a_placement_with_a_relative_or_friend(council):
    with pytest.raises(ValidationError) as refused:
        start(council, temporary_approval_on=START)
    assert "temporary_approval_on" in refused.value.error_dict
    episode = start(council, placement_type="U3", temporary_approval_on=START)
    assert episode.temporary_approval_on == START


def test_a_postcode_that_is_not_one_is_refused_on_its_field(council):
    with pytest.raises(ValidationError) as refused:
        start(council, placement_postcode="NOT A CODE")
    assert "placement_postcode" in refused.value.error_dict


def test_becoming_looked_after_starts_the_care_plan_placement_plan_and_review_clocks(
    council, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        start(council)
    assert clock(council.child, "T-CARE-PLAN").due == dt.date(2026, 11, 16)
    assert clock(council.child, "T-PLACEMENT-PLAN").due == dt.date(2026, 11, 9)
    assert clock(council.child, "T-LAC-REVIEW-1").due == dt.date(2026, 11, 30)
    assert clock(council.child, "T-IHA").due == dt.date(2026, 11, 30)
    assert clock(council.child, "T-CARE-PLAN").met_on is None


def test_a_care_plan_made_on_the_day_of_placement_meets_its_clock(
    council, django_capture_on_commit_callbacks
):
    start(council)
    with django_capture_on_commit_callbacks(execute=True):
        plan = care_plan_record(
            actor=council.worker, child=council.child, date=START, summary="Foster care."
        )
    assert [e.object_id for e in changes_audited(council.child, "careplan")] == [str(plan.pk)]
    met = clock(council.child, "T-CARE-PLAN")
    assert (met.met_on, met.status) == (START, "met")


def test_a_care_plan_needs_its_words(council):
    with pytest.raises(ValidationError) as refused:
        care_plan_record(actor=council.worker, child=council.child, date=START, summary=" ")
    assert "summary" in refused.value.error_dict
    assert not changes_audited(council.child, "careplan")


def test_a_placement_plan_on_the_5th_working_day_meets_its_clock_and_a_later_one_is_late(
    council, django_capture_on_commit_callbacks
):
    start(council)
    with django_capture_on_commit_callbacks(execute=True):
        plan = placement_plan_record(
            actor=council.worker, child=council.child, date=dt.date(2026, 11, 9)
        )
    assert plan.episode.reason_new_episode == "S"
    met = clock(council.child, "T-PLACEMENT-PLAN")
    assert (met.met_on, met.status) == (dt.date(2026, 11, 9), "met")
    assert changes_audited(council.child, "placementplan")[0].object_id == str(plan.pk)


def test_a_placement_plan_after_the_5th_working_day_is_met_late(
    council, django_capture_on_commit_callbacks
):
    start(council)
    with django_capture_on_commit_callbacks(execute=True):
        placement_plan_record(actor=council.worker, child=council.child, date=dt.date(2026, 11, 10))
    assert clock(council.child, "T-PLACEMENT-PLAN").status == "met_late"


def test_a_placement_plan_for_a_child_not_looked_after_is_refused(council):
    with pytest.raises(ValidationError, match="not looked after"):
        placement_plan_record(actor=council.worker, child=council.child, date=START)
    assert not PlacementPlan.objects.exists()


def test_a_placement_plan_refused_to_a_stranger_is_audited(council):
    start(council)
    with pytest.raises(Http404):
        placement_plan_record(actor=council.stranger, child=council.child, date=START)
    assert refusals(council.child).get().actor == council.stranger


def test_a_placement_change_ends_the_episode_with_x1_and_starts_the_next_the_same_day(council):
    first = start(council)
    moved = dt.date(2026, 11, 20)
    second = placement_change(
        actor=council.worker,
        child=council.child,
        moved_on=moved,
        reason_place_change="CREQB",
        placement_type="K2",
        placement_provider="PR4",
        placement_urn="sc123456",
        placement_postcode="DM3 3CC",
    )
    first.refresh_from_db()
    assert (first.end_date, first.reason_ceased) == (moved, "X1")
    assert (second.start_date, second.reason_new_episode, second.legal_status) == (
        moved,
        "P",
        "C1",
    )
    assert (second.reason_place_change, second.placement_urn) == ("CREQB", "SC123456")
    assert second.category_of_need == "N1"  # carried from the period of care
    assert LookedAfterEpisode.objects.filter(end_date__isnull=True).get() == second
    audited = {e.object_id: e.action for e in changes_audited(council.child, "lookedafterepisode")}
    assert audited[str(second.pk)] == "create"


@pytest.mark.parametrize(
    ("legal_status", "same_carer", "reason"),
    [("", True, "T"), ("C2", False, "B"), ("C2", True, "U"), ("C1", False, "P")],
)
def test_the_reason_for_the_new_episode_follows_from_what_changed(
    council, legal_status, same_carer, reason
):
    start(council)
    episode = placement_change(
        actor=council.worker,
        child=council.child,
        moved_on=dt.date(2026, 11, 20),
        reason_place_change="CARPL",
        placement_type="U4",
        placement_provider="PR1",
        placement_postcode="DM3 3CC",
        legal_status=legal_status,
        same_carer=same_carer,
    )
    assert episode.reason_new_episode == reason


def test_a_placement_change_before_the_episode_began_is_refused_and_nothing_changes(council):
    first = start(council)
    with pytest.raises(ValidationError) as refused:
        placement_change(
            actor=council.worker,
            child=council.child,
            moved_on=START,
            reason_place_change="CARPL",
            placement_type="U4",
            placement_provider="PR1",
        )
    assert "start_date" in refused.value.error_dict
    first.refresh_from_db()
    assert first.end_date is None and LookedAfterEpisode.objects.count() == 1


def test_a_placement_change_starts_a_new_placement_plan_clock(
    council, django_capture_on_commit_callbacks
):
    start(council)
    with django_capture_on_commit_callbacks(execute=True):
        placement_change(
            actor=council.worker,
            child=council.child,
            moved_on=dt.date(2026, 11, 20),  # a Friday
            reason_place_change="CARPL",
            placement_type="U4",
            placement_provider="PR1",
        )
    # Friday 20 November + 5 working days = Friday 27 November.
    dues = sorted(Deadline.objects.filter(rule_id="T-PLACEMENT-PLAN").values_list("due", flat=True))
    assert dues == [dt.date(2026, 11, 9), dt.date(2026, 11, 27)]
