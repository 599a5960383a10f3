"""The public API serves exactly the published snapshot: the numbers of the public page and of the
JSON download, withheld counts as null and listed, paginated lists, and JSON errors."""
from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

from uof.publish.snapshot import PUBLIC_TABLES

API = "/api/v1"
Q1 = f"{API}/publications/force/cambridgeshire/2026-27-q1/"
CHECKED_TABLES = ["summary", "places", "tactics", "subjects_gender", "injuries", "recording"]


def get(client, url: str, status: int = 200, **params) -> dict:
    response = client.get(url, params)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/json"
    return response.json()


class TableCells(HTMLParser):
    """The text of every cell of the page's tables, by the table's id."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.table = self.cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and (attrs.get("id") or "").startswith("table-"):
            self.table = self.tables.setdefault(attrs["id"][6:], [])
        elif self.table is not None and tag == "tr":
            self.table.append([])
        elif self.table is not None and tag in ("td", "th") and self.table:
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "table":
            self.table = None
        elif tag in ("td", "th") and self.cell is not None:
            self.table[-1].append("".join(self.cell).strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page_tables(client, url: str) -> dict[str, list[list[str]]]:
    parser = TableCells()
    parser.feed(client.get(url).content.decode())
    return {key: rows[1:] for key, rows in parser.tables.items()}  # without the header row


def as_shown(table: dict) -> list[list[str]]:
    """The API's rows as the page writes them: [c] withheld, "no data" for a period with nothing
    published, – nothing applies, 1,234 counts."""
    def text(i, j, value):
        if [i, j] in table["withheld"]:
            return "[c]"
        if [i, j] in table["no_data"]:
            return "no data"
        if value is None:
            return "–"
        return f"{value:,}" if isinstance(value, int) and j > 0 else str(value)
    return [[text(i, j, v) for j, v in enumerate(row)] for i, row in enumerate(table["rows"])]


# --- the same numbers everywhere ---------------------------------------------------------------

def test_tables_are_the_published_content(client, published):
    body = get(client, f"{Q1}tables/", page_size=50)
    tables = body["results"]
    assert [t["key"] for t in tables] == [t["key"] for t in published.second.content["tables"]]
    for ours, stored in zip(tables, published.second.content["tables"]):
        assert {k: v for k, v in ours.items() if k != "links"} == stored


def test_numbers_equal_the_public_page_and_the_downloads(client, published):
    page = page_tables(client, get(client, Q1)["links"]["page"])
    for key in CHECKED_TABLES:
        table = get(client, f"{Q1}tables/{key}/")
        assert page[key] == as_shown(table), key
        download = client.get(table["links"]["json"])
        assert download.status_code == 200
        assert json.loads(download.content)["table"] == {k: v for k, v in table.items() if k != "links"}
        csv_rows = list(csv.reader(io.StringIO(client.get(table["links"]["csv"]).content.decode())))
        assert csv_rows[0] == table["columns"]
        for i, row in enumerate(table["rows"]):
            for j, value in enumerate(row):
                shown = csv_rows[i + 1][j]
                assert shown == ("[c]" if [i, j] in table["withheld"] else "" if value is None else str(value))


def test_all_tables_equal_the_whole_json_download(client, published):
    detail = get(client, Q1)
    download = json.loads(client.get(detail["links"]["json"]).content)
    tables = get(client, detail["links"]["tables"], page_size=50)["results"]
    assert [{k: v for k, v in t.items() if k != "links"} for t in tables] == download["tables"]
    assert detail["summary"] == download["summary"]
    assert detail["rule"] == download["rule"] and detail["rule_text"] == download["rule_text"]
    assert detail["licence"] == download["licence"] and detail["source"] == download["source"]
    assert detail["revision"] == download["revision"] == 2


def test_withheld_counts_are_null_and_listed(client, published):
    tables = get(client, f"{Q1}tables/", page_size=50)["results"]
    withheld = [(t["key"], i, j) for t in tables for i, j in t["withheld"]]
    assert withheld, "the fixture has small counts that must be withheld"
    shown = [v for t in tables for row in t["rows"] for v in row[1:] if isinstance(v, int) and v > 0]
    assert shown, "and counts that are shown"
    for table in tables:
        for i, j in table["withheld"]:
            assert table["rows"][i][j] is None
    assert get(client, Q1)["withheld_cells"] == len(withheld)


# --- lists and filters -----------------------------------------------------------------------------

def test_publications_list_latest_revisions_newest_first(client, published):
    body = get(client, f"{API}/publications/")
    assert body["count"] == 3 and body["next"] is None and body["previous"] is None
    got = [(p["kind"], p["scope"], p["period"]["slug"], p["revision"]) for p in body["results"]]
    assert [(p["period"]["words"], p["period"]["code"]) for p in body["results"]] == [
        ("April to June 2026", "2026/27 Q1"), ("July to September 2026", "2026/27 Q2"),
        ("April to June 2026", "2026/27 Q1")]
    assert got == [("collaboration", "bch", "2026-27-q1", 1), ("force", "cambridgeshire", "2026-27-q2", 1),
                   ("force", "cambridgeshire", "2026-27-q1", 2)]
    item = body["results"][2]
    assert item == {
        "kind": "force", "scope": "cambridgeshire", "scope_name": "Cambridgeshire",
        "period": {"label": "2026/27-Q1", "slug": "2026-27-q1", "from": "2026-04-01", "to": "2026-06-30",
                   "words": "April to June 2026", "code": "2026/27 Q1"},
        "revision": 2, "published_at": item["published_at"],
        "links": {"api": f"http://testserver{Q1}",
                  "page": "http://testserver/data/force/cambridgeshire/2026-27-q1/",
                  "csv": "http://testserver/data/force/cambridgeshire/2026-27-q1/download/all.csv?revision=2",
                  "json": "http://testserver/data/force/cambridgeshire/2026-27-q1/download/all.json?revision=2"}}
    for link in item["links"].values():
        assert client.get(link).status_code == 200


FILTERS = [
    ({"scope_kind": "force"}, {("cambridgeshire", "2026-27-q1"), ("cambridgeshire", "2026-27-q2")}),
    ({"scope_kind": "collaboration"}, {("bch", "2026-27-q1")}),
    ({"scope": "bch"}, {("bch", "2026-27-q1")}),
    ({"period": "2026-27-q1"}, {("bch", "2026-27-q1"), ("cambridgeshire", "2026-27-q1")}),
    ({"period": "2026/27-Q2"}, {("cambridgeshire", "2026-27-q2")}),  # a label works too
    ({"scope_kind": "force", "scope": "cambridgeshire", "period": "2026-27-q2"}, {("cambridgeshire", "2026-27-q2")}),
    ({"scope_kind": "collaboration", "period": "2026-27-q2"}, set()),
    ({"scope_kind": "", "scope": "", "period": ""}, {("bch", "2026-27-q1"), ("cambridgeshire", "2026-27-q1"),
                                                     ("cambridgeshire", "2026-27-q2")}),  # empty: no filter
]


def test_publications_filters(client, published):
    for query, expected in FILTERS:
        body = get(client, f"{API}/publications/", **query)
        assert {(p["scope"], p["period"]["slug"]) for p in body["results"]} == expected, query


BAD_FILTERS = [
    ({"scope_kind": "constabulary"}, "scope_kind"),
    ({"scope": "hogwarts"}, "scope"),
    ({"scope_kind": "collaboration", "scope": "cambridgeshire"}, "scope"),  # a force, not a collaboration
    ({"scope": "Not a slug!"}, "scope"),
    ({"period": "2019-20-q1"}, "period"),
    ({"period": "2026/27 Q1"}, "period"),
]


def test_unknown_filter_values_are_a_400_saying_which(client, published):
    for query, field in BAD_FILTERS:
        body = get(client, f"{API}/publications/", 400, **query)
        assert body["status"] == 400 and field in body["detail"]
        assert list(body["errors"]) == [field] and body["errors"][field][0]


def test_pagination(client, published):
    first = get(client, f"{API}/publications/", page_size=2)
    assert first["count"] == 3 and len(first["results"]) == 2 and first["previous"] is None
    second = get(client, first["next"])
    assert len(second["results"]) == 1 and second["next"] is None and second["previous"]
    assert [p["links"]["api"] for p in first["results"] + second["results"]] == \
        [p["links"]["api"] for p in get(client, f"{API}/publications/")["results"]]
    capped = get(client, f"{Q1}tables/", page_size=1000)
    assert len(capped["results"]) == capped["count"] == len(PUBLIC_TABLES)
    tables = get(client, f"{Q1}tables/", page_size=5, page=3)
    assert [t["key"] for t in tables["results"]] == [t["key"] for t in published.second.content["tables"]][10:]
    assert get(client, f"{API}/publications/", 404, page=2) == {"detail": "Invalid page.", "status": 404}
    assert get(client, f"{API}/scopes/", 404, page="x")["status"] == 404


# --- one publication -----------------------------------------------------------------------------

def test_detail_is_the_latest_revision_with_its_history(client, published):
    body = get(client, Q1)
    content = published.second.content
    assert body["revision"] == body["latest_revision"] == 2
    assert body["scope"] == content["scope"] and body["period"]["text"] == content["period"]["text"]
    assert body["summary"] == [p["text"] for p in content["summary"]]
    assert [r["revision"] for r in body["revisions"]] == [2, 1]
    assert body["revisions"][1]["url"] == f"http://testserver{Q1}?revision=1"
    assert body["changes"] == published.second.changes and body["changes"]
    assert [t["key"] for t in body["tables"]] == [t["key"] for t in content["tables"]]
    assert body["tables"][0] == {"key": "summary", "title": content["tables"][0]["title"],
                                 "unit": content["tables"][0]["unit"], "url": f"http://testserver{Q1}tables/summary/"}
    assert body["links"]["page"] == "http://testserver/data/force/cambridgeshire/2026-27-q1/"
    assert not {"reason", "published_by", "records_csv", "reports_counted"} & set(body)
    assert "Late reports counted" not in json.dumps(body)  # the internal reason for revision 2
    assert published.org.analyst.username not in json.dumps(body)


def test_an_earlier_revision(client, published):
    body = get(client, Q1, revision=1)
    assert body["revision"] == 1 and body["latest_revision"] == 2 and body["changes"] == []
    assert body["links"]["page"] == "http://testserver/data/force/cambridgeshire/2026-27-q1/revision-1/"
    assert body["links"]["api"] == f"http://testserver{Q1}?revision=1"
    assert body["tables"][0]["url"] == f"http://testserver{Q1}tables/summary/?revision=1"
    old = get(client, body["tables"][0]["url"])
    assert {k: v for k, v in old.items() if k != "links"} == published.first.content["tables"][0]
    tables = get(client, f"{Q1}tables/", revision=1, page_size=50)["results"]
    assert [{k: v for k, v in t.items() if k != "links"} for t in tables] == published.first.content["tables"]


def test_collaboration(client, published):
    body = get(client, f"{API}/publications/collaboration/bch/2026-27-q1/")
    assert body["scope"]["forces"] == ["bedfordshire", "cambridgeshire"]
    assert get(client, f"{API}/publications/collaboration/bch/2026-27-q1/tables/summary/")["rows"] == \
        published.collaboration.content["tables"][0]["rows"]


def test_scopes(client, published):
    body = get(client, f"{API}/scopes/")
    assert [(s["kind"], s["slug"], [p["period"]["slug"] for p in s["publications"]]) for s in body["results"]] == \
        [("force", "cambridgeshire", ["2026-27-q2", "2026-27-q1"]), ("collaboration", "bch", ["2026-27-q1"])]
    force = body["results"][0]
    assert force["links"]["page"] == "http://testserver/data/force/cambridgeshire/"
    assert get(client, force["links"]["api"])["count"] == 2


def test_records_are_the_published_open_dataset(client, published):
    item = published.second
    body = get(client, Q1)
    if not item.records_csv:
        assert body["links"]["records"] is None
        assert get(client, f"{Q1}records/", 404)["detail"] == "This publication has no record-level open dataset"
        return
    reader = csv.DictReader(io.StringIO(item.records_csv))
    expected = list(reader)
    assert body["links"]["records"] == f"http://testserver{Q1}records/"
    first = get(client, f"{Q1}records/", page_size=10)
    assert first["columns"] == reader.fieldnames and first["count"] == len(expected)
    rows, url = [], f"{Q1}records/?page_size=10"
    while url:
        page = get(client, url)
        rows += page["results"]
        url = page["next"]
    assert rows == expected


def test_records_of_a_dataset_with_any_columns(client, published):
    """Whatever the CSV header says are the columns (a copy of a real publication, given a CSV)."""
    from uof.publish.models import Publication

    source = published.q2
    Publication.objects.create(
        scope_kind="force", scope_slug="testshire", scope_name="Testshire", period_label=source.period_label,
        period_slug=source.period_slug, date_from=source.date_from, date_to=source.date_to, rule=source.rule,
        content=source.content, records_csv="district,month,tactic: Baton drawn\nPeterborough,2026-07,1\n"
        "[c],[c],0\nCambridge,2026-08\n", published_at=source.published_at, published_by=source.published_by)
    body = get(client, f"{API}/publications/force/testshire/2026-27-q2/records/", page_size=2)
    assert body["columns"] == ["district", "month", "tactic: Baton drawn"] and body["count"] == 3
    assert body["results"] == [{"district": "Peterborough", "month": "2026-07", "tactic: Baton drawn": "1"},
                               {"district": "[c]", "month": "[c]", "tactic: Baton drawn": "0"}]
    last = get(client, body["next"])["results"]
    assert last == [{"district": "Cambridge", "month": "2026-08", "tactic: Baton drawn": ""}]


# --- errors ------------------------------------------------------------------------------------------

NOTHING = "Nothing is published for this scope and period"
NOT_FOUND = [
    (f"{API}/publications/force/cambridgeshire/2019-20-q1/", NOTHING),
    (f"{API}/publications/force/hogwarts/2026-27-q1/tables/", NOTHING),
    (f"{API}/publications/police/cambridgeshire/2026-27-q1/", "No such kind of publication: use force or collaboration"),
    (f"{API}/publications/force/Not%20A%20Slug/2026-27-q1/", NOTHING),
    (f"{Q1}?revision=9", NOTHING),
    (f"{Q1}tables/nonsense/", "This publication has no table 'nonsense'"),
    (f"{Q1}tables/?page=3", "Invalid page."),
    (f"{Q1}tables/a%2Fb/", "No such API address: see /api/v1/docs/"),
    (f"{API}/no-such-thing/", "No such API address: see /api/v1/docs/"),
]


def test_not_found_is_json_with_a_message(client, published):
    for url, detail in NOT_FOUND:
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert response.json() == {"detail": detail, "status": 404}
    for revision in ("abc", "0", "-1"):
        body = get(client, Q1, 400, revision=revision)
        assert list(body["errors"]) == ["revision"] and body["status"] == 400


def test_read_only(client, published):
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(Q1)
        assert response.status_code == 405 and response.json()["status"] == 405
    assert client.head(Q1).status_code == 200
    assert client.options(Q1).status_code == 200


def test_no_sign_in_and_nothing_but_json(client, published):
    client.force_login(published.org.analyst)  # signing in changes nothing
    assert get(client, Q1)["revision"] == 2
    assert client.get(Q1, HTTP_ACCEPT="text/html").status_code == 406
    assert client.get(Q1, {"format": "api"})["Content-Type"] == "application/json"


def test_empty_before_anything_is_published(client, db):
    assert get(client, f"{API}/publications/") == {"count": 0, "next": None, "previous": None, "results": []}
    assert get(client, f"{API}/scopes/")["results"] == []
    assert get(client, f"{API}/publications/", 400, scope="cambridgeshire")["errors"]["scope"]


def test_a_publication_for_a_date_range(client, org):
    """Two quarters in a row (neither a quarter nor a year) are published and served like any other."""
    import datetime as dt

    from uof.api.tests.conftest import add_reports
    from uof.publish import services
    from uof.publish.disclosure import Rule
    from uof.stats.periods import date_range

    period = date_range(dt.date(2026, 4, 1), dt.date(2026, 9, 30))
    add_reports(org, period, peterborough=12, cambridge=6)
    item = services.publish(org.analyst, services.scope_for("force", "cambridgeshire"), period, Rule())
    listed = get(client, f"{API}/publications/")["results"][0]
    assert listed["period"]["slug"] == "2026-04-01-to-2026-09-30"
    assert listed["period"]["words"] == "1 April 2026 to 30 September 2026" and listed["period"]["code"] == ""
    assert listed["links"]["page"].endswith("/data/force/cambridgeshire/2026-04-01-to-2026-09-30/")
    detail = get(client, listed["links"]["api"])
    assert detail["tables"][0]["key"] == "summary" and detail["revision"] == 1
    table = get(client, detail["tables"][0]["url"])
    assert {k: v for k, v in table.items() if k != "links"} == item.content["tables"][0]
    assert get(client, f"{API}/publications/", period="2026-04-01-to-2026-09-30")["count"] == 1
