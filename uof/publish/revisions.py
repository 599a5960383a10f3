"""What the previous revision of a publication tells a reader, for disclosure control.

A reader has both revisions. Between them only the reports added, changed or removed since the
previous one was published can differ, so each count moved by at most that many (a report's
tactic uses by at most one per tactic). The attacker is told that number (a reader would not be:
assuming they know it makes the check stricter), the previous revision's shown counts and the
relations between its cells, and links each cell to its counterpart now.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from uof.organisations.models import District
from uof.reports.fieldset import counted_fields
from uof.reports.tactics import GROUPS, TACTICS
from uof.stats.catalogue import BY_FIELD, PLACES, PUBLISHED, PUBLISHED_MEASURES, TACTICS_USED
from uof.stats.codes import COLUMNS_BY_NAME
from uof.stats.rows import (
    DISTRICT_TOTAL,
    DISTRICT_TOTAL_KEY,
    HEALTH,
    HEALTH_PUBLIC,
    NO_TACTIC,
    NO_TACTIC_KEY,
    NOT_ASKED_KEY,
    NOT_ASKED_ROW,
    NOTHING_KEY,
    NOTHING_RECORDED,
    RECORDING_ROWS,
    STREET,
    STREET_KEY,
    SUBJECT_INJURIES,
    SUBJECT_INJURY_KEYS,
    SUMMARY_ROWS,
    TACTIC_USES,
    TACTIC_USES_KEY,
    TASER_DISCHARGED,
    TASER_DISCHARGED_KEY,
    TASER_NOT_DISCHARGED,
    TASER_NOT_DISCHARGED_KEY,
    answer_key,
    categories,
    category_key,
    category_keys,
    group_key,
    not_asked_row,
    option_groups,
    place_code,
    tactic_categories,
)
from uof.stats.rows import INJURIES as INJURIES_ROWS

from .cells import (
    COUNT_COLUMNS,
    DERIVED_ROWS,
    INF,
    LABEL_COLUMNS,
    TU,
    CellId,
    Fact,
    grid,
    row_label,
)
from .disclosure import reading

PREFIX = "previous revision: "


PLAIN = "plain"  # content["labels"] of snapshots with plain-English category labels


def _legacy_names() -> dict[str, dict[str, str]]:
    """Per table, the Home Office category labels publications used before the plain-English ones
    (content without "labels": "plain"), and what they are called now."""
    def renamed(column: str) -> dict[str, str]:
        return {o.ho_category: o.public_category for o in COLUMNS_BY_NAME[column].vocabulary.options}
    out = {m.key: {**renamed(m.field), "None recorded": NOTHING_RECORDED} for m in PUBLISHED_MEASURES
           if m.relations == "multi"}
    out.update({m.key: renamed(m.field) for m in PUBLISHED_MEASURES if m.relations == "perceived" and m.field != "health"})
    out[BY_FIELD["health"].key] = dict(zip(HEALTH, HEALTH_PUBLIC))
    out[TACTICS_USED.key] = {**{o.ho_category: o.public_category for o in TACTICS.options},
                      "CED non-discharge (drawn, aimed, red-dot, arced)": TASER_NOT_DISCHARGED,
                      "CED discharge (drive stun, angle drive stun, fired)": TASER_DISCHARGED}
    return out


LEGACY = _legacy_names()


def current_label(key: str, label: str) -> str:
    """A row label of an older publication as the same row is labelled now."""
    names = LEGACY.get(key)
    if not names:
        return label
    if key == TACTICS_USED.key and " / " in label:
        group, tactic = label.split(" / ", 1)
        return f"{group} / {names.get(tactic, tactic)}"
    return names.get(label, label)


def relabelled(content: dict) -> dict:
    """The content with its rows labelled as now (a copy; newer content is returned as it is), so
    that a revision lines up with the one it replaces, cell by cell."""
    if content.get("labels") == PLAIN:
        return content
    tables = []
    for table in content["tables"]:
        at = LABEL_COLUMNS.get(table["key"], 1) - 1  # the label column that names the category
        names = LEGACY.get(table["key"], {})
        rows = [[names.get(x, x) if j == at and isinstance(x, str) else x for j, x in enumerate(row)]
                for row in table["rows"]]
        tables.append({**table, "rows": rows})
    return {**content, "tables": tables, "labels": PLAIN}


def _relabel_cell(cell) -> tuple:
    return (cell[0], current_label(cell[0], cell[1]), *cell[2:])


def keyed(content: dict) -> dict:
    """The content with every table's row keys (a copy; content that has them is returned as it is).
    Publications made before cells were keyed by codes name rows by label only: each label is
    matched to the key the same row has now (legacy_keys)."""
    content = relabelled(content)
    if all("keys" in t for t in content["tables"]):
        return content
    return {**content, "tables": [t if "keys" in t else {**t, "keys": legacy_keys(t)} for t in content["tables"]]}


def legacy_keys(table: dict) -> list[str]:
    """The row keys of a stored table that has only labels (plain-English ones: see relabelled)."""
    key = table["key"]
    known = _known_labels(key, [row[0] for row in table["rows"]] if key == PLACES.key else [])
    return [known.get(row_label(key, row), f"label:{row_label(key, row)}") for row in table["rows"]]


def _known_labels(key: str, district_names: list[str]) -> dict[str, str]:
    """Label -> key of every row a table of this kind can have."""
    measure = PUBLISHED[key]
    if measure.relations == "headline":
        return {f"{m} / {u}": k for m, u, k in SUMMARY_ROWS}
    if measure.relations == "places":
        fixed = {STREET: STREET_KEY, DISTRICT_TOTAL: DISTRICT_TOTAL_KEY}
        out = {f"No district recorded / {label}": f"{place_code(None)}/{k}" for label, k in fixed.items()}
        for district in District.objects.filter(name__in=district_names).select_related("force"):
            code = place_code(district)
            out.update({f"{district.name} / {label}": f"{code}/{k}" for label, k in fixed.items()})
            for suite in district.custody_suites.select_related("force"):
                out[f"{district.name} / {suite.name}"] = f"{code}/{place_code(suite)}"
        return out
    if measure.relations == "tactic_counts":
        out = {f"{group} / {tactic}": category_key(codes) for (group, tactic), codes in tactic_categories().items()}
        out.update({f"{GROUPS['less_lethal']} / {o.public_category}": o.code for o in TACTICS.options
                    if o.extra.get("parent") == "CED"})
        out.update({f"{GROUPS['less_lethal']} / {TASER_NOT_DISCHARGED}": TASER_NOT_DISCHARGED_KEY,
                    f"{GROUPS['less_lethal']} / {TASER_DISCHARGED}": TASER_DISCHARGED_KEY,
                    " / ".join(NO_TACTIC): NO_TACTIC_KEY, " / ".join(TACTIC_USES): TACTIC_USES_KEY})
        return out
    if measure.relations == "multi":
        vocabulary = COLUMNS_BY_NAME[measure.field].vocabulary
        return {**{f"{g} (any)": group_key(g) for g in option_groups(vocabulary)},
                **{label: k for k, (label, _) in categories(vocabulary).items()},
                NOTHING_RECORDED: NOTHING_KEY, NOT_ASKED_ROW: NOT_ASKED_KEY}
    if measure.relations == "perceived":
        keys = category_keys(measure.field)
        if measure.field == "health":
            return dict(zip([*HEALTH_PUBLIC, NOT_ASKED_ROW], keys))
        labels = [label for label, _ in categories(COLUMNS_BY_NAME[measure.field].vocabulary).values()]
        return dict(zip([*labels, "Not reported", NOT_ASKED_ROW], keys))
    if measure.relations == "injury_answers":
        out = {label: answer_key(column, option) for label, column, option in INJURIES_ROWS}
        out.update({not_asked_row(f): answer_key(f.name, NOT_ASKED_KEY) for f in counted_fields()})
        return out
    if measure.relations == "people_injured":
        return dict(zip(SUBJECT_INJURIES, SUBJECT_INJURY_KEYS))
    if measure.relations == "report_counts":
        return {f"{m} / {u}": k for m, u, k in RECORDING_ROWS}
    return {}


def _rekey(cell, keys_of: dict) -> tuple:
    """A stored cell named by row label, named by the row's key."""
    table, label, *rest = cell
    return (table, keys_of.get(table, {}).get(label, label), *rest)


@dataclass(frozen=True)
class Previous:
    content: dict
    true_cells: list  # [[table, row key, column, value], ...]
    reports_changed: int
    file_facts: list = ()  # its record-level file's facts, as stored (see facts_to_json)

    def __post_init__(self):
        if self.content.get("labels") != PLAIN:  # published before the plain-English labels
            object.__setattr__(self, "content", relabelled(self.content))
            object.__setattr__(self, "true_cells", [[*_relabel_cell(c[:3]), c[3]] for c in self.true_cells])
            object.__setattr__(self, "file_facts", [[[[*_relabel_cell(t[:3]), t[3]] for t in terms], lo, hi]
                                                    for terms, lo, hi in self.file_facts])
        if not all("keys" in t for t in self.content["tables"]):  # cells named by row label
            content = keyed(self.content)
            keys_of = {t["key"]: {row_label(t["key"], row): k for row, k in zip(t["rows"], t["keys"])}
                       for t in content["tables"]}
            object.__setattr__(self, "content", content)
            object.__setattr__(self, "true_cells", [[*_rekey(c[:3], keys_of), c[3]] for c in self.true_cells])
            object.__setattr__(self, "file_facts", [[[[*_rekey(t[:3], keys_of), t[3]] for t in terms], lo, hi]
                                                    for terms, lo, hi in self.file_facts])


def facts_to_json(facts: list[Fact]) -> list:
    return [[[[*c, k] for c, k in f.terms], None if f.lo == -INF else f.lo, None if f.hi == INF else f.hi]
            for f in facts]


def facts_from_json(data) -> list[Fact]:
    return [Fact(tuple((tuple(t[:3]), t[3]) for t in terms), -INF if lo is None else lo, INF if hi is None else hi)
            for terms, lo, hi in data]


def _earlier(cell: CellId) -> CellId:
    return (PREFIX + cell[0], cell[1], cell[2])


def stored_grid(stored: Previous):
    """The cells and relations of a stored publication, with their exact values."""
    values = {tuple(c[:3]): c[3] for c in stored.true_cells}
    tables = []
    for table in stored.content["tables"]:
        rows = []
        for row_key, row in zip(table["keys"], table["rows"]):
            rows.append([values.get((table["key"], row_key, column), value)
                         if column in COUNT_COLUMNS.get(table["key"], ()) and row_key not in DERIVED_ROWS else value
                         for column, value in zip(table["columns"], row)])
        tables.append(SimpleNamespace(key=table["key"], columns=table["columns"], rows=rows, keys=table["keys"]))
    return grid(tables)


def shown_intervals(stored: Previous) -> dict[CellId, tuple[float, float]]:
    """What a reader knows of each count a stored publication shows: exact, or the values that
    round to what is shown."""
    rounding = stored.content["rule"].get("rounding", 1)
    out = {}
    for table in stored.content["tables"]:
        for i, (label, row) in enumerate(zip(table["keys"], table["rows"])):
            for j, column in enumerate(table["columns"]):
                if column not in COUNT_COLUMNS.get(table["key"], ()) or label in DERIVED_ROWS or [i, j] in table["withheld"]:
                    continue
                shown = row[j]
                if shown is None:  # "no data": nothing was shown
                    continue
                out[(table["key"], label, column)] = reading(shown, rounding)
    return out


def moved_by(cell: CellId, reports: int) -> int:
    """How far a count can move when this many reports change (tactic uses: one per tactic each)."""
    return reports * (len(TACTICS.options) if cell == TU or cell[1] == TACTIC_USES_KEY else 1)


def previous_facts(previous: Previous, now: set[CellId]) -> list[Fact]:
    earlier = stored_grid(previous)
    facts = [Fact(tuple((_earlier(c), k) for c, k in f.terms), f.lo, f.hi)
             for f in earlier.facts + facts_from_json(previous.file_facts)]
    for cell, (low, high) in shown_intervals(previous).items():
        facts.append(Fact(((_earlier(cell), 1),), low, high))
    for cell in earlier.values:
        if cell in now:
            bound = moved_by(cell, previous.reports_changed)
            facts.append(Fact(((cell, 1), (_earlier(cell), -1)), -bound, bound))
    return facts


def previously_withheld(previous: Previous, threshold: int, small_force_counts: bool) -> list[CellId]:
    """The previous revision's protected counts (by this rule) that it withheld: a revision must not
    give them away either."""
    values = {tuple(c[:3]): c[3] for c in previous.true_cells}
    hidden = set()
    for table in previous.content["tables"]:
        for i, j in table["withheld"]:
            hidden.add((table["key"], table["keys"][i], table["columns"][j]))
    return sorted(_earlier(c) for c in hidden if 0 < values.get(c, 0) < threshold
                  and (c[0] == PLACES.key or not small_force_counts))
