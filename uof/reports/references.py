"""Incident references: matching, "did you mean" closeness and the stored spellings' clean-up.

The one spelling a reference is stored and matched in (`normalise_reference`) is declared in
uof/organisations/reference_spelling.py, beside the forces' reference formats, and used here.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, replace

from uof.organisations.reference_spelling import normalise_reference


def skeleton(reference: str) -> str:
    """The letters and digits of a normalised reference, in order: what two spellings must share."""
    return "".join(ch for ch in normalise_reference(reference) if ch.isalnum())


def within_one_edit(a: str, b: str) -> bool:
    """True if `b` is `a` with at most one character substituted, inserted, deleted, or two
    neighbours swapped (the optimal string alignment distance is at most 1)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1:] == b[i + 1:]:
            return True
        return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return shorter[i:] == longer[i + 1:]


# Edits on shorter references would offer unrelated incidents ("CR-55" is not "CR-56").
MIN_SKELETON_FOR_EDITS = 6
# Stored references are normalised, so dropping ASCII punctuation gives their skeleton quickly.
_PUNCTUATION = str.maketrans("", "", string.punctuation + string.whitespace)


def closest(typed: str, stored, most: int = 3) -> list[str]:
    """The stored references worth offering for a typed one that matched nothing, best first:
    the same letters and digits punctuated differently, then (for references of six letters and
    digits or more) those one edit away. `stored` is any iterable of stored references."""
    target, normal = skeleton(typed), normalise_reference(typed)
    if not target:
        return []
    edits = len(target) >= MIN_SKELETON_FOR_EDITS
    same, near = [], []
    for reference in stored:
        key = reference.upper().translate(_PUNCTUATION)
        if abs(len(key) - len(target)) > 1 or reference == normal:
            continue
        if key == target:
            same.append(reference)
        elif edits and within_one_edit(target, key):
            near.append(reference)
    return list(dict.fromkeys(same + near))[:most]


def matches_format(reference: str, pattern: str) -> bool:
    """Does a normalised reference fit a force's configured pattern (a regular expression)?"""
    if not pattern or not reference:
        return True
    try:
        return re.fullmatch(pattern, reference) is not None
    except re.error:
        return True  # a broken pattern must never stop an officer recording


# --- the references page: hints, and what to ask before a new incident starts ---------------------

def with_force_hints(specs: list, force) -> list:
    """The references page's fields with the force's own example as the incident log number's hint."""
    example = getattr(force, "cad_reference_example", "")
    if not example:
        return specs
    return [replace(s, hint=f"For example, {example}") if s.name == "cad_reference" else s for s in specs]


@dataclass(frozen=True)
class Offer:
    """A reference of an incident already recorded, close to one the officer typed."""

    kind: str
    typed: str
    reference: str

    @property
    def value(self) -> str:
        return f"{self.kind}:{self.reference}"


@dataclass
class ReferenceCheck:
    """What to ask an officer whose references match no incident of the force: the close
    references of incidents already recorded, and whether the incident log number looks wrong."""

    references: dict[str, str]
    offers: list[Offer] = field(default_factory=list)
    format_warning: str = ""

    @property
    def needed(self) -> bool:
        return bool(self.offers or self.format_warning)

    def accepts(self, answer: str) -> bool:
        return answer == "new" or any(o.value == answer for o in self.offers)

    def references_for(self, answer: str) -> dict[str, str]:
        """The references to start the report with: the chosen incident's, or those typed."""
        chosen = dict(self.references)
        for offer in self.offers:
            if offer.value == answer:
                chosen[offer.kind] = offer.reference
        return chosen


# --- stored references: normalising existing rows and finding clashes ----------------------------

@dataclass
class Clash:
    """Incidents of one force whose references of one kind become the same when normalised."""

    force_id: int
    kind: str
    reference: str  # the normal form they share
    incidents: list[tuple[int, str]] = field(default_factory=list)  # (pk, stored), the keeper first


@dataclass
class Normalised:
    changed: int = 0
    clashes: list[Clash] = field(default_factory=list)
    too_long: list[tuple[int, str, str]] = field(default_factory=list)  # (pk, kind, stored)


def normalise_stored(incident_model, kinds: tuple[str, ...], write: bool = True, max_length: int = 40,
                     force_ids: set[int] | None = None) -> Normalised:
    """Normalise every stored reference of `incident_model` (the live or a migration's model).

    When two incidents of a force would hold the same reference, only one takes it: the one that
    already holds it exactly, otherwise the earliest. The others keep their reference as stored
    and are listed as a clash for an administrator to resolve; they are never merged here. A
    reference whose normal form would not fit the column is left as it is and listed.
    With `write=False` nothing is changed (`uof reference-clashes` without --normalise); `changed`
    then counts the references that could be normalised without a clash.
    """
    result = Normalised()
    for kind in kinds:
        groups: dict[tuple[int, str], list[tuple[int, str]]] = {}
        rows = incident_model.objects.exclude(**{kind: ""})
        if force_ids is not None:
            rows = rows.filter(force_id__in=force_ids)
        rows = rows.order_by("pk").values_list("pk", "force_id", kind)
        for pk, force_id, stored in rows.iterator(chunk_size=2000):
            normal = normalise_reference(stored)
            if normal != stored:
                groups.setdefault((force_id, normal), []).append((pk, stored))
        for (force_id, normal), members in groups.items():
            if len(normal) > max_length:
                result.too_long.extend((pk, kind, stored) for pk, stored in members)
                continue
            holder = (incident_model.objects.filter(force_id=force_id, **{kind: normal})
                      .values_list("pk", kind).first())
            keeper, others = (holder, members) if holder else (members[0], members[1:])
            if not holder and write:
                incident_model.objects.filter(pk=keeper[0]).update(**{kind: normal})
            if not holder:
                result.changed += 1
            if others:
                result.clashes.append(Clash(force_id, kind, normal, [keeper, *others]))
    return result


def describe(result: Normalised, force_names: dict[int, str], labels: dict[str, str]) -> list[str]:
    """Lines of plain text about the clashes and over-long references, for people to act on."""
    lines = []
    for clash in result.clashes:
        keeper, *others = clash.incidents
        lines.append(f"{force_names.get(clash.force_id, clash.force_id)}: {labels.get(clash.kind, clash.kind)} "
                     f"{clash.reference} is held by incident {keeper[0]}; also typed as "
                     + ", ".join(f"'{stored}' (incident {pk})" for pk, stored in others))
    for pk, kind, stored in result.too_long:
        lines.append(f"Incident {pk}: {labels.get(kind, kind)} '{stored}' is too long once normalised; "
                     "left as it is")
    return lines
