"""Every page an officer, supervisor or analyst uses passes axe-core (WCAG 2.2 A and AA, no rule
disabled) with no serious or critical violation, in a real headless Chromium.

axe-core is vendored (scripts/vendor-axe-core); see uof/testing/accessibility.py.
"""
import base64
import hashlib

import pytest
from django.test import Client

from uof.publish.charts import bar_chart, line_chart
from uof.reports import workflow
from uof.reports.models import Report
from uof.reports.tests.helpers import login, page_url, start_report, walk_all
from uof.stats import store as stores
from uof.stats.periods import parse_period
from uof.stats.tests.builders import incidents_with_reports, officers
from uof.testing.accessibility import AXE_DIR, assert_accessible, axe_version, run_axe, serious
from uof.testing.browser import sign_in
from uof.testing.fixtures import recent_day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE, DESKTOP = 390, 1024


def draft(org, ref: str = "CC-A11Y-1", user=None) -> Report:
    """A complete draft in Peterborough, filled in through the form pages (as alice unless told)."""
    client = Client()
    login(client, user or org.alice)
    report = start_report(client, ref)
    walk_all(client, report, org)
    return Report.objects.get(pk=report.pk)


def submitted(org, ref: str = "CC-A11Y-2") -> Report:
    report = draft(org, ref)
    workflow.transition(report, "submit", org.alice, version=report.version)
    return Report.objects.get(pk=report.pk)


def test_start_page(new_page):
    page = new_page()
    page.goto("/")
    results = assert_accessible(page, "start page")
    # axe really judged the page: the core WCAG checks ran and passed
    core = {"color-contrast", "document-title", "html-has-lang", "bypass", "link-name"}
    assert core <= set(results["passes"]), results["passes"]


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_sign_in_page(new_page, width):
    page = new_page(width)
    page.goto("/accounts/login/")
    assert_accessible(page, "sign-in page")


def test_sign_in_page_with_error_summary(new_page, org):
    page = new_page()
    page.goto("/accounts/login/")
    page.fill("#username", org.alice.username)
    page.fill("#password", "not-the-password")
    page.click("button:has-text('Sign in')")
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page, "sign-in page with an error summary")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_my_reports(new_page, org, width):
    draft(org, "CC-A11Y-DRAFT")
    submitted(org)
    page = new_page(width)
    sign_in(page, org.alice)
    assert page.locator("main table").count() >= 1
    assert_accessible(page, "My reports")


def test_new_report_page_with_error_summary(new_page, org):
    page = new_page()
    sign_in(page, org.alice)
    page.locator("main a.govuk-button", has_text="Record use of force").click()
    page.wait_for_url("**/reports/new/")
    page.click("button[value=continue]")  # no reference entered
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page, "new report (references) page with an error summary")


def test_question_page_with_error_summary(new_page, org):
    client = Client()
    login(client, org.alice)
    report = start_report(client, "CC-A11Y-3")
    page = new_page()
    sign_in(page, org.alice)
    page.goto(page_url(report, "incident"))
    page.fill("#occurred_date-day", "31")
    page.fill("#occurred_date-month", "2")
    page.fill("#occurred_date-year", str(recent_day().year))
    page.click("button[value=continue]")
    page.locator(".govuk-error-summary").wait_for()
    assert "must be a real date" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page, "incident question page with an error summary")


def test_tactics_page(new_page, org):
    report = draft(org, "CC-A11Y-4")
    page = new_page()
    sign_in(page, org.alice)
    page.goto(page_url(report, "tactics"))
    assert page.locator("#tactics-list .govuk-summary-list__row").count() == 1
    assert_accessible(page, "tactics page with a tactic added")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_check_your_answers(new_page, org, width):
    report = draft(org, "CC-A11Y-5")
    page = new_page(width)
    sign_in(page, org.alice)
    page.goto(page_url(report, "check"))
    assert page.locator("button:has-text('Submit report')").is_visible()
    assert_accessible(page, "check your answers")


def test_review_queue(new_page, org):
    submitted(org, "CC-A11Y-6")
    page = new_page()
    sign_in(page, org.sergeant)
    page.goto("/review/")
    assert page.locator("#count-awaiting").inner_text() == "1"
    assert_accessible(page, "review queue")


def test_statistics_page(new_page, org):
    stores._CACHE.clear()
    period = parse_period("2026/27-Q1")
    incidents_with_reports(org.cambs, officers(org.cambs, 2), period.start, [{}, {}],
                           district=org.peterborough)
    page = new_page()
    sign_in(page, org.analyst)
    page.click("a.govuk-service-navigation__link:has-text('Statistics')")
    page.wait_for_url("**/stats/**")
    assert_accessible(page, "statistics page before choosing a period")
    page.select_option("#period", period.label)
    page.click("button:has-text('Show')")
    page.locator("#table-places").wait_for()
    assert "Peterborough" in page.locator("#table-places").inner_text()
    assert_accessible(page, "statistics page with tables")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_page_with_two_charts(new_page, width):
    bars = bar_chart("by-district", "Reports by district", "report",
                     ["Peterborough", "Cambridge", "Huntingdonshire and the Fens", "Fenland"],
                     [120, None, 1234, 0])
    trend = line_chart("trend", "Reports by quarter", "report",
                       ["2025/26-Q1", "2025/26-Q2", "2025/26-Q3", "2025/26-Q4", "2026/27-Q1"],
                       {"Cambridgeshire": [10, 12, None, 15, 18], "Bedfordshire": [8, 9, 11, None, 7]})
    page = new_page(width)
    page.set_content(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Use of force statistics</title></head>
<body><main><h1>Use of force statistics</h1>
<h2>By district</h2><figure>{bars}</figure>
<h2>Over time</h2><figure>{trend}</figure>
</main></body></html>""")
    for chart_id, name in (("by-district", "Reports by district"), ("trend", "Reports by quarter")):
        svg = page.locator(f"svg#chart-{chart_id}")
        assert svg.get_attribute("role") == "img"
        box = svg.bounding_box()
        assert box["width"] <= width and box["height"] > 100  # scales to its container, keeps its shape
        assert page.get_by_role("img", name=name).count() == 1
    # the accessible name runs on into the <desc>: the counting unit and every figure
    assert page.get_by_role("img", name="Counting unit: report").count() == 2
    assert page.get_by_role("img", name="Cambridge: [c] (suppressed)").count() == 1
    assert page.evaluate("document.querySelectorAll('script').length") == 0  # charts bring none
    assert_accessible(page, "page with two charts")


def test_axe_finds_and_reports_serious_violations(browser):
    """The check itself: a page with known faults fails, naming the rule, the element and its HTML."""
    page = browser.new_page()
    try:
        page.set_content('<!DOCTYPE html><html><head><title>Faults</title></head><body><main>'
                         '<img src="data:," id="no-alt"><p style="color:#bbb">Faint text</p>'
                         '<input type="text" id="unlabelled"></main></body></html>')
        results = run_axe(page)
        assert results["version"] == axe_version()
        found = {v["id"] for v in serious(results["violations"])}
        assert {"image-alt", "color-contrast", "html-has-lang", "label"} <= found
        with pytest.raises(AssertionError) as failure:
            assert_accessible(page, "a faulty page")
        message = str(failure.value)
        for expected in ("a faulty page", "image-alt", "#no-alt", '<img src="data:," id="no-alt">',
                         "color-contrast", "label", "#unlabelled"):
            assert expected in message
    finally:
        page.close()


def test_vendored_axe_is_the_published_file():
    """axe.min.js is byte for byte the file axe-core published (its hash is in VERSION)."""
    digest = base64.b64encode(hashlib.sha256((AXE_DIR / "axe.min.js").read_bytes()).digest()).decode()
    assert f"axe.min.js: sha256-{digest}" in (AXE_DIR / "VERSION").read_text(encoding="utf-8")
    assert (AXE_DIR / "LICENSE").exists()
