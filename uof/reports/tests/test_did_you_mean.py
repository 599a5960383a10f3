"""A reference close to one already recorded in the force is offered ("did you mean") instead of
silently starting a new incident; the force's example is the hint and its format is queried."""
from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from uof.reports.models import Incident, Report

from .helpers import (
    answer_incident,
    assert_error_page,
    error_summary,
    fast_passwords,  # noqa: F401  (autouse: cheap password hashing)
    form_state,
    login,
    page_url,
    text_of,
)

REF = "CC1-261130-900001"
NEW = reverse("reports:new")


@pytest.fixture
def recorded(client, org):
    """Alice's report on CC1-261130-900001 in Peterborough; Bob is signed in afterwards."""
    login(client, org.alice)
    response = client.post(NEW, {"force": "cambridgeshire", "cad_reference": REF})
    assert response.status_code == 302, error_summary(response)
    report = Report.objects.get()
    answer_incident(client, report, org)
    client.logout()
    login(client, org.bob)
    return report


def typed(client, reference: str, force: str = "cambridgeshire", **extra):
    return client.post(NEW, {"force": force, "cad_reference": reference, **extra})


@pytest.mark.parametrize("near", [
    "CC1-261130-90001",     # a digit left out
    "CC1-261130-900002",    # a digit mistyped
    "CC1-261130-9000001",   # a digit typed twice
    "CC1-261130-900010",    # two digits swapped
    "CC1261130900001",      # the hyphens left out
    "CC1/261130/900001",    # other punctuation
])
def test_a_close_reference_is_offered_and_no_incident_starts(client, org, recorded, near):
    response = typed(client, near)
    assert response.status_code == 200, response.get("Location")
    body = text_of(response)
    assert "Did you mean an incident already recorded?" in body
    assert f"Yes, join incident {REF}" in body and "No, this is a new incident" in body
    assert Report.objects.count() == 1 and Incident.objects.count() == 1
    state = form_state(response)
    assert state.inputs["cad_reference"] == near  # carried on as typed (already in its normal form)
    assert state.inputs["force"] == "cambridgeshire" and state.inputs["confirming"] == "1"


def test_yes_joins_the_incident_offered(client, org, recorded):
    response = typed(client, "CC1-261130-90001", confirming="1", join=f"cad_reference:{REF}")
    assert response.status_code == 302, error_summary(response)
    report = Report.objects.latest("pk")
    assert report.officer == org.bob and report.incident_id == recorded.incident_id
    assert Incident.objects.count() == 1


def test_no_starts_a_new_incident_with_the_reference_typed(client, org, recorded):
    response = typed(client, "CC1-261130-90001", confirming="1", join="new")
    assert response.status_code == 302, error_summary(response)
    report = Report.objects.latest("pk")
    assert report.incident_id != recorded.incident_id
    assert report.incident.cad_reference == "CC1-261130-90001"


def test_no_answer_is_an_error_on_the_same_question(client, org, recorded):
    body = assert_error_page(typed(client, "CC1-261130-90001", confirming="1"),
                             "Select whether to join the incident already recorded or start a new incident")
    assert 'href="#join"' in body and f"Yes, join incident {REF}" in body
    assert Report.objects.count() == 1


def test_an_answer_that_was_not_offered_is_refused(client, org, recorded):
    Incident.objects.create(force=org.cambs, cad_reference="CC9-999999-999999", created_by=org.alice)
    response = typed(client, "CC1-261130-90001", confirming="1", join="cad_reference:CC9-999999-999999")
    assert response.status_code == 200 and "There is a problem" in text_of(response)
    assert Report.objects.count() == 1


def test_only_the_reference_is_shown_never_other_details_of_the_incident(client, org, recorded):
    body = text_of(typed(client, "CC1-261130-90001"))
    assert REF in body
    for detail in ("Peterborough", "Alice", "1234", "22:15"):
        assert detail not in body.split("</header>", 1)[-1], detail


def test_incidents_of_another_force_are_never_offered(client, org, recorded):
    # Bob chooses Bedfordshire (mutual aid): the Cambridgeshire incident is not his to be offered.
    response = typed(client, "CC1-261130-90001", force="bedfordshire")
    assert response.status_code == 302
    assert REF not in text_of(client.get(response["Location"]))
    assert Report.objects.latest("pk").incident.force == org.beds


@pytest.mark.parametrize("far", ["CC1-261130-900123", "CC1-261131-900011", "CR-55", "CC2-261130-900001X"])
def test_a_reference_two_edits_away_starts_a_new_incident(client, org, recorded, far):
    response = typed(client, far)
    assert response.status_code == 302, text_of(response)[:200]
    assert Incident.objects.count() == 2


def test_short_references_are_offered_only_when_their_letters_and_digits_agree(client, org, recorded):
    Incident.objects.filter(pk=recorded.incident_id).update(crime_reference="CR-55")
    assert typed(client, "", crime_reference="CR-56").status_code == 302  # not offered: too short to guess
    assert "Yes, join incident CR-55" in text_of(typed(client, "", crime_reference="CR55"))


def test_other_kinds_of_reference_are_offered_too(client, org, recorded):
    Incident.objects.filter(pk=recorded.incident_id).update(custody_reference="CU-0001234/26")
    body = text_of(typed(client, "", custody_reference="CU-0001243/26"))
    assert "Yes, join incident CU-0001234/26" in body and "Custody record number" in body


# --- the force's format --------------------------------------------------------------------------

@pytest.fixture
def formatted(org):
    org.cambs.cad_reference_example = "CC1-260412-000187"
    org.cambs.cad_reference_pattern = r"CC\d+-\d{6}-\d{6}"
    org.cambs.save()
    return org


def test_the_hint_is_the_officers_force_example(client, formatted):
    login(client, formatted.alice)
    body = text_of(client.get(NEW))
    assert "For example, CC1-260412-000187" in body and "CC-20260412-0187" not in body
    login(client, formatted.carol)  # Bedfordshire has no example configured
    body = text_of(client.get(NEW))
    assert "For example, CC1-260412-000187" not in body and "As it appears on the incident log" in body


def test_the_hint_on_a_drafts_references_page_is_its_forces_example(client, formatted):
    login(client, formatted.alice)
    typed(client, "CC1-261130-900001")
    report = Report.objects.get()
    assert "For example, CC1-260412-000187" in text_of(client.get(page_url(report, "references")))


def test_a_number_in_another_format_is_queried_not_refused(client, formatted):
    login(client, formatted.alice)
    body = text_of(typed(client, "1234/30NOV26"))
    assert "Check the incident log number" in body
    assert ("Cambridgeshire incident log numbers look like CC1-260412-000187. "
            "Check the number you entered before you continue.") in body
    assert not Report.objects.exists()
    response = typed(client, "1234/30NOV26", confirming="1", join="new")
    assert response.status_code == 302 and Incident.objects.get().cad_reference == "1234/30NOV26"


def test_a_number_in_the_format_is_not_queried(client, formatted):
    login(client, formatted.alice)
    assert typed(client, "cc1 261130 900001").status_code == 302


def test_a_broken_pattern_never_stops_an_officer(client, formatted):
    formatted.cambs.cad_reference_pattern = "CC(["
    formatted.cambs.save()
    login(client, formatted.alice)
    assert typed(client, "anything").status_code == 302


# --- the closeness rule itself ---------------------------------------------------------------------

@given(st.text(alphabet="AC0129", min_size=6, max_size=14), st.data())
def test_every_reference_one_edit_away_is_offered_and_a_far_one_never(typed_text, data):
    from uof.reports.references import closest

    s = typed_text
    i = data.draw(st.integers(0, len(s)))
    ch = data.draw(st.sampled_from("AC0129"))
    other = data.draw(st.sampled_from([s[:i] + s[i + 1:], s[:i] + ch + s[i:], s[:i] + ch + s[i + 1:],
                                       s[:i] + s[i + 1:i + 2] + s[i:i + 1] + s[i + 2:]]))
    punctuated = "-".join([other[:3], other[3:]])  # stored with a hyphen: punctuation never matters
    assert closest(s, ["ZZZZZZZZZZZZ", punctuated, s + "AA0", s]) == [punctuated]


@pytest.mark.parametrize("a, b, close", [
    ("ABCDEF", "ABCDEF", True), ("ABCDEF", "ABCDEG", True), ("ABCDEF", "ABDCEF", True),
    ("ABCDEF", "ABCEF", True), ("ABCDEF", "ABCDEFG", True), ("ABCDEF", "ABCFED", False),
    ("ABCDEF", "ABCDGH", False), ("ABCDEF", "ABC", False), ("", "A", True), ("AB", "BA", True),
])
def test_within_one_edit(a, b, close):
    from uof.reports.references import within_one_edit

    assert within_one_edit(a, b) is close and within_one_edit(b, a) is close
