"""The analytical copy: build() equals a plain per-row reading, and current() follows every change
(submitted, approved, changed, deleted, new) by patching, without reading everything again."""
import datetime as dt

import numpy as np
import pytest
from django.utils import timezone

from uof.organisations.models import District, Force
from uof.reports import workflow
from uof.reports.models import Report, TacticUse
from uof.review import services as review
from uof.stats import store as stores
from uof.stats.codes import COLUMNS, TACTIC_BIT

from .builders import incidents_with_reports, officers

DAY = dt.date(2026, 5, 12)


def reference() -> dict[str, np.ndarray]:
    """The copy computed the obvious way: one report at a time through the ORM."""
    forces = list(Force.objects.order_by("name"))
    districts = [None, *District.objects.order_by("force__name", "name")]
    suites = [None, *stores.CustodySuite.objects.order_by("force__name", "name")]
    out = {name: [] for name in stores.BASE + [c.name for c in COLUMNS]}
    for report in (Report.objects.filter(status__in=stores.COUNTED, deleted_at__isnull=True)
                   .select_related("incident").order_by("incident_id", "pk")):
        incident = report.incident
        codes = list(report.tactics.values_list("tactic", flat=True))
        bits = 0
        for code in codes:
            if code in TACTIC_BIT:
                bits |= 1 << TACTIC_BIT[code]
        out["report"].append(report.pk)
        out["incident"].append(incident.pk)
        out["subject"].append(report.subject_id or 0)
        out["force"].append([f.pk for f in forces].index(incident.force_id))
        out["district"].append(next((i for i, d in enumerate(districts) if d and d.pk == incident.district_id), 0))
        out["suite"].append(next((i for i, s in enumerate(suites) if s and s.pk == report.custody_suite_id), 0))
        out["day"].append(incident.occurred_date.toordinal() if incident.occurred_date else 0)
        out["status"].append(stores.STATUS_CODES[report.status])
        out["tactics"].append(bits)
        out["ced"].append(max([stores.CED_RANK.get(c, 0) for c in codes], default=0))
        for column in COLUMNS:
            out[column.name].append(column.code(getattr(report, column.name)))
    dtypes = {**stores.DTYPES, **{c.name: c.dtype for c in COLUMNS}}
    return {name: np.array(values, dtype=dtypes[name]) for name, values in out.items()}


def assert_same(store, expected=None):
    expected = reference() if expected is None else expected
    assert set(store.arrays) == set(expected)
    for name, values in expected.items():
        assert store.arrays[name].dtype == values.dtype, name
        assert store.arrays[name].tolist() == values.tolist(), name


@pytest.fixture
def data(org):
    """Reports of every kind: statuses, deleted, custody, no district or date, CED levels, an odd
    multi-select code written past Report.save (the database refuses unknown tactic codes)."""
    pool = officers(org.cambs, 4)
    beds_pool = officers(org.beds, 3)
    incidents_with_reports(org.cambs, pool, DAY, [
        {"gender": "female", "ethnicity": "black", "reasons": ["protect_self", "prevent_harm"],
         "_tactics": ["tactical_communication", "ced_drawn", "ced_aimed", "ced_fired"]},
        {"age_band": "", "location_types": ["custody_block", "street"], "custody_suite": org.thorpe,
         "_tactics": ["handcuffing_compliant", "pava_used"]},
        {"subject_injured": "yes", "subject_injury_level": "severe", "outcomes": ["arrested", "hospitalised"],
         "impact_factors": ["alcohol", "drugs", "not-a-code"], "_tactics": []},
    ], district=org.peterborough)
    incidents_with_reports(org.cambs, pool, DAY - dt.timedelta(days=40), [{"ethnicity": "chinese"}],
                           district=org.cambridge, status="submitted")
    incidents_with_reports(org.cambs, pool, DAY, [{"spat_at": "yes"}, {"mental_condition": "yes"}], status="returned")
    incidents_with_reports(org.cambs, pool, DAY, [{"gender": "other"}], district=org.cambridge, status="draft")
    gone = incidents_with_reports(org.beds, beds_pool, DAY, [{}, {"_tactics": ["ced_drawn", "ced_arced"]}],
                                  district=org.luton)
    Report.objects.filter(pk=gone.reports.order_by("pk").first().pk).update(deleted_at=timezone.now())
    undated = incidents_with_reports(org.beds, beds_pool, DAY, [{"custody_suite": org.luton_custody}])
    undated.occurred_date = None
    undated.save()
    return type("Data", (), {"pool": pool, "beds_pool": beds_pool})


def test_build_equals_a_per_row_reading(data):
    store = stores.build()
    assert len(store) == 8
    assert_same(store)
    assert store.arrays["incident"].tolist() == sorted(store.arrays["incident"].tolist())


def test_build_of_an_empty_database(db):
    store = stores.build()
    assert len(store) == 0
    assert_same(store)


@pytest.fixture
def counted_builds(monkeypatch):
    """current() from a fresh cache, counting the full builds it does."""
    stores._CACHE.clear()
    calls = []
    real = stores.build

    def counting():
        calls.append(1)
        return real()

    monkeypatch.setattr(stores, "build", counting)
    yield calls
    stores._CACHE.clear()


def test_current_follows_each_change_without_a_full_build(org, data, counted_builds):
    store = stores.current()
    assert counted_builds == [1]
    assert stores.current() is store  # nothing changed: the same copy

    draft = Report.objects.get(status="draft")
    workflow.transition(draft, "submit", draft.officer)
    store = stores.current()
    row = np.flatnonzero(store["report"] == draft.pk)
    assert len(row) == 1 and store["status"][row[0]] == 1
    assert_same(store)

    workflow.transition(draft, "approve", org.sergeant)
    store = stores.current()
    assert store["status"][np.flatnonzero(store["report"] == draft.pk)[0]] == 3
    assert_same(store)

    incident = draft.incident
    incident.occurred_date = DAY + dt.timedelta(days=30)
    incident.save()
    store = stores.current()
    assert store["day"][np.flatnonzero(store["report"] == draft.pk)[0]] == incident.occurred_date.toordinal()
    assert_same(store)

    # A changed answer and a new tactic, as the form's editing() records them (updated_at moves).
    Report.objects.filter(pk=draft.pk).update(gender="female", updated_at=timezone.now())
    TacticUse.objects.create(report=draft, position=9, tactic="ced_fired", effective="yes")
    Report.objects.filter(pk=draft.pk).update(updated_at=timezone.now())
    store = stores.current()
    assert store["ced"][np.flatnonzero(store["report"] == draft.pk)[0]] == 7
    assert_same(store)

    review.soft_delete(draft, org.cambs_admin, "Entered twice")
    store = stores.current()
    assert draft.pk not in store["report"].tolist()
    assert_same(store)

    # New incidents with reports, before and after the others in incident order.
    incidents_with_reports(org.beds, data.beds_pool, DAY, [{"gender": "female"}, {}], district=org.luton)
    incidents_with_reports(org.cambs, data.pool, DAY, [{}], district=org.peterborough, status="submitted")
    store = stores.current()
    assert_same(store)
    assert counted_builds == [1]


def test_current_rebuilds_when_places_change_or_a_report_is_removed(org, data, counted_builds):
    stores.current()
    District.objects.create(force=org.cambs, code="fenland", name="Fenland")
    assert_same(stores.current())
    assert len(counted_builds) == 2
    [report] = Report.objects.filter(status="returned", spat_at="yes")
    report.tactics.all().delete()
    report.delete()
    assert_same(stores.current())
    assert len(counted_builds) == 3


def test_a_change_committed_late_is_still_seen(org, data, counted_builds):
    """A write stamped before the newest one seen (a slow transaction) is picked up all the same."""
    stores.current()
    report = Report.objects.get(status="submitted")
    earlier = timezone.now() - dt.timedelta(seconds=30)
    Report.objects.filter(pk=report.pk).update(status="approved", updated_at=earlier)
    store = stores.current()
    assert store["status"][np.flatnonzero(store["report"] == report.pk)[0]] == 3
    assert_same(store)
    assert counted_builds == [1]


def test_large_database_ids_map_to_the_right_force(org):
    """Ids above 255 must not wrap when narrowed to the one-byte force position (PostgreSQL
    sequences keep growing, so real databases have large ids)."""
    from .builders import incidents_with_reports, officers

    big = Force.objects.create(pk=70_000, slug="zz-large", name="Zz Large", region="East")
    district = District.objects.create(pk=90_000, force=big, code="far", name="Far")
    incidents_with_reports(big, officers(big, 2), dt.date(2026, 4, 5), [{}, {}], district=district)
    store = stores.build()
    rows = store.select(["zz-large"])
    assert rows.sum() == 2
    assert {store.districts[d].name for d in store.arrays["district"][rows]} == {"Far"}
