"""Issue 11 row 3: roles change only through an audited request that a second administrator
approves; nobody raises their own role; IG is told and those involved may not review it."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from tests.access.conftest import PASSWORD

from sightline.access.models import AuditAction, AuditEvent, IGAlert, RoleChangeStatus
from sightline.access.role_changes import (
    role_change_approve,
    role_change_refuse,
    role_change_request,
)
from sightline.access.services import ig_alert_acknowledge
from sightline.workforce.models import User

pytestmark = pytest.mark.django_db

REASON = "Promoted to team manager of Assessment North from 1 December"


def _administrator(username: str) -> User:
    return User.objects.create_user(
        username=username, password=PASSWORD, role="ADMIN", is_staff=True, is_superuser=True
    )


@pytest.fixture
def admins(db):
    return _administrator("admin_one"), _administrator("admin_two")


def test_an_administrator_cannot_give_themselves_a_role_in_the_admin(client, admins):
    me = admins[0]
    client.force_login(me)
    url = reverse("admin:workforce_user_change", args=[me.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update(username=me.username, role="DIRECTOR", date_joined_0="2026-01-01")
    data.update(date_joined_1="09:00:00", is_active="on", is_staff="on", is_superuser="on")
    data["first_name"] = "Renamed"
    response = client.post(url, data)
    assert response.status_code == 302  # the form was saved...
    me.refresh_from_db()
    assert me.first_name == "Renamed"
    assert me.role == "ADMIN"  # ...but not the role


def test_an_administrator_cannot_ask_for_their_own_role_to_change(admins):
    with pytest.raises(PermissionDenied):
        role_change_request(actor=admins[0], subject=admins[0], role="DIRECTOR", reason=REASON)


def test_a_role_change_waits_for_a_second_administrator(admins, council):
    worker = council.users["worker"]
    change = role_change_request(
        actor=admins[0], subject=worker, role="TEAM_MANAGER", reason=REASON
    )
    worker.refresh_from_db()
    assert worker.role == "SOCIAL_WORKER"
    with pytest.raises(PermissionDenied):
        role_change_approve(actor=admins[0], change=change)
    role_change_approve(actor=admins[1], change=change)
    worker.refresh_from_db()
    assert worker.role == "TEAM_MANAGER"


def test_the_user_whose_role_it_is_cannot_approve_it(admins):
    third = _administrator("admin_three")
    change = role_change_request(actor=admins[0], subject=third, role="DIRECTOR", reason=REASON)
    with pytest.raises(PermissionDenied):
        role_change_approve(actor=third, change=change)


def test_a_non_administrator_cannot_ask_or_approve(admins, council):
    with pytest.raises(PermissionDenied):
        role_change_request(
            actor=council.users["director"],
            subject=council.users["worker"],
            role="DIRECTOR",
            reason=REASON,
        )


def test_each_step_is_in_the_hash_chained_audit_and_alerts_ig(admins, council):
    worker = council.users["worker"]
    change = role_change_request(
        actor=admins[0], subject=worker, role="TEAM_MANAGER", reason=REASON
    )
    role_change_refuse(actor=admins[1], change=change)
    steps = [
        (e.actor_username, e.detail["step"], e.detail["to_role"])
        for e in AuditEvent.objects.filter(action=AuditAction.ROLE_CHANGE)
    ]
    assert steps == [
        ("admin_one", "requested", "TEAM_MANAGER"),
        ("admin_two", "refused", "TEAM_MANAGER"),
    ]
    change.refresh_from_db()
    assert change.status == RoleChangeStatus.REFUSED
    alerts = IGAlert.objects.filter(grant__isnull=True)
    assert alerts.count() == 2
    assert set(alerts.order_by("raised_at").last().involves) == {
        admins[0].pk,
        admins[1].pk,
        worker.pk,
    }


def test_an_ig_officer_cannot_review_their_own_role_change(admins, council):
    ig = council.users["ig"]
    role_change_request(actor=admins[0], subject=ig, role="DIRECTOR", reason=REASON)
    with pytest.raises(PermissionDenied):
        ig_alert_acknowledge(actor=ig, alert=IGAlert.objects.get())
