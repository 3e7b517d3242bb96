"""Database triggers that make the audit table append-only, for SQLite and PostgreSQL.

The application never updates or deletes an audit event; these triggers make the database
refuse it too, so that a bug, an admin action or a hand-typed SQL statement cannot quietly
rewrite history. Someone who can drop the triggers can still tamper, which is why every event is
also hash-chained (`sightline audit verify`).

Migration 0002 installs these, and `flush` and the tamper tests reuse them, so all three agree.
Changing a trigger therefore means a new migration that applies the new SQL; migration 0002
will then install the latest version on a fresh database, which is the intent.
"""

TABLE = "access_auditevent"

_SQLITE_CREATE = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: UPDATE refused'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only: DELETE refused'); END
    """,
]
_SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_delete",
]

_POSTGRESQL_CREATE = [
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{TABLE} is append-only: % refused', TG_OP;
    END
    $$
    """,
    f"""
    CREATE TRIGGER {TABLE}_no_update_delete BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_append_only()
    """,
    # TRUNCATE skips row triggers, so it needs its own.
    f"""
    CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_append_only()
    """,
]
_POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_update_delete ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_append_only()",
]

_CREATE = {"sqlite": _SQLITE_CREATE, "postgresql": _POSTGRESQL_CREATE}
_DROP = {"sqlite": _SQLITE_DROP, "postgresql": _POSTGRESQL_DROP}


def _statements(table: dict[str, list[str]], vendor: str) -> list[str]:
    try:
        return table[vendor]
    except KeyError:
        raise NotImplementedError(
            f"No append-only audit triggers for the {vendor!r} database; "
            "Sightline supports SQLite and PostgreSQL"
        ) from None


def audit_triggers_create(connection) -> None:
    """Install the triggers that refuse UPDATE and DELETE (and TRUNCATE) of audit events."""
    with connection.cursor() as cursor:
        for statement in _statements(_CREATE, connection.vendor):
            cursor.execute(statement)


def audit_triggers_drop(connection) -> None:
    """Remove the triggers; only for flushing a whole database, and for tests that tamper."""
    with connection.cursor() as cursor:
        for statement in _statements(_DROP, connection.vendor):
            cursor.execute(statement)
