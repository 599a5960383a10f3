"""A report's changed answers as a person reads them: the labels check your answers shows
(vocabulary labels, place names, tactic labels, dates), never the stored JSON."""
from __future__ import annotations

from uof.reports.fieldset import FIELDS_BY_NAME
from uof.reports.rules import RULES_BY_KEY
from uof.reports.tactics import TACTICS

NOT_ANSWERED = "Not answered"
OTHER_LABELS = {"tactics": "Tactics", "subject": "Person", "confirmed_rules": "Answers confirmed as correct"}


def field_label(name: str) -> str:
    spec = FIELDS_BY_NAME.get(name)
    return spec.label if spec else OTHER_LABELS.get(name, name)


def shown(name: str, value) -> str:
    """One stored value of a FieldChange (review.models) as text; several items on separate lines."""
    if value in (None, "", [], {}):
        return NOT_ANSWERED
    if name == "tactics":
        return "\n".join(f"{i}. {TACTICS.label_of(code) or code} ({'effective' if effective == 'yes' else 'not effective'})"
                         for i, (code, effective) in enumerate(value, start=1))
    if name == "subject":
        return f"Subject {value}"
    if name == "confirmed_rules":
        return "\n".join(RULES_BY_KEY[key].message if key in RULES_BY_KEY else str(key) for key in value)
    spec = FIELDS_BY_NAME.get(name)
    if spec is None:
        return str(value)
    return spec.kind.display_plain(spec, value)


def change_rows(changes) -> list[dict]:
    return [{"change": c, "label": field_label(c.field), "old": shown(c.field, c.old_value),
             "new": shown(c.field, c.new_value)} for c in changes]
