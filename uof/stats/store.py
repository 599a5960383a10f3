"""The analytical copy: one row per counted report, a few bytes per answer, sorted by incident.

Counted means submitted and not deleted (awaiting review, returned or approved); drafts never
count. Every answer is a small integer code (codes.py) and every multi-select a bitmask, so
each table is a handful of vectorised counts over contiguous arrays.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Max

from uof.organisations.models import CustodySuite, District, Force
from uof.reports.models import Report, TacticUse
from uof.reports.tactics import TACTICS

from .codes import COLUMNS, TACTIC_BIT

COUNTED = ("submitted", "returned", "approved")
STATUS_CODES = {"submitted": 1, "returned": 2, "approved": 3}
CED_RANK = {o.code: o.extra["ced_rank"] for o in TACTICS.options if "ced_rank" in o.extra}
BASE = ["report", "incident", "subject", "force", "district", "suite", "day", "status", "tactics", "ced"]


@dataclass
class Store:
    arrays: dict[str, np.ndarray]
    forces: list[Force]
    districts: list[District]  # index 0 is "no district"
    suites: list[CustodySuite]  # index 0 is "not in custody"
    stamp: tuple = ()
    built_at: dt.datetime | None = None
    _force_index: dict = field(default_factory=dict, repr=False)

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


def current_stamp() -> tuple:
    """Changes whenever a counted report could have changed: the cheap freshness check."""
    latest = Report.objects.aggregate(r=Max("updated_at"), i=Max("incident__updated_at"))
    return (Report.objects.count(), latest["r"], latest["i"])


def build() -> Store:
    """Read every counted report from the database into the analytical copy."""
    stamp = current_stamp()
    forces = list(Force.objects.order_by("name"))
    force_at = {f.pk: i for i, f in enumerate(forces)}
    districts = [None, *District.objects.select_related("force").order_by("force__name", "name")]
    district_at = {d.pk: i for i, d in enumerate(districts) if d is not None}
    suites = [None, *CustodySuite.objects.select_related("force", "district").order_by("force__name", "name")]
    suite_at = {s.pk: i for i, s in enumerate(suites) if s is not None}

    tactics: dict[int, int] = {}
    ced: dict[int, int] = {}
    for report_id, code in (TacticUse.objects.filter(report__status__in=COUNTED, report__deleted_at__isnull=True)
                            .values_list("report_id", "tactic").iterator(chunk_size=50_000)):
        bit = TACTIC_BIT.get(code)
        if bit is not None:
            tactics[report_id] = tactics.get(report_id, 0) | (1 << bit)
        rank = CED_RANK.get(code)
        if rank and rank > ced.get(report_id, 0):
            ced[report_id] = rank

    names = [c.name for c in COLUMNS]
    rows = (Report.objects.filter(status__in=COUNTED, deleted_at__isnull=True)
            .order_by("incident_id", "pk")
            .values_list("pk", "incident_id", "subject_id", "incident__force_id", "incident__district_id",
                         "custody_suite_id", "incident__occurred_date", "status", *names)
            .iterator(chunk_size=50_000))
    base = {name: [] for name in BASE}
    answers = {name: [] for name in names}
    coders = [(c.name, c.code) for c in COLUMNS]
    for row in rows:
        report_id = row[0]
        base["report"].append(report_id)
        base["incident"].append(row[1])
        base["subject"].append(row[2] or 0)
        base["force"].append(force_at[row[3]])
        base["district"].append(district_at.get(row[4], 0))
        base["suite"].append(suite_at.get(row[5], 0))
        base["day"].append(row[6].toordinal() if row[6] else 0)
        base["status"].append(STATUS_CODES[row[7]])
        base["tactics"].append(tactics.get(report_id, 0))
        base["ced"].append(ced.get(report_id, 0))
        for (name, code), value in zip(coders, row[8:]):
            answers[name].append(code(value))
    dtypes = {"report": "int64", "incident": "int64", "subject": "int64", "force": "uint8", "district": "uint16",
              "suite": "uint16", "day": "int32", "status": "uint8", "tactics": "uint64", "ced": "uint8"}
    arrays = {name: np.asarray(values, dtype=dtypes[name]) for name, values in base.items()}
    arrays.update({c.name: np.asarray(answers[c.name], dtype=c.dtype) for c in COLUMNS})
    from django.utils import timezone

    return Store(arrays, forces, districts, suites, stamp=stamp, built_at=timezone.now())


_CACHE: dict[str, Store] = {}


def current() -> Store:
    """The analytical copy, rebuilt when the database has changed since it was built."""
    stamp = current_stamp()
    store = _CACHE.get("default")
    if store is None or store.stamp != stamp:
        store = _CACHE["default"] = build()
    return store
