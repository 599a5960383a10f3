"""Reads of published snapshots: the only data the public pages, files and API ever touch."""
from __future__ import annotations

from django.db.models import Max, Q
from django.http import Http404

from uof.reports.models import Report

from .models import Publication
from .snapshot import headlines


def latest_publications(kind: str | None = None, slug: str | None = None):
    """The newest revision of every published scope and period (newest periods first)."""
    newest = Publication.objects.values("scope_kind", "scope_slug", "period_slug").annotate(top=Max("revision"))
    wanted = [(n["scope_kind"], n["scope_slug"], n["period_slug"], n["top"]) for n in newest
              if (kind is None or n["scope_kind"] == kind) and (slug is None or n["scope_slug"] == slug)]
    found = []
    for k, s, p, top in wanted:
        found.append(Publication.objects.get(scope_kind=k, scope_slug=s, period_slug=p, revision=top))
    return sorted(found, key=lambda x: (x.scope_kind, x.scope_name, -x.date_from.toordinal(), x.date_to))


def scopes() -> list[dict]:
    """Every scope with a publication, with its published periods (newest first)."""
    out: dict[tuple, dict] = {}
    for p in latest_publications():
        entry = out.setdefault((p.scope_kind, p.scope_slug), {"kind": p.scope_kind, "slug": p.scope_slug,
                                                               "name": p.scope_name, "publications": []})
        entry["publications"].append(p)
    return sorted(out.values(), key=lambda e: (e["kind"] != "force", e["name"]))


def publication(kind: str, slug: str, period: str, revision: int | None = None) -> Publication:
    found = Publication.objects.filter(scope_kind=kind, scope_slug=slug, period_slug=period)
    found = found.filter(revision=revision) if revision is not None else found.order_by("-revision")
    item = found.first()
    if item is None:
        raise Http404("Nothing is published for this scope and period")
    return item


def revisions(item: Publication) -> list[Publication]:
    return list(Publication.objects.filter(scope_kind=item.scope_kind, scope_slug=item.scope_slug,
                                           period_slug=item.period_slug).order_by("-revision"))


def trend(item: Publication) -> list[tuple[str, dict]]:
    """Headline figures of every published period of the scope up to this one, oldest first."""
    periods = [p for p in latest_publications(item.scope_kind, item.scope_slug)
               if p.date_to <= item.date_to and _kind(p) == _kind(item)]
    return [(p.period_label, _headline(p.content)) for p in sorted(periods, key=lambda p: p.date_from)]


def _kind(p: Publication) -> str:
    return "quarter" if "-q" in p.period_slug else "year"


def _headline(content: dict) -> dict:
    return {f["key"]: f["count"] for f in headlines(content)["figures"] if f["key"] != "tactic uses"}


def reports_changed_since(forces, since) -> int:
    """Reports of these forces submitted, corrected, moved or deleted since then (drafts never
    count): how far any figure published then can differ from the same figure now."""
    return (Report.objects.filter(incident__force__in=list(forces)).exclude(status="draft")
            .filter(Q(updated_at__gte=since) | Q(incident__updated_at__gte=since)).count())
