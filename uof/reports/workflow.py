"""The report workflow: draft → submitted → approved, or submitted → returned → submitted.

Each status change is a StatusChange row (who, when, the reviewer's comment) and an audit event.
"""
from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from uof.audit import services as audit
from uof.audit.models import AuditEvent

from .errors import RecordingError, StaleVersion
from .models import Report, StatusChange

S = Report.Status
# action: (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "submit": (frozenset({S.DRAFT, S.RETURNED}), S.SUBMITTED),
    "approve": (frozenset({S.SUBMITTED}), S.APPROVED),
    "return": (frozenset({S.SUBMITTED}), S.RETURNED),
}


@transaction.atomic
def transition(report: Report, action: str, by, comment: str = "", version: int | None = None) -> StatusChange:
    sources, target = TRANSITIONS[action]
    current = Report.objects.select_for_update().get(pk=report.pk)
    if version is not None and current.version != version:
        raise StaleVersion(current.version)
    if current.status not in sources:
        raise RecordingError(f"A report that is ‘{current.get_status_display()}’ cannot be {_past(action)}")
    comment = (comment or "").strip()
    if action == "return" and not comment:
        raise RecordingError("Say what the officer needs to change", "comment")
    now = timezone.now()
    updates = {"status": target, "version": current.version + 1, "updated_at": now}
    if action == "submit" and current.submitted_at is None:
        updates["submitted_at"] = now  # the first submission: resubmissions keep the report's age
    Report.objects.filter(pk=report.pk).update(**updates)
    for name, value in updates.items():
        setattr(report, name, value)
    change = StatusChange.objects.create(report=report, from_status=current.status, to_status=target, by=by,
                                         comment=comment)
    audit.record(by, AuditEvent.Action.STATUS, report, ["status"], detail=f"{current.status} → {target}")
    return change


def _past(action: str) -> str:
    return {"submit": "submitted", "approve": "approved", "return": "returned"}[action]
