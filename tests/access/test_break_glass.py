"""Break-glass access and the single gate `child_read_authorise`."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from sightline.access.middleware import RestrictedRecordMiddleware
from sightline.access.models import AuditAction, AuditEvent, BreakGlassGrant, IGAlert
from sightline.access.policies import child_access, children_visible_to
from sightline.access.services import (
    BREAK_GLASS_MINUTES,
    RestrictedRecordRefused,
    break_glass_open,
    child_read_authorise,
    ig_alert_acknowledge,
    restricted_record_create,
)

pytestmark = pytest.mark.django_db

REASON = "Child reported missing out of hours; police need the placement address now."


@pytest.fixture
def restricted_child(council, allocated_child):
    restricted_record_create(
        actor=council.users["ig"], child=allocated_child, reason="high_profile"
    )
    return allocated_child


# --- child_read_authorise -------------------------------------------------------------------


def test_authorised_read_returns_the_decision_and_audits_it(council, allocated_child):
    decision = child_read_authorise(actor=council.users["worker"], child=allocated_child)
    assert decision.allowed
    event = AuditEvent.objects.latest("sequence")
    assert event.action == AuditAction.VIEW
    assert event.actor == council.users["worker"]
    assert event.actor_role == "SOCIAL_WORKER"
    assert event.child_id == allocated_child.pk
    assert event.detail == {"allowed": True, "basis": "allocated worker"}


def test_read_outside_scope_is_404_so_the_record_is_not_revealed(council, south_child):
    with pytest.raises(Http404):
        child_read_authorise(actor=council.users["worker"], child=south_child)


def test_refused_read_is_audited_as_refused(council, south_child):
    with pytest.raises(Http404):
        child_read_authorise(actor=council.users["worker"], child=south_child)
    event = AuditEvent.objects.latest("sequence")
    assert event.child_id == south_child.pk
    assert event.detail["allowed"] is False


def test_restricted_read_is_403_with_a_break_glass_offer(council, restricted_child):
    with pytest.raises(RestrictedRecordRefused) as refused:
        child_read_authorise(actor=council.users["worker"], child=restricted_child)
    assert isinstance(refused.value, PermissionDenied)
    assert refused.value.child_pk == restricted_child.pk


def test_restricted_read_by_a_role_that_cannot_break_glass_is_404(council, restricted_child):
    with pytest.raises(Http404):
        child_read_authorise(actor=council.users["analyst"], child=restricted_child)


def test_update_by_a_qa_auditor_who_can_see_the_child_is_403(council, allocated_child):
    with pytest.raises(PermissionDenied):
        child_read_authorise(actor=council.users["qa"], child=allocated_child, action="update")


def test_restricted_refusal_renders_a_403_page_offering_break_glass(council, restricted_child):
    request = RequestFactory().get(f"/children/{restricted_child.pk}/")
    request.user = council.users["worker"]
    response = RestrictedRecordMiddleware(lambda r: None).process_exception(
        request, RestrictedRecordRefused(restricted_child.pk, "restricted")
    )
    assert response.status_code == 403
    url = reverse("access:break_glass", args=[restricted_child.pk])
    assert url.encode() in response.content
    assert restricted_child.last_name.encode() not in response.content


# --- break_glass_open -----------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   ", "need it"])
def test_break_glass_requires_a_real_reason(council, restricted_child, reason):
    with pytest.raises(ValidationError):
        break_glass_open(actor=council.users["worker"], child=restricted_child, reason=reason)
    assert not BreakGlassGrant.objects.exists()


def test_break_glass_grants_time_limited_access(council, restricted_child):
    worker = council.users["worker"]
    grant = break_glass_open(actor=worker, child=restricted_child, reason=REASON)
    assert grant.expires_at - grant.opened_at == dt.timedelta(minutes=BREAK_GLASS_MINUTES)
    decision = child_access(worker, restricted_child)
    assert decision.allowed
    assert decision.basis == "break-glass"
    assert children_visible_to(worker).filter(pk=restricted_child.pk).exists()


def test_break_glass_access_ends_when_the_grant_expires(council, restricted_child):
    worker = council.users["worker"]
    grant = break_glass_open(actor=worker, child=restricted_child, reason=REASON)
    BreakGlassGrant.objects.filter(pk=grant.pk).update(
        opened_at=timezone.now() - dt.timedelta(minutes=BREAK_GLASS_MINUTES + 1),
        expires_at=timezone.now() - dt.timedelta(minutes=1),
    )
    assert not child_access(worker, restricted_child).allowed


def test_break_glass_is_audited_with_its_reason(council, restricted_child):
    grant = break_glass_open(actor=council.users["worker"], child=restricted_child, reason=REASON)
    event = AuditEvent.objects.get(action=AuditAction.BREAK_GLASS)
    assert event.reason == REASON
    assert event.child_id == restricted_child.pk
    assert event.object_id == str(grant.pk)


def test_break_glass_raises_an_alert_for_information_governance(council, restricted_child):
    grant = break_glass_open(actor=council.users["worker"], child=restricted_child, reason=REASON)
    alert = IGAlert.objects.get()
    assert alert.grant == grant
    assert alert.is_open
    assert restricted_child.la_child_id in alert.summary


def test_break_glass_opens_an_out_of_scope_child_too(council, south_child):
    worker = council.users["worker"]
    break_glass_open(actor=worker, child=south_child, reason=REASON)
    assert child_read_authorise(actor=worker, child=south_child).basis == "break-glass"


def test_ig_officer_can_break_glass_to_read_a_record(council, allocated_child):
    ig = council.users["ig"]
    break_glass_open(actor=ig, child=allocated_child, reason=REASON)
    assert child_access(ig, allocated_child).allowed
    assert not child_access(ig, allocated_child, action="update").allowed


@pytest.mark.parametrize("role_user", ["analyst", "partner", "admin", "qa"])
def test_roles_without_break_glass_are_refused(council, allocated_child, role_user):
    with pytest.raises(PermissionDenied):
        break_glass_open(actor=council.users[role_user], child=allocated_child, reason=REASON)


def test_break_glass_page_opens_the_record_and_returns_to_it(client, council, restricted_child):
    client.force_login(council.users["worker"])
    url = reverse("access:break_glass", args=[restricted_child.pk])
    response = client.post(url, {"reason": REASON, "next": "/children/1/"})
    assert response.status_code == 302
    assert response["Location"] == "/children/1/"
    assert BreakGlassGrant.objects.filter(child=restricted_child).exists()


def test_break_glass_page_refuses_an_offsite_next(client, council, restricted_child):
    client.force_login(council.users["worker"])
    url = reverse("access:break_glass", args=[restricted_child.pk])
    response = client.post(url, {"reason": REASON, "next": "https://evil.example/"})
    assert response["Location"] == reverse("home")


def test_break_glass_page_shows_an_error_for_a_short_reason(client, council, restricted_child):
    client.force_login(council.users["worker"])
    url = reverse("access:break_glass", args=[restricted_child.pk])
    response = client.post(url, {"reason": "urgent"})
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert not BreakGlassGrant.objects.exists()


# --- IG alerts ------------------------------------------------------------------------------


def test_ig_officer_acknowledges_an_alert(council, restricted_child):
    break_glass_open(actor=council.users["worker"], child=restricted_child, reason=REASON)
    alert = IGAlert.objects.get()
    ig_alert_acknowledge(actor=council.users["ig"], alert=alert, note="Justified: missing child")
    alert.refresh_from_db()
    assert not alert.is_open
    assert alert.acknowledged_by == council.users["ig"]
    assert AuditEvent.objects.filter(action=AuditAction.ACKNOWLEDGE_ALERT).exists()


def test_only_ig_officers_acknowledge_alerts(council, restricted_child):
    break_glass_open(actor=council.users["worker"], child=restricted_child, reason=REASON)
    with pytest.raises(PermissionDenied):
        ig_alert_acknowledge(actor=council.users["director"], alert=IGAlert.objects.get())


def test_an_alert_cannot_be_acknowledged_twice(council, restricted_child):
    break_glass_open(actor=council.users["worker"], child=restricted_child, reason=REASON)
    alert = IGAlert.objects.get()
    ig_alert_acknowledge(actor=council.users["ig"], alert=alert)
    with pytest.raises(ValidationError):
        ig_alert_acknowledge(actor=council.users["ig"], alert=alert)


def test_restricting_a_record_needs_the_capability(council, allocated_child):
    with pytest.raises(PermissionDenied):
        restricted_record_create(
            actor=council.users["manager"], child=allocated_child, reason="adoption"
        )
