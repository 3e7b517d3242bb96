"""Make the audit table append-only in the database itself (triggers for SQLite or PostgreSQL)."""

from django.db import migrations

from sightline.access.triggers import audit_triggers_create, audit_triggers_drop


def _create(apps, schema_editor):
    audit_triggers_create(schema_editor.connection)


def _drop(apps, schema_editor):
    audit_triggers_drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]

    operations = [migrations.RunPython(_create, _drop)]
