"""Pages of the use-of-force form. Thin: reads via selectors, writes via services."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .errors import RecordingError
from .fieldset import PAGE_ORDER, PAGE_TITLES, fields_on
from .forms import PageForm, fmt_date
from .models import REFERENCE_KINDS, Report
from .tactics import TACTICS

FORM_PAGES = [p for p in PAGE_ORDER if p not in ("subject", "tactics")]


def _own_report(request, pk: int) -> Report:
    """The signed-in officer's own report; any other report does not exist for them."""
    return get_object_or_404(Report.objects.select_related("incident", "incident__force", "subject"),
                             pk=pk, officer=request.user)


def _url(report: Report, page: str) -> str:
    if page == "check":
        return reverse("reports:check", args=[report.pk])
    return reverse("reports:page", args=[report.pk, page])


def _needs_subject_choice(report: Report) -> bool:
    return bool(selectors.subjects_of(report.incident, exclude=report))


def _next_url(request, report: Report, page: str) -> str:
    if request.GET.get("next") == "check":
        return _url(report, "check")
    index = PAGE_ORDER.index(page) + 1
    if index >= len(PAGE_ORDER):
        return _url(report, "check")
    following = PAGE_ORDER[index]
    if following == "subject" and not _needs_subject_choice(report):
        if report.subject_id is None:
            services.choose_subject(report, None)
        following = PAGE_ORDER[index + 1]
    return _url(report, following)


def _back_url(report: Report | None, page: str) -> str:
    if report is None or page == "references":
        return reverse("reports:mine")
    previous = PAGE_ORDER[PAGE_ORDER.index(page) - 1]
    if previous == "subject" and not _needs_subject_choice(report):
        previous = "incident"
    return _url(report, previous)


def _caption(report: Report | None) -> str:
    return f"Use of force report {report.pk}" if report else "New use of force report"


def _render(request, page: str, form: PageForm, values, report: Report | None, **extra):
    specs = form.specs
    names = {s.name for s in specs}
    dependents: dict[str, list] = {}
    for s in specs:
        if s.only_if and s.only_if[0] in names:
            dependents.setdefault(s.only_if[0], []).append(s)
    nested = {s.name for deps in dependents.values() for s in deps}
    context = {
        "title": PAGE_TITLES[page], "caption": _caption(report), "form": form, "values": values,
        "top_specs": [s for s in specs if s.name not in nested], "dependents": dependents,
        "has_errors": form.is_bound and bool(form.errors), "back_url": _back_url(report, page),
        "report": report, "nav_active": "new" if report is None else "",
    }
    context.update(extra)
    return render(request, "page.html", context)


def _answers(form: PageForm) -> dict:
    """Answers that passed their checks: these are saved even when others on the page did not."""
    return {s.name: form.cleaned_data.get(s.name) for s in form.specs
            if s.name not in form.errors and s.name in form.cleaned_data}


# --- new report: the references page -------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def new_report(request):
    form_class = selectors.page_form("references")
    if request.method == "GET":
        values = MultiValueDict({"force": [request.user.force.slug if request.user.force else ""]})
        return _render(request, "references", form_class(), values, None,
                       intro="Enter the references of the incident. If colleagues have already reported on it, "
                             "your report joins theirs.")
    form = form_class(request.POST)
    if form.is_valid() and _require_a_reference(form):
        try:
            report = services.start_report(request.user, form.cleaned_data["force"],
                                           {k: form.cleaned_data[k] for k in REFERENCE_KINDS})
        except RecordingError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            return redirect(_url(report, "incident"))
    return _render(request, "references", form, request.POST, None)


def _require_a_reference(form: PageForm) -> bool:
    if any(form.cleaned_data.get(k) for k in REFERENCE_KINDS):
        return True
    form.add_error("cad_reference", "Enter at least one reference: an incident log, custody record or crime number")
    return False


# --- the question pages --------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def page(request, pk: int, page: str):
    if page not in FORM_PAGES:
        raise Http404("No such page")
    report = _own_report(request, pk)
    if not report.is_draft:
        return redirect("reports:view", pk=report.pk)
    shared = page == "incident" and selectors.incident_details_locked(report)
    readonly = _readonly_rows(report, page) if shared else None
    if request.method == "GET":
        form = selectors.form_for(report, page)
        return _render(request, page, form, selectors.record_data(report, page), report, readonly=readonly)
    if shared:
        return _leave(request, report, page)
    form = selectors.form_for(report, page, request.POST)
    if form.is_valid() and page == "references":
        _require_a_reference(form)
    answers = _answers(form)
    try:
        if page == "references":
            services.update_references(report, {k: answers.get(k, getattr(report.incident, k)) for k in REFERENCE_KINDS},
                                       answers.get("force"))
            answers = {}
        for problem in services.save_answers(report, page, answers):
            form.add_error(problem.field, problem.message)
    except RecordingError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
    draft_only_unanswered = request.POST.get("action") == "draft" and not _has_bad_values(form)
    if form.errors and not draft_only_unanswered:
        return _render(request, page, form, request.POST, report)
    return _leave(request, report, page)


def _has_bad_values(form: PageForm) -> bool:
    """Errors other than unanswered questions: a draft save must not lose what was typed."""
    return any(not str(m).startswith(("Enter:", "Select an answer")) for errs in form.errors.values() for m in errs)


def _leave(request, report: Report, page: str):
    if request.POST.get("action") == "draft":
        messages.success(request, f"Draft saved. You can carry on with report {report.pk} from ‘My reports’.")
        return redirect("reports:mine")
    return redirect(_next_url(request, report, page))


def _readonly_rows(report: Report, page: str) -> list[dict]:
    return [{"key": {"text": s.label}, "value": {"text": selectors.display_value(report, s)}}
            for s in fields_on(page)]


# --- which person ----------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def subject_page(request, pk: int):
    report = _own_report(request, pk)
    if not report.is_draft:
        return redirect("reports:view", pk=report.pk)
    subjects = selectors.subjects_of(report.incident, exclude=report)
    error = None
    chosen = request.POST.get("subject", "")
    if request.method == "POST":
        if not chosen:
            error = "Select the person you used force on"
        elif chosen != "new" and selectors.subject_for(report, chosen) is None:
            error = "Select one of the people listed, or ‘Someone else’"
        else:
            try:
                services.choose_subject(report, selectors.subject_for(report, chosen))
            except RecordingError as problem:
                error = problem.message
            else:
                return _leave(request, report, "subject")
    elif report.subject_id:
        chosen = str(report.subject.number) if any(s["subject"].pk == report.subject_id for s in subjects) else "new"
    context = {
        "title": "Who did you use force on?", "caption": _caption(report), "report": report,
        "subjects": subjects, "chosen": chosen, "error": error, "has_errors": bool(error),
        "back_url": _back_url(report, "subject"), "incident_rows": _readonly_rows(report, "incident"),
        "colleagues": [str(r.officer) for r in selectors.incident_reports(report.incident) if r.pk != report.pk],
    }
    return render(request, "reports/subject.html", context)


# --- tactics, an ordered list ------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def tactics_page(request, pk: int):
    report = _own_report(request, pk)
    if not report.is_draft:
        return redirect("reports:view", pk=report.pk)
    errors: dict[str, str] = {}
    action = request.POST.get("action", "")
    tactic, effective = request.POST.get("tactic", ""), request.POST.get("effective", "")
    if request.method == "POST":
        if action.startswith(("remove-", "up-")):
            verb, _, position = action.partition("-")
            if position.isdigit():
                (services.remove_tactic if verb == "remove" else services.move_tactic_up)(report, int(position))
            return redirect(_url(report, "tactics") + _keep_next(request))
        if tactic or effective or action == "add":
            errors = _check_tactic(report, tactic, effective)
            if not errors:
                try:
                    services.add_tactic(report, tactic, effective, settings.UOF_MAX_TACTICS_PER_REPORT)
                except RecordingError as problem:
                    errors = {"tactic": problem.message}
                else:
                    tactic = effective = ""
                    if action == "add":
                        return redirect(_url(report, "tactics") + _keep_next(request))
        if not errors and action in ("continue", "draft"):
            problems = selectors.tactic_problems(report)
            if problems and action == "continue":
                errors = {"tactic": problems[0]}
            else:
                return _leave(request, report, "tactics")
    day = report.incident.occurred_date
    current = tuple(u.tactic for u in report.tactics.all())
    context = {
        "title": PAGE_TITLES["tactics"], "caption": _caption(report), "report": report,
        "uses": [{"position": u.position, "label": TACTICS.label_of(u.tactic), "effective": u.effective}
                 for u in report.tactics.all()],
        "options": [(o.code, o.label) for o in TACTICS.available(day, current)],
        "tactic": tactic, "effective": effective, "errors": errors, "has_errors": bool(errors),
        "back_url": _back_url(report, "tactics"), "next_query": _keep_next(request),
    }
    return render(request, "reports/tactics.html", context)


def _keep_next(request) -> str:
    return "?next=check" if request.GET.get("next") == "check" else ""


def _check_tactic(report: Report, tactic: str, effective: str) -> dict[str, str]:
    errors = {}
    option = TACTICS.get(tactic) if tactic else None
    if not tactic:
        errors["tactic"] = "Select the tactic you used"
    elif option is None:
        errors["tactic"] = f"‘{tactic[:40]}’ is not one of the tactics: choose from the list"
    elif not option.available_on(report.incident.occurred_date):
        errors["tactic"] = f"‘{option.label}’ was not in use on the date of the incident"
    if effective not in ("yes", "no"):
        errors["effective"] = "Select whether the tactic was effective"
    return errors


# --- check your answers, submit, view -----------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def check_page(request, pk: int):
    report = _own_report(request, pk)
    if not report.is_draft:
        return redirect("reports:view", pk=report.pk)
    error = None
    if request.method == "POST":
        try:
            services.submit_report(report)
        except RecordingError as problem:
            error = problem.message
        else:
            messages.success(request, f"Report {report.pk} submitted. Your supervisor will review it.")
            return redirect("reports:view", pk=report.pk)
    problems = selectors.report_problems(report)
    context = {
        "title": "Check your answers before submitting", "caption": _caption(report), "report": report,
        "sections": selectors.answers_by_page(report), "problems": problems, "error": error,
        "has_errors": bool(error), "back_url": _url(report, "account"), "editable": True,
    }
    return render(request, "reports/check.html", context)


@login_required
def view_report(request, pk: int):
    report = _own_report(request, pk)
    if report.is_draft:
        return redirect("reports:check", pk=report.pk)
    context = {
        "title": f"Report {report.pk}", "caption": "Submitted use of force report", "report": report,
        "sections": selectors.answers_by_page(report), "problems": {}, "editable": False,
        "back_url": reverse("reports:mine"),
        "submitted": fmt_date(report.submitted_at.date()) if report.submitted_at else "",
    }
    return render(request, "reports/check.html", context)


@login_required
def my_reports(request):
    reports = list(selectors.my_reports(request.user))
    return render(request, "reports/mine.html", {
        "title": "My reports", "nav_active": "mine",
        "drafts": [r for r in reports if r.is_draft], "submitted": [r for r in reports if not r.is_draft],
    })


def start(request):
    return render(request, "start.html", {"title": "Record use of force"})
