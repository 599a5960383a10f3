"""Reads for the API: light queries over published snapshots (uof/publish/selectors.py has the rest).

Only published data is read. Listing queries leave out the heavy JSON and text fields, and no
query is ever made with an unchecked value from a URL (see `is_slug`).
"""
from __future__ import annotations

import csv
import io
import re

from django.db.models import Max, OuterRef, Subquery

from uof.publish.models import Publication

KINDS = [k for k, _ in Publication.Scope.choices]
SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
# Quarters and years (2026-27-q1, 2026-27); a period published as a date range has spaces in its slug.
PERIOD_SLUG_PATTERN = r"^[0-9a-z][0-9a-z -]*$"
PERIOD_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z /-]*$"  # in a query: the slug or the label
_SLUG, _PERIOD = re.compile(SLUG_PATTERN), re.compile(PERIOD_SLUG_PATTERN)
LIGHT_FIELDS = ("id", "scope_kind", "scope_slug", "scope_name", "period_label", "period_slug", "date_from",
                "date_to", "revision", "published_at")


def is_slug(value: str) -> bool:
    return bool(_SLUG.match(value or "")) and len(value) <= 120


def is_period_slug(value: str) -> bool:
    return bool(_PERIOD.match(value or "")) and len(value) <= 40


def period_slug(value: str) -> str:
    """A period as given in a query (slug `2026-27-q1` or label `2026/27-Q1`) as its slug."""
    return value.strip().replace("/", "-").lower()


def latest(kind: str | None = None, slug: str | None = None, period: str | None = None):
    """The newest revision of each published scope and period: newest published first."""
    top = (Publication.objects.filter(scope_kind=OuterRef("scope_kind"), scope_slug=OuterRef("scope_slug"),
                                      period_slug=OuterRef("period_slug"))
           .values("scope_kind", "scope_slug", "period_slug").annotate(top=Max("revision")).values("top"))
    found = Publication.objects.filter(revision=Subquery(top)).only(*LIGHT_FIELDS)
    if kind is not None:
        found = found.filter(scope_kind=kind)
    if slug is not None:
        found = found.filter(scope_slug=slug)
    if period is not None:
        found = found.filter(period_slug=period)
    return found.order_by("-published_at", "-date_from", "scope_kind", "scope_slug", "pk")


def known_scopes(kind: str | None = None) -> set[str]:
    found = Publication.objects.all() if kind is None else Publication.objects.filter(scope_kind=kind)
    return set(found.values_list("scope_slug", flat=True).distinct())


def known_periods() -> set[str]:
    return set(Publication.objects.values_list("period_slug", flat=True).distinct())


def scopes() -> list[dict]:
    """Every force and collaboration with a publication, with its published periods (newest first)."""
    out: dict[tuple[str, str], dict] = {}
    for p in sorted(latest(), key=lambda p: (-p.date_from.toordinal(), p.period_slug)):
        entry = out.setdefault((p.scope_kind, p.scope_slug), {"kind": p.scope_kind, "slug": p.scope_slug,
                                                               "name": p.scope_name, "publications": []})
        entry["publications"].append(p)
    return sorted(out.values(), key=lambda e: (e["kind"] != "force", e["name"], e["slug"]))


def revisions(item: Publication) -> list[Publication]:
    """Every revision of the item's scope and period, newest first (without their content)."""
    return list(Publication.objects.filter(scope_kind=item.scope_kind, scope_slug=item.scope_slug,
                                           period_slug=item.period_slug)
                .only(*LIGHT_FIELDS).order_by("-revision"))


def records(item: Publication) -> tuple[list[str], list[dict[str, str]]]:
    """The record-level open dataset as (columns, rows): the columns are whatever its header says."""
    reader = csv.DictReader(io.StringIO(item.records_csv or ""), restval="")
    rows = [{k: v for k, v in row.items() if k is not None} for row in reader]
    return list(reader.fieldnames or []), rows
