"""Disclosure control across publications: the public record as sums over disjoint pieces.

Every publication counts the reports of some forces over some dates. Cut the dates at every
publication's first day and at the day after its last, and each publication's count is the sum of
the same count over its pieces, one per force and date segment: a collaboration's quarter is the
sum of its forces' quarters, a year the sum of its quarters. The attacker here gets one unknown
per piece and cell, the form's relations inside every piece (true of any set of reports), and, for
every publication already public that shares reports with the new one (and every publication
sharing reports with those), its shown counts, its relations and what its record-level file said,
tied to the sum of its pieces. A publication made before reports changed is tied loosely: each of
its counts is within the number of reports changed since of the sum now.

The new publication must leave pinned no protected count that was not pinned before it: its own,
every other publication's withheld ones (by that publication's threshold), and the small counts
of every piece no single publication shows (an unpublished quarter, a force inside a
collaboration), which a year minus its quarters or a collaboration minus its other forces would
otherwise give away.

Consistent by design: a publication may not use a lower threshold than one it shares reports
with, nor a different rounding (an exact figure beside a rounded one undoes the rounding), and
the complements it withholds are chosen first among cells other publications already withhold.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from uof.stats.catalogue import PUBLISHED, SUMMARY
from uof.stats.periods import date_range
from uof.stats.service import statistics

from .cells import CellId, Fact, Grid, grid
from .disclosure import DEFAULT_THRESHOLD, Knowledge, Rule, bounds, pinned, protected_cells
from .models import Publication
from .revisions import Previous, facts_from_json, moved_by, shown_intervals, stored_grid
from .selectors import reports_changed_since

# The summary's comparison columns count other periods: they are not sums of this period's pieces.
COMPARISON_COLUMNS = {c for c in SUMMARY.counts if c != "count"}


@dataclass(frozen=True)
class Piece:
    force: str  # slug
    start: dt.date
    end: dt.date

    def name(self, cell: CellId) -> CellId:
        return (f"piece {self.force} {self.start}..{self.end}: {cell[0]}", cell[1], cell[2])


@dataclass
class PublicRecord:
    """What every related publication tells a reader, for the check of a new one."""

    facts: list[Fact] = field(default_factory=list)  # relations, including the new one's ties
    known: dict[CellId, tuple[float, float]] = field(default_factory=dict)  # what others show
    targets: list[CellId] = field(default_factory=list)  # must stay unpinned (already pruned)
    prefer: set[CellId] = field(default_factory=set)  # the new one's cells others already withhold
    given_away: set[CellId] = field(default_factory=set)  # its protected cells others already pin


def _overlaps(p: Publication, forces: set[str], start: dt.date, end: dt.date) -> bool:
    return p.date_from <= end and p.date_to >= start and bool(forces & {f.slug for f in p.forces.all()})


def related_publications(forces: list, start: dt.date, end: dt.date) -> tuple[list, list]:
    """Publications sharing reports with these forces and dates (every revision), and those
    sharing reports with any of them."""
    slugs = {f.slug for f in forces}
    candidates = list(Publication.objects.filter(date_from__lte=end + dt.timedelta(days=800),
                                                 date_to__gte=start - dt.timedelta(days=800))
                      .prefetch_related("forces").order_by("pk"))
    direct = [p for p in candidates if _overlaps(p, slugs, start, end)]
    boxes = [(slugs, start, end)] + [({f.slug for f in p.forces.all()}, p.date_from, p.date_to) for p in direct]
    second = [p for p in candidates if p not in direct and any(_overlaps(p, *box) for box in boxes)]
    return direct, second


def refusal(direct: list[Publication], rule: Rule) -> tuple[str, str]:
    """Which part of this rule may not be used beside these publications, and why (("", "") if
    it may)."""
    for p in direct:
        threshold, rounding = p.rule.get("threshold", DEFAULT_THRESHOLD), p.rule.get("rounding", 1)
        if threshold > rule.threshold:
            return "threshold", (f"{p} shares reports with this publication and withholds counts below {threshold}: use a "
                    f"smallest count shown of at least {threshold}, or one publication could undo the other's "
                    f"protection.")
        if rounding != rule.rounding:
            said = f"rounds to the nearest {rounding}" if rounding > 1 else "shows exact counts"
            return "rounding", (f"{p} shares reports with this publication and {said}: use the same rounding, or the "
                    f"exact figures of one would undo the rounding of the other.")
    return "", ""


def _segments(boxes: list[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    cuts = sorted({s for s, _ in boxes} | {e + dt.timedelta(days=1) for _, e in boxes})
    return [(a, b - dt.timedelta(days=1)) for a, b in zip(cuts, cuts[1:])]


def _pieces_of(forces: set[str], start: dt.date, end: dt.date, segments) -> list[Piece]:
    return [Piece(f, s, e) for f in sorted(forces) for s, e in segments if s >= start and e <= end]


def _piece_grid(force, piece: Piece) -> Grid:
    """A piece's cells and the form's relations among them (comparison columns left out)."""
    tables = [t for t in statistics([force], date_range(piece.start, piece.end))["tables"] if t.key in PUBLISHED]
    g = grid(tables)
    g.values = {c: v for c, v in g.values.items() if c[2] not in COMPARISON_COLUMNS}
    g.facts = [f for f in g.facts if all(c in g.values for c in f.cells())]
    return g


def public_record(forces: list, start: dt.date, end: dt.date, rule: Rule, new: Grid,
                  direct: list[Publication], second: list[Publication]) -> PublicRecord:
    """The public record around a new publication of `forces` over these dates, whose cells are
    `new` (named as the new publication names them), given `related_publications` (whose rules
    `refusal` has already accepted)."""
    out = PublicRecord()
    if not direct:
        return out
    related = direct + second
    slugs = {f.slug for f in forces}
    by_slug = {f.slug: f for p in related for f in p.forces.all()} | {f.slug: f for f in forces}
    scopes = [({f.slug for f in p.forces.all()}, p.date_from, p.date_to) for p in related]
    segments = _segments([(start, end)] + [(s, e) for _, s, e in scopes])
    new_pieces = _pieces_of(slugs, start, end, segments)
    # A one-piece publication's cells are that piece's: named as the new publication names them.
    single = new_pieces[0] if len(new_pieces) == 1 else None

    def name(piece: Piece, cell: CellId) -> CellId:
        return cell if piece == single else piece.name(cell)
    grids: dict[Piece, Grid] = {}
    for forces_of, s, e in [(slugs, start, end), *scopes]:
        for piece in _pieces_of(forces_of, s, e, segments):
            if piece not in grids:
                grids[piece] = _piece_grid(by_slug[piece.force], piece)
    for piece, g in grids.items():
        out.facts += [Fact(tuple((name(piece, c), k) for c, k in f.terms), f.lo, f.hi) for f in g.facts]
    # The new publication: each cell is the sum of its pieces (exactly: it is computed now).
    if single is None:
        for cell in new.values:
            if cell[2] not in COMPARISON_COLUMNS:
                parts = [name(p, cell) for p in new_pieces if cell in grids[p].values]
                if parts or not new.values[cell]:
                    out.facts.append(_tie(cell, parts, 0))
    shown_by_one: set[Piece] = set()  # pieces an unchanged one-piece publication shows exactly
    baseline_targets: list[CellId] = []
    withheld_elsewhere: set[CellId] = set()
    for p in related:
        stored = Previous(p.content, p.true_cells, 0, p.file_facts)
        g = stored_grid(stored)
        threshold = p.rule.get("threshold", DEFAULT_THRESHOLD)
        pieces = _pieces_of({f.slug for f in p.forces.all()}, p.date_from, p.date_to, segments)
        changed = reports_changed_since(p.forces.all(), p.published_at)
        one = pieces[0] if len(pieces) == 1 and changed == 0 else None
        if one is not None:
            shown_by_one.add(one)

        def own(cell: CellId, p=p, one=one) -> CellId:
            if one is not None and cell[2] not in COMPARISON_COLUMNS:
                return name(one, cell)
            return (f"publication {p.pk}: {cell[0]}", cell[1], cell[2])
        shown = shown_intervals(stored)
        for cell, (lo, hi) in shown.items():
            mine = own(cell)
            if mine in out.known:
                lo, hi = max(lo, out.known[mine][0]), min(hi, out.known[mine][1])
            out.known[mine] = (lo, hi)
        out.facts += [Fact(tuple((own(c), k) for c, k in f.terms), f.lo, f.hi)
                      for f in g.facts + facts_from_json(p.file_facts)]
        if one is None:
            for cell in g.values:
                if cell[2] not in COMPARISON_COLUMNS:
                    parts = [name(piece, cell) for piece in pieces if cell in grids[piece].values]
                    if parts or not g.values[cell]:  # a row no piece has now (renamed since) is not tied
                        out.facts.append(_tie(own(cell), parts, moved_by(cell, changed)))
        hidden = set(g.values) - set(shown)
        withheld_elsewhere |= {c for c in hidden if c[2] not in COMPARISON_COLUMNS}
        small_force = p.rule.get("small_force_counts", False)
        baseline_targets += [own(c) for c in sorted(hidden) if 0 < g.values[c] < threshold
                             and (not small_force or c not in g.one_dimensional)]
    for piece, g in grids.items():
        if piece not in shown_by_one and piece != single:
            baseline_targets += [name(piece, c) for c in sorted(protected_cells(g, rule))]
    out.prefer = {c for c in new.values if c in withheld_elsewhere}
    # Only what the new publication could give away: a count already pinned without it stays as it is.
    # Everything but what the new publication shows (its ties to the pieces are true whatever it shows).
    new_names = set(new.values)
    before = Knowledge(dict(out.known), list(out.facts))
    targets = sorted(set(baseline_targets) - new_names)
    own_targets = sorted(protected_cells(new, rule))
    found = bounds(before, targets + own_targets)
    out.targets = [c for c in targets if not pinned(*found[c])]
    out.given_away = {c for c in own_targets if pinned(*found[c])}
    return out


def _tie(total: CellId, parts: list[CellId], slack: int) -> Fact:
    """total - sum(parts) lies within +-slack."""
    return Fact(((total, 1.0), *((c, -1.0) for c in parts)), -float(slack), float(slack))

