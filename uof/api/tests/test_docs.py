"""The documentation page: made from the OpenAPI document, served by the app itself (no CDN, no
script from elsewhere), and accessible (axe-core, WCAG 2.2 A and AA, in headless Chromium)."""
from __future__ import annotations

import html

import pytest

from uof.api.docs import openapi
from uof.testing.accessibility import assert_accessible

DOCS = "/api/v1/docs/"


def test_docs_describe_every_endpoint_from_the_document(client, db):
    response = client.get(DOCS)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    page = html.unescape(response.content.decode())
    document = openapi()
    for path, operations in document["paths"].items():
        operation = operations["get"]
        assert f"GET {path}" in page and f'id="{operation["operationId"]}"' in page
        for parameter in operation.get("parameters", []):
            assert f"<code>{parameter['name']}</code>" in page
        for code in operation["responses"]:
            assert f">{code}: " in page
    assert "curl http://testserver/api/v1/publications/force/cambridgeshire/2026-27-q1/tables/tactics/" in page
    assert '"withheld": [' in page  # an example response
    for words in ("/api/v2/", "Open Government Licence v3.0", "page_size", "is <code>null</code>"):
        assert words in page, words


def test_docs_need_no_sign_in(client, db):
    assert client.get(DOCS).status_code == 200


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_docs_page_is_accessible_and_self_contained(new_page, live_server):
    page = new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(DOCS)
    assert page.locator("h1").inner_text() == "Public data API"
    results = assert_accessible(page, "API documentation")
    assert {"color-contrast", "document-title", "html-has-lang", "bypass", "link-name"} <= set(results["passes"])
    outside = [url for url in requested if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert outside == [], "the docs page must load nothing from another site"
    page.set_viewport_size({"width": 390, "height": 900})
    assert_accessible(page, "API documentation on a phone")
