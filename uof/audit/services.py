from __future__ import annotations

from .models import AuditEvent


def record(user, action: str, report=None, fields=(), detail: str = "", force_id: int | None = None) -> AuditEvent:
    """Append one audit event. `fields` are names only: values live in the report's history."""
    return AuditEvent.objects.create(
        user=user if getattr(user, "pk", None) else None, action=action,
        report_id=getattr(report, "pk", None),
        force_id=force_id if force_id is not None else (report.incident.force_id if report is not None else None),
        fields=sorted(set(fields)), detail=detail[:200])
