"""Denominators for rates: resident population (census) and per-period activity counts."""
from django.db import models


class Denominator(models.Model):
    class Kind(models.TextChoices):
        POPULATION = "population", "Resident population (census; self-defined ethnicity)"
        ARRESTS = "arrests", "Arrests in the period"
        INCIDENTS_ATTENDED = "incidents_attended", "Incidents attended in the period"

    force = models.ForeignKey("organisations.Force", on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey("organisations.District", null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="+", help_text="Empty: the whole force.")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    ethnicity = models.CharField(max_length=20, blank=True, default="",
                                 help_text="An ethnicity code of the vocabulary; empty: everyone.")
    period_from = models.DateField(null=True, blank=True, help_text="Arrests and incidents: first day counted.")
    period_to = models.DateField(null=True, blank=True)
    value = models.PositiveIntegerField()
    source = models.CharField(max_length=200, blank=True, default="")

    # One row per scope is kept by the loader (update_or_create): SQLite cannot enforce
    # uniqueness across the nullable district and period columns.
