"""Information governance: who accessed a child's record, what a user accessed, alerts."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from sightline.access.models import AuditAction, AuditEvent, IGAlert
from sightline.access.selectors import audit_for_child, audit_for_user, ig_alerts_open
from sightline.access.services import (
    audit_listing_record,
    break_glass_open,
    child_read_authorise,
)
from sightline.people.selectors import ChildSearchQuery, child_search

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
    response = client.post(
        reverse("access:ig_alerts"), {"la_child_id": allocated_child.la_child_id}
    )
    assert response["Location"] == reverse("access:ig_child_access", args=[allocated_child.pk])


# --- Pages recorded, and searches the child appeared in -------------------------------------


def test_ig_pages_show_the_page_each_access_was_made_on(client, council, allocated_child):
    client.force_login(council.users["worker"])
    client.get(reverse("child-household", args=[allocated_child.pk]))
    client.force_login(council.users["ig"])

    child_page = client.get(reverse("access:ig_child_access", args=[allocated_child.pk]))
    user_page = client.get(reverse("access:ig_user_access", args=[council.users["worker"].pk]))

    for response in (child_page, user_page):
        assert b"child-household" in response.content
        assert f"/children/{allocated_child.pk}/household/".encode() in response.content


def test_audit_for_child_includes_the_searches_the_child_appeared_in(council, allocated_child):
    search = child_search(
        actor=council.users["worker"],
        query=ChildSearchQuery(la_child_id=allocated_child.la_child_id),
    )
    assert allocated_child in search
    searched = AuditEvent.objects.filter(action=AuditAction.SEARCH).latest("sequence")

    events = list(audit_for_child(actor=council.users["ig"], child=allocated_child))

    assert searched in events
    assert searched.child_id is None


def test_audit_for_child_leaves_out_lists_of_other_children_with_similar_ids(
    council, allocated_child
):
    pk = allocated_child.pk
    lookalikes = [pk * 10, pk * 10 + 1, int(f"1{pk}"), pk + 1000]
    other = audit_listing_record(
        actor=council.users["worker"], child_ids=lookalikes, detail={"criteria": ["text"]}
    )
    mentioned = audit_listing_record(
        actor=council.users["worker"], child_ids=[*lookalikes, pk], detail={"list": "test"}
    )

    events = list(audit_for_child(actor=council.users["ig"], child=allocated_child))

    assert mentioned in events
    assert other not in events


def test_ig_child_access_page_shows_appearances_in_search_results(client, council, allocated_child):
    client.force_login(council.users["worker"])
    client.post(reverse("child-search"), {"q": allocated_child.la_child_id})
    client.force_login(council.users["ig"])

    response = client.get(reverse("access:ig_child_access", args=[allocated_child.pk]))

    assert b"Appeared in search results" in response.content
    assert b"child-search" in response.content


def test_a_search_audit_keeps_the_children_found_not_the_text_typed(council, allocated_child):
    child_search(
        actor=council.users["worker"], query=ChildSearchQuery(text=allocated_child.last_name)
    )

    event = AuditEvent.objects.filter(action=AuditAction.SEARCH).latest("sequence")
    assert event.detail["result_ids"] == [allocated_child.pk]
    assert event.detail["criteria"] == ["text"]
    assert allocated_child.last_name not in str(event.detail)


def test_reading_the_ig_alerts_is_audited_with_the_children_named(client, council, allocated_child):
    break_glass_open(actor=council.users["south_worker"], child=allocated_child, reason=REASON)
    client.force_login(council.users["ig"])

    client.get(reverse("access:ig_alerts"))

    event = AuditEvent.objects.filter(detail__list="IG alerts open").get()
    assert event.action == AuditAction.VIEW_AUDIT
    assert event.detail["result_ids"] == [allocated_child.pk]
    assert event.page == "access:ig_alerts"


def test_ig_lookup_is_posted_so_the_la_child_id_stays_out_of_urls(client, council, allocated_child):
    """Issue 11 row 14: the IG "who accessed" lookup is a POST."""
    client.force_login(council.users["ig"])
    response = client.get(reverse("access:ig_alerts"), {"la_child_id": allocated_child.la_child_id})
    assert response.status_code == 200  # a GET query string is ignored, not acted on
    assert b'method="post"' in response.content
    assert b'method="get"' not in response.content


@pytest.mark.parametrize(
    "name", ["access:ig_alerts", "access:subject_access", "access:retention", "child-search"]
)
def test_a_refused_ig_sar_retention_or_search_page_is_audited(client, council, name):
    """Issue 11 row 14: refused IG, SAR, retention and search pages are audited."""
    client.force_login(council.users["analyst"])
    assert client.get(reverse(name)).status_code == 403
    event = AuditEvent.objects.filter(action=AuditAction.REFUSED).get()
    assert event.actor == council.users["analyst"]
    assert event.page == name
    assert event.detail["allowed"] is False


def test_a_refused_admin_page_is_audited(client, council):
    """Issue 11 row 14: a refused admin page is audited."""
    client.force_login(council.users["worker"])
    response = client.get("/admin/people/person/")
    assert response.status_code == 302
    event = AuditEvent.objects.filter(action=AuditAction.REFUSED).get()
    assert event.detail["refused"] == "administration"
