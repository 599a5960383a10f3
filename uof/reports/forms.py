"""Form pages derived from the field declarations.

`page_form(page)` builds a Django form class for one page of the report. Every Django field is
optional; `PageForm.clean` applies the declared rules through validation.Validator, so the
messages are specific and the same rules run again when the whole report is submitted.
"""
from __future__ import annotations

from django import forms

from .fieldset import Field, fields_on
from .validation import REQUIRED, Places, Validator, fmt_date  # noqa: F401  (fmt_date is re-exported)


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
        return spec.kind.options(spec, self.validator, self.incident_date, tuple(self.keep.get(spec.name) or ()))

    def clean(self):
        data = super().clean()
        cleaned = self.validator.check(self.specs, data)
        for name, message, code in self.validator.coded_errors():
            self.add_error(name, forms.ValidationError(message, code=code))
        data.update({k: v for k, v in cleaned.items() if k not in self.validator.errors})
        return data


_FORM_CLASSES: dict[str, type[PageForm]] = {}


def page_form(page: str) -> type[PageForm]:
    if page not in _FORM_CLASSES:
        specs = fields_on(page)
        attrs = {spec.name: spec.kind.form_field() for spec in specs}
        attrs.update(page=page, specs=specs)
        _FORM_CLASSES[page] = type(f"{page.title()}PageForm", (PageForm,), attrs)
    return _FORM_CLASSES[page]

