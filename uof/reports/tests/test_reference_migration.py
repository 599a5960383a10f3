"""Migration 0007 normalises the references already stored, keeps clashing incidents apart and
says so; the append-only triggers survive it and migration organisations 0002 (a table rebuild
on SQLite). `uof reference-clashes` lists the clashes afterwards."""
from __future__ import annotations

import importlib

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from uof.audit import guard

BEFORE = [("reports", "0006_report_confirmed_rules"), ("organisations", "0001_initial")]
GUARDS = [importlib.import_module("uof.audit.migrations.0002_append_only_triggers"),
          importlib.import_module("uof.publish.migrations.0002_immutable_triggers")]


def triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        return {row[0] for row in cursor.fetchall()}


def install_guards() -> None:
    GUARDS[0].install(connection)
    guard.install(connection, GUARDS[1].TABLE, GUARDS[1].MESSAGE)


def uninstall_guards() -> None:
    GUARDS[0].uninstall(connection)
    guard.uninstall(connection, GUARDS[1].TABLE)


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


@pytest.fixture
def old_database(transactional_db):
    """The database as it was before these migrations (with its triggers); put back afterwards."""
    executor = migrate(BEFORE)
    try:
        yield executor.loader.project_state(BEFORE).apps
    finally:
        uninstall_guards()  # Django empties every table after this test, which the triggers forbid
        latest = MigrationExecutor(connection)
        latest.migrate(latest.loader.graph.leaf_nodes())


def test_migration_normalises_references_and_reports_clashes_without_merging(old_database, capsys):
    apps = old_database
    Force, Incident = apps.get_model("organisations", "Force"), apps.get_model("reports", "Incident")
    user = apps.get_model("accounts", "User").objects.create(username="officer")
    cambs = Force.objects.create(slug="cambridgeshire", name="Cambridgeshire", region="East")
    beds = Force.objects.create(slug="bedfordshire", name="Bedfordshire", region="East")

    def incident(force, **refs):
        return Incident.objects.create(force=force, created_by=user, **refs).pk

    kept = incident(cambs, cad_reference="CC1-261130-900001")
    lower = incident(cambs, cad_reference="cc1-261130-900001")       # clashes with `kept`
    wide = incident(cambs, cad_reference="ＣＣ２－０００００１")
    first = incident(cambs, cad_reference="cc3\u2013000001")
    second = incident(cambs, cad_reference="CC3 000001")            # clashes with `first`
    elsewhere = incident(beds, cad_reference="cc1-261130-900001")   # another force: no clash
    hidden = incident(cambs, crime_reference="cr\u200b-55", custody_reference="cu 1")
    long = incident(cambs, custody_reference="\ufdfa\ufdfa\ufdfa")  # too long once normalised
    install_guards()
    before = triggers()
    assert len(before) >= 3

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from uof.reports.models import Incident as Live

    stored = {i.pk: (i.cad_reference, i.custody_reference, i.crime_reference) for i in Live.objects.all()}
    assert stored[kept] == ("CC1-261130-900001", "", "")
    assert stored[lower] == ("cc1-261130-900001", "", "")  # left apart, not merged
    assert stored[wide] == ("CC2-000001", "", "")
    assert stored[first] == ("CC3-000001", "", "") and stored[second] == ("CC3 000001", "", "")
    assert stored[elsewhere] == ("CC1-261130-900001", "", "")
    assert stored[hidden] == ("", "CU-1", "CR-55")
    assert stored[long] == ("", "\ufdfa\ufdfa\ufdfa", "")
    out = capsys.readouterr().out
    assert "Normalised 5 incident reference(s)" in out
    assert (f"Cambridgeshire: incident log number CC1-261130-900001 is held by incident {kept}; "
            f"also typed as 'cc1-261130-900001' (incident {lower})") in out
    assert f"CC3-000001 is held by incident {first}; also typed as 'CC3 000001' (incident {second})" in out
    assert f"Incident {long}: custody record number" in out and "too long" in out
    assert triggers() >= before, "a migration dropped a trigger"
    # The audit log still refuses changes after the migrations (the triggers work, not just exist).
    from django.db import DatabaseError, transaction

    from uof.audit.models import AuditEvent
    AuditEvent.objects.create(action="view", fields=[])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET detail = 'changed'")

    # An administrator can list the clashes later; nothing else is left to normalise.
    call_command("reference_clashes")
    listed = capsys.readouterr().out
    assert f"also typed as 'cc1-261130-900001' (incident {lower})" in listed
    assert f"also typed as 'CC3 000001' (incident {second})" in listed
    assert "Not yet normalised" not in listed
    call_command("reference_clashes", "--force", "bedfordshire")
    assert capsys.readouterr().out.strip() == "No reference clashes"


def test_migration_on_an_empty_database_says_nothing(old_database, capsys):
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    assert "Normalised" not in capsys.readouterr().out


@pytest.mark.django_db
def test_the_command_normalises_what_clashes_with_nothing(org, capsys):
    from uof.reports.models import Incident

    clean = Incident.objects.create(force=org.cambs, created_by=org.alice, cad_reference="CC-1")
    Incident.objects.filter(pk=clean.pk).update(cad_reference="cc\u2011\u200b1")  # as a raw import might
    call_command("reference_clashes")
    assert "Not yet normalised (run with --normalise): 1 reference(s)" in capsys.readouterr().out
    call_command("reference_clashes", "--normalise")
    assert "Normalised 1 reference(s) that clash with nothing" in capsys.readouterr().out
    clean.refresh_from_db()
    assert clean.cad_reference == "CC-1"
    with pytest.raises(Exception, match="No force with the slug kent"):
        call_command("reference_clashes", "--force", "kent")
