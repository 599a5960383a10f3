"""The sergeant's work: the queue's filters and pages, the returned reports as a list, the other
reports on an incident, a refused return shown where the page lands, field history in words,
and each role's landing page after sign-in."""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from uof.accounts.models import User
from uof.reports import services as report_services
from uof.reports import workflow
from uof.reports.models import FieldChange, Incident, Report
from uof.reports.tests.helpers import (
    fast_passwords,  # noqa: F401  (autouse: cheap password hashing)
    form_state,
    fresh,
    post_page,
    text_of,
)
from uof.testing.fixtures import PASSWORD

from .helpers import client_for, decide, filed, table_rows

_refs = itertools.count(1)
LOCATION_LABEL = "Where did you use force?"


def submitted_report(org, officer, district=None, days_ago: float = 0, status: str = "submitted") -> Report:
    """A report submitted `days_ago` days ago by `officer` in `district` (Peterborough), then taken to
    `status` by the sergeant. Its answers do not matter to the queue, so they are not filled in."""
    district = district or org.peterborough
    report = report_services.start_report(officer, district.force, {"cad_reference": f"CC-Q-{next(_refs)}"})
    Incident.objects.filter(pk=report.incident_id).update(district=district, occurred_date=timezone.localdate())
    workflow.transition(report, "submit", officer)
    Report.objects.filter(pk=report.pk).update(submitted_at=timezone.now() - dt.timedelta(days=days_ago))
    if status in ("returned", "approved"):
        workflow.transition(report, "return" if status == "returned" else "approve", org.sergeant,
                            comment="Add the times")
    return Report.objects.get(pk=report.pk)


def numbers(response, table: str = "queue") -> list[int]:
    return [int(row[0].split()[1]) for row in table_rows(response, table)]


@pytest.fixture
def sergeant(org):
    return client_for(org.sergeant)


# --- the queue ----------------------------------------------------------------------------------

def test_the_queue_pages_instead_of_stopping_at_200(org, sergeant):
    reports = [submitted_report(org, org.bob, days_ago=60 - i) for i in range(27)]
    first = sergeant.get(reverse("review:queue"))
    assert numbers(first) == [r.pk for r in reports[:25]]
    assert 'class="govuk-pagination' in first.content.decode()
    second = sergeant.get(reverse("review:queue"), {"page": "2"})
    assert numbers(second) == [r.pk for r in reports[25:]]
    assert "27 reports" in text_of(second)


def test_the_queue_filters_by_district_status_age_and_officer(org, sergeant):
    from uof.access.models import RoleAssignment

    RoleAssignment.objects.get(user=org.sergeant).districts.add(org.cambridge)
    dave = org.officer("dave.cambs", org.cambs, "3456")
    old_bob = submitted_report(org, org.bob, days_ago=10)
    new_bob = submitted_report(org, org.bob, days_ago=0.1)
    cambridge = submitted_report(org, dave, district=org.cambridge, days_ago=5)
    returned = submitted_report(org, dave, days_ago=8, status="returned")
    approved = submitted_report(org, org.bob, days_ago=9, status="approved")

    def listed(**query) -> list[int]:
        response = sergeant.get(reverse("review:queue"), query)
        assert response.status_code == 200
        return numbers(response)

    assert listed() == [old_bob.pk, cambridge.pk, new_bob.pk]  # awaiting review, oldest first
    assert listed(district=str(org.cambridge.pk)) == [cambridge.pk]
    assert listed(district=str(org.luton.pk)) == [old_bob.pk, cambridge.pk, new_bob.pk]  # not theirs: ignored
    assert listed(status="returned") == [returned.pk]
    assert listed(status="approved") == [approved.pk]
    assert listed(status="any") == [old_bob.pk, approved.pk, returned.pk, cambridge.pk, new_bob.pk]
    assert listed(age="3") == [old_bob.pk, cambridge.pk]
    assert listed(age="7") == [old_bob.pk]
    assert listed(officer="dave") == [cambridge.pk]
    assert listed(officer="2345") == [old_bob.pk, new_bob.pk]  # collar number
    assert listed(officer="Dave Test", status="any") == [returned.pk, cambridge.pk]
    page = sergeant.get(reverse("review:queue"), {"district": str(org.cambridge.pk), "officer": "dave"})
    state = form_state(page)
    assert state.selected["district"] == {str(org.cambridge.pk)} and state.inputs["officer"] == "dave"


def test_filters_are_kept_in_the_page_links(org, sergeant):
    for i in range(26):
        submitted_report(org, org.bob, days_ago=30 - i)
    body = sergeant.get(reverse("review:queue"), {"officer": "bob", "age": "1"}).content.decode()
    assert 'href="/review/?age=1&amp;officer=bob&amp;page=2"' in body


def test_returned_reports_waiting_for_the_officer_are_listed_with_links(org, sergeant):
    returned = submitted_report(org, org.bob, status="returned")
    other_district = submitted_report(org, org.bob, district=org.cambridge)
    workflow.transition(other_district, "return", _cambridge_sergeant(org), comment="Not Peterborough's")
    response = sergeant.get(reverse("review:queue"))
    rows = table_rows(response, "returned-reports")
    assert [int(row[0].split()[1]) for row in rows] == [returned.pk]
    assert rows[0][1].startswith(str(org.bob))
    assert f'href="{reverse("reports:view", args=[returned.pk])}"' in response.content.decode()
    assert 'id="count-returned">1<' in response.content.decode()


def _cambridge_sergeant(org) -> User:
    from uof.access.models import Role, RoleAssignment

    user = org.officer("sergeant.cambridge", org.cambs, "")
    RoleAssignment.objects.create(user=user, role=Role.SUPERVISOR, force=org.cambs).districts.set([org.cambridge])
    return user


# --- the report view: other reports on the incident ------------------------------------------------

def test_the_report_shows_the_other_reports_on_its_incident_with_links_only_where_allowed(org, sergeant):
    alices = filed(client_for(org.alice), org, "CC-OTHERS-1", present="2345")
    bob = client_for(org.bob)
    bobs = filed(bob, org, "CC-OTHERS-1", present="")
    dave = org.officer("dave.cambs", org.cambs, "3456")
    daves = report_services.start_report(dave, org.cambs, {"cad_reference": "CC-OTHERS-1"})  # a draft

    body = text_of(sergeant.get(reverse("reports:view", args=[alices.pk])))
    assert "Other reports on this incident" in body
    others = body[body.index('id="others"'):]
    assert str(org.bob) in others and str(dave) in others
    assert f'href="{reverse("reports:view", args=[bobs.pk])}"' in others  # the sergeant may view it
    assert f'href="{reverse("reports:view", args=[daves.pk])}"' not in others  # a draft: its author's only
    assert "Draft" in others

    # Bob reads his own report: Alice's is listed, but he may not open it
    own = text_of(bob.get(reverse("reports:view", args=[bobs.pk])))
    others = own[own.index('id="others"'):]
    assert str(org.alice) in others and f'href="{reverse("reports:view", args=[alices.pk])}"' not in others


# --- a refused return ------------------------------------------------------------------------------

def test_a_return_without_a_comment_is_shown_beside_the_decision_form(org, sergeant):
    report = filed(client_for(org.alice), org, "CC-RETURN-1", present="")
    response = decide(sergeant, report, "return", "   ")
    assert response.status_code == 200  # the report again, not a redirect away from the form
    body = text_of(response)
    summary = body[body.index("govuk-error-summary"):]
    assert 'href="#comment"' in summary and "Say what the officer needs to change" in summary
    form = body[body.index('id="review-decision"'):]
    assert 'id="comment-error"' in form and "Say what the officer needs to change" in form
    assert form_state(response).checked["decision"] == {"return"}
    assert "<title>Error: " in body
    assert fresh(report).status == Report.Status.SUBMITTED


def test_a_refused_return_keeps_what_the_sergeant_typed(org, sergeant):
    report = filed(client_for(org.alice), org, "CC-RETURN-2", present="")
    stale = report.version
    post_page(client_for(org.cambs_admin), report, "account", {"account": "Corrected.", "reason": "Typo", "version": stale})
    response = sergeant.post(reverse("review:decision", args=[report.pk]),
                             {"decision": "return", "comment": "Add the second camera", "version": str(stale)})
    assert response.status_code == 200
    assert "Someone else changed this report" in text_of(response)
    assert form_state(response).textareas["comment"].strip() == "Add the second camera"
    assert form_state(response).inputs["version"] == str(fresh(report).version)  # saving again is deliberate
    assert fresh(report).status == Report.Status.SUBMITTED


def test_no_decision_chosen_is_an_error_on_the_radios(org, sergeant):
    report = filed(client_for(org.alice), org, "CC-RETURN-3", present="")
    body = text_of(sergeant.post(reverse("review:decision", args=[report.pk]), {"version": str(report.version)}))
    assert 'href="#decision"' in body and 'id="decision-error"' in body
    assert "Select whether to approve the report or return it to the officer" in body


# --- field history in words -------------------------------------------------------------------------

def test_field_history_shows_labels_not_stored_values(org):
    report = filed(client_for(org.alice), org, "CC-HISTORY-1", present="")
    admin = client_for(org.cambs_admin)
    other_suite = org.thorpe.__class__.objects.create(force=org.cambs, district=org.cambridge,
                                                      code="parkside", name="Parkside custody")
    changes = {"location": {"location_types": ["street", "custody_block", "dwelling"],
                            "custody_suite": str(other_suite.pk)},
               "perception": {"age_band": "35-49", "gender": "male", "ethnicity": "white",
                              "physical_condition": "no", "mental_condition": "yes"}}
    for page, answers in changes.items():
        response = post_page(admin, fresh(report), page, {**answers, "reason": "Checked the video",
                                                           "version": str(fresh(report).version)})
        assert response.status_code == 302, response.content.decode()[:2000]
    assert FieldChange.objects.filter(report=report).count() == 3
    response = client_for(org.standards).get(reverse("review:history", args=[report.pk]))
    rows = [" | ".join(row) for row in table_rows(response, "changes")]
    suite = next(text for text in rows if "Which custody suite?" in text)
    assert "Thorpe Wood custody | Parkside custody" in suite and "{" not in suite and '"id"' not in suite
    age = next(text for text in rows if "How old did the person seem?" in text)
    assert "18 to 34 | 35 to 49" in age
    places = next(text for text in rows if LOCATION_LABEL in text)
    assert "Dwelling" in places and "[" not in places and "dwelling" not in places
    assert 'class="uof-scroll"' in response.content.decode()


# --- each role's landing page -------------------------------------------------------------------------

@pytest.mark.parametrize("who, lands", [
    ("alice", "reports:mine"), ("sergeant", "review:queue"), ("analyst", "stats:index"),
    ("standards", "audit:log"), ("cambs_admin", "review:compliance"), ("root", "admin:index")])
def test_each_role_lands_on_its_own_work_page_after_signing_in(org, who, lands):
    user = User.objects.create_superuser("root", password=PASSWORD) if who == "root" else getattr(org, who)
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(lands)
    assert response.status_code == 200


def test_a_safe_next_wins_and_an_unsafe_one_is_ignored(org):
    client = Client()
    response = client.post(reverse("login") + "?next=/review/missing/",
                           {"username": org.sergeant.username, "password": PASSWORD})
    assert response["Location"] == "/review/missing/"
    client = Client()
    response = client.post(reverse("login") + "?next=https://example.org/",
                           {"username": org.sergeant.username, "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("review:queue")
    assert client.get(reverse("landing") + "?next=//example.org/")["Location"] == reverse("review:queue")
    assert client.get(reverse("landing") + "?next=/reports/")["Location"] == "/reports/"
