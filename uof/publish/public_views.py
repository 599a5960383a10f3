"""Public pages and files (no sign-in): they read published snapshots only, never live data."""
from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from uof.stats.periods import label_in_words

from . import selectors
from .models import Publication
from .render import public_json, publication_csv, table_csv
from .snapshot import headlines, table_by_key

KINDS = {k for k, _ in Publication.Scope.choices}


def _check(kind: str) -> None:
    if kind not in KINDS:
        raise Http404("No such kind of publication")


def index(request):
    return render(request, "publish/public_index.html", {
        "title": "Published use of force figures", "nav_active": "public", "scopes": selectors.scopes(),
        "period_words": label_in_words})


def scope(request, kind: str, slug: str):
    _check(kind)
    found = [s for s in selectors.scopes() if s["kind"] == kind and s["slug"] == slug]
    if not found:
        raise Http404("Nothing is published for this force or collaboration")
    return render(request, "publish/public_scope.html", {
        "title": f"{found[0]['name']}: published use of force figures", "nav_active": "public", "scope": found[0],
        "period_words": label_in_words})


def publication(request, kind: str, slug: str, period: str, revision: int | None = None):
    _check(kind)
    item = selectors.publication(kind, slug, period, revision)
    return render(request, "publish/dashboard.html", dashboard_context(item.content, item))


def dashboard_context(content: dict, item: Publication | None, preview: bool = False) -> dict:
    """What the dashboard template needs: the same for a preview and for the published page."""
    from .presentation import sections

    revisions = selectors.revisions(item) if item else []
    trend = selectors.trend(item) if item else []
    return {
        "title": f"{content['scope']['name']}: use of force, {label_in_words(content['period']['label'])}",
        "nav_active": "public", "content": content, "item": item, "preview": preview, "period_words": label_in_words,
        "sections": sections(content, trend), "headlines": headlines(content), "revisions": revisions,
        "latest": revisions[0] if revisions else None,
    }


def download(request, kind: str, slug: str, period: str, table: str, fmt: str):
    _check(kind)
    if fmt not in ("csv", "json"):
        raise Http404("Formats: csv or json")
    revision = request.GET.get("revision")
    item = selectors.publication(kind, slug, period, int(revision) if revision and revision.isdigit() else None)
    content = item.content
    meta = {"scope": content["scope"], "period": content["period"], "revision": item.revision,
            "published_at": item.published_at.isoformat(timespec="seconds")}
    name = table
    if name == "records":
        if fmt != "csv" or not item.records_csv:
            raise Http404("No record-level file is published for this period")
        body = item.records_csv
    elif name == "all":
        body = publication_csv(content) if fmt == "csv" else public_json(content, meta)
    else:
        found = table_by_key(content, name)
        if found is None:
            raise Http404("No such table in this publication")
        body = table_csv(found) if fmt == "csv" else public_json(content, meta, found)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8" if fmt == "csv" else "application/json")
    response["Content-Disposition"] = (f'attachment; filename="uof-{slug}-{period}-r{item.revision}-{name}.{fmt}"')
    return response


def data_dictionary(request, kind: str | None = None, slug: str | None = None, period: str | None = None):
    """The data dictionary; for a publication, with the disclosure rule it was published under."""
    import json

    from .dictionary import dictionary

    item = None
    if kind is not None:
        _check(kind)
        item = selectors.publication(kind, slug, period)
    data = dictionary(item.content if item else None)
    if request.GET.get("format") == "json":
        return HttpResponse(json.dumps(data, indent=1, ensure_ascii=False), content_type="application/json")
    return render(request, "publish/dictionary.html", {"title": "Data dictionary", "nav_active": "public",
                                                       "d": data, "item": item, "period_words": label_in_words})
