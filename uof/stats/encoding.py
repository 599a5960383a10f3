"""What the analytical copy knows about each row whatever is selected: combination codes and flags.

Combination codes (dictionary encoding): a report's tactics (bitmask with the highest CED level),
each multi-select answer, and its review status with the injury and threat answers ("answers")
take a few hundred distinct values across a million reports. Each row gets a small integer code
and the store keeps the dictionary (code -> values), so a table counts codes with one `bincount`
and maps the few hundred counts to its rows with a small matrix (selection.py). A dictionary only
grows: a refresh looks the few rows it reads again up in it and appends the values it has not
seen, so the codes of every other row stay as they are (no sort of the whole copy).

Flags, true on the first row (in the copy's order: by incident, then report) of its incident, of
its subject, of its (incident, place) and of its (incident, district of the place); the place is
the custody suite, or the street of the incident's district. They are kept as the low four bits
of each row's place code. An incident has one force and one date, so a selection by forces and
dates takes all of an incident's rows or none, and these flags are the selection's own. A
subject normally belongs to one incident (`local`, checked; if not, the selection finds its
subjects' first rows itself); reports without a subject count as one subject per selection and
are handled by the selection too.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from uof.reports.fieldset import counted_fields

from .codes import COLUMNS

MULTI = tuple(c.name for c in COLUMNS if c.multi)
DENSE = 1 << 22  # below this many possible values, distinct values are found with a table, not a sort


@dataclass(frozen=True)
class Dictionary:
    """Code -> value of one combination (`values`: one array per part, e.g. tactics and CED level)."""

    values: dict[str, np.ndarray]
    lookup: dict  # value tuple -> code

    def __len__(self) -> int:
        return len(self.lookup)

    def extended(self, parts: dict[str, np.ndarray]) -> tuple[Dictionary, np.ndarray]:
        """The codes of these (few) rows, and the dictionary with their unseen values appended."""
        lookup, new = dict(self.lookup), []
        rows = list(zip(*(parts[name].tolist() for name in self.values)))
        codes = np.empty(len(rows), dtype=np.int64)
        for i, value in enumerate(rows):
            code = lookup.get(value)
            if code is None:
                code = lookup[value] = len(lookup)
                new.append(value)
            codes[i] = code
        if not new:
            return self, codes
        values = {name: np.concatenate([old, np.array([v[k] for v in new], dtype=old.dtype)])
                  for k, (name, old) in enumerate(self.values.items())}
        return Dictionary(values, lookup), codes


def _unique(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted distinct values and each value's position among them."""
    if len(values) and values.dtype.kind in "ui" and 0 <= int(values.min()) and int(values.max()) < DENSE:
        present = np.zeros(int(values.max()) + 1, dtype=bool)
        present[values] = True
        position = np.cumsum(present) - 1
        return np.flatnonzero(present).astype(values.dtype), position[values]
    distinct, inverse = np.unique(values, return_inverse=True)
    return distinct, inverse.reshape(-1)


def encode(parts: dict[str, np.ndarray]) -> tuple[Dictionary, np.ndarray]:
    """A dictionary of the distinct combinations of these equally long arrays, and each row's code."""
    combined, values = None, {}
    for name, column in parts.items():
        distinct, position = _unique(column)
        values[name] = distinct
        combined = position.astype(np.int64) if combined is None else combined * len(distinct) + position
    if combined is None or not len(combined):
        empty = {name: np.zeros(0, dtype=column.dtype) for name, column in parts.items()}
        return Dictionary(empty, {}), np.zeros(0, dtype=np.int64)
    distinct, codes = _unique(combined)
    out, rest = {}, distinct
    for name in reversed(list(parts)):
        size = len(values[name])
        out[name] = values[name][rest % size]
        rest = rest // size
    out = {name: out[name] for name in parts}
    lookup = {value: code for code, value in enumerate(zip(*(out[name].tolist() for name in parts)))}
    return Dictionary(out, lookup), codes


def _narrow(codes: np.ndarray, size: int) -> np.ndarray:
    return codes.astype(np.uint16 if size <= 1 << 16 else np.uint32)


# Combinations given a dictionary: name -> the columns of the copy combined.
COMBINATIONS = {
    "tactics": ("tactics", "ced"),
    **{name: (name,) for name in MULTI},
    # The review status with the answers the injuries table counts (a few hundred combinations).
    "answers": ("status", *(f.name for f in counted_fields())),
}
FLAGS = ("place", "district", "incident", "subject")  # bits 3, 2, 1, 0 of the "place" code


@dataclass(frozen=True)
class Encoding:
    dictionaries: dict[str, Dictionary]  # COMBINATIONS: code -> values
    # Per row: each combination's code; and "place": the place (the suite's position, or
    # len(suites) + the district's position for the street) × 16 + the FLAGS as bits.
    codes: dict[str, np.ndarray]
    place_district: np.ndarray  # per place: its district position
    local: bool  # every subject's reports lie in one incident
    unassigned: int  # rows without a subject

    @property
    def places(self) -> int:
        return len(self.place_district)

    def place(self, rows: np.ndarray | None = None) -> np.ndarray:
        """The place of each row (of these rows)."""
        return (self.codes["place"] if rows is None else self.codes["place"][rows]) >> 4

    def first(self, name: str, rows: np.ndarray | None = None) -> np.ndarray:
        """True on each row (of these rows) that is the first of its FLAGS[name]."""
        code = self.codes["place"] if rows is None else self.codes["place"][rows]
        return (code & (8 >> FLAGS.index(name))) != 0


def suite_districts(districts: list, suites: list) -> np.ndarray:
    """Per custody suite position, the position of its district (0 for "not in custody")."""
    at = {d.pk: i for i, d in enumerate(districts) if d is not None}
    return np.array([0] + [at[s.district_id] for s in suites[1:]], dtype=np.int64)


def _place(arrays: dict[str, np.ndarray], n_suites: int) -> np.ndarray:
    suite = arrays["suite"].astype(np.int64)
    return np.where(suite > 0, suite, n_suites + arrays["district"].astype(np.int64)).astype(np.uint16)


def _place_code(place: np.ndarray, first: dict[str, np.ndarray], places: int) -> np.ndarray:
    """The place with the four flags as its low bits, as one count by place and flags needs it."""
    code = place.astype(np.uint32 if places * 16 > 1 << 16 else np.uint16) << 4
    for bit, name in enumerate(reversed(FLAGS)):
        code |= first[name].astype(code.dtype) << bit
    return code


def _first_of(groups: np.ndarray, values: np.ndarray) -> np.ndarray:
    """True on the first row of each (group, value), rows being sorted by group (here: incident runs)."""
    if not len(values):
        return np.zeros(0, dtype=bool)
    key = groups.astype(np.int64) * (int(values.max()) + 1) + values
    order = np.argsort(key, kind="stable")  # nearly sorted already: cheap
    ordered = key[order]
    out = np.zeros(len(key), dtype=bool)
    out[order[np.r_[True, ordered[1:] != ordered[:-1]]]] = True
    return out


def _first_subject(subject: np.ndarray, incident: np.ndarray) -> tuple[np.ndarray, bool]:
    """True on the first row of each subject (none for reports without one); and whether every
    subject's rows lie in one incident."""
    order = np.argsort(subject, kind="stable")
    ordered, owner = subject[order], incident[order]
    same = ordered[1:] == ordered[:-1]
    local = not bool((same & (owner[1:] != owner[:-1]) & (ordered[1:] != 0)).any())
    first = np.zeros(len(subject), dtype=bool)
    first[order[np.r_[True, ~same]] if len(subject) else order] = True
    first[subject == 0] = False  # reports without a subject: one subject per selection
    return first, local


def _flags(arrays: dict[str, np.ndarray], place: np.ndarray, place_district: np.ndarray) -> tuple[dict, bool]:
    incident = arrays["incident"]
    first_incident = np.r_[True, incident[1:] != incident[:-1]] if len(incident) else np.zeros(0, bool)
    run = np.cumsum(first_incident) - 1  # the incident's position: rows are sorted by incident
    first_subject, local = _first_subject(arrays["subject"], incident)
    return {"place": _first_of(run, place), "district": _first_of(run, place_district[place]),
            "incident": first_incident, "subject": first_subject}, local


def build(arrays: dict[str, np.ndarray], districts: list, suites: list) -> Encoding:
    dictionaries, codes = {}, {}
    for name, columns in COMBINATIONS.items():
        dictionaries[name], row_codes = encode({column: arrays[column] for column in columns})
        codes[name] = _narrow(row_codes, len(dictionaries[name]))
    place_district = np.r_[suite_districts(districts, suites), np.arange(len(districts))].astype(np.int64)
    place = _place(arrays, len(suites))
    first, local = _flags(arrays, place, place_district)
    codes["place"] = _place_code(place, first, len(place_district))
    return Encoding(dictionaries, codes, place_district, local, int((arrays["subject"] == 0).sum()))


def patched(old: Encoding, arrays: dict[str, np.ndarray], keep: np.ndarray, at: np.ndarray,
            fresh: dict[str, np.ndarray], n_suites: int) -> Encoding:
    """`old` (the encoding of `arrays`) once the rows of `keep` are kept and `fresh` (whole incidents,
    in incident order) inserted at `at` among them, as `np.insert` does: only fresh rows are encoded."""
    dictionaries, codes = {}, {}
    for name, columns in COMBINATIONS.items():
        dictionaries[name], fresh_codes = old.dictionaries[name].extended({c: fresh[c] for c in columns})
        size = len(dictionaries[name])
        codes[name] = np.insert(_narrow(old.codes[name][keep], size), at, _narrow(fresh_codes, size))
    fresh_place = _place(fresh, n_suites)
    fresh_first, fresh_local = _flags(fresh, fresh_place, old.place_district)
    codes["place"] = np.insert(old.codes["place"][keep], at, _place_code(fresh_place, fresh_first, old.places))
    # A subject of the fresh rows that kept rows also have would span incidents.
    subjects = np.unique(fresh["subject"][fresh["subject"] != 0])
    local = old.local and fresh_local and not (len(subjects) and np.isin(arrays["subject"][keep], subjects).any())
    if not local:  # the first row of a subject may now be in another incident: find them all again
        first, local = _first_subject(np.insert(arrays["subject"][keep], at, fresh["subject"]),
                                      np.insert(arrays["incident"][keep], at, fresh["incident"]))
        codes["place"] = (codes["place"] & ~codes["place"].dtype.type(1)) | first.astype(codes["place"].dtype)
    unassigned = int((arrays["subject"][keep] == 0).sum() + (fresh["subject"] == 0).sum()) if old.unassigned or \
        (fresh["subject"] == 0).any() else 0
    return Encoding(dictionaries, codes, old.place_district, local, unassigned)
