"""Rates and disproportionality, from the denominators an administrator loads.

Rates per 1,000 residents use census population (ethnicity there is self-defined; ours is
officer-perceived, so the two do not measure quite the same thing). Disproportionality is the
rate for a group divided by the rate for White people, with a 95% confidence interval by the
Katz log method: ln(RR) ± 1.96·√(1/a − 1/N₁ + 1/b − 1/N₀). The counting unit is the report.
"""
from __future__ import annotations

import math

import numpy as np
from django.db.models import Sum

from uof.reports.vocabulary import ETHNICITIES

from .catalogue import RATES
from .models import Denominator
from .periods import Period
from .tables import Selection, Table

CAVEAT = ("Census ethnicity is self-defined; the ethnicity in use-of-force reports is perceived by the officer, "
          "so rates and ratios compare two different measures.")
METHOD = "95% confidence intervals by the Katz log method for a ratio of two rates."


def _population(forces, district=None) -> dict[str, int]:
    """Population by Home Office ethnicity category ('' = everyone)."""
    qs = Denominator.objects.filter(force__in=forces, kind=Denominator.Kind.POPULATION, district=district)
    out: dict[str, int] = {}
    for code, total in qs.values_list("ethnicity").annotate(total=Sum("value")):
        key = ETHNICITIES.get(code).ho_category if code else ""
        out[key] = out.get(key, 0) + total
    return out


def _activity(forces, kind: str, period: Period) -> int | None:
    total = (Denominator.objects.filter(force__in=forces, kind=kind, district__isnull=True,
                                        period_from__gte=period.start, period_to__lte=period.end)
             .aggregate(total=Sum("value"))["total"])
    return total


def katz(a: int, n1: int, b: int, n0: int) -> tuple[float | None, float | None, float | None]:
    if not (a and b and n1 and n0):
        return None, None, None
    ratio = (a / n1) / (b / n0)
    se = math.sqrt(max(0.0, 1 / a - 1 / n1 + 1 / b - 1 / n0))
    return round(ratio, 2), round(math.exp(math.log(ratio) - 1.96 * se), 2), round(math.exp(math.log(ratio) + 1.96 * se), 2)


def rates(sel: Selection, forces, period: Period) -> Table:
    rows, missing = [], []
    population = _population(forces)
    codes = sel.a["ethnicity"]
    groups: dict[str, list[int]] = {}
    for i, option in enumerate(ETHNICITIES.options):
        groups.setdefault(option.ho_category, []).append(i + 1)
    counts = {label: int(np.isin(codes, values).sum()) for label, values in groups.items()}
    total_population = population.get("")
    if total_population:
        rows.append(["All people", "per 1,000 residents", sel.n, total_population,
                     round(1000 * sel.n / total_population, 2), None, None, None])
    else:
        missing.append("resident population of the force(s)")
    white, white_population = counts.get("White", 0), population.get("White")
    for label, count in counts.items():
        people = population.get(label)
        if not people:
            missing.append(f"population: {label}")
            rows.append([label, "per 1,000 residents", count, None, None, None, None, None])
            continue
        ratio, low, high = (1.0, None, None) if label == "White" else katz(count, people, white, white_population or 0)
        rows.append([label, "per 1,000 residents", count, people, round(1000 * count / people, 2), ratio, low, high])
    for kind, unit, scale in ((Denominator.Kind.ARRESTS, "per 100 arrests", 100),
                              (Denominator.Kind.INCIDENTS_ATTENDED, "per 1,000 incidents attended", 1000)):
        total = _activity(forces, kind, period)
        if total:
            rows.append(["All people", unit, sel.n, total, round(scale * sel.n / total, 2), None, None, None])
        else:
            missing.append(f"{kind.replace('_', ' ')} for {period.label}")
    for district_row in _district_rates(sel, forces):
        rows.append(district_row)
    notes = [CAVEAT, METHOD, "Ratios are relative to White (1.0); a ratio above 1 means a higher rate."]
    if missing:
        notes.append("No denominator has been loaded for: " + "; ".join(missing) + ". Those rates are not given.")
    return Table(key=RATES.key, title=RATES.title, unit=RATES.unit, columns=["group", "rate", "reports", "denominator", "rate value", "ratio to White", "95% CI low",
                  "95% CI high"], rows=rows, denominator="reports per the denominator shown in each row", notes=notes)


def _district_rates(sel: Selection, forces) -> list[list]:
    out = []
    by_district = np.bincount(sel.a["district"], minlength=len(sel.store.districts))
    for d in np.flatnonzero(by_district):
        district = sel.store.districts[d]
        if district is None:
            continue
        people = _population(forces, district).get("")
        if people:
            out.append([district.name, "per 1,000 residents", int(by_district[d]), people,
                        round(1000 * int(by_district[d]) / people, 2), None, None, None])
    return out

