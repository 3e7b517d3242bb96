"""Record the page each audit event was written on (URL name and path).

On SQLite, adding a NOT NULL column rebuilds the table, and the rebuilt table has none of the
append-only triggers of migration 0002; so the triggers are put back (dropped first where they
survived, as on PostgreSQL, so that both engines end with exactly one set). Events written
before this migration keep an empty page, which the hash chain leaves out of their canonical
form (`chain.OPTIONAL_CHAINED_FIELDS`), so they still verify.
"""

from django.db import migrations, models

from sightline.access.triggers import audit_triggers_create, audit_triggers_drop


def _triggers_reinstall(apps, schema_editor):
    audit_triggers_drop(schema_editor.connection)
    audit_triggers_create(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("access", "0003_retention_and_disposal")]

    operations = [
        # Reversed last: removing the columns rebuilds the SQLite table too.
        migrations.RunPython(migrations.RunPython.noop, _triggers_reinstall),
        migrations.AddField(
            model_name="auditevent",
            name="page",
            field=models.CharField(
                blank=True,
                default="",
                help_text=(
                    'The URL name of the page the event was written on, e.g. "child-summary".'
                ),
                max_length=100,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="path",
            field=models.CharField(
                blank=True,
                default="",
                help_text=(
                    "The page's path without its query string; any part of it that is neither a "
                    "number nor a fixed word of the URL pattern is replaced by *, so it holds no "
                    "personal data."
                ),
                max_length=200,
            ),
            preserve_default=False,
        ),
        migrations.RunPython(_triggers_reinstall, migrations.RunPython.noop),
    ]
