"""On a phone: an "are you sure?" warning is shown, insisted on, confirmed and remembered; the page
intro stays above the error summary's page heading. Screenshots go to /tmp/shots when asked."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.test import Client

from uof.reports.fieldset import PAGE_INTROS, PAGE_ORDER
from uof.reports.models import Report, TacticUse
from uof.testing.browser import sign_in
from uof.testing.fixtures import complete_pages
from uof.testing.pagecheck import assert_page_ok

from .helpers import WALK, error_summary, login, page_url, post_page, start_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("UOF_SHOTS")  # a folder: save full-page screenshots there to look at


def shot(page, name: str, around: str = "") -> None:
    """A full-page screenshot, or (`around`, a selector) 1,200 px of the page from that element."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        path = f"{SHOTS}/h3-{name}-{width}.png"
        if around:
            box = page.locator(around).first.bounding_box()
            page.screenshot(path=path, full_page=True, clip={"x": 0, "y": box["y"] - 20, "width": width,
                                                            "height": 1200})
        else:
            page.screenshot(path=path, full_page=True)


def complete_draft(org) -> Report:
    """Alice's draft with every page answered (the tactic written directly: this is not its test)."""
    client = Client()
    login(client, org.alice)
    report = start_report(client, "CC-RULES-1")
    pages = complete_pages(org)
    for name in WALK:
        if name == "tactics":
            TacticUse.objects.create(report=report, position=1, tactic="handcuffing_compliant", effective="yes")
        else:
            response = post_page(client, report, name, pages[name])
            assert response.status_code == 302, (name, error_summary(response))
    return report


@pytest.mark.parametrize("width", [390, 1280])
def test_a_warning_is_confirmed_on_a_phone(new_page, org, width):
    report = complete_draft(org)
    page = new_page(width)
    sign_in(page, org.alice)
    page.goto(page_url(report, "outcome"))
    page.get_by_label("Fatality", exact=True).check()
    page.click("button[value=continue]")
    warning = page.locator(".govuk-warning-text")
    assert "You said the person died, but that no medical assistance was provided" in warning.inner_text()
    assert page.locator("h1").inner_text() == "Outcome"  # the page heads the warning and the question
    assert page.locator(".govuk-error-summary").count() == 0  # a warning is not an error
    shot(page, "warning")
    assert_page_ok(page, "outcome page with a warning")

    page.click("button[value=continue]")  # not ticked: now it is an error on the tick box
    summary = page.locator(".govuk-error-summary")
    assert "Confirm that this answer is correct, or change it" in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "confirm-died_without_medical"
    shot(page, "warning-error")
    assert_page_ok(page, "outcome page with an unconfirmed warning")

    page.get_by_label("I have checked this answer and it is correct").check()
    page.click("button[value=continue]")
    page.wait_for_url("**/account/")
    assert Report.objects.get(pk=report.pk).confirmed_rules == ["died_without_medical"]
    page.goto(page_url(report, "check"))
    confirmed = page.locator("#section-injuries ~ dl").first.inner_text()  # listed where it can be changed
    assert "Checked and confirmed as correct" in confirmed and "no medical assistance" in confirmed
    shot(page, "check-confirmed", around="#section-injuries")
    assert_page_ok(page, "check your answers with a confirmed warning")


@pytest.mark.parametrize("width", [390, 1280])
def test_errors_keep_the_intro_and_show_a_contradiction(new_page, org, width):
    report = complete_draft(org)
    TacticUse.objects.create(report=report, position=2, tactic="ced_fired", effective="yes")
    page = new_page(width)
    sign_in(page, org.alice)
    page.goto(page_url(report, "references"))
    page.fill("#cad_reference", "")
    page.click("button[value=continue]")
    page.locator(".govuk-error-summary").wait_for(state="visible", timeout=15000)
    assert "If colleagues have already reported on it" in page.locator("main").inner_text()
    shot(page, "references-error")
    assert_page_ok(page, "references page with errors")

    page.goto(page_url(report, "officer"))
    page.locator("#ced_trained-2").check()  # No
    page.click("button[value=continue]")
    summary = page.locator(".govuk-error-summary")
    assert "Your tactics include a Taser (CED), but you said you are not trained" in summary.inner_text()
    assert page.locator("#ced_trained-error").is_visible()
    shot(page, "officer-contradiction")
    assert_page_ok(page, "officer page with a contradiction")

    page.click("button[value=draft]")  # a draft keeps the answer; the check page refuses to submit it
    page.wait_for_url("**/reports/")
    page.goto(page_url(report, "check"))
    assert "Your tactics include a Taser (CED)" in page.locator(".govuk-error-summary").inner_text()
    shot(page, "check-contradiction", around="main")
    assert_page_ok(page, "check your answers with a contradiction")


@pytest.mark.parametrize("width", [390, 1280])
def test_every_question_page_with_errors_keeps_its_heading_and_intro(new_page, org, width):
    client = Client()
    login(client, org.alice)
    report = start_report(client, "CC-RULES-2")
    page = new_page(width)
    sign_in(page, org.alice)
    for name in [p for p in PAGE_ORDER if p not in ("subject", "tactics")]:
        page.goto(page_url(report, name))
        for box in page.locator("input[type=checkbox]:checked, input[type=text], textarea").all():
            box.uncheck() if box.get_attribute("type") == "checkbox" else box.fill("")
        page.click("button[value=continue]")
        summary = page.locator(".govuk-error-summary")
        summary.wait_for(state="visible", timeout=15000)  # the POST's answer, however slow the machine
        assert summary.is_visible(), name
        heading = page.locator("main h1")
        assert heading.count() == 1 and heading.is_visible(), name
        main = page.locator("main").inner_text()
        assert main.index("There is a problem") < main.index(heading.inner_text()), name
        if PAGE_INTROS.get(name):
            assert PAGE_INTROS[name] in main, name
        shot(page, f"errors-{name}")
        assert_page_ok(page, f"{name} page with errors")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_stored_contradiction_is_shown_on_the_tactics_page(new_page, org, width):
    report = complete_draft(org)
    TacticUse.objects.create(report=report, position=2, tactic="ced_drawn", effective="yes")
    Report.objects.filter(pk=report.pk).update(ced_trained="no")  # as a draft saved with both leaves it
    page = new_page(width)
    sign_in(page, org.alice)
    page.goto(page_url(report, "tactics"))
    notice = page.locator(".govuk-warning-text").first
    assert "but you said you are not trained to carry one" in notice.inner_text()
    assert page.locator(".govuk-error-summary").count() == 0
    shot(page, "tactics-notice")
    assert_page_ok(page, "tactics page with a stored contradiction")


@pytest.mark.parametrize("width", [390, 1280])
def test_the_person_already_reported_on_is_not_offered_again(new_page, org, width):
    first = complete_draft(org)
    Report.objects.filter(pk=first.pk).update(status=Report.Status.SUBMITTED)
    client = Client()
    login(client, org.alice)
    again = start_report(client, "CC-RULES-1")
    page = new_page(width)
    sign_in(page, org.alice)
    page.goto(page_url(again, "subject"))
    body = " ".join(page.locator("main").inner_text().split())
    assert f"You have already reported on subject 1 of this incident (report {first.pk})" in body
    assert page.get_by_label("Someone else (a person not listed)").count() == 1
    assert page.locator("input[name=subject][value='1']").count() == 0
    assert "or" not in page.locator(".govuk-radios").inner_text().split()  # no divider before the only choice
    shot(page, "subject-already")
    assert_page_ok(page, "subject page with the officer's own earlier report")
