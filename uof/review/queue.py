"""The review queue's reads: filters (district, status, age of submission, officer), pages, and
the returned reports waiting for their officers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from uof.access.policy import scope_of, visible_reports
from uof.organisations.models import District
from uof.reports.models import Report, StatusChange

PER_PAGE = 25
S = Report.Status
STATUSES = [("submitted", "Awaiting review"), ("returned", "Returned, waiting for the officer"),
            ("approved", "Approved"), ("any", "Any status")]
AGES = [("", "Any time"), ("1", "More than 1 day ago"), ("3", "More than 3 days ago"),
        ("7", "More than 7 days ago"), ("28", "More than 28 days ago")]


@dataclass(frozen=True)
class Filters:
    district: str = ""
    status: str = "submitted"
    age: str = ""
    officer: str = ""

    @classmethod
    def from_query(cls, query, districts: list[District]) -> Filters:
        district = query.get("district", "")
        status = query.get("status", "submitted")
        age = query.get("age", "")
        return cls(district=district if district in {str(d.pk) for d in districts} else "",
                   status=status if status in dict(STATUSES) else "submitted",
                   age=age if age in dict(AGES) else "", officer=query.get("officer", "").strip()[:60])

    @property
    def active(self) -> bool:
        return self != Filters()

    def query(self) -> dict[str, str]:
        """The filters as query parameters (for page links): only those that differ from the default."""
        default = Filters()
        return {name: getattr(self, name) for name in ("district", "status", "age", "officer")
                if getattr(self, name) != getattr(default, name)}


def districts(user) -> list[District]:
    """The districts whose reports the user reviews (every district, for a superuser)."""
    scope = scope_of(user)
    qs = District.objects.select_related("force")
    if not scope.superuser:
        qs = qs.filter(pk__in=scope.supervised)
    return list(qs.order_by("force__name", "name"))


def _reviewed(user):
    """Live, submitted-or-later reports of the user's supervised districts (not their own)."""
    scope = scope_of(user)
    qs = visible_reports(user, Report.objects.all(), "history").filter(deleted_at__isnull=True).exclude(status=S.DRAFT)
    if not scope.superuser:
        qs = qs.filter(incident__district_id__in=scope.supervised)
    return qs.exclude(officer_id=scope.user_id)


def filtered(user, filters: Filters, now: dt.datetime | None = None):
    qs = _reviewed(user)
    if filters.status != "any":
        qs = qs.filter(status=filters.status)
    if filters.district:
        qs = qs.filter(incident__district_id=int(filters.district))
    if filters.age:
        qs = qs.filter(submitted_at__lt=(now or timezone.now()) - dt.timedelta(days=int(filters.age)))
    if filters.officer:
        words = filters.officer.split()
        for word in words:
            qs = qs.filter(Q(officer__username__icontains=word) | Q(officer__first_name__icontains=word)
                           | Q(officer__last_name__icontains=word) | Q(officer__collar_number__iexact=word))
    return (qs.select_related("incident", "incident__district", "officer", "subject")
            .order_by("submitted_at", "pk"))


def page_of(user, filters: Filters, number) -> Page:
    return Paginator(filtered(user, filters), PER_PAGE).get_page(number)


def returned(user, limit: int = 50) -> list[Report]:
    """Returned reports waiting for their officers (with `returned_at`), the longest waiting first."""
    last = StatusChange.objects.filter(report_id=OuterRef("pk"), to_status=S.RETURNED).order_by("-at", "-pk")
    return list(returned_reports(user).select_related("incident", "incident__district", "officer")
                .annotate(returned_at=Subquery(last.values("at")[:1]))
                .order_by("returned_at", "pk")[:limit])


def returned_reports(user):
    return _reviewed(user).filter(status=S.RETURNED)


def pagination(page: Page, filters: Filters, base: str) -> dict | None:
    """Parameters of the GOV.UK pagination component, keeping the filters in every link."""
    if page.paginator.num_pages <= 1:
        return None
    from urllib.parse import urlencode

    def href(number: int) -> str:
        return base + "?" + urlencode({**filters.query(), "page": number})

    items = []
    for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1):
        if number == page.paginator.ELLIPSIS:
            items.append({"ellipsis": True})
        else:
            items.append({"number": number, "href": href(number), "current": number == page.number})
    return {"items": items,
            "previous": {"href": href(page.previous_page_number())} if page.has_previous() else None,
            "next": {"href": href(page.next_page_number())} if page.has_next() else None}
