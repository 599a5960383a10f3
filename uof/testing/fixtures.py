"""Fixtures: a small collaboration of forces with places and officers, and complete answers."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from uof.accounts.models import User
from uof.organisations.models import Collaboration, CustodySuite, District, Force
from uof.reports.fieldset import sample_answers

PASSWORD = "test-password-123"


@pytest.fixture
def org(db):
    """Cambridgeshire and Bedfordshire in one collaboration, each with districts and a custody suite."""
    bch = Collaboration.objects.create(slug="bch", name="Bedfordshire, Cambridgeshire and Hertfordshire")
    cambs = Force.objects.create(slug="cambridgeshire", name="Cambridgeshire", region="East", collaboration=bch)
    beds = Force.objects.create(slug="bedfordshire", name="Bedfordshire", region="East", collaboration=bch)
    peterborough = District.objects.create(force=cambs, code="peterborough", name="Peterborough")
    cambridge = District.objects.create(force=cambs, code="cambridge", name="Cambridge")
    closed = District.objects.create(force=cambs, code="old-area", name="Old Area", valid_to=dt.date(2019, 3, 31))
    luton = District.objects.create(force=beds, code="luton", name="Luton")
    thorpe = CustodySuite.objects.create(force=cambs, district=peterborough, code="thorpe-wood",
                                         name="Thorpe Wood custody")
    luton_custody = CustodySuite.objects.create(force=beds, district=luton, code="luton", name="Luton custody")

    def officer(username, force, collar, **extra):
        user = User.objects.create_user(username, password=PASSWORD, force=force, collar_number=collar,
                                        first_name=username.split(".")[0].title(), last_name="Test", **extra)
        return user

    from uof.access.models import Role, RoleAssignment

    def role(username, force, kind, districts=(), **extra):
        user = officer(username, force, "", **extra)
        assignment = RoleAssignment.objects.create(user=user, role=kind, force=force)
        assignment.districts.set(districts)
        return user

    return type("Org", (), {
        # Cambridgeshire: a supervisor of Peterborough, a force admin, an analyst, professional standards
        "sergeant": role("sergeant.cambs", cambs, Role.SUPERVISOR, [peterborough]),
        "cambs_admin": role("admin.cambs", cambs, Role.FORCE_ADMIN, is_staff=True),
        "analyst": role("analyst.cambs", cambs, Role.ANALYST),
        "standards": role("standards.cambs", cambs, Role.PROFESSIONAL_STANDARDS),
        "beds_sergeant": role("sergeant.beds", beds, Role.SUPERVISOR, [luton]),
        "cambs": cambs, "beds": beds, "peterborough": peterborough, "cambridge": cambridge, "closed": closed,
        "luton": luton, "thorpe": thorpe, "luton_custody": luton_custody,
        "alice": officer("alice.cambs", cambs, "1234"), "bob": officer("bob.cambs", cambs, "2345"),
        "carol": officer("carol.beds", beds, "1234"), "officer": officer,
    })


def recent_day() -> dt.date:
    return timezone.localdate() - dt.timedelta(days=3)


def complete_pages(org, day: dt.date | None = None) -> dict[str, dict]:
    """POST data for every question page of a complete, valid report (Cambridgeshire, Peterborough)."""
    day = day or recent_day()
    pages = {
        "incident": {"occurred_date-day": str(day.day), "occurred_date-month": str(day.month),
                     "occurred_date-year": str(day.year), "occurred_time": "22:15",
                     "district": str(org.peterborough.pk)},
        "perception": {"age_band": "18-34", "gender": "male", "ethnicity": "white",
                       "physical_condition": "no", "mental_condition": "yes"},
        "location": {"location_types": ["street", "custody_block"], "custody_suite": str(org.thorpe.pk)},
        "officer": {"main_duty": "response", "single_crewed": "no", "ced_trained": "yes", "ced_carried": "yes",
                    "bwv_references": "BWV-001\nBWV-002", "officers_present": "2345"},
        "conduct": {"primary_conduct": "active", "impact_factors": ["alcohol"], "reasons": ["effect_arrest"]},
        "injuries": {"officer_injured": "yes", "officer_injury_level": "minor", "officer_assaulted": "yes",
                     "officer_medical": "no", "subject_injured": "no", "subject_medical_offered": "yes",
                     "subject_medical_provided": "no"},
        "threats": {"spat_at": "yes", "threatened_with_weapon": "no", "assaulted_with_weapon": "no",
                    "public_order": "no"},
        "outcome": {"outcomes": ["arrested"]},
        "account": {"account": "Detained for assault; resisted handcuffing."},
    }
    # Any question not answered above gets its declared example (a question added to the form later).
    return {page: {**sample_answers(day, page), **answers} for page, answers in pages.items()}
