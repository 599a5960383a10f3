"""An officer on a 390 px phone records a report through every page, four tactics in one step, and
submits it; every page fits the screen, shows no mark-up as text and passes axe-core. Then the
tactics page's row errors, "Add another row" and reordering, at phone and desktop widths.

Set UOF_SCREENSHOTS to a folder to keep full-page screenshots of the tactics page.
"""
import os

import pytest

from uof.reports.models import Report
from uof.testing import pagecheck
from uof.testing.browser import answer_unanswered, sign_in
from uof.testing.fixtures import recent_day

from .helpers import page_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOUR = [("Taser (CED) drawn", "no"), ("Taser (CED) aimed", "no"), ("Taser (CED) fired", "yes"),
        ("Non-compliant handcuffing", "yes")]


def assert_page_ok(page, name: str) -> None:
    pagecheck.assert_page_ok(page, name)


def shot(page, name: str) -> None:
    folder = os.environ.get("UOF_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"h2-{name}-{page.viewport_size['width']}.png"), full_page=True)


def save(page, next_page: str) -> None:
    answer_unanswered(page)
    page.click("button[value=continue]")
    page.wait_for_url(f"**/{next_page}/")


def pick(page, label: str) -> None:
    page.get_by_label(label, exact=True).check()


def fill_tactics(page, tactics, first_row: int = 1) -> None:
    for row, (tactic, effective) in enumerate(tactics, start=first_row):
        if tactic:
            page.select_option(f"#tactic-{row}", label=tactic)
        if effective:
            page.locator(f"input[name=effective-{row}][value={effective}]").check()


def test_an_officer_records_a_report_on_a_phone_with_four_tactics_in_one_step(new_page, org):
    day = recent_day()
    page = new_page(390)
    sign_in(page, org.alice)
    assert_page_ok(page, "My reports")
    page.locator("main a.govuk-button", has_text="Record use of force").click()
    page.wait_for_url("**/reports/new/")
    assert_page_ok(page, "references page")
    page.fill("#cad_reference", "CC-PHONE-1")
    save(page, "incident")

    assert_page_ok(page, "incident page")
    page.fill("#occurred_date-day", str(day.day))
    page.fill("#occurred_date-month", str(day.month))
    page.fill("#occurred_date-year", str(day.year))
    page.fill("#occurred_time", "22:15")
    page.select_option("#district", label="Peterborough")
    save(page, "perception")

    assert_page_ok(page, "perception page")
    for label in ("18 to 34", "Male", "White"):
        pick(page, label)
    page.locator("#physical_condition-2").check()
    page.locator("#mental_condition-2").check()
    save(page, "location")

    assert_page_ok(page, "location page")
    pick(page, "Street or highway")
    save(page, "officer")

    assert_page_ok(page, "officer page")
    pick(page, "Response (emergency and priority calls)")
    page.locator("#single_crewed-2").check()
    page.locator("#ced_trained").check()
    page.locator("#ced_carried").check()
    save(page, "conduct")

    assert_page_ok(page, "conduct page")
    pick(page, "Active resistance")
    pick(page, "Effect arrest")
    save(page, "tactics")

    assert_page_ok(page, "tactics page, empty")
    shot(page, "tactics-empty")
    assert page.locator("[data-tactic-row]").count() == 4  # four empty rows: no extra step for most reports
    fill_tactics(page, FOUR)
    assert_page_ok(page, "tactics page with four tactics typed")
    shot(page, "tactics-four-typed")
    save(page, "injuries")  # the four tactics in one step
    report = Report.objects.get(officer=org.alice)
    assert list(report.tactics.values_list("position", "tactic", "effective")) == [
        (1, "ced_drawn", "no"), (2, "ced_aimed", "no"), (3, "ced_fired", "yes"), (4, "handcuffing_non_compliant", "yes")]

    assert_page_ok(page, "injuries page")
    page.locator("#officer_injured-2").check()
    page.locator("#officer_assaulted-2").check()
    page.locator("#subject_injured-2").check()
    page.locator("#subject_medical_offered-2").check()
    page.locator("#subject_medical_provided-2").check()
    save(page, "threats")

    assert_page_ok(page, "threats page")
    for name in ("spat_at", "threatened_with_weapon", "assaulted_with_weapon", "public_order"):
        page.locator(f"#{name}-2").check()
    save(page, "outcome")

    assert_page_ok(page, "outcome page")
    pick(page, "Arrested")
    save(page, "account")

    assert_page_ok(page, "account page")
    page.fill("#account", "Man resisted arrest.\nTaser drawn, aimed and fired; then handcuffed.")
    save(page, "check")

    assert_page_ok(page, "check your answers")
    summary = page.locator("main").inner_text()
    positions = [summary.index(t) for t, _ in FOUR]
    assert positions == sorted(positions), "the tactics are listed in the order used"
    page.click("button:has-text('Submit report')")
    page.wait_for_url(f"**/reports/{report.pk}/")
    assert "submitted" in page.locator(".govuk-notification-banner").inner_text().lower()
    assert_page_ok(page, "the submitted report")
    assert Report.objects.get(pk=report.pk).status == "submitted"


@pytest.mark.parametrize("width", [390, 1280])
def test_tactics_page_row_errors_another_row_and_reordering(new_page, org, width):
    from django.test import Client

    from .helpers import answer_incident, login, start_report

    client = Client()
    login(client, org.alice)
    report = start_report(client, f"CC-TACTICS-{width}")
    answer_incident(client, report, org)
    page = new_page(width)
    sign_in(page, org.alice)
    page.goto(page_url(report, "tactics"))
    assert_page_ok(page, "tactics page, empty")
    shot(page, "tactics-empty")

    # a half-filled form: row 2 lacks its answer, row 3 repeats a Taser level
    fill_tactics(page, [("Taser (CED) drawn", "no"), ("Taser (CED) fired", ""), ("Taser (CED) drawn", "yes")])
    page.click("button[value=continue]")
    errors = page.locator(".govuk-error-summary").inner_text()
    assert "Tactic 2: select whether Taser (CED) fired was effective" in errors
    assert "Tactic 3: Taser (CED) drawn is already tactic 1. Record each level only once" in errors
    assert page.locator("#effective-2-error").is_visible()  # the message also sits by its row
    assert page.input_value("#tactic-2") == "ced_fired" and page.is_checked("#effective-3")  # nothing lost
    assert_page_ok(page, "tactics page with row errors")
    shot(page, "tactics-row-errors")
    assert not report.tactics.exists()

    # the script adds a row in place (the same button posts the form without it)
    url = page.url
    page.click("button[value=more]")
    assert page.locator("[data-tactic-row]").count() == 5 and page.url == url
    assert page.input_value("#tactic-2") == "ced_fired"
    assert page.evaluate("document.activeElement.id") == "tactic-5"
    fill_tactics(page, [("Taser (CED) aimed", "no"), ("", ""), ("Non-compliant handcuffing", "yes")], first_row=3)
    page.locator("input[name=effective-2][value=yes]").check()
    page.click("button[value=draft]")
    page.wait_for_url("**/reports/")
    codes = list(report.tactics.values_list("tactic", flat=True))
    assert codes == ["ced_drawn", "ced_fired", "ced_aimed", "handcuffing_non_compliant"]

    # put the Taser levels in order, then remove the handcuffing
    page.goto(page_url(report, "tactics"))
    assert page.locator("#tactics-list .govuk-summary-list__row").count() == 4
    assert_page_ok(page, "tactics page with four tactics")
    shot(page, "tactics-four-listed")
    page.click("button[value=down-2]")
    page.wait_for_load_state()
    page.click("button[value=remove-4]")
    page.wait_for_load_state()
    assert list(report.tactics.values_list("tactic", flat=True)) == ["ced_drawn", "ced_aimed", "ced_fired"]
    assert "Tactic 3" in page.locator("#tactics-list").inner_text()
    assert_page_ok(page, "tactics page after moving and removing")
