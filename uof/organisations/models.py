"""Who records and where: forces, the collaborations they share a system in, and places.

Districts and custody suites carry effective dates so that a renamed or closed place keeps
old records meaningful: a retired place can no longer be chosen for a new incident but stays
on every report that used it.
"""
import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q


class Collaboration(models.Model):
    slug = models.SlugField(unique=True, help_text="Lowercase name used on the command line and in URLs.")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Force(models.Model):
    slug = models.SlugField(unique=True, help_text="Lowercase name, e.g. 'cambridgeshire'.")
    name = models.CharField(max_length=120, help_text="As the Home Office publishes it.")
    region = models.CharField(max_length=60, help_text="Home Office region, e.g. 'East'.")
    collaboration = models.ForeignKey(
        Collaboration, null=True, blank=True, on_delete=models.SET_NULL, related_name="forces"
    )
    # How this force's command and control (incident log) numbers look, for the references page.
    cad_reference_example = models.CharField(
        max_length=40, blank=True, default="",
        help_text="An incident log number in the force's format, shown as the example, e.g. 'CC1-260412-000187'.")
    cad_reference_pattern = models.CharField(
        max_length=200, blank=True, default="",
        help_text="Optional regular expression the whole number matches once normalised (upper case, '-' "
                  "for dashes), e.g. 'CC\\d+-\\d{6}-\\d{6}'. A number that does not match is queried, "
                  "never refused.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        problem = reference_format_problem(self.cad_reference_example, self.cad_reference_pattern)
        if problem:
            raise ValidationError({"cad_reference_pattern": problem})


def reference_format_problem(example: str, pattern: str) -> str:
    """Why a force's reference example and pattern cannot be used together, or ''."""
    if not pattern:
        return ""
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        return f"'{pattern}' is not a regular expression: {error}"
    if example and compiled.fullmatch(example) is None:
        return f"The example '{example}' does not match the pattern '{pattern}'"
    return ""


class EffectiveQuerySet(models.QuerySet):
    def effective_on(self, day: date) -> "EffectiveQuerySet":
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class EffectivePeriod(models.Model):
    """A date range in which a place can be chosen for a new incident (both ends inclusive)."""

    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    objects = EffectiveQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_effective_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": "The end date must be on or after the start date."})


class District(EffectivePeriod):
    """A policing area within a force. Published under its force by the Home Office."""

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="districts")
    code = models.SlugField(help_text="Stable code within the force; never reused.")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["force__name", "name"]
        constraints = [models.UniqueConstraint(fields=["force", "code"], name="district_code_unique_in_force")]

    def __str__(self) -> str:
        return self.name


class CustodySuite(EffectivePeriod):
    """A custody suite, in one district. Published under the location 'Custody block'."""

    HOME_OFFICE_LOCATION = "custody_block"

    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="custody_suites")
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="custody_suites")
    code = models.SlugField(help_text="Stable code within the force; never reused.")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["force__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["force", "code"], name="custody_suite_code_unique_in_force")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.district_id and self.force_id and self.district.force_id != self.force_id:
            raise ValidationError({"district": "The district must belong to the same force."})
