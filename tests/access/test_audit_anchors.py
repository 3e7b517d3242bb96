"""Issue 11 row 4: the keyed chain and its anchors catch tail truncation, total deletion, an edit
with recomputed hashes, forged appended events and reordering; each is a test."""

import hashlib
import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from sightline.access import chain
from sightline.access.anchors import anchor_path, anchors_read, audit_key
from sightline.access.models import AuditAction, AuditEvent
from sightline.access.services import audit_event_record
from sightline.access.triggers import TABLE, audit_triggers_drop

pytestmark = pytest.mark.django_db

EVENTS = 60


@pytest.fixture
def anchored(council):
    """60 events, then an anchor at the head (#60)."""
    worker = council.users["worker"]
    for _ in range(EVENTS):
        audit_event_record(actor=worker, action=AuditAction.LOGIN)
    code, out, _ = run("anchor")
    assert code == 0, out
    return AuditEvent.objects.get(sequence=EVENTS)


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def tamper(sql, params=()):
    audit_triggers_drop(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _fields(sequence: int) -> dict:
    stored = AuditEvent.objects.get(sequence=sequence)
    return {name: getattr(stored, name) for name in chain.CHAINED_FIELDS}


def _unkeyed(fields) -> str:
    """What a forger without the key can compute: the plain SHA-256 of the canonical form."""
    return hashlib.sha256(chain.event_canonical(fields)).hexdigest()


def test_anchor_appends_the_head_to_the_anchor_file(anchored):
    audit_event_record(actor=None, action=AuditAction.LOGIN_FAILED)
    run("anchor")
    anchors = anchors_read()
    assert [(a.sequence, a.hash) for a in anchors] == [
        (EVENTS, anchored.hash),
        (EVENTS + 1, AuditEvent.objects.get(sequence=EVENTS + 1).hash),
    ]
    code, out, _ = run("verify")
    assert code == 0
    assert "2 anchor(s) checked" in out


@pytest.mark.parametrize("cut", [1, 5, 50])
def test_verify_catches_the_end_cut_off(anchored, cut):
    tamper(f"DELETE FROM {TABLE} WHERE sequence > %s", [EVENTS - cut])
    code, _, err = run("verify")
    assert code == 1
    assert f"audit event #{EVENTS} deleted" in err
    assert f"the chain ends at #{EVENTS - cut}" in err


def test_verify_catches_every_event_deleted(anchored):
    tamper(f"DELETE FROM {TABLE}")
    code, _, err = run("verify")
    assert code == 1
    assert "every event is gone" in err


def test_verify_catches_an_edit_with_every_hash_after_it_recomputed_without_the_key(anchored):
    previous = AuditEvent.objects.get(sequence=9).hash
    for sequence in range(10, EVENTS + 1):
        fields = _fields(sequence) | {"prev_hash": previous}
        if sequence == 10:
            fields["actor_username"] = "someone_else"
        previous = _unkeyed(fields)
        tamper(
            f"UPDATE {TABLE} SET actor_username = %s, prev_hash = %s, hash = %s "
            "WHERE sequence = %s",
            [fields["actor_username"], fields["prev_hash"], previous, sequence],
        )
    code, _, err = run("verify")
    assert code == 1
    assert "audit event #10 edited" in err
    assert "not written with the audit key" in err


def test_verify_catches_the_chain_rebuilt_even_with_the_key(anchored):
    # An insider holding the key rewrites event #10 and re-keys every later event: the chain
    # holds again, but the anchor taken before no longer matches.
    key = audit_key()
    previous = AuditEvent.objects.get(sequence=9).hash
    for sequence in range(10, EVENTS + 1):
        fields = _fields(sequence) | {"prev_hash": previous}
        if sequence == 10:
            fields["actor_username"] = "someone_else"
        previous = chain.event_hash(fields, key=key)
        tamper(
            f"UPDATE {TABLE} SET actor_username = %s, prev_hash = %s, hash = %s "
            "WHERE sequence = %s",
            [fields["actor_username"], fields["prev_hash"], previous, sequence],
        )
    code, _, err = run("verify")
    assert code == 1
    assert f"audit event #{EVENTS} edited" in err
    assert "the chain was rebuilt" in err


def test_verify_catches_a_forged_event_appended(anchored):
    forged = _fields(EVENTS) | {
        "sequence": EVENTS + 1,
        "prev_hash": anchored.hash,
        "actor_username": "nobody",
    }
    digest = _unkeyed(forged)
    columns = [*chain.CHAINED_FIELDS, "hash"]
    values = [forged[name] for name in chain.CHAINED_FIELDS] + [digest]
    values[columns.index("detail")] = json.dumps(forged["detail"])
    tamper(
        f"INSERT INTO {TABLE} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})",
        values,
    )
    code, _, err = run("verify")
    assert code == 1
    assert f"audit event #{EVENTS + 1} edited" in err


def test_verify_catches_two_events_swapped(anchored):
    tamper(f"UPDATE {TABLE} SET sequence = 1000000 WHERE sequence = 20")
    tamper(f"UPDATE {TABLE} SET sequence = 20 WHERE sequence = 21")
    tamper(f"UPDATE {TABLE} SET sequence = 21 WHERE sequence = 1000000")
    code, _, err = run("verify")
    assert code == 1
    assert "audit event #20 reordered" in err
    assert "written as event #21" in err


def test_a_damaged_anchor_file_is_named_with_its_line(anchored):
    with open(anchor_path(), "a") as handle:
        handle.write("not an anchor\n")
    code, _, err = run("verify")
    assert code == 1
    assert "line 2: not an anchor" in err


def test_without_anchors_verify_says_truncation_would_not_show(council):
    audit_event_record(actor=None, action=AuditAction.LOGIN_FAILED)
    code, out, _ = run("verify")
    assert code == 0
    assert "No anchors recorded" in out


def test_the_ig_page_shows_the_latest_anchor(client, anchored, council):
    client.force_login(council.users["ig"])
    response = client.get(reverse("access:ig_alerts"))
    assert f"#{EVENTS}" in response.content.decode()
    assert anchored.hash in response.content.decode()
