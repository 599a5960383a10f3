"""What readers of the public figures read: plain-English labels (the Home Office's terms in the data
dictionary), periods in words, "no data" for a period with nothing published, the rounding rule
stated, and a summary that never shows a gap ("None") or rounded parts that do not add up."""
import copy
import csv
import datetime as dt
import io
import json
import re

from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uof.publish.disclosure import Rule
from uof.publish.revisions import LEGACY, PLAIN, relabelled
from uof.publish.snapshot import build
from uof.publish.summary import summary_paragraphs
from uof.stats.periods import parse_period
from uof.stats.tests.builders import incidents_with_reports, officers

from .helpers import QUARTER, START, publish, seed_reports
from .test_summary import check_summary

URL = "/data/force/cambridgeshire/2026-27-q1/"
HOME_OFFICE_WORDS = ("CED Fired", "CED Drawn", "Irritant spray - used", "Total firearms", "Under 11 years")


def _taser_reports(org, n: int = 6) -> None:
    pool = officers(org.cambs, 3)
    for k in range(n):
        tactics = [("ced_drawn", "ced_fired"), ("ced_drawn",), ("baton_drawn", "cs_used", "pava_used")][k % 3]
        incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=k), [{"_tactics": tactics}],
                               district=org.peterborough)


def _table(content, key):
    return next(t for t in content["tables"] if t["key"] == key)


def test_tactics_in_plain_words_on_the_page_the_summary_and_the_files(org):
    seed_reports(org)
    _taser_reports(org)
    item = publish(org.analyst)
    tactics = [row[1] for row in _table(item.content, "tactics")["rows"]]
    assert {"Taser drawn", "Taser fired", "Baton drawn", "Irritant spray used", "AEP fired"} <= set(tactics)
    client = Client()
    page = client.get(URL).content.decode()
    for words in ("Taser drawn", "Taser fired", "Baton drawn", "Irritant spray used", "Use of force, April to June 2026"):
        assert words in page, words
    for words in HOME_OFFICE_WORDS:
        assert words not in page, words
    summary = " ".join(p["text"] for p in item.content["summary"])
    assert "A Taser was drawn" in summary and "compliant handcuffing" in summary
    assert "None" not in summary
    table_csv = client.get(URL + "download/tactics.csv").content.decode()
    long_csv = client.get(URL + "download/all.csv").content.decode()
    api = client.get("/api/v1/publications/force/cambridgeshire/2026-27-q1/tables/tactics/").content.decode()
    for text in (table_csv, long_csv, api):
        assert "Taser fired" in text and "CED Fired" not in text
    records = list(csv.DictReader(io.StringIO(item.records_csv)))
    assert "tactic: Irritant spray used" in records[0] and "tactic: Irritant spray - used" not in records[0]
    assert {r["ced_highest"] for r in records} <= {"", "[c]", "Taser drawn", "Taser aimed", "Taser fired"}


def test_the_dictionary_gives_the_home_office_term_and_explains_aep(org):
    seed_reports(org)
    publish(org.analyst)
    page = Client().get(URL + "dictionary/").content.decode()
    assert "Home Office term" in page and "CED Fired" in page and "Taser fired" in page
    assert "attenuating energy projectile" in page
    data = json.loads(Client().get("/data/dictionary/?format=json").content)
    tactic = next(f for f in data["fields"] if f["name"] == "tactics")
    fired = next(o for o in tactic["options"] if o["code"] == "ced_fired")
    assert fired["home_office"] == "CED Fired" and fired["published_as"].endswith("Taser fired")


def test_no_data_for_a_previous_period_with_nothing_published(org):
    seed_reports(org)
    item = publish(org.analyst)
    summary = _table(item.content, "summary")
    previous = summary["columns"].index("previous period")
    assert summary["rows"][0][previous] is None and [0, previous] in summary["no_data"]
    assert [0, previous] not in summary["withheld"]
    page = " ".join(Client().get(URL).content.decode().split())
    assert "January to March 2026: no data" in page  # the headline, not 0
    assert "There are no published figures for the previous period (January to March 2026)" in page
    lines = list(csv.DictReader(io.StringIO(Client().get(URL + "download/all.csv").content.decode())))
    line = next(x for x in lines if x["row"] == "reports / report" and x["column"] == "previous period")
    assert line["status"] == "no data" and line["value"] == ""
    # Once the previous quarter is published, a revision compares with it.
    pool = officers(org.cambs, 2)
    for day in range(6):
        incidents_with_reports(org.cambs, pool, dt.date(2026, 2, 2 + day), [{}], district=org.cambridge)
    publish(org.analyst, period="2025/26-Q4")
    revised = publish(org.analyst, reason="Compare with the previous quarter")
    summary = _table(revised.content, "summary")
    assert summary["rows"][0][previous] == 6 and [0, previous] not in summary["no_data"]
    assert [0, summary["columns"].index("a year earlier")] in summary["no_data"]  # 2025/26 Q1: still none
    assert "January to March 2026 (2025/26 Q4), when there were 6" in " ".join(Client().get(URL).content.decode().split())


def test_a_rounded_summary_says_so_and_quotes_no_parts_that_do_not_add_up(org):
    seed_reports(org, incidents=60)
    content = publish(org.analyst, Rule(rounding=10)).content
    text = " ".join(p["text"] for p in content["summary"])
    assert "Figures are rounded to the nearest 10; parts may not add up to totals." in text
    check_summary(content)
    for total, street, parts in re.findall(r"([\d,]+) times in \w+ \(([\d,]+) on the street plus ([^)]*)\)", text):
        inside = [int(n.replace(",", "")) for n in re.findall(r"([\d,]+) in ", parts)]
        assert int(street.replace(",", "")) + sum(inside) == int(total.replace(",", "")), text
    # (a revision with exact counts is refused: it would undo the rounding; built without saving)
    exact = build({"kind": "force", "slug": "cambridgeshire", "name": "Cambridgeshire"}, [org.cambs],
                  parse_period(QUARTER), Rule()).content
    assert "rounded" not in " ".join(p["text"] for p in exact["summary"])


def test_the_summary_never_prints_none(org):
    """Whatever is withheld, missing or left out, no sentence has a gap in it."""
    seed_reports(org)
    _taser_reports(org)
    base = publish(org.analyst, Rule(small_force_counts=True)).content
    cells = [(t, i, j) for t, table in enumerate(base["tables"]) for i, row in enumerate(table["rows"])
             for j, value in enumerate(row) if isinstance(value, (int, float)) and not isinstance(value, bool)]
    keys = [t["key"] for t in base["tables"] if t["key"] != "summary"]

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(dropped=st.sets(st.sampled_from(keys)), hidden=st.sets(st.sampled_from(cells), max_size=40),
           empty=st.sets(st.sampled_from(cells), max_size=40), rounding=st.sampled_from([1, 5, 10]),
           published=st.booleans())
    def check(dropped, hidden, empty, rounding, published):
        content = copy.deepcopy(base)
        content["rule"]["rounding"] = rounding
        for c in content["comparisons"]:
            c["published"] = published
        for t, i, j in hidden | empty:
            table = content["tables"][t]
            table["rows"][i][j] = None
            if (t, i, j) in hidden:
                table["withheld"].append([i, j])
        content["tables"] = [t for t in content["tables"] if t["key"] not in dropped]
        content["summary"] = summary_paragraphs(content)
        for paragraph in content["summary"]:
            assert not re.search(r"\bNone\b|\bnan\b|\{|\}", paragraph["text"]), paragraph["text"]
        check_summary(content)
    check()


def test_an_older_publication_lines_up_with_its_revision_label_by_label(org):
    """Publications made before the plain-English labels name rows as the Home Office does; a revision
    of one is checked against it cell by cell, so its labels are read as today's."""
    seed_reports(org)
    _taser_reports(org)
    content = publish(org.analyst).content
    back = {key: {new: old for old, new in names.items()} for key, names in LEGACY.items()}
    old = copy.deepcopy(content)
    del old["labels"]
    for table in old["tables"]:
        at = 1 if table["key"] == "tactics" else 0
        for row in table["rows"]:
            row[at] = back.get(table["key"], {}).get(row[at], row[at])
    assert _table(old, "tactics")["rows"] != _table(content, "tactics")["rows"]
    again = relabelled(old)
    assert again["labels"] == PLAIN and again["tables"] == content["tables"]
    assert relabelled(content) is content
