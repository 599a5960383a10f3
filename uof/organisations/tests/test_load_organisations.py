"""Loading forces, districts and custody suites from a configuration file."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from uof.organisations.models import Collaboration, CustodySuite, District, Force
from uof.organisations.services import ConfigError, load_organisations

EASTERN = Path(__file__).resolve().parents[2] / "demo" / "data" / "eastern.json"

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Everything loaded, keyed by natural keys, with primary keys (to see rows were updated, not added)."""
    return {
        "collaborations": sorted(Collaboration.objects.values_list("pk", "slug", "name")),
        "forces": sorted(Force.objects.values_list("pk", "slug", "name", "region", "collaboration__slug")),
        "districts": sorted(District.objects.values_list("pk", "force__slug", "code", "name", "valid_from",
                                                         "valid_to")),
        "suites": sorted(CustodySuite.objects.values_list("pk", "force__slug", "district__code", "code", "name",
                                                          "valid_from", "valid_to")),
    }


def write(tmp_path, config: dict) -> Path:
    path = tmp_path / "organisations.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def one_force(**district) -> dict:
    return {"forces": [{"slug": "kent", "name": "Kent", "region": "South East",
                        "districts": [{"code": "medway", "name": "Medway", **district}]}]}


def test_eastern_creates_three_forces_in_one_collaboration():
    counts = load_organisations(EASTERN)
    assert counts == {"collaborations": 1, "forces": 3, "districts": 19, "custody_suites": 8}
    bch = Collaboration.objects.get()
    assert bch.slug == "bch"
    assert sorted(Force.objects.values_list("slug", flat=True)) == ["bedfordshire", "cambridgeshire", "hertfordshire"]
    assert all(f.collaboration == bch and f.region == "East" for f in Force.objects.all())
    assert {f.slug: f.districts.count() for f in Force.objects.all()} == {
        "cambridgeshire": 6, "bedfordshire": 3, "hertfordshire": 10}
    assert {f.slug: f.custody_suites.count() for f in Force.objects.all()} == {
        "cambridgeshire": 3, "bedfordshire": 2, "hertfordshire": 3}
    assert District.objects.count() == 19 and CustodySuite.objects.count() == 8


def test_custody_suites_sit_in_a_district_of_their_own_force_with_their_dates():
    load_organisations(EASTERN)
    for suite in CustodySuite.objects.select_related("district"):
        assert suite.district.force_id == suite.force_id, suite.code
        suite.full_clean()
    parkside = CustodySuite.objects.get(code="parkside")
    assert parkside.district.code == "cambridge" and parkside.valid_to == dt.date(2019, 6, 30)
    assert parkside.is_effective_on(dt.date(2019, 6, 30)) and not parkside.is_effective_on(dt.date(2019, 7, 1))
    assert not CustodySuite.objects.effective_on(dt.date(2020, 1, 1)).filter(code="parkside").exists()
    thorpe = CustodySuite.objects.get(code="thorpe-wood")
    assert (thorpe.force.slug, thorpe.district.code, thorpe.valid_from, thorpe.valid_to) == (
        "cambridgeshire", "peterborough", None, None)


def test_loading_twice_changes_nothing():
    first = load_organisations(EASTERN)
    before = snapshot()
    assert load_organisations(EASTERN) == first
    assert snapshot() == before


def test_loading_again_updates_names_and_dates_in_place(tmp_path):
    load_organisations(EASTERN)
    before = District.objects.get(force__slug="cambridgeshire", code="fenland")
    config = json.loads(EASTERN.read_text())
    cambs = next(f for f in config["forces"] if f["slug"] == "cambridgeshire")
    fenland = next(d for d in cambs["districts"] if d["code"] == "fenland")
    fenland.update(name="Fenland (merged)", valid_to="2025-03-31")
    load_organisations(write(tmp_path, config))
    after = District.objects.get(force__slug="cambridgeshire", code="fenland")
    assert after.pk == before.pk
    assert (after.name, after.valid_to) == ("Fenland (merged)", dt.date(2025, 3, 31))
    assert District.objects.count() == 19


@pytest.mark.parametrize("district,message", [
    ({"valid_to": "2019-02-30"}, "force kent: '2019-02-30' is not a date (use YYYY-MM-DD)"),
    ({"valid_from": "31/03/2019"}, "'31/03/2019' is not a date"),
    ({"custody_suites": [{"code": "medway-custody", "name": "Medway custody", "valid_to": "soon"}]},
     "'soon' is not a date"),
])
def test_a_bad_date_is_a_config_error_and_nothing_is_loaded(tmp_path, district, message):
    with pytest.raises(ConfigError) as error:
        load_organisations(write(tmp_path, one_force(**district)))
    assert message in str(error.value)
    assert not Force.objects.exists() and not District.objects.exists()


def test_an_unknown_collaboration_is_a_config_error(tmp_path):
    config = one_force()
    config["forces"][0]["collaboration"] = "nowhere"
    with pytest.raises(ConfigError, match="force kent: unknown collaboration 'nowhere'"):
        load_organisations(write(tmp_path, config))
    assert not Force.objects.exists()


def test_unreadable_files_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="missing.json"):
        load_organisations(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"forces": [', encoding="utf-8")
    with pytest.raises(ConfigError, match="broken.json"):
        load_organisations(broken)


def test_blank_dates_mean_open_ended(tmp_path):
    load_organisations(write(tmp_path, one_force(valid_from="", valid_to=None)))
    medway = District.objects.get(code="medway")
    assert (medway.valid_from, medway.valid_to, medway.force.collaboration) == (None, None, None)


def test_command_loads_the_file_and_reports_config_errors(tmp_path, capsys):
    call_command("load_organisations", str(EASTERN))
    assert "1 collaborations, 3 forces, 19 districts, 8 custody suites" in capsys.readouterr().out
    with pytest.raises(CommandError, match="is not a date"):
        call_command("load_organisations", str(write(tmp_path, one_force(valid_to="2019-13-01"))))
    assert Force.objects.count() == 3


def test_a_missing_name_is_a_config_error(tmp_path):
    config = one_force()
    del config["forces"][0]["districts"][0]["name"]
    with pytest.raises(ConfigError, match="name"):
        load_organisations(write(tmp_path, config))
