"""Writes for review: soft deletion, discarding a draft and reminders (status changes live in workflow.py)."""
from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from uof.audit import services as audit
from uof.audit.models import AuditEvent
from uof.reports.errors import RecordingError
from uof.reports.models import OfficerPresent, Report, Subject

from . import selectors
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


DISCARDED = "Draft discarded by the officer before submission"


@transaction.atomic
def discard_draft(report: Report, by) -> None:
    """The author discards their own draft: it never counted, and now it never will.

    The report is marked deleted (as soft deletion does, so the statistics' copy is patched, not
    rebuilt) and let go of what would still count or block: the person it was on (removed if no
    other report names them, so the officer can start again on the same person) and the colleagues
    it named as present (they no longer owe a report because of it). A returned report has been
    submitted and reviewed, so it cannot be discarded: it can be resubmitted, or deleted by a force
    administrator."""
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.officer_id != getattr(by, "pk", None):
        raise RecordingError("Only the officer who started a draft can discard it")
    if current.deleted_at is not None:
        raise RecordingError("This draft has already been discarded")
    if current.status != Report.Status.DRAFT:
        raise RecordingError("This report has been submitted, so it cannot be discarded")
    now = timezone.now()
    subject_id = current.subject_id
    named = list(OfficerPresent.objects.filter(named_by=current).values_list("officer_id", flat=True))
    OfficerPresent.objects.filter(named_by=current).delete()
    Report.objects.filter(pk=report.pk).update(deleted_at=now, deleted_by=by, deletion_reason=DISCARDED,
                                               subject=None, updated_at=now, version=current.version + 1)
    if subject_id is not None and not Report.objects.filter(subject_id=subject_id).exists():
        Subject.objects.filter(pk=subject_id).delete()
    report.deleted_at, report.subject_id, report.version = now, None, current.version + 1
    fields = ["deleted_at", *(["subject"] if subject_id else []), *(["officers_present"] if named else [])]
    audit.record(by, AuditEvent.Action.DISCARD, report, fields, detail="draft discarded by its author")


def send_reminders(force=None, now=None) -> int:
    """E-mail each officer with overdue missing reports (at most once a day per incident)."""
    now = now or timezone.now()
    due = [m for m in selectors.missing_reports() if m.overdue
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
