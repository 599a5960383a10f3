"""What review adds to a report: reminders sent to officers who owe one. A report's own history
(status changes, corrected answers) lives with the report in uof.reports."""
from django.db import models


class ReminderSent(models.Model):
    """A reminder e-mailed to an officer named as present who has not filed a report."""

    officer_present = models.ForeignKey("reports.OfficerPresent", on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField(auto_now_add=True)
