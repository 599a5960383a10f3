"""Pages of the use-of-force form. Thin: reads via selectors, writes via services."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_http_methods

from uof.access.policy import decide, may

from . import completeness, missing, rules, selectors, services, views_references
from .access import audit_view, report_for
from .errors import RecordingError, StaleVersion, UnfinishedReport
from .fieldset import PAGE_INTROS, PAGE_ORDER, PAGE_TITLES, fields_on
from .forms import PageForm, fmt_date
from .models import REFERENCE_KINDS, Report

FORM_PAGES = [p for p in PAGE_ORDER if p not in ("subject", "tactics")]


def _editable(request, pk: int) -> tuple[Report, str]:
    """A report the user may change: the author's draft or returned report ("edit"), or a
    submitted report a supervisor or force administrator corrects with a reason ("correct")."""
    return report_for(request, pk, "edit", "correct", "view")  # "view": read-only, sent to the report


def _posted_version(request) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isascii() and value.isdigit() else None


def _change_kwargs(request, report: Report) -> dict:
    return {"by": request.user, "version": _posted_version(request), "reason": request.POST.get("reason", "")}


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
            services.choose_subject(report, None, by=request.user)
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
    specs = [s for s in form.specs if s.asked_on(form.incident_date)]
    names = {s.name for s in specs}
    dependents: dict[str, list] = {}
    for s in specs:
        if s.only_if and s.only_if[0] in names:
            dependents.setdefault(s.only_if[0], []).append(s)
    nested = {s.name for deps in dependents.values() for s in deps}
    context = {
        "title": PAGE_TITLES[page], "caption": _caption(report), "form": form, "values": values,
        "needs_reason": report is not None and not report.is_draft,
        "version": extra.pop("version", report.version if report else None),
        "correcting": extra.pop("mode", "edit") == "correct",
        "top_specs": [s for s in specs if s.name not in nested], "dependents": dependents,
        "has_errors": form.is_bound and bool(form.errors), "back_url": _back_url(report, page),
        "report": report, "nav_active": "new" if report is None else "",
        "intro": PAGE_INTROS.get(page, ""), "warnings": [], "ticked": request.POST.getlist("confirm"),
    }
    context.update(extra)
    context["extra_errors"] = [{"text": w["error"], "href": f"#confirm-{w['key']}"}
                               for w in context["warnings"] if w.get("error")]
    context["has_errors"] = context["has_errors"] or bool(context["extra_errors"])
    return render(request, "page.html", context)


def _answers(form: PageForm) -> dict:
    """Answers that passed their checks: these are saved even when others on the page did not."""
    return {s.name: form.cleaned_data.get(s.name) for s in form.specs
            if s.name not in form.errors and s.name in form.cleaned_data}


# --- new report: the references page -------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def new_report(request):
    if not may(request.user, "record"):
        raise PermissionDenied("Your account has no force, so it cannot record reports")
    if request.method == "GET":
        # A link from "Reports you owe" fills in the incident's references.
        values = MultiValueDict({"force": [request.GET.get("force") or (request.user.force.slug if request.user.force else "")]})
        for kind in REFERENCE_KINDS:
            values[kind] = request.GET.get(kind, "")[:40]
        return _render(request, "references", views_references.references_form(request, None, values["force"]),
                       values, None, intro="Enter the references of the incident. If colleagues have already "
                                           "reported on it, your report joins theirs.")
    form = views_references.references_form(request, request.POST, request.POST.get("force", ""))
    if form.is_valid() and _require_a_reference(form):
        # References close to an incident already recorded: ask before starting a new one.
        asked, references = views_references.confirm(request, form.cleaned_data["force"],
                                                     {k: form.cleaned_data[k] for k in REFERENCE_KINDS})
        if asked is not None:
            return asked
        try:
            report = services.start_report(request.user, form.cleaned_data["force"], references)
        except UnfinishedReport as error:  # open the officer's own draft rather than start a second one
            messages.info(request, error.message)
            return redirect("reports:check", pk=error.report.pk)
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
    report, mode = _editable(request, pk)
    if mode == "view":
        return redirect("reports:view", pk=report.pk)
    shared = page == "incident" and mode == "edit" and selectors.incident_details_locked(report)
    readonly = _readonly_rows(report, page) if shared else None
    if request.method == "GET":
        if any(s.private for s in fields_on(page)):
            audit_view(request, report, [s.name for s in fields_on(page) if s.private])
        form = completeness.form_for(report, page)
        warnings = [_warning(p) for p in rules.problems(report, page) if not p.is_error]
        return _render(request, page, form, selectors.record_data(report, page), report, readonly=readonly,
                       mode=mode, warnings=warnings)
    if shared:
        return _leave(request, report, page, mode)
    form = completeness.form_for(report, page, request.POST)
    if form.is_valid() and page == "references":
        _require_a_reference(form)
    answers = _answers(form)
    warnings, confirmed = _cross_checks(request, report, page, form, answers)
    change = _change_kwargs(request, report)
    version = None
    try:
        if page == "references":
            services.update_references(report, {k: answers.get(k, getattr(report.incident, k)) for k in REFERENCE_KINDS},
                                       answers.get("force"), correcting=mode == "correct", **change)
            change["version"], answers = None, {}  # checked once for this request
        for problem in services.save_answers(report, page, answers, correcting=mode == "correct",
                                             confirmed=confirmed, **change):
            form.add_error(problem.field, problem.message)
    except StaleVersion as error:
        form.add_error(None, error.message)
        version = error.current_version  # saving again now is a deliberate choice
    except RecordingError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
    draft = request.POST.get("action") == "draft"
    draft_only_unanswered = draft and form.only_unanswered()  # by error code, never by wording
    if (form.errors and not (draft_only_unanswered and version is None)) or (warnings and not draft):
        return _render(request, page, form, request.POST, report, mode=mode, warnings=warnings,
                       version=version or report.version, reason_error=_reason_error(form))
    return _leave(request, report, page, mode)


def _cross_checks(request, report: Report, page: str, form: PageForm, answers: dict):
    """Rules between answers (rules.py), judged on the answers as this post would leave them.

    An error goes against the page's question and keeps the answers it concerns from being saved
    (a draft keeps them: they are checked again before submission). A warning the officer has
    not confirmed stops "Save and continue" and asks again; a second "continue" without the tick
    is an error. Returns the warnings to show and the confirmed warnings to store."""
    if page == "references":
        return [], None
    on_page = [s.name for s in form.specs]
    merged = {**rules.answers_of(report), **{name: answers.get(name, "") for name in on_page}}
    found = rules.check(merged, page)
    ticked, warned = set(request.POST.getlist("confirm")), set(request.POST.getlist("warned"))
    draft = request.POST.get("action") == "draft"
    confirmed = rules.still_confirmed(
        merged, [*(report.confirmed_rules or []), *(p.key for p in found if not p.is_error and p.key in ticked)])
    warnings = []
    for problem in found:
        if problem.is_error and not draft:
            form.add_error(problem.field_on(page), ValidationError(problem.message, code="contradiction"))
            for name in problem.rule.fields:
                answers.pop(name, None)
        elif not problem.is_error and problem.key not in confirmed:
            warnings.append(_warning(problem, problem.key in warned and not draft))
    return warnings, confirmed


def _warning(problem, unanswered: bool = False) -> dict:
    error = "Confirm that this answer is correct, or change it" if unanswered else ""
    return {"key": problem.key, "message": problem.message, "error": error}


def _reason_error(form: PageForm) -> str:
    return " ".join(str(m) for m in form.errors.get("__all__", []) if "reason" in str(m).lower())


def _leave(request, report: Report, page: str, mode: str = "edit"):
    if mode == "correct":
        messages.success(request, f"Correction saved to report {report.pk}.")
        return redirect("reports:view", pk=report.pk)
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
    report, mode = _editable(request, pk)
    if mode == "view":
        return redirect("reports:view", pk=report.pk)
    everyone = selectors.subjects_of(report.incident, exclude=report)
    # a person this officer already reported on is not offered again: one report per officer and person
    already = [{"number": s["subject"].number, "report": s["report_by"][report.officer_id]}
               for s in everyone if report.officer_id in s["report_by"]]
    subjects = [s for s in everyone if report.officer_id not in s["report_by"]]
    error = None
    chosen = request.POST.get("subject", "")
    if request.method == "POST":
        if not chosen:
            error = "Select the person you used force on"
        elif chosen != "new" and selectors.subject_for(report, chosen) is None:
            error = "Select one of the people listed, or ‘Someone else’"
        else:
            try:
                services.choose_subject(report, selectors.subject_for(report, chosen), **_change_kwargs(request, report))
            except RecordingError as problem:
                error = problem.message
            else:
                return _leave(request, report, "subject", mode)
    elif report.subject_id:
        chosen = str(report.subject.number) if any(s["subject"].pk == report.subject_id for s in subjects) else "new"
    context = {
        "title": "Who did you use force on?", "caption": _caption(report), "report": report,
        "subjects": subjects, "already": already, "chosen": chosen, "error": error, "has_errors": bool(error),
        "back_url": _back_url(report, "subject"), "incident_rows": _readonly_rows(report, "incident"),
        "colleagues": [str(r.officer) for r in selectors.incident_reports(report.incident) if r.pk != report.pk],
        "needs_reason": not report.is_draft, "version": report.version,
    }
    return render(request, "reports/subject.html", context)


# The tactics page lives in views_tactics.py.


# --- check your answers, submit, view -----------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def check_page(request, pk: int):
    report, _ = report_for(request, pk, "edit", "view")
    editable = report.status in (Report.Status.DRAFT, Report.Status.RETURNED)
    if not editable or report.officer_id != request.user.pk:
        return redirect("reports:view", pk=report.pk)
    error = None
    if request.method == "POST":
        try:
            services.submit_report(report, request.user, version=_posted_version(request))
        except RecordingError as problem:
            error = problem.message
        else:
            messages.success(request, f"Report {report.pk} submitted. Your supervisor will review it.")
            return redirect("reports:view", pk=report.pk)
    audit_view(request, report)
    problems = completeness.report_problems(report)
    context = {
        "title": "Check your answers before submitting", "caption": _caption(report), "report": report,
        "sections": selectors.answers_by_page(report), "problems": problems, "error": error,
        "problems_title": _problems_title(report, problems),
        "has_errors": bool(error), "back_url": _url(report, "account"), "editable": True,
        "returned": selectors.last_return(report),
    }
    return render(request, "reports/check.html", context)


def _problems_title(report: Report, problems: dict[str, list[str]]) -> str:
    """The error summary's heading says what kind of problem is left: unanswered, contradicting, both."""
    contradictions = len(rules.problems(report))
    if not contradictions:
        return "You need to answer some questions before you can submit"
    if contradictions == sum(len(messages) for messages in problems.values()):
        return "Some of your answers contradict each other: change or confirm them before you can submit"
    return "You need to answer or change some questions before you can submit"


@login_required
def view_report(request, pk: int):
    report, _ = report_for(request, pk, "view")
    if report.officer_id == request.user.pk and report.status in (Report.Status.DRAFT, Report.Status.RETURNED):
        return redirect("reports:check", pk=report.pk)
    audit_view(request, report)
    return render(request, "reports/check.html", report_view_context(request, report))


def report_view_context(request, report: Report, **extra) -> dict:
    """The read-only report page (also shown again by the review decision with its error)."""
    user = request.user
    context = {
        "title": f"Report {report.pk}", "caption": "Use of force report", "report": report,
        "sections": selectors.answers_by_page(report), "problems": {}, "editable": False,
        "back_url": reverse("review:queue") if may(user, "review_queue") and report.officer_id != user.pk
        else reverse("reports:mine"),
        "submitted": fmt_date(report.submitted_at.date()) if report.submitted_at else "",
        "can_review": bool(decide(user, "review", report)), "can_correct": bool(decide(user, "correct", report)),
        "can_delete": bool(decide(user, "delete", report)) and report.deleted_at is None,
        "can_history": bool(decide(user, "history", report)),
        "returned": selectors.last_return(report), "author": report.officer,
        "others": selectors.other_reports(report, user),
    }
    context.update(extra)
    return context


@login_required
def my_reports(request):
    reports = list(selectors.my_reports(request.user))
    return render(request, "reports/mine.html", {
        "title": "My reports", "nav_active": "mine",
        "drafts": [r for r in reports if r.status in (Report.Status.DRAFT, Report.Status.RETURNED)],
        "submitted": [r for r in reports if r.status in (Report.Status.SUBMITTED, Report.Status.APPROVED)],
        "missing": missing.missing_for_officer(request.user),
    })


def start(request):
    return render(request, "start.html", {"title": "Record use of force"})
