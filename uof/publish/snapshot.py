"""What a publication shows: the statistics tables with disclosure control applied.

One function (`build`) makes the whole public snapshot as plain data; the dashboard, the CSV and
JSON files, the API and the written summary all render from it, so they cannot disagree.
Withheld counts are None and listed in the table's `withheld` ([row, column] pairs); every
percentage is worked out again from the counts as shown (rounded or withheld), so none of them
reveals a withheld count.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import random
import secrets
from dataclasses import dataclass

from uof.stats.catalogue import PLACES, PUBLISHED, SUMMARY, TACTICS_USED
from uof.stats.periods import code_words, in_words, is_quarter
from uof.stats.rows import TACTIC_USES_KEY
from uof.stats.service import statistics

from .cells import COUNT_COLUMNS, DERIVED_ROWS, I, R, S, grid, row_keys, row_label
from .disclosure import Rule, protected_cells, rounded, small_group_cells, withhold
from .opendata import release, source_rows
from .revisions import PLAIN, Previous, facts_to_json, previous_facts, previously_withheld
from .summary import period_text, summary_paragraphs

# The tables a publication can contain, in the order the public reads them (the catalogue's).
PUBLIC_TABLES = list(PUBLISHED)
REQUIRED_TABLES = [m.key for m in PUBLISHED.values() if m.required]
LICENCE = {"name": "Open Government Licence v3.0",
           "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
WITHHELD = "[c]"
RECORDS_WITHHELD = ("No record-level file is published with these figures: one is published only for one force "
                    "and one quarter (so that no two files share a report), with exact counts, and when the number "
                    "of reports is at least the threshold. A collaboration's or a year's reports are in its forces' "
                    "quarterly files.")


def pct(part, whole) -> float | None:
    return round(100.0 * part / whole, 1) if part is not None and whole else None


@dataclass
class Snapshot:
    content: dict  # everything public, as shown
    records_csv: str  # the record-level open dataset ("" when none may be published)
    true_cells: list  # internal: [[table, row, column, exact count], ...] behind the shown ones
    file_facts: list  # internal: what the record-level file tells a reader (facts_to_json)
    # internal (the analyst's preview, never public): per table title, how many counts are withheld
    # for each reason (WHY_WITHHELD)
    withheld_why: dict = dataclasses.field(default_factory=dict)


WHY_WITHHELD = {"small": "counts from 1 to one less than the smallest count shown",
                "group": "counts of a group smaller than that (zeros too), so that nothing its few people share shows",
                "others": "counts withheld so that none of those can be worked out from other figures"}


def _why(cells, withheld: set, rule: Rule) -> dict:
    small, group = protected_cells(cells, rule), small_group_cells(cells, rule)
    out: dict = {}
    for cell in withheld:
        reason = "small" if cell in small else "group" if cell in group else "others"
        table = PUBLISHED[cell[0]].title
        out.setdefault(table, dict.fromkeys(WHY_WITHHELD, 0))[reason] += 1
    return {title: out[title] for title in (m.title for m in PUBLISHED.values()) if title in out}


def build(scope: dict, forces, period, rule: Rule, tables: list[str] | None = None,
          previous: Previous | None = None, record_for=None) -> Snapshot:
    """The public snapshot of these forces' figures for the period (nothing is saved). With
    `previous` (the revision it replaces), disclosure control also checks the two together; with
    `record_for` (cells -> overlap.PublicRecord), together with every publication sharing reports."""
    wanted = [k for k in PUBLIC_TABLES if k in REQUIRED_TABLES or tables is None or k in tables]
    result = statistics(forces, period)
    comparisons = _comparisons(scope, period)
    source = [_without_unpublished(t, comparisons) if t.key == SUMMARY.key else t
              for t in result["tables"] if t.key in wanted]
    cells = grid(source)
    # The record-level file is published only with exact counts and when the number of reports is
    # shown (the file has one row per report); it hides whatever the tables withhold, and the two
    # are checked together.
    records, rows = None, None
    if scope["kind"] == "force" and is_quarter(period) and rule.rounding <= 1 \
            and cells.values.get(R, 0) >= rule.threshold:
        rows = source_rows(forces, period.start, period.end)
        # In an order of its own, fixed when published: no two files (or revisions) line up row by row.
        random.Random(secrets.randbits(64)).shuffle(rows)

    earlier = previous_facts(previous, set(cells.values)) if previous else []
    record = record_for(cells) if record_for else None
    if record is not None:
        earlier = earlier + record.facts

    def other_facts(hidden):
        nonlocal records
        if rows is None:
            return earlier
        records = release(rows, hidden, set(cells.values), rule.threshold, period.label)
        return records[1] + earlier
    if record is not None:  # it holds every revision's withheld counts, less those already pinned
        withheld = withhold(cells, rule, other_facts, record.targets, record.known, record.prefer,
                            record.given_away)
    else:
        before = previously_withheld(previous, rule.threshold, rule.small_force_counts) if previous else []
        withheld = withhold(cells, rule, other_facts, before)
    shown = {c: (None if c in withheld else rounded(v, rule)) for c, v in cells.values.items()}
    public = [_public_table(t, shown, rule, comparisons) for t in source]
    content = {
        "scope": scope,
        "period": {**result["period"], "text": period_text(result["period"]),
                   "words": in_words(period.label, period.start, period.end), "code": code_words(period.label)},
        "previous_period": result["previous_period"], "year_earlier": result["year_earlier"],
        "comparisons": comparisons, "labels": PLAIN,
        "rule": {**rule.as_dict(), "tables": wanted}, "rule_text": rule.describe(),
        "tables": public,
        "withheld_cells": sum(len(t["withheld"]) for t in public),
        "licence": LICENCE,
        "source": f"{scope['name']}: use of force reports recorded in uof, counted by the date of the incident "
                  f"(UK time).",
        "prepared_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    content["summary"] = summary_paragraphs(content)
    content["records"] = {"published": records is not None, "rows": cells.values.get(R, 0) if records else 0,
                          "columns": records[0].split("\n", 1)[0].split(",") if records else [],
                          "why_not": "" if records else RECORDS_WITHHELD}
    return Snapshot(content, records[0] if records else "", [[*c, v] for c, v in cells.values.items()],
                    facts_to_json(records[1]) if records else [], _why(cells, withheld, rule))


def _comparisons(scope: dict, period) -> list[dict]:
    """The summary's two comparison columns: which period each is, and whether anything is published
    for it (if not, the column says "no data", not 0)."""
    from .models import Publication

    out = []
    for column, other in (("previous period", period.previous()), ("a year earlier", period.year_earlier())):
        published = Publication.objects.filter(scope_kind=scope["kind"], scope_slug=scope["slug"],
                                               period_label=other.label).exists()
        out.append({"column": column, "label": other.label, "from": other.start.isoformat(),
                    "to": other.end.isoformat(), "words": in_words(other.label, other.start, other.end),
                    "code": code_words(other.label), "published": published})
    return out


def _without_unpublished(table, comparisons: list[dict]):
    """The summary with the columns of unpublished periods emptied: not shown, so not cells either."""
    empty = [table.columns.index(c["column"]) for c in comparisons if not c["published"]]
    if not empty:
        return table
    rows = [[None if j in empty else v for j, v in enumerate(row)] for row in table.rows]
    return dataclasses.replace(table, rows=rows)


def _public_table(table, shown: dict, rule: Rule, comparisons: list[dict] = ()) -> dict:
    key = table.key
    counts = COUNT_COLUMNS[key]
    total = {"reports": shown.get(R), "incidents": shown.get(I), "subjects": shown.get(S)}
    rows, withheld, keys = [], [], row_keys(table)
    for row_key, row in zip(keys, table.rows):
        out = list(row)
        for j, column in enumerate(table.columns):
            if column in counts and row_key not in DERIVED_ROWS:
                cell = (key, row_key, column)
                out[j] = shown.get(cell) if cell in shown else row[j]
                if cell in shown and shown[cell] is None:
                    withheld.append([len(rows), j])
        _derive(key, table.columns, row_key, out, total)
        rows.append(out)
    if key == PLACES.key:
        rows, withheld, keys = _largest_districts_first(table.columns, rows, withheld, keys)
    denominator = table.denominator
    if "reports" in denominator or "subjects" in denominator or "incidents" in denominator:
        denominator = _denominator(key, total)
    notes, no_data = list(table.notes), []
    if key == SUMMARY.key:
        for c in comparisons:
            j = table.columns.index(c["column"])
            when = f"{c['words']} ({c['code']})" if c["code"] else c["words"]
            notes.append(f"{c['column'].capitalize()}: {when}" + ("." if c["published"] else
                         "; nothing is published for it, so there is no data to compare with."))
            if not c["published"]:
                no_data += [[i, jj] for i, row_key in enumerate(keys) if row_key not in DERIVED_ROWS
                            for jj in (j, j + 1)]
    return {"key": key, "title": table.title, "unit": table.unit, "columns": list(table.columns), "rows": rows,
            "keys": keys, "withheld": withheld, "no_data": no_data, "denominator": denominator, "notes": notes}


def _largest_districts_first(columns: list[str], rows: list, withheld: list, keys: list) -> tuple[list, list, list]:
    """District blocks ordered by their total as shown (withheld ones last, by name): ordering by the
    true totals would tell a reader where a withheld total lies."""
    reports = columns.index("reports")
    hidden = {tuple(x) for x in withheld}
    blocks: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        blocks.setdefault(row[0], []).append(i)

    def order(item):
        district, indexes = item
        total = rows[indexes[-1]][reports]
        return (total is None, -(total or 0), district)
    new_rows, new_withheld, new_keys = [], [], []
    for _, indexes in sorted(blocks.items(), key=order):
        for i in indexes:
            new_withheld += [[len(new_rows), j] for j in range(len(columns)) if (i, j) in hidden]
            new_rows.append(rows[i])
            new_keys.append(keys[i])
    return new_rows, new_withheld, new_keys


def _derive(key: str, columns: list[str], row_key: str, out: list, total: dict) -> None:
    """Percentages and ratios worked out again from the counts as shown."""
    at = {c: i for i, c in enumerate(columns)}
    relations = PUBLISHED[key].relations
    if relations == "headline":
        if row_key in DERIVED_ROWS:
            reports, incidents = total["reports"], total["incidents"]
            out[at["count"]] = round(reports / incidents, 2) if reports is not None and incidents else None
            return
        count, previous, year = out[at["count"]], out[at["previous period"]], out[at["a year earlier"]]
        out[at["change (%)"]] = pct(count - previous, previous) if None not in (count, previous) else None
        out[at["change on a year (%)"]] = pct(count - year, year) if None not in (count, year) else None
        return
    for column, index in at.items():
        if not column.startswith("share"):
            continue
        if relations == "report_counts":
            unit = out[at["unit"]]
            out[index] = pct(out[at["count"]], total["incidents" if unit == "incident" else "reports"])
        elif key == TACTICS_USED.key and row_key == TACTIC_USES_KEY:
            out[index] = None
        elif "subjects" in column:
            out[index] = pct(out[at["subjects"]], total["subjects"])
        else:
            count_column = "reports" if "reports" in at else next(c for c in COUNT_COLUMNS[key] if c in at)
            out[index] = pct(out[at[count_column]], total["reports"])


def _denominator(key: str, total: dict) -> str:
    def n(x):
        return "[c]" if x is None else f"{x:,}"
    relations = PUBLISHED[key].relations
    if relations == "report_counts":
        return f"incident rows: share of {n(total['incidents'])} incidents; report rows: share of " \
               f"{n(total['reports'])} reports"
    if relations == "perceived":
        return f"shares of all {n(total['reports'])} reports and of all {n(total['subjects'])} subjects"
    if relations == "headline":
        return "change is a percentage of the earlier period's count"
    return f"share of all {n(total['reports'])} reports"


def table_by_key(content: dict, key: str) -> dict | None:
    return next((t for t in content["tables"] if t["key"] == key), None)


HEADLINE_MEASURES = ("reports", "incidents", "subjects", "tactic uses")
MEASURE_WORDS = {"subjects": "people (subjects)"}


def headlines(content: dict) -> dict:
    """The headline figures, each cell found by its column's name: the summary table, and per
    measure its count and the previous period's (None when withheld, with `withheld` saying so)."""
    table = table_by_key(content, SUMMARY.key)
    columns = table["columns"]
    hidden = {(i, columns[j]) for i, j in table["withheld"]}
    figures = []
    for i, row in enumerate(table["rows"]):
        cell = dict(zip(columns, row))
        if cell["measure"] not in HEADLINE_MEASURES:
            continue
        figures.append({"key": cell["measure"], "measure": MEASURE_WORDS.get(cell["measure"], cell["measure"]), "unit": cell["unit"],
                        "count": cell["count"], "count_withheld": (i, "count") in hidden,
                        "previous": cell["previous period"], "previous_withheld": (i, "previous period") in hidden,
                        "change": cell["change (%)"]})
    return {"table": table, "figures": figures}


def changes_between(before: dict, after: dict) -> list[dict]:
    """Shown figures that differ between two snapshots (withheld shown as [c]); a table only in
    one of them is one line."""
    labels = {}  # cell -> the row as a reader sees it

    def cells(content):
        out = {}
        for table in content["tables"]:
            hidden = {tuple(x) for x in table["withheld"]}
            for i, (row_key, row) in enumerate(zip(row_keys(table), table["rows"])):
                for j, column in enumerate(table["columns"]):
                    if column in COUNT_COLUMNS.get(table["key"], ()) and row_key not in DERIVED_ROWS:
                        out[(table["key"], row_key, column)] = WITHHELD if (i, j) in hidden else row[j]
                        labels[(table["key"], row_key, column)] = row_label(table["key"], row)
        return out
    old, new = cells(before), cells(after)
    old_tables = {t["key"]: t["title"] for t in before["tables"]}
    new_tables = {t["key"]: t["title"] for t in after["tables"]}
    lines = [{"table": title, "row": "(whole table)", "column": "", "before": "–", "after": "added"}
             for key, title in new_tables.items() if key not in old_tables]
    lines += [{"table": title, "row": "(whole table)", "column": "", "before": "published", "after": "removed"}
              for key, title in old_tables.items() if key not in new_tables]
    both = set(old_tables) & set(new_tables)
    keys = [k for k in old if k[0] in both] + [k for k in new if k[0] in both and k not in old]
    # Cells are matched by table key, never by title: a retitled table is the same table.
    return lines + [{"table": new_tables[k[0]], "row": labels[k], "column": k[2], "before": old.get(k, "–"),
                     "after": new.get(k, "–")} for k in keys if old.get(k) != new.get(k)]
