"""One entry point: the statistics of a set of forces for a period, as tables (one function
builds the data; JSON and CSV render from it, so the formats never drift)."""
from __future__ import annotations

import csv
import io
import json

from uof.organisations.models import Collaboration, Force

from . import store as stores
from .catalogue import every_table
from .periods import Period
from .rates import rates
from .tables import Selection, Table


class ScopeError(ValueError):
    pass


def forces_for(slugs: list[str] | None = None, collaboration: str | None = None) -> list[Force]:
    if collaboration:
        group = Collaboration.objects.filter(slug=collaboration).first()
        if group is None:
            raise ScopeError(f"Unknown collaboration: {collaboration}")
        return list(group.forces.order_by("name"))
    known = {f.slug: f for f in Force.objects.order_by("name")}
    unknown = [s for s in slugs or [] if s not in known]
    if unknown:
        raise ScopeError(f"Unknown force: {', '.join(unknown)}. Known: {', '.join(known)}")
    return [known[s] for s in slugs] if slugs else list(known.values())


def statistics(forces: list[Force], period: Period, store=None) -> dict:
    store = store or stores.current()
    slugs = [f.slug for f in forces]

    def pick(p: Period) -> Selection:
        return Selection(store, store.select(slugs, p.start, p.end))

    selection = pick(period)
    tables = every_table(selection, pick(period.previous()), pick(period.year_earlier()))
    tables.append(rates(selection, forces, period))
    return {"forces": slugs, "period": {"label": period.label, "from": period.start.isoformat(),
                                        "to": period.end.isoformat()},
            "previous_period": period.previous().label, "year_earlier": period.year_earlier().label,
            "tables": tables}


def as_json(result: dict) -> str:
    return json.dumps({**result, "tables": [t.as_dict() for t in result["tables"]]}, indent=1, default=str)


CSV_HEADER = ["table", "unit", "row", "row_code", "column", "value"]


def as_csv(result: dict) -> str:
    """Long form: one line per cell, the row named by its label columns joined with ' / ' and by
    its code (Table.keys; empty for the Home Office layouts, which have none)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for table in result["tables"]:
        label_count = _label_columns(table)
        for code, row in zip(table.keys or [""] * len(table.rows), table.rows):
            label = " / ".join(str(x) for x in row[:label_count])
            for column, value in zip(table.columns[label_count:], row[label_count:]):
                writer.writerow([table.key, table.unit, label, code, column, "" if value is None else value])
    return out.getvalue()


def _label_columns(table: Table) -> int:
    for i, value in enumerate(table.rows[0] if table.rows else []):
        if not isinstance(value, str):
            return i
    return 1
