"""The analyst's preview says what will be withheld and why, readable on a phone and a desktop."""
import datetime as dt

import pytest

from uof.stats.tests.builders import incidents_with_reports, officers
from uof.testing import pagecheck
from uof.testing.browser import sign_in

from .helpers import START

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_the_preview_lists_what_is_withheld_and_why(org, new_page, live_server, width):
    pool = officers(org.cambs, 4)
    for n in range(20):
        incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=n % 60), [{}], district=org.cambridge)
    for n in range(2):  # a small district, all in custody: its street 0 is withheld with it
        incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=n), [
            {"custody_suite": org.thorpe, "location_types": ["custody_block"]}], district=org.peterborough)
    page = new_page(width)
    sign_in(page, org.analyst)
    page.goto(live_server.url + "/publish/preview/?scope=force:cambridgeshire&period=2026/27-Q1&threshold=5"
              "&rounding=1&tables=places&tables=injuries")
    banner = page.locator(".govuk-notification-banner").inner_text()
    assert "What will be withheld, and why" in banner
    line = next(x for x in banner.splitlines() if x.startswith("Where force was used"))
    assert "small" in line and "in a small group" in line, line
    pagecheck.assert_page_ok(page, f"preview-{width}")
