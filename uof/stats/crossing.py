"""Counts by tactic combination crossed with another answer, shared by the subjects and
multi-select tables and the Home Office cross-tabulations (Tables 2-9).

The Home Office tables cross tactic rows (a hierarchy of groups, tactics and CED levels, derived
from the tactics vocabulary) with the categories of another answer; each cell is the times the
tactic row is reported in that category's reports. Reports are counted by output (selection.py)
× tactic class × the other answer's code, and a small matrix of the times each row is reported
per class turns those counts into cells. A tactic class is the set of tactic combinations
reported the same number of times in every row of Tables 2-9 (a few hundred combinations, fewer
classes), so the counts are smaller than by combination.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from uof.reports.tactics import GROUPS, TACTICS

from .codes import TACTIC_BIT
from .selection import Selection, dot


@dataclass(frozen=True)
class TacticRow:
    label: str
    kind: str  # total, group, parent, tactic, ced
    codes: tuple[str, ...] = ()
    ced_ranks: tuple[int, ...] = ()


def tactic_rows(ced_detail: bool) -> list[TacticRow]:
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


def row_times(tactics: np.ndarray, ced: np.ndarray, row: TacticRow) -> np.ndarray:
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


def times(sel: Selection, ced_detail: bool) -> tuple[list[TacticRow], np.ndarray]:
    """The tactic rows and the times each is reported per tactic combination (rows × combinations)."""
    key = ("times", ced_detail)
    if key not in sel._cache:
        rows = tactic_rows(ced_detail)
        values = sel.encoding.dictionaries["tactics"].values
        sel._cache[key] = rows, np.stack([row_times(values["tactics"], values["ced"], r) for r in rows]
                                         ).astype(np.float64)
    return sel._cache[key]


def classes(sel: Selection) -> tuple[np.ndarray, int]:
    """Per tactic combination its class (combinations reported alike in every row of Tables 2-9)
    and the number of classes."""
    if "classes" not in sel._cache:
        _, matrix = times(sel, ced_detail=False)
        found: dict[bytes, int] = {}
        index = [found.setdefault(column.tobytes(), len(found)) for column in np.ascontiguousarray(matrix.T)]
        sel._cache["classes"] = np.array(index, dtype=np.int64), len(found)
    return sel._cache["classes"]


def class_times(sel: Selection) -> tuple[list[TacticRow], np.ndarray]:
    """The rows of Tables 2-9 and the times each is reported per tactic class (rows × classes)."""
    rows, matrix = times(sel, ced_detail=False)
    index, size = classes(sel)
    out = np.zeros((len(rows), size))
    out[:, index] = matrix
    return rows, out


def _by_class(sel: Selection) -> tuple[np.ndarray, int, str]:
    """The first factor of a count by tactic class (selection.Selection.tally)."""
    if "class codes" not in sel._cache:
        index, size = classes(sel)
        codes, _ = sel.combination("tactics")
        sel._cache["class codes"] = index.astype(np.uint16 if size <= 1 << 16 else np.uint32)[codes], size
    return (*sel._cache["class codes"], "tactic class")


def by_tactics(sel: Selection, column: str) -> np.ndarray:
    """Reports by output × tactic class × code of `column` × first report on the subject (index 1):
    the subjects tables and Tables 2-5. For "health" the codes are the (mental, physical) condition
    pairs (tables.health_pairs)."""
    if ("by tactics", column) not in sel._cache:
        if column == "health":
            counts = sel.tally(_by_class(sel), sel.column("mental_condition"), sel.column("physical_condition"),
                               "subject")
            shape = counts.shape
            counts = counts.reshape(shape[0], shape[1], shape[2] * shape[3], 2)
        else:
            counts = sel.tally(_by_class(sel), sel.column(column), "subject")
        sel._cache[("by tactics", column)] = counts
    return sel._cache[("by tactics", column)]


# Most bins for one count of tactic class × multi-select combination (national: 43 forces × 363
# classes × 79 location combinations is 1.2 million): above it Tables 6-9 count a few categories
# at a time (any_of); a small selection allows fewer.
BINS = 1 << 21


def _bins(sel: Selection) -> int:
    return max(min(BINS, 8 * sel.n), 1 << 12)


def multi_by_tactics(sel: Selection, column: str) -> np.ndarray | None:
    """Reports by group (no total: see Selection.totalled) × tactic class × combination of the
    multi-select `column` when there are few enough combinations (the multi-select table and
    Tables 6-9 share it); else None."""
    key = ("multi by tactics", column)
    if key not in sel._cache:
        codes, size = sel.combination(column)
        fits = size * sel.groups * classes(sel)[1] <= _bins(sel)
        sel._cache[key] = sel.tally(_by_class(sel), (codes, size), total=False) if fits else None
    return sel._cache[key]


def any_of(sel: Selection, column: str, bits: list[int]) -> np.ndarray:
    """Reports by output × tactic class × column, a report being in each column whose options
    (bits) it has any of. Counted by combination code when that count is small enough, else by
    signatures of a few columns at a time (which of those columns a combination is in, as bits:
    2**k values for k columns)."""
    values = sel.values(column)
    hit = np.stack([(values & np.uint32(b)) != 0 for b in bits], axis=1)
    counts = multi_by_tactics(sel, column)
    if counts is not None:
        return sel.totalled(dot(counts, hit))
    codes, _ = sel.combination(column)
    per_bin = max(1, sel.groups * classes(sel)[1])
    k = max(1, min(8, (_bins(sel) // per_bin).bit_length() - 1))
    parts = []
    for chunk in np.array_split(np.arange(len(bits)), math.ceil(len(bits) / k)):
        flags = 1 << np.arange(len(chunk))
        signature = (hit[:, chunk] * flags).sum(axis=1).astype(np.uint16)
        counts = sel.tally(_by_class(sel), (signature[codes], 1 << len(chunk)), total=False)
        parts.append(dot(counts, (np.arange(1 << len(chunk))[:, None] & flags) != 0))
        del counts
    return sel.totalled(np.concatenate(parts, axis=2))
