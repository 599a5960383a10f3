"""Officer submits, supervisor returns with a comment, officer fixes and resubmits, supervisor
approves; professional standards read the whole trail. In a real headless Chromium."""
import pytest
from django.test import Client

from uof.audit.models import AuditEvent
from uof.reports.models import FieldChange, Report, StatusChange
from uof.reports.tests.helpers import login, start_report, walk_all
from uof.testing.browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COMMENT = "Add the body-worn video reference of the second camera"




def complete_draft(org) -> Report:
    """A complete draft by alice in Peterborough, filled in through the form pages."""
    client = Client()
    login(client, org.alice)
    report = start_report(client, "CC-REVIEW-1")
    walk_all(client, report, org)
    return report


def test_return_fix_resubmit_approve_with_full_audit_trail(new_page, org):
    report = complete_draft(org)
    officer = new_page()
    sign_in(officer, org.alice)
    officer.click(f"a[href='/reports/{report.pk}/check/']")
    officer.click("button:has-text('Submit report')")
    officer.wait_for_url(f"**/reports/{report.pk}/")
    assert "Awaiting review" in officer.locator("main").inner_text()

    # the supervisor of Peterborough returns it with a comment
    sergeant = new_page()
    sign_in(sergeant, org.sergeant)
    sergeant.goto("/review/")
    assert sergeant.locator("#count-awaiting").inner_text() == "1"
    sergeant.click(f"#queue a[href='/reports/{report.pk}/']")
    sergeant.click("button:has-text('Save review')")  # nothing chosen yet
    assert "Select whether to approve" in sergeant.locator(".govuk-error-summary").inner_text()
    sergeant.locator("#decision-2").check()  # return
    sergeant.fill("#comment", COMMENT)
    sergeant.click("button:has-text('Save review')")
    sergeant.wait_for_url("**/review/")
    assert "returned to the officer" in sergeant.locator(".govuk-notification-banner").inner_text()

    # the officer sees why, fixes the answer with a reason, and resubmits
    officer.goto("/reports/")
    assert "Returned" in officer.locator("table").first.inner_text()
    officer.click(f"a[href='/reports/{report.pk}/check/']")
    assert COMMENT in officer.locator(".govuk-inset-text").inner_text()
    officer.click(f"a[href='/reports/{report.pk}/officer/?next=check']")
    officer.fill("#bwv_references", "BWV-001\nBWV-002\nBWV-003")
    officer.click("button[value=continue]")
    assert "Give a reason for the change" in officer.locator(".govuk-error-summary").inner_text()
    assert "BWV-003" in officer.input_value("#bwv_references")  # what was typed is kept
    officer.fill("#reason", "Added the second camera's footage reference as asked")
    officer.click("button[value=continue]")
    officer.wait_for_url(f"**/reports/{report.pk}/check/")
    officer.click("button:has-text('Resubmit report')")
    officer.wait_for_url(f"**/reports/{report.pk}/")

    # the supervisor approves
    sergeant.goto("/review/")
    sergeant.click(f"#queue a[href='/reports/{report.pk}/']")
    sergeant.locator("#decision").check()  # approve
    sergeant.click("button:has-text('Save review')")
    sergeant.wait_for_url("**/review/")
    assert sergeant.locator("#count-awaiting").inner_text() == "0"

    # professional standards read the trail
    standards = new_page()
    sign_in(standards, org.standards)
    standards.goto(f"/review/reports/{report.pk}/history/")
    statuses = standards.locator("#statuses").inner_text()
    for step in ("Draft → Awaiting review", "Awaiting review → Returned", "Returned → Awaiting review",
                 "Awaiting review → Approved"):
        assert step in statuses
    assert COMMENT in statuses
    changes = standards.locator("#changes").inner_text()
    assert "Body-worn video references" in changes and "BWV-003" in changes
    assert "second camera's footage reference" in changes
    trail = standards.locator("#audit").inner_text()
    for action in ("Started a report", "Changed answers", "Changed status", "Viewed private fields"):
        assert action in trail
    standards.goto(f"/audit/?report={report.pk}")
    assert standards.locator("#audit tbody tr").count() >= 8

    report.refresh_from_db()
    assert report.status == "approved"
    assert list(StatusChange.objects.filter(report=report).values_list("to_status", flat=True)) == [
        "submitted", "returned", "submitted", "approved"]
    change = FieldChange.objects.get(report=report)
    assert change.old_value == ["BWV-001", "BWV-002"] and change.new_value == ["BWV-001", "BWV-002", "BWV-003"]
    assert change.by == org.alice
    assert not AuditEvent.objects.filter(detail__contains="BWV").exists()  # values never in the audit log
