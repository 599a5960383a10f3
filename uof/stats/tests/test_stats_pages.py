"""The analysts' statistics pages: scoped by the access policy, audited, same data in every format."""
import csv
import io
import json

import pytest

from uof.audit.models import AuditEvent
from uof.stats import store as stores
from uof.stats.periods import parse_period

from .builders import incidents_with_reports, officers

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(org):
    stores._CACHE.clear()
    period = parse_period("2026/27-Q1")
    incidents_with_reports(org.cambs, officers(org.cambs, 3), period.start, [{}, {"gender": "female"}, {}],
                           district=org.peterborough)
    return period


def test_analyst_sees_every_table_of_their_force(client, org, data):
    client.force_login(org.analyst)
    page = client.get("/stats/", {"force": "cambridgeshire", "period": data.label})
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="table-places"' in text and 'id="table-ho_table_1"' in text
    assert "Counting unit: report" in text
    assert AuditEvent.objects.filter(action="view", detail__contains="statistics cambridgeshire").exists()


def test_another_forces_statistics_are_not_found(client, org, data):
    client.force_login(org.analyst)
    assert client.get("/stats/", {"force": "bedfordshire", "period": data.label}).status_code == 404
    assert client.get("/stats/download/", {"force": "bedfordshire"}).status_code == 404


def test_csv_and_json_carry_the_same_figures(client, org, data):
    client.force_login(org.analyst)
    query = {"force": "cambridgeshire", "period": data.label}
    as_csv = client.get("/stats/download/", {**query, "format": "csv"})
    as_json = client.get("/stats/download/", {**query, "format": "json"})
    assert as_csv["Content-Disposition"].endswith('.csv"')
    rows = list(csv.DictReader(io.StringIO(as_csv.content.decode())))
    tables = {t["key"]: t for t in json.loads(as_json.content)["tables"]}
    gender = {r["row"]: r["value"] for r in rows if r["table"] == "subjects_gender" and r["column"] == "reports"}
    assert gender["Male"] == "2" and gender["Female"] == "1"
    assert [r[1] for r in tables["subjects_gender"]["rows"][:2]] == [2, 1]
    assert AuditEvent.objects.filter(action="export").count() == 2


def test_bad_period_is_not_found(client, org, data):
    client.force_login(org.analyst)
    assert client.get("/stats/", {"period": "2026/28"}).status_code == 404
