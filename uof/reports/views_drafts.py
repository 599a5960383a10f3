"""Discarding a draft: the author only, drafts only, after a confirmation page (audited)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from . import services
from .access import report_for
from .errors import RecordingError


@login_required
@require_http_methods(["GET", "POST"])
def discard(request, pk: int):
    report, _ = report_for(request, pk, "discard")
    error = None
    if request.method == "POST":
        try:
            services.discard_draft(report, request.user)
        except RecordingError as problem:
            error = problem.message
        else:
            messages.success(request, f"Draft report {report.pk} discarded.")
            return redirect("reports:mine")
    return render(request, "reports/discard.html", {
        "title": f"Discard draft report {report.pk}?", "report": report, "error": error, "has_errors": bool(error),
        "back_url": reverse("reports:check", args=[report.pk]),
    })
