"""The OpenAPI document is valid, its examples match it, and the running API keeps to it:
schemathesis sends generated requests (valid and invalid) to a live server with published data
and checks every response: no server error, only documented status codes and content types,
and bodies that match their documented schema."""
from __future__ import annotations

from collections import Counter

import jsonschema
import pytest
import schemathesis
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

API = "/api/v1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
OPERATIONS = {"/api/v1/", "/api/v1/publications/", "/api/v1/publications/{kind}/{scope}/{period}/",
              "/api/v1/publications/{kind}/{scope}/{period}/tables/",
              "/api/v1/publications/{kind}/{scope}/{period}/tables/{key}/",
              "/api/v1/publications/{kind}/{scope}/{period}/records/", "/api/v1/scopes/"}


@pytest.fixture
def document(client, db) -> dict:
    response = client.get(f"{API}/schema/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    return response.json()


def test_the_document_is_valid_openapi(document):
    validate_schema(document)  # the OpenAPI 3.1 JSON schema (bundled with drf-spectacular)
    info = document["info"]
    assert document["openapi"].startswith("3.1")
    assert info["title"] == "uof public use of force data API" and info["version"] == "1"
    assert "Open Government Licence v3.0" in info["description"] and info["license"]["name"]
    assert "null" in info["description"] and "`withheld`" in info["description"]
    assert set(document["paths"]) == OPERATIONS
    loaded = schemathesis.openapi.from_dict(document)
    operations = [result.ok() for result in loaded.get_all_operations()]  # .ok() raises on an invalid one
    assert {op.path for op in operations} == OPERATIONS and {op.method for op in operations} == {"get"}


def test_every_operation_documents_its_errors(document):
    for path, operations in document["paths"].items():
        responses = operations["get"]["responses"]
        assert "200" in responses, path
        if path != f"{API}/":
            assert "404" in responses, path
        if "{" in path or path == f"{API}/publications/":
            assert "400" in responses, path
        for code, response in responses.items():
            assert list(response["content"]) == ["application/json"], (path, code)


def test_the_examples_match_their_schemas(document):
    """The documentation page shows these examples: they must be true to the schema."""
    checked = 0
    for path, operations in document["paths"].items():
        for code, response in operations["get"]["responses"].items():
            content = response["content"]["application/json"]
            validator = jsonschema.Draft202012Validator({**content["schema"], "components": document["components"]})
            for name, example in content.get("examples", {}).items():
                errors = [e.message for e in validator.iter_errors(example["value"])]
                assert not errors, (path, code, name, errors)
                checked += 1
    assert checked >= 15


STATUSES: Counter = Counter()  # (operation path, status code) -> responses, for the summary


@pytest.fixture
def api_schema(live_server, published):
    STATUSES.clear()
    yield schemathesis.openapi.from_url(live_server.url + f"{API}/schema/")
    print("schemathesis:", sum(STATUSES.values()), "requests;",
          ", ".join(f"{path} {code}: {n}" for (path, code), n in sorted(STATUSES.items())))
    # The documented examples reach the published data: every operation answered 200 at least once.
    expected = OPERATIONS if published.second.records_csv else OPERATIONS - {f"{API}/publications/{{kind}}/"
                                                                             f"{{scope}}/{{period}}/records/"}
    assert {path for path, code in STATUSES if code == 200} == expected


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(autouse=True)
def _nodeid_for_schemathesis(request):
    """schemathesis 4.32's pytest plugin reads Node._nodeid, which pytest 9.2 no longer has."""
    if not hasattr(request.node, "_nodeid"):
        request.node._nodeid = request.node.nodeid


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@settings(max_examples=25, deadline=None, database=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_the_api_keeps_to_its_document(case):
    response = case.call_and_validate(checks=CHECKS)
    STATUSES[(case.operation.path, response.status_code)] += 1
