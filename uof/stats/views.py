"""Statistics pages for analysts inside a force: every table, and the same data as CSV or JSON."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from uof.access.policy import may, statistics_forces
from uof.audit import services as audit
from uof.audit.models import AuditEvent
from uof.organisations.models import Force

from . import home_office_return
from .periods import PeriodError, label_in_words, parse_period, recent_periods
from .rows import HEALTH, HEALTH_PUBLIC
from .service import as_csv, as_json, statistics

# The Home Office's health column "None" is shown in words (a bare "None" reads as a missing value);
# the downloads keep the Home Office's heading.
SHOWN_AS = {"None": HEALTH_PUBLIC[HEALTH.index("None")]}


def _selection(request):
    if not may(request.user, "statistics"):
        raise PermissionDenied("Your role does not include statistics")
    allowed = Force.objects.filter(pk__in=statistics_forces(request.user)).order_by("name")
    slug = request.GET.get("force") or (allowed[0].slug if allowed else "")
    force = next((f for f in allowed if f.slug == slug), None)
    if force is None:
        raise Http404("No such force")
    periods = recent_periods(timezone.localdate())
    label = request.GET.get("period") or periods[1]  # the last complete quarter
    try:
        period = parse_period(label)
    except PeriodError as error:
        raise Http404(str(error)) from None
    return allowed, force, period, periods


@login_required
def index(request):
    allowed, force, period, periods = _selection(request)
    result = statistics([force], period)
    audit.record(request.user, AuditEvent.Action.VIEW, None, ["statistics"], force_id=force.pk,
                 detail=f"statistics {force.slug} {period.label}")
    return render(request, "stats/index.html", {
        "title": f"Statistics: {force.name}, {label_in_words(period.label)}", "nav_active": "stats",
        "result": result, "forces": allowed, "force": force, "period": period, "periods": periods,
        "period_words": label_in_words, "shown_as": SHOWN_AS,
    })


@login_required
def download(request):
    _, force, period, _ = _selection(request)
    kind = request.GET.get("format", "csv")
    if kind not in ("csv", "json"):
        raise Http404("Formats: csv or json")
    result = statistics([force], period)
    body = as_csv(result) if kind == "csv" else as_json(result)
    audit.record(request.user, AuditEvent.Action.EXPORT, None, ["statistics"], force_id=force.pk,
                 detail=f"statistics {force.slug} {period.label} {kind}")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8" if kind == "csv" else "application/json")
    name = f"uof-{force.slug}-{period.label.replace('/', '-')}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- the Home Office annual return -----------------------------------------------------------------

def _return_request(request, default_kind: str):
    """The choices of the return's form and what was asked: the forces the user may read (another
    force: not found), the recent financial years, and the year and format asked for (or a problem)."""
    if not may(request.user, "statistics"):
        raise PermissionDenied("Your role does not include statistics")
    allowed = list(Force.objects.filter(pk__in=statistics_forces(request.user)).order_by("name"))
    slug = request.GET.get("force") or (allowed[0].slug if allowed else "")
    force = next((f for f in allowed if f.slug == slug), None)
    if force is None:
        raise Http404("No such force")
    years = home_office_return.recent_years()
    label = request.GET.get("period") or years[1].label  # the last complete financial year
    kind = request.GET.get("format") or default_kind
    period, error = None, ""
    try:
        period = home_office_return.annual_period(label)
        if kind not in home_office_return.FORMATS:
            raise home_office_return.ReturnError(f"‘{kind}’ is not a format of the return: choose ODS or CSV")
    except home_office_return.ReturnError as problem:
        error = str(problem)
    return {"forces": allowed, "force": force, "years": years, "current_year": years[0].label,
            "period_label": label, "kind": kind, "period": period, "error": error}


def _return_page(request, choices: dict):
    """The form; a bad year or format is shown on it with status 400."""
    return render(request, "stats/home_office_return.html", {
        **choices, "title": "Home Office annual return", "nav_active": "stats", "has_errors": bool(choices["error"]),
    }, status=400 if choices["error"] else 200)


@login_required
def home_office_return_form(request):
    return _return_page(request, _return_request(request, "ods"))


@login_required
def home_office_return_download(request):
    choices = _return_request(request, "csv")  # the bare URL gives text, like stats:download
    if choices["error"]:
        return _return_page(request, choices)
    force, period, kind = choices["force"], choices["period"], choices["kind"]
    result = home_office_return.build(force, period)
    body = home_office_return.render(result, kind)
    audit.record(request.user, AuditEvent.Action.EXPORT, None, ["statistics"], force_id=force.pk,
                 detail=f"home office return {force.slug} {period.label} {kind}")
    response = HttpResponse(body, content_type=home_office_return.FORMATS[kind])
    response["Content-Disposition"] = f'attachment; filename="{result.filename(kind)}"'
    return response
