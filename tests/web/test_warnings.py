"""Warnings: raised about the child or an adult they live with, shown on every page of the
record, ended with a reason; each a form, then check your answers, then the action."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sightline.access.models import AuditAction, AuditEvent
from sightline.drafts.models import Draft
from sightline.people.models import PersonWarning


def _raise(client, child, person, **overrides):
    today = timezone.localdate()
    data = {
        "person": str(person.pk),
        "kind": "VIOLENCE",
        "detail": "Synthetic: threatened staff at the door. Visit in pairs.",
        "raised_day": str(today.day),
        "raised_month": str(today.month),
        "raised_year": str(today.year),
        **overrides,
    }
    first = client.post(reverse("warning-new", args=[child.pk]), data)
    if first.status_code != 302:
        return first
    return client.post(first["Location"])


def test_a_warning_about_an_adult_at_home_is_raised_and_shown_on_every_page(
    worker_client, child, household, adult
):
    saved = _raise(worker_client, child, adult)

    assert saved.status_code == 302
    assert saved["Location"] == reverse("child-household", args=[child.pk]) + "#warnings"
    warning = PersonWarning.objects.get()
    assert (warning.person, warning.kind, warning.ended_on) == (adult, "VIOLENCE", None)
    assert AuditEvent.objects.filter(
        action=AuditAction.CREATE,
        child_id=child.pk,
        object_type="people.personwarning",
        object_id=str(warning.pk),
    ).exists()
    for name in ("child-summary", "child-chronology", "child-work", "child-documents"):
        page = worker_client.get(reverse(name, args=[child.pk])).content.decode()
        banner = page.split('aria-label="Warnings"')[1].split("</div>")[0]
        assert "Visit in pairs." in banner and adult.full_name in banner, name
    assert not Draft.objects.exists()


def test_a_warning_about_the_child_is_in_their_chronology(worker_client, child):
    _raise(worker_client, child, child, kind="ADDRESS", detail="Synthetic: address withheld.")

    page = worker_client.get(reverse("child-chronology", args=[child.pk])).content.decode()

    assert "Warning raised: Address must not be shared" in page
    assert 'data-kind="warning_raised"' in page


def test_only_the_child_or_an_adult_living_with_them_can_be_chosen(
    worker_client, child, other_children
):
    response = _raise(worker_client, child, other_children[0])

    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="#id_person"' in content and "Select the child or an adult" in content
    assert not PersonWarning.objects.exists()


def test_missing_answers_are_located_and_a_future_date_refused(worker_client, child):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = _raise(
        worker_client,
        child,
        child,
        kind="",
        detail="",
        raised_day=str(tomorrow.day),
        raised_month=str(tomorrow.month),
        raised_year=str(tomorrow.year),
    )

    content = response.content.decode()
    for field in ("id_kind", "id_detail", "id_raised_day"):
        assert f'href="#{field}"' in content
    assert "must be today or in the past" in content
    assert not PersonWarning.objects.exists()


def test_a_warning_is_ended_with_a_reason_and_leaves_the_banner(
    worker_client, child, household, adult
):
    _raise(worker_client, child, adult)
    warning = PersonWarning.objects.get()
    today = timezone.localdate()
    form_url = reverse("warning-end-new", args=[child.pk, warning.pk])
    opened = worker_client.get(form_url).content.decode()
    version = opened.split('name="version" value="')[1].split('"')[0]

    first = worker_client.post(
        form_url,
        {
            "record": str(warning.pk),
            "version": version,
            "ended_day": str(today.day),
            "ended_month": str(today.month),
            "ended_year": str(today.year),
            "end_reason": "Synthetic: moved out; police confirm no contact.",
        },
    )
    saved = worker_client.post(first["Location"])

    assert saved.status_code == 302
    warning.refresh_from_db()
    assert warning.ended_on == today and "moved out" in warning.end_reason
    summary = worker_client.get(reverse("child-summary", args=[child.pk])).content.decode()
    assert 'aria-label="Warnings"' not in summary
    assert AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(warning.pk)).exists()
    again = worker_client.get(form_url)
    assert again.status_code == 404  # an ended warning cannot be ended again


def test_ending_a_warning_changed_since_the_form_opened_is_refused_with_both_versions(
    worker_client, child, household, adult, team_manager
):
    _raise(worker_client, child, adult)
    warning = PersonWarning.objects.get()
    form_url = reverse("warning-end-new", args=[child.pk, warning.pk])
    opened = worker_client.get(form_url).content.decode()
    version = opened.split('name="version" value="')[1].split('"')[0]
    today = timezone.localdate()
    first = worker_client.post(
        form_url,
        {
            "record": str(warning.pk),
            "version": version,
            "ended_day": str(today.day),
            "ended_month": str(today.month),
            "ended_year": str(today.year),
            "end_reason": "Synthetic: my reason.",
        },
    )
    PersonWarning.objects.filter(pk=warning.pk).update(end_reason="Synthetic: their note.")

    refused = worker_client.post(first["Location"])

    assert refused.status_code == 409
    content = refused.content.decode()
    assert "Synthetic: my reason." in content and "Synthetic: their note." in content
    warning.refresh_from_db()
    assert warning.ended_on is None
    assert Draft.objects.filter(form="warning-end").exists()


def test_an_end_date_before_the_warning_was_raised_is_refused(worker_client, child):
    _raise(worker_client, child, child)
    warning = PersonWarning.objects.get()
    before = warning.raised_on - dt.timedelta(days=3)

    response = worker_client.post(
        reverse("warning-end-new", args=[child.pk, warning.pk]),
        {
            "ended_day": str(before.day),
            "ended_month": str(before.month),
            "ended_year": str(before.year),
            "end_reason": "Synthetic.",
        },
    )

    assert response.status_code == 200
    assert "must be on or after the day it was raised" in response.content.decode()


def test_a_reader_who_cannot_record_is_refused_and_a_stranger_child_is_not_found(
    worker_client, child, stranger_child, team
):
    auditor = get_user_model().objects.create_user(username="qa", role="QA_AUDITOR")
    client = Client()
    client.force_login(auditor)

    assert client.get(reverse("warning-new", args=[child.pk])).status_code == 403
    assert _raise(worker_client, stranger_child, stranger_child).status_code == 404
    assert not PersonWarning.objects.exists()
