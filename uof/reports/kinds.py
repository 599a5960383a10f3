"""Kinds of answer: what each kind of question stores, asks, checks and shows.

A field (fieldset.py) names its kind; the kind gives its database column, its form field and
options, its cleaning, the shape a browser posts it in, its display, its plain JSON form (history)
and its data-dictionary description. Nothing else branches on a field's kind.

Cleaning reports problems to a `check` (validation.Validator): `check.missing(spec)`,
`check.add_error(name, message)`, `check.check_codes(spec, codes)`, `check.places`, `check.place_options(spec)`.
"""
from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.datastructures import MultiValueDict

from uof.organisations.reference_spelling import normalise_reference

TIME_RE = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def fmt_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def one_of(column: str, codes, blank: bool = True) -> models.CheckConstraint:
    """The database refuses a value the declarations do not know (retired codes stay allowed:
    old records keep them). A new option changes the constraint: `makemigrations` writes it."""
    allowed = sorted(set(codes) | ({""} if blank else set()))
    return models.CheckConstraint(condition=Q(**{f"{column}__in": allowed}), name=f"%(class)s_{column}_declared")


# --- form fields the kinds use ------------------------------------------------------------------

class DateWidget(forms.Widget):
    """Reads the GOV.UK date input's three boxes: NAME-day, NAME-month, NAME-year."""

    def value_from_datadict(self, data, files, name):
        return tuple(str(data.get(f"{name}-{part}", "")).strip() for part in ("day", "month", "year"))


class DateParts(forms.Field):
    widget = DateWidget

    def to_python(self, value):
        if isinstance(value, dt.date):
            return value
        return value or ("", "", "")


class CodeList(forms.Field):
    """A list of submitted codes, checked against the vocabulary by the Validator."""

    widget = forms.SelectMultiple

    def to_python(self, value):
        return [str(v) for v in (value or [])]


# --- the kinds ----------------------------------------------------------------------------------

class Kind:
    name = ""
    description = ""  # the data dictionary's "type" column
    holds_list = False  # the answer is a list (several options, several lines)
    coded = False  # the answers are codes of the field's vocabulary
    dated = False  # the incident's date: cleaned first, as options are judged on it
    # Stored as a column of its owner (report or incident); officers present are rows of their own.
    column_of_owner = True
    # The macro of templates/fields.html that asks it, and its size (textarea rows, input width).
    macro, rows, width = "input", 0, "govuk-input--width-20"

    def __repr__(self) -> str:
        return f"<kind {self.name}>"

    # database
    def column(self, field) -> models.Field:
        # Named, not worded: the question text lives in fieldset.py only, so rewording needs no migration.
        return models.CharField(max_length=40, blank=True, default="", verbose_name=field.name.replace("_", " "))

    def constraints(self, field) -> list[models.CheckConstraint]:
        return []

    def stored_problem(self, field, value) -> str:
        """What is wrong with a value about to be saved that the database cannot check, or ""."""
        return ""

    # form
    def form_field(self) -> forms.Field:
        return forms.CharField(required=False, strip=False)

    def options(self, field, check, day, kept: tuple) -> list[tuple[str, str, str]]:
        """(value, label, hint) of the answers offered on `day` (a kept answer stays offered)."""
        if field.vocabulary is None:
            return []
        return [(o.code, o.label, o.hint) for o in field.vocabulary.available(day, kept)]

    @property
    def unasked(self):
        """What a question not asked (out of its dates, or its condition unmet) stores."""
        return [] if self.holds_list else ""

    def clean(self, check, field, raw):
        value = (raw or "").strip()
        if not value:
            if field.required:
                check.missing(field)
            return ""
        if len(value) > field.max_length:
            check.add_error(field.name, f"{field.name_in_messages} must be {field.max_length:,} characters or fewer")
            return None
        return value

    # stored answer <-> what a browser posts, what a person reads, plain JSON
    def read(self, report, field):
        owner = report.incident if field.owner == "incident" else report
        return getattr(owner, field.name)

    def post(self, data: MultiValueDict, field, value) -> None:
        data[field.name] = value or ""

    def kept(self, value) -> list[str]:
        """The stored answer as the codes or ids a retired option stays acceptable for."""
        if isinstance(value, list):
            return value
        return [value] if value else []

    def plain(self, value):
        return list(value) if isinstance(value, list) else value

    def display(self, field, value) -> str:
        if field.vocabulary is not None:
            return field.vocabulary.label_of(value)
        return value or ""

    def display_plain(self, field, value) -> str:
        """A value of the history (plain JSON, as `plain` gave it) as text."""
        if field.vocabulary is not None:
            return field.vocabulary.label_of(value) or str(value)
        return str(value)


class Text(Kind):
    name, description = "text", "text"


class Reference(Text):
    """An incident reference, checked and stored in its normal spelling (references.py)."""

    name, description = "reference", "text"

    def clean(self, check, field, raw):
        return super().clean(check, field, normalise_reference(raw))


class Textarea(Text):
    name, description = "textarea", "free text"
    macro, rows = "textarea", 8

    def column(self, field):
        return models.TextField(blank=True, default="", verbose_name=field.name.replace("_", " "))


class Time(Kind):
    name, description = "time", "time (HH:MM, 24-hour, UK local)"
    width = "govuk-input--width-5"

    def clean(self, check, field, raw):
        value = super().clean(check, field, raw)
        if not value:
            return value
        match = TIME_RE.match(value)
        if not match:
            check.add_error(field.name, f"{field.name_in_messages} must be in the 24-hour clock, like 14:30")
            return None
        return dt.time(int(match[1]), int(match[2]))

    def post(self, data, field, value):
        data[field.name] = value.strftime("%H:%M") if value else ""

    def plain(self, value):
        return value.isoformat(timespec="minutes") if value else value

    def display(self, field, value):
        return value.strftime("%H:%M") if value else ""


class Date(Kind):
    name, description, dated, macro = "date", "date (YYYY-MM-DD)", True, "date"
    EARLIEST = dt.date(2017, 4, 1)  # national recording began on 1 April 2017

    def form_field(self):
        return DateParts(required=False)

    @property
    def unasked(self):
        return None

    def clean(self, check, field, parts):
        if isinstance(parts, dt.date):
            return parts
        day, month, year = parts or ("", "", "")
        label = field.name_in_messages
        if not (day or month or year):
            if field.required:
                check.missing(field)
            return None
        missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
        if missing:
            check.add_error(field.name, f"{label} must include a {' and '.join(missing)}")
            return None
        try:
            value = dt.date(int(year), int(month), int(day))
        except ValueError:
            check.add_error(field.name, f"{label} must be a real date")
            return None
        if value > check.today():
            check.add_error(field.name, f"{label} must be today or in the past")
            return None
        if value < self.EARLIEST:
            check.add_error(field.name, f"{label} must be on or after {fmt_date(self.EARLIEST)}, "
                                        "when national recording began")
            return None
        return value

    def post(self, data, field, value):
        if value:
            for part in ("day", "month", "year"):
                data[f"{field.name}-{part}"] = str(getattr(value, part))

    def plain(self, value):
        return value.isoformat() if value else value

    def display(self, field, value):
        return fmt_date(value) if value else ""

    def display_plain(self, field, value):
        try:
            return fmt_date(dt.date.fromisoformat(value))
        except (TypeError, ValueError):
            return str(value)


class Choice(Kind):
    """One option of the field's vocabulary."""

    name, description, coded, macro = "choice", "one code", True, "radios"

    def constraints(self, field):
        return [one_of(field.name, field.vocabulary.codes())]

    def clean(self, check, field, raw):
        if not raw:
            if field.required:
                check.missing(field)
            return ""
        codes = check.check_codes(field, [raw])
        return codes[0] if codes else None


class Multi(Kind):
    """Several options of the field's vocabulary, stored as a JSON list of codes."""

    name, description, coded, holds_list, macro = "multi", "list of codes", True, True, "checkboxes"

    def column(self, field):
        return models.JSONField(default=list, blank=True, verbose_name=field.name.replace("_", " "))

    def stored_problem(self, field, value):
        # A JSON column cannot carry a CHECK on both databases: the list is checked on save.
        if not isinstance(value, list):
            return f"{field.name} must be a list of codes, not {type(value).__name__}"
        unknown = [code for code in value if code not in field.vocabulary.codes()]
        if unknown:
            return f"{field.name} holds codes its vocabulary does not declare: {', '.join(map(str, unknown))}"
        if len(set(value)) != len(value):
            return f"{field.name} lists a code twice"
        return ""

    def form_field(self):
        return CodeList(required=False)

    def clean(self, check, field, raw):
        codes = [c for c in (raw or []) if c]
        if not codes:
            if field.required:
                check.missing(field)
            return []
        return check.check_codes(field, codes)

    def post(self, data, field, value):
        data.setlist(field.name, list(value or []))

    def display(self, field, value):
        return "\n".join(field.vocabulary.label_of(c) for c in value or [])

    def display_plain(self, field, value):
        return "\n".join(str(field.vocabulary.label_of(code) or code) for code in value or [])


class Lines(Kind):
    """Free values, one per line (or separated by commas), stored as a JSON list."""

    name, description, holds_list, macro, rows = "lines", "list of text values", True, "textarea", 3

    def column(self, field):
        return models.JSONField(default=list, blank=True, verbose_name=field.name.replace("_", " "))

    def clean(self, check, field, raw):
        items = [x.strip() for x in re.split(r"[\n,;]+", raw or "") if x.strip()]
        if not items and field.required:
            check.missing(field)
        if any(len(x) > field.max_length for x in items):
            check.add_error(field.name, f"Each entry must be {field.max_length} characters or fewer")
            return None
        return list(dict.fromkeys(items))

    def post(self, data, field, value):
        data[field.name] = "\n".join(value or [])

    def display(self, field, value):
        return "\n".join(value or [])

    def display_plain(self, field, value):
        return "\n".join(map(str, value or []))


class OfficersPresent(Lines):
    """Colleagues named by collar number: rows of their own (OfficerPresent), each of whom then
    owes a report. Saved by services.name_officers_present, which resolves the numbers."""

    name, description, column_of_owner = "officers", "list of collar numbers", False

    def read(self, report, field):
        return [_collar(o.officer, report) for o in report.named_officers.select_related("officer", "officer__force")]


def _collar(user, report) -> str:
    if user.force_id in (report.incident.force_id, report.officer_force_id):
        return user.collar_number
    return f"{user.force.slug}:{user.collar_number}"


class Place(Kind):
    """A district or custody suite of the incident's force, in use on the incident's date."""

    name, description, macro = "place", "custody suite or district", "select"

    def column(self, field):
        return models.ForeignKey("organisations.CustodySuite", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="reports", verbose_name=field.name.replace("_", " "))

    @property
    def unasked(self):
        return None

    def options(self, field, check, day, kept):
        return [(str(p.pk), p.name, "") for p in check.place_options(field)]

    def clean(self, check, field, raw):
        if not raw:
            if field.required:
                check.missing(field)
            return None
        what = "district" if field.name == "district" else "custody suite"
        text = str(raw)
        place = check.places.of_kind(field.name).get(int(text)) if text.isascii() and text.isdigit() else None
        if place is None:
            check.add_error(field.name, f"Choose a {what} from the list")
            return None
        force = check.force
        if place.force_id != getattr(force, "pk", None):
            check.add_error(field.name, f"{place.name} is a {what} of {place.force.name}, not {force.name}: "
                                        f"choose a {what} of {force.name}")
            return None
        if place not in check.place_options(field):
            check.add_error(field.name, f"{place.name} was not in use on the date of the incident")
            return None
        return place

    def post(self, data, field, value):
        data[field.name] = str(value.pk) if value else ""

    def kept(self, value):
        return [str(value.pk)] if value else []

    def plain(self, value):
        return {"id": value.pk, "name": value.name} if value else None

    def display(self, field, value):
        return value.name if value else ""

    def display_plain(self, field, value):
        return value.get("name", "") if isinstance(value, dict) else str(value)


class ForceArea(Place):
    """The force whose area the incident happened in (a mutual-aid officer picks another)."""

    name, description = "force", "force slug"

    def options(self, field, check, day, kept):
        return [(f.slug, f.name, "") for f in sorted(check.places.forces.values(), key=lambda f: f.name)]

    def clean(self, check, field, raw):
        force = check.places.forces.get(raw) if raw else None
        if not raw:
            check.missing(field)
        elif force is None:
            check.add_error(field.name, "Choose the force area from the list")
        return force

    def post(self, data, field, value):
        data[field.name] = value.slug if value else ""

    def kept(self, value):
        return [value.slug] if value else []


TEXT, REFERENCE, TEXTAREA, TIME, DATE = Text(), Reference(), Textarea(), Time(), Date()
CHOICE, MULTI, LINES, OFFICERS, PLACE, FORCE = Choice(), Multi(), Lines(), OfficersPresent(), Place(), ForceArea()
KINDS = (TEXT, REFERENCE, TEXTAREA, TIME, DATE, CHOICE, MULTI, LINES, OFFICERS, PLACE, FORCE)
