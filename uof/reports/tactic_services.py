"""Writes to a report's ordered list of tactics: several added in one step, moved, removed.

Rows are checked all together and written all or nothing, so an officer who typed four tactics
and got one wrong sees every problem at once (each naming its row) and nothing half-saved.
Every write goes through `services.editing`, so a submitted report needs a reason and the change
is kept in its field history like any other answer.
"""
from __future__ import annotations

from dataclasses import dataclass

from uof.accounts.models import User

from .errors import RecordingError
from .models import Report, TacticUse
from .services import editing
from .tactics import TACTICS

# Each level a Taser, baton, irritant spray, AEP, dog or firearm reached is its own entry, and
# reached once: "Taser drawn" twice on one report would count a level the officer did not add.
_LEVELLED_PARENTS = ("CED", "Baton", "Irritant spray", "AEP", "Dog use")
ONCE_PER_REPORT = frozenset(
    o.code for o in TACTICS.options
    if o.extra.get("parent") in _LEVELLED_PARENTS or o.extra.get("group") == "firearms")


@dataclass(frozen=True)
class TacticRow:
    """One row of the tactics page as typed: a tactic code and "yes" or "no" for effective."""

    tactic: str = ""
    effective: str = ""

    @property
    def blank(self) -> bool:
        return not self.tactic and not self.effective


@dataclass(frozen=True)
class RowProblem:
    row: int  # index into the rows given, from 0
    field: str  # "tactic" or "effective"
    message: str


class TacticRowsRefused(RecordingError):
    """Some rows broke a rule: nothing was written. `problems` names each row and answer."""

    def __init__(self, problems: list[RowProblem]):
        super().__init__(problems[0].message, "tactic")
        self.problems = problems


def row_number(saved: int, index: int) -> int:
    """The number a new row is shown with: it follows the tactics already listed."""
    return saved + index + 1


def check_rows(report: Report, rows: list[TacticRow], limit: int,
               saved: list[TacticUse] | None = None) -> list[RowProblem]:
    """Every problem with the rows (blank rows are skipped), in row order."""
    saved = list(report.tactics.order_by("position")) if saved is None else saved
    day = report.incident.occurred_date
    listed = {u.tactic: f"tactic {u.position}" for u in saved}
    problems: list[RowProblem] = []
    count = len(saved)
    for index, row in enumerate(rows):
        if row.blank:
            continue
        number = row_number(len(saved), index)
        option = TACTICS.get(row.tactic) if row.tactic else None
        what = option.label if option else "the tactic"
        if not row.tactic:
            problems.append(RowProblem(index, "tactic", f"Tactic {number}: select the tactic you used"))
        elif option is None:
            problems.append(RowProblem(index, "tactic", f"Tactic {number}: ‘{row.tactic[:40]}’ is not one of "
                                                        "the tactics: choose from the list"))
        elif not option.available_on(day):
            problems.append(RowProblem(index, "tactic", f"Tactic {number}: ‘{option.label}’ was not in use on "
                                                        "the date of the incident"))
        elif row.tactic in ONCE_PER_REPORT and row.tactic in listed:
            problems.append(RowProblem(index, "tactic", f"Tactic {number}: {option.label} is already "
                                                        f"{listed[row.tactic]}. Record each level only once"))
        if row.effective not in ("yes", "no"):
            problems.append(RowProblem(index, "effective", f"Tactic {number}: select whether {what} was effective"))
        count += 1
        if count > limit and not any(p.row == index for p in problems):
            problems.append(RowProblem(index, "tactic", f"Tactic {number}: a report can list at most "
                                                        f"{limit} tactics"))
        if option is not None:
            listed.setdefault(row.tactic, f"tactic {number}")
    return problems


def add_tactics(report: Report, rows: list[TacticRow], limit: int, *, by: User, version: int | None = None,
                reason: str = "") -> list[TacticUse]:
    """Append the non-blank rows, in their order, after the tactics already listed; all or nothing."""
    with editing(report, by, version, reason):
        saved = list(report.tactics.order_by("position"))
        problems = check_rows(report, rows, limit, saved)
        if problems:
            raise TacticRowsRefused(problems)
        start = max((u.position for u in saved), default=0)
        filled = [r for r in rows if not r.blank]
        return TacticUse.objects.bulk_create(
            TacticUse(report=report, position=start + i, tactic=r.tactic, effective=r.effective)
            for i, r in enumerate(filled, start=1))


def remove_tactic(report: Report, position: int, *, by: User, version: int | None = None, reason: str = "") -> None:
    with editing(report, by, version, reason):
        uses = list(report.tactics.order_by("position"))
        _renumber([u for u in uses if u.position != position], removed=[u for u in uses if u.position == position])


def move_tactic(report: Report, position: int, step: int, *, by: User, version: int | None = None,
                reason: str = "") -> None:
    """Move a tactic one place earlier (step -1) or later (step +1) in the order of use."""
    with editing(report, by, version, reason):
        uses = list(report.tactics.order_by("position"))
        index = next((i for i, u in enumerate(uses) if u.position == position), None)
        other = None if index is None else index + step
        if other is not None and 0 <= other < len(uses):
            uses[index], uses[other] = uses[other], uses[index]
            _renumber(uses)


def _renumber(uses: list[TacticUse], removed: list[TacticUse] = ()) -> None:
    for use in removed:
        use.delete()
    # Two steps so the (report, position) unique constraint never sees a clash.
    for offset in (1000, 0):
        for i, use in enumerate(uses, start=1):
            use.position = i + offset
        TacticUse.objects.bulk_update(uses, ["position"])
