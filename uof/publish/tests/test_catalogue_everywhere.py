"""Every published measure of the catalogue reaches every output: the publication, its page, the
data dictionary, the API, the long CSV and each table's download. A table added to the catalogue
is published everywhere without another edit; one dropped from any output fails here."""
from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from uof.stats.catalogue import PUBLISHED_MEASURES
from uof.testing.visible import visible_text

from .helpers import publish, seed_reports

PAGE = "/data/force/cambridgeshire/2026-27-q1/"
API = "/api/v1/publications/force/cambridgeshire/2026-27-q1/"
KEYS = [m.key for m in PUBLISHED_MEASURES]


@pytest.fixture
def published(org):
    seed_reports(org)
    return publish(org.analyst)


def test_the_publication_holds_every_table_in_catalogue_order(published):
    tables = published.content["tables"]
    assert [t["key"] for t in tables] == KEYS
    for m, table in zip(PUBLISHED_MEASURES, tables):
        assert (table["title"], table["unit"]) == (m.title, m.unit)
        assert set(m.counts) <= set(table["columns"]), m.key
        assert table["rows"], m.key


def test_the_page_shows_every_table_under_its_title(published):
    text = visible_text(Client().get(PAGE).content)
    for m in PUBLISHED_MEASURES:
        assert m.title in text, m.key


def test_the_dictionary_explains_every_table(published):
    for url in ("/data/dictionary/", PAGE + "dictionary/"):
        data = Client().get(url, {"format": "json"}).json()
        assert [(t["key"], t["title"], t["unit"]) for t in data["tables"]] == [
            (m.key, m.title, m.unit) for m in PUBLISHED_MEASURES]
        assert all(t["about"] for t in data["tables"])
        text = visible_text(Client().get(url).content)
        assert all(m.title in text and m.about in text for m in PUBLISHED_MEASURES)


def test_the_api_lists_and_serves_every_table(published):
    client = Client()
    listed = client.get(API + "tables/").json()
    listed = listed.get("results", listed)
    assert [t["key"] for t in listed] == KEYS
    for m in PUBLISHED_MEASURES:
        table = client.get(f"{API}tables/{m.key}/").json()
        assert (table["key"], table["title"]) == (m.key, m.title)
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    assert f"{KEYS}"[1:-1].replace(" ", "") in str(schema).replace(" ", "")


def test_the_open_data_has_every_table(published):
    client = Client()
    long = list(csv.DictReader(io.StringIO(client.get(PAGE + "download/all.csv").content.decode())))
    assert list(dict.fromkeys(line["table"] for line in long)) == KEYS
    for m in PUBLISHED_MEASURES:
        for fmt in ("csv", "json"):
            response = client.get(f"{PAGE}download/{m.key}.{fmt}")
            assert response.status_code == 200, (m.key, fmt)
        header = next(csv.reader(io.StringIO(client.get(f"{PAGE}download/{m.key}.csv").content.decode())))
        assert set(m.counts) <= set(header)
    records = next(csv.reader(io.StringIO(client.get(PAGE + "download/records.csv").content.decode())))
    for m in PUBLISHED_MEASURES:
        if m.record_prefix:
            assert any(column.startswith(f"{m.record_prefix}: ") for column in records), m.key
