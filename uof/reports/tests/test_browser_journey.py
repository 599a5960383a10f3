"""Two officers record the same incident in a real headless Chromium."""
import pytest

from uof.reports.models import Incident, Report
from uof.testing.browser import answer_unanswered, sign_in
from uof.testing.fixtures import recent_day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




def save(page):
    answer_unanswered(page)
    page.click("button[value=continue]")


def check(page, label):
    page.get_by_label(label, exact=True).check()


def test_officer_records_full_report_and_colleague_joins(new_page, org):
    day = recent_day()
    page = new_page(width=390)  # a phone
    sign_in(page, org.alice)
    page.locator("main a.govuk-button", has_text="Record use of force").click()

    # references: nothing entered is an error, and the page keeps what was typed
    save(page)
    page.locator(".govuk-error-summary").wait_for(state="visible", timeout=15000)
    page.fill("#cad_reference", "CC-BROWSER-1")
    save(page)
    page.wait_for_url("**/incident/")

    # when and where, with an impossible date first
    page.fill("#occurred_date-day", "31")
    page.fill("#occurred_date-month", "2")
    page.fill("#occurred_date-year", str(day.year))
    page.fill("#occurred_time", "22:15")
    page.select_option("#district", label="Peterborough")
    save(page)
    assert "must be a real date" in page.locator(".govuk-error-summary").inner_text()
    assert page.input_value("#occurred_time") == "22:15"  # kept
    page.fill("#occurred_date-day", str(day.day))
    page.fill("#occurred_date-month", str(day.month))
    save(page)
    page.wait_for_url("**/perception/")

    check(page, "18 to 34")
    check(page, "Male")
    check(page, "White")
    page.locator("#physical_condition-2").check()   # No
    page.locator("#mental_condition").check()       # Yes
    save(page)
    page.wait_for_url("**/location/")

    check(page, "Street or highway")
    check(page, "Custody block")  # reveals the custody suite question
    page.select_option("#custody_suite", label="Thorpe Wood custody")
    save(page)
    page.wait_for_url("**/officer/")

    check(page, "Response (emergency and priority calls)")
    page.locator("#single_crewed-2").check()
    page.locator("#ced_trained").check()
    page.locator("#ced_carried").check()
    page.fill("#bwv_references", "BWV-0001")
    page.fill("#officers_present", org.bob.collar_number)
    save(page)
    page.wait_for_url("**/conduct/")

    check(page, "Active resistance")
    check(page, "Alcohol")
    check(page, "Effect arrest")
    save(page)
    page.wait_for_url("**/tactics/")

    # tactics in order, in one step: Taser drawn, then fired, then handcuffing
    for row, (tactic, effective) in enumerate((("Taser (CED) drawn", "No"), ("Taser (CED) fired", "Yes"),
                                               ("Non-compliant handcuffing", "Yes")), start=1):
        page.select_option(f"#tactic-{row}", label=tactic)
        page.locator(f"input[name=effective-{row}][value={effective.lower()}]").check()
    save(page)
    page.wait_for_url("**/injuries/")

    page.locator("#officer_injured").check()
    page.locator("#officer_injury_level").check()  # Minor
    page.locator("#officer_assaulted").check()
    page.locator("#officer_medical-2").check()
    page.locator("#subject_injured-2").check()  # the person was not injured
    page.locator("#subject_medical_offered").check()
    page.locator("#subject_medical_provided-2").check()
    save(page)
    page.wait_for_url("**/threats/")

    page.locator("#spat_at").check()
    page.locator("#threatened_with_weapon-2").check()
    page.locator("#assaulted_with_weapon-2").check()
    page.locator("#public_order-2").check()
    save(page)
    page.wait_for_url("**/outcome/")
    check(page, "Arrested")
    save(page)
    page.wait_for_url("**/account/")
    page.fill("#account", "Subject punched a member of the public; Taser fired, then handcuffed.")
    save(page)
    page.wait_for_url("**/check/")

    summary = page.locator("main").inner_text()
    for answer in ("CC-BROWSER-1", "Peterborough", "Thorpe Wood custody", "Taser (CED) fired", "Arrested"):
        assert answer in summary
    # change an answer from check-your-answers and come back
    page.locator("a[href*='/outcome/?next=check']").first.click()
    check(page, "Hospitalised")
    save(page)
    # hospitalised, yet no medical assistance provided: asked to confirm, not refused
    assert "no medical assistance was provided" in page.locator(".govuk-warning-text").inner_text()
    page.get_by_label("I have checked this answer and it is correct").check()
    save(page)
    page.wait_for_url("**/check/")
    assert "Hospitalised" in page.locator("main").inner_text()
    page.click("button:has-text('Submit report')")
    page.wait_for_url("**/reports/*/")
    assert "submitted" in page.locator(".govuk-notification-banner").inner_text().lower()

    page.goto("/reports/")  # on a phone the navigation sits behind the menu button
    assert "CC-BROWSER-1" in page.locator("table").last.inner_text()
    first = Report.objects.get(officer=org.alice)
    assert first.status == "submitted"
    assert [t.tactic for t in first.tactics.all()] == ["ced_drawn", "ced_fired", "handcuffing_non_compliant"]

    # a colleague joins the same incident, on the same person
    other = new_page()
    sign_in(other, org.bob)
    other.locator("main a.govuk-button", has_text="Record use of force").click()
    other.fill("#cad_reference", "CC-BROWSER-1")
    save(other)
    other.wait_for_url("**/incident/")
    assert "Other officers have already reported" in other.locator("main").inner_text()
    assert "Peterborough" in other.locator("main").inner_text()
    save(other)
    other.wait_for_url("**/subject/")
    assert "Subject 1" in other.locator("main").inner_text()
    other.get_by_label("Subject 1", exact=False).check()
    save(other)
    other.wait_for_url("**/perception/")
    assert other.locator("#mental_condition").is_checked()  # the colleague's perception, to confirm

    second = Report.objects.get(officer=org.bob)
    assert second.incident_id == first.incident_id and second.subject_id == first.subject_id
    assert Incident.objects.count() == 1
