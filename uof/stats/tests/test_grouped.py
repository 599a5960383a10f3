"""Every table for many forces at once (one grouped selection) equals each force's own selection,
and its national total equals a selection of every force; the copy's combination codes and
first-row flags, patched by a refresh, equal those of a full build."""
import datetime as dt
from dataclasses import asdict

import numpy as np
from django.db import IntegrityError, transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uof.organisations.models import Force
from uof.reports.models import Report, Subject
from uof.stats import encoding as encodings
from uof.stats import store as stores
from uof.stats.catalogue import every_table, tables_by_force, tables_by_group
from uof.stats.tables import Selection

from .builders import incidents_with_reports, officers
from .test_store import counted_builds  # noqa: F401  (a fixture)

START, END = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
TACTICS = ["tactical_communication", "handcuffing_compliant", "unarmed_skills", "cs_used", "pava_used", "ced_drawn",
           "ced_aimed", "ced_red_dot", "ced_drive_stun", "ced_fired", "baton_used", "spit_guard", "dog_bite"]
report_answers = st.fixed_dictionaries({
    "gender": st.sampled_from(["male", "female", "other", ""]),
    "ethnicity": st.sampled_from(["white", "black", "chinese", "mixed", ""]),
    "age_band": st.sampled_from(["0-10", "18-34", "65+", ""]),
    "mental_condition": st.sampled_from(["yes", "no", ""]),
    "physical_condition": st.sampled_from(["yes", "no"]),
    "officer_injured": st.sampled_from(["yes", "no"]),
    "subject_injured": st.sampled_from(["yes", "no", "unknown"]),
    "spat_at": st.sampled_from(["yes", "no"]),
    "reasons": st.lists(st.sampled_from(["protect_self", "effect_search", "effect_stop_search", "prevent_harm"]),
                        unique=True, max_size=3),
    "impact_factors": st.lists(st.sampled_from(["alcohol", "drugs", "crowd"]), unique=True, max_size=2),
    "outcomes": st.lists(st.sampled_from(["arrested", "no_further_action", "other"]), unique=True, max_size=2),
    "location_types": st.lists(st.sampled_from(["street", "retail", "custody_block", "hospital"]), unique=True,
                               max_size=2),
    "_tactics": st.lists(st.sampled_from(TACTICS), unique=True, max_size=4),
    "_custody": st.booleans(),
    "_subject": st.sampled_from(["same", "same", "same", "second", "none", "earlier"]),
})
incident_plans = st.lists(st.tuples(
    st.sampled_from(["cambridgeshire", "bedfordshire"]), st.integers(-20, 110), st.booleans(),
    st.sampled_from(["approved", "approved", "submitted", "returned", "draft"]),
    st.lists(report_answers, min_size=1, max_size=4)), min_size=0, max_size=10)


def make(org, plans) -> None:
    """The planned incidents; some reports on a second subject, none, or an earlier incident's subject."""
    Force.objects.get_or_create(slug="hertfordshire", defaults={"name": "Hertfordshire", "region": "East"})
    pools = {org.cambs: officers(org.cambs, 4), org.beds: officers(org.beds, 4)}
    earlier = []
    for slug, offset, has_district, status, reports in plans:
        force = org.cambs if slug == "cambridgeshire" else org.beds
        district = (org.peterborough if force == org.cambs else org.luton) if has_district else None
        suite = org.thorpe if force == org.cambs else org.luton_custody
        subjects = []
        for answers in reports:
            if answers.pop("_custody"):
                answers["custody_suite"] = suite
            if answers["subject_injured"] == "yes":
                answers["subject_injury_level"] = "minor"
            if answers["officer_injured"] == "yes":
                answers["officer_injury_level"] = "severe"
            subjects.append(answers.pop("_subject"))
        incident = incidents_with_reports(force, pools[force], START + dt.timedelta(days=offset), reports,
                                          district=district, status=status)
        second = None
        for report, subject in zip(incident.reports.order_by("pk"), subjects):
            if subject == "second":
                second = second or Subject.objects.create(incident=incident, number=2)
                Report.objects.filter(pk=report.pk).update(subject=second)
            elif subject == "none":
                Report.objects.filter(pk=report.pk).update(subject=None)
            elif subject == "earlier" and earlier:
                try:
                    with transaction.atomic():  # one report per officer per subject: skip if taken
                        Report.objects.filter(pk=report.pk).update(subject=earlier[-1])
                except IntegrityError:
                    pass
        earlier.append(incident.subjects.first())


def dicts(tables) -> list[dict]:
    return [asdict(t) for t in tables]


def check_grouped(store) -> None:
    grouped = tables_by_force(store, START, END)
    assert set(grouped) == {f.slug for f in store.forces} | {"all"}
    for force in store.forces:
        alone = every_table(Selection(store, store.select([force.slug], START, END)))
        assert dicts(grouped[force.slug]) == dicts(alone), force.slug
    assert dicts(grouped["all"]) == dicts(every_table(Selection(store, store.select(None, START, END))))
    # Counting without the copy's first-row flags (as for a selection that splits incidents) agrees.
    mask = store.select(None, START, END)
    exact = Selection(store, mask, group=store.arrays["force"], groups=len(store.forces), total=True, exact=True)
    assert [dicts(t) for t in tables_by_group(exact)] == [dicts(grouped[f.slug]) for f in store.forces] + [
        dicts(grouped["all"])]


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(plans=incident_plans)
def test_every_force_at_once_equals_each_force_alone(org, plans):
    with transaction.atomic():
        make(org, plans)
        check_grouped(stores.build())
        transaction.set_rollback(True)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(plans=incident_plans, picks=st.lists(st.booleans(), min_size=60, max_size=60))
def test_a_selection_that_splits_incidents(org, plans, picks):
    """Rows picked one by one (an incident partly in): grouped counts still equal each group's own."""
    with transaction.atomic():
        make(org, plans)
        store = stores.build()
        mask = np.resize(np.array(picks), len(store)) if len(store) else np.zeros(0, bool)
        grouped = tables_by_group(Selection(store, mask, group=store.arrays["force"], groups=len(store.forces),
                                            total=True))
        for i, force in enumerate(store.forces):
            alone = every_table(Selection(store, mask & (store.arrays["force"] == i)))
            assert dicts(grouped[i]) == dicts(alone), force.slug
        assert dicts(grouped[-1]) == dicts(every_table(Selection(store, mask)))
        transaction.set_rollback(True)


def assert_same_encoding(store) -> None:
    """The store's (patched) encoding says what a fresh encoding of its arrays says."""
    mine = store.encoded()
    fresh = encodings.build(store.arrays, store.districts, store.suites)
    for name, columns in encodings.COMBINATIONS.items():
        for column in columns:
            decoded = mine.dictionaries[name].values[column][mine.codes[name]]
            assert decoded.tolist() == store.arrays[column].tolist(), (name, column)
    assert mine.codes["place"].tolist() == fresh.codes["place"].tolist()
    assert (mine.local, mine.unassigned) == (fresh.local, fresh.unassigned)


def test_refresh_appends_new_combinations(org, counted_builds):  # noqa: F811
    pool = officers(org.cambs, 4)
    day = START + dt.timedelta(days=5)
    incidents_with_reports(org.cambs, pool, day, [{}, {"reasons": ["protect_self"]}], district=org.peterborough)
    first = stores.current()
    sizes = {name: len(d) for name, d in first.encoded().dictionaries.items()}

    # New tactic, reason, outcome and answers combinations, a report without a subject, and one on
    # another incident's subject (a subject spanning incidents).
    made = incidents_with_reports(org.cambs, pool, day, [
        {"_tactics": ["dog_bite", "ced_drive_stun", "baton_used"], "reasons": ["method_of_entry", "other"],
         "outcomes": ["fatality"], "spat_at": "yes", "custody_suite": org.thorpe},
        {"_tactics": ["spit_guard"], "location_types": ["hospital", "ambulance"]}], district=org.cambridge)
    lone = incidents_with_reports(org.cambs, pool, day - dt.timedelta(days=1), [{"gender": "female"}], district=None)
    store = stores.current()
    assert counted_builds == [1]  # patched in, not rebuilt
    encoding = store.encoded()
    assert len(encoding.dictionaries["tactics"]) == sizes["tactics"] + 2
    assert len(encoding.dictionaries["reasons"]) == sizes["reasons"] + 1
    assert len(encoding.dictionaries["outcomes"]) == sizes["outcomes"] + 1
    assert len(encoding.dictionaries["answers"]) == sizes["answers"] + 1
    # The first copy's dictionaries are as they were (a copy in use never changes).
    assert {name: len(d) for name, d in first.encoded().dictionaries.items()} == sizes
    assert_same_encoding(store)
    assert encoding.local and not encoding.unassigned

    [report] = made.reports.filter(spat_at="yes")
    Report.objects.filter(pk=report.pk).update(subject=None, updated_at=timezone.now())
    store = stores.current()
    assert store.encoded().unassigned == 1
    assert_same_encoding(store)
    other = made.reports.exclude(pk=report.pk).get()
    elsewhere = lone.subjects.get()  # only the first officer's report is on it
    Report.objects.filter(pk=other.pk).update(subject=elsewhere, updated_at=timezone.now())
    store = stores.current()
    assert not store.encoded().local
    assert_same_encoding(store)
    assert counted_builds == [1]
    check_grouped(store)
    rebuilt = stores.build()
    mask = store.select(None, START, END)
    assert dicts(every_table(Selection(store, mask))) == dicts(every_table(Selection(rebuilt, mask)))
