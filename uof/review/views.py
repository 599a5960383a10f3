"""Supervisors' pages: the review queue, decisions, missing reports, compliance, history."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from uof.access.policy import district_scope, may
from uof.audit.models import AuditEvent
from uof.reports import selectors as report_selectors
from uof.reports.access import audit_view, report_for
from uof.reports.errors import RecordingError, StaleVersion
from uof.reports.fieldset import FIELDS_BY_NAME

from . import selectors, services, workflow


def _require(user, action: str) -> None:
    if not may(user, action):
        raise PermissionDenied("Your role does not include this page")


@login_required
def queue(request):
    _require(request.user, "review_queue")
    return render(request, "review/queue.html", {
        "title": "Reports to review", "nav_active": "review", "reports": selectors.review_queue(request.user),
        "counts": selectors.queue_counts(request.user),
    })


@login_required
@require_POST
def decision(request, pk: int):
    report, _ = report_for(request, pk, "review")
    action = request.POST.get("decision")
    if action not in ("approve", "return"):
        messages.error(request, "Choose whether to approve the report or return it")
        return redirect("reports:view", pk=report.pk)
    version = request.POST.get("version", "")
    try:
        workflow.transition(report, action, request.user, comment=request.POST.get("comment", ""),
                            version=int(version) if version.isascii() and version.isdigit() else None)
    except StaleVersion as error:
        messages.error(request, error.message)
        return redirect("reports:view", pk=report.pk)
    except RecordingError as error:
        messages.error(request, error.message)
        return redirect(reverse("reports:view", args=[report.pk]) + "#review-decision")
    messages.success(request, f"Report {report.pk} {'approved' if action == 'approve' else 'returned to the officer'}.")
    return redirect("review:queue")


@login_required
def missing(request):
    _require(request.user, "compliance")
    rows = selectors.missing_reports(district_scope(request.user))
    return render(request, "review/missing.html", {
        "title": "Missing reports", "nav_active": "missing", "rows": rows,
        "overdue_days": selectors.overdue_before(),
    })


@login_required
def compliance(request):
    _require(request.user, "compliance")
    return render(request, "review/compliance.html", {
        "title": "Recording compliance", "nav_active": "compliance", "rows": selectors.compliance(request.user)})


@login_required
def history(request, pk: int):
    report, _ = report_for(request, pk, "history")
    shown = set(report.field_changes.values_list("field", flat=True))  # their old and new values are on the page
    audit_view(request, report, ["history", *shown], detail="history")
    return render(request, "review/history.html", {
        "title": f"History of report {report.pk}", "report": report,
        "statuses": report.status_changes.select_related("by"),
        "changes": [{"change": c, "label": _field_label(c.field)} for c in report.field_changes.select_related("by")],
        "events": AuditEvent.objects.filter(report_id=report.pk).select_related("user")[:500],
        "back_url": reverse("reports:view", args=[report.pk]),
    })


def _field_label(name: str) -> str:
    spec = FIELDS_BY_NAME.get(name)
    return spec.label if spec else {"tactics": "Tactics", "subject": "Person (subject number)"}.get(name, name)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request, pk: int):
    report, _ = report_for(request, pk, "delete")
    error = None
    if request.method == "POST":
        try:
            services.soft_delete(report, request.user, request.POST.get("reason", ""))
        except RecordingError as problem:
            error = problem.message
        else:
            messages.success(request, f"Report {report.pk} deleted. Force administrators can still see it.")
            return redirect("reports:view", pk=report.pk)
    return render(request, "review/delete.html", {
        "title": f"Delete report {report.pk}", "report": report, "error": error, "has_errors": bool(error),
        "reason": request.POST.get("reason", ""), "back_url": reverse("reports:view", args=[report.pk]),
        "summary": report_selectors.answers_by_page(report)[:2],
    })
