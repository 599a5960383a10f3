"""Writes: publishing a snapshot, and publishing a revision of one."""
from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from uof.audit import services as audit
from uof.audit.models import AuditEvent
from uof.organisations.models import Collaboration, Force
from uof.stats.periods import Period, why_not_publishable

from .disclosure import CannotProtect, Rule
from .models import Publication
from .overlap import public_record, refusal, related_publications
from .revisions import Previous, keyed
from .selectors import reports_changed_since
from .snapshot import Snapshot, build, changes_between, headlines


class PublishError(ValueError):
    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field  # the choice on the form it is about, if any


@dataclass(frozen=True)
class Scope:
    kind: str  # "force" or "collaboration"
    slug: str
    name: str
    forces: tuple[Force, ...]

    def as_dict(self) -> dict:
        return {"kind": self.kind, "slug": self.slug, "name": self.name, "forces": [f.slug for f in self.forces]}


def scope_for(kind: str, slug: str) -> Scope:
    if kind == Publication.Scope.COLLABORATION:
        group = Collaboration.objects.filter(slug=slug).first()
        if group is None:
            raise PublishError(f"Unknown collaboration: {slug}")
        return Scope(kind, slug, group.name, tuple(group.forces.order_by("name")))
    force = Force.objects.filter(slug=slug).first()
    if force is None:
        raise PublishError(f"Unknown force: {slug}")
    return Scope(Publication.Scope.FORCE, slug, force.name, (force,))


def period_slug(period: Period) -> str:
    return slugify(period.label.replace("/", "-"))


def latest(scope: Scope, period: Period) -> Publication | None:
    return (Publication.objects.filter(scope_kind=scope.kind, scope_slug=scope.slug, period_slug=period_slug(period))
            .order_by("-revision").first())


def preview(scope: Scope, period: Period, rule: Rule, tables: list[str] | None = None) -> Snapshot:
    """The snapshot exactly as it would be published now (nothing is saved)."""
    return _build(scope, period, rule, tables, _previous(scope, period))


def _build(scope: Scope, period: Period, rule: Rule, tables, previous: Previous | None) -> Snapshot:
    """The snapshot, checked together with every publication sharing reports with it (overlap.py);
    refused when its rule would undo another's protection or none can protect it."""
    forces = list(scope.forces)
    direct, second = related_publications(forces, period.start, period.end)
    field, why = refusal(direct, rule)
    if why:
        raise PublishError(why, field)

    def record_for(cells):
        return public_record(forces, period.start, period.end, rule, cells, direct, second)
    try:
        return build(scope.as_dict(), forces, period, rule, tables, previous, record_for)
    except CannotProtect as error:
        raise PublishError(f"These figures cannot be published with this rule: a withheld count would be given "
                           f"away by figures already published ({error.cell[1]}). Choose a higher smallest count "
                           f"or fewer tables.", "threshold") from error


def _previous(scope: Scope, period: Period) -> Previous | None:
    """The revision this one would replace, with how many reports changed since it was published."""
    item = latest(scope, period)
    if item is None:
        return None
    changed = reports_changed_since(scope.forces, item.published_at)
    return Previous(item.content, item.true_cells, changed, item.file_facts)


@transaction.atomic
def publish(user, scope: Scope, period: Period, rule: Rule, tables: list[str] | None = None,
            reason: str = "") -> Publication:
    """Publish the figures; if this scope and period are already published, as a new revision."""
    refusal = why_not_publishable(period, timezone.localdate())
    if refusal:
        raise PublishError(refusal)
    previous = latest(scope, period)
    if previous is not None and not reason.strip():
        raise PublishError(f"{scope.name}, {period.label} is already published (revision {previous.revision}): "
                           f"say why it is being revised")
    earlier = _previous(scope, period)
    snapshot = _build(scope, period, rule, tables, earlier)
    content = snapshot.content
    changes = changes_between(keyed(previous.content), content) if previous else []
    reports = next(f["count"] for f in headlines(content)["figures"] if f["key"] == "reports")
    publication = Publication.objects.create(
        scope_kind=scope.kind, scope_slug=scope.slug, scope_name=scope.name, period_label=period.label,
        period_slug=period_slug(period), date_from=period.start, date_to=period.end,
        revision=previous.revision + 1 if previous else 1, revision_of=previous, rule=content["rule"],
        content=content, changes=changes, reason=reason.strip(), reports_counted=reports or 0,
        records_csv=snapshot.records_csv, true_cells=snapshot.true_cells, file_facts=snapshot.file_facts,
        reports_changed=earlier.reports_changed if earlier else 0,
        published_at=timezone.now(), published_by=user)
    publication.forces.set(scope.forces)
    audit.record(user, AuditEvent.Action.PUBLISH, None, ["publication"], force_id=scope.forces[0].pk,
                 detail=f"published {scope.slug} {period.label} revision {publication.revision}")
    return publication
