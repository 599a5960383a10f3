"""CSV and JSON renderings of a published snapshot (the pages render the same data as HTML)."""
from __future__ import annotations

import csv
import io
import json

from .cells import COUNT_COLUMNS
from .snapshot import WITHHELD

# `row` is what a reader sees; `row_code` the row's stable code (option codes, district codes), the
# same in every publication however the row is worded.
LONG_HEADER = ["table", "unit", "row", "row_code", "column", "value", "status"]


def _labels(table: dict) -> int:
    counts = COUNT_COLUMNS.get(table["key"], ())
    return next((i for i, c in enumerate(table["columns"]) if c in counts), 1)


def cell_status(table: dict, i: int, j: int, value) -> str:
    if [i, j] in table["withheld"]:
        return "withheld"
    if [i, j] in table.get("no_data", []):
        return "no data"  # nothing is published for the period it compares with
    return "not applicable" if value is None else "shown"


def table_csv(table: dict) -> str:
    """One table as on the page: its columns, withheld counts as [c], blanks where nothing applies."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table["columns"])
    for i, row in enumerate(table["rows"]):
        writer.writerow([WITHHELD if [i, j] in table["withheld"] else ("" if v is None else v)
                         for j, v in enumerate(row)])
    return out.getvalue()


def publication_csv(content: dict) -> str:
    """Every table in long form: one line per figure, with whether it is shown or withheld."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LONG_HEADER)
    for table in content["tables"]:
        labels, codes = _labels(table), table.get("keys") or [""] * len(table["rows"])
        for i, (code, row) in enumerate(zip(codes, table["rows"])):
            name = " / ".join(str(x) for x in row[:labels])
            for j in range(labels, len(row)):
                status = cell_status(table, i, j, row[j])
                writer.writerow([table["key"], table["unit"], name, code, table["columns"][j],
                                 "" if row[j] is None else row[j], status])
    return out.getvalue()


def public_json(content: dict, meta: dict, table: dict | None = None) -> str:
    body = {**meta, "licence": content["licence"], "source": content["source"], "rule": content["rule"],
            "rule_text": content["rule_text"]}
    if table is not None:
        body["table"] = table
    else:
        body.update({"summary": [p["text"] for p in content["summary"]], "tables": content["tables"]})
    return json.dumps(body, indent=1, ensure_ascii=False)
