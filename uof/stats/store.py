"""The analytical copy: one row per counted report, a few bytes per answer, sorted by incident.

Counted means submitted and not deleted (awaiting review, returned or approved); drafts never
count. Every answer is a small integer code (codes.py) and every multi-select a bitmask, so
each table is a handful of vectorised counts over contiguous arrays.

Reading: one SQL query turns every single-choice answer into its code with a CASE expression
(fifteen codes packed into one integer, 4 bits each) and every report's tactics into their
bitmask with a correlated subquery, so the database does the mapping and Python only turns
chunks of a few integers per row into numpy arrays; multi-select answers come as JSON text and
are mapped through a cache (a few hundred distinct values). About 10 s for 1,000,000 reports on
SQLite (docs/benchmarks.md). The copy also keeps what every selection would otherwise work out
again (encoding.py): each row's combination codes (tactics, multi-select answers) and whether it
is the first row of its incident, subject and place; about half a second more.

Freshness: `current()` does not rebuild the whole copy when a report changes. It keeps a
watermark (the last `updated_at` seen on reports and incidents, the number and highest id of
reports, the places) and patches in only the incidents whose reports or incident row changed
since: their rows are read again and merged in incident order (and only they are encoded, new
combinations appended to the dictionaries). A place added or renamed, or a report removed from
the database outright, still means a full rebuild. Looking for changes
reads Report.updated_at and Incident.updated_at through their indexes (a scan without them took
about 0.45 s at 1,000,000 reports on SQLite; 0.08 s with them).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import Count, Max

from uof.organisations.models import CustodySuite, District, Force
from uof.reports.models import Incident, Report
from uof.reports.tactics import TACTICS

from . import encoding as encodings
from .codes import COLUMNS, COLUMNS_BY_NAME, TACTIC_BIT

COUNTED = ("submitted", "returned", "approved")
STATUS_CODES = {"submitted": 1, "returned": 2, "approved": 3}
CED_RANK = {o.code: o.extra["ced_rank"] for o in TACTICS.options if "ced_rank" in o.extra}
BASE = ["report", "incident", "subject", "force", "district", "suite", "day", "status", "tactics", "ced"]
DTYPES = {"report": "int64", "incident": "int64", "subject": "int64", "force": "uint8", "district": "uint16",
          "suite": "uint16", "day": "int32", "status": "uint8", "tactics": "uint64", "ced": "uint8"}
# Changes are looked for this far behind the newest `updated_at` seen, so that a transaction that
# commits after a later one (or a web server whose clock lags a little) is not missed.
LAG = dt.timedelta(minutes=5)
CHUNK = 5_000
PACK = 15  # single-choice codes per packed integer (4 bits each, under 2**63)
IN_BATCH = 500


@dataclass(frozen=True)
class Watermark:
    """What the copy has seen: where to look for changes next time."""

    places: tuple  # forces, districts and custody suites as read (a change means a full rebuild)
    reports: int  # report rows of any status
    max_report: int
    since: dt.datetime  # look for rows updated at or after this
    seen: frozenset  # ("r" or "i", id, updated_at) of the rows updated at or after `since` already read


@dataclass
class Store:
    arrays: dict[str, np.ndarray]
    forces: list[Force]
    districts: list[District]  # index 0 is "no district"
    suites: list[CustodySuite]  # index 0 is "not in custody"
    _force_index: dict = field(default_factory=dict, repr=False)
    watermark: Watermark | None = field(default=None, repr=False)
    encoding: encodings.Encoding | None = field(default=None, repr=False)  # see encoding.py

    def encoded(self) -> encodings.Encoding:
        """The combination codes and first-row flags of every row (built with the copy)."""
        if self.encoding is None:
            self.encoding = encodings.build(self.arrays, self.districts, self.suites)
        return self.encoding

    def __len__(self) -> int:
        return len(self.arrays["report"])

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]

    def force_index(self, slug: str) -> int:
        return next(i for i, f in enumerate(self.forces) if f.slug == slug)

    def select(self, force_slugs=None, date_from: dt.date | None = None, date_to: dt.date | None = None) -> np.ndarray:
        """A boolean mask of the rows of these forces with incidents between the dates (inclusive)."""
        mask = np.ones(len(self), dtype=bool)
        if force_slugs:
            wanted = [self.force_index(s) for s in force_slugs]
            mask &= np.isin(self.arrays["force"], wanted)
        if date_from is not None:
            mask &= self.arrays["day"] >= date_from.toordinal()
        if date_to is not None:
            mask &= self.arrays["day"] <= date_to.toordinal()
        return mask


# --- reading rows --------------------------------------------------------------------------------

def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _case(expression: str, codes: dict[str, int]) -> str:
    whens = " ".join(f"WHEN {_quote(code)} THEN {value}" for code, value in codes.items())
    return f"CASE {expression} {whens} ELSE 0 END"


def _day_sql() -> str | None:
    """The incident date as a proleptic ordinal (date.toordinal()), 0 when unknown; None: do it in Python."""
    if connection.vendor == "sqlite":
        return "COALESCE(CAST(julianday(i.occurred_date) - 1721424.5 AS INTEGER), 0)"
    if connection.vendor == "postgresql":
        return "COALESCE(i.occurred_date - DATE '0001-01-01' + 1, 0)"
    return None


def _select_sql() -> tuple[str, list[tuple]]:
    """The SELECT (without ORDER BY) and what each selected value becomes.

    Each output is (kind, name): "int" and "date" give the array `name`, "multi" the bitmask of
    the multi-select column `name`; ("packed", [(name, shift), ...]) is several single-choice codes
    packed 4 bits apiece into one integer, so Python handles a few values per row, not dozens.
    """
    tactic_bits = _case("t.tactic", {code: 1 << bit for code, bit in TACTIC_BIT.items()})
    day = _day_sql()
    parts = [("r.id", ("int", "report")), ("r.incident_id", ("int", "incident")),
             ("COALESCE(r.subject_id, 0)", ("int", "subject")), ("i.force_id", ("int", "force")),
             ("COALESCE(i.district_id, 0)", ("int", "district")),
             ("COALESCE(r.custody_suite_id, 0)", ("int", "suite")),
             (day, ("int", "day")) if day else ("i.occurred_date", ("date", "day")),
             (_case("r.status", STATUS_CODES), ("int", "status")),
             (f"(SELECT CAST(COALESCE(SUM(DISTINCT {tactic_bits}), 0) AS BIGINT) FROM reports_tacticuse t "
              f"WHERE t.report_id = r.id)", ("int", "tactics"))]
    packable = []
    for column in COLUMNS:
        name = connection.ops.quote_name(column.name)
        if column.multi:
            parts.append((f"CAST(r.{name} AS TEXT)", ("multi", column.name)))
            continue
        case = _case(f"r.{name}", {code: i + 1 for code, i in column._index.items()})
        if len(column._index) < 16:
            packable.append((column.name, case))
        else:
            parts.append((case, ("int", column.name)))
    for start in range(0, len(packable), PACK):
        group = packable[start:start + PACK]
        parts.append((" + ".join(f"({case}) * {1 << 4 * i}" for i, (_, case) in enumerate(group)),
                      ("packed", [(name, 4 * i) for i, (name, _) in enumerate(group)])))
    sql = (f"SELECT {', '.join(p for p, _ in parts)} FROM reports_report r "
           f"JOIN reports_incident i ON i.id = r.incident_id "
           f"WHERE r.status IN ({', '.join(_quote(s) for s in COUNTED)}) AND r.deleted_at IS NULL")
    return sql, [output for _, output in parts]


class _MultiCodes(dict):
    """JSON text of a multi-select answer -> its bitmask, computed once per distinct text."""

    def __init__(self, column):
        super().__init__()
        self.column = column

    def __missing__(self, text):
        value = json.loads(text) if isinstance(text, str) and text else text
        mask = self[text] = self.column.code(value if isinstance(value, list) else [])
        return mask


def _ordinal(value) -> int:
    if not value:
        return 0
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return value.toordinal()


def _read(places: tuple, where: str = "", params=()) -> dict[str, np.ndarray]:
    """Counted reports (optionally narrowed by `where`) as arrays, sorted by incident then report."""
    forces, districts, suites = places
    sql, outputs = _select_sql()
    multi = {k: _MultiCodes(COLUMNS_BY_NAME[name]) for k, (kind, name) in enumerate(outputs) if kind == "multi"}
    dtypes = {**DTYPES, **{c.name: c.dtype for c in COLUMNS}}
    # Values are written straight into arrays sized by a count first (ids stay 64-bit until they
    # become positions): no list of chunks to join, so memory stays near the size of the result.
    raw_dtypes = ["int64" if kind in ("packed", "date") or name in ("force", "district", "suite")
                  else dtypes[name] for kind, name in outputs]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql} {where}) counted", list(params))
        size = cursor.fetchone()[0]
        raw = [np.zeros(size, dtype) for dtype in raw_dtypes]
        cursor.execute(f"{sql} {where}", list(params))  # sorted below: numpy sorts faster than the database
        filled = 0
        while True:
            rows = cursor.fetchmany(CHUNK)
            if not rows:
                break
            if filled + len(rows) > size:  # reports counted in between: grow
                size = max(filled + len(rows), size + size // 8)
                raw = [np.resize(values, size) for values in raw]
            end = filled + len(rows)
            for k, values in enumerate(zip(*rows)):
                if k in multi:
                    codes = multi[k]
                    values = [codes[v] for v in values]
                elif outputs[k][0] == "date":
                    values = [_ordinal(v) for v in values]
                raw[k][filled:end] = values
            filled = end
    arrays = {}
    for k, (kind, name) in enumerate(outputs):
        values, raw[k] = raw[k][:filled], None
        if kind == "packed":
            for column, shift in name:
                arrays[column] = ((values >> shift) & 15).astype(dtypes[column])
        elif name in ("force", "district", "suite"):
            arrays[name] = values  # database ids: narrowed only once mapped to list positions below
        else:
            arrays[name] = values.astype(dtypes[name], copy=False)
        del values
    order = np.lexsort((arrays["report"], arrays["incident"]))
    if len(order) and (np.diff(order) != 1).any():
        for name in arrays:
            arrays[name] = arrays[name][order]
    del order
    # Ids become positions in the lists the tables use (forces by name, then districts and suites).
    arrays["force"] = _positions({f.pk: i for i, f in enumerate(forces)}, arrays["force"], "uint8")
    arrays["district"] = _positions({d.pk: i for i, d in enumerate(districts) if d}, arrays["district"], "uint16")
    arrays["suite"] = _positions({s.pk: i for i, s in enumerate(suites) if s}, arrays["suite"], "uint16")
    ced = np.zeros(len(arrays["report"]), dtype="uint8")
    for code, rank in sorted(CED_RANK.items(), key=lambda item: item[1]):
        ced[(arrays["tactics"] & np.uint64(1 << TACTIC_BIT[code])) != 0] = rank
    arrays["ced"] = ced
    return {name: arrays[name] for name in BASE + [c.name for c in COLUMNS]}


def _positions(at: dict[int, int], ids: np.ndarray, dtype: str) -> np.ndarray:
    """Map database ids to list positions (0 for an id not in the list)."""
    ids = ids.astype(np.int64)
    lookup = np.zeros(max([0, *at]) + 2, dtype=np.int64)
    for pk, i in at.items():
        lookup[pk] = i
    inside = (ids >= 0) & (ids < len(lookup))
    return np.where(inside, lookup[np.where(inside, ids, 0)], 0).astype(dtype)


# --- the places and the watermark ----------------------------------------------------------------

def _places() -> tuple[list, list, list]:
    forces = list(Force.objects.order_by("name"))
    districts = [None, *District.objects.select_related("force").order_by("force__name", "name")]
    suites = [None, *CustodySuite.objects.select_related("force", "district").order_by("force__name", "name")]
    return forces, districts, suites


def _places_key(places: tuple) -> tuple:
    return tuple(tuple(tuple(getattr(obj, f.attname) for f in obj._meta.concrete_fields) for obj in group if obj)
                 for group in places)


EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _updated_since(since: dt.datetime) -> set:
    reports = {("r", pk, at) for pk, at in Report.objects.filter(updated_at__gte=since).values_list("pk", "updated_at")}
    incidents = {("i", pk, at) for pk, at in
                 Incident.objects.filter(updated_at__gte=since).values_list("pk", "updated_at")}
    return reports | incidents


def _watermark(places_key: tuple, reports: int, max_report: int, since: dt.datetime, seen: set) -> Watermark:
    newest = max((at for _, _, at in seen), default=since + LAG)
    since = max(since, newest - LAG)
    return Watermark(places_key, reports, max_report, since, frozenset(s for s in seen if s[2] >= since))


def _start_watermark(places_key: tuple) -> Watermark:
    counts = Report.objects.aggregate(n=Count("*"), top=Max("pk"))
    latest = [Report.objects.aggregate(at=Max("updated_at"))["at"],
              Incident.objects.aggregate(at=Max("updated_at"))["at"]]
    newest = max([at for at in latest if at is not None], default=None)
    since = newest - LAG if newest is not None else EPOCH
    return _watermark(places_key, counts["n"], counts["top"] or 0, since, _updated_since(since))


# --- building and refreshing ---------------------------------------------------------------------

def build() -> Store:
    """Read every counted report from the database into the analytical copy."""
    places = _places()
    # The watermark is taken before the rows are read: a change made meanwhile is read again later.
    watermark = _start_watermark(_places_key(places))
    arrays = _read(places)
    return Store(arrays, *places, watermark=watermark, encoding=encodings.build(arrays, *places[1:]))


def refresh(store: Store) -> Store:
    """The copy brought up to date: only the incidents changed since `store` was read are read again."""
    old = store.watermark
    places = _places()
    key = _places_key(places)
    if old is None or key != old.places:
        return build()
    counts = Report.objects.aggregate(n=Count("*"), top=Max("pk"))
    seen = _updated_since(old.since)
    inserted = list(Report.objects.filter(pk__gt=old.max_report).values_list("pk", "incident_id"))
    if counts["n"] != old.reports + len(inserted):
        return build()  # a report was removed from the database outright
    new = seen - old.seen
    if not new and not inserted:
        return store
    changed_reports = {pk for kind, pk, _ in new if kind == "r"} | {pk for pk, _ in inserted}
    incidents = {pk for kind, pk, _ in new if kind == "i"} | {incident for _, incident in inserted}
    incidents |= set(Report.objects.filter(pk__in=[pk for kind, pk, _ in new if kind == "r"])
                     .values_list("incident_id", flat=True))
    # A report moved to another incident leaves its old one too.
    moved = np.isin(store.arrays["report"], np.fromiter(changed_reports, np.int64, len(changed_reports)))
    incidents |= set(store.arrays["incident"][moved].tolist())
    watermark = _watermark(key, counts["n"], max(old.max_report, counts["top"] or 0), old.since, seen)
    arrays, keep, at, fresh = _patch(store.arrays, places, sorted(incidents))
    encoding = encodings.patched(store.encoded(), store.arrays, keep, at, fresh, len(store.suites))
    return Store(arrays, store.forces, store.districts, store.suites,
                 watermark=watermark, encoding=encoding)


def _patch(arrays: dict[str, np.ndarray], places: tuple, incidents: list[int]) -> tuple:
    """`arrays` with every row of these incidents read again from the database, in incident order;
    with the rows kept, where the fresh rows went among them (as `np.insert` puts them) and the fresh rows."""
    if not incidents:
        return arrays, np.ones(len(arrays["report"]), dtype=bool), np.zeros(0, np.int64), \
            {name: values[:0] for name, values in arrays.items()}
    ids = np.array(incidents, dtype=np.int64)
    fresh_parts = [_read(places, f"AND r.incident_id IN ({', '.join(['%s'] * len(batch))})", batch)
                   for batch in (incidents[i:i + IN_BATCH] for i in range(0, len(incidents), IN_BATCH))]
    fresh = {name: np.concatenate([p[name] for p in fresh_parts]) for name in arrays}
    order = np.lexsort((fresh["report"], fresh["incident"]))
    keep = ~np.isin(arrays["incident"], ids)
    at = np.searchsorted(arrays["incident"][keep], fresh["incident"][order])
    fresh = {name: values[order] for name, values in fresh.items()}
    return {name: np.insert(values[keep], at, fresh[name]) for name, values in arrays.items()}, keep, at, fresh


_CACHE: dict[str, Store] = {}


def current() -> Store:
    """The analytical copy, brought up to date with the database (incrementally once built)."""
    store = _CACHE.get("default")
    store = _CACHE["default"] = build() if store is None else refresh(store)
    return store
