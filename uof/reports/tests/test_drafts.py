"""The officer's own drafts: "Reports you owe" opens an existing draft instead of starting a second
report; starting a second report on the same incident opens the first; the author discards a draft
(audited; it never counted anywhere, and the migrated database keeps its append-only triggers)."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from uof.audit.models import AuditEvent
from uof.reports import missing
from uof.reports import services as report_services
from uof.reports.errors import RecordingError
from uof.reports.models import Report, StatusChange, Subject
from uof.reports.tests.helpers import (
    fast_passwords,  # noqa: F401  (autouse: cheap password hashing)
    page_url,
    start_report,
    text_of,
)
from uof.review import selectors
from uof.review.tests.helpers import REF, client_for, draft, filed, submit

ROOT = Path(__file__).resolve().parents[3]


def named_bob(org, ref: str = REF, days: int = 5) -> Report:
    """Alice files a report on `ref` naming Bob (collar 2345) as present: Bob owes a report."""
    return filed(client_for(org.alice), org, ref, present="2345", day=timezone.localdate() - dt.timedelta(days=days))


def owed_links(client) -> list[str]:
    body = client.get(reverse("reports:mine")).content.decode()
    start = body.find('id="missing"')
    assert start >= 0, "no 'Reports you owe' on My reports"
    section = body[start:body.index("</ul>", start)]
    return [part.split('"', 1)[0] for part in section.split('href="')[1:]]


# --- "Reports you owe" ------------------------------------------------------------------------------

def test_reports_you_owe_links_to_the_officers_own_draft_not_a_second_report(org):
    named_bob(org)
    bob = client_for(org.bob)
    assert owed_links(bob)[0].startswith(reverse("reports:new") + "?")  # nothing started yet
    bobs = start_report(bob, REF)  # Bob starts his report from the link, then leaves it
    assert bobs.incident.cad_reference == REF
    [link] = owed_links(bob)
    assert link == reverse("reports:check", args=[bobs.pk])
    assert "Continue your draft" in text_of(bob.get(reverse("reports:mine")))
    assert Report.objects.filter(officer=org.bob).count() == 1


def test_starting_a_second_report_on_the_same_incident_opens_the_unfinished_one(org):
    named_bob(org)
    bob = client_for(org.bob)
    bobs = start_report(bob, REF)
    response = bob.post(reverse("reports:new"), {"force": "cambridgeshire", "cad_reference": REF})
    assert response.status_code == 302 and response["Location"] == reverse("reports:check", args=[bobs.pk])
    assert Report.objects.filter(officer=org.bob).count() == 1
    page = bob.get(response["Location"])
    assert f"You already have a report on this incident that you have not submitted (report {bobs.pk})" in text_of(page)


def test_the_service_refuses_a_second_unfinished_report_cleanly(org):
    named_bob(org)
    first = report_services.start_report(org.bob, org.cambs, {"cad_reference": REF})
    with pytest.raises(RecordingError) as refused:
        report_services.start_report(org.bob, org.cambs, {"cad_reference": REF})
    assert type(refused.value).__name__ == "UnfinishedReport" and refused.value.report == first
    assert Report.objects.filter(officer=org.bob).count() == 1


def test_a_second_report_after_submitting_the_first_is_allowed(org):
    """One officer may use force on two people in one incident: one report each."""
    bob = client_for(org.bob)
    first = filed(bob, org, "CC-TWO-PEOPLE", present="")
    second = report_services.start_report(org.bob, org.cambs, {"cad_reference": "CC-TWO-PEOPLE"})
    assert second.incident_id == first.incident_id and second.pk != first.pk


# --- discarding a draft -----------------------------------------------------------------------------

def test_the_author_discards_a_draft_after_confirming_and_it_is_audited(org):
    alice = client_for(org.alice)
    report = draft(alice, org, "CC-DISCARD-1", present="2345")  # names Bob: he owes a report
    assert [m.officer for m in missing.missing_reports()] == [org.bob]
    check = text_of(alice.get(page_url(report, "check")))
    assert reverse("reports:discard", args=[report.pk]) in check and "Discard this draft" in check
    confirm = alice.get(reverse("reports:discard", args=[report.pk]))
    assert confirm.status_code == 200
    assert "Are you sure you want to discard this draft?" in text_of(confirm)
    assert Report.objects.get(pk=report.pk).deleted_at is None  # the page alone changes nothing

    response = alice.post(reverse("reports:discard", args=[report.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("reports:mine")
    mine = text_of(alice.get(response["Location"]))
    assert f"Draft report {report.pk} discarded." in mine and reverse("reports:check", args=[report.pk]) not in mine
    gone = Report.objects.get(pk=report.pk)
    assert gone.deleted_at is not None and gone.deleted_by == org.alice and gone.subject_id is None
    assert not Subject.objects.filter(incident_id=report.incident_id).exists()
    assert missing.missing_reports().count() == 0  # Bob no longer owes a report because of it
    event = AuditEvent.objects.get(action=AuditEvent.Action.DISCARD)
    assert (event.user, event.report_id, event.force_id) == (org.alice, report.pk, org.cambs.pk)
    assert event.get_action_display() == "Discarded a draft"
    # the officer can start again on the same incident and person
    again = start_report(alice, "CC-DISCARD-1")
    assert again.incident_id == report.incident_id


def test_a_discarded_draft_never_counts(org):
    alice = client_for(org.alice)
    kept = filed(alice, org, "CC-20260101-1111", present="")
    thrown = draft(alice, org, "CC-DRAFT-OTHER-98", present="")
    report_services.discard_draft(thrown, org.alice)
    from uof.stats import store

    counted = set(store.build().arrays["report"].tolist())
    assert counted == {kept.pk}
    rows = selectors.compliance(org.sergeant)
    assert sum(r["expected"] for r in rows) == 1 and sum(r["filed"] for r in rows) == 1


@pytest.mark.parametrize("who", ["bob", "sergeant", "carol"])
def test_only_the_author_may_discard(org, who):
    report = draft(client_for(org.alice), org, "CC-DISCARD-2", present="")
    other = client_for(getattr(org, who))
    expected = 404 if who == "carol" else 403
    assert other.get(reverse("reports:discard", args=[report.pk])).status_code == expected
    assert other.post(reverse("reports:discard", args=[report.pk])).status_code == expected
    assert Report.objects.get(pk=report.pk).deleted_at is None


def test_a_returned_report_cannot_be_discarded(org):
    """A returned report has been submitted and reviewed: it is resubmitted, or deleted by a force
    administrator, never discarded by its author."""
    alice = client_for(org.alice)
    report = filed(alice, org, "CC-DISCARD-3", present="")
    client_for(org.sergeant).post(reverse("review:decision", args=[report.pk]),
                                  {"decision": "return", "comment": "Add the times", "version": report.version})
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED
    assert "Discard this draft" not in text_of(alice.get(page_url(report, "check")))
    assert alice.post(reverse("reports:discard", args=[report.pk])).status_code == 403
    with pytest.raises(RecordingError, match="submitted, so it cannot be discarded"):
        report_services.discard_draft(report, org.alice)
    assert Report.objects.get(pk=report.pk).deleted_at is None
    submit(alice, report)
    assert StatusChange.objects.filter(report=report).count() == 3


def test_migrated_database_keeps_append_only_triggers_and_accepts_discard_events(tmp_path):
    """Migrate a fresh SQLite database with the triggers on (as `make run` does): 0004 only changes
    the action's choices, so the triggers of 0002 are still there and still refuse changes."""
    database = tmp_path / "migrated.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "UOF_AUDIT_DB_GUARD": "1"}
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0", "--settings=uof.settings"],
                   cwd=ROOT, env=env, check=True, timeout=120)
    connection = sqlite3.connect(database)
    try:
        applied = {name for (name,) in connection.execute("SELECT name FROM django_migrations WHERE app = 'audit'")}
        assert "0004_discard_action" in applied
        triggers = {name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_auditevent'")}
        assert triggers == {"audit_auditevent_no_update", "audit_auditevent_no_delete"}
        connection.execute("INSERT INTO audit_auditevent (at, action, fields, detail) "
                           "VALUES ('2026-12-01 00:00', 'discard', '[]', 'draft discarded by its author')")
        for statement in ("UPDATE audit_auditevent SET detail = 'x'", "DELETE FROM audit_auditevent"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                connection.execute(statement)
    finally:
        connection.close()
    assert settings.UOF_AUDIT_DB_GUARD is False  # the test database itself stays unguarded


def test_a_discarded_draft_does_not_lock_the_incident_for_the_next_officer(org):
    """The incident details a discarded draft entered stay open to the officer who joins it."""
    from uof.reports import selectors as report_selectors

    alice = client_for(org.alice)
    thrown = draft(alice, org, "CC-DISCARD-LOCK", present="")
    report_services.discard_draft(thrown, org.alice)
    bobs = report_services.start_report(org.bob, org.cambs, {"cad_reference": "CC-DISCARD-LOCK"})
    assert bobs.incident_id == thrown.incident_id
    assert not report_selectors.incident_details_locked(Report.objects.get(pk=bobs.pk))
    assert list(report_selectors.incident_reports(bobs.incident)) == [bobs]
    page = client_for(org.bob).get(page_url(bobs, "incident"))
    assert 'name="occurred_time"' in page.content.decode()  # a question, not read-only rows
