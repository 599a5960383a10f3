"""Audit events. Append-only three times over: the model refuses updates and deletes, its
queryset refuses bulk updates and deletes, and database triggers (SQLite and PostgreSQL alike,
migration 0002) refuse UPDATE, DELETE and TRUNCATE from any client, raw SQL included."""
from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only")


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        VIEW = "view", "Viewed private fields"
        CREATE = "create", "Started a report"
        CHANGE = "change", "Changed answers"
        STATUS = "status", "Changed status"
        DELETE = "delete", "Deleted (soft)"
        EXPORT = "export", "Exported records"
        REMINDER = "reminder", "Sent a reminder"
        PUBLISH = "publish", "Published figures"
        DISCARD = "discard", "Discarded a draft"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    # A plain number, not a foreign key: deleting a report under a retention rule keeps its audit trail.
    report_id = models.BigIntegerField(null=True, db_index=True)
    force_id = models.BigIntegerField(null=True, db_index=True)
    fields = models.JSONField(default=list, help_text="Names of the fields concerned; never their values.")
    detail = models.CharField(max_length=200, blank=True, default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only")
