"""The history of a report: every status change and every changed answer after submission.

History rows hold the values (old and new), so a lawful retention deletion removes them with
the report; the audit log (uof.audit) keeps only who, what, when and which fields.
"""
from django.conf import settings
from django.db import models
from django.utils import timezone


class StatusChange(models.Model):
    report = models.ForeignKey("reports.Report", on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now, editable=False)  # settable for imported history
    comment = models.TextField(blank=True, default="", help_text="The reviewer's comment when returning.")

    class Meta:
        ordering = ["at", "pk"]


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


class ReminderSent(models.Model):
    """A reminder e-mailed to an officer named as present who has not filed a report."""

    officer_present = models.ForeignKey("reports.OfficerPresent", on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(auto_now_add=True)
