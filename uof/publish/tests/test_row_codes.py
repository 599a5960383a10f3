"""Cells are keyed by row codes, not by what a reader sees: rewording a category changes no cell,
the files and the API carry each row's code, and publications stored before codes (rows named by
label only) still revise, cell for cell."""
from __future__ import annotations

import csv
import io

from django.test import Client

from uof.publish import cells, services
from uof.publish.disclosure import Rule
from uof.publish.models import Publication
from uof.publish.revisions import keyed
from uof.reports.vocabulary import GENDERS
from uof.stats.periods import parse_period
from uof.stats.service import statistics

from .helpers import QUARTER, publish, seed_reports

PAGE = "/data/force/cambridgeshire/2026-27-q1/"


def _grid(org):
    return cells.grid(statistics([org.cambs], parse_period(QUARTER))["tables"])


def test_rewording_a_category_changes_no_cell(org):
    seed_reports(org)
    before = _grid(org)
    male = GENDERS.get("male")
    was = male.plain
    object.__setattr__(male, "plain", "Men")  # a frozen declaration, reworded for this test
    try:
        tables = {t.key: t for t in statistics([org.cambs], parse_period(QUARTER))["tables"]}
        after = cells.grid(tables.values())
        assert "Men" in [row[0] for row in tables["subjects_gender"].rows]
    finally:
        object.__setattr__(male, "plain", was)
    assert after.values == before.values and after.facts == before.facts
    assert ("subjects_gender", "male", "reports") in after.values


def test_the_files_and_the_api_carry_each_rows_code(org):
    seed_reports(org)
    publish(org.analyst)
    client = Client()
    long = list(csv.DictReader(io.StringIO(client.get(PAGE + "download/all.csv").content.decode())))
    gender = {line["row"]: line["row_code"] for line in long if line["table"] == "subjects_gender"}
    assert gender["Male"] == "male" and gender["Female"] == "female"
    places = {line["row_code"] for line in long if line["table"] == "places"}
    assert "cambridgeshire:peterborough/total" in places
    detail = client.get("/api/v1/publications/force/cambridgeshire/2026-27-q1/").json()
    table = client.get(next(t["url"] for t in detail["tables"] if t["key"] == "injuries")).json()
    assert dict(zip(table["keys"], (row[0] for row in table["rows"])))["subject_injured=yes"] == "Person injured: yes"


def _as_stored_before_codes(item: Publication) -> None:
    """Rewrite a publication as one made before row codes: rows named by label only."""
    label_of = {t["key"]: dict(zip(t["keys"], (cells.row_label(t["key"], row) for row in t["rows"])))
                for t in item.content["tables"]}

    def old(cell):
        return [cell[0], label_of[cell[0]].get(cell[1], cell[1]), *cell[2:]]
    Publication.objects.filter(pk=item.pk).update(  # as a migration would find it (save refuses: immutable)
        content={**item.content, "tables": [{k: v for k, v in t.items() if k != "keys"} for t in item.content["tables"]]},
        true_cells=[old(c) for c in item.true_cells],
        file_facts=[[[old(t) for t in terms], lo, hi] for terms, lo, hi in item.file_facts])


def test_a_publication_stored_before_row_codes_revises_cell_for_cell(org):
    """The revision over an old-style publication is the revision over the same one stored with codes."""
    seed_reports(org)
    first = publish(org.analyst)
    scope, period = services.scope_for("force", "cambridgeshire"), parse_period(QUARTER)
    over_new = services.preview(scope, period, Rule()).content
    _as_stored_before_codes(Publication.objects.get(pk=first.pk))
    stored = Publication.objects.get(pk=first.pk)
    assert not any("keys" in t for t in stored.content["tables"])
    again = keyed(stored.content)
    assert [t["keys"] for t in again["tables"]] == [t["keys"] for t in first.content["tables"]]
    over_old = services.preview(scope, period, Rule()).content
    assert over_old["tables"] == over_new["tables"]  # the same counts withheld: every cell was linked
    second = publish(org.analyst, reason="Nothing changed")
    assert second.changes == services.changes_between(first.content, second.content)
