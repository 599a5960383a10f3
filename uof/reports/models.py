"""Incidents, the people force was used on, and officers' reports.

One report = one officer's use of force on one subject in one incident (the Home Office's
counting unit). Reports of the same event share an Incident, found by its references; each
person force was used on is a Subject of that incident. The report's columns are generated
from the declared field set (fieldset.py) so the form, the database and the exports agree.
"""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from .fieldset import report_fields
from .kinds import one_of
from .tactics import TACTICS

REFERENCE_KINDS = ("cad_reference", "custody_reference", "crime_reference")


class Incident(models.Model):
    force = models.ForeignKey("organisations.Force", on_delete=models.PROTECT, related_name="incidents",
                              help_text="The force area where it happened.")
    cad_reference = models.CharField(max_length=40, blank=True, default="")
    custody_reference = models.CharField(max_length=40, blank=True, default="")
    crime_reference = models.CharField(max_length=40, blank=True, default="")
    occurred_date = models.DateField(null=True, blank=True)
    occurred_time = models.TimeField(null=True, blank=True)
    district = models.ForeignKey("organisations.District", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="incidents")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True,
                                      help_text="Lets the statistics notice a changed date or place.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["force", kind], condition=~Q(**{kind: ""}),
                                    name=f"incident_{kind}_unique_in_force")
            for kind in REFERENCE_KINDS
        ]
        indexes = [models.Index(fields=["force", "occurred_date"])]

    def __str__(self) -> str:
        return self.reference_text or f"Incident {self.pk}"

    @property
    def reference_text(self) -> str:
        return ", ".join(r for r in (self.cad_reference, self.custody_reference, self.crime_reference) if r)


class Subject(models.Model):
    """A person force was used on in one incident: subject 1, 2, … of that incident."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="subjects")
    number = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["incident", "number"]
        constraints = [models.UniqueConstraint(fields=["incident", "number"], name="subject_number_unique")]

    def __str__(self) -> str:
        return f"Subject {self.number}"


def _declared_answers() -> list[models.CheckConstraint]:
    """The CHECK constraints the kinds of the report's answers declare (one per single choice)."""
    return [c for f in report_fields() for c in f.kind.constraints(f)]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Awaiting review"
    RETURNED = "returned", "Returned"
    APPROVED = "approved", "Approved"


class Report(models.Model):
    Status = ReportStatus

    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reports")
    officer_force = models.ForeignKey("organisations.Force", on_delete=models.PROTECT, related_name="+",
                                      help_text="The officer's own force when the report was started.")
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="reports")
    subject = models.ForeignKey(Subject, null=True, blank=True, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)  # the statistics look for changes by it
    submitted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, help_text="Raised on every save; guards concurrent edits.")
    # Soft deletion: the report stays, hidden from all but force administrators.
    deleted_at = models.DateTimeField(null=True, blank=True)
    deleted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    deletion_reason = models.TextField(blank=True, default="")
    # Keys of the "are you sure?" warnings (rules.py) the officer confirmed for the current answers.
    confirmed_rules = models.JSONField(default=list, blank=True,
                                       help_text="Cross-answer warnings confirmed as correct (rules.py keys).")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["officer", "subject"], name="one_report_per_officer_per_subject"),
            one_of("status", ReportStatus.values, blank=False),
            *_declared_answers(),
        ]
        indexes = [models.Index(fields=["officer", "status"]), models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"Report {self.pk}"

    def save(self, *args, **kwargs):
        # What a CHECK cannot hold on both databases (a multi-select's JSON list) is checked here.
        fields = kwargs.get("update_fields")
        for spec in report_fields():
            if fields is None or spec.name in fields:
                problem = spec.kind.stored_problem(spec, getattr(self, spec.name))
                if problem:
                    raise ValueError(f"Report {self.pk or '(new)'}: {problem}")
        super().save(*args, **kwargs)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


for _field in report_fields():
    Report.add_to_class(_field.name, _field.kind.column(_field))


class TacticUse(models.Model):
    """One tactic on one report, in the order the officer used them."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="tactics")
    position = models.PositiveSmallIntegerField()
    tactic = models.CharField(max_length=40)
    effective = models.CharField(max_length=3, help_text="yes or no")

    class Meta:
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "position"], name="tactic_position_unique"),
                       one_of("tactic", TACTICS.codes(), blank=False),
                       one_of("effective", ["yes", "no"], blank=False)]


class OfficerPresent(models.Model):
    """An officer named as present at an incident; they owe a report (chased in review)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="officers_present")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    named_by = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="named_officers")

    class Meta:
        # Each report keeps its own list: two colleagues may both name the same officer.
        constraints = [
            models.UniqueConstraint(fields=["named_by", "officer"], name="officer_named_once_per_report")
        ]


# --- a report's history ------------------------------------------------------------------------
# History rows hold the values (old and new), so a lawful retention deletion removes them with the
# report; the audit log (uof.audit) keeps only who, what, when and which fields.

class StatusChange(models.Model):
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, editable=False)  # settable for imported history
    comment = models.TextField(blank=True, default="", help_text="The reviewer's comment when returning.")

    class Meta:
        ordering = ["at", "pk"]
        db_table = "review_statuschange"  # created by the review app before the history moved here


class FieldChange(models.Model):
    """One answer changed after submission: old and new value, who, when and why."""

    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="field_changes")
    field = models.CharField(max_length=60)
    old_value = models.JSONField(null=True)
    new_value = models.JSONField(null=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField()
    version = models.PositiveIntegerField(help_text="The report version this change produced.")

    class Meta:
        ordering = ["at", "pk"]
        db_table = "review_fieldchange"  # created by the review app before the history moved here
