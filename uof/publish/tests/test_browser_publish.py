"""The public pages and the analyst's preview -> publish -> revise flow in headless Chromium:
charts render, table views open, downloads work, no console errors, and axe-core (no rule
disabled) finds no serious or critical violation, on a desktop and a phone."""
import csv
import io
import json

import pytest

from uof.publish.models import Publication
from uof.stats.tests.builders import incidents_with_reports, officers
from uof.testing.accessibility import assert_accessible
from uof.testing.browser import sign_in

from .helpers import START, publish, seed_reports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
URL = "/data/force/cambridgeshire/2026-27-q1/"


@pytest.fixture
def published(org):
    seed_reports(org)
    first = publish(org.analyst)
    incidents_with_reports(org.cambs, officers(org.cambs, 2), START, [{}, {}], district=org.cambridge)
    publish(org.analyst, reason="Late reports", period="2026/27-Q1")
    return first


@pytest.mark.parametrize("width", [1024, 390])
def test_public_dashboard(new_page, published, width):
    page = new_page(width)
    page.goto("/data/")
    assert_accessible(page, "published figures index")
    page.click("text=Cambridgeshire")
    assert_accessible(page, "scope page")
    page.click("text=April to June 2026 (2026/27 Q1)")
    page.wait_for_url(f"**{URL}")
    charts = page.locator(".uof-chart svg[role=img]")
    assert charts.count() >= 8
    assert charts.first.bounding_box()["width"] > 200  # drawn, not collapsed
    assert "Force was used" in page.inner_text("#summary")
    assert_accessible(page, "dashboard")
    # The table view opens from its chart's section and shows the same figures as the chart.
    page.click("#section-places summary")
    table = page.locator("#section-places table")
    assert table.is_visible()
    assert_accessible(page, "dashboard with a table open")
    # Download this data: the CSV of that table.
    with page.expect_download() as download:
        page.click("#section-places a:has-text('CSV')")
    text = download.value.path().read_text()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["district", "place", "reports", "incidents", "share of all reports (%)"]
    first_district = table.locator("tbody tr").first.locator("th").inner_text()
    assert rows[1][0] == first_district
    # The revisions: the newer one lists what changed; the older one points at it.
    assert page.locator("#changes").is_visible()
    page.click("text=Revision 1")
    assert "A newer revision exists" in page.inner_text("main")
    assert_accessible(page, "an earlier revision")
    page.click("text=Data dictionary")
    assert "Counting units" in page.inner_text("main")
    assert_accessible(page, "data dictionary")


def test_trend_across_published_periods(new_page, org):
    seed_reports(org)
    publish(org.analyst)
    incidents_with_reports(org.cambs, officers(org.cambs, 2), START.replace(month=7), [{}, {}],
                           district=org.cambridge)
    publish(org.analyst, period="2026/27-Q2")
    page = new_page(390)
    page.goto("/data/force/cambridgeshire/2026-27-q2/")
    trend = page.locator("#section-trend svg[role=img]")
    assert trend.is_visible() and "Apr to Jun 2026" in trend.inner_html()
    page.click("#section-trend summary")
    assert page.locator("#section-trend table").is_visible()
    assert_accessible(page, "dashboard with a trend, on a phone")


def test_preview_publish_revise(new_page, org):
    seed_reports(org)
    page = new_page()
    sign_in(page, org.analyst)
    page.click(".govuk-service-navigation a:text-is('Publish')")
    page.wait_for_url("**/publish/")
    assert_accessible(page, "publish form")
    page.select_option("#scope", "force:cambridgeshire")
    page.select_option("#period", "2026/27-Q1")
    page.fill("#threshold", "1")  # too small: a clear error, choices kept
    page.click("button:has-text('Preview')")
    assert "There is a problem" in page.inner_text(".govuk-error-summary")
    assert page.input_value("#period") == "2026/27-Q1"
    assert_accessible(page, "publish form with an error")
    page.fill("#threshold", "5")
    page.click("button:has-text('Preview')")
    assert "Not published" in page.inner_text(".govuk-notification-banner")
    assert page.locator(".uof-chart svg").count() >= 8
    assert Publication.objects.count() == 0
    assert_accessible(page, "preview")
    page.click("button:has-text('Publish')")
    page.wait_for_url(f"**{URL}")
    assert "Published" in page.inner_text("main") and Publication.objects.count() == 1
    # A late report, then a revision: the preview says it will be revision 2 and asks why.
    incidents_with_reports(org.cambs, officers(org.cambs, 1), START, [{}], district=org.cambridge)
    page.goto("/publish/")
    page.select_option("#period", "2026/27-Q1")
    page.click("button:has-text('Preview')")
    assert "revision 2" in page.inner_text(".govuk-notification-banner")
    page.click("button:has-text('Publish revision 2')")
    assert "say why" in page.inner_text("main")
    page.fill("#reason", "A late report from April")
    page.click("button:has-text('Publish revision 2')")
    page.wait_for_url(f"**{URL}")
    assert page.locator("#changes").is_visible()
    assert Publication.objects.count() == 2
    data = json.loads(page.request.get(URL + "download/all.json").text())
    assert data["revision"] == 2
