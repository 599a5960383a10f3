"""The answer rules of the declared field set, free of HTTP and forms.

The form pages (forms.PageForm) and the demo-data generator both check answers here, so a
generated record passes exactly the rules an officer's answers pass.
"""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from uof.organisations.models import CustodySuite, District, Force

from .fieldset import Field
from .kinds import fmt_date


def is_number(raw) -> bool:
    """A plain ASCII whole number (str.isdigit alone accepts '²', which int() refuses)."""
    text = str(raw)
    return text.isascii() and text.isdigit()


def _choice_label(spec: Field) -> str:
    return spec.label.rstrip("?")


# Error codes: "required" marks an unanswered question (a draft may be saved without it); every
# other code is an answer that cannot be stored as typed.
REQUIRED, INVALID = "required", "invalid"


class Places:
    """Districts, custody suites and forces, read once (the demo generator reuses one)."""

    def __init__(self):
        self.forces = {f.slug: f for f in Force.objects.all()}
        self.districts = {d.pk: d for d in District.objects.select_related("force")}
        self.suites = {s.pk: s for s in CustodySuite.objects.select_related("force")}

    def of_kind(self, name: str) -> dict:
        return self.districts if name == "district" else self.suites


class Validator:
    """Checks answers against the declared rules for a force and incident date.

    `keep` holds answers already on the record: an option retired since stays acceptable there.
    """

    def __init__(self, force=None, incident_date=None, keep=None, places: Places | None = None):
        self.force = force
        self.incident_date = incident_date
        self.keep = keep or {}
        self._place_cache = places
        self.errors: dict[str, list[str]] = {}
        self.codes: dict[str, list[str]] = {}  # each message's code, in the same order

    @property
    def places(self) -> Places:
        if self._place_cache is None:
            self._place_cache = Places()
        return self._place_cache

    def add_error(self, name: str, message: str, code: str = INVALID) -> None:
        self.errors.setdefault(name, []).append(message)
        self.codes.setdefault(name, []).append(code)

    def coded_errors(self):
        """(field name, message, code) for every problem found."""
        for name, messages in self.errors.items():
            yield from ((name, m, c) for m, c in zip(messages, self.codes[name]))

    def place_options(self, spec: Field) -> list:
        day = self.incident_date or timezone.localdate()
        current = {str(x) for x in (self.keep.get(spec.name) or ())}
        force_id = getattr(self.force, "pk", None)
        rows = [p for p in self.places.of_kind(spec.name).values() if p.force_id == force_id]
        return sorted((p for p in rows if p.is_effective_on(day) or str(p.pk) in current), key=lambda p: p.name)

    def today(self) -> dt.date:
        return timezone.localdate()

    def check(self, specs: list[Field], data: dict) -> dict:
        """Cleaned values of `specs` from raw `data`; problems are collected in `self.errors`."""
        cleaned: dict = {}
        for spec in specs:
            if spec.kind.dated:
                cleaned[spec.name] = spec.kind.clean(self, spec, data.get(spec.name))
                if spec.name == "occurred_date" and cleaned[spec.name]:
                    self.incident_date = cleaned[spec.name]  # options are judged on the date typed
        for spec in specs:
            if spec.kind.dated:
                continue
            if not spec.asked_on(self.incident_date) or (spec.only_if and not self._condition_met(spec, data, cleaned)):
                cleaned[spec.name] = spec.kind.unasked
                continue
            cleaned[spec.name] = spec.kind.clean(self, spec, data.get(spec.name))
        self._check_not_future(cleaned)
        return cleaned

    def _check_not_future(self, cleaned: dict) -> None:
        day, time = cleaned.get("occurred_date"), cleaned.get("occurred_time")
        if not (day and time) or "occurred_time" in self.errors:
            return
        when = dt.datetime.combine(day, time, tzinfo=timezone.get_current_timezone())
        if when > timezone.now():
            self.add_error("occurred_time", "Time force was first used must be in the past")

    def _condition_met(self, spec: Field, data, cleaned) -> bool:
        other, wanted = spec.only_if
        value = cleaned.get(other, data.get(other))
        if value is None and other not in data:
            value = self.keep.get(other)
        if isinstance(value, (list, tuple)):
            return wanted in value
        return value == wanted

    def missing(self, spec: Field) -> None:
        """An unanswered required question: its own message (a draft may be saved without it)."""
        self.add_error(spec.name, spec.error or f"Answer ‘{_choice_label(spec)}’", REQUIRED)

    def check_codes(self, spec: Field, codes: list[str]):
        """The codes, each checked against the vocabulary on the incident's date (None if one fails)."""
        kept = tuple(self.keep.get(spec.name) or ())
        day = self.incident_date
        for code in codes:
            option = spec.vocabulary.get(code)
            if option is None:
                self.add_error(spec.name, f"‘{code[:40]}’ is not one of the answers to "
                                          f"‘{_choice_label(spec)}’: choose from the list")
                return None
            if not option.available_on(day) and code not in kept:
                when = f" on {fmt_date(day)}" if day else ""
                self.add_error(spec.name, f"‘{option.label}’ was not in use{when}: choose from the current list")
                return None
        return list(dict.fromkeys(codes))
