"""Reports of one incident join it by reference; each person is a subject; a complete report submits."""
from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from uof.organisations.models import Force
from uof.reports.models import Incident, OfficerPresent, Report
from uof.testing.fixtures import complete_pages
from uof.testing.visible import visible_text

from .helpers import (
    WALK,
    answer_incident,
    assert_error_page,
    checked,
    error_summary,
    fast_passwords,  # noqa: F401  (an autouse fixture: cheap password hashing here)
    form_state,
    fresh,
    login,
    page_url,
    post_page,
    post_tactics,
    start_report,
    text_of,
    walk_all,
)

REF = "CC-20260412-0187"


def as_officer(client, user):
    client.logout()
    login(client, user)


@pytest.fixture
def first(client, org):
    """Alice's report: references, incident and perception answered (so subject 1 is described)."""
    login(client, org.alice)
    report = start_report(client, REF)
    answer_incident(client, report, org)
    assert post_page(client, report, "perception", complete_pages(org)["perception"]).status_code == 302
    return fresh(report)


@pytest.fixture
def second(client, org, first):
    """Bob's report on the same incident (same reference), signed in as Bob."""
    as_officer(client, org.bob)
    return start_report(client, REF)


def choose_subject(client, report, chosen):
    return client.post(page_url(report, "subject"), {"subject": chosen, "action": "continue"})


# --- joining an incident --------------------------------------------------------------------------

def test_second_officer_with_the_same_reference_joins_the_incident(client, org, first, second):
    assert second.incident_id == first.incident_id and Incident.objects.count() == 1
    assert second.officer == org.bob and first.subject.number == 1
    page = client.get(page_url(second, "incident"))
    assert "Other officers have already reported on this incident" in text_of(page)
    assert "Peterborough" in text_of(page)
    # the first officer's incident answers stand: Bob's post is not stored, and he is asked who the person was
    moved = {**complete_pages(org)["incident"], "district": str(org.cambridge.pk)}
    response = post_page(client, second, "incident", moved)
    assert response["Location"] == page_url(second, "subject")
    assert fresh(second).incident.district == org.peterborough


def test_any_reference_of_the_incident_joins_it_but_not_in_another_force(client, org, first):
    Incident.objects.filter(pk=first.incident_id).update(crime_reference="CR-55")
    as_officer(client, org.bob)
    assert start_report(client, "", crime_reference="CR-55").incident_id == first.incident_id
    as_officer(client, org.carol)
    other = start_report(client, REF, force="bedfordshire")
    assert other.incident_id != first.incident_id and other.incident.force == org.beds


def test_a_reference_added_to_an_unshared_draft_is_stored(client, org, first):
    response = post_page(client, first, "references", {"force": "cambridgeshire", "cad_reference": REF,
                                                       "crime_reference": "CR-55"})
    assert response.status_code == 302, error_summary(response)
    assert fresh(first).incident.crime_reference == "CR-55"


def test_subject_page_lists_subject_one_and_offers_someone_else(client, org, first, second):
    body = text_of(client.get(page_url(second, "subject")))
    assert "Subject 1: Male, 18 to 34, White" in body
    assert "Reported by Alice Test (1234)" in body
    assert "Someone else (a person not listed)" in body
    assert 'value="1"' in body and 'value="new"' in body
    assert checked(client.get(page_url(second, "subject")), "subject") == set()  # nothing chosen for Bob yet


def test_choosing_subject_one_prefills_perception(client, org, first, second):
    response = choose_subject(client, second, "1")
    assert response["Location"] == page_url(second, "perception")
    bob = fresh(second)
    assert bob.subject == first.subject
    perception = complete_pages(org)["perception"]
    assert {k: getattr(bob, k) for k in perception} == perception
    page = client.get(page_url(bob, "perception"))
    assert checked(page, "gender") == {"male"} and checked(page, "ethnicity") == {"white"}
    # Bob sees the person differently: his answer is his own, Alice's stays
    assert post_page(client, bob, "perception", {**perception, "age_band": "35-49"}).status_code == 302
    assert (fresh(bob).age_band, fresh(first).age_band) == ("35-49", "18-34")


def test_choosing_someone_else_makes_subject_two_without_prefill(client, org, first, second):
    assert choose_subject(client, second, "new")["Location"] == page_url(second, "perception")
    bob = fresh(second)
    assert bob.subject.number == 2 and bob.subject.incident_id == first.incident_id
    assert (bob.gender, bob.ethnicity) == ("", "")


def test_starting_again_on_an_incident_opens_the_officers_own_draft(client, org, first):
    response = client.post(reverse("reports:new"), {"force": "cambridgeshire", "cad_reference": REF})
    assert response.status_code == 302 and response["Location"] == page_url(first, "check")
    assert Report.objects.count() == 1  # no second draft to clash at the subject page


def test_same_officer_cannot_report_twice_on_the_same_person(client, org, first):
    # once Alice's first report is submitted, a second one on the same incident may start...
    Report.objects.filter(pk=first.pk).update(status=Report.Status.SUBMITTED)
    again = start_report(client, REF)
    assert again.incident_id == first.incident_id and again.pk != first.pk
    # ...the person she reported on is not offered, and she is told where that report is
    page = " ".join(visible_text(client.get(page_url(again, "subject")).content).split())
    assert f"You have already reported on subject 1 of this incident (report {first.pk})" in page
    assert "Subject 1:" not in page and "Someone else (a person not listed)" in page
    # ...and a forged choice of the same person is refused
    response = choose_subject(client, again, "1")
    assert_error_page(response, f"You have already started a report on subject 1 of this incident "
                                f"(report {first.pk}): open it from ‘My reports’ instead")
    assert fresh(again).subject is None
    # a different person in the same incident is fine
    assert choose_subject(client, again, "new").status_code == 302
    assert fresh(again).subject.number == 2


def test_database_refuses_two_reports_by_one_officer_on_one_subject(org, first):
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(officer=org.alice, officer_force=org.cambs, incident=first.incident,
                              subject=first.subject)
    assert Report.objects.filter(subject=first.subject).count() == 1


def test_references_of_two_incidents_are_refused(client, org, first):
    as_officer(client, org.bob)
    other = start_report(client, "", crime_reference="CR-2")
    response = client.post(reverse("reports:new"), {"force": "cambridgeshire", "cad_reference": REF,
                                                     "crime_reference": "CR-2", "action": "continue"})
    assert_error_page(response, "These references belong to two different incidents: "
                                "enter the references of one incident")
    assert Report.objects.count() == 2
    # nor can a draft take a reference another incident holds
    response = post_page(client, other, "references", {"force": "cambridgeshire", "cad_reference": REF,
                                                       "crime_reference": "CR-2"})
    assert_error_page(response, f"{REF} belongs to another incident: start a new report from ‘My reports’")
    assert fresh(other).incident.cad_reference == ""


def test_references_of_a_shared_incident_can_be_added_but_not_changed(client, org, first, second):
    data = {"force": "cambridgeshire", "cad_reference": "CC-OTHER"}
    assert_error_page(post_page(client, second, "references", data),
                      "Other officers have reported on this incident, so its references cannot be changed")
    assert post_page(client, second, "references", {**data, "cad_reference": REF, "custody_reference": "CU-9"}
                     ).status_code == 302
    incident = fresh(first).incident
    assert (incident.cad_reference, incident.custody_reference) == (REF, "CU-9")


def test_moving_a_draft_to_a_force_whose_incident_holds_its_reference(client, org, first):
    as_officer(client, org.carol)
    other = start_report(client, REF, force="bedfordshire")
    response = post_page(client, other, "references", {"force": "cambridgeshire", "cad_reference": REF})
    assert response.status_code in (200, 302)


# --- officers present -----------------------------------------------------------------------------

def name_present(client, org, report, text):
    return post_page(client, report, "officer", {**complete_pages(org)["officer"], "officers_present": text})


def present(report):
    return set(OfficerPresent.objects.filter(named_by=report).values_list("officer__username", flat=True))


def test_collar_numbers_resolve_in_the_incident_force_first(client, org, first, second):
    response = name_present(client, org, second, "1234, bedfordshire:1234")
    assert response.status_code == 302, error_summary(response)
    assert present(second) == {"alice.cambs", "carol.beds"}
    shown = form_state(client.get(page_url(second, "officer"))).textareas["officers_present"].split()
    assert sorted(shown) == ["1234", "bedfordshire:1234"]


def test_collar_number_only_in_a_collaborating_force_is_found(client, org, first):
    org.officer("dave.beds", org.beds, "7777")
    assert name_present(client, org, first, "7777").status_code == 302
    assert present(first) == {"dave.beds"}


@pytest.mark.parametrize("text,message", [
    ("9999", "No officer has collar number 9999 in Cambridgeshire"),
    ("kent:2345", "No officer has collar number 2345 in kent"),
    ("1234", "List the other officers present, not yourself"),
])
def test_unknown_collar_number_gives_a_message(client, org, first, text, message):
    response = name_present(client, org, first, f"2345\n{text}")
    assert_error_page(response, message)
    assert form_state(response).textareas["officers_present"].strip() == f"2345\n{text}"
    assert present(first) == set()


def test_collar_number_in_two_other_forces_must_name_the_force(client, org, first):
    herts = Force.objects.create(slug="hertfordshire", name="Hertfordshire", region="East",
                                 collaboration=org.cambs.collaboration)
    org.officer("erin.beds", org.beds, "5555")
    org.officer("fred.herts", herts, "5555")
    assert_error_page(name_present(client, org, first, "5555"), "Collar number 5555 is used in")
    assert name_present(client, org, first, "hertfordshire:5555").status_code == 302
    assert present(first) == {"fred.herts"}


def test_an_empty_collar_number_names_nobody(client, org, first):
    org.officer("staff.cambs", org.cambs, "")
    response = name_present(client, org, first, ":")
    assert present(first) == set()
    assert_error_page(response)


# --- whose report ---------------------------------------------------------------------------------

@pytest.mark.parametrize("page", ["references", "incident", "perception", "subject", "tactics", "check"])
def test_an_officer_cannot_open_another_officers_report(client, org, first, page):
    """Same force: 403 (the officer's role does not reach it). Another force: 404 (not revealed)."""
    for officer, status in ((org.bob, 403), (org.carol, 404)):
        as_officer(client, officer)
        assert client.get(page_url(first, page)).status_code == status
        assert post_page(client, first, page, complete_pages(org).get(page, {})).status_code == status
        assert client.get(reverse("reports:view", args=[first.pk])).status_code == status
    assert fresh(first).version == first.version


# --- the whole form, check and submit -------------------------------------------------------------

def test_full_walk_then_submit(client, org):
    login(client, org.alice)
    report = start_report(client, REF)
    pages = complete_pages(org)
    expected_next = WALK[1:] + ["check"]
    for page, following in zip(WALK, expected_next):
        if page == "tactics":  # two tactics in one step
            response = post_tactics(client, report, ("ced_drawn", "yes"), ("ced_fired", "yes"))
        else:
            response = post_page(client, report, page, pages.get(page, {}))
        assert response.status_code == 302, (page, error_summary(response))
        assert response["Location"] == page_url(report, following), page
    report = fresh(report)
    assert report.subject.number == 1 and list(report.tactics.values_list("tactic", flat=True)) == [
        "ced_drawn", "ced_fired"]
    check = client.get(page_url(report, "check"))
    assert "You need to answer some questions" not in text_of(check)
    assert "Thorpe Wood custody" in text_of(check) and "Taser (CED) fired (effective)" in text_of(check)
    response = client.post(page_url(report, "check"))
    assert response["Location"] == reverse("reports:view", args=[report.pk])
    report = fresh(report)
    assert report.status == "submitted" and report.submitted_at is not None
    view = text_of(client.get(response["Location"]))
    assert f"Report {report.pk} submitted" in view and "Awaiting review" in view


def test_check_page_refuses_an_incomplete_report(client, org, first):
    walk_all(client, first, org, skip=("incident", "perception", "injuries"))
    response = client.get(page_url(first, "check"))
    assert "You need to answer some questions before you can submit" in text_of(response)
    assert "Select yes if you were injured as a result of the incident" in text_of(response)
    response = client.post(page_url(first, "check"))
    assert response.status_code == 200
    assert "The report is not complete yet: answer the questions marked on this page" in text_of(response)
    assert fresh(first).status == "draft" and fresh(first).submitted_at is None


@pytest.mark.parametrize("page", ["references", "incident", "perception", "subject", "tactics", "check"])
def test_submitted_report_pages_redirect_to_the_read_only_view(client, org, first, page):
    walk_all(client, first, org, skip=("incident", "perception"))
    assert client.post(page_url(first, "check")).status_code == 302
    view = reverse("reports:view", args=[first.pk])
    assert client.get(page_url(first, page))["Location"] == view
    version = fresh(first).version
    assert client.post(page_url(first, page), {**complete_pages(org).get(page, {}), "gender": "female",
                                               "action": "continue"})["Location"] == view
    assert fresh(first).version == version and fresh(first).gender == "male"


def test_a_colleague_joining_early_completes_the_incident_before_submitting(client, org):
    login(client, org.alice)
    alices = start_report(client, REF)  # Alice stops after the references
    as_officer(client, org.bob)
    report = start_report(client, REF)
    assert choose_subject(client, report, "new").status_code == 302
    walk_all(client, report, org, skip=("incident",), officer={"officers_present": "1234"})
    response = client.post(page_url(report, "check"))
    assert response.status_code == 200 and "Enter the time force was first used" in text_of(response)
    assert fresh(report).status == "draft"
    # the incident is not complete, so Bob can answer it; then it is fixed for Alice too
    answer_incident(client, report, org)
    assert client.post(page_url(report, "check"))["Location"] == reverse("reports:view", args=[report.pk])
    assert fresh(report).status == "submitted" and fresh(report).incident.district == org.peterborough
    as_officer(client, org.alice)
    assert "Other officers have already reported" in text_of(client.get(page_url(alices, "incident")))
