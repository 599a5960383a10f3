"""A question added to the national form: records made before it were never asked it.

Their answer is "not asked", distinct from "no" and from "not reported": the injuries table has a
"not asked" row, the record file says "not asked", and yes + no + not asked = reports, so
disclosure control's arithmetic holds and a revision over the old records publishes. The question
is `spat_at` declared as introduced in the middle of the quarter (the declaration is the only
thing changed: every table, relation and file reads it)."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io

import pytest
from django.test import Client

from uof.reports import fieldset
from uof.reports.models import Report
from uof.stats.tests.builders import incidents_with_reports, officers

from .helpers import START, publish, seed_reports

INTRODUCED = START + dt.timedelta(days=40)
PAGE = "/data/force/cambridgeshire/2026-27-q1/"


@pytest.fixture
def introduced_mid_quarter(monkeypatch):
    field = dataclasses.replace(fieldset.FIELDS_BY_NAME["spat_at"], introduced=INTRODUCED)
    monkeypatch.setattr(fieldset, "FIELDS", tuple(field if f.name == "spat_at" else f for f in fieldset.FIELDS))
    monkeypatch.setitem(fieldset.FIELDS_BY_NAME, "spat_at", field)
    return field


def _injuries(publication) -> dict:
    table = next(t for t in publication.content["tables"] if t["key"] == "injuries")
    return {row[0]: row[1] for row in table["rows"]}


def test_records_before_a_question_are_not_asked_and_a_revision_publishes(org, introduced_mid_quarter):
    seed_reports(org)
    counted = Report.objects.exclude(status="draft")
    before = counted.filter(incident__occurred_date__lt=INTRODUCED)
    assert before.exists() and not before.exclude(spat_at="").exists()  # never asked: no answer stored
    old = before.count()
    first = publish(org.analyst)
    rows = _injuries(first)
    yes = counted.filter(spat_at="yes").count()
    assert rows["Officer spat at: not asked"] == before.count()
    assert rows["Officer spat at"] == yes
    assert yes + counted.filter(spat_at="no").count() + before.count() == counted.count()
    records = list(csv.DictReader(io.StringIO(Client().get(PAGE + "download/records.csv").content.decode())))
    assert sum(r["spat_at"] == "not asked" for r in records) == before.count()
    assert {r["spat_at"] for r in records} <= {"yes", "no", "not asked"}
    # Late reports from before the question, and new ones after it: the revision publishes.
    pool = officers(org.cambs, 2)
    incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=3), [{}, {}], district=org.peterborough)
    incidents_with_reports(org.cambs, pool, INTRODUCED + dt.timedelta(days=2), [{"spat_at": "yes"}],
                           district=org.peterborough)
    second = publish(org.analyst, reason="Late reports")
    assert second.revision == 2
    assert _injuries(second)["Officer spat at: not asked"] == old + 2 == before.count()
    dictionary = Client().get("/data/dictionary/", {"format": "json"}).json()
    spat = next(c for c in dictionary["record_columns"] if c["column"] == "spat_at")
    assert "not asked" in spat["meaning"]


def test_the_form_does_not_ask_it_of_older_incidents(org, introduced_mid_quarter):
    from uof.reports.validation import Validator

    older, newer = INTRODUCED - dt.timedelta(days=1), INTRODUCED
    threats = fieldset.fields_on("threats")
    missing = {"threatened_with_weapon": "no", "assaulted_with_weapon": "no", "public_order": "no"}
    old = Validator(org.cambs, older)
    assert old.check(threats, missing)["spat_at"] == "" and not old.errors
    new = Validator(org.cambs, newer)
    new.check(threats, missing)
    assert new.errors["spat_at"] == ["Select yes if you were spat at"]


def _introduce(monkeypatch, *names):
    fields = {name: dataclasses.replace(fieldset.FIELDS_BY_NAME[name], introduced=INTRODUCED) for name in names}
    monkeypatch.setattr(fieldset, "FIELDS", tuple(fields.get(f.name, f) for f in fieldset.FIELDS))
    for name, field in fields.items():
        monkeypatch.setitem(fieldset.FIELDS_BY_NAME, name, field)


def _table(publication, key) -> dict:
    table = next(t for t in publication.content["tables"] if t["key"] == key)
    return {row[0]: row[1:] for row in table["rows"]}


# (fields introduced mid-quarter, the table that counts them, its "no answer" row, the record-file column)
LATER_QUESTIONS = [
    (("gender",), "subjects_gender", "Not reported", "gender"),
    (("mental_condition", "physical_condition"), "subjects_health", "Not reported", "health"),
    (("location_types",), "locations", "Nothing recorded", "location: Street or highway"),
]


@pytest.mark.parametrize("names,key,unanswered,column", LATER_QUESTIONS, ids=[q[1] for q in LATER_QUESTIONS])
def test_a_later_question_of_any_table_is_not_asked_of_older_records(org, monkeypatch, names, key, unanswered,
                                                                     column):
    """Perceived, health and multi-select tables: "Not asked" is its own row, taken out of the row of
    records with no answer; the rows still add up; the record file says so; a revision publishes."""
    _introduce(monkeypatch, *names)
    seed_reports(org)
    counted = Report.objects.exclude(status="draft")
    before = counted.filter(incident__occurred_date__lt=INTRODUCED)
    # The seed answers every question: a record of before the question has no answer to it.
    blank = {name: fieldset.FIELDS_BY_NAME[name].kind.unasked for name in names}
    before.update(**blank, **({"custody_suite": None} if "location_types" in names else {}))
    assert before.exists()
    first = publish(org.analyst)
    rows = _table(first, key)
    assert rows["Not asked"][0] == before.count()
    assert unanswered not in rows or rows[unanswered][0] < counted.count()
    if key.startswith("subjects_"):  # one category each: reports add up, and so do people
        assert sum(r[0] for r in rows.values()) == counted.count()
        assert sum(r[2] for r in rows.values()) == counted.exclude(subject=None).values("subject").distinct().count()
    records = list(csv.DictReader(io.StringIO(Client().get(PAGE + "download/records.csv").content.decode())))
    said = "not asked" if column.startswith("location") else "Not asked"
    shown = sum(r[column] == said for r in records)
    hidden = sum(r[column] == "[c]" for r in records)  # rare combinations are withheld row by row
    assert 0 < shown <= before.count() <= shown + hidden
    dictionary = Client().get("/data/dictionary/", {"format": "json"}).json()
    meaning = next(c["meaning"] for c in dictionary["record_columns"]
                   if c["column"] == column or (column.startswith("location") and c["column"].startswith("location")))
    assert f"{said}" in meaning and f"before {INTRODUCED:%-d %B %Y}" in meaning, meaning
    pool = officers(org.cambs, 2)
    late = incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=3), [{}, {}], district=org.peterborough)
    assert not late.reports.exclude(**blank).exists()  # the builder asks only what was asked on the day
    second = publish(org.analyst, reason="Late reports")
    assert second.revision == 2
    assert _table(second, key)["Not asked"][0] == before.count()
