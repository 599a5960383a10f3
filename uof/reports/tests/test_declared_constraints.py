"""The database enforces the declarations: a raw SQL write of a code no vocabulary declares is
refused on the migrated database (SQLite and PostgreSQL alike); multi-select answers are checked
when a report is saved."""
from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from uof.reports.fieldset import report_fields
from uof.reports.models import Report, ReportStatus, TacticUse
from uof.reports.tactics import TACTICS
from uof.stats.tests.builders import incidents_with_reports, officers

pytestmark = pytest.mark.django_db

CHOICES = [f for f in report_fields() if f.kind.name == "choice"]


@pytest.fixture
def report(org):
    incident = incidents_with_reports(org.cambs, officers(org.cambs, 1), dt.date(2026, 5, 1), [{}])
    return incident.reports.get()


def _raw(sql: str, *params) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.parametrize("spec", CHOICES, ids=lambda s: s.name)
def test_a_raw_write_of_an_undeclared_code_is_refused(report, spec):
    with pytest.raises(IntegrityError):
        _raw(f"UPDATE reports_report SET {spec.name} = %s WHERE id = %s", "not-a-code", report.pk)
    # every declared code, and "not answered", is accepted
    for code in ["", *spec.vocabulary.codes()]:
        _raw(f"UPDATE reports_report SET {spec.name} = %s WHERE id = %s", code, report.pk)


def test_retired_codes_stay_allowed_for_old_records(report):
    retired = [(f, o.code) for f in CHOICES for o in f.vocabulary.options if o.valid_to or o.inactive]
    assert retired, "the vocabularies have retired options"
    for spec, code in retired:
        _raw(f"UPDATE reports_report SET {spec.name} = %s WHERE id = %s", code, report.pk)


def test_status_tactic_and_effectiveness_are_checked(report):
    with pytest.raises(IntegrityError):
        _raw("UPDATE reports_report SET status = %s WHERE id = %s", "approved-ish", report.pk)
    with pytest.raises(IntegrityError):
        _raw("UPDATE reports_report SET status = %s WHERE id = %s", "", report.pk)
    for status in ReportStatus.values:
        _raw("UPDATE reports_report SET status = %s WHERE id = %s", status, report.pk)
    use = TacticUse.objects.filter(report=report).first() or TacticUse.objects.create(
        report=report, position=1, tactic="handcuffing_compliant", effective="yes")
    with pytest.raises(IntegrityError):
        _raw("UPDATE reports_tacticuse SET tactic = %s WHERE id = %s", "taser", use.pk)
    with pytest.raises(IntegrityError):
        _raw("UPDATE reports_tacticuse SET effective = %s WHERE id = %s", "yea", use.pk)
    _raw("UPDATE reports_tacticuse SET tactic = %s WHERE id = %s", TACTICS.codes()[-1], use.pk)


def test_every_single_choice_answer_has_its_constraint_in_the_database():
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, "reports_report")
    checks = {name for name, c in found.items() if c["check"]}
    assert {f"report_{f.name}_declared" for f in CHOICES} | {"report_status_declared"} <= checks


def test_a_multi_select_answer_with_an_undeclared_code_is_not_saved(report):
    report.reasons = ["protect_self", "because"]
    with pytest.raises(ValueError, match="reasons holds codes its vocabulary does not declare: because"):
        report.save()
    report.reasons = "protect_self"
    with pytest.raises(ValueError, match="reasons must be a list of codes"):
        report.save(update_fields=["reasons"])
    report.reasons = ["protect_self", "protect_self"]
    with pytest.raises(ValueError, match="lists a code twice"):
        report.save()
    report.reasons = ["protect_self"]
    report.save()
    assert Report.objects.get(pk=report.pk).reasons == ["protect_self"]
