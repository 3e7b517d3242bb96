"""Each audit event written while serving a page records which page: URL name and path.

The path holds no query string and no personal data (parts of it that are neither numbers nor
words of the URL pattern are masked), and both fields are in the hash chain.
"""

import datetime as dt
import hmac
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory
from django.urls import resolve, reverse

from sightline.access import chain
from sightline.access.models import AuditAction, AuditEvent
from sightline.access.services import audit_event_record
from sightline.access.triggers import TABLE, audit_triggers_drop

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _password_only(settings):
    settings.SIGHTLINE_REQUIRE_2FA = False


def request_for(path: str):
    request = RequestFactory().get(path)
    request.resolver_match = resolve(request.path_info)
    return request


def test_viewing_a_childs_record_records_the_page_and_its_path(client, council, allocated_child):
    client.force_login(council.users["worker"])

    client.get(reverse("child-summary", args=[allocated_child.pk]))

    event = AuditEvent.objects.filter(action=AuditAction.VIEW).latest("sequence")
    assert event.child_id == allocated_child.pk
    assert event.page == "child-summary"
    assert event.path == f"/children/{allocated_child.pk}/"


def test_a_search_records_its_page_without_the_query_string(client, council, allocated_child):
    client.force_login(council.users["worker"])

    client.post(reverse("child-search") + "?from=header", {"q": allocated_child.last_name})

    event = AuditEvent.objects.filter(action=AuditAction.SEARCH).latest("sequence")
    assert event.page == "child-search"
    assert event.path == "/children/search/"
    assert allocated_child.pk in event.detail["result_ids"]


def test_a_namespaced_page_is_recorded_with_its_namespace(council, allocated_child):
    request = request_for(reverse("access:ig_child_access", args=[allocated_child.pk]))

    event = audit_event_record(
        actor=council.users["ig"], action=AuditAction.VIEW_AUDIT, request=request
    )

    assert event.page == "access:ig_child_access"
    assert event.path == f"/ig/children/{allocated_child.pk}/access/"


def test_a_path_part_that_is_neither_a_number_nor_a_word_of_the_pattern_is_masked(council):
    # The admin takes any text as an object id; a name typed there must not reach the audit.
    request = request_for("/admin/people/person/Jane Smith/change/")

    event = audit_event_record(
        actor=council.users["admin"], action=AuditAction.VIEW, request=request
    )

    assert event.page == "admin:people_person_change"
    assert event.path == "/admin/people/person/*/change/"


def test_an_event_written_outside_a_request_has_no_page(council):
    event = audit_event_record(actor=council.users["worker"], action=AuditAction.SEARCH)

    assert (event.page, event.path) == ("", "")


# --- The chain ------------------------------------------------------------------------------


def test_an_event_without_a_page_hashes_as_it_did_before_the_page_was_recorded(settings):
    # The canonical form written out by hand: no "page" or "path" key when they are empty, so
    # events written before those fields existed keep their hash.
    fields = {
        "sequence": 7,
        "occurred_at": dt.datetime(2026, 11, 27, 9, 30, 0, 123456, tzinfo=dt.UTC),
        "actor_id": 3,
        "actor_username": "worker",
        "actor_role": "SOCIAL_WORKER",
        "action": "view",
        "child_id": 42,
        "object_type": "",
        "object_id": "",
        "detail": {"allowed": True, "basis": "allocated worker"},
        "reason": "",
        "client_address": "127.0.0.1",
        "page": "",
        "path": "",
        "prev_hash": "a" * 64,
    }
    canonical = (
        '{"action":"view","actor_id":3,"actor_role":"SOCIAL_WORKER","actor_username":"worker",'
        '"child_id":42,"client_address":"127.0.0.1",'
        '"detail":{"allowed":true,"basis":"allocated worker"},"format":2,"object_id":"",'
        '"object_type":"","occurred_at":"2026-11-27T09:30:00.123456+00:00",'
        f'"prev_hash":"{"a" * 64}","reason":"","sequence":7}}'
    ).encode()
    key = b"k" * 32

    assert chain.event_canonical(fields) == canonical
    assert chain.event_hash(fields, key=key) == hmac.new(key, canonical, "sha256").hexdigest()


KEY = b"k" * 32


def test_the_page_is_in_the_hash():
    fields = {name: "" for name in chain.CHAINED_FIELDS} | {
        "sequence": 1,
        "occurred_at": dt.datetime(2026, 11, 27, tzinfo=dt.UTC),
        "detail": {},
        "actor_id": None,
        "child_id": None,
    }

    assert chain.event_hash(fields, key=KEY) != chain.event_hash(
        fields | {"page": "child-summary"}, key=KEY
    )
    assert chain.event_hash(fields | {"path": "/children/1/"}, key=KEY) != chain.event_hash(
        fields | {"path": "/children/2/"}, key=KEY
    )


def _verify() -> tuple[int, str]:
    err = io.StringIO()
    try:
        call_command("audit", "verify", stdout=io.StringIO(), stderr=err)
    except SystemExit as exit_:
        return exit_.code, err.getvalue()
    return 0, err.getvalue()


def test_verify_passes_on_events_with_and_without_a_page(council, allocated_child):
    audit_event_record(actor=council.users["worker"], action=AuditAction.LOGIN)
    audit_event_record(
        actor=council.users["worker"],
        action=AuditAction.VIEW,
        child=allocated_child,
        request=request_for(reverse("child-summary", args=[allocated_child.pk])),
    )

    assert _verify() == (0, "")


@pytest.mark.parametrize(
    ("sequence", "page"), [(1, "child-summary"), (2, ""), (2, "child-household")]
)
def test_verify_names_an_event_whose_page_was_filled_emptied_or_changed(
    council, allocated_child, sequence, page
):
    audit_event_record(actor=council.users["worker"], action=AuditAction.LOGIN)
    audit_event_record(
        actor=council.users["worker"],
        action=AuditAction.VIEW,
        child=allocated_child,
        request=request_for(reverse("child-summary", args=[allocated_child.pk])),
    )
    audit_triggers_drop(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET page = %s WHERE sequence = %s", [page, sequence])

    code, err = _verify()

    assert code == 1
    assert f"audit event #{sequence} edited" in err
