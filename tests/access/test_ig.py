"""Information governance: who accessed a child's record, what a user accessed, alerts."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sightline.access.models import AuditAction, AuditEvent, IGAlert
from sightline.access.selectors import audit_for_child, audit_for_user, ig_alerts_open
from sightline.access.services import break_glass_open, child_read_authorise

pytestmark = pytest.mark.django_db

REASON = "Out-of-hours emergency: child missing from placement, police on the phone."


@pytest.fixture
def viewed_child(council, allocated_child):
    child_read_authorise(actor=council.users["worker"], child=allocated_child)
    return allocated_child


# --- Selectors ------------------------------------------------------------------------------


@pytest.mark.parametrize("role_user", ["worker", "manager", "director", "qa", "admin", "analyst"])
def test_audit_for_child_refuses_anyone_but_ig(council, viewed_child, role_user):
    with pytest.raises(PermissionDenied):
        audit_for_child(actor=council.users[role_user], child=viewed_child)


@pytest.mark.parametrize("role_user", ["worker", "manager", "director", "qa", "admin", "analyst"])
def test_audit_for_user_refuses_anyone_but_ig(council, role_user):
    with pytest.raises(PermissionDenied):
        audit_for_user(actor=council.users[role_user], user=council.users["worker"])


def test_audit_for_child_lists_who_accessed_the_record(council, viewed_child):
    events = list(audit_for_child(actor=council.users["ig"], child=viewed_child))
    viewers = [(e.actor_username, e.action) for e in events]
    assert ("worker", AuditAction.VIEW) in viewers


def test_reading_a_childs_access_history_is_itself_audited(council, viewed_child):
    audit_for_child(actor=council.users["ig"], child=viewed_child)
    event = AuditEvent.objects.latest("sequence")
    assert event.action == AuditAction.VIEW_AUDIT
    assert event.actor == council.users["ig"]
    assert event.child_id == viewed_child.pk


def test_audit_for_user_lists_what_the_user_accessed(council, viewed_child):
    events = list(audit_for_user(actor=council.users["ig"], user=council.users["worker"]))
    assert [e.child_id for e in events if e.action == AuditAction.VIEW] == [viewed_child.pk]


def test_reading_a_users_activity_is_itself_audited(council):
    worker = council.users["worker"]
    audit_for_user(actor=council.users["ig"], user=worker)
    event = AuditEvent.objects.latest("sequence")
    assert event.action == AuditAction.VIEW_AUDIT
    assert (event.object_type, event.object_id) == ("workforce.user", str(worker.pk))


def test_open_alerts_are_for_ig_only(council):
    with pytest.raises(PermissionDenied):
        ig_alerts_open(actor=council.users["director"])


# --- Pages ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role_user", ["worker", "director", "admin"])
def test_ig_pages_are_forbidden_to_others(client, council, viewed_child, role_user):
    client.force_login(council.users[role_user])
    for url in (
        reverse("access:ig_alerts"),
        reverse("access:ig_child_access", args=[viewed_child.pk]),
        reverse("access:ig_user_access", args=[council.users["worker"].pk]),
    ):
        assert client.get(url).status_code == 403


def test_ig_child_access_page_shows_who_looked_and_why(client, council, viewed_child):
    client.force_login(council.users["ig"])
    response = client.get(reverse("access:ig_child_access", args=[viewed_child.pk]))
    assert response.status_code == 200
    assert b"allocated worker" in response.content
    assert b"worker" in response.content


def test_ig_user_access_page_shows_what_they_accessed(client, council, viewed_child):
    client.force_login(council.users["ig"])
    response = client.get(reverse("access:ig_user_access", args=[council.users["worker"].pk]))
    assert response.status_code == 200
    assert f"Child {viewed_child.pk}".encode() in response.content


def test_ig_alerts_page_lists_an_open_break_glass_and_acknowledges_it(
    client, council, allocated_child
):
    break_glass_open(actor=council.users["south_worker"], child=allocated_child, reason=REASON)
    client.force_login(council.users["ig"])
    page = client.get(reverse("access:ig_alerts"))
    assert REASON.encode() in page.content
    alert = IGAlert.objects.get()
    response = client.post(
        reverse("access:ig_alert_acknowledge", args=[alert.pk]), {"note": "Justified"}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledgement_note == "Justified"


def test_ig_lookup_by_la_child_id_goes_to_the_childs_access_history(
    client, council, allocated_child
):
    client.force_login(council.users["ig"])
    response = client.get(reverse("access:ig_alerts"), {"la_child_id": allocated_child.la_child_id})
    assert response["Location"] == reverse("access:ig_child_access", args=[allocated_child.pk])
