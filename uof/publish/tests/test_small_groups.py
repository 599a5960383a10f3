"""A small group reveals no attribute (issue 12): with fewer reports than the threshold, a category
showing 0 beside one withheld count would tell what those few people share. Every count but the
headline's is withheld then, zeros too; within a small district, all its places."""
from __future__ import annotations

import datetime as dt

from django.test import Client

from uof.publish import services
from uof.publish.disclosure import Rule
from uof.stats.periods import parse_period
from uof.stats.tests.builders import incidents_with_reports, officers

from .helpers import START, publish

PAGE = "/data/force/cambridgeshire/2026-27-q1/"


def _tables(client) -> dict:
    data = client.get(PAGE + "download/all.json").json()
    return {t["key"]: t for t in data["tables"]}


def test_a_publication_of_three_reports_shows_no_attribute_of_them(org):
    pool = officers(org.cambs, 3)
    for n in range(3):  # three men, all White, all injured: nothing of that may be readable
        incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=n), [
            {"gender": "male", "ethnicity": "white", "subject_injured": "yes", "subject_injury_level": "minor"}],
            district=org.peterborough)
    publish(org.analyst)
    client = Client()
    tables = _tables(client)
    for key, table in tables.items():
        if key == "summary":
            continue
        counts = [j for j, c in enumerate(table["columns"]) if not c.startswith("share") and j >= 1
                  and all(isinstance(row[j], (int, type(None))) for row in table["rows"])]
        shown = [(table["rows"][i][0], table["columns"][j], table["rows"][i][j]) for i in range(len(table["rows"]))
                 for j in counts if [i, j] not in table["withheld"] and table["rows"][i][j] is not None]
        assert not shown, f"{key} shows {shown[:3]}"
    text = " ".join(client.get(PAGE).content.decode().split())
    for giveaway in ("perceived as male", "perceived as White", "recorded a minor injury", "No report recorded"):
        assert giveaway not in text
    people = tables["subjects_gender"]
    assert all(row[1] is None for row in people["rows"])  # Female 0 is withheld like Male 3


def test_a_small_districts_places_are_withheld_zeros_too(org):
    pool = officers(org.cambs, 4)
    for n in range(20):
        incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=n % 60), [{}], district=org.cambridge)
    for n in range(2):  # Peterborough: two reports, both in Thorpe Wood custody, none on the street
        incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=n), [
            {"custody_suite": org.thorpe, "location_types": ["custody_block"]}], district=org.peterborough)
    publish(org.analyst)
    tables = _tables(Client())
    places = tables["places"]
    peterborough = [i for i, row in enumerate(places["rows"]) if row[0] == "Peterborough"]
    assert len(peterborough) >= 3  # street, Thorpe Wood, district total
    at = places["columns"].index("reports")
    for i in peterborough:
        assert places["rows"][i][at] is None and [i, at] in places["withheld"], places["rows"][i]
    assert tables["summary"]["rows"][0][2] == 22  # the publication itself is shown


def test_the_preview_says_what_will_be_withheld_and_why(org):
    pool = officers(org.cambs, 4)
    for n in range(20):
        incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=n % 60), [{}], district=org.cambridge)
    for n in range(2):
        incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=n), [
            {"custody_suite": org.thorpe, "location_types": ["custody_block"]}], district=org.peterborough)
    client = Client()
    client.force_login(org.analyst)
    page = client.get("/publish/preview/", {"scope": "force:cambridgeshire", "period": "2026/27-Q1",
                                            "threshold": "5", "rounding": "1", "tables": ["places"]})
    text = " ".join(page.content.decode().split())
    assert "What will be withheld, and why" in text, text[text.find("Not published"):][:600]
    row = text[text.index("Where force was used"):][:200]
    assert "Where force was used" in row
    why = services.preview(services.scope_for("force", "cambridgeshire"), parse_period("2026/27-Q1"), Rule()).withheld_why
    places = next(counts for title, counts in why.items() if title.startswith("Where force was used"))
    assert places["small"] >= 2 and places["group"] >= 1 and places["others"] >= 1  # street 0 hides with its district
    public = Client().get("/data/force/cambridgeshire/2026-27-q1/")
    assert public.status_code == 404  # nothing was published by previewing
