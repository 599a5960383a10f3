"""The API's responses as plain data, from a publication's metadata and its stored `content`.

Values are passed through untouched: a table here is the table in `content`, the one the public
page and the CSV/JSON downloads render.
"""
from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from uof.publish.models import Publication
from uof.stats.periods import code_words, in_words


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


def api_url(request, name: str, query: str = "", **kwargs) -> str:
    return absolute(request, reverse(f"api:{name}", kwargs=kwargs or None) + (f"?{query}" if query else ""))


def _public(request, name: str, query: str = "", **kwargs) -> str | None:
    """A public page or file; None for a publication whose period has no public address (a date
    range, whose slug is not a URL slug)."""
    try:
        return absolute(request, reverse(f"public:{name}", kwargs=kwargs) + (f"?{query}" if query else ""))
    except NoReverseMatch:
        return None


def _where(item: Publication) -> dict:
    return {"kind": item.scope_kind, "scope": item.scope_slug, "period": item.period_slug}


def _public_where(item: Publication) -> dict:
    return {"kind": item.scope_kind, "slug": item.scope_slug, "period": item.period_slug}


def publication_url(request, item: Publication, pinned: bool = False) -> str:
    return api_url(request, "publication", f"revision={item.revision}" if pinned else "", **_where(item))


def links(request, item: Publication, latest: bool = True) -> dict:
    where = _public_where(item)
    pin = f"revision={item.revision}"
    page = (_public(request, "publication", **where) if latest
            else _public(request, "revision", revision=item.revision, **where))
    return {"api": publication_url(request, item, pinned=not latest), "page": page,
            "csv": _public(request, "download", pin, table="all", fmt="csv", **where),
            "json": _public(request, "download", pin, table="all", fmt="json", **where)}


def period(item: Publication) -> dict:
    """A period as the public pages give it: its dates in words beside its code."""
    return {"label": item.period_label, "slug": item.period_slug, "from": item.date_from, "to": item.date_to,
            "words": in_words(item.period_label, item.date_from, item.date_to), "code": code_words(item.period_label)}


def list_item(request, item: Publication) -> dict:
    return {"kind": item.scope_kind, "scope": item.scope_slug, "scope_name": item.scope_name,
            "period": period(item), "revision": item.revision, "published_at": item.published_at,
            "links": links(request, item)}


def _pin(item: Publication, latest: int) -> str:
    return "" if item.revision == latest else f"revision={item.revision}"


def table_ref(request, item: Publication, table: dict, latest: int) -> dict:
    return {"key": table["key"], "title": table["title"], "unit": table["unit"],
            "url": api_url(request, "table", _pin(item, latest), key=table["key"], **_where(item))}


def detail(request, item: Publication, revisions: list[Publication]) -> dict:
    content = item.content
    latest = revisions[0].revision
    where = _where(item)
    out = {
        "kind": item.scope_kind, "scope": content["scope"],
        "period": {**period(item), "text": content["period"]["text"]},
        "revision": item.revision, "latest_revision": latest, "published_at": item.published_at,
        "rule": content["rule"], "rule_text": content["rule_text"], "licence": content["licence"],
        "source": content["source"], "summary": [p["text"] for p in content["summary"]],
        "withheld_cells": content.get("withheld_cells", sum(len(t["withheld"]) for t in content["tables"])),
        "revisions": [{"revision": r.revision, "published_at": r.published_at,
                       "url": publication_url(request, r, pinned=r.revision != latest)} for r in revisions],
        "changes": item.changes,
        "tables": [table_ref(request, item, t, latest) for t in content["tables"]],
        "links": {**links(request, item, latest=item.revision == latest),
                  "tables": api_url(request, "tables", _pin(item, latest), **where),
                  "records": (api_url(request, "records", _pin(item, latest), **where)
                              if item.records_csv else None)},
    }
    return out


def table(request, item: Publication, table: dict, latest: int) -> dict:
    where = _public_where(item)
    pin = f"revision={item.revision}"
    return {**{k: table[k] for k in ("key", "title", "unit", "columns", "rows", "withheld", "denominator",
                                     "notes")},
            "no_data": table.get("no_data", []),  # publications made before "no data" existed have none
            "keys": table.get("keys", []),  # nor row codes before cells were keyed by them
            "links": {"api": table_ref(request, item, table, latest)["url"],
                      "csv": _public(request, "download", pin, table=table["key"], fmt="csv", **where),
                      "json": _public(request, "download", pin, table=table["key"], fmt="json", **where)}}


def scope(request, entry: dict) -> dict:
    return {"kind": entry["kind"], "slug": entry["slug"], "name": entry["name"],
            "publications": [{"period": period(p), "revision": p.revision, "published_at": p.published_at,
                              "url": publication_url(request, p)} for p in entry["publications"]],
            "links": {"api": api_url(request, "publications", f"scope_kind={entry['kind']}&scope={entry['slug']}"),
                      **({"page": page} if (page := _public(request, "scope", kind=entry["kind"],
                                                            slug=entry["slug"])) else {})}}
