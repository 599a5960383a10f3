"""A preview that would undo another publication's protection is refused, saying why, with the
choices kept; readable on a phone and a desktop."""
import pytest

from uof.publish.disclosure import Rule
from uof.testing import pagecheck
from uof.testing.browser import sign_in

from .helpers import publish, seed_reports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [390, 1280])
def test_a_revision_with_a_lower_threshold_is_refused_with_the_reason(org, new_page, live_server, width):
    seed_reports(org)
    publish(org.analyst, Rule(threshold=10))
    page = new_page(width)
    sign_in(page, org.analyst)
    page.goto(live_server.url + "/publish/preview/?scope=force:cambridgeshire&period=2026/27-Q1&threshold=5"
              "&rounding=1")
    text = page.locator("main").inner_text()
    assert "Smallest count shown: Cambridgeshire, 2026/27-Q1 (revision 1) shares reports" in text, text
    assert "__all__" not in text
    assert page.locator("select[name=period]").input_value() == "2026/27-Q1"
    page.screenshot(path=f"/tmp/refused-{width}.png", full_page=True)
    pagecheck.assert_page_ok(page, f"refused-{width}")
