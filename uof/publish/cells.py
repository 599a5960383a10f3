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

from uof.reports.fieldset import FIELDS_BY_NAME
from uof.reports.tactics import TACTICS
from uof.stats.catalogue import INJURIES, PLACES, PUBLISHED, PUBLISHED_MEASURES, SUMMARY
from uof.stats.codes import COLUMNS_BY_NAME
from uof.stats.rows import (
    DISTRICT_TOTAL_KEY,
    NO_TACTIC_KEY,
    NOT_ASKED_KEY,
    NOTHING_KEY,
    RECORDING_KEYS,
    SUBJECT_INJURY_KEYS,
    TACTIC_USES_KEY,
    TASER_DISCHARGED_KEY,
    TASER_NOT_DISCHARGED_KEY,
    answer_key,
    categories,
    group_key,
    option_groups,
    sometimes_asked,
)

INF = math.inf
# (table key, row key, column): a row's key is its code (Table.keys: option codes, district codes,
# measure names), never its label, so rewording a label changes no cell. Labels are for reading.
CellId = tuple[str, str, str]

# Which columns of each published table are counts (every other non-label column is derived),
# and how many columns name a row: the catalogue's.
COUNT_COLUMNS = {m.key: m.counts for m in PUBLISHED_MEASURES}
DERIVED_ROWS = {"reports_per_incident"}  # worked out from shown counts, never a cell
LABEL_COLUMNS = {m.key: m.labels for m in PUBLISHED_MEASURES}

R: CellId = (SUMMARY.key, "reports", "count")
I: CellId = (SUMMARY.key, "incidents", "count")
S: CellId = (SUMMARY.key, "subjects", "count")
TU: CellId = (SUMMARY.key, "tactic_uses", "count")
CED_SUMMARY_ROWS = {TASER_NOT_DISCHARGED_KEY: False, TASER_DISCHARGED_KEY: True}
CED_DISCHARGE = {o.code: o.extra["discharge"] for o in TACTICS.options if o.extra.get("parent") == "CED"}


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
    # (total, its parts): a group whose categories add up to its total. A small group's parts are
    # hidden with it, zeros too, so "everyone in it shares this attribute" is never shown.
    groups: list[tuple[CellId, tuple[CellId, ...]]] = field(default_factory=list)

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


def row_label(key: str, row) -> str:
    """What a reader sees naming a row: its label columns joined with " / "."""
    return " / ".join(str(x) for x in row[:LABEL_COLUMNS.get(key, 1)])


def row_keys(table) -> list[str]:
    """The key of each row of a statistics table (or of a stored one: a dict with "keys")."""
    keys = table.get("keys") if isinstance(table, dict) else table.keys
    assert keys is not None and len(keys) == len(table["rows"] if isinstance(table, dict) else table.rows), table
    return list(keys)


def grid(tables) -> Grid:
    """The cells of these statistics tables (those disclosure control knows) and their relations."""
    g = Grid()
    by_key = {t.key: t for t in tables if t.key in COUNT_COLUMNS}
    for key, table in by_key.items():
        for label, row in zip(row_keys(table), table.rows):
            if label in DERIVED_ROWS:
                continue
            for column in COUNT_COLUMNS[key]:
                value = row[table.columns.index(column)]
                if value is not None:
                    g.values[(key, label, column)] = int(value)
                    if key != PLACES.key:
                        g.one_dimensional.add((key, label, column))
    for key, table in by_key.items():
        labels = [k for k in row_keys(table) if k not in DERIVED_ROWS]
        _RELATIONS[PUBLISHED[key].relations](g, key, labels)
    return g


# --- the relations of each table -------------------------------------------------------------------

# Each relation reads a table's row keys (`labels` below are keys, never what a reader sees).

def _summary(g: Grid, key: str, labels: list[str]) -> None:
    for column in SUMMARY.counts:
        r, i, s = ((key, m, column) for m in ("reports", "incidents", "subjects"))
        g.at_most(i, s)
        g.at_most(s, r)


def _places(g: Grid, key: str, labels: list[str]) -> None:
    districts: dict[str, list[str]] = {}
    for label in labels:
        district, place = label.rsplit("/", 1)
        districts.setdefault(district, []).append(place)
    for column in ("reports", "incidents"):
        totals = {}
        for district, places in districts.items():
            total = (key, f"{district}/{DISTRICT_TOTAL_KEY}", column)
            totals[total] = 1
            parts = [(key, f"{district}/{p}", column) for p in places if p != DISTRICT_TOTAL_KEY]
            g.groups.append((total, tuple(parts)))
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
    """The rows counting one tactic each (not the Taser summaries, the total, no tactic, or
    tactical communication, which the total leaves out)."""
    return [label for label in labels if label not in CED_SUMMARY_ROWS and label not in (TACTIC_USES_KEY, NO_TACTIC_KEY)
            and TACTICS.get(label.split("+", 1)[0]).extra.get("group") != "communication"]


def _tactics(g: Grid, key: str, labels: list[str]) -> None:
    column = COUNT_COLUMNS[key][0]
    cell = {label: (key, label, column) for label in labels}
    members = _tactic_members(labels)
    g.relation({**{cell[m]: 1 for m in members}, cell[TACTIC_USES_KEY]: -1})
    g.relation({cell[TACTIC_USES_KEY]: 1, TU: -1})
    for summary_row, discharge in CED_SUMMARY_ROWS.items():
        levels = [m for m in members if CED_DISCHARGE.get(m) == discharge]
        g.relation({**{cell[m]: 1 for m in levels}, cell[summary_row]: -1})
    none = cell.get(NO_TACTIC_KEY)
    for label in labels:
        if label != TACTIC_USES_KEY:
            g.at_most(cell[label], R)
    for m in members:
        g.relation({cell[m]: 1, none: 1, R: -1}, exact=False)
    # every report with some tactic has at least one: members + none >= reports
    g.relation({**{cell[m]: -1 for m in members}, none: -1, R: 1}, exact=False)


def _multi(g: Grid, key: str, labels: list[str]) -> None:
    vocabulary = COLUMNS_BY_NAME[PUBLISHED[key].field].vocabulary
    found = {k: set(codes) for k, (_, codes) in categories(vocabulary).items()}
    groups = {group_key(g): set(codes) for g, codes in option_groups(vocabulary).items()}
    cell = {label: (key, label, "reports") for label in labels}
    # Reports with no answer: nothing recorded, or (a row only when there are some) never asked.
    nothing = {cell[label]: 1 for label in (NOTHING_KEY, NOT_ASKED_KEY) if label in cell}
    for label in labels:
        g.at_most(cell[label], R)
    for category in found:
        g.relation({cell[category]: 1, **nothing, R: -1}, exact=False)
    g.relation({**{cell[c]: -1 for c in found}, **{c: -1 for c in nothing}, R: 1}, exact=False)
    for group, codes in groups.items():
        any_cell = cell[group]
        g.relation({any_cell: 1, **nothing, R: -1}, exact=False)
        inside = [c for c, members in found.items() if members & codes]
        g.relation({any_cell: 1, **{cell[c]: -1 for c in inside}}, exact=False)
        for c in inside:
            if found[c] <= codes:
                g.at_most(cell[c], any_cell)


def _perceived(g: Grid, key: str, labels: list[str]) -> None:
    for column, total in (("reports", R), ("subjects", S)):
        g.relation({**{(key, label, column): 1 for label in labels}, total: -1})
        g.groups.append((total, tuple((key, label, column) for label in labels)))
    for label in labels:
        g.at_most((key, label, "subjects"), (key, label, "reports"))


def _injuries(g: Grid, key: str, labels: list[str]) -> None:
    cell = {label: (key, label, "reports") for label in labels}
    for label in labels:
        g.at_most(cell[label], R)

    def answered(column: str, *codes: str) -> dict[CellId, int]:
        """The cells of these answers (every option of `column` when no code is named)."""
        codes = codes or tuple(FIELDS_BY_NAME[column].vocabulary.codes())
        return {cell[answer_key(column, c)]: 1 for c in codes if answer_key(column, c) in cell}
    g.relation({**answered("subject_injured"), R: -1})  # every report answers it
    # a level is asked only after a yes: the levels add up to the yes
    for level, injured in (("subject_injury_level", "subject_injured"), ("officer_injury_level", "officer_injured")):
        g.relation({**answered(level), **{c: -1 for c in answered(injured, "yes")}})
    for f in sometimes_asked():  # yes + no + not asked = reports, and "no" is not shown
        yes, unasked = answered(f.name, "yes"), answered(f.name, NOT_ASKED_KEY)
        if yes and unasked:
            g.relation({**yes, **unasked, R: -1}, exact=False)


def _subject_injuries(g: Grid, key: str, labels: list[str]) -> None:
    """People by their most serious injury, tied to the subjects total and to the report-level
    injuries: a person is injured at a level (or worse) only if some report on them records it."""
    no, injured, minor, severe, death = ((key, label, "subjects") for label in SUBJECT_INJURY_KEYS)
    g.relation({no: 1, injured: 1, S: -1})
    g.relation({minor: 1, severe: 1, death: 1, injured: -1})
    for cell in (no, injured, minor, severe, death):
        g.at_most(cell, S)

    def reports(column: str, option: str) -> CellId:
        return (INJURIES.key, answer_key(column, option), "reports")
    worse = {"death": [death], "severe": [severe, death], "minor": [minor, severe, death]}
    pairs = [([injured], [reports("subject_injured", "yes")])]
    pairs += [(people, [reports("subject_injury_level", x) for x in list(worse)[:i + 1]])
              for i, people in enumerate(worse.values())]
    for people, records in pairs:
        g.relation({**{c: 1 for c in people}, **{c: -1 for c in records}}, exact=False)
        # Some report records it, so some person has it: a reader infers >= 1 (stated when true).
        if all(c in g.values for c in people + records) and sum(g.values[c] for c in people) > 0 \
                and sum(g.values[c] for c in records) > 0:
            g.facts.append(Fact(tuple((c, 1.0) for c in people), 1.0, INF))
    g.relation({no: 1, reports("subject_injured", "no"): -1, reports("subject_injured", "unknown"): -1}, exact=False)


def _recording(g: Grid, key: str, labels: list[str]) -> None:
    one, two, three, four, several, *statuses = ((key, k, "count") for k in RECORDING_KEYS)
    sizes = [one, two, three]
    g.relation({**{x: 1 for x in sizes}, four: 1, I: -1})
    g.relation({sizes[1]: 1, sizes[2]: 1, four: 1, several: -1})
    g.relation({sizes[0]: 1, sizes[1]: 2, sizes[2]: 3, four: 4, R: -1}, exact=False)
    g.relation({c: 1 for c in statuses} | {R: -1})


# Catalogue `relations` -> how that kind of table's cells add up.
_RELATIONS = {"headline": _summary, "places": _places, "tactic_counts": _tactics, "multi": _multi,
              "perceived": _perceived, "injury_answers": _injuries, "people_injured": _subject_injuries,
              "report_counts": _recording}
