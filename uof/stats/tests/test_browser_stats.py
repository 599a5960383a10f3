"""An analyst reads the statistics in a real headless Chromium and downloads them."""
import pytest

from uof.stats import store as stores
from uof.stats.periods import parse_period
from uof.testing.browser import sign_in

from .builders import incidents_with_reports, officers

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_reads_and_downloads_statistics(new_page, org):
    stores._CACHE.clear()
    period = parse_period("2026/27-Q1")
    incidents_with_reports(org.cambs, officers(org.cambs, 2), period.start, [{}, {}], district=org.peterborough)
    page = new_page()
    sign_in(page, org.analyst)
    page.click("a.govuk-service-navigation__link:has-text('Statistics')")
    page.select_option("#period", period.label)
    page.click("button:has-text('Show')")
    places = page.locator("#table-places")
    assert "Peterborough" in places.inner_text() and "Counting unit: report" in places.inner_text()
    with page.expect_download() as download:
        page.click("a:has-text('CSV')")
    assert download.value.suggested_filename == "uof-cambridgeshire-2026-27-Q1.csv"
