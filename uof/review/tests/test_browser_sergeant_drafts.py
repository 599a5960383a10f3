"""What the officer and the sergeant see, in a real headless Chromium at phone and desktop widths:
"Reports you owe" opening the officer's own draft, discarding it, the sergeant's queue with its
filters and returned list, the other reports on an incident, a refused return shown beside the
decision, and the report history in words. Every page state passes `assert_page_ok` (no overflow,
no mark-up shown as text, axe-core clean); screenshots go to /tmp/shots."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from uof.reports.models import Report
from uof.reports.tests.helpers import post_page
from uof.testing.browser import sign_in
from uof.testing.pagecheck import assert_page_ok

from .helpers import client_for, decide, filed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots")
REF = "CC-20261120-4242"


def shot(page, name: str, width: int) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"h4-{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_reports_you_owe_opens_the_draft_and_the_officer_discards_it(new_page, org, width):
    filed(client_for(org.alice), org, REF, present="2345", day=timezone.localdate() - dt.timedelta(days=5))
    page = new_page(width)
    sign_in(page, org.bob)
    assert page.url.endswith("/reports/")  # an officer lands on My reports
    owed = page.locator("#missing")
    assert "Overdue" in owed.inner_text()
    owed.locator("a", has_text="Record your report").click()
    page.wait_for_url("**/reports/new/**")
    assert page.input_value("#cad_reference") == REF
    page.click("button[value=continue]")
    page.wait_for_url("**/incident/")
    draft = Report.objects.get(officer=org.bob)

    page.goto("/reports/")
    link = page.locator("#missing a", has_text="Continue your draft")
    assert link.get_attribute("href") == f"/reports/{draft.pk}/check/"
    assert_page_ok(page, f"My reports with a draft owed, {width} px")
    shot(page, "mine-owed", width)
    link.click()
    page.wait_for_url(f"**/reports/{draft.pk}/check/")
    assert Report.objects.filter(officer=org.bob).count() == 1  # no second report

    page.click("a:has-text('Discard this draft')")
    page.wait_for_url(f"**/reports/{draft.pk}/discard/")
    assert "Are you sure you want to discard this draft?" in page.locator("h1").inner_text()
    assert_page_ok(page, f"discard confirmation, {width} px")
    shot(page, "discard", width)
    page.click("button:has-text('Discard draft')")
    page.wait_for_url("**/reports/")
    assert f"Draft report {draft.pk} discarded." in page.locator(".govuk-notification-banner--success").inner_text()
    assert "Record your report" in page.locator("#missing").inner_text()  # still owed: it never counted
    assert page.locator("#drafts").count() == 0
    assert_page_ok(page, f"My reports after discarding, {width} px")
    shot(page, "mine-after-discard", width)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_sergeants_queue_report_view_refused_return_and_history(new_page, org, width):
    alice, bob = client_for(org.alice), client_for(org.bob)
    alices = filed(alice, org, REF, present="2345")
    bobs = filed(bob, org, REF, present="")
    dave = org.officer("dave.cambs", org.cambs, "3456")
    returned = filed(client_for(dave), org, "CC-20261121-0077", present="")
    assert decide(client_for(org.sergeant), returned, "return", "Add the time you arrived").status_code == 302
    corrected = post_page(client_for(org.cambs_admin), alices, "location",
                          {"location_types": ["street", "custody_block", "dwelling"], "custody_suite": str(org.thorpe.pk),
                           "reason": "Checked the body-worn video", "version": str(Report.objects.get(pk=alices.pk).version)})
    assert corrected.status_code == 302

    page = new_page(width)
    sign_in(page, org.sergeant)
    assert page.url.endswith("/review/")  # a sergeant lands on the review queue
    assert page.locator("#count-awaiting").inner_text() == "2"
    returned_rows = page.locator("#returned-reports tbody tr")
    assert returned_rows.count() == 1 and f"Report {returned.pk}" in returned_rows.inner_text()
    assert_page_ok(page, f"review queue, {width} px")
    shot(page, "queue", width)

    page.fill("#officer", "bob")
    page.click("button:has-text('Apply filters')")
    page.wait_for_url("**/review/?**officer=bob**")
    assert page.locator("#queue tbody tr").count() == 1
    assert page.input_value("#officer") == "bob"
    assert_page_ok(page, f"review queue filtered by officer, {width} px")
    shot(page, "queue-filtered", width)

    page.goto(f"/reports/{alices.pk}/")
    others = page.locator("#others")
    assert str(org.bob) in others.inner_text()
    assert_page_ok(page, f"report with other reports on the incident, {width} px")
    page.locator("#review-decision").scroll_into_view_if_needed()
    page.locator("#decision-2").check()  # return, without saying why
    page.click("button:has-text('Save review')")
    summary = page.locator(".govuk-error-summary")
    assert "Say what the officer needs to change" in summary.inner_text()
    assert "Say what the officer needs to change" in page.locator("#comment-error").inner_text()
    assert page.locator("#decision-2").is_checked() and page.locator("#comment").is_visible()
    assert_page_ok(page, f"refused return, {width} px")
    shot(page, "refused-return", width)
    page.screenshot(path=str(SHOTS / f"h4-refused-return-top-{width}.png"))  # where the page lands
    page.locator("form[action$='/decision/']").screenshot(path=str(SHOTS / f"h4-decision-form-{width}.png"))
    assert Report.objects.get(pk=alices.pk).status == "submitted"

    others.locator(f"a[href='/reports/{bobs.pk}/']").click()
    page.wait_for_url(f"**/reports/{bobs.pk}/")
    assert str(org.alice) in page.locator("#others").inner_text()

    page.goto(f"/review/reports/{alices.pk}/history/")
    changes = page.locator("#changes").inner_text()
    assert "Where did you use force?" in changes and "Dwelling" in changes and "dwelling" not in changes
    assert_page_ok(page, f"report history, {width} px")
    shot(page, "history", width)


@pytest.mark.parametrize("width", [390, 1280])
def test_professional_standards_land_on_the_audit_log(new_page, org, width):
    page = new_page(width)
    sign_in(page, org.standards)
    assert page.url.endswith("/audit/")
    assert_page_ok(page, f"audit log after signing in, {width} px")
    shot(page, "audit-log", width)
