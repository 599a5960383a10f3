import datetime as dt

import pytest

from uof.stats import store as stores
from uof.stats.denominators import DenominatorErrors, load
from uof.stats.models import Denominator
from uof.stats.periods import parse_period
from uof.stats.rates import katz
from uof.stats.service import statistics

from .builders import incidents_with_reports, officers

PERIOD = parse_period("2026/27-Q1")
CSV = """force,district,kind,ethnicity,period_from,period_to,value,source
cambridgeshire,,population,,,,1000,Census 2021
cambridgeshire,,population,white,,,800,Census 2021
cambridgeshire,,population,black,,,100,Census 2021
cambridgeshire,,arrests,,2026-04-01,2026-06-30,50,Custody records
"""


def test_katz_interval_matches_a_hand_calculation():
    ratio, low, high = katz(20, 100, 40, 800)  # rates 0.2 and 0.05: ratio 4
    assert ratio == 4.0
    assert (low, high) == (2.44, 6.56)  # exp(ln 4 ± 1.96·√(1/20 − 1/100 + 1/40 − 1/800)) = exp(1.386 ± 0.495)


def test_rates_and_ratios(org):
    load(CSV)
    stores._CACHE.clear()
    pool = officers(org.cambs, 6)  # one officer per report: six reports on one person
    day = PERIOD.start + dt.timedelta(days=1)
    incidents_with_reports(org.cambs, pool, day, [{"ethnicity": "white"}] * 4 + [{"ethnicity": "black"}] * 2,
                           district=org.peterborough)
    table = next(t for t in statistics([org.cambs], PERIOD)["tables"] if t.key == "rates")
    rows = {(r[0], r[1]): r for r in table.rows}
    assert rows[("All people", "per 1,000 residents")][4] == 6.0
    assert rows[("White", "per 1,000 residents")][4] == 5.0
    black = rows[("Black (or Black British)", "per 1,000 residents")]
    assert black[4] == 20.0 and black[5] == 4.0 and black[6] < 4.0 < black[7]
    assert rows[("All people", "per 100 arrests")][4] == 12.0
    assert any("self-defined" in n for n in table.notes) and any("Katz" in n for n in table.notes)
    assert any("No denominator has been loaded for" in n and "Asian" in n for n in table.notes)


def test_a_bad_file_loads_nothing_and_names_row_and_column(org):
    bad = CSV + "cambridgeshire,atlantis,population,,,,5,x\ncambridgeshire,,arrests,,2026-04-01,,7,x\n"
    with pytest.raises(DenominatorErrors) as error:
        load(bad)
    assert "row 6, column district: ‘atlantis’ is not a district of Cambridgeshire" in error.value.problems
    assert "row 7, column period_from: arrests need period_from and period_to" in error.value.problems
    assert not Denominator.objects.exists()


def test_loading_twice_replaces_values(org):
    load(CSV)
    load(CSV.replace(",1000,", ",2000,"))
    assert Denominator.objects.count() == 4
    assert Denominator.objects.get(kind="population", ethnicity="").value == 2000
