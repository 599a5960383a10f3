"""The record-level export for analysts inside a force: one row per counted report.

Columns come from the field declarations: every public answer (codes, as in the data
dictionary), multi-valued answers joined with "|", and the tactics in the order used. Private
fields (free text, references, body-worn video, officers' names) are never exported. Every
export writes an audit event.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from uof.audit import services as audit
from uof.audit.models import AuditEvent
from uof.reports.fieldset import FIELDS
from uof.reports.kinds import PLACE
from uof.reports.models import Report
from uof.reports.tactics import highest_ced

from .store import COUNTED

SEPARATOR = "|"
# Places are exported by name in columns of their own (district, custody_suite).
ANSWERS = [f for f in FIELDS if not f.private and f.owner == "report" and f.kind is not PLACE]
COLUMNS = (["report_id", "incident_id", "subject", "force", "officer_force", "district", "custody_suite",
            "incident_date", "incident_time", "status"]
           + [f.name for f in ANSWERS] + ["tactics", "tactics_effective", "ced_highest"])
DESCRIPTIONS = {
    "report_id": "The report's number (one officer, one person, one incident).",
    "incident_id": "The incident's number: reports with the same number describe one event.",
    "subject": "The person within the incident, as INCIDENT-NUMBER (e.g. 812-1): reports on one person share it.",
    "force": "Slug of the force area where force was used.",
    "officer_force": "Slug of the reporting officer's own force (differs on mutual aid).",
    "district": "Code of the incident's district.",
    "custody_suite": "Code of the custody suite, when force was used in custody; else empty.",
    "incident_date": "Date of the incident (UK local), YYYY-MM-DD.",
    "incident_time": "Time force was first used (UK local), HH:MM.",
    "status": "submitted (awaiting review), returned or approved; drafts and deleted reports are never exported.",
    "tactics": "Tactic codes in the order used, joined with |.",
    "tactics_effective": "yes or no for each tactic, in the same order, joined with |.",
    "ced_highest": "The highest Taser (CED) level reached, as a tactic code; empty if none.",
}


def _cell(field, value) -> str:
    if isinstance(value, list):
        return SEPARATOR.join(value)
    return value or ""


def rows(force_slugs: list[str], start, end) -> Iterable[list[str]]:
    reports = (Report.objects.filter(status__in=COUNTED, deleted_at__isnull=True,
                                     incident__force__slug__in=force_slugs,
                                     incident__occurred_date__gte=start, incident__occurred_date__lte=end)
               .select_related("incident__force", "incident__district", "custody_suite", "subject",
                               "officer_force")
               .prefetch_related("tactics").order_by("incident_id", "pk"))
    for report in reports.iterator(chunk_size=2000):
        incident = report.incident
        uses = list(report.tactics.all())
        yield ([str(report.pk), str(incident.pk), f"{incident.pk}-{report.subject.number}" if report.subject else "",
                incident.force.slug, report.officer_force.slug, incident.district.code if incident.district else "",
                report.custody_suite.code if report.custody_suite else "", incident.occurred_date.isoformat(),
                incident.occurred_time.strftime("%H:%M") if incident.occurred_time else "", report.status]
               + [_cell(f, getattr(report, f.name)) for f in ANSWERS]
               + [SEPARATOR.join(u.tactic for u in uses), SEPARATOR.join(u.effective for u in uses),
                  highest_ced(u.tactic for u in uses) or ""])


def write_csv(out: TextIO, force_slugs: list[str], start, end, user=None) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in rows(force_slugs, start, end):
        writer.writerow(row)
        count += 1
    audit.record(user, AuditEvent.Action.EXPORT, None, COLUMNS, force_id=None,
                 detail=f"records {','.join(force_slugs)} {start}..{end}: {count} rows")
    return count
