"""Error messages are written for each question, GOV.UK style, and declared with it; the page
intro stays visible when a page comes back with errors."""
from __future__ import annotations

from dataclasses import replace

import pytest
from django.urls import reverse

from uof.reports.fieldset import FIELDS, PAGE_INTROS
from uof.reports.forms import page_form
from uof.testing.fixtures import complete_pages

from .helpers import (
    assert_error_page,
    fast_passwords,  # noqa: F401  (an autouse fixture: cheap password hashing here)
    fresh,
    login,
    post_page,
    start_report,
    text_of,
)

TEMPLATE_LIKE = ("Select an answer for", "Enter:", "Answer ‘")


@pytest.mark.parametrize("field", [f for f in FIELDS if f.required], ids=lambda f: f.name)
def test_every_required_question_declares_its_own_message(field):
    assert field.error, f"{field.name}: declare error=… with the question"
    assert not field.error.startswith(TEMPLATE_LIKE), field.error
    assert field.error[0].isupper() and not field.error.endswith((".", "?")), field.error
    assert field.label.rstrip("?") not in field.error, f"{field.name}: say what to do, do not repeat the question"


def test_messages_are_not_shared_between_questions():
    messages = [f.error for f in FIELDS if f.error]
    assert len(messages) == len(set(messages))


@pytest.fixture
def draft(client, org):
    login(client, org.alice)
    return start_report(client)


@pytest.mark.django_db
def test_an_unanswered_question_reads_as_written_for_it(client, org, draft):
    response = post_page(client, draft, "perception", {"gender": "male"})
    body = assert_error_page(response, "Select how old the person seemed",
                             "Select which ethnic group the person seemed to belong to")
    assert "Select an answer" not in body and "Enter:" not in body


@pytest.mark.django_db
def test_a_draft_with_only_unanswered_questions_is_saved_whatever_the_wording(client, org, draft, monkeypatch):
    # "unanswered" is known by its error code, not by how the message starts
    form_class = page_form("perception")
    monkeypatch.setattr(form_class, "specs", [replace(s, error=f"Tell us: {s.error}") for s in form_class.specs])
    response = post_page(client, draft, "perception", {"gender": "female"}, action="draft")
    assert response.status_code == 302 and response["Location"] == reverse("reports:mine")
    assert fresh(draft).gender == "female"
    bad = post_page(client, draft, "perception", {"gender": "robot"}, action="draft")
    assert_error_page(bad, "‘robot’ is not one of the answers")  # a bad value is never saved as a draft


@pytest.mark.django_db
def test_the_intro_stays_when_the_new_report_page_has_errors(client, org):
    login(client, org.alice)
    intro = PAGE_INTROS["references"]
    assert intro in text_of(client.get(reverse("reports:new")))
    response = client.post(reverse("reports:new"), {"force": "cambridgeshire", "action": "continue"})
    body = assert_error_page(response, "Enter at least one reference")
    assert intro in body and '<h1 class="govuk-heading-l">Incident references</h1>' in body


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["references", "perception"])
def test_the_intro_stays_on_a_question_page_with_errors(client, org, draft, page):
    data = {"force": "cambridgeshire", "cad_reference": ""} if page == "references" else {"gender": "male"}
    body = assert_error_page(post_page(client, draft, page, data))
    assert PAGE_INTROS[page] in body
    assert body.index("There is a problem") < body.index("<h1") < body.index(PAGE_INTROS[page])


@pytest.mark.django_db
def test_a_single_question_page_keeps_the_question_as_its_heading_with_errors(client, org, draft):
    post_page(client, draft, "incident", complete_pages(org)["incident"])
    body = assert_error_page(post_page(client, draft, "outcome", {}), "Select at least one outcome")
    assert '<h1 class="govuk-fieldset__heading">' in body and "What was the outcome?" in body
