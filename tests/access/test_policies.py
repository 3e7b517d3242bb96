"""Record-level access policy: each role sees its own children and no others; deny by default."""

import datetime as dt

import pytest
from django.utils import timezone

from sightline.access.policies import (
    FRONT_DOOR_CONTACT_DAYS,
    ROLE_CAPABILITIES,
    Capability,
    actor_can,
    child_access,
    children_visible_to,
)
from sightline.access.services import restricted_record_create
from sightline.standards import codes

from .conftest import (
    allocate,
    care_leaver_make,
    child_make,
    contact_received,
    cp_plan_open,
    looked_after_open,
)

pytestmark = pytest.mark.django_db


def visible(user, child) -> bool:
    return children_visible_to(user).filter(pk=child.pk).exists()


def assert_allowed(user, child, basis_contains=""):
    decision = child_access(user, child)
    assert decision.allowed, decision.basis
    assert basis_contains in decision.basis
    assert visible(user, child), "allowed to open, so search must find it"


def assert_refused(user, child):
    decision = child_access(user, child)
    assert not decision.allowed, decision.basis
    assert not visible(user, child), "refused, so search must not find it"


# --- Every role has an entry, and unknown roles get nothing -------------------------------


def test_every_role_in_the_code_set_has_a_capability_entry():
    assert set(ROLE_CAPABILITIES) == set(codes.ROLE.values)


def test_a_user_with_an_unknown_role_can_do_nothing(council, allocated_child):
    user = council.users["worker"]
    user.role = "SOMETHING_NEW"
    assert not actor_can(user, Capability.VIEW_CHILD)
    assert_refused(user, allocated_child)


def test_an_inactive_user_is_refused_even_their_own_allocated_child(council, allocated_child):
    worker = council.users["worker"]
    worker.is_active = False
    worker.save()
    assert_refused(worker, allocated_child)


# --- Social workers and senior practitioners ----------------------------------------------


def test_worker_sees_child_allocated_to_them(council, allocated_child):
    assert_allowed(council.users["worker"], allocated_child, "allocated worker")


def test_worker_sees_child_allocated_to_a_colleague_in_their_team(council, allocated_child):
    assert_allowed(council.users["colleague"], allocated_child, "Assessment North")


def test_senior_practitioner_sees_their_teams_children(council, allocated_child):
    assert_allowed(council.users["senior"], allocated_child, "Assessment North")


def test_worker_is_refused_a_child_of_another_team(council, south_child):
    assert_refused(council.users["worker"], south_child)


def test_worker_is_refused_an_unallocated_child(council, unallocated_child):
    assert_refused(council.users["worker"], unallocated_child)


def test_worker_is_refused_once_the_allocation_has_ended(council):
    child = child_make()
    today = timezone.localdate()
    allocate(
        child,
        council.assessment_north,
        council.users["worker"],
        start_date=today - dt.timedelta(days=100),
        end_date=today - dt.timedelta(days=1),
        end_reason="Transferred",
    )
    assert_refused(council.users["worker"], child)


# --- Managers and leaders -----------------------------------------------------------------


def test_team_manager_sees_their_teams_children(council, allocated_child):
    assert_allowed(council.users["manager"], allocated_child, "team manager of Assessment North")


def test_team_manager_is_refused_another_teams_child(council, south_child):
    assert_refused(council.users["manager"], south_child)


def test_head_of_service_sees_children_of_every_team_in_their_service(
    council, allocated_child, south_child
):
    assert_allowed(council.users["head"], allocated_child, "head of service for Safeguarding")
    assert_allowed(council.users["head"], south_child, "Safeguarding")


def test_head_of_service_is_refused_children_of_another_service(council, allocated_child):
    assert_refused(council.users["care_head"], allocated_child)


def test_director_sees_every_child(council, allocated_child, unallocated_child):
    assert_allowed(council.users["director"], allocated_child, "director")
    assert_allowed(council.users["director"], unallocated_child, "director")


# --- Front door ----------------------------------------------------------------------------


def test_front_door_sees_the_subject_of_a_recent_contact(council):
    child = child_make()
    contact_received(child, days_ago=3)
    assert_allowed(council.users["front_door"], child, "contact")


def test_front_door_sees_a_child_named_in_a_recent_contact(council):
    subject, sibling = child_make(), child_make()
    contact_received(subject, days_ago=10, named=[sibling])
    assert_allowed(council.users["front_door"], sibling, "contact")


def test_front_door_is_refused_a_child_whose_only_contact_is_older_than_the_window(council):
    child = child_make()
    contact_received(child, days_ago=FRONT_DOOR_CONTACT_DAYS + 1)
    assert_refused(council.users["front_door"], child)


def test_front_door_sees_a_child_allocated_to_the_front_door_team(council):
    child = child_make()
    allocate(child, council.front_door_team)
    assert_allowed(council.users["front_door"], child, "front-door team")


def test_front_door_is_refused_a_child_allocated_elsewhere(council, allocated_child):
    assert_refused(council.users["front_door"], allocated_child)


# --- IRO and personal adviser ---------------------------------------------------------------


def test_iro_sees_a_child_on_a_child_protection_plan(council):
    child = child_make()
    cp_plan_open(child)
    assert_allowed(council.users["iro"], child, "child protection plan")


def test_iro_sees_a_looked_after_child(council):
    child = child_make()
    looked_after_open(child)
    assert_allowed(council.users["iro"], child, "looked-after")


def test_iro_is_refused_a_child_with_neither_plan_nor_care_episode(council, allocated_child):
    assert_refused(council.users["iro"], allocated_child)


def test_personal_adviser_sees_their_care_leaver(council):
    child = child_make()
    care_leaver_make(child, council.users["adviser"])
    assert_allowed(council.users["adviser"], child, "personal adviser")


def test_personal_adviser_is_refused_another_advisers_care_leaver(council):
    other = council.users["adviser"].__class__.objects.create_user(
        username="other_adviser", password="x", role="PERSONAL_ADVISER"
    )
    child = child_make()
    care_leaver_make(child, other)
    assert_refused(council.users["adviser"], child)


# --- QA, analysts, partners, IG and administrators ------------------------------------------


def test_qa_auditor_reads_any_child(council, allocated_child, unallocated_child):
    assert_allowed(council.users["qa"], allocated_child, "quality assurance")
    assert_allowed(council.users["qa"], unallocated_child, "quality assurance")


def test_qa_auditor_may_not_update_a_childs_record(council, allocated_child):
    decision = child_access(council.users["qa"], allocated_child, action="update")
    assert not decision.allowed
    assert "read-only" in decision.basis


def test_allocated_worker_may_update_their_childs_record(council, allocated_child):
    assert child_access(council.users["worker"], allocated_child, action="update").allowed


@pytest.mark.parametrize("role_user", ["analyst", "partner", "ig", "admin"])
def test_roles_without_clinical_access_are_refused_every_child(
    council, allocated_child, unallocated_child, role_user
):
    user = council.users[role_user]
    assert_refused(user, allocated_child)
    assert_refused(user, unallocated_child)
    assert not children_visible_to(user).exists()


# --- Restricted records ---------------------------------------------------------------------


@pytest.fixture
def restricted_child(council, allocated_child):
    restricted_record_create(
        actor=council.users["ig"],
        child=allocated_child,
        reason="adoption",
        allow_list=[council.users["colleague"]],
    )
    return allocated_child


@pytest.mark.parametrize("role_user", ["worker", "manager", "head", "director", "qa"])
def test_restricted_child_is_hidden_and_refused_for_those_not_on_the_allow_list(
    council, restricted_child, role_user
):
    user = council.users[role_user]
    decision = child_access(user, restricted_child)
    assert not decision.allowed
    assert decision.basis == "restricted: not on allow-list"
    assert decision.restricted
    assert not visible(user, restricted_child)


def test_restricted_child_is_visible_to_someone_on_the_allow_list(council, restricted_child):
    assert_allowed(council.users["colleague"], restricted_child, "allow-list")


def test_an_analyst_on_an_allow_list_by_mistake_still_sees_nothing(council, restricted_child):
    restricted_child.restriction.allow_list.add(council.users["analyst"])
    assert_refused(council.users["analyst"], restricted_child)


def test_refusal_of_a_restricted_child_offers_break_glass_to_clinical_roles(
    council, restricted_child
):
    assert child_access(council.users["worker"], restricted_child).break_glass_available
    assert not child_access(council.users["qa"], restricted_child).break_glass_available


def test_search_scope_of_director_excludes_only_restricted_children(
    council, restricted_child, unallocated_child, south_child
):
    ids = set(children_visible_to(council.users["director"]).values_list("pk", flat=True))
    assert ids == {unallocated_child.pk, south_child.pk}


def test_search_scope_contains_children_only_not_adults(council):
    child_make()
    adult = council.users["director"]
    from sightline.people.models import Person

    Person.objects.create(first_name="Adult", last_name="Parent", sex="F")
    assert all(p.la_child_id for p in children_visible_to(adult))
