"""Each force's incident log number format: loaded from the configuration file, checked there."""
from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from uof.organisations.models import Force
from uof.organisations.services import ConfigError, load_organisations

from .test_load_organisations import EASTERN

pytestmark = pytest.mark.django_db


def load(tmp_path, **force) -> Force:
    path = tmp_path / "organisations.json"
    path.write_text(json.dumps({"forces": [{"slug": "kent", "name": "Kent", "region": "South East", **force}]}),
                    encoding="utf-8")
    load_organisations(path)
    return Force.objects.get(slug="kent")


def test_eastern_gives_each_force_an_example_that_fits_its_pattern_and_the_demo_references():
    load_organisations(EASTERN)
    from uof.reports.references import matches_format

    for force in Force.objects.all():
        assert force.cad_reference_example == "CC1-260412-000187", force.slug
        assert matches_format(force.cad_reference_example, force.cad_reference_pattern)
        assert matches_format("CC1-261130-900001", force.cad_reference_pattern)  # the demo generator's shape


def test_the_example_is_stored_as_references_are(tmp_path):
    assert load(tmp_path, cad_reference_example="kt\u2013 0001").cad_reference_example == "KT-0001"


def test_without_a_format_nothing_is_configured(tmp_path):
    force = load(tmp_path)
    assert (force.cad_reference_example, force.cad_reference_pattern) == ("", "")


@pytest.mark.parametrize("config, message", [
    ({"cad_reference_pattern": "KT(["}, "is not a regular expression"),
    ({"cad_reference_example": "KT-1", "cad_reference_pattern": r"KT\d+"}, "does not match the pattern"),
    ({"cad_reference_example": "K" * 41}, "40 characters or fewer"),
])
def test_a_bad_format_is_refused_with_the_reason(tmp_path, config, message):
    with pytest.raises(ConfigError, match=message):
        load(tmp_path, **config)
    assert not Force.objects.exists()


def test_the_admin_form_checks_the_format_too():
    force = Force(slug="kent", name="Kent", region="South East", cad_reference_example="KT-1",
                  cad_reference_pattern=r"KT\d+")
    with pytest.raises(ValidationError, match="does not match"):
        force.full_clean()
