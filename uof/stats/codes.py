"""Small integer codes for the analytical copy, derived from the declared vocabularies.

Code 0 always means "not answered"; option i of a vocabulary is code i + 1. Multi-select
answers are bitmasks with bit i for option i. Nothing here is hand-written per field.
"""
from __future__ import annotations

from dataclasses import dataclass

from uof.reports.fieldset import FIELDS, Field
from uof.reports.tactics import TACTICS
from uof.reports.vocabulary import Vocabulary


@dataclass(frozen=True)
class Column:
    name: str
    vocabulary: Vocabulary
    multi: bool

    def code(self, value) -> int:
        if self.multi:
            mask = 0
            for code in value or ():
                index = self._index.get(code)
                if index is not None:
                    mask |= 1 << index
            return mask
        index = self._index.get(value) if value else None
        return 0 if index is None else index + 1

    @property
    def _index(self) -> dict[str, int]:
        return _INDEXES[self.vocabulary.name]

    @property
    def dtype(self) -> str:
        return "uint32" if self.multi else "uint8"


_INDEXES = {}


def _column(field: Field) -> Column:
    _INDEXES.setdefault(field.vocabulary.name, {o.code: i for i, o in enumerate(field.vocabulary.options)})
    return Column(field.name, field.vocabulary, field.kind.holds_list)


# Every public answer governed by a vocabulary becomes a column (private fields never do).
COLUMNS: tuple[Column, ...] = tuple(_column(f) for f in FIELDS
                                    if f.vocabulary is not None and not f.private and f.owner == "report")
COLUMNS_BY_NAME = {c.name: c for c in COLUMNS}
_INDEXES[TACTICS.name] = {o.code: i for i, o in enumerate(TACTICS.options)}
TACTIC_BIT = _INDEXES[TACTICS.name]
assert len(TACTICS.options) <= 64
