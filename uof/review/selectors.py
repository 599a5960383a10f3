"""Reads for review: the queue, missing reports and recording compliance."""
from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from uof.access.policy import decide, district_scope, visible_reports
from uof.reports.models import OfficerPresent, Report

from .models import StatusChange


def last_return(report: Report) -> StatusChange | None:
    """The reviewer's latest return of this report, if it is currently returned."""
    if report.status != Report.Status.RETURNED:
        return None
    return report.status_changes.filter(to_status=Report.Status.RETURNED).select_related("by").last()


def other_reports(report: Report, user) -> list[dict]:
    """The other reports on the same incident: officer, person, status, and a link only where the
    access policy lets `user` view it. Deleted reports are listed only to those who may view them."""
    others = (Report.objects.filter(incident_id=report.incident_id).exclude(pk=report.pk)
              .select_related("incident", "officer", "subject").order_by("created_at", "pk"))
    rows = []
    for other in others:
        allowed = bool(decide(user, "view", other))
        if other.deleted_at is not None and not allowed:
            continue
        rows.append({"report": other, "officer": other.officer, "allowed": allowed,
                     "subject": f"Subject {other.subject.number}" if other.subject_id else "Person not chosen yet",
                     "status": "Deleted" if other.deleted_at else other.get_status_display()})
    return rows


def review_queue(user):
    """Submitted reports the user may review, oldest first."""
    return (visible_reports(user, Report.objects.all(), "review").select_related("incident", "incident__district", "officer", "subject")
            .order_by("submitted_at", "pk"))


def queue_counts(user) -> dict[str, int]:
    from .queue import returned_reports

    return {
        "awaiting": review_queue(user).count(),
        "returned": returned_reports(user).count(),
        "overdue": missing_reports(district_scope(user)).filter(overdue=True).count() if district_scope(user) else 0,
    }


def _filed(officer_field: str = "officer"):
    return Report.objects.filter(incident_id=OuterRef("incident_id"), officer_id=OuterRef(f"{officer_field}_id"),
                                 deleted_at__isnull=True).exclude(status=Report.Status.DRAFT)


def overdue_before(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return today - dt.timedelta(days=settings.UOF_REPORT_OVERDUE_DAYS)


def missing_reports(districts=None, officer=None):
    """Officers named as present who have filed no report on the incident (drafts do not count).

    Each row is annotated `overdue`: the incident is more than UOF_REPORT_OVERDUE_DAYS days old."""
    # One row per officer and incident, however many live reports name them.
    first_naming = (OfficerPresent.objects.filter(incident_id=OuterRef("incident_id"), officer_id=OuterRef("officer_id"),
                                                  named_by__deleted_at__isnull=True).order_by("pk").values("pk")[:1])
    qs = (OfficerPresent.objects.filter(named_by__deleted_at__isnull=True)
          .annotate(filed=Exists(_filed()), first=Subquery(first_naming)).filter(filed=False, pk=F("first")))
    if districts is not None:
        qs = qs.filter(incident__district__in=districts)
    if officer is not None:
        qs = qs.filter(officer=officer)
    cutoff = overdue_before()
    return (qs.annotate(overdue=Q(incident__occurred_date__lt=cutoff))
            .select_related("incident", "incident__district", "incident__force", "officer", "named_by__officer")
            .order_by("incident__occurred_date", "pk"))


def missing_for_officer(user) -> list[OfficerPresent]:
    """"Reports you owe": each row's `draft_id` is the officer's own draft on the incident, if any,
    so the link opens it instead of starting a second report."""
    if not getattr(user, "is_authenticated", False):
        return []
    own_draft = (Report.objects.filter(incident_id=OuterRef("incident_id"), officer_id=OuterRef("officer_id"),
                                       deleted_at__isnull=True, status=Report.Status.DRAFT)
                 .order_by("created_at").values("pk")[:1])
    return list(missing_reports(officer=user).annotate(draft_id=Subquery(own_draft))[:20])


def compliance(user, months: int = 12) -> list[dict]:
    """Per district and month of the incident: reports filed, officers expected (named as present
    or reporting), and the median hours from the incident to first submission."""
    today = timezone.localdate()
    start = (today.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(day=1)
    districts = district_scope(user)
    reports = (Report.objects.filter(incident__district__in=districts, incident__occurred_date__gte=start,
                                     deleted_at__isnull=True)
               .values_list("incident__district__name", "incident__occurred_date", "incident__occurred_time",
                            "incident_id", "officer_id", "status", "submitted_at"))
    present = (OfficerPresent.objects.filter(incident__district__in=districts, incident__occurred_date__gte=start,
                                             named_by__deleted_at__isnull=True)
               .values_list("incident__district__name", "incident__occurred_date", "incident_id", "officer_id"))
    expected: dict[tuple, set] = defaultdict(set)
    filed: dict[tuple, set] = defaultdict(set)
    hours: dict[tuple, list[float]] = defaultdict(list)
    zone = timezone.get_current_timezone()
    for district, day, time, incident, officer, status, submitted in reports:
        key = (district, day.strftime("%Y-%m"))
        expected[key].add((incident, officer))
        if status != Report.Status.DRAFT:
            filed[key].add((incident, officer))
            if submitted and time:
                began = dt.datetime.combine(day, time, tzinfo=zone)
                hours[key].append(max(0.0, (submitted - began).total_seconds() / 3600))
    for district, day, incident, officer in present:
        expected[(district, day.strftime("%Y-%m"))].add((incident, officer))
    rows = []
    for key in sorted(expected, key=lambda k: (k[1], k[0]), reverse=True):
        n_expected, n_filed = len(expected[key]), len(filed[key])
        rows.append({"district": key[0], "month": key[1], "expected": n_expected, "filed": n_filed,
                     "missing": n_expected - n_filed,
                     "rate": round(100 * n_filed / n_expected, 1) if n_expected else None,
                     "median_hours": round(statistics.median(hours[key]), 1) if hours[key] else None})
    return rows
