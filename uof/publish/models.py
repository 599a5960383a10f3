"""A publication: an immutable, dated snapshot of one force's (or collaboration's) figures for a
period, exactly as the public sees them (withheld counts already withheld). A later correction is
a new revision of the same scope and period that lists what changed; nothing is ever edited."""
from __future__ import annotations

from django.conf import settings
from django.db import models


class Publication(models.Model):
    class Scope(models.TextChoices):
        FORCE = "force", "Force"
        COLLABORATION = "collaboration", "Collaboration"

    scope_kind = models.CharField(max_length=16, choices=Scope.choices)
    scope_slug = models.SlugField(help_text="The force's or collaboration's slug, as in public URLs.")
    scope_name = models.CharField(max_length=120)
    forces = models.ManyToManyField("organisations.Force", related_name="publications")
    period_label = models.CharField(max_length=40, help_text="e.g. 2026/27-Q1 or 2026/27")
    period_slug = models.SlugField(max_length=40)
    date_from = models.DateField()
    date_to = models.DateField()
    revision = models.PositiveIntegerField(default=1)
    revision_of = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="revised_by")
    rule = models.JSONField(help_text="Disclosure rule: threshold, rounding, small force counts, tables.")
    content = models.JSONField(help_text="The public snapshot: tables as shown, summary, notes.")
    changes = models.JSONField(default=list, blank=True, help_text="Shown figures changed since the last revision.")
    reason = models.TextField(blank=True, help_text="Why it was revised (kept internally, not shown).")
    records_csv = models.TextField(blank=True, help_text="The record-level open dataset (generalised).")
    true_cells = models.JSONField(default=list, blank=True,
                                  help_text="Internal, never shown: the exact counts behind the shown ones, so that "
                                            "a revision can be checked against what this one showed.")
    file_facts = models.JSONField(default=list, blank=True,
                                  help_text="Internal: what the record-level file tells a reader about the counts "
                                            "([terms, low, high]), checked again by the next revision.")
    reports_changed = models.PositiveIntegerField(default=0, help_text="Internal: reports added, changed or removed "
                                                                       "since the previous revision.")
    reports_counted = models.PositiveIntegerField(default=0)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["scope_slug", "-date_from", "-revision"]
        constraints = [models.UniqueConstraint(fields=["scope_kind", "scope_slug", "period_slug", "revision"],
                                               name="one_revision_number_per_publication")]

    def __str__(self) -> str:
        return f"{self.scope_name}, {self.period_label} (revision {self.revision})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("A publication is immutable: publish a revision instead")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("A publication is never deleted: publish a revision instead")
