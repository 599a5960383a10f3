"""Form pages derived from the field declarations.

`page_form(page)` builds a Django form class for one page of the report. Every Django field is
optional; `PageForm.clean` applies the declared rules through validation.Validator, so the
messages are specific and the same rules run again when the whole report is submitted.
"""
from __future__ import annotations

import datetime as dt

from django import forms

from .fieldset import Field, fields_on
from .validation import REQUIRED, Places, Validator, fmt_date  # noqa: F401  (fmt_date is re-exported)


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


class PageForm(forms.Form):
    """One page of the report, checked for the incident's force and date."""

    page: str = ""
    specs: tuple[Field, ...] | list[Field] = ()

    def __init__(self, *args, force=None, incident_date=None, keep=None, places: Places | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.validator = Validator(force, incident_date, keep, places)
        self.force, self.incident_date, self.keep = force, incident_date, keep or {}

    def only_unanswered(self) -> bool:
        """Every error is an unanswered question (judged by error code, not by wording)."""
        return all(e.code == REQUIRED for errs in self.errors.as_data().values() for e in errs)

    def options_for(self, spec: Field) -> list[tuple[str, str, str]]:
        """(value, label, hint) for a choice, multi, place or force field."""
        if spec.kind == "place":
            return [(str(p.pk), p.name, "") for p in self.validator.place_options(spec)]
        if spec.kind == "force":
            return [(f.slug, f.name, "") for f in sorted(self.validator.places.forces.values(), key=lambda f: f.name)]
        kept = tuple(self.keep.get(spec.name) or ())
        return [(o.code, o.label, o.hint) for o in spec.vocabulary.available(self.incident_date, kept)]

    def clean(self):
        data = super().clean()
        cleaned = self.validator.check(self.specs, data)
        for name, message, code in self.validator.coded_errors():
            self.add_error(name, forms.ValidationError(message, code=code))
        data.update({k: v for k, v in cleaned.items() if k not in self.validator.errors})
        return data


def _django_field(spec: Field) -> forms.Field:
    if spec.kind == "date":
        return DateParts(required=False)
    if spec.kind == "multi":
        return CodeList(required=False)
    return forms.CharField(required=False, strip=False)


_FORM_CLASSES: dict[str, type[PageForm]] = {}


def page_form(page: str) -> type[PageForm]:
    if page not in _FORM_CLASSES:
        specs = fields_on(page)
        attrs = {spec.name: _django_field(spec) for spec in specs}
        attrs.update(page=page, specs=specs)
        _FORM_CLASSES[page] = type(f"{page.title()}PageForm", (PageForm,), attrs)
    return _FORM_CLASSES[page]

