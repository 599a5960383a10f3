"""Helpers for the review tests: one signed-in client per user, and reports filed through the pages."""
from __future__ import annotations

import datetime as dt
import html
import re

from django.test import Client
from django.urls import reverse

from uof.reports import completeness as report_completeness
from uof.reports.models import Report
from uof.reports.tests.helpers import (
    error_summary,
    form_state,
    fresh,
    login,
    page_url,
    post_page,
    start_report,
    walk_all,
)

REF = "CC-20260412-0187"


def client_for(user) -> Client:
    client = Client()
    login(client, user)
    return client


def draft(client, org, ref: str = REF, present: str = "2345", day: dt.date | None = None, force: str = "cambridgeshire",
          **changes) -> Report:
    """A complete draft through the pages (joining the incident `ref` names, if any), not yet submitted."""
    report = start_report(client, ref, force=force)
    walk_all(client, report, org, day=day, officer={"officers_present": present}, **changes)
    report = fresh(report)
    if report.subject_id is None:  # joined a colleague's incident: say which person
        response = client.post(page_url(report, "subject"), {"subject": "1", "action": "continue"})
        assert response.status_code == 302, error_summary(response)
        report = fresh(report)
    assert not report_completeness.report_problems(report), report_completeness.report_problems(report)
    return report


def submit(client, report: Report):
    response = client.post(page_url(report, "check"), {"version": str(fresh(report).version)})
    assert response.status_code == 302, error_summary(response)
    assert response["Location"] == reverse("reports:view", args=[report.pk])
    return fresh(report)


def filed(client, org, ref: str = REF, **kwargs) -> Report:
    return submit(client, draft(client, org, ref, **kwargs))


def beds_pages(org) -> dict:
    """Changes to complete_pages for an incident in Bedfordshire (Luton)."""
    return {"incident": {"district": str(org.luton.pk)}, "location": {"custody_suite": str(org.luton_custody.pk)}}


def decide(client, report: Report, decision: str, comment: str = ""):
    return client.post(reverse("review:decision", args=[report.pk]),
                       {"decision": decision, "comment": comment, "version": str(fresh(report).version)})


def version_on(response) -> str:
    return form_state(response).inputs["version"]


def account_of(report: Report) -> str:
    return fresh(report).account


def post_account(client, report: Report, text: str, version: str | int | None = None, reason: str | None = None):
    data = {"account": text}
    if version is not None:
        data["version"] = str(version)
    if reason is not None:
        data["reason"] = reason
    return post_page(client, report, "account", data)


def table_rows(response, table_id: str) -> list[list[str]]:
    """The text of each body row's cells in the table with this id."""
    body = response.content.decode()
    match = re.search(rf'<table[^>]*id="{table_id}".*?</table>', body, re.S)
    if match is None:
        return []
    tbody = re.search(r"<tbody.*?</tbody>", match.group(0), re.S).group(0)
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", tbody, re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row, re.S)
        rows.append([" ".join(html.unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in cells])
    return rows
