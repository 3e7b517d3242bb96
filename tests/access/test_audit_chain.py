"""The access audit is append-only and hash-chained; `sightline audit verify` finds tampering."""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from sightline.access import chain
from sightline.access.anchors import audit_key
from sightline.access.models import AuditAction, AuditEvent
from sightline.access.services import audit_event_record
from sightline.access.triggers import TABLE, audit_triggers_drop

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(council, allocated_child):
    """Four events from different actors, one about a child, one by the system."""
    worker = council.users["worker"]
    return [
        audit_event_record(actor=worker, action=AuditAction.LOGIN),
        audit_event_record(
            actor=worker,
            action=AuditAction.VIEW,
            child=allocated_child,
            detail={"allowed": True, "basis": "allocated worker"},
        ),
        audit_event_record(actor=None, action=AuditAction.LOGIN_FAILED, detail={"username": "x"}),
        audit_event_record(actor=council.users["manager"], action=AuditAction.SEARCH),
    ]


def verify(*args):
    """Run `audit verify`; return (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit", "verify", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return exit_.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def tamper(sql, params=()):
    """Run SQL against the audit table with its triggers dropped (undone with the test)."""
    audit_triggers_drop(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


# --- The chain ------------------------------------------------------------------------------


def test_events_are_numbered_from_one_and_each_links_to_the_one_before(events):
    assert [e.sequence for e in events] == [1, 2, 3, 4]
    assert events[0].prev_hash == chain.GENESIS_HASH
    for before, after in zip(events, events[1:], strict=False):
        assert after.prev_hash == before.hash


def test_stored_event_reads_back_with_the_hash_it_was_written_with(events):
    for stored in AuditEvent.objects.all():
        fields = {name: getattr(stored, name) for name in chain.CHAINED_FIELDS}
        assert chain.event_hash(fields, key=audit_key()) == stored.hash


def test_actor_role_and_username_are_copied_onto_the_event(events, council):
    assert events[0].actor_role == "SOCIAL_WORKER"
    assert events[0].actor_username == "worker"
    assert events[2].actor_id is None


def test_detail_with_a_float_is_refused():
    with pytest.raises(TypeError):
        audit_event_record(actor=None, action=AuditAction.SEARCH, detail={"score": 0.5})


# --- Verify ---------------------------------------------------------------------------------


def test_verify_passes_on_an_empty_audit():
    code, out, _ = verify()
    assert code == 0
    assert "intact: 0 events" in out


def test_verify_passes_on_a_clean_chain_and_prints_its_head(events):
    code, out, _ = verify()
    assert code == 0
    assert f"intact: 4 events; head 4:{events[-1].hash}" in out


def test_verify_names_an_edited_event(events):
    tamper(f"UPDATE {TABLE} SET actor_username = %s WHERE sequence = 2", ["someone_else"])
    code, _, err = verify()
    assert code == 1
    assert "audit event #2 edited" in err
    assert "hash mismatch" in err


def test_verify_names_a_deleted_event(events):
    tamper(f"DELETE FROM {TABLE} WHERE sequence = 2")
    code, _, err = verify()
    assert code == 1
    assert "audit event #3 deleted" in err
    assert "event #2 is missing" in err


def test_verify_names_a_reordered_event(events):
    # Swap events 2 and 3 through a free number (sequence is unique and not negative).
    tamper(f"UPDATE {TABLE} SET sequence = 1000000 WHERE sequence = 2")
    tamper(f"UPDATE {TABLE} SET sequence = 2 WHERE sequence = 3")
    tamper(f"UPDATE {TABLE} SET sequence = 3 WHERE sequence = 1000000")
    code, _, err = verify()
    assert code == 1
    assert "audit event #2 reordered" in err
    assert "written as event #3" in err


def test_verify_names_a_rewritten_event_whose_link_no_longer_holds(events):
    # A forger who recomputes an event's own hash still breaks the link of the next one.
    stored = AuditEvent.objects.get(sequence=2)
    fields = {name: getattr(stored, name) for name in chain.CHAINED_FIELDS}
    fields["actor_username"] = "forged"
    forged_hash = chain.event_hash(fields, key=audit_key())
    tamper(
        f"UPDATE {TABLE} SET actor_username = %s, hash = %s WHERE sequence = 2",
        ["forged", forged_hash],
    )
    code, _, err = verify()
    assert code == 1
    assert "audit event #3 deleted" in err
    assert "prev_hash mismatch" in err


def test_verify_with_an_anchor_detects_a_cut_off_end(events):
    anchor = f"4:{events[-1].hash}"
    tamper(f"DELETE FROM {TABLE} WHERE sequence = 4")
    code, _, err = verify("--anchor", anchor)
    assert code == 1
    assert "audit event #4 deleted" in err


def test_verify_with_a_matching_anchor_passes(events):
    code, _, _ = verify("--anchor", f"2:{events[1].hash}")
    assert code == 0


# --- The database refuses changes -----------------------------------------------------------


def test_database_refuses_update_of_an_audit_event(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(sequence=2).update(actor_username="someone_else")
    assert AuditEvent.objects.get(sequence=2).actor_username == "worker"


def test_database_refuses_delete_of_an_audit_event(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(sequence=2).delete()
    assert AuditEvent.objects.count() == 4


def test_database_refuses_raw_sql_update_too(events):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET action = 'view'")


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_audit_and_puts_the_triggers_back():
    audit_event_record(actor=None, action=AuditAction.SEARCH)
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    audit_event_record(actor=None, action=AuditAction.SEARCH)
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
