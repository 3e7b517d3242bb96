"""The Django admin over people's data: system administrators only, audited, restricted hidden.

`test_every_model_naming_a_person_is_registered_with_the_audit_mixin` walks the admin registry,
so registering a model that holds people's data without `AdminAuditMixin` fails here.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from sightline.access.admin_audit import AdminAuditMixin
from sightline.access.models import AuditAction, AuditEvent
from sightline.access.services import restricted_record_create
from sightline.casework.models import Referral
from sightline.people.models import Person, Relationship
from sightline.workforce.models import User

from .conftest import PASSWORD, child_make

pytestmark = pytest.mark.django_db

# Apps whose every model is part of a child's case record.
CASE_RECORD_APPS = {"people", "casework", "care"}


@pytest.fixture(autouse=True)
def _password_only(settings):
    settings.SIGHTLINE_REQUIRE_2FA = False


@pytest.fixture
def sysadmin(council) -> User:
    return User.objects.create_superuser(
        username="sysadmin", password=PASSWORD, role="ADMIN", first_name="Sysadmin"
    )


@pytest.fixture
def admin_client(client, sysadmin):
    client.force_login(sysadmin)
    return client


@pytest.fixture
def restricted_child(council) -> Person:
    child = child_make("Hidden")
    restricted_record_create(
        actor=council.users["ig"], child=child, reason="adoption", allow_list=[]
    )
    return child


def referral_make(child: Person) -> Referral:
    return Referral.objects.create(
        child=child, referral_date=timezone.localdate() - dt.timedelta(days=10), source="1A"
    )


def _names_a_person(model) -> bool:
    return model is Person or any(
        field.is_relation and not field.auto_created and field.related_model is Person
        for field in model._meta.get_fields()
    )


def _events_after(sequence: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(sequence__gt=sequence).order_by("sequence"))


def _last_sequence() -> int:
    last = AuditEvent.objects.order_by("-sequence").first()
    return last.sequence if last else 0


# --- Registration -----------------------------------------------------------------------------


def test_every_model_naming_a_person_is_registered_with_the_audit_mixin():
    registry = admin.site._registry
    holding = {
        model
        for model in registry
        if _names_a_person(model) or model._meta.app_label in CASE_RECORD_APPS
    }
    assert Person in holding and Referral in holding  # the walk found the case record
    unaudited = sorted(
        model._meta.label for model in holding if not isinstance(registry[model], AdminAuditMixin)
    )
    assert not unaudited, f"Register these with sightline.access.admin_audit: {unaudited}"


# --- Audit ------------------------------------------------------------------------------------


def test_a_change_view_of_a_child_is_audited_as_a_view_of_the_childs_record(
    admin_client, sysadmin, allocated_child
):
    before = _last_sequence()

    response = admin_client.get(reverse("admin:people_person_change", args=[allocated_child.pk]))

    assert response.status_code == 200
    [event] = _events_after(before)
    assert event.action == AuditAction.VIEW
    assert event.actor == sysadmin
    assert event.child_id == allocated_child.pk
    assert event.detail["basis"] == "Django admin: superuser"
    assert event.page == "admin:people_person_change"
    assert event.path == f"/admin/people/person/{allocated_child.pk}/change/"


def test_a_change_view_of_a_childs_referral_is_audited_as_a_view_of_the_childs_record(
    admin_client, allocated_child
):
    referral = referral_make(allocated_child)
    before = _last_sequence()

    response = admin_client.get(reverse("admin:casework_referral_change", args=[referral.pk]))

    assert response.status_code == 200
    [event] = _events_after(before)
    assert event.action == AuditAction.VIEW
    assert event.child_id == allocated_child.pk
    assert (event.object_type, event.object_id) == ("casework.referral", str(referral.pk))


def test_a_history_page_of_a_child_is_audited(admin_client, allocated_child):
    before = _last_sequence()

    response = admin_client.get(reverse("admin:people_person_history", args=[allocated_child.pk]))

    assert response.status_code == 200
    [event] = _events_after(before)
    assert event.child_id == allocated_child.pk
    assert event.detail["history"] is True


def test_a_changelist_is_one_search_event_naming_the_people_shown_not_the_text_typed(
    admin_client, allocated_child
):
    before = _last_sequence()

    response = admin_client.get(
        reverse("admin:people_person_changelist"), {"q": allocated_child.last_name}
    )

    assert response.status_code == 200
    [event] = _events_after(before)
    assert event.action == AuditAction.SEARCH
    assert event.child_id is None
    assert allocated_child.pk in event.detail["result_ids"]
    assert event.detail["criteria"] == ["q"]
    assert event.detail["list"] == "admin people.person"
    assert allocated_child.last_name not in str(event.detail)


def test_saving_a_record_in_the_admin_is_audited_as_an_update(admin_client, allocated_child):
    referral = referral_make(allocated_child)
    url = reverse("admin:casework_referral_change", args=[referral.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["primary_need"] = "N1"
    before = _last_sequence()

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    [event] = _events_after(before)
    assert event.action == AuditAction.UPDATE
    assert event.child_id == allocated_child.pk
    assert "primary_need" in event.detail["fields"]


# --- Restricted records -------------------------------------------------------------------------


def test_a_restricted_child_is_not_in_the_changelist(
    admin_client, allocated_child, restricted_child
):
    before = _last_sequence()

    response = admin_client.get(reverse("admin:people_person_changelist"))

    shown = list(response.context["cl"].result_list)
    assert allocated_child in shown
    assert restricted_child not in shown
    assert restricted_child.last_name not in response.content.decode()
    [event] = _events_after(before)
    assert restricted_child.pk not in event.detail["result_ids"]


def test_a_restricted_childs_records_are_not_in_their_changelists(
    admin_client, allocated_child, restricted_child
):
    visible, hidden = referral_make(allocated_child), referral_make(restricted_child)

    response = admin_client.get(reverse("admin:casework_referral_changelist"))

    shown = list(response.context["cl"].result_list)
    assert visible in shown
    assert hidden not in shown


def test_a_restricted_childs_change_and_history_pages_do_not_exist_for_the_admin(
    admin_client, restricted_child
):
    before = _last_sequence()

    change = admin_client.get(reverse("admin:people_person_change", args=[restricted_child.pk]))
    history = admin_client.get(reverse("admin:people_person_history", args=[restricted_child.pk]))

    assert change.status_code == 302  # the admin's "does not exist" redirect
    assert history.status_code == 404
    assert not [e for e in _events_after(before) if e.child_id == restricted_child.pk]


def test_an_administrator_on_the_allow_list_sees_the_restricted_child(
    admin_client, council, sysadmin
):
    child = child_make("Listed")
    restricted_record_create(
        actor=council.users["ig"], child=child, reason="adoption", allow_list=[sysadmin]
    )

    response = admin_client.get(reverse("admin:people_person_changelist"))

    assert child in list(response.context["cl"].result_list)


# --- Who may use it ---------------------------------------------------------------------------


def _staff_with_person_permissions(username: str, role: str) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, role=role)
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="people"))
    return User.objects.get(pk=user.pk)  # without the permission cache


def test_staff_who_are_not_system_administrators_cannot_read_records_in_the_admin(
    client, council, allocated_child
):
    client.force_login(_staff_with_person_permissions("staff_worker", "SOCIAL_WORKER"))
    before = _last_sequence()

    changelist = client.get(reverse("admin:people_person_changelist"))
    change = client.get(reverse("admin:people_person_change", args=[allocated_child.pk]))

    # The admin site lets them no further than its sign-in form (access.admin_site).
    for response in (changelist, change):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    # Each refused attempt is on the audit trail (issue 11, row 14); none records a read.
    events = _events_after(before)
    assert len(events) == 2
    assert all(event.detail.get("allowed") is False for event in events)


def test_a_system_administrator_with_the_permissions_can_use_the_admin(
    client, council, allocated_child
):
    client.force_login(_staff_with_person_permissions("staff_admin", "ADMIN"))

    response = client.get(reverse("admin:people_person_change", args=[allocated_child.pk]))

    assert response.status_code == 200
    assert AuditEvent.objects.latest("sequence").detail["basis"] == (
        "Django admin: system administrator"
    )


def test_staff_without_the_administrator_role_cannot_use_any_admin_page(client, db):
    """Not even other apps' pages (sign-in attempts, groups), whatever permissions they hold."""
    clerk = _staff_with_person_permissions("staff_clerk", "SOCIAL_WORKER")
    clerk.user_permissions.set(Permission.objects.all())
    client.force_login(clerk)
    for path in ("/admin/", "/admin/axes/accessattempt/", "/admin/auth/group/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("admin:login")), path


def test_row_10_a_delete_confirmation_names_no_restricted_child_and_refuses_the_delete(
    admin_client, allocated_child, restricted_child
):
    """Issue 11 row 10: deleting an adult listed their relationship rows by the restricted
    child's name; now the row is withheld and the delete is refused."""
    parent = Person.objects.create(first_name="Parent", last_name="Visible", sex="F")
    Relationship.objects.create(person=restricted_child, related_person=parent, kind="MOTHER")
    Relationship.objects.create(
        person=allocated_child, related_person=parent, kind="OTHER_RELATIVE"
    )
    url = reverse("admin:people_person_delete", args=[parent.pk])

    page = admin_client.get(url)
    content = page.content.decode()

    assert page.status_code == 200
    assert restricted_child.first_name not in content
    assert restricted_child.last_name not in content
    assert "Cannot delete person" in content
    assert "records of a restricted child" in content  # the delete is refused
    admin_client.post(url, {"post": "yes"})
    assert Person.objects.filter(pk=parent.pk).exists()


def test_row_10_a_delete_with_no_restricted_child_in_it_still_goes_ahead(
    admin_client, allocated_child
):
    parent = Person.objects.create(first_name="Parent", last_name="Visible", sex="F")
    Relationship.objects.create(
        person=allocated_child, related_person=parent, kind="OTHER_RELATIVE"
    )
    url = reverse("admin:people_person_delete", args=[parent.pk])

    assert "withheld (restricted record)" not in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Person.objects.filter(pk=parent.pk).exists()


def test_row_10_what_a_delete_would_take_lists_a_hidden_childs_row_as_withheld(
    rf, sysadmin, allocated_child, restricted_child
):
    parent = Person.objects.create(first_name="Parent", last_name="Visible", sex="F")
    Relationship.objects.create(person=restricted_child, related_person=parent, kind="MOTHER")
    Relationship.objects.create(
        person=allocated_child, related_person=parent, kind="OTHER_RELATIVE"
    )
    request = rf.get("/admin/")
    request.user = sysadmin
    person_admin = admin.site.get_model_admin(Person)

    to_delete, counts, perms_needed, _ = person_admin.get_deleted_objects([parent], request)

    text = str(to_delete)
    assert "Relationship: withheld (restricted record)" in text
    assert restricted_child.last_name not in text
    assert allocated_child.last_name in text  # a child the administrator may see is named
    assert perms_needed == {"records of a restricted child"}
    assert counts["relationships"] == 2
