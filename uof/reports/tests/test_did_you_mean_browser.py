"""The "did you mean" question in a real browser, at phone and desktop widths: an officer who
mistypes a reference is offered the incident already recorded and joins it."""
import os

import pytest
from django.test import Client

from uof.reports.models import Report
from uof.reports.tests.helpers import login, start_report
from uof.testing.browser import sign_in
from uof.testing.pagecheck import assert_page_ok

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REF = "CC1-261130-900001"
SHOTS = os.environ.get("UOF_SHOTS", "")  # a folder: full-page screenshots to look at


def shot(page, name: str, width: int) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"h1-{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_mistyped_reference_is_offered_and_joins_the_incident(new_page, org, width):
    org.cambs.cad_reference_example = "CC1-260412-000187"
    org.cambs.cad_reference_pattern = r"CC\d+-\d{6}-\d{6}"
    org.cambs.save()
    alice = Client()
    login(alice, org.alice)
    first = start_report(alice, REF)

    page = new_page(width)
    sign_in(page, org.bob)
    page.goto("/reports/new/")
    assert page.get_by_text("For example, CC1-260412-000187").is_visible()
    assert_page_ok(page, "references page")
    shot(page, "references", width)
    page.fill("#cad_reference", "cc1 261130 90001")  # lower case, spaces, a digit left out
    page.click("button:has-text('Save and continue')")
    page.wait_for_selector("h1:has-text('Did you mean an incident already recorded?')")
    assert page.get_by_text(f"Yes, join incident {REF}").is_visible()
    assert "incident log numbers look like CC1-260412-000187" in page.inner_text("main")  # 5 digits: not the format
    assert_page_ok(page, "did you mean")
    shot(page, "did-you-mean", width)

    page.click("button:has-text('Continue')")  # nothing chosen
    page.wait_for_selector(".govuk-error-summary")
    assert_page_ok(page, "did you mean, with an error")
    shot(page, "did-you-mean-error", width)

    page.check(f"input[value='cad_reference:{REF}']")
    page.click("button:has-text('Continue')")
    page.wait_for_url("**/incident/")
    report = Report.objects.get(officer=org.bob)
    assert report.incident_id == first.incident_id
    assert_page_ok(page, "joined incident")
