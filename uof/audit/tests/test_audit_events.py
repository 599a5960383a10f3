"""What the audit log records: one VIEW event per view of private fields, CHANGE events naming fields
(never values), STATUS and DELETE events; and the audit log page for professional standards."""
from __future__ import annotations

import json

import pytest
from django.db import connection
from django.urls import reverse

from uof.audit.models import AuditEvent
from uof.reports.access import PRIVATE_FIELDS
from uof.reports.selectors import record_data
from uof.reports.tests.helpers import (
    fast_passwords,  # noqa: F401  (autouse: cheap password hashing)
    fresh,
    page_url,
    post_page,
    text_of,
)
from uof.review.tests.helpers import (
    beds_pages,
    client_for,
    decide,
    draft,
    filed,
    post_account,
    table_rows,
)

SECRET = "Xylophone-7741 restrained the subject near the bandstand"  # a value that must never reach the log


@pytest.fixture
def alice(org):
    return client_for(org.alice)


def new_events(since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=since).order_by("pk"))


def last_pk() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def one_event(client, method: str, url: str, data=None, expect: int = 200) -> AuditEvent:
    """Make one request and return the single audit event it wrote."""
    since = last_pk()
    response = getattr(client, method)(url, data or {})
    assert response.status_code == expect, response.status_code
    events = new_events(since)
    assert len(events) == 1, [(e.action, e.fields, e.detail) for e in events]
    return events[0]


def whole_audit_table() -> str:
    """Every column of every audit row, read with raw SQL: the text a leak would show up in."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {AuditEvent._meta.db_table}")
        return json.dumps(cursor.fetchall(), default=str, ensure_ascii=False)


# --- one VIEW event per view of private fields --------------------------------------------------------

def test_the_author_viewing_a_submitted_report_writes_one_view_event(org, alice):
    report = filed(alice, org)
    event = one_event(alice, "get", reverse("reports:view", args=[report.pk]))
    assert (event.action, event.user, event.report_id, event.force_id) == ("view", org.alice, report.pk, org.cambs.pk)
    assert event.fields == sorted(PRIVATE_FIELDS)
    assert {"account", "officers_present", "bwv_references", "cad_reference"} <= set(event.fields)


def test_the_check_page_of_a_draft_writes_one_view_event(org, alice):
    report = draft(alice, org)
    event = one_event(alice, "get", page_url(report, "check"))
    assert (event.action, event.user, event.report_id) == ("view", org.alice, report.pk)
    assert event.fields == sorted(PRIVATE_FIELDS)


def test_the_account_page_writes_one_view_event_naming_the_account(org, alice):
    report = draft(alice, org)
    event = one_event(alice, "get", page_url(report, "account"))
    assert (event.action, event.fields, event.report_id) == ("view", ["account"], report.pk)


def test_a_page_without_private_fields_writes_no_event(org, alice):
    report = draft(alice, org)
    since = last_pk()
    assert alice.get(page_url(report, "perception")).status_code == 200
    assert new_events(since) == []


def test_the_history_page_writes_one_view_event(org, alice):
    report = filed(alice, org)
    sergeant = client_for(org.sergeant)
    event = one_event(sergeant, "get", reverse("review:history", args=[report.pk]))
    assert (event.action, event.user, event.report_id) == ("view", org.sergeant, report.pk)
    assert event.fields  # currently the pseudo-field "history"; see the test below


def test_the_history_view_event_names_the_private_fields_whose_values_it_shows(org, alice):
    report = filed(alice, org)
    sergeant = client_for(org.sergeant)
    assert post_account(sergeant, report, SECRET, version=report.version, reason="Clarified").status_code == 302
    since = last_pk()
    assert SECRET in text_of(sergeant.get(reverse("review:history", args=[report.pk])))
    [event] = new_events(since)
    assert "account" in event.fields


def test_a_supervisor_viewing_the_report_is_recorded_against_them(org, alice):
    report = filed(alice, org)
    event = one_event(client_for(org.sergeant), "get", reverse("reports:view", args=[report.pk]))
    assert (event.user, event.fields) == (org.sergeant, sorted(PRIVATE_FIELDS))


# --- CHANGE events: field names, never values ---------------------------------------------------------

def test_a_draft_change_names_the_field_and_not_its_value(org, alice):
    report = draft(alice, org)
    event = one_event(alice, "post", page_url(report, "account"), {"account": SECRET, "action": "continue"},
                      expect=302)
    assert (event.action, event.fields, event.user) == ("change", ["account"], org.alice)
    assert fresh(report).account == SECRET
    assert SECRET not in whole_audit_table() and "Xylophone" not in whole_audit_table()


def test_a_correction_names_the_fields_and_the_values_stay_in_the_history(org, alice):
    report = filed(alice, org)
    event = one_event(client_for(org.sergeant), "post", page_url(report, "account"),
                      {"account": SECRET, "reason": "Clarified", "version": str(report.version)}, expect=302)
    assert (event.action, event.fields, event.user) == ("change", ["account"], org.sergeant)
    assert report.field_changes.get().new_value == SECRET
    assert "Xylophone" not in whole_audit_table()


def test_a_page_of_several_answers_names_only_the_changed_ones(org, alice):
    report = draft(alice, org)
    since = last_pk()
    # The draft's own answers with two changed (spat_at and threatened_with_weapon in the fixture
    # draft are yes and no): any other question of the page keeps its answer.
    response = post_page(alice, report, "threats", {**record_data(report, "threats").dict(), "spat_at": "no",
                                                    "threatened_with_weapon": "yes"})
    assert response.status_code == 302
    [event] = new_events(since)
    assert event.fields == ["spat_at", "threatened_with_weapon"]


def test_saving_unchanged_answers_writes_no_change_event(org, alice):
    report = draft(alice, org)
    since = last_pk()
    post_account(alice, report, fresh(report).account)
    assert [e.action for e in new_events(since)] == []


# --- STATUS and DELETE events ---------------------------------------------------------------------------

def test_each_status_change_writes_one_status_event(org, alice):
    report = draft(alice, org)
    sergeant = client_for(org.sergeant)
    def submit():
        return alice.post(page_url(report, "check"), {"version": str(fresh(report).version)})

    steps = [(submit, org.alice, "draft → submitted"),
             (lambda: decide(sergeant, report, "return", "Add times"), org.sergeant, "submitted → returned"),
             (submit, org.alice, "returned → submitted"),
             (lambda: decide(sergeant, report, "approve"), org.sergeant, "submitted → approved")]
    for act, user, detail in steps:
        since = last_pk()
        assert act().status_code == 302
        [event] = new_events(since)
        assert (event.action, event.user, event.fields, event.detail, event.report_id) == (
            "status", user, ["status"], detail, report.pk)


def test_soft_delete_writes_a_delete_event(org, alice):
    report = filed(alice, org)
    event = one_event(client_for(org.cambs_admin), "post", reverse("review:delete", args=[report.pk]),
                      {"reason": "Duplicate of another report"}, expect=302)
    assert (event.action, event.user, event.report_id, event.fields) == ("delete", org.cambs_admin, report.pk,
                                                                          ["deleted_at"])
    assert "Duplicate" not in event.detail


# --- the audit log page ----------------------------------------------------------------------------------

@pytest.fixture
def two_forces(org, alice):
    """Events in both forces: Alice's and Bob's reports in Cambridgeshire, Carol's in Bedfordshire."""
    mine = filed(alice, org, present="")
    bobs = filed(client_for(org.bob), org, "CC-2", present="")
    carols = filed(client_for(org.carol), org, "BD-1", present="", force="bedfordshire", **beds_pages(org))
    return mine, bobs, carols


def log_rows(client, **query):
    response = client.get(reverse("audit:log"), query)
    assert response.status_code == 200
    return table_rows(response, "audit")


def test_standards_see_their_forces_events_only(org, two_forces):
    mine, bobs, carols = two_forces
    rows = log_rows(client_for(org.standards))
    cambs_events = AuditEvent.objects.filter(force_id=org.cambs.pk).count()
    assert len(rows) == cambs_events > 0
    assert {row[3] for row in rows} == {str(mine.pk), str(bobs.pk)}
    assert not any("carol" in row[1] for row in rows)
    assert AuditEvent.objects.filter(force_id=org.beds.pk).exists()


def test_the_log_filters_by_username_and_by_report(org, two_forces):
    mine, bobs, _ = two_forces
    standards = client_for(org.standards)
    by_bob = log_rows(standards, user="BOB.cambs")
    assert by_bob and {row[1] for row in by_bob} == {"bob.cambs"}
    assert len(by_bob) == AuditEvent.objects.filter(user=org.bob).count()
    by_report = log_rows(standards, report=str(mine.pk))
    assert by_report and {row[3] for row in by_report} == {str(mine.pk)}
    assert len(by_report) == AuditEvent.objects.filter(report_id=mine.pk).count()
    assert log_rows(standards, user="alice.cambs", report=str(bobs.pk)) == [["No events."]]


def test_another_forces_report_number_shows_nothing(org, two_forces):
    _, _, carols = two_forces
    assert log_rows(client_for(org.standards), report=str(carols.pk)) == [["No events."]]


def test_the_log_lists_the_questions_changed_not_their_values(org, alice):
    report = draft(alice, org)
    post_account(alice, report, SECRET)
    rows = log_rows(client_for(org.standards), report=str(report.pk))
    fields = " ".join(row[4] for row in rows)
    assert "Describe what happened and why you used force" in fields  # the question, as officers read it
    assert "cad_reference" not in fields and "account" not in fields.split(", ")  # never internal names
    assert "Xylophone" not in " ".join(" ".join(row) for row in rows)


@pytest.mark.parametrize("who", ["alice", "sergeant", "cambs_admin", "analyst"])
def test_others_may_not_read_the_audit_log(org, who):
    assert client_for(getattr(org, who)).get(reverse("audit:log")).status_code == 403


def test_signed_out_users_are_sent_to_sign_in(client, org):
    response = client.get(reverse("audit:log"))
    assert response.status_code == 302 and reverse("login") in response["Location"]
