"""The tactics page: several tactics with their effectiveness in one step, then reorder or remove.

Works without JavaScript: the page shows empty rows, "Add another row" posts back for one more,
and a small script (static/uof/tactic-rows.js) adds the row in place when it can.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from . import rules, selectors
from . import tactic_services as tactics
from .errors import RecordingError, StaleVersion
from .fieldset import PAGE_TITLES
from .models import Report
from .tactic_services import TacticRow
from .tactics import TACTICS
from .views import _back_url, _caption, _change_kwargs, _editable, _leave, _url

EMPTY_ROWS_FIRST = 4  # most reports list one to four tactics
EMPTY_ROWS_MORE = 2


@login_required
@require_http_methods(["GET", "POST"])
def tactics_page(request, pk: int):
    report, mode = _editable(request, pk)
    if mode == "view":
        return redirect("reports:view", pk=report.pk)
    limit = settings.UOF_MAX_TACTICS_PER_REPORT
    if request.method == "GET":
        return _render(request, report, mode, _empty_rows(report, limit))
    rows = _posted_rows(request, limit)
    action = request.POST.get("action", "")
    change = _change_kwargs(request, report)
    page = Problems()
    try:
        if action == "more":
            if report.tactics.count() + len(rows) < limit:
                rows.append(TacticRow())
            return _render(request, report, mode, rows)
        verb, _, position = action.partition("-")
        if verb in ("up", "down", "remove") and position.isascii() and position.isdigit():
            if verb == "remove":
                tactics.remove_tactic(report, int(position), **change)
            else:
                tactics.move_tactic(report, int(position), -1 if verb == "up" else 1, **change)
            if all(r.blank for r in rows):
                return redirect(_url(report, "tactics") + _keep_next(request))
            return _render(request, report, mode, rows)  # keep what was typed in the new rows
        if any(not r.blank for r in rows):
            page.rows = tactics.check_rows(report, rows, limit)
            if page.rows:
                if not report.is_draft and not change["reason"].strip():
                    page.add("reason", "Give a reason for the change: the report has been submitted")
                return _render(request, report, mode, rows, page)
        if action != "draft" and _contradictions(report, rows, page):
            return _render(request, report, mode, rows, page)  # a draft keeps them: checked again on submit
        if any(not r.blank for r in rows):
            tactics.add_tactics(report, rows, limit, **change)
            rows = []
        if action == "draft":
            return _leave(request, report, "tactics", mode)
        problems = selectors.tactic_problems(report)
        if problems:
            page.add("tactic-1", problems[0])
            return _render(request, report, mode, rows or _empty_rows(report, limit) or [TacticRow()], page)
        return _leave(request, report, "tactics", mode)
    except tactics.TacticRowsRefused as error:  # the list changed between the check and the write
        page.rows = error.problems
    except StaleVersion as error:
        page.add("", error.message)
        page.version = error.current_version  # saving again now is a deliberate choice
    except RecordingError as error:
        page.add("reason" if error.field == "reason" else "", error.message)
    return _render(request, report, mode, rows, page)


def _contradictions(report: Report, rows: list[TacticRow], page: Problems) -> bool:
    """Rules between answers (rules.py) that the tactics, as this post would leave them, break."""
    codes = [u.tactic for u in report.tactics.order_by("position")] + [r.tactic for r in rows if not r.blank]
    found = [p for p in rules.problems(report, "tactics", {rules.TACTICS_ANSWER: codes}) if p.is_error]
    for problem in found:
        page.add("tactics-list" if report.tactics.exists() else "tactic-1", problem.message)
    return bool(found)


class Problems:
    """What went wrong on this post: row problems, and others with the element they belong to."""

    def __init__(self):
        self.rows: list[tactics.RowProblem] = []
        self.other: list[tuple[str, str]] = []
        self.version: int | None = None

    def add(self, anchor: str, message: str) -> None:
        self.other.append((anchor, message))


def _keep_next(request) -> str:
    return "?next=check" if request.GET.get("next") == "check" else ""


def _empty_rows(report: Report, limit: int) -> list[TacticRow]:
    saved = report.tactics.count()
    wanted = EMPTY_ROWS_MORE if saved else EMPTY_ROWS_FIRST
    return [TacticRow()] * max(0, min(wanted, limit - saved))


def _posted_rows(request, limit: int) -> list[TacticRow]:
    count = request.POST.get("rows", "")
    count = min(int(count), limit) if count.isascii() and count.isdigit() else 0
    return [TacticRow(request.POST.get(f"tactic-{i}", "").strip()[:40], request.POST.get(f"effective-{i}", "").strip()[:3])
            for i in range(1, count + 1)]


def _render(request, report: Report, mode: str, rows: list[TacticRow], page: Problems | None = None):
    page = page or Problems()
    saved = list(report.tactics.order_by("position"))
    by_row: dict[tuple[int, str], str] = {}
    for p in page.rows:
        by_row.setdefault((p.row, p.field), p.message)
    summary = [{"text": message, "href": f"#{anchor}"} if anchor else {"text": message}
               for anchor, message in page.other if anchor != "tactic-1"]
    summary += [{"text": p.message, "href": f"#{p.field}-{p.row + 1}"} for p in page.rows]
    first_error = next((m for a, m in page.other if a == "tactic-1"), "")
    if first_error:
        summary.insert(0, {"text": first_error, "href": "#tactic-1"})
    current = tuple(u.tactic for u in saved)
    context = {
        "title": PAGE_TITLES["tactics"], "caption": _caption(report), "report": report,
        "uses": [{"position": u.position, "label": TACTICS.label_of(u.tactic) or u.tactic,
                  "effective": u.effective} for u in saved],
        "rows": [{"index": i + 1, "number": tactics.row_number(len(saved), i), "tactic": r.tactic,
                  "effective": r.effective, "tactic_error": by_row.get((i, "tactic"), first_error if i == 0 else ""),
                  "effective_error": by_row.get((i, "effective"), "")} for i, r in enumerate(rows)],
        "can_add": len(saved) + len(rows) < settings.UOF_MAX_TACTICS_PER_REPORT,
        "max_rows": settings.UOF_MAX_TACTICS_PER_REPORT - len(saved),
        "options": [(o.code, o.label) for o in TACTICS.available(report.incident.occurred_date, current)],
        "error_list": summary, "has_errors": bool(summary),
        "reason_error": next((m for a, m in page.other if a == "reason"), ""),
        "back_url": _back_url(report, "tactics"), "next_query": _keep_next(request),
        "needs_reason": not report.is_draft, "correcting": mode == "correct",
        "version": page.version or report.version, "reason": request.POST.get("reason", ""),
        # what the stored answers already contradict, shown before anything is posted
        "notices": [] if summary else [p.message for p in rules.problems(report, "tactics")],
    }
    return render(request, "reports/tactics.html", context)
