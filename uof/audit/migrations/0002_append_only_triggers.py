"""Database triggers that make the audit table append-only for every client, raw SQL included.

The test suite sets UOF_AUDIT_DB_GUARD=0 before migrating, because Django empties every table
between browser tests; the audit tests install the same triggers with `install` inside a test.
"""
from django.conf import settings
from django.db import migrations

from uof.audit import guard

TABLE = "audit_auditevent"
FUNCTION = "uof_audit_append_only"  # the name this migration has always used


def install(connection) -> None:
    guard.install(connection, TABLE, "audit log is append-only", FUNCTION)


def uninstall(connection) -> None:
    guard.uninstall(connection, TABLE, FUNCTION)


def forward(apps, schema_editor):
    if settings.UOF_AUDIT_DB_GUARD:
        install(schema_editor.connection)


def backward(apps, schema_editor):
    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [
        migrations.RunPython(forward, backward),
    ]
