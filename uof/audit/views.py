from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from uof.access.policy import may, scope_of

from .models import AuditEvent


@login_required
def log(request):
    """The audit log for professional standards: their forces' events, filterable by user and report."""
    if not may(request.user, "audit_log"):
        raise PermissionDenied("Only professional standards read the audit log")
    scope = scope_of(request.user)
    events = AuditEvent.objects.select_related("user")
    if not scope.superuser:
        events = events.filter(force_id__in=scope.standards_forces)
    user_filter, report_filter = request.GET.get("user", "").strip(), request.GET.get("report", "").strip()
    if user_filter:
        events = events.filter(user__username__iexact=user_filter)
    if report_filter.isascii() and report_filter.isdigit():
        events = events.filter(report_id=int(report_filter))
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(request, "audit/log.html", {
        "title": "Audit log", "nav_active": "audit", "page": page, "user_filter": user_filter,
        "report_filter": report_filter,
    })
