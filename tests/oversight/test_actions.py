"""The one write pattern (sightline.actions): refusals audited outside the write's transaction,
the write audited inside it, and the clocks to refresh taken from the model written."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from sightline.access.models import AuditEvent
from sightline.care.models import LookedAfterEpisode, PlacementPlan
from sightline.casework.models import Assessment, CaseNote, ManagementOversight, Visit
from sightline.casework.services import (
    assessment_authorise,
    assessment_due,
    case_note_record,
    visit_record,
)
from sightline.oversight.dataset_loader import frames_for_model


def refusals(child):
    return AuditEvent.objects.filter(child_id=child.pk, detail__allowed=False)


def test_a_refused_write_is_audited_even_though_nothing_is_saved(cp_case, council):
    with pytest.raises(Http404):
        visit_record(
            actor=council.west_worker, child=cp_case.child, date=date(2025, 2, 14), kind="CP"
        )
    event = refusals(cp_case.child).get()
    assert (event.actor, event.action) == (council.west_worker, "create")
    assert not Visit.objects.filter(date=date(2025, 2, 14)).exists()


def test_a_role_that_records_no_work_is_refused_and_the_refusal_audited(cp_case, council):
    with pytest.raises(PermissionDenied, match="Your role cannot record visits"):
        visit_record(actor=council.analyst, child=cp_case.child, date=date(2025, 2, 14), kind="CP")
    assert refusals(cp_case.child).get().actor == council.analyst


def test_a_manager_only_decision_refused_to_a_worker_is_audited(cp_case, council):
    assessment = Assessment.objects.create(
        referral=cp_case.referral, child=cp_case.child, start_date=date(2025, 1, 6)
    )
    with pytest.raises(PermissionDenied, match="Only a team manager"):
        assessment_authorise(
            actor=council.east_worker,
            assessment=assessment,
            authorised_on=date(2025, 2, 3),
            outcome="CIN_PLAN",
        )
    assert refusals(cp_case.child).get().actor == council.east_worker


def test_an_invalid_write_leaves_no_audit_event_of_a_change_that_did_not_happen(cp_case, council):
    with pytest.raises(ValidationError):
        visit_record(
            actor=council.east_worker,
            child=cp_case.child,
            date=date(2025, 2, 14),
            kind="CP",
            child_seen=False,
            seen_alone=True,
        )
    assert not AuditEvent.objects.filter(child_id=cp_case.child.pk).exists()


def test_the_frames_a_write_changes_come_from_the_model_written():
    assert frames_for_model(Visit) == ("visits",)
    assert frames_for_model(ManagementOversight) == ("oversight",)
    assert frames_for_model(LookedAfterEpisode) == ("lac_episodes",)
    assert frames_for_model(PlacementPlan) == ("placement_plans",)
    assert frames_for_model(CaseNote) == ()


def test_a_case_note_is_saved_and_audited_with_the_childs_words(cp_case, council):
    note = case_note_record(
        actor=council.east_worker,
        child=cp_case.child,
        note="Spoke to Sam after school about home.",
        childs_voice="I like it when Nan picks me up.",
    )
    event = AuditEvent.objects.get(child_id=cp_case.child.pk)
    assert (event.action, event.object_type, event.object_id) == (
        "create",
        "casework.casenote",
        str(note.pk),
    )
    assert CaseNote.objects.get().childs_voice == "I like it when Nan picks me up."


def test_the_assessment_due_date_is_the_engines(cp_case):
    first = cp_case.assessment
    later = Assessment.objects.create(
        referral=cp_case.referral, child=cp_case.child, start_date=date(2025, 1, 8)
    )
    # The referral's first assessment counts from the referral (Monday 6 January 2025): 45
    # working days later is Monday 10 March. A later one counts from its own start, Wednesday
    # 8 January: Wednesday 12 March.
    assert cp_case.referral.referral_date == date(2025, 1, 6)
    assert first.start_date <= later.start_date
    assert assessment_due(first) == date(2025, 3, 10)
    assert assessment_due(later) == date(2025, 3, 12)
