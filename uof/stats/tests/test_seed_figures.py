"""The figures the seed press release publishes, rebuilt from records and reproduced exactly.

Cambridgeshire, April to June: 1,234 reports; force used 580 times in Peterborough (451 on the
street plus 129 in Thorpe Wood custody), nearly 50 per cent of the force total; 220 in
Cambridge; 77 reports of minor injuries to the person and 1 severe; nearly a quarter perceived
to have a mental health condition; 5 aged 10 or under and 16 aged 65 or over; 80 per cent White;
76 per cent male; the officer injured in 7 per cent, spat at in 3 per cent and threatened with a
weapon in 3 per cent.
"""
import datetime as dt

import pytest

from uof.stats import store as stores
from uof.stats.periods import parse_period
from uof.stats.service import statistics

from .builders import incidents_with_reports, officers

PERIOD = parse_period("2026/27-Q1")
TOTAL = 1234


def _answers() -> list[dict]:
    """1,234 report answers with exactly the seed's proportions (assigned by position)."""
    rows = [{} for _ in range(TOTAL)]

    def mark(count, start, **answers):
        for row in rows[start:start + count]:
            row.update(answers)

    mark(77, 0, subject_injured="yes", subject_injury_level="minor")
    mark(1, 77, subject_injured="yes", subject_injury_level="severe")
    mark(290, 100, mental_condition="yes")                 # 23.5%: nearly a quarter
    mark(5, 400, age_band="0-10")
    mark(16, 405, age_band="65+")
    mark(247, 500, ethnicity="black")                      # 987 White = 80.0%
    mark(296, 800, gender="female")                        # 938 male = 76.0%
    mark(86, 0, officer_injured="yes", officer_injury_level="minor")   # 7.0%
    mark(37, 200, spat_at="yes")                           # 3.0%
    mark(37, 300, threatened_with_weapon="yes")            # 3.0%
    return rows


@pytest.fixture
def seed(org):
    stores._CACHE.clear()
    pool = officers(org.cambs, 4)
    answers = iter(_answers())
    fenland = org.cambs.districts.create(code="fenland", name="Fenland")
    plan = [(451, org.peterborough, None), (129, org.peterborough, org.thorpe), (220, org.cambridge, None),
            (TOTAL - 800, fenland, None)]
    day = PERIOD.start
    for count, district, suite in plan:
        for start in range(0, count, 2):  # incidents of two reports
            size = min(2, count - start)
            extra = {"custody_suite": suite, "location_types": ["custody_block"]} if suite else {}
            reports = [{**next(answers), **extra} for _ in range(size)]
            incidents_with_reports(org.cambs, pool, day, reports, district=district)
            day = PERIOD.start + dt.timedelta(days=(day - PERIOD.start).days + 1) if day < PERIOD.end else PERIOD.start
    # Outside the period, and drafts: never counted.
    incidents_with_reports(org.cambs, pool, PERIOD.end + dt.timedelta(days=1), [{}], district=org.peterborough)
    incidents_with_reports(org.cambs, pool, PERIOD.start, [{}], district=org.peterborough, status="draft")
    return statistics([org.cambs], PERIOD)


def _table(result, key):
    return next(t for t in result["tables"] if t.key == key)


def _row(table, *labels):
    return next(r for r in table.rows if tuple(r[:len(labels)]) == labels)


def test_reports_and_places(seed):
    assert _row(_table(seed, "summary"), "reports")[2] == 1234
    places = _table(seed, "places")
    assert places.unit == "report"
    assert _row(places, "Peterborough", "street (outside custody)")[2] == 451
    assert _row(places, "Peterborough", "Thorpe Wood custody")[2] == 129
    total = _row(places, "Peterborough", "district total")
    assert total[2] == 580 and total[4] == 47.0  # "nearly 50 per cent" of 1,234
    assert _row(places, "Cambridge", "district total")[2] == 220
    assert places.rows[0][0] == "Peterborough"  # largest first


def test_injuries_and_threats(seed):
    injuries = _table(seed, "injuries")
    assert _row(injuries, "Person injury: minor")[1] == 77
    assert _row(injuries, "Person injury: severe")[1] == 1
    assert _row(injuries, "Officer injured")[2] == 7.0
    assert _row(injuries, "Officer spat at")[2] == 3.0
    assert _row(injuries, "Officer threatened with a weapon")[2] == 3.0
    assert "1,234 reports" in injuries.denominator


def test_people(seed):
    health = _table(seed, "subjects_health")
    mental = _row(health, "Mental health condition")[2] + _row(health, "Physical and mental health conditions")[2]
    assert 20 <= mental < 25  # nearly a quarter (23.5%)
    age = _table(seed, "subjects_age_band")
    assert _row(age, "10 or under")[1] == 5 and _row(age, "65 or over")[1] == 16
    assert any("18 to 39" in note for note in age.notes)  # said plainly: not buildable from national bands
    assert _row(_table(seed, "subjects_ethnicity"), "White")[2] == 80.0
    assert _row(_table(seed, "subjects_gender"), "Male")[2] == 76.0


def test_incidents_and_caveat(seed):
    summary = _table(seed, "summary")
    # incidents of two reports; 451 and 129 are odd, so one single-report incident in each
    assert _row(summary, "incidents")[2] == 226 + 65 + 110 + 217 == 618
    assert any("recorded several times" in note for note in summary.notes)
    recording = _table(seed, "recording")
    assert _row(recording, "incidents with 1 report")[2] == 2
    assert _row(recording, "incidents with more than one report")[2:] == [616, 99.7]
