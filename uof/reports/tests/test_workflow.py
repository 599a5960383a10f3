"""The review workflow: submit, return with a comment, correct with a reason, resubmit, approve;
changes after submission keep their history; two editors cannot overwrite each other; the queue."""
from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from uof.reports.models import FieldChange, Report, StatusChange
from uof.reports.tests.helpers import (  # noqa: F401  (autouse fixture)
    assert_error_page,
    fast_passwords,
    form_state,
    fresh,
    page_url,
    text_of,
)
from uof.review.tests.helpers import (
    account_of,
    beds_pages,
    client_for,
    decide,
    draft,
    filed,
    post_account,
    submit,
    table_rows,
    version_on,
)

ORIGINAL = "Detained for assault; resisted handcuffing."  # complete_pages' account
COMMENT = "Add the body-worn video times to your account."
STALE = "Someone else changed this report"
NEED_REASON = "Give a reason for the change"


@pytest.fixture
def alice(org):
    return client_for(org.alice)


@pytest.fixture
def sergeant(org):
    return client_for(org.sergeant)


@pytest.fixture
def submitted(org, alice):
    return filed(alice, org)


@pytest.fixture
def returned(org, submitted, sergeant):
    response = decide(sergeant, submitted, "return", COMMENT)
    assert response.status_code == 302 and response["Location"] == reverse("review:queue")
    return fresh(submitted)


@pytest.fixture
def approved(org, alice, sergeant, returned):
    assert post_account(alice, returned, "Corrected account.", reason="Added the video times").status_code == 302
    submit(alice, returned)
    assert decide(sergeant, returned, "approve").status_code == 302
    report = fresh(returned)
    assert report.status == Report.Status.APPROVED
    return report


def statuses(report):
    return list(StatusChange.objects.filter(report=report).values_list("from_status", "to_status", "by__username",
                                                                        "comment"))


# --- submit and return ----------------------------------------------------------------------------

def test_sergeant_returns_a_submitted_report_with_a_comment(org, alice, submitted, returned):
    assert submitted.status == Report.Status.SUBMITTED and returned.status == Report.Status.RETURNED
    assert returned.version == submitted.version + 1
    assert statuses(returned) == [("draft", "submitted", "alice.cambs", ""),
                                  ("submitted", "returned", "sergeant.cambs", COMMENT)]
    for change in StatusChange.objects.filter(report=returned):
        assert abs((timezone.now() - change.at).total_seconds()) < 60
    # the officer sees the comment on their report, which is theirs to change again
    page = alice.get(reverse("reports:view", args=[returned.pk]), follow=True)
    assert COMMENT in text_of(page) and "Returned by Sergeant Test" in text_of(page)


@pytest.mark.parametrize("comment", ["", "   "])
def test_a_return_without_a_comment_is_refused_and_nothing_changes(org, submitted, sergeant, comment):
    response = decide(sergeant, submitted, "return", comment)
    assert_error_page(response, "Say what the officer needs to change")  # the report again, with the error
    after = fresh(submitted)
    assert (after.status, after.version) == (Report.Status.SUBMITTED, submitted.version)
    assert len(statuses(submitted)) == 1


def test_an_unknown_decision_changes_nothing(org, submitted, sergeant):
    response = decide(sergeant, submitted, "publish")
    assert_error_page(response, "Select whether to approve the report or return it to the officer")
    assert fresh(submitted).status == Report.Status.SUBMITTED


def test_the_author_cannot_review_their_own_report(org, submitted, alice):
    assert decide(alice, submitted, "approve").status_code in (403, 404)
    assert fresh(submitted).status == Report.Status.SUBMITTED


# --- the officer changes the returned report ----------------------------------------------------------

def test_a_change_to_a_returned_report_needs_a_reason(org, alice, returned):
    response = post_account(alice, returned, "Corrected account.", version=returned.version)
    body = assert_error_page(response, NEED_REASON)
    assert form_state(response).textareas["account"].strip() == "Corrected account."  # what was typed is kept
    assert "Reason for the change" in body
    assert account_of(returned) == ORIGINAL and fresh(returned).version == returned.version
    assert not FieldChange.objects.filter(report=returned).exists()


def test_a_change_with_a_reason_is_kept_with_old_and_new_values(org, alice, returned):
    response = post_account(alice, returned, "Corrected account.", version=returned.version,
                            reason="Added the video times")
    assert response.status_code == 302
    after = fresh(returned)
    assert after.account == "Corrected account." and after.version == returned.version + 1
    assert list(FieldChange.objects.filter(report=returned).values_list(
        "field", "old_value", "new_value", "by__username", "reason", "version")) == [
        ("account", ORIGINAL, "Corrected account.", "alice.cambs", "Added the video times", after.version)]
    assert after.status == Report.Status.RETURNED


def test_resubmission_then_approval(org, alice, sergeant, submitted, approved):
    assert statuses(approved) == [
        ("draft", "submitted", "alice.cambs", ""), ("submitted", "returned", "sergeant.cambs", COMMENT),
        ("returned", "submitted", "alice.cambs", ""), ("submitted", "approved", "sergeant.cambs", "")]
    assert approved.submitted_at == submitted.submitted_at  # the report keeps its age when resubmitted
    assert approved.account == "Corrected account."


# --- after approval ----------------------------------------------------------------------------------

def test_the_sergeant_corrects_an_approved_report_only_with_a_reason(org, sergeant, approved):
    url = page_url(approved, "account")
    page = sergeant.get(url)
    assert page.status_code == 200 and "Reason for the change" in text_of(page)
    refused = post_account(sergeant, approved, "Sergeant's wording.", version=version_on(page))
    assert_error_page(refused, NEED_REASON)
    assert form_state(refused).textareas["account"].strip() == "Sergeant's wording."
    assert account_of(approved) == "Corrected account."
    changes_before = FieldChange.objects.filter(report=approved).count()

    response = post_account(sergeant, approved, "Sergeant's wording.", version=version_on(page),
                            reason="Typo in the account")
    assert response.status_code == 302 and response["Location"] == reverse("reports:view", args=[approved.pk])
    after = fresh(approved)
    assert after.account == "Sergeant's wording." and after.status == Report.Status.APPROVED
    change = FieldChange.objects.filter(report=approved).latest("pk")
    assert FieldChange.objects.filter(report=approved).count() == changes_before + 1
    assert (change.field, change.old_value, change.new_value, change.by, change.reason) == (
        "account", "Corrected account.", "Sergeant's wording.", org.sergeant, "Typo in the account")


def test_the_author_cannot_edit_an_approved_report(org, alice, approved):
    view = reverse("reports:view", args=[approved.pk])
    for page in ("account", "incident"):
        assert alice.get(page_url(approved, page))["Location"] == view
    response = post_account(alice, approved, "Quietly changed.", version=approved.version, reason="I want to")
    assert response.status_code == 302 and response["Location"] == view
    for page in ("tactics", "subject", "check"):
        assert alice.post(page_url(approved, page), {"action": "continue", "reason": "x"})["Location"] == view
    after = fresh(approved)
    assert (after.account, after.version, after.status) == ("Corrected account.", approved.version, "approved")


# --- optimistic concurrency ---------------------------------------------------------------------------

def two_editors(org, which):
    """Two clients with the same report open; the report is a draft (two tabs of its author) or an
    approved report (the sergeant and the force administrator correcting it)."""
    author = client_for(org.alice)
    report = draft(author, org)
    if which == "draft":
        return report, author, client_for(org.alice), {}
    report = submit(author, report)
    sergeant = client_for(org.sergeant)
    assert decide(sergeant, report, "approve").status_code == 302
    return fresh(report), sergeant, client_for(org.cambs_admin), {"reason": "Correction"}


@pytest.mark.parametrize("which", ["draft", "approved"])
def test_the_second_of_two_concurrent_saves_is_refused_and_keeps_what_was_typed(org, which):
    report, first, second, extra = two_editors(org, which)
    url = page_url(report, "account")
    shown = version_on(first.get(url))
    assert version_on(second.get(url)) == shown == str(report.version)

    assert post_account(first, report, "First editor's account.", version=shown, **extra).status_code == 302
    response = post_account(second, report, "Second editor's account.", version=shown, **extra)
    body = assert_error_page(response, STALE)
    assert form_state(response).textareas["account"].strip() == "Second editor's account."
    assert account_of(report) == "First editor's account."
    # The page now carries the current version: saving again is a deliberate choice, and works.
    assert version_on(response) == str(fresh(report).version) != shown
    assert "Second editor's account." in body
    again = post_account(second, report, "Second editor's account.", version=version_on(response), **extra)
    assert again.status_code == 302 and account_of(report) == "Second editor's account."


def test_a_decision_on_a_stale_page_is_refused(org, alice, sergeant, submitted):
    shown = submitted.version
    other = client_for(org.cambs_admin)
    assert post_account(other, submitted, "Admin correction.", version=shown, reason="Fix").status_code == 302
    response = sergeant.post(reverse("review:decision", args=[submitted.pk]),
                             {"decision": "approve", "version": str(shown)})
    assert STALE in text_of(response)
    assert fresh(submitted).status == Report.Status.SUBMITTED


# --- the review queue ---------------------------------------------------------------------------------

def queue_numbers(response) -> list[int]:
    return [int(row[0].split()[1]) for row in table_rows(response, "queue")]  # "Report 12 Submitted …"


def count(response, name: str) -> int:
    marker = f'id="count-{name}">'
    body = response.content.decode()
    start = body.index(marker) + len(marker)
    return int(body[start:body.index("<", start)])


def test_the_queue_lists_submitted_reports_of_the_sergeants_districts_oldest_first(org, sergeant):
    alice, bob = client_for(org.alice), client_for(org.bob)
    dave = org.officer("dave.cambs", org.cambs, "3456")
    older_draft = draft(alice, org, "CC-1", present="")  # started first, submitted last
    bobs = filed(bob, org, "CC-2", present="")
    alices = submit(alice, older_draft)
    draft(alice, org, "CC-3", present="")  # a draft: not for review
    filed(client_for(dave), org, "CC-4", present="", incident={"district": str(org.cambridge.pk)})
    filed(client_for(org.carol), org, "BD-1", present="", force="bedfordshire", **beds_pages(org))
    returned = filed(client_for(dave), org, "CC-5", present="")
    assert decide(sergeant, returned, "return", COMMENT).status_code == 302

    response = sergeant.get(reverse("review:queue"))
    assert response.status_code == 200
    assert queue_numbers(response) == [bobs.pk, alices.pk]
    assert bobs.submitted_at < alices.submitted_at
    assert ["Peterborough" in row[1] for row in table_rows(response, "queue")] == [True, True]
    assert (count(response, "awaiting"), count(response, "returned")) == (2, 1)


def test_other_forces_supervisors_and_officers_see_none_of_it(org, submitted):
    beds = client_for(org.beds_sergeant)
    assert queue_numbers(beds.get(reverse("review:queue"))) == []
    assert decide(beds, submitted, "approve").status_code == 404
    assert client_for(org.bob).get(reverse("review:queue")).status_code == 403
    assert fresh(submitted).status == Report.Status.SUBMITTED
