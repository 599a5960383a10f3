"""The access policy: the one place that decides who may see or do what.

Views, exports, the API and commands ask `decide(user, action, report)` for one record and
`visible_reports(user, reports, action)` for lists; nothing else checks roles. A record of a force the
user has no role in is NOT_FOUND (its existence is not revealed); a record of their own force
that their role does not reach is FORBIDDEN.

Report actions:
  view     read the whole report, private fields included
  edit     the author changes their own draft or returned report
  review   approve or return a submitted report (a supervisor of its district, not their own)
  correct  change a submitted or approved report with a reason
  delete   soft-delete with a reason
  discard  the author discards their own draft (never a submitted or returned report)
  history  read a report's status changes, field history and audit trail
Page actions (no record): record, review_queue, compliance, audit_log, admin.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from uof.organisations.models import District, Force

from .models import Role, RoleAssignment


class Decision(enum.Enum):
    ALLOW = 200
    FORBIDDEN = 403
    NOT_FOUND = 404

    def __bool__(self) -> bool:
        return self is Decision.ALLOW


@dataclass
class Scope:
    """What one user's roles reach, read once per request."""

    user_id: int | None
    superuser: bool = False
    own_force: int | None = None
    supervised: set[int] = field(default_factory=set)  # district ids
    supervisor_forces: set[int] = field(default_factory=set)
    admin_forces: set[int] = field(default_factory=set)
    analyst_forces: set[int] = field(default_factory=set)
    standards_forces: set[int] = field(default_factory=set)

    @property
    def forces(self) -> set[int]:
        """Every force the user has any standing in."""
        own = {self.own_force} if self.own_force else set()
        return (own | self.supervisor_forces | self.admin_forces | self.analyst_forces
                | self.standards_forces)


def scope_of(user) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope(user_id=None)
    cached = getattr(user, "_uof_scope", None)
    if cached is not None:
        return cached
    scope = Scope(user_id=user.pk, superuser=user.is_superuser, own_force=user.force_id)
    for assignment in RoleAssignment.objects.filter(user=user).select_related("force").prefetch_related("districts"):
        force_id = assignment.force_id
        if assignment.role == Role.SUPERVISOR:
            scope.supervisor_forces.add(force_id)
            scope.supervised |= {d.pk for d in assignment.districts.all()}
        elif assignment.role == Role.FORCE_ADMIN:
            scope.admin_forces.add(force_id)
        elif assignment.role == Role.ANALYST:
            scope.analyst_forces.add(force_id)
        elif assignment.role == Role.COLLABORATION_ANALYST:
            scope.analyst_forces |= set(Force.objects.filter(
                collaboration_id=assignment.force.collaboration_id).values_list("pk", flat=True)) or {force_id}
        elif assignment.role == Role.PROFESSIONAL_STANDARDS:
            scope.standards_forces.add(force_id)
    user._uof_scope = scope
    return scope


def decide(user, action: str, report) -> Decision:
    """May `user` do `action` to `report`?"""
    scope = scope_of(user)
    if scope.user_id is None:
        return Decision.NOT_FOUND
    force_id = report.incident.force_id
    is_author = report.officer_id == scope.user_id
    if report.deleted_at is not None and not (scope.superuser or force_id in scope.admin_forces):
        return Decision.NOT_FOUND
    if not (scope.superuser or is_author or force_id in scope.forces):
        return Decision.NOT_FOUND
    # A superuser holds every role everywhere, but the same rules of status apply.
    supervises = scope.superuser or (force_id in scope.supervisor_forces
                                     and report.incident.district_id in scope.supervised)
    admin = scope.superuser or force_id in scope.admin_forces
    standards = scope.superuser or force_id in scope.standards_forces
    submitted = report.status != "draft"
    live = report.deleted_at is None  # a deleted report is frozen: it can be read, not changed
    allowed = {
        "view": is_author or scope.superuser or (submitted and (supervises or admin or standards)),
        "edit": live and is_author and report.status in ("draft", "returned"),
        "review": live and supervises and not is_author and report.status == "submitted",
        "correct": live and submitted and not is_author and (supervises or admin) and report.status != "returned",
        "delete": live and submitted and admin and not is_author,
        # a draft never counted, so its author may discard it; once submitted (returned included) it may not
        "discard": live and is_author and report.status == "draft",
        "history": submitted and (supervises or admin or standards),
    }.get(action, False)
    return Decision.ALLOW if allowed else Decision.FORBIDDEN


def may(user, action: str) -> bool:
    """Page-level actions that concern no single record."""
    scope = scope_of(user)
    if scope.user_id is None:
        return False
    if action == "record":
        return scope.own_force is not None  # a report needs the officer's force, superuser or not
    if scope.superuser:
        return True
    return {
        "record": scope.own_force is not None,
        "review_queue": bool(scope.supervised),
        "compliance": bool(scope.supervised or scope.admin_forces or scope.standards_forces),
        "audit_log": bool(scope.standards_forces),
        "admin": bool(scope.admin_forces),
        "statistics": bool(statistics_forces(user)),
        "publish": bool(publishing_forces(user)),
    }.get(action, False)


def statistics_forces(user) -> set[int]:
    """Forces whose statistics the user may read: analysts (a collaboration analyst: all its
    forces), force administrators and professional standards, for their own forces."""
    scope = scope_of(user)
    if scope.user_id is None:
        return set()
    if scope.superuser:
        return set(Force.objects.values_list("pk", flat=True))
    return scope.analyst_forces | scope.admin_forces | scope.standards_forces


def publishing_forces(user) -> set[int]:
    """Forces whose figures the user may publish: analysts (a collaboration analyst: all its forces)."""
    scope = scope_of(user)
    if scope.user_id is None:
        return set()
    if scope.superuser:
        return set(Force.objects.values_list("pk", flat=True))
    return set(scope.analyst_forces)


def visible_reports(user, queryset: QuerySet, action: str = "view") -> QuerySet:
    """The reports of `queryset` that `user` may do `action` to, as a filter the database applies
    (for lists and exports). The caller names the reports: the policy reads records, it does not
    import the apps that hold them."""
    qs = queryset
    scope = scope_of(user)
    if scope.user_id is None:
        return qs.none()
    if scope.superuser:
        return qs
    live = Q(deleted_at__isnull=True)
    submitted = ~Q(status="draft")
    supervised = Q(incident__district_id__in=scope.supervised, incident__force_id__in=scope.supervisor_forces)
    if action == "review":
        return qs.filter(live, supervised, status="submitted").exclude(officer_id=scope.user_id)
    if action == "history":
        return qs.filter(live, submitted, supervised | Q(incident__force_id__in=scope.admin_forces | scope.standards_forces))
    wide = Q(incident__force_id__in=scope.admin_forces | scope.standards_forces)
    return qs.filter((live & (Q(officer_id=scope.user_id) | (submitted & (supervised | wide))))
                     | Q(incident__force_id__in=scope.admin_forces, deleted_at__isnull=False))


def district_scope(user) -> QuerySet:
    """Districts whose compliance and missing reports the user may see."""
    scope = scope_of(user)
    if scope.superuser:
        return District.objects.all()
    return District.objects.filter(Q(pk__in=scope.supervised)
                                   | Q(force_id__in=scope.admin_forces | scope.standards_forces))
