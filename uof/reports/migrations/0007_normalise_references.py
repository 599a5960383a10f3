"""Normalise the incident references already stored (references.normalise_reference).

Two incidents of one force whose references become the same are never merged: the one already
holding the normal form (otherwise the earliest) takes it, the others keep theirs as stored and
are listed here, and later by `uof reference-clashes`, for an administrator to resolve.

Only reports_incident rows change (UPDATE, no schema change), so no table is rebuilt and no
trigger is touched; the tests run this migration on a database with the audit triggers."""
import sys

from django.db import migrations

from uof.reports.references import describe, normalise_stored

KINDS = ("cad_reference", "custody_reference", "crime_reference")
LABELS = {"cad_reference": "incident log number", "custody_reference": "custody record number",
          "crime_reference": "crime number"}


def forward(apps, schema_editor):
    Incident = apps.get_model("reports", "Incident")
    Force = apps.get_model("organisations", "Force")
    result = normalise_stored(Incident, KINDS)
    lines = describe(result, dict(Force.objects.values_list("pk", "name")), LABELS)
    if result.changed or lines:
        sys.stdout.write(f"\n  Normalised {result.changed} incident reference(s).\n")
    if lines:
        sys.stdout.write(f"  {len(lines)} reference(s) left as they were (not merged); resolve them and run "
                         "`uof reference-clashes` to check:\n")
        sys.stdout.writelines(f"    {line}\n" for line in lines)


class Migration(migrations.Migration):
    dependencies = (("reports", "0006_report_confirmed_rules"), ("organisations", "0001_initial"))
    operations = (migrations.RunPython(forward, migrations.RunPython.noop),)
