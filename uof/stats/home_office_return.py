"""A force's annual return to the Home Office: Tables 1–11 and 13 for one financial year, as an
OpenDocument spreadsheet (laid out like the Home Office's published tables) or as one CSV.

The figures come from `service.statistics` (which builds them with `home_office_tables`): this
module only lays them out, so the return always shows the same numbers as the statistics pages.

ODS: a `Cover_sheet` (force, period, date produced, counting unit, double counting, reports not
yet approved, contents with links), then one sheet per table named as the Home Office names
them (`Table_1` … `Table_13`): the title in A1, the scope and unit in A2, a link back to the
contents in A3, the header row in row 4, one row per table row (counts are numeric cells, a
blank cell where a figure does not apply), then "Notes".

CSV: one file in long form, one line per cell: `force, financial_year, table, title,
row_number, row, column, value`. `table` is the sheet name (`Table_1`), `row_number` the row's
position in the table (1 = first row under the header, as in the spreadsheet), `row` its label
(two label columns, as in Table 10, joined with " / "), `column` the header of the value's
column, `value` a whole number or empty where the figure does not apply. Table 13's one line is
named by the force (the statistics pages call it "selection"). A few `Cover_sheet`
lines carry the reports counted and those not yet approved. Several returns (forces or years)
can be stacked into one file and filtered on `force`, `financial_year` and `table`.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.utils import timezone

from uof.organisations.models import Force

from . import service
from .periods import Period, PeriodError, financial_year, parse_period
from .tables import Table

ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet"
FORMATS = {"ods": ODS_TYPE, "csv": "text/csv; charset=utf-8"}
CSV_HEADER = ["force", "financial_year", "table", "title", "row_number", "row", "column", "value"]
COVER = "Cover_sheet"

UNIT_EXPLANATION = (
    "The Home Office's \"incidents\" are reports: one officer's use of force on one person in one "
    "incident. Every count in Tables 1–11 and 13 is a count of reports (or of tactics reported on them).")
DOUBLE_COUNTING = (
    "A single use of force may be recorded several times if more than one officer was there, so these "
    "figures do not show how many events or people were involved.")
WHAT_COUNTS = (
    "Every submitted report that is not deleted counts, in the financial year of its incident's date "
    "(UK time): awaiting review, returned to the officer or approved. Drafts never count.")
NOT_INCLUDED = (
    "Table 12 (incidents by police force) and Tables 14–17 (by police force) compare forces nationally "
    "and are not part of a single force's return; this force's line of Table 13 is its Table_13.")


class ReturnError(ValueError):
    """The return was asked for something it cannot give (a quarter, a bad label, a bad format)."""


@dataclass
class HomeOfficeReturn:
    force: Force
    period: Period
    produced: dt.datetime
    tables: list[Table]  # the Home Office tables, in their order
    reports: int  # reports counted
    awaiting_review: int
    returned: int

    @property
    def not_approved(self) -> int:
        return self.awaiting_review + self.returned

    @property
    def title(self) -> str:
        return f"Police use of force statistics: return for {self.force.name}, {self.period.label}"

    @property
    def period_text(self) -> str:
        return f"{_day(self.period.start)} to {_day(self.period.end)}"

    def filename(self, kind: str) -> str:
        return f"uof-home-office-return-{self.force.slug}-{self.period.label.replace('/', '-')}.{kind}"


def annual_period(label: str) -> Period:
    """The financial year a label names ("2025/26"); a quarter or anything else is refused."""
    text = (label or "").strip()
    try:
        period = parse_period(text)
    except PeriodError as error:
        raise ReturnError(f"{error}. The Home Office return is for a financial year, like 2025/26.") from None
    first = period.start.year if period.start.month >= 4 else period.start.year - 1
    if period != financial_year(first):
        raise ReturnError(f"‘{text}’ is a quarter: the Home Office return is for a whole financial year "
                          f"(1 April to 31 March), like {financial_year(first).label}.")
    return period


def recent_years(today: dt.date | None = None, count: int = 5) -> list[Period]:
    """The current financial year and the `count - 1` before it, newest first."""
    today = today or timezone.localdate()
    first = today.year if today.month >= 4 else today.year - 1
    return [financial_year(first - i) for i in range(count)]


def build(force: Force, period: Period | str, store=None, produced: dt.datetime | None = None) -> HomeOfficeReturn:
    """The return of `force` for a financial year (a Period or its label)."""
    if not isinstance(period, Period):
        period = annual_period(period)
    elif period != financial_year(period.start.year):
        raise ReturnError(f"‘{period.label}’ is not a financial year")
    result = service.statistics([force], period, store=store)
    tables = [t for t in result["tables"] if t.key.startswith("ho_table_")]
    by_key = {t.key: t for t in result["tables"]}
    recording = {row[0]: row for row in by_key["recording"].rows}
    summary = {row[0]: row for row in by_key["summary"].rows}
    return HomeOfficeReturn(
        force=force, period=period, produced=produced or timezone.localtime(), tables=tables,
        reports=int(summary["reports"][2]),
        awaiting_review=int(recording["reports awaiting review"][2]),
        returned=int(recording["reports returned to the officer"][2]))


def sheet_name(table: Table) -> str:
    """`ho_table_1` -> `Table_1`, the Home Office's sheet name."""
    return "Table_" + table.key.rsplit("_", 1)[1]


def _short_title(table: Table) -> str:
    """"Table 1: Number of times …" -> "Number of times …"."""
    head, _, rest = table.title.partition(": ")
    return rest[:1].upper() + rest[1:] if rest else head


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def layout(ret: HomeOfficeReturn, table: Table) -> tuple[list[str], list[list]]:
    """The header and rows of a table as the return shows them: as computed, except that Table 13's
    one line is named by the force, as in the Home Office's table (its "Police force" column)."""
    if table.key == "ho_table_13" and table.columns[:1] == ["scope"]:
        return (["Police force"] + table.columns[1:],
                [[ret.force.name] + row[1:] if row[:1] == ["selection"] else row for row in table.rows])
    return table.columns, table.rows


def _label_columns(table: Table) -> int:
    first = table.rows[0] if table.rows else []
    count = 0
    for value in first:
        if not isinstance(value, str):
            break
        count += 1
    return max(count, 1)


# --- CSV -----------------------------------------------------------------------------------------

def as_csv(ret: HomeOfficeReturn) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    scope = [ret.force.slug, ret.period.label]
    for row, value in (("reports counted", ret.reports), ("reports not yet approved", ret.not_approved),
                       ("reports awaiting review", ret.awaiting_review),
                       ("reports returned to the officer", ret.returned)):
        writer.writerow(scope + [COVER, ret.title, "", row, "reports", value])
    for table in ret.tables:
        labels = _label_columns(table)
        columns, rows = layout(ret, table)
        for number, row in enumerate(rows, start=1):
            label = " / ".join(str(x) for x in row[:labels])
            for column, value in zip(columns[labels:], row[labels:]):
                writer.writerow(scope + [sheet_name(table), table.title, number, label, column,
                                         "" if value is None else value])
    return out.getvalue()


# --- ODS -----------------------------------------------------------------------------------------

class _Styles:
    def __init__(self, doc):
        from odf.number import Number, NumberStyle
        from odf.style import (
            ParagraphProperties,
            Style,
            TableCellProperties,
            TableColumnProperties,
            TextProperties,
        )

        counts = NumberStyle(name="N_count")
        counts.addElement(Number(decimalplaces="0", minintegerdigits="1", grouping="true"))
        doc.automaticstyles.addElement(counts)

        def add(style):
            doc.automaticstyles.addElement(style)
            return style

        self.title = add(Style(name="ce_title", family="table-cell"))
        self.title.addElement(TextProperties(fontweight="bold", fontsize="14pt"))
        self.bold = add(Style(name="ce_bold", family="table-cell"))
        self.bold.addElement(TextProperties(fontweight="bold"))
        self.header = add(Style(name="ce_header", family="table-cell"))
        self.header.addElement(TextProperties(fontweight="bold"))
        self.header.addElement(TableCellProperties(wrapoption="wrap", verticalalign="bottom"))
        self.header.addElement(ParagraphProperties(textalign="start"))
        self.number = add(Style(name="ce_count", family="table-cell", datastylename="N_count"))
        self.wrap = add(Style(name="ce_wrap", family="table-cell"))
        self.wrap.addElement(TableCellProperties(wrapoption="wrap", verticalalign="top"))
        self.wide = add(Style(name="co_wide", family="table-column"))
        self.wide.addElement(TableColumnProperties(columnwidth="9cm"))
        self.medium = add(Style(name="co_medium", family="table-column"))
        self.medium.addElement(TableColumnProperties(columnwidth="3.2cm"))
        self.cover_text = add(Style(name="co_text", family="table-column"))
        self.cover_text.addElement(TableColumnProperties(columnwidth="16cm"))


def _cell(value=None, style=None, link: str | None = None):
    from odf.table import TableCell
    from odf.text import A, P

    attrs = {"stylename": style} if style is not None else {}
    if value is None:
        return TableCell(**attrs)
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, (int, float)):
        cell = TableCell(valuetype="float", value=repr(value) if isinstance(value, float) else str(value), **attrs)
        cell.addElement(P(text=f"{value:,}"))
        return cell
    cell = TableCell(valuetype="string", **attrs)
    paragraph = P()
    if link:
        paragraph.addElement(A(href=link, type="simple", text=str(value)))
    else:
        paragraph.addText(str(value))
    cell.addElement(paragraph)
    return cell


def _row(*cells):
    from odf.table import TableCell, TableRow

    row = TableRow()
    for cell in cells or [TableCell()]:  # a row holds at least one cell, even when blank
        row.addElement(cell)
    return row


def _sheet(name: str, columns: list):
    from odf.table import Table as Sheet
    from odf.table import TableColumn

    sheet = Sheet(name=name)
    for style in columns:
        sheet.addElement(TableColumn(stylename=style))
    return sheet


def _numeric_style(styles: _Styles, value):
    return styles.number if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _cover(ret: HomeOfficeReturn, styles: _Styles):
    sheet = _sheet(COVER, [styles.wide, styles.cover_text, styles.medium])
    sheet.addElement(_row(_cell(ret.title, styles.title)))
    sheet.addElement(_row())
    facts = [
        ("Force", ret.force.name),
        ("Period", f"{ret.period_text} (financial year {ret.period.label}; incident dates, UK time)"),
        ("Produced", f"{_day(ret.produced)} {ret.produced:%H:%M}"),
        ("Counting unit", UNIT_EXPLANATION),
        ("Double counting", DOUBLE_COUNTING),
        ("What counts", WHAT_COUNTS),
        ("Reports counted", ret.reports),
        ("Reports not yet approved", ret.not_approved),
        ("  of which awaiting review", ret.awaiting_review),
        ("  of which returned to the officer", ret.returned),
        ("Not included", NOT_INCLUDED),
        ("Source", "uof, from this force's use of force reports. Labels and layout follow the Home Office's "
                   "\"Police use of force statistics, England and Wales\" tables (2019/20 layout)."),
    ]
    for label, value in facts:
        sheet.addElement(_row(_cell(label, styles.bold),
                              _cell(value, _numeric_style(styles, value) or styles.wrap)))
    sheet.addElement(_row())
    sheet.addElement(_row(_cell("Contents", styles.title)))
    sheet.addElement(_row(_cell("Sheet", styles.header), _cell("Title", styles.header)))
    for table in ret.tables:
        name = sheet_name(table)
        sheet.addElement(_row(_cell(name, link=f"#{name}.A1"), _cell(_short_title(table), styles.wrap)))
    return sheet


def _table_sheet(ret: HomeOfficeReturn, table: Table, styles: _Styles):
    width = max([len(table.columns)] + [len(r) for r in table.rows])
    labels = _label_columns(table)
    sheet = _sheet(sheet_name(table), [styles.wide] * labels + [styles.medium] * (width - labels))
    sheet.addElement(_row(_cell(table.title, styles.title)))
    sheet.addElement(_row(_cell(f"{ret.force.name}, {ret.period_text} (financial year {ret.period.label}). "
                                f"Counting unit: {table.unit}.")))
    sheet.addElement(_row(_cell("Contents", link=f"#{COVER}.A1")))
    columns, rows = layout(ret, table)
    sheet.addElement(_row(*[_cell(c, styles.header) for c in columns]))
    for values in rows:
        sheet.addElement(_row(*[_cell(v, _numeric_style(styles, v)) for v in values]))
    if table.notes:
        sheet.addElement(_row())
        sheet.addElement(_row(_cell("Notes", styles.bold)))
        for note in table.notes:
            sheet.addElement(_row(_cell(note)))
    return sheet


def as_ods(ret: HomeOfficeReturn) -> bytes:
    from odf.dc import Title
    from odf.opendocument import OpenDocumentSpreadsheet

    doc = OpenDocumentSpreadsheet()
    doc.meta.addElement(Title(text=ret.title))
    styles = _Styles(doc)
    doc.spreadsheet.addElement(_cover(ret, styles))
    for table in ret.tables:
        doc.spreadsheet.addElement(_table_sheet(ret, table, styles))
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def render(ret: HomeOfficeReturn, kind: str) -> bytes:
    if kind == "ods":
        return as_ods(ret)
    if kind == "csv":
        return as_csv(ret).encode("utf-8")
    raise ReturnError(f"‘{kind}’ is not a format of the return: use ods or csv")
