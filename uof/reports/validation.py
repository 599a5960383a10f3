"""The answer rules of the declared field set, free of HTTP and forms.

The form pages (forms.PageForm) and the demo-data generator both check answers here, so a
generated record passes exactly the rules an officer's answers pass.
"""
from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone

from uof.organisations.models import CustodySuite, District, Force

from .fieldset import Field
from .references import normalise_reference

TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
EARLIEST_DATE = dt.date(2017, 4, 1)  # national recording began on 1 April 2017


def is_number(raw) -> bool:
    """A plain ASCII whole number (str.isdigit alone accepts '²', which int() refuses)."""
    text = str(raw)
    return text.isascii() and text.isdigit()


def fmt_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


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

    def check(self, specs: list[Field], data: dict) -> dict:
        """Cleaned values of `specs` from raw `data`; problems are collected in `self.errors`."""
        cleaned: dict = {}
        for spec in specs:
            if spec.kind == "date":
                cleaned[spec.name] = self._clean_date(spec, data.get(spec.name))
                if spec.name == "occurred_date" and cleaned[spec.name]:
                    self.incident_date = cleaned[spec.name]  # options are judged on the date typed
        for spec in specs:
            if spec.kind == "date":
                continue
            if not spec.asked_on(self.incident_date) or (spec.only_if and not self._condition_met(spec, data, cleaned)):
                cleaned[spec.name] = [] if spec.is_multi else None if spec.kind == "place" else ""
                continue
            cleaned[spec.name] = self._clean_value(spec, data.get(spec.name))
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

    def _missing(self, spec: Field) -> None:
        self.add_error(spec.name, spec.error or f"Answer ‘{_choice_label(spec)}’", REQUIRED)

    def _clean_value(self, spec: Field, raw):
        if spec.kind in ("text", "reference", "textarea", "time"):
            # References are checked in their stored spelling (references.normalise_reference).
            value = normalise_reference(raw) if spec.kind == "reference" else (raw or "").strip()
            if not value:
                if spec.required:
                    self._missing(spec)
                return ""
            if len(value) > spec.max_length:
                self.add_error(spec.name, f"{spec.name_in_messages} must be {spec.max_length:,} characters or fewer")
                return None
            if spec.kind == "time":
                match = TIME_RE.match(value)
                if not match:
                    self.add_error(spec.name, f"{spec.name_in_messages} must be in the 24-hour clock, like 14:30")
                    return None
                return dt.time(int(match[1]), int(match[2]))
            return value
        if spec.kind == "lines":
            items = [x.strip() for x in re.split(r"[\n,;]+", raw or "") if x.strip()]
            if not items and spec.required:
                self._missing(spec)
            too_long = [x for x in items if len(x) > spec.max_length]
            if too_long:
                self.add_error(spec.name, f"Each entry must be {spec.max_length} characters or fewer")
                return None
            return list(dict.fromkeys(items))
        if spec.kind == "multi":
            codes = [c for c in (raw or []) if c]
            if not codes:
                if spec.required:
                    self._missing(spec)
                return []
            return self._check_codes(spec, codes)
        if spec.kind == "place":
            return self._clean_place(spec, raw)
        if spec.kind == "force":
            force = self.places.forces.get(raw) if raw else None
            if not raw:
                self._missing(spec)
            elif force is None:
                self.add_error(spec.name, "Choose the force area from the list")
            return force
        # choice
        if not raw:
            if spec.required:
                self._missing(spec)
            return ""
        codes = self._check_codes(spec, [raw])
        return codes[0] if codes else None

    def _check_codes(self, spec: Field, codes: list[str]):
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

    def _clean_place(self, spec: Field, raw):
        if not raw:
            if spec.required:
                self._missing(spec)
            return None
        kind = "district" if spec.name == "district" else "custody suite"
        place = self.places.of_kind(spec.name).get(int(raw)) if is_number(raw) else None
        if place is None:
            self.add_error(spec.name, f"Choose a {kind} from the list")
            return None
        if place.force_id != getattr(self.force, "pk", None):
            self.add_error(spec.name, f"{place.name} is a {kind} of {place.force.name}, not {self.force.name}: "
                                      f"choose a {kind} of {self.force.name}")
            return None
        if place not in self.place_options(spec):
            self.add_error(spec.name, f"{place.name} was not in use on the date of the incident")
            return None
        return place

    def _clean_date(self, spec: Field, parts):
        if isinstance(parts, dt.date):
            return parts
        day, month, year = parts or ("", "", "")
        label = spec.name_in_messages
        if not (day or month or year):
            if spec.required:
                self._missing(spec)
            return None
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            self.add_error(spec.name, f"{label} must include a {' and '.join(missing)}")
            return None
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            self.add_error(spec.name, f"{label} must be a real date")
            return None
        if value > timezone.localdate():
            self.add_error(spec.name, f"{label} must be today or in the past")
            return None
        if value < EARLIEST_DATE:
            self.add_error(spec.name, f"{label} must be on or after {fmt_date(EARLIEST_DATE)}, "
                                      "when national recording began")
            return None
        return value
