"""Reads for review: the queue, missing reports and recording compliance."""
from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict

from django.utils import timezone

from uof.access.policy import district_scope, visible_reports
from uof.reports.missing import missing_reports
from uof.reports.models import OfficerPresent, Report

from .queue import returned_reports


def review_queue(user):
    """Submitted reports the user may review, oldest first."""
    return (visible_reports(user, Report.objects.all(), "review").select_related("incident", "incident__district", "officer", "subject")
            .order_by("submitted_at", "pk"))


def queue_counts(user) -> dict[str, int]:
    return {
        "awaiting": review_queue(user).count(),
        "returned": returned_reports(user).count(),
        "overdue": missing_reports(district_scope(user)).filter(overdue=True).count() if district_scope(user) else 0,
    }


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
