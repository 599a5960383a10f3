"""A reference typed another way is the same reference: case, Unicode compatibility forms (NFKC),
invisible characters, hyphen and space variants all join the same incident."""
from __future__ import annotations

import unicodedata

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from uof.reports.models import Incident, Report

from .helpers import (
    assert_error_page,
    error_summary,
    fast_passwords,  # noqa: F401  (autouse: cheap password hashing)
    fresh,
    login,
    post_page,
    start_report,
)

REF = "CC1-261130-900001"

# Characters an officer's phone, a copied e-mail or a pasted PDF can put into a reference.
HYPHENS = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe63", "\uff0d",
           "\u2043", "\u02d7", "\u207b", "\u208b", "\ufe58"]
SPACES = [" ", "\u00a0", "\u2007", "\u202f", "\u3000", "\u2009", "\t"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u200f", "\u180e",
             "\u034f", "\ufe0f"]


def full_width(ch: str) -> str:
    """The full-width form of an ASCII letter or digit (what a Japanese or Chinese keyboard types)."""
    return chr(ord(ch) - 0x21 + 0xFF01) if "!" <= ch <= "~" else ch


@st.composite
def variants(draw, reference: str = REF) -> str:
    """`reference` as someone might type or paste it: every change below must not matter."""
    out = []
    for ch in reference:
        if ch == "-":
            out.append(draw(st.sampled_from(HYPHENS + SPACES + [" - ", "  ", "\u00a0-\u00a0"])))
        else:
            if ch.isalpha() and draw(st.booleans()):
                ch = ch.lower()
            if draw(st.integers(0, 3)) == 0:
                ch = full_width(ch)
            out.append(ch)
        if draw(st.integers(0, 5)) == 0:
            out.append(draw(st.sampled_from(INVISIBLE)))
    lead = draw(st.sampled_from(["", " ", "\u00a0", "\u200b", "\ufeff"]))
    trail = draw(st.sampled_from(["", " ", "\u00a0", "\u200b", "\n"]))
    return lead + "".join(out) + trail


@pytest.fixture
def existing(client, org):
    """Alice's draft on the incident CC1-261130-900001; Bob is signed in afterwards."""
    login(client, org.alice)
    report = start_report(client, REF)
    client.logout()
    login(client, org.bob)
    return report


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=variants())
@example(typed="cc1-261130-900001")
@example(typed="CC1\u2010261130\u2010900001")
@example(typed="ＣＣ１-２６１１３０-９００００１")
@example(typed="CC1-2611\u200b30-900001")
@example(typed="CC1 261130 900001")
def test_variants_of_a_reference_join_the_same_incident(client, org, existing, typed):
    with transaction.atomic():
        response = client.post(reverse("reports:new"), {"force": "cambridgeshire", "cad_reference": typed})
        assert response.status_code == 302, (typed, error_summary(response))
        report = Report.objects.latest("pk")
        assert report.officer == org.bob and report.incident_id == existing.incident_id, ascii(typed)
        assert Incident.objects.count() == 1
        transaction.set_rollback(True)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(typed=variants())
def test_a_variant_posted_back_on_the_draft_changes_nothing(client, org, existing, typed):
    """Alice's own references page, re-posted with the reference typed differently: no error, no change."""
    with transaction.atomic():
        client.logout()
        login(client, org.alice)
        response = post_page(client, existing, "references", {"force": "cambridgeshire", "cad_reference": typed})
        assert response.status_code == 302, (ascii(typed), error_summary(response))
        assert fresh(existing).incident.cad_reference == REF
        transaction.set_rollback(True)


def test_a_new_incident_stores_the_normalised_reference(client, org):
    login(client, org.alice)
    report = start_report(client, "\u200bｃｃ１\u2013261130\u00a0900001 ")
    assert fresh(report).incident.cad_reference == REF
    other = start_report(client, "", crime_reference="cf\u2011012345/26")
    assert fresh(other).incident.crime_reference == "CF-012345/26"


def test_a_variant_of_another_incidents_reference_is_refused_on_a_draft(client, org, existing):
    mine = start_report(client, "", crime_reference="CR-2")
    response = post_page(client, mine, "references", {"force": "cambridgeshire", "cad_reference": "cc1–261130–900001",
                                                      "crime_reference": "CR-2"})
    assert_error_page(response, f"{REF} belongs to another incident")
    assert fresh(mine).incident.cad_reference == ""


def test_a_reference_of_invisible_characters_only_is_no_reference(client, org):
    login(client, org.alice)
    response = client.post(reverse("reports:new"), {"force": "cambridgeshire", "cad_reference": "\u200b\u2060 "})
    assert_error_page(response, "Enter at least one reference")
    assert not Report.objects.exists()


def test_the_length_limit_applies_to_the_normalised_reference(client, org):
    login(client, org.alice)
    # U+FDFA is one character that NFKC spells out in 18: the stored value would not fit 40 characters.
    response = client.post(reverse("reports:new"), {"force": "cambridgeshire", "cad_reference": "\ufdfa" * 3})
    assert_error_page(response, "40 characters or fewer")
    assert not Report.objects.exists()


# --- the function itself --------------------------------------------------------------------------

@pytest.mark.parametrize("typed, stored", [
    ("cc1-261130-900001", REF),
    ("ＣＣ１－２６１１３０－９００００１", REF),
    ("CC1\u2212261130\u2014900001", REF),
    ("\ufeffCC1-2611\u200d30-900001\u200b", REF),
    ("CC1 261130 900001", REF),
    ("CC1\u00a0261130\u202f900001", REF),
    ("CC1 - 261130 -- 900001", REF),
    (" -CC1-261130-900001- ", REF),
    ("cf 012345 / 26", "CF-012345/26"),
    ("32/ABC/1234", "32/ABC/1234"),
    ("", ""),
    ("\u200b \u00a0", ""),
    ("straße", "STRASSE"),
])
def test_normalise_reference(typed, stored):
    from uof.reports.references import normalise_reference

    assert normalise_reference(typed) == stored


@given(st.text(max_size=30))
def test_normalising_twice_changes_nothing_and_leaves_no_invisible_or_odd_characters(text):
    from uof.reports.references import normalise_reference

    once = normalise_reference(text)
    assert normalise_reference(once) == once
    assert once == once.strip(" -")
    assert "--" not in once
    for ch in once:
        assert unicodedata.category(ch) not in ("Cf", "Cc", "Zs", "Zl", "Zp", "Pd") or ch == "-", ascii(ch)
    assert once == unicodedata.normalize("NFKC", once)


@given(typed=variants())
def test_every_variant_normalises_to_the_reference(typed):
    from uof.reports.references import normalise_reference

    assert normalise_reference(typed) == REF, ascii(typed)


@given(st.text(alphabet="AB1-/", min_size=1, max_size=8), st.text(alphabet="AB1-/", min_size=1, max_size=8))
def test_two_references_that_differ_by_more_than_separators_stay_apart(a, b):
    """Normalising never joins references that differ in their letters or digits (no false joins)."""
    from uof.reports.references import normalise_reference

    assume([c for c in a if c.isalnum()] != [c for c in b if c.isalnum()])
    assert normalise_reference(a) != normalise_reference(b)


def test_the_admin_stores_the_normalised_reference_and_refuses_a_variant_of_another(org, existing):
    from uof.reports.admin import IncidentForm

    other = Incident.objects.create(force=org.cambs, created_by=org.alice, crime_reference="CR-2")
    data = {"force": org.cambs.pk, "created_by": org.alice.pk, "cad_reference": "", "custody_reference": "",
            "crime_reference": "cr\u2013\u200b2 "}
    form = IncidentForm(data, instance=other)
    assert form.is_valid(), form.errors
    assert form.save().crime_reference == "CR-2"
    clash = IncidentForm({**data, "cad_reference": "cc1 261130 900001"}, instance=other)
    assert not clash.is_valid()
    assert "incident_cad_reference_unique_in_force" in str(clash.errors)  # the database rule, for an admin
