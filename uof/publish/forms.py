"""The analyst's choice of what to publish: scope, period and the disclosure rule."""
from __future__ import annotations

from django import forms
from django.utils import timezone

from uof.stats.catalogue import PUBLISHED
from uof.stats.periods import PeriodError, label_in_words, parse_period, why_not_publishable

from .disclosure import DEFAULT_THRESHOLD, Rule
from .snapshot import PUBLIC_TABLES, REQUIRED_TABLES

OPTIONAL_TABLES = [k for k in PUBLIC_TABLES if k not in REQUIRED_TABLES]  # the analyst may leave these out


class PublicationForm(forms.Form):
    scope = forms.ChoiceField(label="Force or collaboration")
    period = forms.ChoiceField(label="Period")
    threshold = forms.IntegerField(label="Smallest count shown", min_value=2, max_value=100,
                                   initial=DEFAULT_THRESHOLD,
                                   help_text="Counts from 1 to one less than this are withheld.")
    rounding = forms.TypedChoiceField(label="Rounding", coerce=int, initial=1,
                                      choices=[(1, "No rounding: exact counts"), (5, "To the nearest 5"),
                                               (10, "To the nearest 10")])
    small_force_counts = forms.BooleanField(
        label="Show small force-wide counts of one characteristic (for example 'one led to a severe injury')",
        required=False)
    tables = forms.MultipleChoiceField(label="Tables", required=False, initial=OPTIONAL_TABLES,
                                       choices=[(k, PUBLISHED[k].title) for k in OPTIONAL_TABLES])
    reason = forms.CharField(label="Why is it being revised?", required=False, max_length=2000,
                             widget=forms.Textarea)

    def __init__(self, *args, scopes: list[tuple[str, str]], periods: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = scopes
        self.fields["period"].choices = [(p, label_in_words(p)) for p in periods]

    def clean_period(self):
        try:
            period = parse_period(self.cleaned_data["period"])
        except PeriodError as error:
            raise forms.ValidationError(str(error)) from None
        refusal = why_not_publishable(period, timezone.localdate())
        if refusal:
            raise forms.ValidationError(refusal)
        return period

    def rule(self) -> Rule:
        data = self.cleaned_data
        return Rule(threshold=data["threshold"], rounding=data["rounding"],
                    small_force_counts=data["small_force_counts"])

    def chosen_tables(self) -> list[str]:
        return list(self.cleaned_data["tables"])
