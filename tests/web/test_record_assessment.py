"""Completing and authorising an assessment, and a conflicting edit refused with both versions
shown and the typed work kept."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sightline.access.models import AuditEvent
from sightline.actions import EditConflict, record_version
from sightline.casework.models import Assessment, Referral
from sightline.casework.writes.assessment import assessment_submit
from sightline.drafts.models import Draft
from sightline.oversight.models import Deadline
from sightline.workforce.models import User


@pytest.fixture
def assessment(child):
    today = timezone.localdate()
    referral = Referral.objects.create(
        child=child, referral_date=today - dt.timedelta(days=20), source="2A"
    )
    return Assessment.objects.create(
        referral=referral, child=child, start_date=today - dt.timedelta(days=19)
    )


@pytest.fixture
def manager_client(team_manager) -> Client:
    client = Client()
    client.force_login(team_manager)
    return client


def completion(day: dt.date, version: str, assessment, **overrides) -> dict:
    data = {
        "seen_day": str(day.day),
        "seen_month": str(day.month),
        "seen_year": str(day.year),
        "factors": ["2A", "3A"],
        "analysis": "Mum's drinking has eased since she started at the recovery service.",
        "outcome": "CIN_PLAN",
        "record": str(assessment.pk),
        "version": version,
    }
    data.update(overrides)
    return data


def urls(child, assessment, kind):
    args = [child.pk, assessment.pk]
    return reverse(f"assessment-{kind}-new", args=args), reverse(
        f"assessment-{kind}-check", args=args
    )


def test_worker_completes_and_manager_authorises_meeting_the_clock(
    worker_client, manager_client, child, assessment, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    form_url, check_url = urls(child, assessment, "complete")
    page = worker_client.get(form_url).content.decode()
    version = record_version(assessment)
    assert f'value="{version}"' in page
    first = worker_client.post(form_url, completion(today, version, assessment))
    assert first.status_code == 302 and first["Location"] == check_url
    # Both ticked factors survive in the draft, not only the last one posted.
    assert Draft.objects.get(form="assessment-complete").data["factors"] == ["2A", "3A"]
    check = worker_client.get(check_url).content.decode()
    assert "recovery service" in check and "Child in need: child in need plan" in check
    with django_capture_on_commit_callbacks(execute=True):
        done = worker_client.post(check_url)
    assert done["Location"] == reverse("child-work", args=[child.pk])
    assessment.refresh_from_db()
    assert (assessment.submitted_on, assessment.child_seen_on) == (today, today)
    assert assessment.factors == ["2A", "3A"] and assessment.authorised_on is None
    clock = Deadline.objects.get(child=child, rule_id="T-ASSESSMENT")
    assert clock.met_on is None

    # The worker cannot authorise their own assessment.
    assert worker_client.get(urls(child, assessment, "authorise")[0]).status_code == 403

    form_url, check_url = urls(child, assessment, "authorise")
    page = manager_client.get(form_url).content.decode()
    assert "recovery service" in page  # what the worker sent is on the manager's page
    data = {
        "outcome": "CIN_PLAN",
        "authorised_day": str(today.day),
        "authorised_month": str(today.month),
        "authorised_year": str(today.year),
        "delay_reason": "",
        "record": str(assessment.pk),
        "version": record_version(assessment),
    }
    assert manager_client.post(form_url, data)["Location"] == check_url
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(check_url)
    assessment.refresh_from_db()
    assert assessment.authorised_on == today
    clock = Deadline.objects.get(child=child, rule_id="T-ASSESSMENT")
    assert (clock.met_on, clock.status) == (today, "met")
    updates = AuditEvent.objects.filter(action="update", object_id=str(assessment.pk))
    assert updates.count() == 2
    work = worker_client.get(reverse("child-work", args=[child.pk])).content.decode()
    assert f"Authorised on {today.day} {today:%B %Y}" in work


def test_an_edit_on_a_stale_copy_is_refused_with_both_versions_and_the_draft_kept(
    worker_client, child, assessment, team
):
    today = timezone.localdate()
    form_url, check_url = urls(child, assessment, "complete")
    opened = record_version(assessment)
    mine = completion(today, opened, assessment, analysis="My analysis, typed for an hour.")
    worker_client.post(form_url, mine)

    # Meanwhile a colleague completes the same assessment through the action layer.
    colleague = User.objects.create_user(
        username="sp", first_name="Sam", last_name="Senior", role="SENIOR_PRACTITIONER", team=team
    )
    assessment_submit(
        actor=colleague,
        assessment=assessment,
        child_seen_on=None,
        factors=["1A"],
        analysis="The colleague's analysis.",
        outcome="EARLY_HELP",
    )
    refused = worker_client.post(check_url)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "My analysis, typed for an hour." in page
    assert "The colleague&#x27;s analysis." in page and "Sam Senior" in page
    assessment.refresh_from_db()
    assert assessment.analysis == "The colleague's analysis."  # nothing overwritten
    draft = Draft.objects.get(form="assessment-complete")
    assert draft.data["analysis"] == "My analysis, typed for an hour."

    # Keeping my answers moves them onto the saved version; saving then succeeds.
    kept = worker_client.post(check_url, {"resolve": "mine"})
    assert kept["Location"] == form_url
    draft.refresh_from_db()
    assert draft.data["version"] == record_version(assessment)
    assert worker_client.get(form_url).content.decode().count("typed for an hour") == 1
    assert worker_client.post(check_url).status_code == 302
    assessment.refresh_from_db()
    assert assessment.analysis == "My analysis, typed for an hour."


def test_discarding_my_answers_after_a_conflict_shows_the_saved_version(
    worker_client, social_worker, child, assessment
):
    today = timezone.localdate()
    form_url, check_url = urls(child, assessment, "complete")
    worker_client.post(form_url, completion(today, record_version(assessment), assessment))
    Assessment.objects.filter(pk=assessment.pk).update(analysis="Changed in the meantime.")
    assert worker_client.post(check_url).status_code == 409
    assert worker_client.post(check_url, {"resolve": "theirs"})["Location"] == form_url
    assert not Draft.objects.filter(form="assessment-complete").exists()
    assert "Changed in the meantime." in worker_client.get(form_url).content.decode()


def test_the_action_refuses_a_stale_version_and_writes_nothing(social_worker, assessment):
    stale = record_version(assessment)
    Assessment.objects.filter(pk=assessment.pk).update(analysis="Someone else's words.")
    with pytest.raises(EditConflict) as raised:
        assessment_submit(
            actor=social_worker,
            assessment=assessment,
            child_seen_on=None,
            factors=[],
            analysis="Mine.",
            outcome="NFA",
            expected_version=stale,
        )
    assert raised.value.current.analysis == "Someone else's words."
    assessment.refresh_from_db()
    assert assessment.analysis == "Someone else's words." and assessment.submitted_on is None
    assert not AuditEvent.objects.filter(action="update", object_id=str(assessment.pk)).exists()


def test_a_late_authorisation_without_a_reason_is_refused_on_its_field(
    manager_client, team_manager, social_worker, child
):
    today = timezone.localdate()
    referral = Referral.objects.create(
        child=child, referral_date=today - dt.timedelta(days=120), source="2A"
    )
    late = Assessment.objects.create(
        referral=referral, child=child, start_date=today - dt.timedelta(days=119)
    )
    assessment_submit(
        actor=social_worker,
        assessment=late,
        child_seen_on=None,
        factors=[],
        analysis="Done at last.",
        outcome="NFA",
    )
    late.refresh_from_db()
    form_url, check_url = urls(child, late, "authorise")
    data = {
        "outcome": "NFA",
        "authorised_day": str(today.day),
        "authorised_month": str(today.month),
        "authorised_year": str(today.year),
        "record": str(late.pk),
        "version": record_version(late),
    }
    manager_client.post(form_url, data)
    refused = manager_client.post(check_url)
    assert refused.status_code == 200
    page = refused.content.decode()
    assert 'href="#id_delay_reason"' in page and "45 working days" in page
    late.refresh_from_db()
    assert late.authorised_on is None
    assert Draft.objects.filter(form="assessment-authorise", user=team_manager).exists()
