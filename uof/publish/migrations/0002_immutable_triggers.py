"""Publications are immutable for every database client: no UPDATE, DELETE or TRUNCATE.

Like the audit log's triggers, installed only when UOF_AUDIT_DB_GUARD is on (the test suite turns
it off before migrating, because Django empties every table between browser tests)."""
from django.conf import settings
from django.db import migrations

from uof.audit import guard

TABLE = "publish_publication"
MESSAGE = "a publication is immutable: publish a revision instead"


def install(connection) -> None:
    guard.install(connection, TABLE, MESSAGE)


def forward(apps, schema_editor):
    if settings.UOF_AUDIT_DB_GUARD:
        install(schema_editor.connection)


def backward(apps, schema_editor):
    guard.uninstall(schema_editor.connection, TABLE)


class Migration(migrations.Migration):
    dependencies = [("publish", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
