"""The Home Office tables (2019/20 layout) for a selection: Tables 1–11 and 13.

Labels follow ../shared/reference/home-office. The Home Office's "incidents" in these tables
are reports (one officer, one person, one incident): the tables say so in their unit and notes.
Counting rules: a tactic counts once per report ("incidents involving"), while "times reported"
counts each recorded option (CS and PAVA used in one report are 2 times, 1 report); a Taser
counts once per report at its highest level; tactical communication and "not reported" are
left out of the totals.

Every table is computed for all outputs of the selection at once (selection.py): reports are
counted by tactic combination or class (and category), and a small matrix of the times each
tactic row is reported per combination turns those counts into the table's cells (crossing.py).
"""
from __future__ import annotations

import numpy as np

from uof.reports.tactics import TACTICS

from .codes import COLUMNS_BY_NAME
from .crossing import any_of, by_tactics, class_times, times
from .rows import HEALTH
from .selection import Selection, dot
from .tables import Table, answers, health_pairs, members, option_bits, tactic_counts

NOTE = ("The Home Office calls each report an \"incident\": one officer's use of force on one person. "
        "A single use of force may be recorded several times if more than one officer was there.")


def table_1(sel: Selection) -> list[Table]:
    rows, matrix = times(sel, ced_detail=True)
    counts = tactic_counts(sel)
    reported, involved = dot(counts, matrix.T), dot(counts, (matrix > 0).T)
    out = []
    for o in range(sel.outputs):
        cells = [[row.label, t, i] for row, t, i in zip(rows, reported[o].tolist(), involved[o].tolist())]
        out.append(Table(columns=["tactic", "number of times tactic reported", "number of incidents involving tactic"],
                         rows=cells, notes=[NOTE, "Tactics used in an incident are only counted once per incident.",
                                       "CED counts at its highest use per incident: drawn then fired appears under "
                                       "Fired only.",
                                       "The total excludes tactical communication and not reported tactic use."]))
    return out


def cross(sel: Selection, categories) -> list[Table]:
    """Tactic rows × categories: cells are times the tactic was reported in that category's reports.
    `categories(sel)` gives the category labels and reports by output × tactic class × category."""
    labels, counts = categories(sel)
    rows, matrix = class_times(sel)
    grid = np.empty((sel.outputs, len(rows) + 1, len(labels) + 2), dtype=object)  # rows as they are shown
    grid[:, 0, 0] = "Total number of incidents involving group"
    grid[:, 0, 1:-1] = counts.sum(axis=1)
    grid[:, 0, -1] = sel.reports
    grid[:, 1:, 0] = [row.label for row in rows]
    grid[:, 1:, 1:-1] = np.swapaxes(dot(np.swapaxes(counts, 1, 2), matrix.T), 1, 2)  # outputs × rows × categories
    grid[:, 1:, -1] = dot(tactic_counts(sel), times(sel, ced_detail=False)[1].T)
    columns = ["tactic", *labels, "number of times tactic reported"]
    return [Table(columns=list(columns), rows=table, notes=[NOTE]) for table in grid.tolist()]


def single(sel: Selection, column: str) -> tuple[list[str], np.ndarray]:
    """Categories of a single-choice column (and "Not reported") and reports by output × tactic
    class × category."""
    labels: dict[str, list[int]] = {}
    for i, option in enumerate(COLUMNS_BY_NAME[column].vocabulary.options):
        labels.setdefault(option.ho_category, []).append(i + 1)
    groups = [*labels.values(), [0]]
    counts = by_tactics(sel, column).sum(axis=3)
    return [*labels, "Not reported"], dot(counts, members(counts.shape[2], groups))


def health(sel: Selection) -> tuple[list[str], np.ndarray]:
    counts = by_tactics(sel, "health").sum(axis=3)
    code = health_pairs(sel)
    return HEALTH, dot(counts, members(counts.shape[2], [np.flatnonzero(code == i) for i in range(len(HEALTH))]))


def _any_of(sel: Selection, column: str, columns: list[tuple[str, list[str]]]) -> tuple[list[str], np.ndarray]:
    return [label for label, _ in columns], any_of(sel, column, [option_bits(column, codes) for _, codes in columns])


def _multi(column: str) -> list[tuple[str, list[str]]]:
    labels: dict[str, list[str]] = {}
    for option in COLUMNS_BY_NAME[column].vocabulary.options:
        labels.setdefault(option.ho_category, []).append(option.code)
    return list(labels.items())


def any_of_multi(sel: Selection, column: str) -> tuple[list[str], np.ndarray]:
    """The Home Office categories of a multi-select answer: reports with any of each category's options."""
    return _any_of(sel, column, _multi(column))


def locations(sel: Selection) -> tuple[list[str], np.ndarray]:
    """Location types, with a total for each group of them (Table 9)."""
    return _any_of(sel, "location_types", _location_categories())


def _location_categories() -> list[tuple[str, list[str]]]:
    groups: dict[str, list[str]] = {}
    for option in COLUMNS_BY_NAME["location_types"].vocabulary.options:
        if option.extra.get("group"):
            groups.setdefault(option.extra["group"], []).append(option.code)
    return [(f"{g} (total)", codes) for g, codes in groups.items()] + _multi("location_types")


def _yes_no(column: str) -> dict[str, int]:
    out = {o.ho_category: i + 1 for i, o in enumerate(COLUMNS_BY_NAME[column].vocabulary.options)}
    out["Not reported"] = 0
    return out


def _levels(column: str) -> list[tuple[str, int]]:
    options = COLUMNS_BY_NAME[column].vocabulary.options
    return [(o.ho_category, i + 1) for i, o in enumerate(options)] + [("Not reported", 0)]


def table_10(sel: Selection) -> list[Table]:
    injured, assault = _yes_no("officer_injured"), _yes_no("officer_assaulted")
    levels = _levels("officer_injury_level")
    counts = answers(sel, "officer_injured", "officer_assaulted", "officer_injury_level")
    out = []
    for o in range(sel.outputs):
        here = counts[o].tolist()
        rows = []
        for i_label, i in injured.items():
            for a_label, a in assault.items():
                detail = [here[i][a][level] if i_label == "Yes" else None for _, level in levels]
                rows.append([i_label, a_label, sum(here[i][a])] + detail)
        out.append(Table(columns=["officer injured", "intentional assault", "total incidents"]
                         + [label for label, _ in levels], rows=rows, notes=[NOTE, "uof never stores an injury level without 'injured: yes', so it has none "
                                            "of the contradictory records the Home Office notes."]))
    return out


def table_11(sel: Selection) -> list[Table]:
    injured = _yes_no("subject_injured")
    levels = _levels("subject_injury_level")
    counts = answers(sel, "subject_injured", "subject_injury_level")
    out = []
    for o in range(sel.outputs):
        here = counts[o].tolist()
        rows = [[label, sum(here[i])] + [here[i][level] if label == "Yes" else None for _, level in levels]
                for label, i in injured.items()]
        out.append(Table(columns=["person injured", "total incidents"] + [label for label, _ in levels], rows=rows,
                         notes=[NOTE, "These do not show how many people were injured: one injury may be reported "
                                      "by several officers."]))
    return out


def table_13(sel: Selection) -> list[Table]:
    ced = sel.values("tactics", "ced")
    levels = {o.extra["ced_rank"]: o for o in TACTICS.options if o.extra.get("parent") == "CED"}
    non = [r for r, o in levels.items() if not o.extra["discharge"]]
    dis = [r for r, o in levels.items() if o.extra["discharge"]]
    order = ["CED Drawn", "CED Aimed", "CED Red-dot", "CED Arced", None, "CED Drive-stun", "CED Fired",
             "CED Angle-drive stun"]
    rank_of = {o.ho_category: r for r, o in levels.items()}
    columns = [ced > 0, np.isin(ced, non)] + [np.isin(ced, dis) if label is None else ced == rank_of[label]
                                              for label in order]
    counts = dot(tactic_counts(sel), np.stack(columns, axis=1))
    out = []
    for o in range(sel.outputs):
        row = counts[o].tolist()
        out.append(Table(columns=["scope", "Total", "Total non-discharge", "Drawn", "Aimed", "Red-dot", "Arced",
                          "Total discharge", "Drive stun", "Fired", "Angled drive stun", "Not stated"],
                         rows=[["selection"] + row + [0]], notes=[NOTE, "Highest use of CED per report."]))
    return out
