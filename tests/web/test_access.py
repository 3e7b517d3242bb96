"""Every page but sign-in needs a signed-in user; record pages refuse who may not read them,
and every read of a child's record is audited once."""

import pytest
from django.test import Client
from django.urls import reverse

from sightline.access.models import AuditAction, AuditEvent
from sightline.access.services import break_glass_open
from sightline.workforce.models import User

from .conftest import PASSWORD

RECORD_PAGES = ["child-summary", "child-chronology", "child-household", "child-clocks"]
REASON = "Child missing from home overnight; police need the family's details now."


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def role_user(role: str) -> User:
    return User.objects.create_user(username=role.lower(), password=PASSWORD, role=role)


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("home", ()),
        ("child-search", ()),
        ("child-summary", (1,)),
        ("child-chronology", (1,)),
        ("child-household", (1,)),
        ("child-clocks", (1,)),
    ],
)
def test_every_page_redirects_an_anonymous_visitor_to_sign_in(db, url_name, args):
    url = reverse(url_name, args=args)

    response = Client().get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


def test_anonymous_search_post_redirects_to_sign_in_without_searching(db, child):
    response = Client().post(reverse("child-search"), {"q": "Smith"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_sign_in_page_is_public(db):
    response = Client().get(reverse("login"))

    assert response.status_code == 200


# --- Record scope ------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", RECORD_PAGES)
def test_a_child_outside_the_workers_scope_is_not_found(worker_client, stranger_child, url_name):
    response = worker_client.get(reverse(url_name, args=[stranger_child.pk]))

    assert response.status_code == 404
    assert b"Robin" not in response.content
    assert b"C9009" not in response.content


@pytest.mark.parametrize("url_name", RECORD_PAGES)
def test_a_restricted_child_is_refused_with_an_offer_of_break_glass(
    worker_client, restricted_child, url_name
):
    response = worker_client.get(reverse(url_name, args=[restricted_child.pk]))

    assert response.status_code == 403
    assert reverse("access:break_glass", args=[restricted_child.pk]).encode() in response.content
    assert b"Kit" not in response.content
    assert b"C7007" not in response.content


def test_a_restricted_child_opens_for_a_worker_on_the_allow_list(
    worker_client, social_worker, restricted_child
):
    restricted_child.restriction.allow_list.add(social_worker)

    response = worker_client.get(reverse("child-summary", args=[restricted_child.pk]))

    assert response.status_code == 200
    assert b"Kit Smithfield" in response.content


def test_a_team_manager_opens_a_child_allocated_to_their_team(team_manager, child):
    response = signed_in(team_manager).get(reverse("child-summary", args=[child.pk]))

    assert response.status_code == 200


@pytest.mark.parametrize("url_name", RECORD_PAGES)
def test_partner_agency_user_is_refused_a_childs_record(partner_user, child, url_name):
    response = signed_in(partner_user).get(reverse(url_name, args=[child.pk]))

    assert response.status_code == 404
    assert b"Alex" not in response.content


@pytest.mark.parametrize("role", ["ANALYST", "ADMIN", "IG_OFFICER"])
def test_roles_without_clinical_access_open_no_child_record(child, role):
    response = signed_in(role_user(role)).get(reverse("child-summary", args=[child.pk]))

    assert response.status_code == 404
    assert b"Alex" not in response.content


@pytest.mark.parametrize("role", ["ANALYST", "ADMIN", "IG_OFFICER", "PARTNER"])
def test_roles_that_may_not_search_are_refused_the_search_page(child, role):
    client = signed_in(role_user(role))

    assert client.get(reverse("child-search")).status_code == 403
    response = client.post(reverse("child-search"), {"q": "Smith"})
    assert response.status_code == 403
    assert b"Alex" not in response.content


def test_partner_agency_user_is_not_offered_the_child_search(partner_user):
    response = signed_in(partner_user).get(reverse("home"))

    assert b'id="header-child-search"' not in response.content


def test_record_pages_are_never_cached(worker_client, child):
    response = worker_client.get(reverse("child-summary", args=[child.pk]))

    assert "no-store" in response["Cache-Control"]


# --- Break-glass ------------------------------------------------------------------------------


def test_after_breaking_the_glass_the_record_opens_with_a_warning(
    worker_client, social_worker, restricted_child
):
    break_glass_open(actor=social_worker, child=restricted_child, reason=REASON)

    response = worker_client.get(reverse("child-summary", args=[restricted_child.pk]))

    assert response.status_code == 200
    assert b"Kit Smithfield" in response.content
    assert b"You opened this record in an emergency" in response.content


def test_breaking_the_glass_returns_to_the_record_with_a_success_banner(
    worker_client, restricted_child
):
    record = reverse("child-summary", args=[restricted_child.pk])
    url = reverse("access:break_glass", args=[restricted_child.pk])

    response = worker_client.post(url, {"reason": REASON, "next": record}, follow=True)

    assert response.redirect_chain == [(record, 302)]
    content = response.content.decode()
    assert "govuk-notification-banner--success" in content
    assert "Information governance has been told" in content
    assert content.count("govuk-notification-banner__title") == 1


# --- Audit ------------------------------------------------------------------------------------


def _events(**filters):
    return list(AuditEvent.objects.filter(**filters).order_by("sequence"))


@pytest.mark.parametrize("url_name", RECORD_PAGES)
def test_each_record_page_view_writes_exactly_one_audit_event(
    worker_client, social_worker, full_record_child, household, url_name
):
    before = AuditEvent.objects.count()

    worker_client.get(reverse(url_name, args=[full_record_child.pk]))

    events = _events(sequence__gt=before)
    assert [(e.action, e.actor_id, e.child_id) for e in events] == [
        (AuditAction.VIEW, social_worker.pk, full_record_child.pk)
    ]
    assert events[0].detail == {"allowed": True, "basis": "allocated worker"}


@pytest.mark.parametrize("url_name", RECORD_PAGES)
def test_a_refused_page_view_is_audited_as_refused(worker_client, stranger_child, url_name):
    worker_client.get(reverse(url_name, args=[stranger_child.pk]))

    event = AuditEvent.objects.latest("sequence")
    assert event.action == AuditAction.VIEW
    assert event.child_id == stranger_child.pk
    assert event.detail["allowed"] is False


def test_a_search_writes_one_audit_event_naming_criteria_and_results_not_the_text(
    worker_client, social_worker, child, other_children
):
    before = AuditEvent.objects.count()

    worker_client.post(reverse("child-search"), {"q": "smith", "last_name": "Smi"})

    [event] = _events(sequence__gt=before)
    assert event.action == AuditAction.SEARCH
    assert event.actor == social_worker
    assert event.detail["criteria"] == ["text", "last_name"]
    assert sorted(event.detail["result_ids"]) == sorted([child.pk, other_children[1].pk])
    assert "smith" not in str(event.detail).lower()


def test_the_home_page_caseload_is_audited_as_a_list(worker_client, social_worker, child):
    before = AuditEvent.objects.count()

    worker_client.get(reverse("home"))

    [event] = _events(sequence__gt=before)
    assert event.action == AuditAction.SEARCH
    assert event.detail["list"] == "allocated to me"
    assert event.detail["result_ids"] == [child.pk]
