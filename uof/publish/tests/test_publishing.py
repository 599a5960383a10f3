"""Publishing: immutable snapshots, revisions listing what changed, nothing unpublished reachable,
and every format (page, CSV, JSON) showing the same figures."""
import csv
import io
import json
import re

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client

from uof.publish import services
from uof.publish.disclosure import Rule
from uof.publish.models import Publication
from uof.stats.tests.builders import incidents_with_reports, officers

from .helpers import START, publish, seed_reports

URL = "/data/force/cambridgeshire/2026-27-q1/"


@pytest.fixture
def published(org):
    seed_reports(org)
    return publish(org.analyst)


def test_a_publication_is_an_immutable_snapshot(org, published):
    assert published.revision == 1 and published.content["scope"]["slug"] == "cambridgeshire"
    with pytest.raises(PermissionError):
        published.save()
    with pytest.raises(PermissionError):
        published.delete()
    # New reports do not change what is published until a revision is published.
    incidents_with_reports(org.cambs, officers(org.cambs, 1), START, [{}], district=org.cambridge)
    page = Client().get(URL).content.decode()
    assert f"{published.reports_counted:,}" in page


def test_database_triggers_refuse_changes_to_a_publication(published):
    import importlib

    from uof.publish.migrations import __path__  # noqa: F401  (the migration module below)

    triggers = importlib.import_module("uof.publish.migrations.0002_immutable_triggers")
    triggers.install(connection)
    try:
        with pytest.raises(Exception, match="immutable"), transaction.atomic():
            Publication.objects.filter(pk=published.pk).update(reason="edited")
        with pytest.raises(Exception, match="immutable"), transaction.atomic():
            Publication.objects.filter(pk=published.pk)._raw_delete(Publication.objects.db)
    finally:
        from uof.audit import guard
        guard.uninstall(connection, triggers.TABLE)


def test_a_revision_needs_a_reason_and_lists_what_changed(org, published):
    incidents_with_reports(org.cambs, officers(org.cambs, 2), START, [{}, {}], district=org.cambridge)
    with pytest.raises(services.PublishError, match="say why"):
        publish(org.analyst)
    second = publish(org.analyst, reason="Late reports for April")
    assert second.revision == 2 and second.revision_of == published
    changed = {(c["table"], c["row"], c["column"]): (c["before"], c["after"]) for c in second.changes}
    before, after = changed[("Headline figures", "reports / report", "count")]
    assert after == before + 2
    # The public page shows the latest revision, links the earlier one, and lists the changes.
    page = Client().get(URL).content.decode()
    assert "revision 2" in page and "What changed from revision 1" in page and "Late reports" not in page
    old = Client().get(URL + "revision-1/").content.decode()
    assert "A newer revision exists" in old
    with pytest.raises(IntegrityError), transaction.atomic():
        Publication.objects.create(**{f.name: getattr(second, f.name) for f in Publication._meta.concrete_fields
                                      if f.name not in ("id", "revision_of")})


def test_nothing_unpublished_is_reachable(org):
    seed_reports(org)
    client = Client()
    assert client.get("/data/").status_code == 200
    assert "Nothing has been published yet" in client.get("/data/").content.decode()
    for url in (URL, URL + "revision-1/", URL + "download/all.csv", URL + "download/places.json",
                "/data/force/cambridgeshire/"):
        assert client.get(url).status_code == 404, url


def test_formats_show_the_same_figures(published):
    client = Client()
    content = published.content
    long = list(csv.DictReader(io.StringIO(client.get(URL + "download/all.csv").content.decode())))
    whole = json.loads(client.get(URL + "download/all.json").content)
    assert whole["tables"] == content["tables"]
    for table in content["tables"]:
        rows = list(csv.reader(io.StringIO(client.get(URL + f"download/{table['key']}.csv").content.decode())))
        assert rows[0] == table["columns"]
        for i, row in enumerate(table["rows"]):
            for j, value in enumerate(row):
                expected = "[c]" if [i, j] in table["withheld"] else ("" if value is None else str(value))
                assert rows[i + 1][j] == expected
    shown = {(x["table"], x["row"], x["column"]): x for x in long}
    places = next(t for t in content["tables"] if t["key"] == "places")
    for i, row in enumerate(places["rows"]):
        line = shown[("places", f"{row[0]} / {row[1]}", "reports")]
        assert line["status"] == ("withheld" if [i, 2] in places["withheld"] else "shown")
        assert line["value"] == ("" if [i, 2] in places["withheld"] else str(row[2]))
    page = client.get(URL).content.decode()
    assert page.count("<svg") >= 8 and "[c]" in page and "Open Government Licence v3.0" in page


def test_the_record_level_file_has_no_identifying_detail(published):
    text = Client().get(URL + "download/records.csv").content.decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == published.content["records"]["rows"] > 0
    columns = set(rows[0])
    assert not columns & {"report_id", "incident_id", "subject", "incident_date", "incident_time", "account",
                          "cad_reference", "custody_reference", "crime_reference", "bwv_references", "officer",
                          "collar_number", "custody_suite", "other_officers"}
    assert not any("account" in c or "reference" in c for c in columns)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)  # never a full date


def test_small_force_counts_are_shown_when_the_force_chooses(org):
    seed_reports(org, severe=1)
    default = publish(org.analyst)
    severe = _cell(default.content, "injuries", "Person injury: severe")
    assert severe is None
    chosen = publish(org.analyst, Rule(small_force_counts=True), reason="Show the severe injury")
    assert _cell(chosen.content, "injuries", "Person injury: severe") == 1
    assert any("one led to" in line or "as the force has chosen" in line for line in chosen.content["rule_text"])


def _cell(content, key, label):
    table = next(t for t in content["tables"] if t["key"] == key)
    for i, row in enumerate(table["rows"]):
        if row[0] == label:
            return None if [i, 1] in table["withheld"] else row[1]
    raise KeyError(label)


def test_analyst_previews_then_publishes(org):
    seed_reports(org)
    client = Client()
    client.force_login(org.analyst)
    query = {"scope": "force:cambridgeshire", "period": "2026/27-Q1", "threshold": "5", "rounding": "1",
             "tables": ["places", "injuries"]}
    preview = client.get("/publish/preview/", query)
    assert preview.status_code == 200 and "Not published" in preview.content.decode()
    assert Publication.objects.count() == 0
    done = client.post("/publish/publish/", query)
    assert done.status_code == 302 and done["Location"] == URL
    item = Publication.objects.get()
    assert [t["key"] for t in item.content["tables"]] == ["summary", "places", "injuries"]
    again = client.post("/publish/publish/", query)  # no reason: back to the preview with the message
    assert again.status_code == 302 and "/publish/preview/" in again["Location"]
    assert Publication.objects.count() == 1


def test_bad_choices_give_a_clear_message(org):
    client = Client()
    client.force_login(org.analyst)
    page = client.get("/publish/preview/", {"scope": "force:bedfordshire", "period": "2026/27-Q9",
                                            "threshold": "1"})
    text = page.content.decode()
    assert page.status_code == 200 and "There is a problem" in text
    assert "Smallest count shown" in text and "Force or collaboration" in text


def test_the_data_dictionary_explains_each_publications_rule(org):
    seed_reports(org)
    publish(org.analyst, Rule(threshold=7))
    general = Client().get("/data/dictionary/").content.decode()
    assert "Counts from 1 to 4" in general  # the default rule
    page = Client().get(URL + "dictionary/").content.decode()
    assert "Counts from 1 to 6" in page and "qi_withheld" in page and "Effect stop and search" in page
    data = json.loads(Client().get(URL + "dictionary/?format=json").content)
    names = {f["name"] for f in data["fields"]}
    assert "account" not in names and "cad_reference" not in names and "age_band" in names
