"""The count cells of a publication's tables and the arithmetic that ties them together.

Disclosure control needs to know every number a reader can see and every relation a reader
could use to work one out from the others: rows that add up to a total, a total that equals a
cell of another table, counts that can be no larger than another. `grid()` turns the statistics
tables into cells keyed by (table, row, column) and lists those relations as `Fact`s
(lo <= sum(coefficient * cell) <= hi), which the attacker in disclosure.py solves.

A relation the form's rules make exact (for example minor + severe + death = injured) is stated
as an equality only when it holds in the data; otherwise as the inequality that does, so the
attacker is always at least as strong as a reader who knows how the form works.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from uof.reports.tactics import GROUPS, TACTICS
from uof.stats.catalogue import INJURIES, PLACES, PUBLISHED, PUBLISHED_MEASURES, SUMMARY
from uof.stats.codes import COLUMNS_BY_NAME
from uof.stats.tables import (
    NOT_ASKED_ROW,
    NOTHING_RECORDED,
    SUBJECT_INJURIES,
    TASER_DISCHARGED,
    TASER_NOT_DISCHARGED,
    not_asked_row,
    sometimes_asked,
)

INF = math.inf
# (table key, row label, column): row labels are a table's label columns joined with " / ".
CellId = tuple[str, str, str]

# Which columns of each published table are counts (every other non-label column is derived),
# and how many columns name a row: the catalogue's.
COUNT_COLUMNS = {m.key: m.counts for m in PUBLISHED_MEASURES}
DERIVED_ROWS = {"reports per incident / report"}  # worked out from shown counts, never a cell
LABEL_COLUMNS = {m.key: m.labels for m in PUBLISHED_MEASURES}

R: CellId = (SUMMARY.key, "reports / report", "count")
I: CellId = (SUMMARY.key, "incidents / incident", "count")
S: CellId = (SUMMARY.key, "subjects / subject", "count")
TU: CellId = (SUMMARY.key, "tactic uses / tactic use", "count")
TACTIC_TOTAL_ROW = "Total / Tactic uses (excluding tactical communication)"
NOT_REPORTED_ROW = "Not reported / No tactic recorded"
CED_SUMMARY_ROWS = {f"{GROUPS['less_lethal']} / {TASER_NOT_DISCHARGED}": False,
                    f"{GROUPS['less_lethal']} / {TASER_DISCHARGED}": True}


@dataclass(frozen=True)
class Fact:
    """lo <= sum(coefficient * cell) <= hi, known to every reader."""

    terms: tuple[tuple[CellId, float], ...]
    lo: float
    hi: float

    def cells(self) -> list[CellId]:
        return [c for c, _ in self.terms]


@dataclass
class Grid:
    values: dict[CellId, int] = field(default_factory=dict)  # true values, in reading order
    facts: list[Fact] = field(default_factory=list)
    one_dimensional: set[CellId] = field(default_factory=set)  # force-level counts of one dimension

    def relation(self, terms: dict[CellId, float], exact: bool = True) -> None:
        """sum(terms) = 0 if `exact` and true in the data, else the side of 0 the data is on."""
        terms = {c: k for c, k in terms.items() if k and c in self.values}
        if not terms:
            return
        total = sum(k * self.values[c] for c, k in terms.items())
        items = tuple(terms.items())
        if exact and total == 0:
            self.facts.append(Fact(items, 0.0, 0.0))
        elif total <= 0:
            self.facts.append(Fact(items, -INF, 0.0))
        else:
            self.facts.append(Fact(items, 0.0, INF))

    def at_most(self, cell: CellId, bound: CellId) -> None:
        self.relation({cell: 1, bound: -1}, exact=False)


def row_label(table, row) -> str:
    return " / ".join(str(x) for x in row[:LABEL_COLUMNS.get(table.key, 1)])


def grid(tables) -> Grid:
    """The cells of these statistics tables (those disclosure control knows) and their relations."""
    g = Grid()
    by_key = {t.key: t for t in tables if t.key in COUNT_COLUMNS}
    for key, table in by_key.items():
        for row in table.rows:
            label = row_label(table, row)
            if label in DERIVED_ROWS:
                continue
            for column in COUNT_COLUMNS[key]:
                value = row[table.columns.index(column)]
                if value is not None:
                    g.values[(key, label, column)] = int(value)
                    if key != PLACES.key:
                        g.one_dimensional.add((key, label, column))
    for key, table in by_key.items():
        labels = [row_label(table, row) for row in table.rows if row_label(table, row) not in DERIVED_ROWS]
        _RELATIONS[PUBLISHED[key].relations](g, key, labels)
    return g


# --- the relations of each table -------------------------------------------------------------------

def _summary(g: Grid, key: str, labels: list[str]) -> None:
    for column in SUMMARY.counts:
        r, i, s = ((key, f"{m} / {u}", column) for m, u in (("reports", "report"), ("incidents", "incident"),
                                                            ("subjects", "subject")))
        g.at_most(i, s)
        g.at_most(s, r)


def _places(g: Grid, key: str, labels: list[str]) -> None:
    districts: dict[str, list[str]] = {}
    for label in labels:
        district, place = label.rsplit(" / ", 1)
        districts.setdefault(district, []).append(place)
    for column in ("reports", "incidents"):
        totals = {}
        for district, places in districts.items():
            total = (key, f"{district} / district total", column)
            totals[total] = 1
            parts = [(key, f"{district} / {p}", column) for p in places if p != "district total"]
            if column == "reports":
                g.relation({**{c: 1 for c in parts}, total: -1})
            else:  # an incident spanning street and custody counts in each place, once in the district
                g.relation({**{c: 1 for c in parts}, total: -1}, exact=False)
                for part in parts:
                    g.at_most(part, total)
                    g.at_most(part, (key, part[1], "reports"))
                g.at_most(total, (key, total[1], "reports"))
        g.relation({**totals, (R if column == "reports" else I): -1})


def _tactic_members(labels: list[str]) -> list[str]:
    communication = GROUPS["communication"]
    return [label for label in labels if label not in CED_SUMMARY_ROWS and label not in (TACTIC_TOTAL_ROW,
            NOT_REPORTED_ROW) and not label.startswith(f"{communication} / ")]


def _tactics(g: Grid, key: str, labels: list[str]) -> None:
    column = COUNT_COLUMNS[key][0]
    cell = {label: (key, label, column) for label in labels}
    members = _tactic_members(labels)
    g.relation({**{cell[m]: 1 for m in members}, cell[TACTIC_TOTAL_ROW]: -1})
    g.relation({cell[TACTIC_TOTAL_ROW]: 1, TU: -1})
    ced = {o.public_category: o.extra["discharge"] for o in TACTICS.options if o.extra.get("parent") == "CED"}
    for summary_row, discharge in CED_SUMMARY_ROWS.items():
        levels = [m for m in members if m.split(" / ", 1)[1] in ced and ced[m.split(" / ", 1)[1]] == discharge]
        g.relation({**{cell[m]: 1 for m in levels}, cell[summary_row]: -1})
    none = cell.get(NOT_REPORTED_ROW)
    for label in labels:
        if label != TACTIC_TOTAL_ROW:
            g.at_most(cell[label], R)
    for m in members:
        g.relation({cell[m]: 1, none: 1, R: -1}, exact=False)
    # every report with some tactic has at least one: members + none >= reports
    g.relation({**{cell[m]: -1 for m in members}, none: -1, R: 1}, exact=False)


def _multi(g: Grid, key: str, labels: list[str]) -> None:
    vocabulary = COLUMNS_BY_NAME[PUBLISHED[key].field].vocabulary
    categories: dict[str, set[str]] = {}
    groups: dict[str, set[str]] = {}
    for option in vocabulary.options:
        categories.setdefault(option.public_category, set()).add(option.code)
        if option.extra.get("group"):
            groups.setdefault(option.extra["group"], set()).add(option.code)
    cell = {label: (key, label, "reports") for label in labels}
    # Reports with no answer: nothing recorded, or (a row only when there are some) never asked.
    nothing = {cell[label]: 1 for label in (NOTHING_RECORDED, NOT_ASKED_ROW) if label in cell}
    for label in labels:
        g.at_most(cell[label], R)
    for category in categories:
        g.relation({cell[category]: 1, **nothing, R: -1}, exact=False)
    g.relation({**{cell[c]: -1 for c in categories}, **{c: -1 for c in nothing}, R: 1}, exact=False)
    for group, codes in groups.items():
        any_cell = cell[f"{group} (any)"]
        g.relation({any_cell: 1, **nothing, R: -1}, exact=False)
        inside = [c for c, members in categories.items() if members & codes]
        g.relation({any_cell: 1, **{cell[c]: -1 for c in inside}}, exact=False)
        for c in inside:
            if categories[c] <= codes:
                g.at_most(cell[c], any_cell)


def _perceived(g: Grid, key: str, labels: list[str]) -> None:
    for column, total in (("reports", R), ("subjects", S)):
        g.relation({**{(key, label, column): 1 for label in labels}, total: -1})
    for label in labels:
        g.at_most((key, label, "subjects"), (key, label, "reports"))


def _injuries(g: Grid, key: str, labels: list[str]) -> None:
    cell = {label: (key, label, "reports") for label in labels}
    for label in labels:
        g.at_most(cell[label], R)
    person = [cell[f"Person injured: {x}"] for x in ("no", "not known", "yes")]
    g.relation({**{c: 1 for c in person}, R: -1})
    g.relation({**{cell[f"Person injury: {x}"]: 1 for x in ("minor", "severe", "death")},
                cell["Person injured: yes"]: -1})
    g.relation({**{cell[f"Officer injury: {x}"]: 1 for x in ("minor", "severe")}, cell["Officer injured"]: -1})
    for f in sometimes_asked():  # yes + no + not asked = reports, and "no" is not shown
        if not_asked_row(f) in cell and f.counted_as in cell:
            g.relation({cell[f.counted_as]: 1, cell[not_asked_row(f)]: 1, R: -1}, exact=False)


def _subject_injuries(g: Grid, key: str, labels: list[str]) -> None:
    """People by their most serious injury, tied to the subjects total and to the report-level
    injuries: a person is injured at a level (or worse) only if some report on them records it."""
    no, injured, minor, severe, death = ((key, label, "subjects") for label in SUBJECT_INJURIES)
    g.relation({no: 1, injured: 1, S: -1})
    g.relation({minor: 1, severe: 1, death: 1, injured: -1})
    for cell in (no, injured, minor, severe, death):
        g.at_most(cell, S)

    def reports(label: str) -> CellId:
        return (INJURIES.key, label, "reports")
    worse = {"death": [death], "severe": [severe, death], "minor": [minor, severe, death]}
    pairs = [([injured], [reports("Person injured: yes")])]
    pairs += [(people, [reports(f"Person injury: {x}") for x in list(worse)[:i + 1]])
              for i, people in enumerate(worse.values())]
    for people, records in pairs:
        g.relation({**{c: 1 for c in people}, **{c: -1 for c in records}}, exact=False)
        # Some report records it, so some person has it: a reader infers >= 1 (stated when true).
        if all(c in g.values for c in people + records) and sum(g.values[c] for c in people) > 0 \
                and sum(g.values[c] for c in records) > 0:
            g.facts.append(Fact(tuple((c, 1.0) for c in people), 1.0, INF))
    g.relation({no: 1, reports("Person injured: no"): -1, reports("Person injured: not known"): -1}, exact=False)


def _recording(g: Grid, key: str, labels: list[str]) -> None:
    def c(label: str) -> CellId:
        return (key, label, "count")
    sizes = [c(f"incidents with {k} report{'s' if k > 1 else ''} / incident") for k in (1, 2, 3)]
    four = c("incidents with 4 or more reports / incident")
    several = c("incidents with more than one report / incident")
    g.relation({**{x: 1 for x in sizes}, four: 1, I: -1})
    g.relation({sizes[1]: 1, sizes[2]: 1, four: 1, several: -1})
    g.relation({sizes[0]: 1, sizes[1]: 2, sizes[2]: 3, four: 4, R: -1}, exact=False)
    g.relation({c(f"reports {s} / report"): 1 for s in ("approved", "awaiting review", "returned to the officer")}
               | {R: -1})


# Catalogue `relations` -> how that kind of table's cells add up.
_RELATIONS = {"headline": _summary, "places": _places, "tactic_counts": _tactics, "multi": _multi,
              "perceived": _perceived, "injury_answers": _injuries, "people_injured": _subject_injuries,
              "report_counts": _recording}
