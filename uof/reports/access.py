"""How report views ask the access policy: load a report, decide, answer 404 or 403."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from uof.access.policy import Decision, decide
from uof.audit import services as audit
from uof.audit.models import AuditEvent

from .fieldset import FIELDS
from .models import Report

PRIVATE_FIELDS = [f.name for f in FIELDS if f.private]


def report_for(request, pk: int, *actions: str) -> tuple[Report, str]:
    """The report and the first of `actions` the user may do to it; else 404 or 403."""
    report = get_object_or_404(
        Report.objects.select_related("incident", "incident__force", "incident__district", "subject", "officer"),
        pk=pk)
    decisions = [decide(request.user, action, report) for action in actions]
    for action, decision in zip(actions, decisions):
        if decision is Decision.ALLOW:
            return report, action
    if Decision.NOT_FOUND in decisions:
        raise Http404("No such report")
    raise PermissionDenied("Your role does not allow this")


def audit_view(request, report: Report, fields=PRIVATE_FIELDS, detail: str = "") -> None:
    audit.record(request.user, AuditEvent.Action.VIEW, report, fields, detail=detail or request.path)
