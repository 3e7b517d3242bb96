"""Django's `flush`, able to empty the append-only audit table too.

`flush` erases every table, which the audit's triggers would otherwise refuse. Test runs flush
between transactional tests (browser tests against a live server, for one), and a demo reset
flushes on purpose; both mean it. The triggers are put back whatever happens.
"""

from django.core.management.commands import flush
from django.db import DEFAULT_DB_ALIAS, connections

from sightline.access.triggers import TABLE, audit_triggers_create, audit_triggers_drop


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options.get("database", DEFAULT_DB_ALIAS)]
        if TABLE not in connection.introspection.table_names():
            return super().handle(**options)
        audit_triggers_drop(connection)
        try:
            return super().handle(**options)
        finally:
            audit_triggers_create(connection)
