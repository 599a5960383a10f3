"""Every public page at a phone's width (390 px) and a desktop's (1280 px): it fits, shows no
mark-up or "None", passes axe-core (uof.testing.pagecheck), and reads in plain English."""
import datetime as dt
import os

import pytest

from uof.stats.tests.builders import incidents_with_reports, officers
from uof.testing.pagecheck import assert_page_ok

from .helpers import START, publish, seed_reports

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
URL = "/data/force/cambridgeshire/2026-27-q1/"
SHOTS = "/tmp/shots"


def _shot(page, name: str, width: int) -> None:
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/h5-{name}-{width}.png", full_page=True)


@pytest.fixture
def revised(org):
    """A quarter published, then revised after late reports with long names (the changes table)."""
    seed_reports(org)
    pool = officers(org.cambs, 3)
    for k, tactics in enumerate([("ced_drawn", "ced_fired"), ("baton_drawn", "cs_used"), ("ced_drawn",)]):
        incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=k), [{"_tactics": tactics}],
                               district=org.peterborough)
    publish(org.analyst)
    incidents_with_reports(org.cambs, pool, START, [{"_tactics": ("ced_fired",)}, {}], district=org.cambridge)
    return publish(org.analyst, reason="Late reports")


@pytest.mark.parametrize("width", [390, 1280])
def test_public_pages_fit_and_read_plainly(new_page, revised, width):
    page = new_page(width)
    page.goto("/data/")
    assert "April to June 2026 (2026/27 Q1)" in page.inner_text("main")
    _shot(page, "public-index", width)
    assert_page_ok(page, f"published figures index at {width} px")

    page.goto("/data/force/cambridgeshire/")  # the force page: 449 px wide on a phone before
    assert "April to June 2026 (2026/27 Q1)" in page.inner_text("#publications")
    _shot(page, "force", width)
    assert_page_ok(page, f"force page at {width} px")

    page.goto(URL)
    main = page.inner_text("main")
    assert "Use of force, April to June 2026" in main and "2026/27 Q1" in main
    assert "January to March 2026: no data" in page.inner_text("#headlines")
    assert "Taser fired" in page.inner_html("#section-tactics") and "CED Fired" not in main
    assert page.locator("#section-people_injured svg[role=img]").is_visible()
    changes = page.locator(".uof-scroll:has(#changes)")  # the revision's changes: 574 px before
    assert changes.is_visible() and changes.get_attribute("tabindex") == "0"
    for section in ("tactics", "people_injured"):
        page.click(f"#section-{section} summary")
    _shot(page, "dashboard", width)
    assert_page_ok(page, f"dashboard with its changes at {width} px")

    page.goto(URL + "revision-1/")
    _shot(page, "revision-1", width)
    assert_page_ok(page, f"an earlier revision at {width} px")

    page.goto(URL + "dictionary/")
    text = page.inner_text("main")
    assert "attenuating energy projectile" in text and "Home Office term" in text
    _shot(page, "dictionary", width)
    assert_page_ok(page, f"data dictionary at {width} px")
