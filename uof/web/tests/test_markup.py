"""Answers and messages are shown as text, never as escaped mark-up, on the pages that show them.

Mark-up passed to a GOV.UK macro as "html" is built in the template with a `{% set %}` block, never
by concatenating strings with `~` (Jinja escapes the literal half of a concatenation once the other
half is escaped, which is how `<span class="uof-preline">` ended up shown around every answer).
"""
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from uof.reports import workflow
from uof.reports.models import Report
from uof.reports.tests.helpers import login, start_report, walk_all
from uof.testing.visible import leftovers, visible_text


def lines(html) -> str:
    """Visible text with each line's indentation dropped (white-space: pre-line drops it too)."""
    return re.sub(r"[ \t]*\n[ \t]*", "\n", visible_text(html))

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
CONCATENATED_HTML = re.compile(r"""["']html["']\s*:\s*[^,}]*?~""")


def test_no_template_builds_html_by_concatenation():
    offenders = [f"{path.relative_to(TEMPLATES)}:{n}" for path in TEMPLATES.rglob("*.html")
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if CONCATENATED_HTML.search(line)]
    assert offenders == [], f"build the mark-up in a {{% set %}} block instead: {offenders}"


def _draft(org) -> Report:
    client = Client()
    login(client, org.alice)
    report = start_report(client, "CC-MARKUP-1")
    walk_all(client, report, org, account={"account": "First line of the account.\nSecond line <b>not bold</b>."})
    return Report.objects.get(pk=report.pk)


def test_check_your_answers_shows_answers_as_text(org):
    report = _draft(org)
    client = Client()
    login(client, org.alice)
    response = client.get(reverse("reports:check", args=[report.pk]))
    assert response.status_code == 200
    assert leftovers(response.content) == [line for line in leftovers(response.content) if "<b>" in line]
    text = lines(response.content)
    assert "Cambridgeshire" in text and "<span" not in text
    # what the officer typed is shown as typed (their "<b>" is text), with its line break kept
    assert "First line of the account.\nSecond line <b>not bold</b>." in text
    assert 'class="uof-preline"' in response.content.decode()


def test_returned_report_shows_who_returned_it_as_text(org):
    report = _draft(org)
    workflow.transition(report, "submit", org.alice, version=report.version)
    report.refresh_from_db()
    workflow.transition(report, "return", org.sergeant, comment="Add the BWV reference & the time.\nThanks",
                        version=report.version)
    client = Client()
    login(client, org.alice)
    response = client.get(reverse("reports:check", args=[report.pk]))
    text = lines(response.content)
    assert "<strong>" not in text and "&amp;" not in text
    assert f"Returned by {org.sergeant}" in text
    assert "Add the BWV reference & the time.\nThanks" in text
