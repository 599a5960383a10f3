"""The Home Office tables (2019/20 layout) for a selection: Tables 1–11 and 13.

Labels follow ../shared/reference/home-office. The Home Office's "incidents" in these tables
are reports (one officer, one person, one incident): the tables say so in their unit and notes.
Counting rules: a tactic counts once per report ("incidents involving"), while "times reported"
counts each recorded option (CS and PAVA used in one report are 2 times, 1 report); a Taser
counts once per report at its highest level; tactical communication and "not reported" are
left out of the totals.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from uof.reports.tactics import GROUPS, TACTICS

from .codes import COLUMNS_BY_NAME, TACTIC_BIT
from .tables import HEALTH, Selection, Table, _health_codes

UNIT = "report (the Home Office's \"incident\")"
NOTE = ("The Home Office calls each report an \"incident\": one officer's use of force on one person. "
        "A single use of force may be recorded several times if more than one officer was there.")


@dataclass(frozen=True)
class TacticRow:
    label: str
    kind: str  # total, group, parent, tactic, ced
    codes: tuple[str, ...] = ()
    ced_ranks: tuple[int, ...] = ()


def _tactic_rows(ced_detail: bool) -> list[TacticRow]:
    """The Home Office tactic hierarchy, derived from the tactics vocabulary."""
    rows: list[TacticRow] = []
    options = [o for o in TACTICS.options if o.extra["group"] != "communication"]
    all_codes = tuple(o.code for o in options if o.extra.get("parent") != "CED")
    all_ced = tuple(o.extra["ced_rank"] for o in options if o.extra.get("parent") == "CED")
    rows.append(TacticRow("*Total Tactics (excluding not reported and tactical communication)", "total",
                          all_codes, all_ced))
    for group_key, group_label in GROUPS.items():
        if group_key == "communication":
            continue
        members = [o for o in options if o.extra["group"] == group_key]
        rows.append(TacticRow(f"*Total {group_label}", "group",
                              tuple(o.code for o in members if o.extra.get("parent") != "CED"),
                              tuple(o.extra["ced_rank"] for o in members if o.extra.get("parent") == "CED")))
        seen: list[str] = []
        for option in members:
            parent = option.extra.get("parent")
            key = parent or option.ho_category
            if key in seen or (group_key in ("unarmed", "firearms") and not parent):
                continue
            seen.append(key)
            if parent == "CED":
                ced = [o for o in members if o.extra.get("parent") == "CED"]
                rows.append(TacticRow("CED, of which", "parent", (), tuple(o.extra["ced_rank"] for o in ced)))
                if ced_detail:
                    rows += [TacticRow(o.ho_category, "ced", (), (o.extra["ced_rank"],))
                             for o in sorted(ced, key=lambda o: o.extra["ced_rank"])]
                else:
                    rows += [TacticRow("CED non-discharge", "ced", (), tuple(o.extra["ced_rank"] for o in ced
                                                                              if not o.extra["discharge"])),
                             TacticRow("CED discharge", "ced", (), tuple(o.extra["ced_rank"] for o in ced
                                                                          if o.extra["discharge"]))]
                rows.append(TacticRow("CED not stated", "ced"))
            elif parent:
                children = [o for o in members if o.extra.get("parent") == parent]
                rows.append(TacticRow(f"{parent}, of which", "parent", tuple(o.code for o in children)))
                categories = list(dict.fromkeys(o.ho_category for o in children))
                rows += [TacticRow(c, "tactic", tuple(o.code for o in children if o.ho_category == c))
                         for c in categories]
                rows.append(TacticRow(f"{parent} not stated", "tactic"))
            else:
                rows.append(TacticRow(option.ho_category, "tactic",
                                      tuple(o.code for o in members if o.ho_category == option.ho_category)))
    rows.append(TacticRow("*Total Not reported", "not_reported"))
    rows.append(TacticRow("Tactical communication", "tactic", ("tactical_communication",)))
    return rows


def _row_times(tactics: np.ndarray, ced: np.ndarray, row: TacticRow) -> np.ndarray:
    """Times `row` was reported, for each (tactics bitmask, highest CED level) given."""
    if row.kind == "not_reported":
        comm = TACTIC_BIT["tactical_communication"]
        bits = np.uint64(((1 << len(TACTICS.options)) - 1) & ~(1 << comm))
        return ((tactics & bits) == 0).astype(np.int64)
    bits = 0
    for code in row.codes:
        bits |= 1 << TACTIC_BIT[code]
    times = np.bitwise_count(tactics & np.uint64(bits)).astype(np.int64)
    if row.ced_ranks:
        times = times + np.isin(ced, row.ced_ranks)
    return times


class _Combos:
    """Reports grouped by their combination of tactics (and highest CED level): a few hundred
    combinations stand for a million reports, so each cross-tabulation is one count per
    category followed by a small matrix product."""

    def __init__(self, sel: Selection, rows: list[TacticRow]):
        key = sel.a["tactics"] * np.uint64(8) + sel.a["ced"].astype(np.uint64)
        unique, self.index = np.unique(key, return_inverse=True)
        tactics, ced = unique // np.uint64(8), (unique % np.uint64(8)).astype(np.uint8)
        self.times = np.stack([_row_times(tactics, ced, r) for r in rows]) if len(unique) else np.zeros((len(rows), 0))
        self.size = len(unique)

    def cells(self, mask: np.ndarray) -> np.ndarray:
        """Times each row was reported among the reports picked by `mask`."""
        counts = np.bincount(self.index[mask], minlength=self.size)
        return self.times @ counts


def _combos(sel: Selection, ced_detail: bool) -> tuple[list[TacticRow], _Combos]:
    cache = sel.__dict__.setdefault("_home_office", {})
    if ced_detail not in cache:
        rows = _tactic_rows(ced_detail)
        cache[ced_detail] = (rows, _Combos(sel, rows))
    return cache[ced_detail]


def table_1(sel: Selection) -> Table:
    rows, combos = _combos(sel, ced_detail=True)
    everyone = np.ones(sel.n, dtype=bool)
    times = combos.cells(everyone)
    counts = np.bincount(combos.index, minlength=combos.size)
    involved = (combos.times > 0).astype(np.int64) @ counts
    out = [[row.label, int(t), int(i)] for row, t, i in zip(rows, times, involved)]
    return Table("ho_table_1", "Table 1: Number of times tactics were used and number of incidents in which they "
                 "were used", UNIT, ["tactic", "number of times tactic reported", "number of incidents involving tactic"],
                 out, notes=[NOTE, "Tactics used in an incident are only counted once per incident.",
                             "CED counts at its highest use per incident: drawn then fired appears under Fired only.",
                             "The total excludes tactical communication and not reported tactic use."])


def _cross(sel: Selection, key: str, title: str, categories: list[tuple[str, np.ndarray]]) -> Table:
    """Tactic rows × categories: cells are times the tactic was reported in that category's reports."""
    rows, combos = _combos(sel, ced_detail=False)
    columns = ["tactic"] + [label for label, _ in categories] + ["number of times tactic reported"]
    by_category = [combos.cells(mask) for _, mask in categories]
    total = combos.cells(np.ones(sel.n, dtype=bool))
    out = [["Total number of incidents involving group"] + [int(m.sum()) for _, m in categories] + [sel.n]]
    for i, row in enumerate(rows):
        out.append([row.label] + [int(cells[i]) for cells in by_category] + [int(total[i])])
    return Table(key, title, UNIT, columns, out, notes=[NOTE])


def _single(sel: Selection, column: str, not_reported: bool = True) -> list[tuple[str, np.ndarray]]:
    vocabulary = COLUMNS_BY_NAME[column].vocabulary
    codes = sel.a[column]
    labels: dict[str, list[int]] = {}
    for i, option in enumerate(vocabulary.options):
        labels.setdefault(option.ho_category, []).append(i + 1)
    out = [(label, np.isin(codes, values)) for label, values in labels.items()]
    return out + ([("Not reported", codes == 0)] if not_reported else [])


def _multi(sel: Selection, column: str) -> list[tuple[str, np.ndarray]]:
    vocabulary = COLUMNS_BY_NAME[column].vocabulary
    labels: dict[str, list[str]] = {}
    for option in vocabulary.options:
        labels.setdefault(option.ho_category, []).append(option.code)
    return [(label, sel.has_any(column, codes)) for label, codes in labels.items()]


def _locations(sel: Selection) -> list[tuple[str, np.ndarray]]:
    groups: dict[str, list[str]] = {}
    for option in COLUMNS_BY_NAME["location_types"].vocabulary.options:
        if option.extra.get("group"):
            groups.setdefault(option.extra["group"], []).append(option.code)
    return [(f"{g} (total)", sel.has_any("location_types", codes)) for g, codes in groups.items()] + _multi(
        sel, "location_types")


def _yes_no(sel: Selection, column: str) -> dict[str, np.ndarray]:
    vocabulary = COLUMNS_BY_NAME[column].vocabulary
    codes = sel.a[column]
    out = {o.ho_category: codes == i + 1 for i, o in enumerate(vocabulary.options)}
    out["Not reported"] = codes == 0
    return out


def _levels(sel: Selection, column: str) -> list[tuple[str, np.ndarray]]:
    vocabulary = COLUMNS_BY_NAME[column].vocabulary
    codes = sel.a[column]
    return [(o.ho_category, codes == i + 1) for i, o in enumerate(vocabulary.options)] + [("Not reported", codes == 0)]


def table_10(sel: Selection) -> Table:
    injured, assault = _yes_no(sel, "officer_injured"), _yes_no(sel, "officer_assaulted")
    levels = _levels(sel, "officer_injury_level")
    rows = []
    for i_label, i_mask in injured.items():
        for a_label, a_mask in assault.items():
            both = i_mask & a_mask
            detail = [int((both & m).sum()) if i_label == "Yes" else None for _, m in levels]
            rows.append([i_label, a_label, int(both.sum())] + detail)
    return Table("ho_table_10", "Table 10: Injuries to officers", UNIT,
                 ["officer injured", "intentional assault", "total incidents"] + [label for label, _ in levels], rows,
                 notes=[NOTE, "uof never stores an injury level without 'injured: yes', so it has none of the "
                              "contradictory records the Home Office notes."])


def table_11(sel: Selection) -> Table:
    injured = _yes_no(sel, "subject_injured")
    levels = _levels(sel, "subject_injury_level")
    rows = [[label, int(mask.sum())] + [int((mask & m).sum()) if label == "Yes" else None for _, m in levels]
            for label, mask in injured.items()]
    return Table("ho_table_11", "Table 11: Injuries to person involved", UNIT,
                 ["person injured", "total incidents"] + [label for label, _ in levels], rows,
                 notes=[NOTE, "These do not show how many people were injured: one injury may be reported by "
                              "several officers."])


def table_13(sel: Selection) -> Table:
    ced = sel.a["ced"]
    levels = {o.extra["ced_rank"]: o for o in TACTICS.options if o.extra.get("parent") == "CED"}
    non = [r for r, o in levels.items() if not o.extra["discharge"]]
    dis = [r for r, o in levels.items() if o.extra["discharge"]]
    by_label = {o.ho_category: int((ced == r).sum()) for r, o in levels.items()}
    row = [int((ced > 0).sum()), int(np.isin(ced, non).sum()), by_label["CED Drawn"], by_label["CED Aimed"],
           by_label["CED Red-dot"], by_label["CED Arced"], int(np.isin(ced, dis).sum()), by_label["CED Drive-stun"],
           by_label["CED Fired"], by_label["CED Angle-drive stun"], 0]
    return Table("ho_table_13", "Table 13: Use of CED by type", UNIT,
                 ["scope", "Total", "Total non-discharge", "Drawn", "Aimed", "Red-dot", "Arced", "Total discharge",
                  "Drive stun", "Fired", "Angled drive stun", "Not stated"], [["selection"] + row],
                 notes=[NOTE, "Highest use of CED per report."])


def home_office_tables(sel: Selection) -> list[Table]:
    health_codes = _health_codes(sel)
    health = [(label, health_codes == i) for i, label in enumerate(HEALTH)]
    return [
        table_1(sel),
        _cross(sel, "ho_table_2", "Table 2: tactics by officer perceived age of person involved", _single(sel, "age_band")),
        _cross(sel, "ho_table_3", "Table 3: tactics by officer perceived gender of person involved", _single(sel, "gender")),
        _cross(sel, "ho_table_4", "Table 4: tactics by officer perceived ethnicity of person involved",
               _single(sel, "ethnicity")),
        _cross(sel, "ho_table_5", "Table 5: tactics by officer perceived health condition of person involved", health),
        _cross(sel, "ho_table_6", "Table 6: tactics by reason for using force", _multi(sel, "reasons")),
        _cross(sel, "ho_table_7", "Table 7: tactics by impact factor", _multi(sel, "impact_factors")),
        _cross(sel, "ho_table_8", "Table 8: tactics by incident outcome", _multi(sel, "outcomes")),
        _cross(sel, "ho_table_9", "Table 9: tactics by incident location", _locations(sel)),
        table_10(sel), table_11(sel), table_13(sel),
    ]
