"""Tactics in one step: several rows checked together and written all or nothing, in order, each
level of a Taser, baton, spray, AEP, dog or firearm once; then moved or removed; corrected with a reason."""
from __future__ import annotations

import datetime as dt

import pytest

from uof.reports import tactic_services
from uof.reports.errors import RecordingError, StaleVersion
from uof.reports.models import FieldChange, Report
from uof.reports.tactic_services import (
    ONCE_PER_REPORT,
    TacticRow,
    TacticRowsRefused,
    add_tactics,
    check_rows,
    move_tactic,
    remove_tactic,
)
from uof.reports.tactics import TACTICS
from uof.reports.vocabulary import Option, Vocabulary
from uof.testing.fixtures import complete_pages

from .helpers import (
    answer_incident,
    assert_error_page,
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

LIMIT = 20
FOUR = [("ced_drawn", "no"), ("ced_aimed", "no"), ("ced_fired", "yes"), ("handcuffing_non_compliant", "yes")]


@pytest.fixture
def draft(client, org):
    login(client, org.alice)
    report = start_report(client, "CC-TACTICS-1")
    answer_incident(client, report, org)
    return fresh(report)


def rows(*pairs) -> list[TacticRow]:
    return [TacticRow(t, e) for t, e in pairs]


def listed(report: Report) -> list[tuple[int, str, str]]:
    return list(report.tactics.order_by("position").values_list("position", "tactic", "effective"))


def add(report, org, *pairs, limit=LIMIT, **change):
    return add_tactics(report, rows(*pairs), limit, by=org.alice, **change)


# --- the service ---------------------------------------------------------------------------------

def test_several_rows_are_added_in_their_order_and_blank_rows_skipped(org, draft):
    version = draft.version
    add(draft, org, ("tactical_communication", "yes"), ("", ""), *FOUR[:2])
    add(draft, org, ("", ""), *FOUR[2:])
    assert listed(draft) == [(1, "tactical_communication", "yes"), (2, "ced_drawn", "no"), (3, "ced_aimed", "no"),
                             (4, "ced_fired", "yes"), (5, "handcuffing_non_compliant", "yes")]
    assert fresh(draft).version == version + 2  # one change per step, not per tactic


def test_the_levels_that_are_recorded_once():
    parents = {TACTICS.get(c).extra.get("parent") or TACTICS.get(c).extra["group"] for c in ONCE_PER_REPORT}
    assert parents == {"CED", "Baton", "Irritant spray", "AEP", "Dog use", "firearms"}
    assert "handcuffing_compliant" not in ONCE_PER_REPORT and "unarmed_skills" not in ONCE_PER_REPORT


def test_a_level_twice_is_refused_naming_both_rows_and_nothing_is_written(org, draft):
    add(draft, org, ("ced_drawn", "yes"))
    version = fresh(draft).version
    with pytest.raises(TacticRowsRefused) as refused:
        add(draft, org, ("ced_aimed", "yes"), ("baton_drawn", "yes"), ("ced_drawn", "no"), ("baton_drawn", "no"))
    assert [(p.row, p.field, p.message) for p in refused.value.problems] == [
        (2, "tactic", "Tactic 4: Taser (CED) drawn is already tactic 1. Record each level only once"),
        (3, "tactic", "Tactic 5: Baton drawn is already tactic 3. Record each level only once"),
    ]
    assert listed(draft) == [(1, "ced_drawn", "yes")] and fresh(draft).version == version


def test_tactics_without_levels_may_be_listed_again(org, draft):
    add(draft, org, ("unarmed_skills", "no"), ("handcuffing_non_compliant", "no"), ("unarmed_skills", "yes"))
    assert [t for _, t, _ in listed(draft)] == ["unarmed_skills", "handcuffing_non_compliant", "unarmed_skills"]


def test_every_problem_names_its_row_and_one_bad_row_writes_nothing(org, draft):
    bad = rows(("handcuffing_compliant", "yes"), ("", "yes"), ("laser", "no"), ("ced_fired", ""),
               ("", ""), ("baton_used", "maybe"))
    assert [p.message for p in check_rows(draft, bad, LIMIT)] == [
        "Tactic 2: select the tactic you used",
        "Tactic 3: ‘laser’ is not one of the tactics: choose from the list",
        "Tactic 4: select whether Taser (CED) fired was effective",
        "Tactic 6: select whether Baton used was effective",
    ]
    with pytest.raises(TacticRowsRefused):
        add_tactics(draft, bad, LIMIT, by=org.alice)
    assert listed(draft) == []


def test_a_tactic_not_in_use_on_the_day_is_refused(org, draft, monkeypatch):
    retired = Option("sting_stick", "Sting stick", valid_to=dt.date(2020, 3, 31))
    monkeypatch.setattr(tactic_services, "TACTICS", Vocabulary("tactic", "Tactic", TACTICS.options + (retired,)))
    assert [p.message for p in check_rows(draft, rows(("sting_stick", "yes")), LIMIT)] == [
        "Tactic 1: ‘Sting stick’ was not in use on the date of the incident"]


def test_the_most_tactics_a_report_may_list(org, draft):
    add(draft, org, ("handcuffing_compliant", "yes"), ("spit_guard", "yes"), limit=3)
    with pytest.raises(TacticRowsRefused) as refused:
        add(draft, org, ("shield", "yes"), ("ground_restraint", "yes"), limit=3)
    assert [p.message for p in refused.value.problems] == ["Tactic 4: a report can list at most 3 tactics"]
    assert len(listed(draft)) == 2


def test_move_up_and_down_and_remove_keep_the_order_numbered(org, draft):
    add(draft, org, *FOUR)
    move_tactic(draft, 4, -1, by=org.alice)  # handcuffing before the Taser was fired
    move_tactic(draft, 1, +1, by=org.alice)
    assert [t for _, t, _ in listed(draft)] == ["ced_aimed", "ced_drawn", "handcuffing_non_compliant", "ced_fired"]
    version = fresh(draft).version
    move_tactic(draft, 1, -1, by=org.alice)  # already first, and the last cannot go lower: nothing changes
    move_tactic(draft, 4, +1, by=org.alice)
    assert fresh(draft).version == version
    remove_tactic(draft, 2, by=org.alice)
    assert listed(draft) == [(1, "ced_aimed", "no"), (2, "handcuffing_non_compliant", "yes"), (3, "ced_fired", "yes")]


def test_a_stale_page_changes_nothing(org, draft):
    shown = draft.version  # the page was shown, then the tactics were added from another tab
    add(draft, org, *FOUR[:2])
    with pytest.raises(StaleVersion):
        add(draft, org, ("spit_guard", "yes"), version=shown)
    with pytest.raises(StaleVersion):
        move_tactic(draft, 2, -1, by=org.alice, version=shown)
    assert [t for _, t, _ in listed(draft)] == ["ced_drawn", "ced_aimed"]


def test_a_correction_after_submission_needs_a_reason_and_is_kept_in_field_history(client, org, draft):
    walk_all(client, draft, org, skip=("incident",))
    assert client.post(page_url(draft, "check")).status_code == 302
    report = fresh(draft)
    assert report.status == "submitted"
    with pytest.raises(RecordingError, match="Give a reason"):
        add_tactics(report, rows(("spit_guard", "yes")), LIMIT, by=org.sergeant)
    add_tactics(report, rows(("spit_guard", "yes"), ("ced_drawn", "no")), LIMIT, by=org.sergeant,
                reason="Body-worn video shows a spit guard and a Taser drawn")
    move_tactic(report, 3, -1, by=org.sergeant, reason="Taser drawn before the spit guard")
    changes = list(FieldChange.objects.filter(report=report).order_by("version"))
    assert [(c.field, c.by, c.reason) for c in changes] == [
        ("tactics", org.sergeant, "Body-worn video shows a spit guard and a Taser drawn"),
        ("tactics", org.sergeant, "Taser drawn before the spit guard")]
    assert changes[0].old_value == [["handcuffing_compliant", "yes"]]
    assert changes[1].new_value == [["handcuffing_compliant", "yes"], ["ced_drawn", "no"], ["spit_guard", "yes"]]


# --- the page --------------------------------------------------------------------------------------

def test_the_page_offers_empty_rows_and_lists_tactics_as_a_summary_list(client, org, draft):
    state = form_state(client.get(page_url(draft, "tactics")))
    assert state.inputs["rows"] == "4" and "tactic-4" not in state.inputs  # four empty rows to fill in
    assert post_tactics(client, draft, *FOUR[:1], action="draft").status_code == 302
    body = text_of(client.get(page_url(draft, "tactics")))
    assert 'id="tactics-list"' in body and "govuk-summary-list" in body and "<table" not in body
    assert "Tactic 1" in body and "Taser (CED) drawn" in body and "Not effective" in body
    assert 'name="tactic-1"' in body and "<label" in body and "Tactic 2" in body  # new rows follow on


def test_four_tactics_in_one_step_then_the_next_page(client, org, draft):
    response = post_tactics(client, draft, *FOUR)
    assert response.status_code == 302 and response["Location"] == page_url(draft, "injuries")
    assert [(t, e) for _, t, e in listed(draft)] == FOUR


def test_row_errors_name_the_row_and_keep_everything_typed(client, org, draft):
    typed = [("ced_drawn", "no"), ("ced_fired", ""), ("ced_drawn", "yes"), ("", "")]
    response = post_tactics(client, draft, *typed)
    body = assert_error_page(response, "Tactic 2: select whether Taser (CED) fired was effective",
                             "Tactic 3: Taser (CED) drawn is already tactic 1. Record each level only once")
    assert 'href="#effective-2"' in body and 'href="#tactic-3"' in body
    state = form_state(response)
    assert [state.selected.get(f"tactic-{i}") for i in range(1, 4)] == [{"ced_drawn"}, {"ced_fired"}, {"ced_drawn"}]
    assert [state.checked.get(f"effective-{i}") for i in range(1, 4)] == [{"no"}, None, {"yes"}]
    assert listed(draft) == []


def test_add_another_row_and_moving_a_tactic_keep_what_was_typed(client, org, draft):
    assert post_tactics(client, draft, ("unarmed_skills", "yes"), ("spit_guard", "no"), action="draft").status_code == 302
    response = post_tactics(client, draft, ("ced_drawn", "yes"), action="more")
    state = form_state(response)
    assert state.inputs["rows"] == "2" and state.selected["tactic-1"] == {"ced_drawn"}
    assert "Tactic 4" in text_of(response)  # the added row follows the two listed and the one typed
    version = fresh(draft).version
    response = post_tactics(client, draft, ("ced_drawn", "yes"), action="up-2", version=str(version))
    assert response.status_code == 200 and form_state(response).selected["tactic-1"] == {"ced_drawn"}
    assert [t for _, t, _ in listed(draft)] == ["spit_guard", "unarmed_skills"]
    assert form_state(response).inputs["version"] == str(version + 1)  # the page shows the new version
    response = post_tactics(client, draft, action="remove-1", version=str(version + 1))
    assert response["Location"] == page_url(draft, "tactics")
    assert [t for _, t, _ in listed(draft)] == ["unarmed_skills"]


def test_a_supervisor_corrects_the_tactics_with_a_reason(client, org, draft):
    walk_all(client, draft, org, skip=("incident",))
    assert client.post(page_url(draft, "check")).status_code == 302
    login(client, org.sergeant)
    response = post_tactics(client, draft, ("ced_drawn", "no"), ("ced_drawn", "no"))
    assert_error_page(response, "Tactic 3: Taser (CED) drawn is already tactic 2. Record each level only once",
                      "Give a reason for the change: the report has been submitted")
    response = post_tactics(client, draft, ("ced_drawn", "no"), reason="Seen on body-worn video")
    assert response["Location"] == f"/reports/{draft.pk}/"
    assert [t for _, t, _ in listed(draft)] == ["handcuffing_compliant", "ced_drawn"]
    assert FieldChange.objects.get(report=draft, field="tactics").reason == "Seen on body-worn video"


def test_a_taser_by_an_officer_not_taser_trained_is_refused_on_the_page(client, org, draft):
    officer = {**complete_pages(org)["officer"], "ced_trained": "no", "ced_carried": "", "officers_present": ""}
    assert post_page(client, draft, "officer", officer).status_code == 302
    response = post_tactics(client, draft, ("ced_drawn", "yes"), ("handcuffing_compliant", "yes"))
    assert_error_page(response, "Your tactics include a Taser (CED), but you said you are not trained to carry one")
    assert form_state(response).selected["tactic-1"] == {"ced_drawn"} and listed(draft) == []
    assert post_tactics(client, draft, ("ced_drawn", "yes"), action="draft").status_code == 302  # a draft keeps it
    assert [t for _, t, _ in listed(draft)] == ["ced_drawn"]
