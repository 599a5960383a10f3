"""The rows of a selection (forces and period), counted by group: every count is one `bincount`.

A selection may carry a group per row of the copy (e.g. its force, 0..G-1). Each count is then
one `np.bincount` of group × codes, giving a G × K matrix at once, so the tables of every force
cost about what one force's cost: the tables (tables.py, home_office.py) turn the matrices into
rows and split them into one `Table` per group. A selection without groups is G = 1, the same
code. With `total`, one more output is the whole selection: the sum of the groups, since every
count is additive when incidents lie wholly in one group (an incident has one force and one
date); reports without a subject, which count as one subject per selection, are recounted.

Tactics and multi-select answers are counted by their combination code (encoding.py): a few
hundred counts per group, mapped to a table's rows by a small 0/1 (or times-reported) matrix.
"""
from __future__ import annotations

import math

import numpy as np

from .codes import COLUMNS_BY_NAME, TACTIC_BIT
from .store import Store

FLAGS = ("place", "district", "incident", "subject")  # as encoding.FLAGS
SIZES = {"status": 4}  # codes 1-3 (store.STATUS_CODES)


class Columns(dict):
    """The selected rows of each column of the copy, taken when first asked for."""

    def __init__(self, arrays: dict[str, np.ndarray], rows: np.ndarray | None):
        super().__init__()
        self.arrays, self.rows = arrays, rows

    def __missing__(self, name: str) -> np.ndarray:
        values = self.arrays[name] if self.rows is None else self.arrays[name][self.rows]
        self[name] = values
        return values


def _first_occurrence(parts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """True on the first row of each distinct combination of the parts; and the rows of each."""
    key = np.zeros(len(parts[0]), dtype=np.int64)
    for part in parts:
        distinct, position = np.unique(part, return_inverse=True)
        key = key * len(distinct) + position.reshape(-1)
    _, first, counts = np.unique(key, return_index=True, return_counts=True)
    flags = np.zeros(len(key), dtype=bool)
    flags[first] = True
    return flags, counts[np.argsort(first)]


# Matrix products are done in blocks small enough for OpenBLAS to keep each on one thread (it
# threads a product of more than 2**18 multiply-adds): waking a second thread on a busy machine
# can take milliseconds, far longer than the product itself.
BLOCK = 1 << 18


def dot(counts: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """counts @ matrix (counts: ... × K, matrix: K × N) as integers, computed in floating point
    (exact: every count is far below 2**53)."""
    flat = counts.reshape(math.prod(counts.shape[:-1]), counts.shape[-1])
    matrix = np.ascontiguousarray(matrix, dtype=np.float64)
    out = np.empty((len(flat), matrix.shape[1]), dtype=np.float64)
    step = max(1, BLOCK // max(1, matrix.size))
    for start in range(0, len(flat), step):
        np.matmul(flat[start:start + step].astype(np.float64), matrix, out=out[start:start + step])
    return np.rint(out).astype(np.int64).reshape(*counts.shape[:-1], matrix.shape[1])


class Selection:
    """The rows picked by `mask`, counted per group (`group`: per row of the copy, 0..groups-1)."""

    def __init__(self, store: Store, mask: np.ndarray, group: np.ndarray | None = None, groups: int = 1,
                 total: bool = False, exact: bool = False):
        self.store = store
        self.encoding = store.encoded()
        whole = bool(mask.all())
        self.rows = None if whole else np.flatnonzero(mask)
        self.n = len(mask) if whole else len(self.rows)
        self.a = Columns(store.arrays, self.rows)
        self.groups = 1 if group is None else groups
        self.total = total
        self.outputs = self.groups + int(total)
        self.g = None if group is None else self.take(group)
        if self.g is not None and len(self.g) and int(self.g.max()) >= groups:
            raise ValueError(f"group {int(self.g.max())} outside 0..{groups - 1}")
        # Every incident wholly in or out, and in one group: the copy's flags are the selection's own
        # (`exact`: count without them all the same, as tests compare).
        self.closed = whole and not exact
        if not exact and (not whole or (group is not None and group is not store.arrays["force"])):
            first = self.encoding.first("incident")[1:]
            self.closed = whole or not ((mask[1:] != mask[:-1]) & ~first).any()
            if group is not None and group is not store.arrays["force"]:
                self.closed = self.closed and not ((group[1:] != group[:-1]) & ~first).any()
        self._cache: dict = {}
        base = self.base()
        self.reports = base.sum(axis=(1, 2, 3, 4, 5))
        self.incident_counts = base[:, :, :, :, 1].sum(axis=(1, 2, 3, 4))
        self.subject_counts = base[..., 1].sum(axis=(1, 2, 3, 4))

    def take(self, values: np.ndarray) -> np.ndarray:
        return values if self.rows is None else values[self.rows]

    # --- what is counted per row ---------------------------------------------------------------

    def column(self, name: str) -> tuple[np.ndarray, int]:
        """A single-choice column's codes (0 = not answered) and how many codes there are."""
        size = SIZES.get(name) or len(COLUMNS_BY_NAME[name].vocabulary.options) + 1
        return self.a[name], size

    def combination(self, name: str) -> tuple[np.ndarray, int]:
        """Combination codes of "tactics" or a multi-select column, and the size of the dictionary."""
        return self.take(self.encoding.codes[name]), len(self.encoding.dictionaries[name])

    def values(self, name: str, column: str | None = None) -> np.ndarray:
        """Per combination code of `name`, the value of `column` (by default the column of that name)."""
        return self.encoding.dictionaries[name].values[column or name]

    def flags(self, name: str) -> tuple[np.ndarray, np.ndarray | None]:
        """Per row: true on the first row of its incident, subject, (incident, place) or (incident,
        district) in its group; and in the whole selection where that differs (else None)."""
        if name not in self._cache:
            if self.closed and (name != "subject" or self.encoding.local):
                self._cache[name] = self._copied_flags(name)
            else:
                self._cache[name] = self._exact_flags(name)
        return self._cache[name]

    def _copied_flags(self, name: str) -> tuple[np.ndarray, np.ndarray | None]:
        flags = self.encoding.first(name, self.rows)
        if name != "subject":
            return flags, None
        zero = np.flatnonzero(self.a["subject"] == 0)  # reports without a subject: one subject per group
        if not len(zero):
            return flags, None
        firsts = zero[np.unique(self.g[zero], return_index=True)[1]] if self.g is not None else zero[:1]
        flags[firsts] = True
        if len(firsts) == 1:
            return flags, None
        whole = flags.copy()
        whole[firsts] = False
        whole[zero[0]] = True
        return flags, whole

    def _parts(self, name: str) -> list[np.ndarray]:
        if name in ("incident", "subject"):
            return [self.a[name]]
        place = self.encoding.place(self.rows)
        return [self.a["incident"], place if name == "place" else self.encoding.place_district[place]]

    def _exact_flags(self, name: str) -> tuple[np.ndarray, np.ndarray | None]:
        parts = self._parts(name)
        flags, sizes = _first_occurrence(parts if self.g is None else [self.g, *parts])
        self._cache[f"{name} sizes"] = sizes
        whole = None
        if self.g is not None and self.total:
            whole = _first_occurrence(parts)[0]
            whole = None if np.array_equal(whole, flags) else whole
        return flags, whole

    # --- counting --------------------------------------------------------------------------------

    def base(self) -> np.ndarray:
        """Reports by output × place × first of its (incident, place) × of its (incident, district)
        × of its incident × of its subject: the places table and the headline counts."""
        if "base" not in self._cache:
            encoding, size = self.encoding, self.encoding.places
            if self.closed and encoding.local and not (encoding.unassigned and (self.a["subject"] == 0).any()):
                counts = self.tally((self.take(encoding.codes["place"]), size * 16))  # flags as its low bits
                counts = counts.reshape(self.outputs, size, 2, 2, 2, 2)
            else:
                counts = self.tally((encoding.place(self.rows), size), *FLAGS)
            self._cache["base"] = counts
        return self._cache["base"]

    def tally(self, *factors, total: bool = True) -> np.ndarray:
        """Reports by output and by each factor: an array of shape (outputs, *sizes).

        A factor is (codes per selected row, size), a flag name (FLAGS; size 2: index 1 counts the
        rows where it is true), a combination name ("tactics", a multi-select column, "answers"),
        or (codes, size, name) as first factor: its key by group is then kept for other counts
        (under that name). With total=False only the groups are counted (no flags allowed): the
        caller reduces the counts first and adds the total with `totalled`, summing less."""
        parts, whole_parts, sizes, differs, prefix = [], [], [], False, None
        for factor in factors:
            if isinstance(factor, str) and factor in FLAGS:
                flags, whole = self.flags(factor)
                parts.append(flags)
                whole_parts.append(flags if whole is None else whole)
                sizes.append(2)
                differs = differs or whole is not None
                continue
            if isinstance(factor, str):
                factor = self.combination(factor)
            codes, size = factor[:2]
            if len(factor) == 3:
                prefix = factor[2]
            parts.append(codes)
            whole_parts.append(codes)
            sizes.append(size)
        width = math.prod(sizes)
        if prefix is not None:
            if ("key", prefix) not in self._cache:
                self._cache[("key", prefix)] = self._key(parts[:1], sizes[:1], self.g)
            key = self._key(parts[1:], sizes[1:], self._cache[("key", prefix)])
        else:
            key = self._key(parts, sizes, self.g)
        if not total:
            if differs or key is None:
                raise ValueError("a count with flags, or of nothing, needs its total")
            return np.bincount(key, minlength=self.groups * width).reshape((self.groups, *sizes))
        # The total's bins come last, filled below (no copy of the groups' counts).
        counts = np.bincount(key, minlength=self.outputs * width) if key is not None else np.array([self.n] * 2)
        counts = counts[:self.outputs * width].reshape((self.outputs, *sizes))
        if self.total:
            if differs:
                counts[-1] = np.bincount(self._key(whole_parts, sizes, None), minlength=width).reshape(sizes)
            else:
                np.sum(counts[:-1], axis=0, out=counts[-1])
        return counts

    def totalled(self, counts: np.ndarray) -> np.ndarray:
        """Counts of the groups (from tally(..., total=False)) with the total appended if asked for."""
        return np.concatenate([counts, counts.sum(axis=0, keepdims=True)]) if self.total else counts

    @staticmethod
    def _key(parts: list[np.ndarray], sizes: list[int], start: np.ndarray | None) -> np.ndarray | None:
        """start × (product of sizes) + the parts as one mixed-radix number: the parts are combined
        in the smallest integers that hold them, then one 64-bit multiply-add (memory is the cost)."""
        tail, width = None, 1
        for codes, size in zip(parts, sizes):
            if tail is None:
                tail = codes.view(np.uint8) if codes.dtype == bool else codes
            else:
                dtype = np.uint8 if width * size <= 1 << 8 else np.uint16 if width * size <= 1 << 16 else np.int64
                tail = tail.astype(dtype) * dtype(size)
                tail += codes.view(np.uint8) if codes.dtype == bool else codes
            width *= size
        if start is None:
            return None if tail is None else tail.astype(np.int64)
        if tail is None:
            return start.astype(np.int64, copy=False)
        key = np.multiply(start, width, dtype=np.int64)  # a new array: `start` is kept as it is
        key += tail
        return key

    def incident_sizes(self) -> np.ndarray:
        """Incidents by output and by their number of reports (index 1, 2, 3, and 4 for 4 or more)."""
        flags, whole = self.flags("incident")
        if self.g is not None and not self.closed:
            sizes = self._cache["incident sizes"]
            groups = self.g[flags].astype(np.int64)
        else:
            starts = np.flatnonzero(flags)
            sizes = np.diff(np.r_[starts, self.n])
            groups = self.g[starts].astype(np.int64) if self.g is not None else 0
        counts = np.bincount(groups * 5 + np.minimum(sizes, 4), minlength=self.groups * 5).reshape(self.groups, 5)
        if self.total:
            if whole is not None:
                whole = np.bincount(np.minimum(np.diff(np.r_[np.flatnonzero(whole), self.n]), 4), minlength=5)
            else:
                whole = counts.sum(axis=0)
            counts = np.concatenate([counts, whole[None]])
        return counts

    # --- one group (the statistics pages, rates) --------------------------------------------------

    @property
    def incidents(self) -> int:
        return int(self.incident_counts[-1] if self.total else self.incident_counts.sum())

    @property
    def subjects(self) -> int:
        return int(self.subject_counts[-1] if self.total else self.subject_counts.sum())

    def tactic_rows(self, codes) -> np.ndarray:
        bits = 0
        for code in codes:
            bits |= 1 << TACTIC_BIT[code]
        return (self.a["tactics"] & np.uint64(bits)) != 0
