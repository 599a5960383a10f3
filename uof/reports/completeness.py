"""Is a report complete? Each page's stored answers put through its form, the tactics and the
checks between answers: what stops a report being submitted, page by page.

Apart from selectors.py because it builds forms (reads of stored answers never need one)."""
from __future__ import annotations

from . import rules
from .fieldset import PAGE_ORDER
from .forms import page_form
from .models import Report
from .references import with_force_hints
from .selectors import kept_answers, record_data, tactic_problems


def form_for(report: Report, page: str, data=None):
    incident = report.incident
    form = page_form(page)(data, force=incident.force, incident_date=incident.occurred_date,
                           keep=kept_answers(report))
    if page == "references":
        form.specs = with_force_hints(form.specs, incident.force)
    return form


def report_problems(report: Report) -> dict[str, list[str]]:
    """Every unanswered or invalid question, by page: empty when the report can be submitted."""
    problems: dict[str, list[str]] = {}
    if report.subject_id is None:
        problems["subject"] = ["Say which person you used force on"]
    for page in PAGE_ORDER:
        if page in ("subject", "tactics"):
            continue
        if page == "references":
            if not report.incident.reference_text:
                problems[page] = ["Enter at least one incident reference"]
            continue
        form = form_for(report, page, record_data(report, page))
        if not form.is_valid():
            problems[page] = [str(m) for errors in form.errors.values() for m in errors]
    tactics = tactic_problems(report)
    if tactics:
        problems["tactics"] = tactics
    for problem in rules.problems(report):  # answers that contradict each other (rules.py)
        message = problem.message if problem.is_error else f"{problem.message}: change your answer or confirm it"
        problems.setdefault(problem.page, []).append(message)
    return {page: problems[page] for page in PAGE_ORDER if page in problems}
