"""Missing reports (officers named as present who have not filed), reminders, recording compliance,
and soft deletion hiding a report from lists, supervisors and counts."""
from __future__ import annotations

import datetime as dt
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from uof.access.policy import district_scope
from uof.audit.models import AuditEvent
from uof.reports import missing
from uof.reports.models import Report
from uof.reports.tests.helpers import (
    fast_passwords,  # noqa: F401  (autouse: cheap password hashing)
    form_state,
    page_url,
    text_of,
)
from uof.review import selectors
from uof.review.models import ReminderSent
from uof.testing.fixtures import complete_pages

from .helpers import REF, client_for, draft, filed, submit, table_rows


def days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


OVERDUE = settings.UOF_REPORT_OVERDUE_DAYS


def named_by_alice(org, day: dt.date, present: str = "2345", ref: str = REF) -> Report:
    """Alice files a report on incident `ref` naming the officers with these collar numbers."""
    return filed(client_for(org.alice), org, ref, present=present, day=day)


def missing_for(user) -> list[tuple[str, str, bool]]:
    return [(m.officer.username, m.incident.cad_reference, m.overdue)
            for m in missing.missing_reports(district_scope(user))]


def missing_page(client) -> list[list[str]]:
    response = client.get(reverse("review:missing"))
    assert response.status_code == 200
    return table_rows(response, "missing")


# --- missing reports ---------------------------------------------------------------------------------

@pytest.mark.parametrize("age, status", [(1, "Pending"), (OVERDUE, "Pending"), (OVERDUE + 1, "Overdue")])
def test_an_officer_named_as_present_without_a_report_is_missing(org, age, status):
    named_by_alice(org, days_ago(age))
    assert missing_for(org.sergeant) == [("bob.cambs", REF, status == "Overdue")]
    [row] = missing_page(client_for(org.sergeant))
    assert row[0] == "Bob Test (2345)" and row[1] == REF and row[2] == "Peterborough"
    assert row[4] == "Alice Test (1234)" and row[5] == status


def test_a_draft_does_not_count_and_a_submitted_report_clears_it(org):
    named_by_alice(org, days_ago(OVERDUE + 2))
    bob = client_for(org.bob)
    bobs = draft(bob, org, REF, present="")
    assert bobs.incident.cad_reference == REF  # joined Alice's incident
    assert missing_for(org.sergeant) == [("bob.cambs", REF, True)]
    submit(bob, bobs)
    assert missing_for(org.sergeant) == []
    assert "No missing reports." in text_of(client_for(org.sergeant).get(reverse("review:missing")))


def test_missing_reports_stay_within_the_supervisors_districts(org):
    named_by_alice(org, days_ago(1))
    assert missing_for(org.beds_sergeant) == []
    assert missing_page(client_for(org.beds_sergeant)) == []
    assert client_for(org.bob).get(reverse("review:missing")).status_code == 403


def test_the_officer_is_told_what_they_owe_and_the_link_fills_in_the_reference(org):
    named_by_alice(org, days_ago(OVERDUE + 1))
    bob = client_for(org.bob)
    body = text_of(bob.get(reverse("reports:mine")))
    assert "Reports you owe" in body and REF in body and "Overdue" in body
    [link] = re.findall(r'href="(/reports/new/\?[^"]+)"', body)
    page = bob.get(link)
    assert page.status_code == 200
    inputs = form_state(page).inputs
    assert inputs["cad_reference"] == REF and inputs.get("crime_reference", "") == ""
    assert "Reports you owe" not in text_of(client_for(org.alice).get(reverse("reports:mine")))


# --- reminders -----------------------------------------------------------------------------------------

def send() -> str:
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


@pytest.fixture
def owed(org):
    """Bob (with an e-mail address) and Dave (without) owe an overdue report; Erin owes one not yet due."""
    org.bob.email = "bob@cambs.police.invalid"
    org.bob.save()
    org.officer("dave.cambs", org.cambs, "3456")
    org.officer("erin.cambs", org.cambs, "4567", email="erin@cambs.police.invalid")
    named_by_alice(org, days_ago(OVERDUE + 1), present="2345\n3456")
    named_by_alice(org, days_ago(1), present="4567", ref="CC-RECENT")
    assert len(missing_for(org.sergeant)) == 3


def test_reminders_go_once_to_each_overdue_officer_with_an_email_address(org, owed):
    assert "1 reminder(s) sent" in send()
    [message] = mail.outbox
    assert message.to == ["bob@cambs.police.invalid"] and message.subject == "Use of force report overdue"
    assert REF in message.body and "Bob Test" in message.body
    assert ReminderSent.objects.get().officer_present.officer == org.bob
    event = AuditEvent.objects.get(action=AuditEvent.Action.REMINDER)
    assert (event.user, event.force_id, event.report_id) == (None, org.cambs.pk, None)
    assert f"user {org.bob.pk}" in event.detail


def test_no_second_reminder_within_a_day(org, owed):
    send()
    assert "0 reminder(s) sent" in send()
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REMINDER).count() == 1
    ReminderSent.objects.update(sent_at=timezone.now() - dt.timedelta(hours=24))
    send()
    assert len(mail.outbox) == 2
    assert AuditEvent.objects.filter(action=AuditEvent.Action.REMINDER).count() == 2


def test_reminders_for_one_force_only(org, owed):
    call_command("send_reminders", "--force", "bedfordshire", stdout=io.StringIO())
    assert mail.outbox == []


def test_no_reminder_once_the_report_is_filed(org, owed):
    bob = client_for(org.bob)
    submit(bob, draft(bob, org, REF, present=""))
    send()
    assert mail.outbox == []


# --- compliance -----------------------------------------------------------------------------------------

def at(day: dt.date, hh_mm: str, plus_hours: float) -> dt.datetime:
    """`plus_hours` after `hh_mm` local time on `day`, as an instant (real hours, whatever the clocks do)."""
    began = dt.datetime.combine(day, dt.time.fromisoformat(hh_mm), tzinfo=ZoneInfo(settings.TIME_ZONE))
    return began.astimezone(dt.UTC) + dt.timedelta(hours=plus_hours)


@pytest.fixture
def month(org):
    """One month of Peterborough: incident 1 (Alice filed after 10 h, naming Bob, who has not filed),
    incident 2 (Dave filed after 30 h), incident 3 (Erin's draft); and Cambridge: Frank filed after 4 h.
    By hand: expected 4 (Alice, Bob, Dave, Erin), filed 2, median of 10 and 30 hours = 20.0."""
    day = days_ago(OVERDUE + 1)
    dave = org.officer("dave.cambs", org.cambs, "3456")
    erin = org.officer("erin.cambs", org.cambs, "4567")
    frank = org.officer("frank.cambs", org.cambs, "5678")
    alices = named_by_alice(org, day)
    daves = filed(client_for(dave), org, "CC-2", present="", day=day)
    draft(client_for(erin), org, "CC-3", present="", day=day)
    franks = filed(client_for(frank), org, "CC-4", present="", day=day, incident={"district": str(org.cambridge.pk)})
    for report, hours in ((alices, 10), (daves, 30), (franks, 4)):  # complete_pages: incidents at 22:15
        Report.objects.filter(pk=report.pk).update(submitted_at=at(day, "22:15", hours))
    return type("Month", (), {"key": day.strftime("%Y-%m"), "alices": alices, "daves": daves})


def row_of(user, key: str, district: str = "Peterborough") -> dict:
    [row] = [r for r in selectors.compliance(user) if (r["district"], r["month"]) == (district, key)]
    return row


def test_compliance_counts_expected_and_filed_reports_and_the_median_hours(org, month):
    assert row_of(org.sergeant, month.key) == {"district": "Peterborough", "month": month.key, "expected": 4,
                                               "filed": 2, "missing": 2, "rate": 50.0, "median_hours": 20.0}
    assert [r["district"] for r in selectors.compliance(org.sergeant)] == ["Peterborough"]
    cambridge = row_of(org.cambs_admin, month.key, "Cambridge")
    assert (cambridge["expected"], cambridge["filed"], cambridge["median_hours"]) == (1, 1, 4.0)


def test_the_compliance_page_shows_the_same_figures(org, month):
    response = client_for(org.sergeant).get(reverse("review:compliance"))
    assert response.status_code == 200
    assert table_rows(response, "compliance") == [[month.key, "Peterborough", "4", "2", "50.0", "20.0"]]
    assert client_for(org.alice).get(reverse("review:compliance")).status_code == 403


# --- soft deletion --------------------------------------------------------------------------------------

def delete(org, report: Report, reason: str):
    return client_for(org.cambs_admin).post(reverse("review:delete", args=[report.pk]), {"reason": reason})


def listed_in_mine(client, report: Report) -> bool:
    return f'href="/reports/{report.pk}/' in client.get(reverse("reports:mine")).content.decode()


def test_deleting_needs_a_reason(org):
    report = named_by_alice(org, days_ago(1))
    response = delete(org, report, "  ")
    assert response.status_code == 200 and "Give the reason for deleting this report" in text_of(response)
    assert Report.objects.get(pk=report.pk).deleted_at is None
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.DELETE).exists()


def test_only_a_force_administrator_may_delete(org):
    report = named_by_alice(org, days_ago(1))
    for user in (org.alice, org.sergeant, org.beds_sergeant):
        assert client_for(user).post(reverse("review:delete", args=[report.pk]),
                                     {"reason": "x"}).status_code in (403, 404)
    assert Report.objects.get(pk=report.pk).deleted_at is None


def test_a_deleted_report_is_hidden_from_everyone_but_force_administrators(org, month):
    report = month.daves
    dave = client_for(report.officer)
    assert listed_in_mine(dave, report)
    response = delete(org, report, "Recorded against the wrong incident")
    assert response.status_code == 302 and response["Location"] == reverse("reports:view", args=[report.pk])
    stored = Report.objects.get(pk=report.pk)
    assert stored.deleted_at is not None and stored.deleted_by == org.cambs_admin
    assert not listed_in_mine(dave, report)
    sergeant = client_for(org.sergeant)
    for name in ("reports:view", "review:history"):
        assert sergeant.get(reverse(name, args=[report.pk])).status_code == 404
    assert dave.get(reverse("reports:view", args=[report.pk])).status_code == 404
    assert client_for(org.standards).get(reverse("reports:view", args=[report.pk])).status_code == 404
    admin_view = client_for(org.cambs_admin).get(reverse("reports:view", args=[report.pk]))
    assert admin_view.status_code == 200 and "Recorded against the wrong incident" in text_of(admin_view)
    # Compliance no longer counts Dave's report: expected 3 (Alice, Bob, Erin), filed 1 (Alice, 10 h).
    row = row_of(org.sergeant, month.key)
    assert (row["expected"], row["filed"], row["median_hours"]) == (3, 1, 10.0)


def test_a_deleted_report_no_longer_counts_as_filed(org):
    named_by_alice(org, days_ago(1))
    bob = client_for(org.bob)
    bobs = submit(bob, draft(bob, org, REF, present=""))
    assert missing_for(org.sergeant) == []
    assert delete(org, bobs, "Entered by mistake").status_code == 302
    assert missing_for(org.sergeant) == [("bob.cambs", REF, False)]


def test_a_deleted_report_leaves_the_review_queue(org):
    report = named_by_alice(org, days_ago(1))
    assert delete(org, report, "Duplicate").status_code == 302
    assert table_rows(client_for(org.sergeant).get(reverse("review:queue")), "queue") == []


def test_officers_named_only_by_a_deleted_report_no_longer_owe_one(org):
    report = named_by_alice(org, days_ago(OVERDUE + 1))
    assert delete(org, report, "Recorded against the wrong incident").status_code == 302
    assert missing_for(org.sergeant) == []
    assert selectors.compliance(org.sergeant) == []  # nothing left to expect in Peterborough


def test_an_officer_named_by_two_colleagues_stays_missing_when_one_drops_the_name(org):
    org.officer("dave.cambs", org.cambs, "3456")
    alice, bob = client_for(org.alice), client_for(org.bob)
    alices = draft(alice, org, present="3456", day=days_ago(1))
    draft(bob, org, REF, present="3456")
    assert missing_for(org.sergeant) == [("dave.cambs", REF, False)]
    response = alice.post(page_url(alices, "officer"), {**complete_pages(org)["officer"], "officers_present": "",
                                                        "action": "continue"})
    assert response.status_code == 302
    assert missing_for(org.sergeant) == [("dave.cambs", REF, False)]  # Bob still names Dave
