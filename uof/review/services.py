"""Writes for review: soft deletion, discarding a draft and reminders (status changes live in workflow.py)."""
from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from uof.audit import services as audit
from uof.audit.models import AuditEvent
from uof.reports.errors import RecordingError
from uof.reports.missing import missing_reports
from uof.reports.models import Report

from .models import ReminderSent


@transaction.atomic
def soft_delete(report: Report, by, reason: str) -> None:
    """Hide a report from everyone but force administrators; it stays in the database."""
    reason = (reason or "").strip()
    if not reason:
        raise RecordingError("Give the reason for deleting this report", "reason")
    if report.deleted_at is not None:
        raise RecordingError("This report has already been deleted")
    now = timezone.now()
    Report.objects.filter(pk=report.pk).update(deleted_at=now, deleted_by=by, deletion_reason=reason, updated_at=now)
    audit.record(by, AuditEvent.Action.DELETE, report, ["deleted_at"], detail="soft delete")


def send_reminders(force=None, now=None) -> int:
    """E-mail each officer with overdue missing reports (at most once a day per incident)."""
    now = now or timezone.now()
    due = [m for m in missing_reports() if m.overdue
           and (force is None or m.incident.force_id == force.pk)
           and not m.reminders.filter(sent_at__gte=now - timezone.timedelta(hours=23)).exists()]
    messages, sent = [], []
    for missing in due:
        officer = missing.officer
        if not officer.email or not officer.is_active:
            continue
        day = missing.incident.occurred_date
        messages.append((
            "Use of force report overdue",
            f"{officer.get_full_name() or officer.username},\n\nYou were named as present at incident "
            f"{missing.incident.reference_text} on {day:%-d %B %Y} but have not submitted a use of force report "
            "for it. Please record one as soon as you can.\n",
            settings.UOF_REMINDER_FROM, [officer.email]))
        sent.append(missing)
    if messages:
        send_mass_mail(messages, fail_silently=False)
    for missing in sent:
        ReminderSent.objects.create(officer_present=missing)
        audit.record(None, AuditEvent.Action.REMINDER, None, [], force_id=missing.incident.force_id,
                     detail=f"reminder to user {missing.officer_id} for incident {missing.incident_id}")
    return len(sent)
