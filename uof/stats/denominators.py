"""Loading denominators from CSV: all or nothing, with the row and column of every problem.

Columns: force, district, kind, ethnicity, period_from, period_to, value, source.
- kind: population, arrests or incidents_attended
- district: a district code of the force, or empty for the whole force
- ethnicity: a code of the ethnicity vocabulary (white, black, asian, mixed, other) or empty
- period_from/period_to: required for arrests and incidents_attended (YYYY-MM-DD)
"""
from __future__ import annotations

import csv
import datetime as dt
import io

from django.db import transaction

from uof.organisations.models import District, Force
from uof.reports.vocabulary import ETHNICITIES

from .models import Denominator

COLUMNS = ["force", "district", "kind", "ethnicity", "period_from", "period_to", "value", "source"]


class DenominatorErrors(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def load(text: str) -> int:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise DenominatorErrors([f"row 1: missing column(s): {', '.join(missing)}"])
    forces = {f.slug: f for f in Force.objects.all()}
    districts = {(d.force_id, d.code): d for d in District.objects.all()}
    rows, problems = [], []
    for number, raw in enumerate(reader, start=2):
        def problem(column, message, number=number):
            problems.append(f"row {number}, column {column}: {message}")

        force = forces.get((raw["force"] or "").strip())
        if force is None:
            problem("force", f"unknown force ‘{raw['force']}’")
            continue
        district = None
        if (raw["district"] or "").strip():
            district = districts.get((force.pk, raw["district"].strip()))
            if district is None:
                problem("district", f"‘{raw['district']}’ is not a district of {force.name}")
        kind = (raw["kind"] or "").strip()
        if kind not in Denominator.Kind.values:
            problem("kind", f"‘{kind}’ is not one of {', '.join(Denominator.Kind.values)}")
        ethnicity = (raw["ethnicity"] or "").strip()
        if ethnicity and ETHNICITIES.get(ethnicity) is None:
            problem("ethnicity", f"‘{ethnicity}’ is not an ethnicity code ({', '.join(ETHNICITIES.codes())})")
        dates = {}
        for column in ("period_from", "period_to"):
            value = (raw[column] or "").strip()
            try:
                dates[column] = dt.date.fromisoformat(value) if value else None
            except ValueError:
                problem(column, f"‘{value}’ is not a date (YYYY-MM-DD)")
        if kind in ("arrests", "incidents_attended") and not (dates.get("period_from") and dates.get("period_to")):
            problem("period_from", f"{kind} need period_from and period_to")
        try:
            value = int((raw["value"] or "").strip())
            if value < 0:
                raise ValueError
        except ValueError:
            problem("value", f"‘{raw['value']}’ is not a whole number of 0 or more")
            continue
        rows.append(Denominator(force=force, district=district, kind=kind, ethnicity=ethnicity, value=value,
                                source=(raw["source"] or "")[:200], **{k: v for k, v in dates.items()}))
    if problems:
        raise DenominatorErrors(problems)
    with transaction.atomic():
        for row in rows:
            Denominator.objects.update_or_create(
                force=row.force, district=row.district, kind=row.kind, ethnicity=row.ethnicity,
                period_from=row.period_from, period_to=row.period_to,
                defaults={"value": row.value, "source": row.source})
    return len(rows)
