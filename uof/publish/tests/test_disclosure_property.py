"""For random record sets and rules: no protected count is shown in any format, and an attacker
who solves linear programs over everything published cannot pin a withheld one.

The attacker here is written apart from uof/publish/disclosure.py: it reads the published files
(JSON and CSV), takes the relations between figures a reader could know (cells.grid's facts: rows
adding to totals and so on), and bounds each withheld protected count with scipy's linprog over
all unknowns at once.
"""
import csv
import io
import json
import math
from collections import Counter

import numpy as np
from django.db import transaction
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from scipy.optimize import linprog

from uof.publish import cells as cellmod
from uof.publish.disclosure import CannotProtect, Rule
from uof.publish.render import public_json, publication_csv
from uof.publish.revisions import Previous
from uof.publish.snapshot import build
from uof.reports.tactics import TACTICS
from uof.stats.periods import date_range
from uof.stats.service import statistics
from uof.stats.tests.builders import build_plans
from uof.stats.tests.test_recount_property import END, START, incident_plans, report_answers

rules = st.builds(Rule, threshold=st.integers(2, 8), rounding=st.sampled_from([1, 1, 5]),
                  small_force_counts=st.booleans())


def make_records(org, plans) -> None:
    build_plans(org, plans, START)


def shown_figures(content) -> dict:
    """(table, row code, column) -> value or None (withheld), read back from the JSON file."""
    data = json.loads(public_json(content, {}))
    out = {}
    for table in data["tables"]:
        counts = cellmod.COUNT_COLUMNS[table["key"]]
        for i, (code, row) in enumerate(zip(table["keys"], table["rows"])):
            for j, column in enumerate(table["columns"]):
                if column in counts and code not in cellmod.DERIVED_ROWS:
                    out[(table["key"], code, column)] = None if [i, j] in table["withheld"] else row[j]
    return out


def codes_by_label(content) -> dict:
    """(table, row as a reader sees it) -> the row's code, read from the JSON file."""
    data = json.loads(public_json(content, {}))
    return {(t["key"], " / ".join(str(x) for x in row[:cellmod.LABEL_COLUMNS.get(t["key"], 1)])): code
            for t in data["tables"] for code, row in zip(t["keys"], t["rows"])}


# What the record-level file's values stand for in the tables (literal: not taken from opendata.py).
QI_TABLES = {"age_band": "subjects_age_band", "gender": "subjects_gender", "ethnicity": "subjects_ethnicity"}
BROAD = {"Under 18": ["10 or under", "11 to 17"], "18 to 49": ["18 to 34", "35 to 49"],
         "50 and over": ["50 to 64", "65 or over"],
         "Ethnic minority": ["Black or Black British", "Asian or Asian British", "Mixed", "Other ethnic group"]}
INJ = "injuries"
REPORTS = ("summary", "reports", "count")


def _c(code):
    return (INJ, code, "reports")


# The record file's words -> the cells they count (the published row codes, written out here).
SINGLE = {
    "health": {v: {("subjects_health", code, "reports"): 1} for v, code in
               (("Mental health condition", "mental"), ("Physical health condition", "physical"),
                ("Physical and mental health conditions", "physical_and_mental"),
                ("No health condition", "none"), ("Not reported", "not_reported"))},
    "subject_injured": {"yes": {_c("subject_injured=yes"): 1}, "no": {_c("subject_injured=no"): 1},
                        "not known": {_c("subject_injured=unknown"): 1}},
    "subject_injury_level": {v: {_c(f"subject_injury_level={v}"): 1} for v in ("minor", "severe", "death")}
    | {"": {_c("subject_injured=no"): 1, _c("subject_injured=unknown"): 1}},
    "officer_injury_level": {v: {_c(f"officer_injury_level={v}"): 1} for v in ("minor", "severe")}
    | {"": {REPORTS: 1, _c("officer_injured=yes"): -1}},
    **{column: {"yes": {_c(f"{column}=yes"): 1}, "no": {REPORTS: 1, _c(f"{column}=yes"): -1}}
       for column in ("officer_injured", "spat_at", "threatened_with_weapon")},
}


def file_facts(records_csv: str, cells: set, shown: dict, codes: dict) -> list:
    """Facts a reader gets from the record-level file about the tables' counts (a category the
    tables withhold is [c] in the file, never part of a broader group). `codes`: codes_by_label."""
    rows = list(csv.DictReader(io.StringIO(records_csv)))
    if not rows:
        return []
    out = [cellmod.Fact(((REPORTS, 1),), len(rows), len(rows))]
    kept = [r for r in rows if r["qi_withheld"] == "no"]
    n_sup = len(rows) - len(kept)

    def add(terms, low, high):
        terms = {c: k for c, k in terms.items() if c in cells}
        if terms:
            out.append(cellmod.Fact(tuple(terms.items()), low, high))
    for column, table in QI_TABLES.items():
        categories = {c[1] for c in cells if c[0] == table and c[2] == "reports"}
        counts = Counter(r[column] for r in kept)
        named = set()
        for value, n in counts.items():
            code = codes.get((table, value))
            members = [code] if code in categories else [
                codes[(table, m)] for m in BROAD.get(value, [])
                if (table, m) in codes and shown.get((table, codes[(table, m)], "reports"), 0) is not None]
            named |= set(members)
            if members:
                add({(table, m, "reports"): 1 for m in members}, n, n + n_sup)
        if counts.get("[c]"):
            add({(table, m, "reports"): 1 for m in categories - named}, counts["[c]"], counts["[c]"] + n_sup)
    for value, n in Counter(r["district"] for r in kept).items():
        if value != "[c]":
            add({("places", codes[("places", f"{value} / district total")], "reports"): 1}, n, n + n_sup)
    for column, values in SINGLE.items():
        if column not in rows[0]:
            continue
        counts = Counter(r[column] for r in rows)
        hidden = {}
        for value, terms in values.items():
            if value in counts or counts.get("[c]", 0) == 0:
                add(terms, counts.get(value, 0), counts.get(value, 0))
            else:
                for c, k in terms.items():
                    hidden[c] = hidden.get(c, 0) + k
        if counts.get("[c]"):
            add(hidden, counts["[c]"], counts["[c]"])
    return out


def attack(facts, shown: dict, rule: Rule, targets) -> dict:
    """Bounds of each target from the shown figures (intervals if rounded) and the facts."""
    names = sorted({c for f in facts for c in f.cells()} | set(targets) | set(shown))
    at = {c: i for i, c in enumerate(names)}
    bounds = []
    for c in names:
        v = shown.get(c)
        if v is None:
            bounds.append((0, None))
        elif rule.rounding > 1:
            bounds.append((max(0, v - rule.rounding / 2), v + rule.rounding / 2))
        else:
            bounds.append((v, v))
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    for fact in facts:
        row = np.zeros(len(names))
        for c, k in fact.terms:
            row[at[c]] += k
        if fact.lo == fact.hi:
            a_eq.append(row)
            b_eq.append(fact.lo)
        else:
            if fact.hi != math.inf:
                a_ub.append(row)
                b_ub.append(fact.hi)
            if fact.lo != -math.inf:
                a_ub.append(-row)
                b_ub.append(-fact.lo)
    out = {}
    for target in targets:
        objective = np.zeros(len(names))
        objective[at[target]] = 1
        ends = []
        for sign in (1, -1):
            result = linprog(sign * objective, A_ub=np.array(a_ub) if a_ub else None, b_ub=b_ub or None,
                             A_eq=np.array(a_eq) if a_eq else None, b_eq=b_eq or None, bounds=bounds,
                             method="highs")
            assert result.status in (0, 3), result.message
            ends.append(math.inf if result.status == 3 else sign * result.fun)
        out[target] = tuple(ends)
    return out


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(plans=incident_plans, rule=rules)
def test_no_protected_count_is_shown_or_recoverable(org, plans, rule):
    with transaction.atomic():
        make_records(org, plans)
        period = date_range(START, END)
        scope = {"kind": "force", "slug": "cambridgeshire", "name": "Cambridgeshire Constabulary"}
        snapshot = build(scope, [org.cambs], period, rule)
        content, records_csv = snapshot.content, snapshot.records_csv
        truth = cellmod.grid(statistics([org.cambs], period)["tables"])
        protected = {c for c, v in truth.values.items() if 0 < v < rule.threshold
                     and (c[0] == "places" or not rule.small_force_counts)}
        shown = shown_figures(content)
        # 1. No protected count is shown: JSON, the long CSV, the summary's figures.
        for cell in protected:
            assert shown[cell] is None, f"{cell} = {truth.values[cell]} is shown"
        long_csv = list(csv.DictReader(io.StringIO(publication_csv(content))))
        for line in long_csv:
            if line["status"] == "withheld":
                assert line["value"] == ""
        withheld_lines = {(x["table"], x["row_code"], x["column"]) for x in long_csv if x["status"] == "withheld"}
        assert {c for c in protected} <= withheld_lines
        for paragraph in content["summary"]:
            for figure in paragraph["figures"]:
                cell = (figure["table"], figure["row"], figure["column"])
                if cell in protected:
                    assert figure["value"] is None
        # 2. No withheld protected count can be pinned from everything published.
        targets = sorted(protected)
        if records_csv:
            assert rule.rounding == 1 and not any(w in records_csv for w in ("ST-", "@"))
            check_k_anonymity(records_csv, rule.threshold)
        if targets:
            facts = truth.facts + file_facts(records_csv, set(truth.values), shown, codes_by_label(content))
            for fact in facts:  # every fact a reader has is true
                value = sum(k * truth.values[c] for c, k in fact.terms)
                assert fact.lo - 1e-6 <= value <= fact.hi + 1e-6, (fact, value)
            for cell, (low, high) in attack(facts, shown, rule, targets).items():
                assert low <= truth.values[cell] + 1e-6 and truth.values[cell] <= high + 1e-6
                assert high == math.inf or math.floor(high + 1e-6) - math.ceil(low - 1e-6) >= 1, \
                    f"{cell} = {truth.values[cell]} pinned to {low}..{high}"
        transaction.set_rollback(True)


def check_k_anonymity(records_csv: str, k: int) -> None:
    rows = list(csv.DictReader(io.StringIO(records_csv)))
    combos = Counter((r["district"], r["month"], r["age_band"], r["gender"], r["ethnicity"]) for r in rows)
    small = {key: n for key, n in combos.items() if n < k}
    assert not small, f"combinations seen fewer than {k} times: {small}"


later_plans = st.lists(st.tuples(st.integers(0, 90), st.sampled_from(["peterborough", "cambridge"]),
                                 st.lists(report_answers, min_size=1, max_size=2)), min_size=1, max_size=3)


def _earlier(cell):
    return ("earlier " + cell[0], cell[1], cell[2])


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(plans=incident_plans, later=later_plans, rule=rules)
def test_a_revision_and_the_one_it_replaces_give_nothing_away_together(org, plans, later, rule):
    """Late reports, then a revision: from both revisions (tables and files) and the number of
    reports that changed, no protected count of either can be pinned."""
    with transaction.atomic():
        period = date_range(START, END)
        scope = {"kind": "force", "slug": "cambridgeshire", "name": "Cambridgeshire Constabulary"}
        make_records(org, plans)
        first = build(scope, [org.cambs], period, rule)
        truth1 = cellmod.grid(statistics([org.cambs], period)["tables"])
        make_records(org, later)
        changed = sum(len(reports) for _, _, reports in later)
        try:
            second = build(scope, [org.cambs], period, rule,
                           previous=Previous(first.content, first.true_cells, changed, first.file_facts))
        except CannotProtect:
            # A legitimate refusal (publishing says so and asks for a higher smallest count or fewer
            # tables): e.g. the first revision showed 0 deaths and one late report records one, so
            # whatever is withheld now, [c] where 0 was says a death was added. Nothing to attack.
            reject()
        truth2 = cellmod.grid(statistics([org.cambs], period)["tables"])
        shown1, shown2 = shown_figures(first.content), shown_figures(second.content)

        def protected(truth, shown):
            return {c for c, v in truth.values.items() if 0 < v < rule.threshold and shown[c] is None
                    and (c[0] == "places" or not rule.small_force_counts)}
        facts = truth2.facts + file_facts(second.records_csv, set(truth2.values), shown2, codes_by_label(second.content))
        facts += [cellmod.Fact(tuple((_earlier(c), k) for c, k in f.terms), f.lo, f.hi)
                  for f in truth1.facts + file_facts(first.records_csv, set(truth1.values), shown1, codes_by_label(first.content))]
        many = len(TACTICS.options)
        for cell in set(truth1.values) & set(truth2.values):
            bound = changed * (many if cell == cellmod.TU or cell[1] == "tactic_uses" else 1)
            facts.append(cellmod.Fact(((cell, 1), (_earlier(cell), -1)), -bound, bound))
        values = {**truth2.values, **{_earlier(c): v for c, v in truth1.values.items()}}
        for fact in facts:
            value = sum(k * values[c] for c, k in fact.terms)
            assert fact.lo - 1e-6 <= value <= fact.hi + 1e-6, (fact, value)
        shown = {**shown2, **{_earlier(c): v for c, v in shown1.items()}}
        targets = sorted(protected(truth2, shown2)) + sorted(_earlier(c) for c in protected(truth1, shown1))
        for cell, (low, high) in attack(facts, shown, rule, targets).items():
            assert high == math.inf or math.floor(high + 1e-6) - math.ceil(low - 1e-6) >= 1, \
                f"{cell} = {values[cell]} pinned to {low}..{high}"
        transaction.set_rollback(True)
