"""Error pages in the service's own GOV.UK layout (Django's plain or technical pages never reach a reader).

Wired as handler400/403/404/500 in uof/urls.py and as the CSRF failure view. The 500 page is
rendered without the request's context: whatever failed may be the database the navigation reads.
"""
from __future__ import annotations

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader

# Messages raised with PermissionDenied are written for the person (e.g. "Your role does not include
# this page"); anything else gets the general sentence.
_GENERAL_403 = "You do not have permission to see this page."


def _message(exception) -> str:
    text = str(exception or "").strip()
    return text if text and not text.startswith(("<", "CSRF")) else ""


def bad_request(request, exception=None):
    return render(request, "errors/400.html", {"title": "Sorry, there is a problem with your request"},
                  status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", {
        "title": "You cannot see this page", "message": _message(exception) or _GENERAL_403}, status=403)


def not_found(request, exception=None):
    return render(request, "errors/404.html", {"title": "Page not found"}, status=404)


def csrf_failure(request, reason=""):
    return render(request, "errors/403.html", {
        "title": "Your form could not be sent",
        "message": "The page had been open too long or you signed in again elsewhere. Go back, reload the page "
                   "and send the form again: what you typed may need entering again."}, status=403)


def server_error(request):
    template = loader.get_template("errors/500.html")
    return HttpResponseServerError(template.render({"title": "Sorry, there is a problem with the service",
                                                    "nav_items": [], "request": None}))
