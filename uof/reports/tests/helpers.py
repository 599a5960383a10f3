"""Helpers shared by the report tests: signing in, starting a draft, posting pages, reading HTML."""
from __future__ import annotations

import datetime as dt
import html
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from uof.reports.models import Report
from uof.testing.fixtures import PASSWORD, complete_pages

# The question pages in form order, as an officer walks them after the references page.
WALK = ["incident", "perception", "location", "officer", "conduct", "tactics", "injuries", "threats",
        "outcome", "account"]


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Hash test passwords cheaply (imported into a test module, it applies to that module only)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def login(client, user) -> None:
    assert client.login(username=user.username, password=PASSWORD)


def page_url(report: Report, page: str) -> str:
    if page in ("subject", "tactics", "check"):
        return reverse(f"reports:{page}", args=[report.pk])
    return reverse("reports:page", args=[report.pk, page])


def start_report(client, ref: str = "CC-20260412-0187", force: str = "cambridgeshire", new_incident: bool = False,
                 **refs) -> Report:
    """POST the new-report page and return the draft it created (the newest report). With
    `new_incident`, answer "a new incident" if the page asks whether a close reference was meant."""
    data = {"force": force, "cad_reference": ref, **refs}
    response = client.post(reverse("reports:new"), data)
    if new_incident and response.status_code == 200:
        response = client.post(reverse("reports:new"), {**data, "confirming": "1", "join": "new"})
    assert response.status_code == 302, error_summary(response)
    report = Report.objects.latest("pk")
    assert response["Location"] == page_url(report, "incident")
    return report


def post_page(client, report: Report, page: str, data: dict, action: str = "continue"):
    return client.post(page_url(report, page), {**data, "action": action})


def date_parts(day: dt.date, name: str = "occurred_date") -> dict:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def answer_incident(client, report: Report, org, day: dt.date | None = None, **changes) -> None:
    data = {**complete_pages(org)["incident"], **(date_parts(day) if day else {}), **changes}
    response = post_page(client, report, "incident", data)
    assert response.status_code == 302, error_summary(response)


def post_tactics(client, report: Report, *rows: tuple[str, str], action: str = "continue", **extra):
    """POST the tactics page with these (tactic, effective) rows typed, in one step."""
    data = {"rows": str(len(rows)), "action": action, **extra}
    for i, (tactic, effective) in enumerate(rows, start=1):
        data[f"tactic-{i}"], data[f"effective-{i}"] = tactic, effective
    return client.post(page_url(report, "tactics"), data)


def walk_all(client, report: Report, org, skip=(), day: dt.date | None = None, **changes) -> None:
    """Answer every question page validly (tactics: one tactic), except the pages in `skip`.

    `changes` maps a page to answers replacing the complete ones, e.g. officer={"officers_present": ""}.
    """
    pages = complete_pages(org, day)
    for page, answers in changes.items():
        pages[page] = {**pages[page], **answers}
    for page in WALK:
        if page in skip:
            continue
        if page == "tactics":
            response = post_tactics(client, report, ("handcuffing_compliant", "yes"))
        else:
            response = post_page(client, report, page, pages[page])
        assert response.status_code == 302, (page, error_summary(response))


def fresh(report: Report) -> Report:
    return Report.objects.select_related("incident", "subject").get(pk=report.pk)


# --- reading the rendered page -------------------------------------------------------------------

def text_of(response) -> str:
    """The page's HTML with entities decoded, so messages with apostrophes read as written."""
    return html.unescape(response.content.decode())


def error_summary(response) -> str:
    """The text of the GOV.UK error summary (for assertion messages), or the status code."""
    body = text_of(response)
    start = body.find("govuk-error-summary")
    if start < 0:
        return f"status {response.status_code}, no error summary"
    return " ".join(body[start:start + 4000].split())


def assert_error_page(response, *messages: str) -> str:
    """A re-rendered page with the GOV.UK error summary and each of `messages` on it."""
    assert response.status_code == 200, f"expected the page again, got {response.status_code}"
    body = text_of(response)
    assert "There is a problem" in body
    assert 'class="govuk-error-summary' in body
    for message in messages:
        assert message in body, f"missing message: {message}"
    return body


class _FormState(HTMLParser):
    def __init__(self):
        super().__init__()
        self.checked: dict[str, set[str]] = {}
        self.inputs: dict[str, str] = {}
        self.selected: dict[str, set[str]] = {}
        self.textareas: dict[str, str] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name:
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.checked.setdefault(name, set()).add(a.get("value", ""))
            else:
                self.inputs[name] = a.get("value") or ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.selected.setdefault(self._select, set()).add(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.textareas[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.textareas[self._textarea] += data


def form_state(response) -> _FormState:
    parser = _FormState()
    parser.feed(response.content.decode())
    return parser


def checked(response, name: str) -> set[str]:
    return form_state(response).checked.get(name, set())
