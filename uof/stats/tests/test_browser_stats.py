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
    assert "Peterborough" in places.inner_text()
    assert "Counting unit: report" in page.locator("#heading-places + .uof-table-about").inner_text()
    with page.expect_download() as download:
        page.click("a:has-text('CSV')")
    assert download.value.suggested_filename == "uof-cambridgeshire-2026-27-Q1.csv"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_statistics_page_fits_with_its_tables_scrolling_in_their_own_boxes(new_page, org, width):
    """The Home Office tables are far wider than a page: each scrolls inside its own labelled box."""
    from uof.testing.pagecheck import assert_page_ok

    stores._CACHE.clear()
    period = parse_period("2026/27-Q1")
    pool = officers(org.cambs, 3)
    for day, tactics in enumerate([("ced_drawn", "ced_fired"), ("baton_drawn", "cs_used"), ("handcuffing_compliant",)]):
        incidents_with_reports(org.cambs, pool, period.start.replace(day=1 + day), [{"_tactics": tactics}, {}],
                               district=org.peterborough)
    page = new_page(width)
    sign_in(page, org.analyst)
    page.goto("/stats/?force=cambridgeshire&period=2026/27-Q1")
    assert "April to June 2026 (2026/27 Q1)" in page.inner_text("main")
    for key in ("ho_table_1", "ho_table_3", "tactics"):
        box = page.locator(f".uof-scroll:has(#table-{key})")
        assert box.count() == 1 and box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
    wide = page.evaluate("() => [...document.querySelectorAll('.uof-scroll')].filter(b => b.scrollWidth > b.clientWidth).length")
    assert wide >= 1  # some table is wider than its box, and scrolls there rather than widening the page
    assert "Taser fired" in page.inner_text("#table-tactics")
    page.screenshot(path=f"/tmp/shots/h5-stats-{width}.png", full_page=True)
    assert_page_ok(page, f"statistics page at {width} px")
