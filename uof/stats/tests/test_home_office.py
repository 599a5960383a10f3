"""The Home Office tables add up the way the published ones do."""
import datetime as dt

import pytest

from uof.stats import store as stores
from uof.stats.periods import parse_period
from uof.stats.service import statistics

from .builders import incidents_with_reports, officers

PERIOD = parse_period("2026/27-Q1")


@pytest.fixture
def tables(org):
    stores._CACHE.clear()
    pool = officers(org.cambs, 3)
    day = PERIOD.start + dt.timedelta(days=3)
    incidents_with_reports(org.cambs, pool, day, [
        {"_tactics": ["tactical_communication", "ced_drawn", "ced_aimed", "ced_fired"], "ethnicity": "black",
         "officer_injured": "yes", "officer_injury_level": "minor", "officer_assaulted": "yes"},
        {"_tactics": ["cs_used", "pava_used", "handcuffing_non_compliant"], "reasons": ["protect_self", "effect_arrest"]},
        {"_tactics": ["tactical_communication"], "subject_injured": "yes", "subject_injury_level": "severe"},
    ], district=org.peterborough)
    incidents_with_reports(org.cambs, pool, day, [{"_tactics": ["ced_drawn"], "ethnicity": "chinese"}],
                           district=org.cambridge)
    return {t.key: t for t in statistics([org.cambs], PERIOD)["tables"]}


def row(table, label):
    return next(r for r in table.rows if r[0] == label)


def test_table_1_counts_once_per_report_and_ced_at_its_highest(tables):
    t1 = tables["ho_table_1"]
    assert "report" in t1.unit and any("calls each report" in n for n in t1.notes)
    assert row(t1, "CED Fired")[1:] == [1, 1] and row(t1, "CED Drawn")[1:] == [1, 1]  # drawn→fired counts as fired
    assert row(t1, "CED Aimed")[1:] == [0, 0]
    assert row(t1, "Irritant spray - used")[1:] == [2, 1]  # CS and PAVA: 2 times, 1 report
    assert row(t1, "*Total Not reported")[2] == 1  # tactical communication alone is no use of force
    assert row(t1, "Tactical communication")[2] == 2
    groups = [r for r in t1.rows if r[0].startswith("*Total ") and r[0] not in (
        "*Total Tactics (excluding not reported and tactical communication)", "*Total Not reported")]
    total = row(t1, "*Total Tactics (excluding not reported and tactical communication)")
    assert total[1] == sum(r[1] for r in groups) == 5


def test_cross_tables_agree_with_table_1(tables):
    t1 = {r[0]: r for r in tables["ho_table_1"].rows}
    for key in ("ho_table_2", "ho_table_3", "ho_table_4", "ho_table_5"):
        table = tables[key]
        assert table.rows[0][-1] == 4  # every report in exactly one category
        assert sum(table.rows[0][1:-1]) == 4
        for r in table.rows[1:]:
            assert sum(r[1:-1]) == r[-1]
            if r[0] in t1 and not r[0].startswith("CED"):
                assert r[-1] == t1[r[0]][1]
    ethnicity = tables["ho_table_4"]
    assert row(ethnicity, "Total number of incidents involving group")[1:4] == [2, 1, 1]  # Chinese counts as Asian
    reasons = tables["ho_table_6"]
    assert row(reasons, "Total number of incidents involving group")[1] == 1  # protect self


def test_injury_tables(tables):
    t10 = tables["ho_table_10"]
    assert sum(r[2] for r in t10.rows) == 4
    yes_yes = [r for r in t10.rows if r[0] == "Yes" and r[1] == "Yes"][0]
    assert yes_yes[2:] == [1, 1, 0, 0]
    t11 = tables["ho_table_11"]
    assert row(t11, "Yes")[1:] == [1, 0, 1, 0, 0]
    assert sum(r[1] for r in t11.rows) == 4
    t13 = tables["ho_table_13"].rows[0]
    assert t13[1:] == [2, 1, 1, 0, 0, 0, 1, 0, 1, 0, 0]
