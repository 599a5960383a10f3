"""Readers meet errors in the service's own layout: never Django's technical or plain pages."""
import os
import subprocess
import sys

import pytest
from django.test import Client, override_settings
from django.urls import path

from uof import urls as project_urls
from uof.testing.fixtures import PASSWORD
from uof.testing.visible import leftovers, visible_text

pytestmark = pytest.mark.django_db


def _fails(request):
    raise RuntimeError("boom: a private value that must not be shown")


urlpatterns = [path("fails/", _fails), *project_urls.urlpatterns]
handler500 = "uof.web.errors.server_error"


def _layout(response) -> str:
    body = response.content.decode()
    assert "govuk-template" in body and "govuk-footer" in body, body[:300]
    for technical in ("Traceback", "DEBUG = True", "URLconf", "urlpatterns", "Django"):
        assert technical not in body
    assert leftovers(body) == []
    return visible_text(body)


def test_debug_is_off_unless_asked_for():
    env = {k: v for k, v in os.environ.items() if k != "UOF_DEBUG"}
    out = subprocess.run([sys.executable, "-c", "import uof.settings as s; print(s.DEBUG)"], env=env,
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_unknown_address_is_a_govuk_404():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    text = _layout(response)
    assert "Page not found" in text and "check it is correct" in text


def test_report_of_another_force_is_a_govuk_404(org):
    client = Client()
    assert client.login(username=org.carol.username, password=PASSWORD)
    response = client.get("/reports/999999/")
    assert response.status_code == 404
    assert "Page not found" in _layout(response)


def test_a_role_without_the_page_gets_a_govuk_403(org):
    client = Client()
    assert client.login(username=org.alice.username, password=PASSWORD)
    response = client.get("/review/")
    assert response.status_code == 403
    text = _layout(response)
    assert "You cannot see this page" in text and "Your role does not include this page" in text


def test_a_form_without_its_csrf_token_gets_a_govuk_403():
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "Your form could not be sent" in _layout(response)


@override_settings(ROOT_URLCONF=__name__)
def test_a_failure_is_a_govuk_500_without_details():
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    text = _layout(response)
    assert "Sorry, there is a problem with the service" in text
    assert "boom" not in response.content.decode()


def test_public_pages_do_not_link_to_the_admin(org):
    body = Client().get("/data/").content.decode()
    assert 'href="/admin/' not in body
    client = Client()
    assert client.login(username=org.cambs_admin.username, password=PASSWORD)
    assert 'href="/admin/' in client.get("/data/").content.decode()  # staff still find it
