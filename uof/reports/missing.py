"""Reports owed: officers named as present on an incident who have filed no report on it.

The officer's home page lists what they owe; review lists what a district is owed and reminds."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from .models import OfficerPresent, Report


def filed_reports(officer_field: str = "officer"):
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
          .annotate(filed=Exists(filed_reports()), first=Subquery(first_naming)).filter(filed=False, pk=F("first")))
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
