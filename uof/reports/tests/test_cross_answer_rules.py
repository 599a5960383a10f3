"""Answers that contradict each other (rules.py): errors stop the page and the submission,
warnings ask "are you sure?" once and the confirmation is kept for the supervisor."""
from __future__ import annotations

import pytest
from django.urls import reverse

from uof.reports import rules
from uof.reports.models import Report, TacticUse
from uof.testing.fixtures import complete_pages
from uof.testing.visible import visible_text

from .helpers import (
    WALK,
    assert_error_page,
    error_summary,
    fast_passwords,  # noqa: F401  (an autouse fixture: cheap password hashing here)
    fresh,
    login,
    page_url,
    post_page,
    start_report,
    text_of,
)

pytestmark = pytest.mark.django_db

CONFIRM = "I have checked this answer and it is correct"


@pytest.fixture
def draft(client, org):
    """Alice's draft with every page answered validly (tactics: compliant handcuffing)."""
    login(client, org.alice)
    report = start_report(client)
    pages = complete_pages(org)
    for page in WALK:
        if page == "tactics":
            TacticUse.objects.create(report=report, position=1, tactic="handcuffing_compliant", effective="yes")
            continue
        response = post_page(client, report, page, pages[page])
        assert response.status_code == 302, (page, error_summary(response))
    return report


def with_tactics(report: Report, *codes: str) -> None:
    for i, code in enumerate(codes, start=len(report.tactics.all()) + 1):
        TacticUse.objects.create(report=report, position=i, tactic=code, effective="yes")


def page_data(org, page: str, **changes) -> dict:
    return {**complete_pages(org)[page], **changes}


# --- the declarations -----------------------------------------------------------------------------

def test_rules_are_declared_as_data_with_fields_pages_and_a_severity():
    assert len({r.key for r in rules.RULES}) == len(rules.RULES)
    for rule in rules.RULES:
        assert rule.severity in (rules.ERROR, rules.WARNING)
        assert rule.page in rule.pages, rule.key  # it is listed where it can be fixed
        assert rule.message[0].isupper() and not rule.message.endswith("."), rule.key


@pytest.mark.parametrize("code", sorted(rules.CED_CODES))
def test_every_taser_level_counts_as_carrying_one(code):
    broken = {p.key for p in rules.check({"ced_trained": "no", "tactics": ["handcuffing_compliant", code]})}
    assert broken == {"ced_used_not_trained"}
    assert not rules.check({"ced_trained": "yes", "ced_carried": "yes", "tactics": [code]})
    assert {p.key for p in rules.check({"ced_trained": "yes", "ced_carried": "no", "tactics": [code]})} == {
        "ced_used_not_carried"}


# --- errors: Taser ------------------------------------------------------------------------------

def test_taser_used_by_an_officer_not_taser_trained_is_refused_on_the_officer_page(client, org, draft):
    with_tactics(draft, "ced_drawn", "ced_fired")
    response = post_page(client, draft, "officer", page_data(org, "officer", ced_trained="no"))
    body = assert_error_page(response, "Your tactics include a Taser (CED), but you said you are not trained")
    assert 'href="#ced_trained"' in body
    assert fresh(draft).ced_trained == "yes"  # the contradicting answer is not stored
    # a draft save keeps what was typed; the check page then refuses to submit
    assert post_page(client, draft, "officer", page_data(org, "officer", ced_trained="no"),
                     action="draft").status_code == 302
    assert fresh(draft).ced_trained == "no"
    check = client.get(page_url(draft, "check"))
    assert "Your tactics include a Taser (CED), but you said you are not trained" in text_of(check)
    assert 'href="#section-officer"' in text_of(check)
    response = client.post(page_url(draft, "check"), {"version": fresh(draft).version})
    assert response.status_code == 200 and fresh(draft).status == Report.Status.DRAFT


def test_taser_used_by_an_officer_not_carrying_one_is_refused(client, org, draft):
    with_tactics(draft, "ced_drive_stun")
    response = post_page(client, draft, "officer", page_data(org, "officer", ced_carried="no"))
    body = assert_error_page(response, "but you said you were not carrying one")
    assert 'href="#ced_carried"' in body
    assert fresh(draft).ced_carried == "yes"
    assert post_page(client, draft, "officer", page_data(org, "officer")).status_code == 302


def test_taser_rule_is_offered_to_the_tactics_page(org, draft):
    with_tactics(draft, "ced_aimed")
    draft.ced_trained = "no"
    draft.save(update_fields=["ced_trained"])
    found = rules.problems(fresh(draft), page="tactics")
    assert [(p.key, p.is_error, p.field_on("tactics")) for p in found] == [("ced_used_not_trained", True, "tactics")]
    # the tactics page can judge tactics it is about to save
    assert rules.problems(fresh(draft), page="tactics", answers={"tactics": ["handcuffing_compliant"]}) == []


def test_the_tactics_page_shows_a_stored_contradiction_before_anything_is_posted(client, org, draft):
    with_tactics(draft, "ced_drawn")
    draft.ced_trained = "no"  # as a draft saved with both answers leaves it
    draft.save(update_fields=["ced_trained"])
    text = visible_text(client.get(page_url(draft, "tactics")).content)
    assert "Your tactics include a Taser (CED), but you said you are not trained" in text
    assert "There is a problem" not in text  # nothing was posted: a notice, not an error summary
    draft.ced_trained = "yes"
    draft.save(update_fields=["ced_trained"])
    assert "Your tactics include a Taser" not in visible_text(client.get(page_url(draft, "tactics")).content)


def test_check_your_answers_heading_names_both_kinds_of_problem(client, org, draft):
    post_page(client, draft, "outcome", {"outcomes": ["fatality", "made_off"]}, action="draft")
    draft.officer_injured = ""  # and one question left unanswered
    draft.save(update_fields=["officer_injured"])
    check = text_of(client.get(page_url(draft, "check")))
    assert "You need to answer or change some questions before you can submit" in check
    assert "cannot be both ‘Fatality’ and ‘Made off or escaped’" in check


# --- errors: a death ------------------------------------------------------------------------------

def test_fatality_and_made_off_together_are_refused(client, org, draft):
    response = post_page(client, draft, "outcome", {"outcomes": ["fatality", "made_off"]})
    body = assert_error_page(response, "The outcome cannot be both ‘Fatality’ and ‘Made off or escaped’")
    assert 'href="#outcomes"' in body
    assert fresh(draft).outcomes == ["arrested"]


def test_a_fatal_injury_needs_the_fatality_outcome(client, org, draft):
    injuries = page_data(org, "injuries", subject_injured="yes", subject_injury_level="death",
                         subject_medical_provided="yes")
    body = assert_error_page(post_page(client, draft, "injuries", injuries), "select ‘Fatality’ as an outcome")
    assert 'href="#subject_injury_level"' in body
    assert fresh(draft).subject_injury_level == ""
    response = post_page(client, draft, "outcome", {"outcomes": ["arrested", "fatality"]})
    assert response.status_code == 302, error_summary(response)
    assert post_page(client, draft, "injuries", injuries).status_code == 302
    assert fresh(draft).subject_injury_level == "death"


def test_a_supervisors_correction_cannot_store_a_contradiction(client, org, draft):
    assert client.post(page_url(draft, "check"), {"version": fresh(draft).version}).status_code == 302
    login(client, org.sergeant)
    response = post_page(client, draft, "outcome", {"outcomes": ["fatality", "made_off"], "reason": "Typo",
                                                    "version": fresh(draft).version})
    assert_error_page(response, "The outcome cannot be both")
    assert fresh(draft).outcomes == ["arrested"]


# --- warnings: are you sure? ------------------------------------------------------------------------

DIED_UNAIDED = {"subject_injured": "yes", "subject_injury_level": "death", "subject_medical_provided": "no"}


def test_a_death_without_medical_assistance_is_confirmed_once_and_shown_to_the_supervisor(client, org, draft):
    response = post_page(client, draft, "outcome", {"outcomes": ["fatality", "arrested"]})
    assert response.status_code == 200 and CONFIRM in text_of(response)  # asked on the outcome page too
    injuries = page_data(org, "injuries", **DIED_UNAIDED)
    response = post_page(client, draft, "injuries", injuries)
    assert response.status_code == 200
    body = text_of(response)
    assert "You said the person died, but that no medical assistance was provided to them" in body
    assert CONFIRM in body and "govuk-warning-text" in body and "There is a problem" not in body
    assert fresh(draft).subject_injury_level == "death"  # the answers themselves are saved
    assert fresh(draft).confirmed_rules == []
    # continuing again without the tick is an error on the tick box
    response = post_page(client, draft, "injuries", {**injuries, "warned": "died_without_medical"})
    body = assert_error_page(response, "Confirm that this answer is correct, or change it")
    assert 'href="#confirm-died_without_medical"' in body
    # ticked: stored, and not asked again
    response = post_page(client, draft, "injuries", {**injuries, "warned": "died_without_medical",
                                                     "confirm": "died_without_medical"})
    assert response.status_code == 302 and response["Location"] == page_url(draft, "threats")
    assert fresh(draft).confirmed_rules == ["died_without_medical"]
    assert post_page(client, draft, "injuries", injuries).status_code == 302
    assert CONFIRM not in text_of(client.get(page_url(draft, "injuries")))
    # the outcome page concerns the same rule: confirmed there too
    assert post_page(client, draft, "outcome", {"outcomes": ["fatality"]}).status_code == 302
    check = text_of(client.get(page_url(draft, "check")))
    assert "Checked and confirmed as correct" in check
    assert client.post(page_url(draft, "check"), {"version": fresh(draft).version}).status_code == 302
    login(client, org.sergeant)
    view = text_of(client.get(reverse("reports:view", args=[draft.pk])))
    assert "Checked and confirmed as correct" in view
    assert "You said the person died, but that no medical assistance was provided to them" in view


def test_a_confirmation_lapses_when_the_answers_change(client, org, draft):
    post_page(client, draft, "outcome", {"outcomes": ["fatality"]})
    injuries = page_data(org, "injuries", **DIED_UNAIDED)
    post_page(client, draft, "injuries", {**injuries, "confirm": "died_without_medical"})
    assert fresh(draft).confirmed_rules == ["died_without_medical"]
    assert post_page(client, draft, "injuries", {**injuries, "subject_medical_provided": "yes"}).status_code == 302
    assert fresh(draft).confirmed_rules == []
    response = post_page(client, draft, "injuries", injuries)
    assert response.status_code == 200 and CONFIRM in text_of(response)  # asked again


def test_an_unconfirmed_warning_saved_as_a_draft_blocks_submission(client, org, draft):
    response = post_page(client, draft, "outcome", {"outcomes": ["arrested", "detained_mha"]}, action="draft")
    assert response.status_code == 302
    perception = page_data(org, "perception", mental_condition="no")
    assert post_page(client, draft, "perception", perception, action="draft").status_code == 302
    check = client.get(page_url(draft, "check"))
    message = "You said the person was detained under the Mental Health Act"
    assert message in text_of(check) and "change your answer or confirm it" in text_of(check)
    # every question is answered: the heading says what is left, not "you need to answer"
    assert "Some of your answers contradict each other" in text_of(check)
    assert "You need to answer" not in text_of(check)
    assert client.post(page_url(draft, "check"), {"version": fresh(draft).version}).status_code == 200
    # the warning is asked on the page the check page links to, before it is answered again
    assert CONFIRM in text_of(client.get(page_url(draft, "outcome")))
    response = post_page(client, draft, "outcome", {"outcomes": ["arrested", "detained_mha"],
                                                    "confirm": "mental_health_act_without_condition"})
    assert response.status_code == 302
    assert client.post(page_url(draft, "check"), {"version": fresh(draft).version}).status_code == 302


@pytest.mark.parametrize("page,answers,key", [
    ("outcome", {"outcomes": ["arrested", "hospitalised"]}, "hospitalised_without_medical"),
    ("threats", {"assaulted_with_weapon": "yes"}, "weapon_assault_not_assaulted"),
    ("injuries", {"subject_injured": "yes", "subject_injury_level": "severe", "subject_medical_offered": "no"},
     "severe_injury_without_medical"),
])
def test_other_warnings_ask_on_their_page(client, org, draft, page, answers, key):
    draft.officer_assaulted = "no"
    draft.save(update_fields=["officer_assaulted"])
    response = post_page(client, draft, page, page_data(org, page, **answers) if page != "outcome" else answers)
    assert response.status_code == 200 and CONFIRM in text_of(response)
    assert rules.RULES_BY_KEY[key].message in text_of(response)


def test_a_child_under_ten_arrested_is_a_warning_on_both_pages(client, org, draft):
    response = post_page(client, draft, "perception", page_data(org, "perception", age_band="0-10"))
    assert response.status_code == 200 and "children under 10 cannot be arrested" in text_of(response)
    assert fresh(draft).age_band == "0-10"
    response = post_page(client, draft, "outcome", {"outcomes": ["arrested"]})
    assert response.status_code == 200 and "children under 10 cannot be arrested" in text_of(response)
