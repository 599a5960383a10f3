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
from uof.reports import missing as owed
from uof.reports import selectors as report_selectors
from uof.reports import workflow
from uof.reports.access import audit_view, report_for
from uof.reports.errors import RecordingError
from uof.reports.models import Report
from uof.reports.views import report_view_context

from . import queue as queue_reads
from . import selectors, services
from .history import change_rows, field_label


def _require(user, action: str) -> None:
    if not may(user, action):
        raise PermissionDenied("Your role does not include this page")


@login_required
def queue(request):
    _require(request.user, "review_queue")
    districts = queue_reads.districts(request.user)
    filters = queue_reads.Filters.from_query(request.GET, districts)
    page = queue_reads.page_of(request.user, filters, request.GET.get("page"))
    return render(request, "review/queue.html", {
        "title": "Reports to review", "nav_active": "review", "page": page, "filters": filters,
        "pagination": queue_reads.pagination(page, filters, reverse("review:queue")),
        "districts": districts, "statuses": queue_reads.STATUSES, "ages": queue_reads.AGES,
        "counts": selectors.queue_counts(request.user), "returned": queue_reads.returned(request.user),
    })


@login_required
@require_POST
def decision(request, pk: int):
    report, _ = report_for(request, pk, "review")
    action = request.POST.get("decision", "")
    comment = request.POST.get("comment", "")
    version = request.POST.get("version", "")
    try:
        if action not in ("approve", "return"):
            raise RecordingError("Select whether to approve the report or return it to the officer", "decision")
        workflow.transition(report, action, request.user, comment=comment,
                            version=int(version) if version.isascii() and version.isdigit() else None)
    except RecordingError as error:
        # Shown again on the report, the error at the top and beside the decision, what was typed kept.
        # After a stale version the page shows the report as it is now, so saving again is deliberate.
        report, _ = report_for(request, pk, "view")
        audit_view(request, report)
        field = error.field if error.field in ("decision", "comment") else "decision"
        return render(request, "reports/check.html", report_view_context(
            request, report, has_errors=True, decision_error={"field": field, "text": error.message},
            decision_value=action, comment_value=comment))
    messages.success(request, f"Report {report.pk} {'approved' if action == 'approve' else 'returned to the officer'}.")
    return redirect("review:queue")


@login_required
def missing(request):
    _require(request.user, "compliance")
    rows = owed.missing_reports(district_scope(request.user))
    return render(request, "review/missing.html", {
        "title": "Missing reports", "nav_active": "missing", "rows": rows,
        "overdue_days": owed.overdue_before(),
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
        "changes": change_rows(report.field_changes.select_related("by")),
        "events": [(event, ", ".join(field_label(name) for name in event.fields))
                   for event in AuditEvent.objects.filter(report_id=report.pk).select_related("user")[:500]],
        "status_labels": dict(Report.Status.choices),
        "back_url": reverse("reports:view", args=[report.pk]),
    })


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
