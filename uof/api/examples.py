"""Example responses for the OpenAPI document (and so for /api/v1/docs/). A test checks that each
one matches its response schema."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

from uof.stats.catalogue import GENDER, PLACES, SUMMARY

BASE = "https://uof.example"
API = f"{BASE}/api/v1"
WHERE = "force/cambridgeshire/2026-27-q1"
DATA = f"{BASE}/data/{WHERE}"


def _ok(name: str, value) -> OpenApiExample:
    return OpenApiExample(name, value=value, response_only=True, status_codes=["200"])


def _error(name: str, status: int, detail: str, **extra) -> OpenApiExample:
    return OpenApiExample(name, value={"detail": detail, "status": status, **extra}, response_only=True,
                          status_codes=[str(status)])


ROOT = _ok("The API's links", {"version": "1", "publications": f"{API}/publications/", "scopes": f"{API}/scopes/",
                               "schema": f"{API}/schema/", "docs": f"{API}/docs/"})

PERIOD = {"label": "2026/27-Q1", "slug": "2026-27-q1", "from": "2026-04-01", "to": "2026-06-30",
          "words": "April to June 2026", "code": "2026/27 Q1"}
LINKS = {"api": f"{API}/publications/{WHERE}/", "page": f"{DATA}/",
         "csv": f"{DATA}/download/all.csv?revision=2", "json": f"{DATA}/download/all.json?revision=2"}

PUBLICATION_ITEM = _ok("A publication", {
    "kind": "force", "scope": "cambridgeshire", "scope_name": "Cambridgeshire", "period": PERIOD, "revision": 2,
    "published_at": "2026-08-03T09:30:00+01:00", "links": LINKS})

SUMMARY_TABLE = {
    "key": SUMMARY.key, "title": SUMMARY.title, "unit": SUMMARY.unit,
    "columns": ["measure", "unit", "count", "previous period", "change (%)", "a year earlier",
                "change on a year (%)"],
    "rows": [["reports", "report", 412, 398, 3.5, 371, 11.1], ["incidents", "incident", 263, 250, 5.2, 240, 9.6],
             ["subjects", "subject", 270, 255, 5.9, 249, 8.4], ["tactic uses", "tactic use", 655, 630, 4.0, 590, 11.0],
             ["reports per incident", "report", 1.57, None, None, None, None]],
    "keys": ["reports", "incidents", "subjects", "tactic_uses", "reports_per_incident"],
    "withheld": [], "no_data": [], "denominator": "change is a percentage of the earlier period's count",
    "notes": ["A single use of force can be reported by several officers: reports count each officer's report."],
}
GENDER_TABLE = {
    "key": GENDER.key, "title": GENDER.title, "unit": GENDER.unit,
    "columns": ["category", "reports", "share of reports (%)", "subjects", "share of subjects (%)"],
    "rows": [["Male", 352, 85.4, 229, 84.8], ["Female", 56, 13.6, 38, 14.1], ["Other", None, None, None, None],
             ["Not reported", None, None, None, None]],
    "keys": ["male", "female", "other", "not_reported"],
    "withheld": [[2, 1], [2, 3], [3, 1], [3, 3]], "no_data": [],
    "denominator": "shares of all 412 reports and of all 270 subjects",
    "notes": ["As perceived by the reporting officer: not as reliable as self-reported data."],
}

PUBLICATION_DETAIL = _ok("A publication (revision 2)", {
    "kind": "force",
    "scope": {"kind": "force", "slug": "cambridgeshire", "name": "Cambridgeshire", "forces": ["cambridgeshire"]},
    "period": {**PERIOD, "text": "1 April 2026 to 30 June 2026"},
    "revision": 2, "latest_revision": 2, "published_at": "2026-08-03T09:30:00+01:00",
    "rule": {"threshold": 5, "rounding": 1, "small_force_counts": False, "tables": [SUMMARY.key, GENDER.key]},
    "rule_text": ["Counts from 1 to 4 by district and custody suite are withheld (shown as [c]), with further "
                  "counts withheld where needed so that none can be worked out from totals or from other tables "
                  "of this publication.", "Force-wide counts from 1 to 4 are withheld in the same way."],
    "licence": {"name": "Open Government Licence v3.0",
                "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"},
    "source": "Cambridgeshire: use of force reports recorded in uof, counted by the date of the incident (UK time).",
    "summary": ["From 1 April 2026 to 30 June 2026, Cambridgeshire officers reported using force 412 times "
                "(reports), in 263 distinct incidents."],
    "withheld_cells": 4,
    "revisions": [{"revision": 2, "published_at": "2026-08-03T09:30:00+01:00", "url": f"{API}/publications/{WHERE}/"},
                  {"revision": 1, "published_at": "2026-07-20T10:00:00+01:00",
                   "url": f"{API}/publications/{WHERE}/?revision=1"}],
    "changes": [{"table": SUMMARY.title, "row": "reports / report", "column": "count", "before": 411,
                 "after": 412}],
    "tables": [{"key": m.key, "title": m.title, "unit": m.unit, "url": f"{API}/publications/{WHERE}/tables/{m.key}/"}
               for m in (SUMMARY, GENDER)],
    "links": {**LINKS, "tables": f"{API}/publications/{WHERE}/tables/", "records": None},
})

TABLE = _ok("A table with withheld counts", {
    **GENDER_TABLE,
    "links": {"api": f"{API}/publications/{WHERE}/tables/{GENDER.key}/",
              "csv": f"{DATA}/download/{GENDER.key}.csv?revision=2",
              "json": f"{DATA}/download/{GENDER.key}.json?revision=2"}})

RECORD = _ok("A record", {"district": "Peterborough", "month": "2026-04", "age_band": "18 - 34 years",
                          "gender": "Male", "ethnicity": "White", "qi_withheld": "no",
                          "tactic: Compliant handcuffing": "1"})

SCOPE = _ok("A force", {
    "kind": "force", "slug": "cambridgeshire", "name": "Cambridgeshire",
    "publications": [{"period": PERIOD, "revision": 2, "published_at": "2026-08-03T09:30:00+01:00",
                      "url": f"{API}/publications/{WHERE}/"}],
    "links": {"api": f"{API}/publications/?scope_kind=force&scope=cambridgeshire",
              "page": f"{BASE}/data/force/cambridgeshire/"}})

BAD_REQUEST = _error("An unknown filter value", 400, "Invalid query parameter(s): scope.",
                     errors={"scope": ["Nothing is published for 'hogwarts': GET /api/v1/scopes/ lists what is."]})
BAD_REVISION = _error("A revision that is not a number", 400, "Invalid query parameter(s): revision.",
                      errors={"revision": ["A valid integer is required."]})
INVALID_PAGE = _error("A page past the last", 404, "Invalid page.")
NOT_FOUND = _error("Nothing published", 404, "Nothing is published for this scope and period")
NO_TABLE = _error("No such table", 404, f"This publication has no table '{PLACES.key}'")
NO_RECORDS = _error("No record-level dataset", 404, "This publication has no record-level open dataset")
