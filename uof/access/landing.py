"""Where each person starts after signing in: the page of their own work.

officer: My reports · supervisor: the review queue · professional standards: the audit log ·
analyst: statistics · force administrator: recording compliance (their force's missing reports
and timeliness; the admin is a link away) · superuser: the admin. Someone with several roles starts
at the first of these that applies, in that order (a supervisor first). A safe `next` (sign-in
from a page that needed it) wins: Django's sign-in view checks it before it falls back to here.
"""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .policy import scope_of


def landing_url(user) -> str:
    scope = scope_of(user)
    if scope.superuser:
        return reverse("admin:index")
    if scope.supervised:
        return reverse("review:queue")
    if scope.standards_forces:
        return reverse("audit:log")
    if scope.analyst_forces:
        return reverse("stats:index")
    if scope.admin_forces:
        return reverse("review:compliance")
    return reverse("reports:mine")


@login_required
def landing(request):
    """LOGIN_REDIRECT_URL: send the person to their work page (or to a safe `next`)."""
    wanted = request.GET.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(wanted)
    return redirect(landing_url(request.user))
