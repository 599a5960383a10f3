"""Each question page refuses missing, unknown and out-of-date answers clearly, keeps what was typed,
and stores nothing invalid."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from uof.reports.fieldset import FIELDS_BY_NAME, fields_on
from uof.reports.models import Incident, Report, TacticUse
from uof.reports.selectors import value_of
from uof.testing.fixtures import complete_pages

from .helpers import (
    answer_incident,
    assert_error_page,
    date_parts,
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
)

QUESTION_PAGES = ["incident", "perception", "location", "officer", "conduct", "injuries", "threats", "outcome",
                  "account"]


@pytest.fixture
def draft(client, org):
    """Alice's draft with only its references answered."""
    login(client, org.alice)
    return start_report(client)


@pytest.fixture
def dated(client, org, draft):
    """Alice's draft with the incident page answered (a recent date, Peterborough)."""
    answer_incident(client, draft, org)
    return draft


def assert_kept(response, page: str, data: dict, skip=()) -> None:
    """Every answer posted on `page` (except `skip`) is shown again in the re-rendered form."""
    state = form_state(response)
    for spec in fields_on(page):
        if spec.name in skip:
            continue
        if spec.kind.macro == "date":
            for part in ("day", "month", "year"):
                key = f"{spec.name}-{part}"
                if key in data:
                    assert state.inputs.get(key) == data[key], key
            continue
        if spec.name not in data:
            continue
        value, name = data[spec.name], spec.name
        if spec.kind.macro == "radios":
            assert state.checked.get(name) == {value}, name
        elif spec.kind.macro == "checkboxes":
            assert state.checked.get(name) == set(value), name
        elif spec.kind.macro == "select":
            assert state.selected.get(name) == {value}, name
        elif spec.kind.macro == "textarea":
            assert state.textareas.get(name, "").strip() == value.strip(), name
        else:
            assert state.inputs.get(name) == value, name


def stored(report: Report, name: str):
    return value_of(fresh(report), FIELDS_BY_NAME[name])


def without(data: dict, *names: str) -> dict:
    return {k: v for k, v in data.items() if k not in names and not any(k.startswith(f"{n}-") for n in names)}


# --- a missing answer on every page ------------------------------------------------------------------

MISSING = [
    ("incident", "occurred_date", "Enter the date of the incident"),
    ("incident", "occurred_time", "Enter the time force was first used"),
    ("incident", "district", "Select the district where it happened"),
    ("perception", "ethnicity", "Select which ethnic group the person seemed to belong to"),
    ("perception", "mental_condition", "Select yes if you perceived the person to have a mental health"),
    ("location", "location_types", "Select where you used force"),
    ("location", "custody_suite", "Select the custody suite"),
    ("officer", "main_duty", "Select your main duty at the time"),
    ("officer", "ced_carried", "Select yes if you were carrying a Taser"),
    ("conduct", "reasons", "Select why you used force"),
    ("conduct", "primary_conduct", "Select the person's main conduct"),
    ("injuries", "officer_injury_level", "Select how serious your injury was"),
    ("injuries", "subject_injured", "Select whether the person was injured as a result of your use"),
    ("threats", "public_order", "Select yes if this was a public order deployment"),
    ("outcome", "outcomes", "Select at least one outcome"),
    ("account", "account", "Enter your account of what happened and why you used force"),
]


@pytest.mark.parametrize("page,name,message", MISSING, ids=[f"{p}-{n}" for p, n, _ in MISSING])
def test_missing_answer_is_asked_for_and_the_rest_is_kept(client, org, draft, page, name, message):
    if page != "incident":
        answer_incident(client, draft, org)
    data = without(complete_pages(org)[page], name)
    response = post_page(client, draft, page, data)
    body = assert_error_page(response, message)
    anchor = f"{name}-day" if name == "occurred_date" else name
    assert f'href="#{anchor}"' in body  # the summary links to the question
    assert_kept(response, page, data, skip=[name])
    assert not stored(draft, name)


@pytest.mark.parametrize("page", QUESTION_PAGES + ["subject", "tactics"])
def test_an_empty_post_re_renders_every_page_with_errors(client, org, draft, page):
    response = post_page(client, draft, page, {})
    assert_error_page(response)
    assert fresh(draft).is_draft


def test_new_report_without_force_or_references(client, org):
    login(client, org.alice)
    response = client.post(reverse("reports:new"), {"force": "", "crime_reference": "", "action": "continue"})
    assert_error_page(response, "Select the force area where it happened")
    response = client.post(reverse("reports:new"), {"force": "cambridgeshire", "custody_reference": " ",
                                                      "action": "continue"})
    assert_error_page(response, "Enter at least one reference: an incident log, custody record or crime number")
    assert form_state(response).selected["force"] == {"cambridgeshire"}
    assert not Report.objects.exists() and not Incident.objects.exists()


def test_new_report_with_unknown_force_keeps_the_references(client, org):
    login(client, org.alice)
    data = {"force": "atlantis", "cad_reference": "CC-9", "crime_reference": "CR-7", "action": "continue"}
    response = client.post(reverse("reports:new"), data)
    assert_error_page(response, "Choose the force area from the list")
    assert_kept(response, "references", data, skip=["force"])
    assert not Incident.objects.exists()


def test_new_report_with_too_long_a_reference(client, org):
    login(client, org.alice)
    data = {"force": "cambridgeshire", "cad_reference": "C" * 41, "crime_reference": "CR-7"}
    response = client.post(reverse("reports:new"), data)
    assert_error_page(response, "Command and control (incident log) number must be 40 characters or fewer")
    assert not Incident.objects.exists()


def test_references_page_refuses_removing_every_reference(client, org, draft):
    response = post_page(client, draft, "references", {"force": "cambridgeshire", "cad_reference": ""})
    assert_error_page(response, "Enter at least one reference")
    assert fresh(draft).incident.cad_reference == "CC-20260412-0187"


# --- unknown option codes ------------------------------------------------------------------------

UNKNOWN = [
    ("perception", "ethnicity", "purple",
     "‘purple’ is not one of the answers to ‘What ethnic group did the person seem to belong to’"),
    ("perception", "gender", "robot", "‘robot’ is not one of the answers to ‘What gender did the person seem"),
    ("location", "location_types", ["street", "moon"], "‘moon’ is not one of the answers to ‘Where did you"),
    ("location", "custody_suite", "abc", "Choose a custody suite from the list"),
    ("officer", "main_duty", "sleeping", "‘sleeping’ is not one of the answers to ‘What was your main duty"),
    ("officer", "single_crewed", "maybe", "‘maybe’ is not one of the answers to ‘Were you single crewed’"),
    ("conduct", "primary_conduct", "laser", "‘laser’ is not one of the answers to ‘What was the person's main"),
    ("conduct", "reasons", ["laser"], "‘laser’ is not one of the answers to ‘Why did you use force’"),
    ("conduct", "impact_factors", ["unicorn"], "‘unicorn’ is not one of the answers to ‘Which impact factors"),
    ("injuries", "subject_injured", "perhaps", "‘perhaps’ is not one of the answers to ‘Was the person injured"),
    ("injuries", "officer_injury_level", "fatal", "‘fatal’ is not one of the answers to ‘How serious was your"),
    ("threats", "spat_at", "sometimes", "‘sometimes’ is not one of the answers to ‘Were you spat at’"),
    ("outcome", "outcomes", ["jail"], "‘jail’ is not one of the answers to ‘What was the outcome’"),
    ("incident", "district", "abc", "Choose a district from the list"),
    ("incident", "district", "999999", "Choose a district from the list"),
    ("account", "account", "x" * 20001, "Your account must be 20,000 characters or fewer"),
    ("officer", "bwv_references", "B" * 61, "Each entry must be 60 characters or fewer"),
]


@pytest.mark.parametrize("page,name,bad,message", UNKNOWN, ids=[f"{p}-{n}" for p, n, *_ in UNKNOWN])
def test_unknown_answer_is_refused_and_not_stored(client, org, draft, page, name, bad, message):
    if page != "incident":
        answer_incident(client, draft, org)
    data = {**complete_pages(org)[page], name: bad}
    response = post_page(client, draft, page, data)
    assert_error_page(response, message)
    assert_kept(response, page, data, skip=[name])
    assert not stored(draft, name)
    # a draft save must not lose what was typed either: the page comes back with the message
    response = post_page(client, draft, page, data, action="draft")
    assert_error_page(response, message)


@pytest.mark.parametrize("page,name", [("incident", "district"), ("location", "custody_suite"),
                                       ("subject", "subject")])
def test_unicode_digit_place_or_subject_is_refused_not_a_crash(client, org, dated, page, name):
    data = {**complete_pages(org).get(page, {}), name: "²"}
    response = post_page(client, dated, page, data)
    assert_error_page(response)


# --- dates and times -----------------------------------------------------------------------------

DATES = [
    ({"occurred_date-day": "31", "occurred_date-month": "2", "occurred_date-year": "2026"},
     "Date of the incident must be a real date"),
    ({"occurred_date-day": "12", "occurred_date-month": "5", "occurred_date-year": ""},
     "Date of the incident must include a year"),
    ({"occurred_date-day": "", "occurred_date-month": "", "occurred_date-year": "2025"},
     "Date of the incident must include a day and month"),
    ({"occurred_date-day": "x", "occurred_date-month": "5", "occurred_date-year": "2025"},
     "Date of the incident must be a real date"),
    (date_parts(dt.date(2017, 3, 31)), "Date of the incident must be on or after 1 April 2017"),
]


@pytest.mark.parametrize("parts,message", DATES, ids=["impossible", "no-year", "no-day-month", "letters", "early"])
def test_bad_dates_are_refused(client, org, draft, parts, message):
    data = {**complete_pages(org)["incident"], **parts}
    response = post_page(client, draft, "incident", data)
    assert_error_page(response, message)
    assert_kept(response, "incident", data)
    incident = fresh(draft).incident
    assert incident.occurred_date is None
    assert incident.occurred_time.strftime("%H:%M") == "22:15"  # the valid answers on the page are saved


def test_a_date_in_the_future_is_refused(client, org, draft):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = post_page(client, draft, "incident", {**complete_pages(org)["incident"], **date_parts(tomorrow)})
    assert_error_page(response, "Date of the incident must be today or in the past")
    assert fresh(draft).incident.occurred_date is None


def test_a_time_later_today_is_refused(client, org, draft):
    later = timezone.localtime() + dt.timedelta(minutes=30)
    if later.date() != timezone.localdate():
        later = timezone.localtime()  # just before midnight: a minute from now is tomorrow
    data = {**complete_pages(org)["incident"], **date_parts(timezone.localdate()),
            "occurred_time": (later + dt.timedelta(minutes=1)).strftime("%H:%M") if later.date() == timezone.localdate()
            else "23:59"}
    response = post_page(client, draft, "incident", data)
    if data["occurred_time"] > timezone.localtime().strftime("%H:%M"):
        assert_error_page(response, "Time force was first used must be in the past")
        assert fresh(draft).incident.occurred_time is None
    else:  # the clock passed midnight mid-test; the answer is then legitimately in the past
        assert response.status_code == 302


@pytest.mark.parametrize("typed,message", [
    ("25:99", "Time force was first used must be in the 24-hour clock, like 14:30"),
    ("24:00", "Time force was first used must be in the 24-hour clock"),
    ("half past", "Time force was first used must be in the 24-hour clock")])
def test_impossible_times_are_refused(client, org, draft, typed, message):
    data = {**complete_pages(org)["incident"], "occurred_time": typed}
    response = post_page(client, draft, "incident", data)
    assert_error_page(response, message)
    assert form_state(response).inputs["occurred_time"] == typed
    assert fresh(draft).incident.occurred_time is None


def test_a_short_time_is_stored_in_full(client, org, draft):
    answer_incident(client, draft, org, occurred_time="9.05")
    assert fresh(draft).incident.occurred_time == dt.time(9, 5)


# --- places of another force and retired options ----------------------------------------------------

def test_custody_suite_of_another_force_is_refused_naming_both_forces(client, org, dated):
    data = {"location_types": ["custody_block"], "custody_suite": str(org.luton_custody.pk)}
    response = post_page(client, dated, "location", data)
    assert_error_page(response, "Luton custody is a custody suite of Bedfordshire, not Cambridgeshire: "
                                "choose a custody suite of Cambridgeshire")
    assert stored(dated, "custody_suite") is None


def test_district_of_another_force_is_refused(client, org, draft):
    data = {**complete_pages(org)["incident"], "district": str(org.luton.pk)}
    response = post_page(client, draft, "incident", data)
    assert_error_page(response, "Luton is a district of Bedfordshire, not Cambridgeshire: "
                                "choose a district of Cambridgeshire")
    assert fresh(draft).incident.district is None


def test_retired_district_is_refused_for_a_recent_incident_and_not_offered(client, org, draft):
    data = {**complete_pages(org)["incident"], "district": str(org.closed.pk)}
    response = post_page(client, draft, "incident", data)
    assert_error_page(response, "Old Area was not in use on the date of the incident")
    assert f'value="{org.closed.pk}"' not in text_of(response)
    assert fresh(draft).incident.district is None


def test_retired_district_is_accepted_for_an_incident_while_it_was_open(client, org, draft):
    answer_incident(client, draft, org, day=dt.date(2018, 6, 1))
    answer_incident(client, draft, org, day=dt.date(2018, 6, 1), district=str(org.closed.pk))
    assert fresh(draft).incident.district == org.closed


def test_retired_district_and_its_date_accepted_in_one_post(client, org, draft):
    data = {**complete_pages(org, dt.date(2018, 6, 1))["incident"], "district": str(org.closed.pk)}
    response = post_page(client, draft, "incident", data)
    assert response.status_code == 302, error_summary(response)


@pytest.mark.parametrize("day,retired,current", [
    (dt.date(2024, 5, 1), "effect_search", "effect_stop_search"),
    (dt.date(2023, 6, 1), "effect_stop_search", "effect_search"),
])
def test_reason_renamed_by_the_home_office_follows_the_incident_date(client, org, draft, day, retired, current):
    answer_incident(client, draft, org, day=day)
    page = client.get(page_url(draft, "conduct"))
    assert f'value="{current}"' in text_of(page) and f'value="{retired}"' not in text_of(page)
    data = {**complete_pages(org)["conduct"], "reasons": ["protect_self", retired]}
    response = post_page(client, draft, "conduct", data)
    label = FIELDS_BY_NAME["reasons"].vocabulary.get(retired).label
    assert_error_page(response, f"‘{label}’ was not in use on {day.day} {day:%B %Y}: choose from the current list")
    assert stored(draft, "reasons") == []
    response = post_page(client, draft, "conduct", {**data, "reasons": ["protect_self", current]})
    assert response.status_code == 302, error_summary(response)
    assert stored(draft, "reasons") == ["protect_self", current]


def test_outcome_not_yet_in_use_is_refused(client, org, draft):
    answer_incident(client, draft, org, day=dt.date(2022, 7, 1))
    response = post_page(client, draft, "outcome", {"outcomes": ["arrested", "no_further_action"]})
    assert_error_page(response, "‘No further action’ was not in use on 1 July 2022")
    assert stored(draft, "outcomes") == []


# --- answers asked only if another answer applies ---------------------------------------------------

def test_injury_level_cleared_when_officer_not_injured(client, org, dated):
    injuries = complete_pages(org)["injuries"]
    assert post_page(client, dated, "injuries", injuries).status_code == 302
    assert (stored(dated, "officer_injury_level"), stored(dated, "officer_medical")) == ("minor", "no")
    response = post_page(client, dated, "injuries", {**injuries, "officer_injured": "no",
                                                    "officer_injury_level": "severe"})
    assert response.status_code == 302, error_summary(response)
    report = fresh(dated)
    assert (report.officer_injured, report.officer_injury_level, report.officer_medical) == ("no", "", "")


def test_taser_carried_and_custody_suite_cleared_when_not_applicable(client, org, dated):
    officer = {**complete_pages(org)["officer"], "ced_trained": "no", "ced_carried": "yes"}
    assert post_page(client, dated, "officer", officer).status_code == 302
    location = {"location_types": ["street"], "custody_suite": str(org.thorpe.pk)}
    assert post_page(client, dated, "location", location).status_code == 302
    report = fresh(dated)
    assert (report.ced_trained, report.ced_carried, report.custody_suite) == ("no", "", None)


# --- tactics and the person -------------------------------------------------------------------------

@pytest.mark.parametrize("tactic,effective,message", [
    ("laser", "yes", "Tactic 1: ‘laser’ is not one of the tactics: choose from the list"),
    ("", "yes", "Tactic 1: select the tactic you used"),
    ("baton_drawn", "", "Tactic 1: select whether Baton drawn was effective"),
    ("baton_drawn", "sometimes", "Tactic 1: select whether Baton drawn was effective"),
])
def test_bad_tactic_is_refused_and_not_stored(client, org, dated, tactic, effective, message):
    response = post_tactics(client, dated, (tactic, effective))
    assert_error_page(response, message)
    state = form_state(response)
    if tactic:  # what was chosen stays chosen, even a code that is not on the list
        assert state.selected.get("tactic-1") == {tactic}
    if effective == "yes":
        assert state.checked.get("effective-1") == {"yes"}
    assert not TacticUse.objects.exists()


def test_tactics_page_needs_a_use_of_force(client, org, dated):
    response = post_page(client, dated, "tactics", {})
    assert_error_page(response, "Add at least one tactic: tactical communication on its own is not a use of force")
    response = post_tactics(client, dated, ("tactical_communication", "yes"))
    assert_error_page(response, "Add at least one tactic")
    response = post_tactics(client, dated, ("handcuffing_compliant", "no"))
    assert response["Location"] == page_url(dated, "injuries")
    assert list(dated.tactics.values_list("position", "tactic", "effective")) == [
        (1, "tactical_communication", "yes"), (2, "handcuffing_compliant", "no")]


@pytest.mark.parametrize("chosen,message", [("", "Select the person you used force on"),
                                            ("7", "Select one of the people listed, or ‘Someone else’")])
def test_subject_page_refuses_no_choice_or_an_unknown_person(client, org, dated, chosen, message):
    response = client.post(page_url(dated, "subject"), {"subject": chosen, "action": "continue"})
    assert_error_page(response, message)


# --- saving a draft -------------------------------------------------------------------------------

def test_save_draft_with_unanswered_questions_stores_the_answered_ones(client, org, dated):
    response = post_page(client, dated, "perception", {"gender": "female", "age_band": "35-49"}, action="draft")
    assert response.status_code == 302 and response["Location"] == reverse("reports:mine")
    report = fresh(dated)
    assert (report.gender, report.age_band, report.ethnicity) == ("female", "35-49", "")
    mine = client.get(reverse("reports:mine"))
    assert f"Draft saved. You can carry on with report {report.pk}" in text_of(mine)
    state = form_state(client.get(page_url(report, "perception")))
    assert state.checked.get("gender") == {"female"} and not state.checked.get("ethnicity")


def test_continue_with_unanswered_questions_stays_on_the_page_but_keeps_the_answers(client, org, dated):
    response = post_page(client, dated, "threats", {"spat_at": "yes"})
    assert_error_page(response, "Select yes if you were threatened with a weapon")
    assert fresh(dated).spat_at == "yes"
