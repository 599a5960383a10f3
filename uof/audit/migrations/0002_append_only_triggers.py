"""Database triggers that make the audit table append-only for every client, raw SQL included.

The test suite sets UOF_AUDIT_DB_GUARD=0 before migrating, because Django empties every table
between browser tests; the audit tests install the same triggers with `install` inside a test.
"""
from django.conf import settings
from django.db import migrations

TABLE = "audit_auditevent"

SQLITE = [
    f"""CREATE TRIGGER {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    f"""CREATE TRIGGER {TABLE}_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
SQLITE_UNDO = [f"DROP TRIGGER IF EXISTS {TABLE}_no_update", f"DROP TRIGGER IF EXISTS {TABLE}_no_delete"]

POSTGRES = [
    """CREATE OR REPLACE FUNCTION uof_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$""",
    f"""CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION uof_audit_append_only()""",
    f"""CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION uof_audit_append_only()""",
]
POSTGRES_UNDO = [f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
                 f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
                 "DROP FUNCTION IF EXISTS uof_audit_append_only()"]


def install(connection) -> None:
    with connection.cursor() as cursor:
        for statement in {"sqlite": SQLITE, "postgresql": POSTGRES}.get(connection.vendor, []):
            cursor.execute(statement)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        for statement in {"sqlite": SQLITE_UNDO, "postgresql": POSTGRES_UNDO}.get(connection.vendor, []):
            cursor.execute(statement)


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
