"""Recording a visit: two pages, the draft kept as typed, the clock met, the chronology updated."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from sightline.access.models import AuditEvent
from sightline.casework.models import Visit
from sightline.drafts.models import Draft
from sightline.oversight.models import Deadline


def answers(day: dt.date, **overrides) -> dict:
    data = {
        "date_day": str(day.day),
        "date_month": str(day.month),
        "date_year": str(day.year),
        "kind": "CP",
        "child_seen": "yes",
        "seen_alone": "yes",
        "childs_voice": "I want to stay at my school.",
        "notes": "Saw Alex in the kitchen with mum; the plan's actions are on track.",
    }
    data.update(overrides)
    return data


def test_a_visit_is_recorded_in_two_pages_and_shown_on_the_record(worker_client, child):
    today = timezone.localdate()
    first = worker_client.post(reverse("visit-new", args=[child.pk]), answers(today))
    assert first.status_code == 302
    assert first["Location"] == reverse("visit-check", args=[child.pk])
    check = worker_client.get(first["Location"])
    assert "I want to stay at my school." in check.content.decode()
    assert not Visit.objects.filter(child=child).exists()
    saved = worker_client.post(first["Location"])
    assert saved["Location"] == reverse("child-clocks", args=[child.pk])
    visit = Visit.objects.get(child=child)
    assert (visit.date, visit.kind, visit.child_seen, visit.seen_alone) == (today, "CP", True, True)
    assert visit.childs_voice == "I want to stay at my school."
    assert not Draft.objects.exists()
    chronology = worker_client.get(reverse("child-chronology", args=[child.pk])).content.decode()
    assert "Child protection statutory visit" in chronology
    assert AuditEvent.objects.filter(action="create", object_id=str(visit.pk)).count() == 1


def test_the_visit_meets_the_childs_cp_visit_clock(
    worker_client, child, django_capture_on_commit_callbacks
):
    from sightline.casework.models import ChildProtectionPlan, Referral

    today = timezone.localdate()
    referral = Referral.objects.create(
        child=child, referral_date=today - dt.timedelta(days=40), source="2A"
    )
    ChildProtectionPlan.objects.create(
        child=child,
        referral=referral,
        start_date=today - dt.timedelta(days=7),
        initial_category="NEG",
        latest_category="NEG",
    )
    worker_client.post(reverse("visit-new", args=[child.pk]), answers(today))
    with django_capture_on_commit_callbacks(execute=True):
        worker_client.post(reverse("visit-check", args=[child.pk]))
    # The plan started a week ago, so its first 10-working-day visit clock is met today.
    first = Deadline.objects.filter(child=child, rule_id="T-CP-VISIT").order_by("clock_start")[0]
    assert (first.clock_start, first.met_on, first.status) == (
        today - dt.timedelta(days=7),
        today,
        "met",
    )


def test_errors_are_listed_at_the_top_and_linked_to_their_fields(worker_client, child):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = worker_client.post(
        reverse("visit-new", args=[child.pk]),
        answers(tomorrow, child_seen="no", seen_alone="yes", notes=""),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_date_day">The date of the visit must be today or in the past' in content
    assert 'href="#id_seen_alone">The child cannot be seen alone' in content
    assert 'href="#id_notes">Enter what happened on the visit' in content
    assert not Visit.objects.exists()


def test_what_was_typed_is_kept_as_a_draft_and_put_back(worker_client, child, social_worker):
    autosave = reverse("drafts:autosave", args=["visit", child.pk])
    typed = {"notes": "Half-written note about the visit", "kind": "CIN", "unknown": "dropped"}
    response = worker_client.post(autosave, typed)
    assert response.json()["saved"] is True
    draft = Draft.objects.get(user=social_worker, child=child, form="visit")
    assert draft.data == {"notes": "Half-written note about the visit", "kind": "CIN"}
    reopened = worker_client.get(reverse("visit-new", args=[child.pk])).content.decode()
    assert "Half-written note about the visit" in reopened
    assert 'value="CIN" checked' in reopened
    assert "has been put back" in reopened


def test_another_users_draft_is_not_theirs_to_see(worker_client, child, team_manager, client):
    worker_client.post(
        reverse("drafts:autosave", args=["visit", child.pk]), {"notes": "Private draft"}
    )
    client.force_login(team_manager)
    page = client.get(reverse("visit-new", args=[child.pk])).content.decode()
    assert "Private draft" not in page


def test_a_draft_about_a_child_out_of_scope_is_refused_as_not_found(worker_client, stranger_child):
    response = worker_client.post(
        reverse("drafts:autosave", args=["visit", stranger_child.pk]), {"notes": "x"}
    )
    assert response.status_code == 404
    assert not Draft.objects.exists()


def test_a_draft_of_a_form_that_keeps_none_is_refused(worker_client, child):
    response = worker_client.post(reverse("drafts:autosave", args=["nonsense", child.pk]), {})
    assert response.status_code == 400
    assert not Draft.objects.exists()


def test_a_role_that_records_nothing_gets_no_form(client, child, db):
    from sightline.workforce.models import User

    auditor = User.objects.create_user("qa", role="QA_AUDITOR", password="x")
    client.force_login(auditor)
    assert client.get(reverse("visit-new", args=[child.pk])).status_code == 403


def test_the_check_page_without_answers_goes_back_to_the_form(worker_client, child):
    response = worker_client.get(reverse("visit-check", args=[child.pk]))
    assert response["Location"] == reverse("visit-new", args=[child.pk])


def test_my_work_lists_my_drafts_and_the_listing_is_audited(worker_client, child, social_worker):
    worker_client.post(
        reverse("drafts:autosave", args=["visit", child.pk]), {"notes": "Started typing"}
    )
    content = worker_client.get(reverse("my-work")).content.decode()
    assert "Your drafts (1)" in content
    assert f'href="{reverse("visit-new", args=[child.pk])}"' in content
    event = AuditEvent.objects.filter(actor=social_worker, detail__list="my drafts").get()
    assert event.detail["result_ids"] == [child.pk]


def test_a_draft_about_a_child_no_longer_in_scope_is_not_listed(
    worker_client, child, social_worker
):
    from sightline.workforce.models import Allocation

    worker_client.post(
        reverse("drafts:autosave", args=["visit", child.pk]), {"notes": "Started typing"}
    )
    Allocation.objects.filter(child=child).update(end_date=timezone.localdate() - dt.timedelta(1))
    content = worker_client.get(reverse("my-work")).content.decode()
    assert "Your drafts" not in content
    assert child.last_name not in content


def test_a_case_note_is_written_in_two_pages_and_joins_the_chronology(worker_client, child):
    from sightline.casework.models import CaseNote

    typed = {"note": "Called school: attendance 94% this term.", "childs_voice": ""}
    first = worker_client.post(reverse("case-note-new", args=[child.pk]), typed)
    assert first["Location"] == reverse("case-note-check", args=[child.pk])
    assert "attendance 94%" in worker_client.get(first["Location"]).content.decode()
    saved = worker_client.post(first["Location"])
    assert saved["Location"] == reverse("child-chronology", args=[child.pk])
    note = CaseNote.objects.get(child=child)
    assert note.note == "Called school: attendance 94% this term."
    page = worker_client.get(saved["Location"]).content.decode()
    assert "Case note saved to the child&#x27;s chronology." in page
    assert not Draft.objects.exists()


def test_an_empty_case_note_is_refused_with_a_linked_error(worker_client, child):
    response = worker_client.post(reverse("case-note-new", args=[child.pk]), {"note": " "})
    assert 'href="#id_note">Enter the case note' in response.content.decode()
