"""Disclosure control: which counts a publication may show, checked by an attacker who solves
linear programs over everything published.

The rule (a publication's `Rule`):
- Primary suppression: a count from 1 to threshold - 1 is protected. Counts by district and
  custody suite are always protected; force-level counts of one dimension (the headline, tactics,
  age, injuries …) are protected unless the force chooses to publish them (the seed publishes "one
  led to a severe injury").
- Secondary suppression: a protected count must not be recoverable from what is shown. The
  attacker knows every shown count (as an interval when counts are rounded), every relation
  between counts (cells.py: rows adding up to totals, totals shared between tables, counts that
  cannot exceed others), what the record-level open data adds, and the previous revision. For
  each withheld protected count it computes the smallest and largest value consistent with all
  of that (two linear programs, HiGHS through scipy). A count is exposed when only one whole
  number fits. While any is exposed, the smallest shown count in a relation with it is withheld
  too, and the attack is run again.
- Rounding (optional): shown counts are rounded to the nearest multiple of `rounding`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

from .cells import INF, CellId, Fact, Grid, R

DEFAULT_THRESHOLD = 5


@dataclass(frozen=True)
class Rule:
    threshold: int = DEFAULT_THRESHOLD  # counts 1 .. threshold - 1 are protected
    rounding: int = 1  # shown counts rounded to a multiple of this (1: exact)
    small_force_counts: bool = False  # show force-level one-dimensional counts below the threshold

    def as_dict(self) -> dict:
        return {"threshold": self.threshold, "rounding": self.rounding,
                "small_force_counts": self.small_force_counts}

    def describe(self) -> list[str]:
        lines = [f"Counts from 1 to {self.threshold - 1} by district and custody suite are withheld "
                 f"(shown as [c]), with further counts withheld where needed so that none can be worked "
                 f"out from totals or from other tables of this publication."]
        if self.small_force_counts:
            lines.append("Force-wide counts of one characteristic (for example the number of severe injuries) "
                         "are shown even when small, as the force has chosen.")
        else:
            lines.append(f"Force-wide counts from 1 to {self.threshold - 1} are withheld in the same way.")
        if self.rounding > 1:
            lines.append(f"Counts are rounded to the nearest {self.rounding}; percentages are worked out from "
                         f"the rounded counts.")
        return lines


def protected_cells(grid: Grid, rule: Rule) -> set[CellId]:
    small = {c for c, v in grid.values.items() if 0 < v < rule.threshold}
    if rule.small_force_counts:
        small -= grid.one_dimensional
    return small


def small_group_cells(grid: Grid, rule: Rule) -> set[CellId]:
    """Counts withheld so that a small group reveals no attribute: with fewer reports than the
    threshold in the whole publication, every count but the headline's (a category showing 0 beside
    one withheld would say what those few people share); within a small district, its places."""
    if 0 < grid.values.get(R, 0) < rule.threshold:
        return {c for c in grid.values if c[0] != R[0]}
    return {part for total, parts in grid.groups if 0 < grid.values.get(total, 0) < rule.threshold
            for part in parts if part in grid.values}


def shown_interval(value: int, rule: Rule) -> tuple[float, float]:
    """What a reader knows of a count shown by this rule: exact, or the values that round to what is shown."""
    return reading(rounded(value, rule), rule.rounding)


def reading(shown: float, rounding: int) -> tuple[float, float]:
    """The values a figure shown as `shown` (rounded to `rounding`, 1: exact) can stand for."""
    if rounding <= 1:
        return float(shown), float(shown)
    return max(0.0, shown - rounding / 2), shown + rounding / 2


def rounded(value: int, rule: Rule) -> int:
    if rule.rounding <= 1:
        return value
    return int(math.floor(value / rule.rounding + 0.5)) * rule.rounding


# --- the attacker --------------------------------------------------------------------------------

@dataclass
class Knowledge:
    """Everything a reader has: intervals for shown cells (unknown cells are >= 0) and facts."""

    known: dict[CellId, tuple[float, float]]
    facts: list[Fact]
    extra_cells: set[CellId] = field(default_factory=set)  # unknowns that appear only in facts


def bounds(knowledge: Knowledge, targets) -> dict[CellId, tuple[float, float]]:
    """The smallest and largest value each target cell can take given the knowledge."""
    fixed = {c: lo for c, (lo, hi) in knowledge.known.items() if lo == hi}
    free: dict[CellId, tuple[float, float | None]] = {}
    for fact in knowledge.facts:
        for c in fact.cells():
            if c not in fixed:
                lo, hi = knowledge.known.get(c, (0.0, INF))
                free[c] = (lo, None if hi == INF else hi)
    for c in targets:
        if c not in fixed and c not in free:
            free[c] = (0.0, None)
    # Split into independent groups of unknowns (joined by facts): small programs solve faster.
    parent = {c: c for c in free}

    def root(c):
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    component_facts: list[tuple[Fact, list[CellId]]] = []
    for fact in knowledge.facts:
        unknown = [c for c in fact.cells() if c in free]
        if not unknown:
            continue
        for c in unknown[1:]:
            a, b = root(unknown[0]), root(c)
            if a != b:
                parent[a] = b
        component_facts.append((fact, unknown))
    members: dict[CellId, list[CellId]] = {}
    for c in free:
        members.setdefault(root(c), []).append(c)
    facts_of: dict[CellId, list[Fact]] = {}
    for fact, unknown in component_facts:
        facts_of.setdefault(root(unknown[0]), []).append(fact)
    out = {}
    programs: dict[CellId, tuple] = {}
    for target in targets:
        if target in fixed:
            out[target] = (fixed[target], fixed[target])
            continue
        top = root(target)
        if top not in programs:
            programs[top] = _program(members[top], facts_of.get(top, []), fixed, free)
        cells, index, a_ub, b_ub, a_eq, b_eq, var_bounds = programs[top]
        objective = np.zeros(len(cells))
        objective[index[target]] = 1.0
        low = _solve(objective, a_ub, b_ub, a_eq, b_eq, var_bounds)
        high = _solve(-objective, a_ub, b_ub, a_eq, b_eq, var_bounds)
        out[target] = (low, INF if high is None else -high)
    return out


def _program(cells, facts, fixed, free):
    index = {c: i for i, c in enumerate(cells)}
    ub, ub_rhs, eq, eq_rhs = ([], [], []), [], ([], [], []), []

    def add(matrix, rhs, row, sign, value):
        data, rows, columns = matrix
        for column, k in row.items():
            data.append(sign * k)
            rows.append(len(rhs))
            columns.append(column)
        rhs.append(sign * value)
    for fact in facts:
        row: dict[int, float] = {}
        constant = 0.0
        for c, k in fact.terms:
            if c in index:
                row[index[c]] = row.get(index[c], 0.0) + k
            else:
                constant += k * fixed[c]
        lo, hi = fact.lo - constant, fact.hi - constant
        if lo == hi:
            add(eq, eq_rhs, row, 1, lo)
            continue
        if hi != INF:
            add(ub, ub_rhs, row, 1, hi)
        if lo != -INF:
            add(ub, ub_rhs, row, -1, lo)

    def as_matrix(matrix, rhs):  # sparse: programs over many publications have thousands of unknowns
        if not rhs:
            return None, None
        data, rows, columns = matrix
        return csr_matrix((data, (rows, columns)), shape=(len(rhs), len(cells))), np.array(rhs)
    a_ub, b_ub = as_matrix(ub, ub_rhs)
    a_eq, b_eq = as_matrix(eq, eq_rhs)
    return cells, index, a_ub, b_ub, a_eq, b_eq, [free[c] for c in cells]


def _solve(objective, a_ub, b_ub, a_eq, b_eq, var_bounds) -> float | None:
    result = linprog(objective, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=var_bounds, method="highs")
    if result.status == 3:  # unbounded
        return None
    if result.status != 0:
        raise RuntimeError(f"disclosure check: the published figures are inconsistent ({result.message})")
    return float(result.fun)


def pinned(low: float, high: float) -> bool:
    """Only one whole number lies between the bounds."""
    if high == INF:
        return False
    return math.floor(high + 1e-6) - math.ceil(low - 1e-6) < 1


# --- choosing what to withhold -------------------------------------------------------------------

def knowledge_of(grid: Grid, withheld: set[CellId], rule: Rule, extra_facts=(), known_elsewhere=None) -> Knowledge:
    """What a reader knows: the shown cells (as intervals when rounded), the relations, `extra_facts`
    and what other publications show (`known_elsewhere`: cell -> interval; a cell shown in two
    places is known to lie in both intervals)."""
    known = dict(known_elsewhere or {})
    for c, v in grid.values.items():
        if c not in withheld:
            lo, hi = shown_interval(v, rule)
            if c in known:
                lo, hi = max(lo, known[c][0]), min(hi, known[c][1])
            known[c] = (lo, hi)
    return Knowledge(known, [*grid.facts, *extra_facts])


def withhold(grid: Grid, rule: Rule, facts_for=None, also_protect=(), known_elsewhere=None,
             prefer=frozenset(), given_away=frozenset()) -> set[CellId]:
    """The cells to withhold: the protected ones and enough others that none of those can be pinned.

    `facts_for(withheld)` gives what other published material tells a reader once these cells are
    withheld (the record-level file, which hides what the tables withhold; the previous revision;
    other publications over the same reports). `also_protect` are cells of that material (the
    previous revision's withheld counts, other publications' and pieces' protected counts) that
    must not become recoverable either; `known_elsewhere` what other publications show; `prefer`
    cells other publications already withhold, chosen first as complements (consistent suppression
    loses least); `given_away` its protected cells that other publications already pin (withheld,
    but nothing here can protect them).
    """
    protected = protected_cells(grid, rule)
    withheld = protected | small_group_cells(grid, rule)
    while True:
        extra = list(facts_for(withheld)) if facts_for else []
        knowledge = knowledge_of(grid, withheld, rule, extra, known_elsewhere)
        targets = sorted(protected - given_away) + list(also_protect)
        exposed = [c for c, (lo, hi) in bounds(knowledge, targets).items() if pinned(lo, hi)]
        if not exposed:
            return withheld
        involved: dict[CellId, list[Fact]] = {}
        for fact in knowledge.facts:
            for c in fact.cells():
                involved.setdefault(c, []).append(fact)
        # The record-level file fixes the number of reports whatever is withheld; other cells it shows
        # are hidden there too once withheld here, so they stay candidates.
        fixed_elsewhere = {R} if any(f.cells() == [R] and f.lo == f.hi for f in extra) else set()
        fixed_elsewhere |= {c for c, (lo, hi) in (known_elsewhere or {}).items() if lo == hi}
        added = False
        for cell in exposed:
            choice = _complement(grid, cell, involved, withheld | fixed_elsewhere, prefer)
            if choice is not None and choice not in withheld:
                withheld.add(choice)
                added = True
        if not added:
            raise CannotProtect(exposed[0])


class CannotProtect(RuntimeError):
    """A protected count would be pinned whatever this publication withholds (another publication
    shows what would be needed)."""

    def __init__(self, cell):
        super().__init__(f"disclosure check: cannot protect {cell}")
        self.cell = cell


def _complement(grid: Grid, cell: CellId, involved, unavailable, prefer=frozenset()) -> CellId | None:
    """The shown cell to withhold next to protect `cell`: the nearest one in the web of relations
    (reached through withheld cells, since shown ones are fixed), through equalities first, the
    smallest non-zero count first (losing the least), one another publication withholds before any."""
    for equalities_only in (True, False):
        seen, frontier = {cell}, [cell]
        while frontier:
            candidates, next_frontier = set(), []
            for current in frontier:
                for fact in involved.get(current, []):
                    if equalities_only and fact.lo != fact.hi:
                        continue
                    for other in fact.cells():
                        if other in seen:
                            continue
                        seen.add(other)
                        if other in grid.values and other not in unavailable:
                            candidates.add(other)
                        else:
                            next_frontier.append(other)
            if candidates:
                return min(candidates, key=lambda c: (c not in prefer, grid.values[c] == 0, grid.values[c], c))
            frontier = next_frontier
    return None
