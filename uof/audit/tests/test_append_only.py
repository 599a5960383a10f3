"""The audit log is append-only: the model, its queryset, the database triggers and the admin all refuse
to change or remove an event.

The test database is migrated with UOF_AUDIT_DB_GUARD off (see conftest.py), so the tests that rely on
the triggers install them with the migration's own `install` inside the test; the test's transaction
rolls the DDL back (SQLite and PostgreSQL both have transactional DDL).
"""
from __future__ import annotations

import importlib

import pytest
from django.db import DatabaseError, connection, models, transaction
from django.urls import reverse

from uof.audit import services as audit
from uof.audit.models import AppendOnlyError, AuditEvent
from uof.reports.models import FieldChange, Report, StatusChange
from uof.reports.tests.helpers import fast_passwords  # noqa: F401  (autouse: cheap password hashing)

triggers_migration = importlib.import_module("uof.audit.migrations.0002_append_only_triggers")
TABLE = AuditEvent._meta.db_table


@pytest.fixture
def triggers(db):
    """The append-only triggers of migration 0002, for this test only (rolled back with it)."""
    triggers_migration.install(connection)
    yield
    # Nothing to undo: the test's transaction rolls the CREATE TRIGGER back.


@pytest.fixture
def event(org):
    return audit.record(org.alice, AuditEvent.Action.VIEW, None, ["account", "officers_present"],
                        detail="original", force_id=org.cambs.pk)


def stored(event_pk: int) -> tuple:
    """The row as the database holds it, read with raw SQL (no model code involved)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT action, report_id, force_id, detail, user_id FROM {TABLE} WHERE id = %s", [event_pk])
        return cursor.fetchone()


def refused(attempt, error=DatabaseError) -> BaseException:
    """Run `attempt` in a savepoint (PostgreSQL aborts the transaction on an error) and return the error."""
    with pytest.raises(error) as caught:
        with transaction.atomic():
            attempt()
    return caught.value


def raw(sql: str, params=()):
    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, list(params))
    return run


def modified_save(event: AuditEvent):
    event.detail = "tampered"
    event.save()


# --- the model and its queryset ---------------------------------------------------------------------

GUARDED = {
    "save after creation": lambda e: modified_save(e),
    "instance delete": lambda e: e.delete(),
    "queryset update": lambda e: AuditEvent.objects.filter(pk=e.pk).update(detail="tampered"),
    "queryset delete": lambda e: AuditEvent.objects.filter(pk=e.pk).delete(),
    "manager-wide update": lambda e: AuditEvent.objects.update(detail="tampered"),
    "manager-wide delete": lambda e: AuditEvent.objects.all().delete(),
}


@pytest.mark.parametrize("with_triggers", [False, True], ids=["test-db-state", "triggers-installed"])
@pytest.mark.parametrize("name", list(GUARDED))
def test_model_and_queryset_refuse_to_change_or_remove_an_event(org, event, name, with_triggers):
    if with_triggers:
        triggers_migration.install(connection)
    before = stored(event.pk)
    refused(lambda: GUARDED[name](AuditEvent.objects.get(pk=event.pk)), AppendOnlyError)
    assert stored(event.pk) == before
    assert AuditEvent.objects.count() == 1


def test_a_new_event_can_still_be_appended_with_the_triggers_installed(org, event, triggers):
    audit.record(org.bob, AuditEvent.Action.CHANGE, None, ["account"], force_id=org.cambs.pk)
    assert AuditEvent.objects.count() == 2


# --- the database triggers: whatever gets past the model ---------------------------------------------

BYPASSING = {
    # Model and queryset code with the guards stepped round, as a careless script might.
    "Model.save bypassing the guard": lambda e: (setattr(e, "detail", "tampered"), models.Model.save(e)),
    "QuerySet.update bypassing the guard": lambda e: models.QuerySet.update(
        AuditEvent.objects.filter(pk=e.pk), detail="tampered"),
    "QuerySet.delete bypassing the guard": lambda e: models.QuerySet.delete(AuditEvent.objects.filter(pk=e.pk)),
    "_raw_delete": lambda e: AuditEvent.objects.filter(pk=e.pk)._raw_delete(connection.alias),
    "raw UPDATE": lambda e: raw(f"UPDATE {TABLE} SET detail = %s WHERE id = %s", ["tampered", e.pk])(),
    "raw UPDATE of report_id": lambda e: raw(f"UPDATE {TABLE} SET report_id = NULL WHERE id = %s", [e.pk])(),
    "raw DELETE": lambda e: raw(f"DELETE FROM {TABLE} WHERE id = %s", [e.pk])(),
    "raw DELETE of the whole table": lambda e: raw(f"DELETE FROM {TABLE}")(),
}


@pytest.mark.parametrize("name", list(BYPASSING))
def test_triggers_refuse_updates_and_deletes_from_any_client(org, event, triggers, name):
    before = stored(event.pk)
    error = refused(lambda: BYPASSING[name](AuditEvent.objects.get(pk=event.pk)))
    assert "append-only" in str(error)
    assert stored(event.pk) == before
    assert AuditEvent.objects.count() == 1


def test_truncate_is_refused(org, event, triggers):
    """PostgreSQL: TRUNCATE has its own trigger. SQLite has no TRUNCATE: its nearest statement, an
    unqualified DELETE (the "truncate optimisation"), must still fire the row trigger."""
    if connection.vendor == "postgresql":
        # The event's deferred foreign-key check would refuse TRUNCATE on its own ("pending trigger
        # events"): run it now, so that only the append-only trigger can refuse.
        raw("SET CONSTRAINTS ALL IMMEDIATE")()
        statement = f"TRUNCATE {TABLE}"
    else:
        statement = f"DELETE FROM {TABLE}"
    error = refused(raw(statement))
    assert "append-only" in str(error)
    assert AuditEvent.objects.count() == 1 and stored(event.pk)[3] == "original"


def test_without_the_triggers_raw_sql_is_not_stopped(org, event):
    """The test database's state (UOF_AUDIT_DB_GUARD off): only the model guards stand, which shows the
    trigger tests above test the triggers and nothing else."""
    raw(f"UPDATE {TABLE} SET detail = %s WHERE id = %s", ["changed", event.pk])()
    assert stored(event.pk)[3] == "changed"
    triggers_migration.install(connection)
    refused(raw(f"UPDATE {TABLE} SET detail = %s WHERE id = %s", ["again", event.pk]))
    assert stored(event.pk)[3] == "changed"


def test_uninstall_removes_the_triggers(org, event, triggers):
    triggers_migration.uninstall(connection)
    raw(f"UPDATE {TABLE} SET detail = %s WHERE id = %s", ["changed", event.pk])()
    assert stored(event.pk)[3] == "changed"


# --- the admin ----------------------------------------------------------------------------------------

def admin_url(name: str, *args) -> str:
    return reverse(f"admin:audit_auditevent_{name}", args=args)


def test_admin_changelist_offers_no_add_and_no_bulk_delete(admin_client, org, event, triggers):
    response = admin_client.get(admin_url("changelist"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "original" in body  # the event is listed
    assert admin_url("add") not in body and "delete_selected" not in body
    assert admin_client.get(admin_url("add")).status_code == 403
    assert admin_client.post(admin_url("add"), {"action": "view", "detail": "forged"}).status_code == 403
    assert AuditEvent.objects.count() == 1


def test_admin_bulk_delete_action_changes_nothing(admin_client, org, event, triggers):
    admin_client.post(admin_url("changelist"), {"action": "delete_selected", "_selected_action": [event.pk],
                                                "post": "yes"})
    assert AuditEvent.objects.count() == 1


def test_admin_change_view_is_read_only_and_refuses_a_post(admin_client, org, event, triggers):
    page = admin_client.get(admin_url("change", event.pk))
    # A superuser may read the event (Django's view permission) but gets no form to save or delete it.
    assert page.status_code in (200, 403)
    assert 'name="_save"' not in page.content.decode() and admin_url("delete", event.pk) not in page.content.decode()
    before = stored(event.pk)
    response = admin_client.post(admin_url("change", event.pk), {"action": "change", "detail": "tampered",
                                                                 "report_id": "99", "_save": "Save"})
    assert response.status_code == 403
    assert stored(event.pk) == before


def test_admin_delete_view_is_forbidden_and_a_post_changes_nothing(admin_client, org, event, triggers):
    assert admin_client.get(admin_url("delete", event.pk)).status_code == 403
    assert admin_client.post(admin_url("delete", event.pk), {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_force_admin_staff_cannot_reach_the_audit_admin(client, org, event):
    client.force_login(org.cambs_admin)
    for url in (admin_url("change", event.pk), admin_url("delete", event.pk), admin_url("add")):
        assert client.get(url).status_code in (302, 403, 404)
    client.post(admin_url("delete", event.pk), {"post": "yes"})
    assert stored(event.pk)[3] == "original"


# --- retention: deleting a report keeps its audit trail ---------------------------------------------

def submitted_report(org) -> Report:
    from uof.reports import services, workflow

    report = services.start_report(org.alice, org.cambs, {"cad_reference": "CC-RETAIN-1"})
    services.save_answers(report, "account", {"account": "Pushed him away."}, by=org.alice)
    workflow.transition(report, "submit", org.alice)
    report.refresh_from_db()
    services.save_answers(report, "account", {"account": "Pushed him back."}, by=org.alice, reason="typo")
    workflow.transition(report, "approve", org.sergeant)
    return report


def test_retention_deletion_of_a_report_keeps_its_audit_events_and_their_report_id(org, triggers):
    report = submitted_report(org)
    pk = report.pk
    assert StatusChange.objects.filter(report_id=pk).count() == 2
    assert FieldChange.objects.filter(report_id=pk).count() == 1
    trail = list(AuditEvent.objects.filter(report_id=pk).order_by("pk").values_list("pk", "action", "report_id"))
    assert [action for _, action, _ in trail] == ["create", "change", "status", "change", "status"]

    # The retention rule: the history (it holds values) goes, then the report; the audit log stays.
    StatusChange.objects.filter(report_id=pk).delete()
    FieldChange.objects.filter(report_id=pk).delete()
    Report.objects.get(pk=pk).delete()

    assert not Report.objects.filter(pk=pk).exists()
    assert list(AuditEvent.objects.filter(report_id=pk).order_by("pk")
                .values_list("pk", "action", "report_id")) == trail
