"""The Home Office annual return: the same numbers as `home_office_tables`, in ODS and CSV, for a
financial year only, scoped and audited like the statistics pages."""
import csv
import datetime as dt
import io
import zipfile

import pytest
from django.core.management import CommandError, call_command
from odf import teletype
from odf.opendocument import load
from odf.table import Table as Sheet
from odf.table import TableCell, TableRow

from uof.audit.models import AuditEvent
from uof.stats import home_office_return as hor
from uof.stats import store as stores
from uof.stats.catalogue import home_office_tables
from uof.stats.periods import parse_period
from uof.stats.tables import Selection

from .builders import incidents_with_reports, officers

pytestmark = pytest.mark.django_db

YEAR = parse_period("2025/26")
URL = "/stats/home-office-return/"
DOWNLOAD = "/stats/home-office-return/download/"


@pytest.fixture
def data(org):
    """Cambridgeshire reports through 2025/26 (some not yet approved), one either side of the year,
    and a Bedfordshire report in the year."""
    stores._CACHE.clear()
    pool = officers(org.cambs, 3)
    incidents_with_reports(org.cambs, pool, YEAR.start, [
        {"_tactics": ["tactical_communication", "ced_drawn", "ced_fired"], "ethnicity": "black",
         "officer_injured": "yes", "officer_injury_level": "minor", "officer_assaulted": "yes"},
        {"_tactics": ["cs_used", "pava_used", "handcuffing_non_compliant"], "gender": "female",
         "reasons": ["protect_self", "effect_arrest"]},
        {"_tactics": ["tactical_communication"], "subject_injured": "yes", "subject_injury_level": "severe"},
    ], district=org.peterborough)
    incidents_with_reports(org.cambs, pool, dt.date(2025, 11, 5), [{"_tactics": ["ced_aimed"], "age_band": "11-17"}],
                           district=org.cambridge, status="submitted")
    incidents_with_reports(org.cambs, pool, YEAR.end, [{"_tactics": ["unarmed_skills", "spit_guard"]}, {}],
                           district=org.cambridge, status="returned")
    incidents_with_reports(org.cambs, pool, YEAR.start - dt.timedelta(days=1), [{}], district=org.cambridge)
    incidents_with_reports(org.cambs, pool, YEAR.end + dt.timedelta(days=1), [{}], district=org.cambridge)
    incidents_with_reports(org.beds, officers(org.beds, 1), dt.date(2025, 6, 1), [{}], district=org.luton)
    return YEAR


def expected_tables(slug: str = "cambridgeshire", period=YEAR):
    """The Home Office tables of the same selection, built straight from the store."""
    store = stores.current()
    return home_office_tables(Selection(store, store.select([slug], period.start, period.end)))


def as_shown(table):
    """The header and rows the return should show: the table's own, but Table 13's line is named
    by the force, as the Home Office's "Police force" column names it."""
    if table.key == "ho_table_13":
        assert table.columns[0] == "scope" and [r[0] for r in table.rows] == ["selection"]
        return ["Police force"] + table.columns[1:], [["Cambridgeshire"] + r[1:] for r in table.rows]
    return table.columns, table.rows


def _value(cell):
    kind = cell.getAttribute("valuetype")
    if kind == "float":
        number = float(cell.getAttribute("value"))
        return int(number) if number.is_integer() else number
    text = teletype.extractText(cell)
    return text if kind or text else None


def read_ods(content: bytes) -> dict[str, list[list]]:
    """Every sheet as rows of values: numbers from numeric cells, text, None for an empty cell."""
    sheets = {}
    for sheet in load(io.BytesIO(content)).spreadsheet.getElementsByType(Sheet):
        rows = []
        for row in sheet.getElementsByType(TableRow):
            values = []
            for cell in row.getElementsByType(TableCell):
                values += [_value(cell)] * int(cell.getAttribute("numbercolumnsrepeated") or 1)
            rows += [values] * int(row.getAttribute("numberrowsrepeated") or 1)
        sheets[sheet.getAttribute("name")] = rows
    return sheets


def numeric_cells(content: bytes, name: str) -> int:
    sheet = next(s for s in load(io.BytesIO(content)).spreadsheet.getElementsByType(Sheet)
                 if s.getAttribute("name") == name)
    return sum(1 for c in sheet.getElementsByType(TableCell) if c.getAttribute("valuetype") == "float")


def test_ods_sheets_hold_exactly_the_home_office_tables(org, data):
    content = hor.as_ods(hor.build(org.cambs, "2025/26"))
    assert zipfile.ZipFile(io.BytesIO(content)).read("mimetype") == hor.ODS_TYPE.encode()
    sheets = read_ods(content)
    expected = expected_tables()
    assert list(sheets) == ["Cover_sheet"] + [f"Table_{n}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13)]
    for table in expected:
        rows = sheets[hor.sheet_name(table)]
        assert rows[0] == [table.title]
        assert "Cambridgeshire, 1 April 2025 to 31 March 2026" in rows[1][0] and table.unit in rows[1][0]
        assert rows[2] == ["Contents"]
        columns, shown = as_shown(table)
        assert rows[3] == columns
        assert rows[4:4 + len(table.rows)] == shown  # numbers, labels and blanks, cell for cell
        assert rows[4 + len(table.rows):] == [[None], ["Notes"]] + [[note] for note in table.notes]
        numbers = sum(1 for r in table.rows for v in r if isinstance(v, int))
        assert numeric_cells(content, hor.sheet_name(table)) == numbers


def test_the_tables_count_the_year_of_this_force_only(org, data):
    t1 = {r[0]: r for r in expected_tables()[0].rows}
    assert t1["*Total Not reported"][2] == 1  # tactical communication alone
    total = next(r for r in expected_tables()[2].rows if r[0] == "Total number of incidents involving group")
    assert total[-1] == 6  # 3 + 1 + 2 reports: neither day outside the year, nor Bedfordshire
    sheets = read_ods(hor.as_ods(hor.build(org.cambs, "2025/26")))
    assert sheets["Table_3"][4] == total
    assert sheets["Table_13"][4][:3] == ["Cambridgeshire", 2, 1]  # drawn then fired counts once, as fired (a discharge)


def test_cover_sheet(org, data):
    produced = dt.datetime(2026, 5, 12, 9, 30)
    ret = hor.build(org.cambs, "2025/26", produced=produced)
    assert (ret.reports, ret.awaiting_review, ret.returned, ret.not_approved) == (6, 1, 2, 3)
    cover = read_ods(hor.as_ods(ret))["Cover_sheet"]
    assert cover[0] == ["Police use of force statistics: return for Cambridgeshire, 2025/26"]
    facts = {r[0]: r[1] for r in cover if len(r) > 1 and r[0]}
    assert facts["Force"] == "Cambridgeshire"
    assert facts["Period"].startswith("1 April 2025 to 31 March 2026")
    assert facts["Produced"] == "12 May 2026 09:30"
    assert facts["Reports counted"] == 6 and facts["Reports not yet approved"] == 3
    assert "one officer's use of force on one person" in facts["Counting unit"]
    assert "more than one officer" in facts["Double counting"]
    contents = cover[cover.index(["Contents"]) + 2:]
    assert [r[0] for r in contents] == [hor.sheet_name(t) for t in ret.tables]
    assert contents[0][1].startswith("Number of times tactics were used")
    assert b'xlink:href="#Table_1.A1"' in zipfile.ZipFile(io.BytesIO(hor.as_ods(ret))).read("content.xml")


def test_csv_holds_exactly_the_home_office_tables(org, data):
    rows = list(csv.DictReader(io.StringIO(hor.as_csv(hor.build(org.cambs, "2025/26")))))
    assert list(rows[0]) == hor.CSV_HEADER
    assert {(r["force"], r["financial_year"]) for r in rows} == {("cambridgeshire", "2025/26")}
    cover = {r["row"]: r["value"] for r in rows if r["table"] == "Cover_sheet"}
    assert cover == {"reports counted": "6", "reports not yet approved": "3", "reports awaiting review": "1",
                     "reports returned to the officer": "2"}
    for table in expected_tables():
        mine = [r for r in rows if r["table"] == hor.sheet_name(table)]
        assert {r["title"] for r in mine} == {table.title}
        labels = 2 if table.key == "ho_table_10" else 1
        assert len(mine) == len(table.rows) * (len(table.columns) - labels)
        columns, shown = as_shown(table)
        for number, row in enumerate(shown, start=1):
            cells = [r for r in mine if r["row_number"] == str(number)]
            assert {r["row"] for r in cells} == {" / ".join(row[:labels])}
            assert [r["column"] for r in cells] == columns[labels:]
            assert [None if r["value"] == "" else int(r["value"]) for r in cells] == row[labels:]


@pytest.mark.parametrize("label", ["2025/26-Q1", "2025/26-Q4", "2025/27", "2025", "last year", ""])
def test_only_a_financial_year_is_accepted(org, label):
    with pytest.raises(hor.ReturnError) as error:
        hor.annual_period(label)
    assert "financial year" in str(error.value)
    assert hor.annual_period(" 2025/26 ") == YEAR


def test_a_quarter_is_refused_with_a_message_on_the_page(client, org, data):
    client.force_login(org.analyst)
    for label in ("2025/26-Q1", "2025/27", "nonsense"):
        page = client.get(DOWNLOAD, {"force": "cambridgeshire", "period": label, "format": "ods"})
        assert page.status_code == 400 and page["Content-Type"].startswith("text/html")
        text = page.content.decode()
        assert "There is a problem" in text and "financial year" in text
    bad_format = client.get(DOWNLOAD, {"force": "cambridgeshire", "period": "2025/26", "format": "xlsx"})
    assert bad_format.status_code == 400 and "not a format" in bad_format.content.decode()
    assert client.get(URL, {"period": "2025/26-Q2"}).status_code == 400
    assert not AuditEvent.objects.filter(action="export").exists()


def test_analyst_downloads_ods_and_csv(client, org, data):
    client.force_login(org.analyst)
    page = client.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'action="/stats/home-office-return/download/"' in text and 'name="format"' in text
    assert 'value="cambridgeshire"' in text and 'value="bedfordshire"' not in text
    ods = client.get(DOWNLOAD, {"force": "cambridgeshire", "period": "2025/26", "format": "ods"})
    assert ods.status_code == 200 and ods["Content-Type"] == "application/vnd.oasis.opendocument.spreadsheet"
    assert ods["Content-Disposition"] == 'attachment; filename="uof-home-office-return-cambridgeshire-2025-26.ods"'
    sheets = read_ods(ods.content)
    for table in expected_tables():
        assert sheets[hor.sheet_name(table)][4:4 + len(table.rows)] == as_shown(table)[1]
    as_csv = client.get(DOWNLOAD, {"force": "cambridgeshire", "period": "2025/26", "format": "csv"})
    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_csv["Content-Disposition"].endswith('cambridgeshire-2025-26.csv"')
    assert as_csv.content.decode().startswith(",".join(hor.CSV_HEADER))
    events = AuditEvent.objects.filter(action="export").order_by("pk")
    assert [e.detail for e in events] == ["home office return cambridgeshire 2025/26 ods",
                                          "home office return cambridgeshire 2025/26 csv"]
    assert {e.force_id for e in events} == {org.cambs.pk} and {e.user_id for e in events} == {org.analyst.pk}


def test_statistics_page_links_to_the_return(client, org, data):
    client.force_login(org.analyst)
    text = client.get("/stats/", {"force": "cambridgeshire", "period": "2025/26"}).content.decode()
    assert 'href="/stats/home-office-return/?force=cambridgeshire"' in text


def test_permissions(client, org, data):
    query = {"force": "cambridgeshire", "period": "2025/26", "format": "ods"}
    for url in (URL, DOWNLOAD):
        assert client.get(url, query).status_code == 302  # anonymous: to the sign-in page
        assert client.get(url, query)["Location"].startswith("/accounts/login/")
    client.force_login(org.alice)  # an officer
    assert client.get(URL, query).status_code == 403
    assert client.get(DOWNLOAD, query).status_code == 403
    beds_analyst = org.officer("analyst.beds", org.beds, "")
    from uof.access.models import Role, RoleAssignment
    RoleAssignment.objects.create(user=beds_analyst, role=Role.ANALYST, force=org.beds)
    client.force_login(beds_analyst)
    assert client.get(URL, query).status_code == 404
    assert client.get(DOWNLOAD, query).status_code == 404
    assert client.get(DOWNLOAD, {**query, "force": "bedfordshire"}).status_code == 200
    for role_holder in (org.cambs_admin, org.standards):
        client.force_login(role_holder)
        assert client.get(DOWNLOAD, query).status_code == 200
    assert AuditEvent.objects.filter(action="export").count() == 3


def test_command_writes_ods_and_csv(org, data, tmp_path):
    target = tmp_path / "return.ods"
    call_command("home_office_return", "--force", "cambridgeshire", "--period", "2025/26", "--format", "ods",
                 "--output", str(target), stderr=io.StringIO())
    sheets = read_ods(target.read_bytes())
    for table in expected_tables():
        assert sheets[hor.sheet_name(table)][4:4 + len(table.rows)] == as_shown(table)[1]
    out = io.StringIO()
    call_command("home_office_return", "--force", "cambridgeshire", "--period", "2025/26", "--format", "csv",
                 stdout=out, stderr=io.StringIO())
    assert out.getvalue() == hor.as_csv(hor.build(org.cambs, "2025/26"))


@pytest.mark.parametrize("args, message", [
    (["--force", "cambridgeshire", "--period", "2025/26-Q1", "--format", "csv"], "is a quarter"),
    (["--force", "nowhere", "--period", "2025/26", "--format", "csv"], "Unknown force"),
    (["--force", "cambridgeshire", "--period", "2025/26", "--format", "ods"], "needs --output"),
])
def test_command_refuses_what_it_cannot_give(org, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("home_office_return", *args, stdout=io.StringIO(), stderr=io.StringIO())


def test_bare_download_url_gives_the_last_complete_year_as_csv(client, org, data):
    client.force_login(org.analyst)
    response = client.get(DOWNLOAD)
    last = hor.recent_years()[1].label
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].endswith(f'-cambridgeshire-{last.replace("/", "-")}.csv"')
