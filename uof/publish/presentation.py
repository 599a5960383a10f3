"""How a snapshot is laid out on the dashboard: which chart each section draws from which table.

Charts and table views read the same snapshot tables, so a chart never shows a figure the
table does not (withheld counts are drawn as [c], never as 0)."""
from __future__ import annotations

from uof.reports.tactics import GROUPS
from uof.stats.catalogue import PUBLISHED_MEASURES, RECORDING, TACTICS_USED
from uof.stats.periods import label_in_words
from uof.stats.rows import TASER_DISCHARGED, TASER_NOT_DISCHARGED

from .snapshot import table_by_key

# Totals and the Taser summary rows would double the bars they sum (the last two: their labels in
# publications made before the plain-English labels, which are shown as they were published).
LEAVE_OUT = ("Total / ", f"{GROUPS['less_lethal']} / {TASER_NOT_DISCHARGED}",
             f"{GROUPS['less_lethal']} / {TASER_DISCHARGED}",
             "Less lethal weapons / CED non-discharge", "Less lethal weapons / CED discharge")


def _bars(table: dict, rows: str | None, column: str) -> tuple[list[str], list]:
    at = table["columns"].index(column)
    labels_end = at if table["key"] != RECORDING.key else 1
    labels, values = [], []
    for i, row in enumerate(table["rows"]):
        name = " / ".join(str(x) for x in row[:labels_end])
        if rows is not None and row[1] != rows:
            continue
        if rows is None and name.startswith(LEAVE_OUT):
            continue
        labels.append(row[0] if rows is not None else (row[1] if table["key"] == TACTICS_USED.key else name))
        values.append(None if [i, at] in table["withheld"] else row[at])
    return labels, values


def sections(content: dict, trend: list | None = None) -> list[dict]:
    from .charts import bar_chart, line_chart

    out = []
    for m in PUBLISHED_MEASURES:
        table = table_by_key(content, m.key)
        if table is None or m.chart is None:
            continue
        labels, values = _bars(table, m.chart.rows, m.chart.value)
        unit = "incident and report (as stated per row)" if m is RECORDING else table["unit"].split(" (")[0]
        # The current title: a publication made before a table was retitled shows the same table.
        out.append({"id": m.section, "heading": m.title, "table": table, "unit": unit,
                    "chart": bar_chart(f"chart-{m.section}", m.title, unit, labels, values)})
    if trend and len(trend) > 1:
        periods = [label_in_words(label, short=True) for label, _ in trend]
        series = {m: [h.get(m) for _, h in trend] for m in ("reports", "incidents")}
        out.append({"id": "trend", "heading": "Across published periods", "table": None, "unit": "report and incident",
                    "chart": line_chart("chart-trend", "Reports and incidents across published periods",
                                        "report and incident", periods, series),
                    "trend": [(label_in_words(label), h) for label, h in trend]})
    return out

