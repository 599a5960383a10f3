"""The demo-data command: realistic, valid, reproducible synthetic reports."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import timezone

from uof.demo.generator import Generator, Plan
from uof.demo.management.commands.demo_data import last_full_quarter
from uof.organisations.models import Force
from uof.reports.completeness import report_problems
from uof.reports.fieldset import report_fields
from uof.reports.models import Incident, Report, Subject, TacticUse
from uof.reports.tactics import TACTICS

EASTERN = Path(__file__).resolve().parents[1] / "data" / "eastern.json"
START, END = dt.date(2025, 4, 1), dt.date(2025, 6, 30)
ANSWERS = [f.name for f in report_fields()]

pytestmark = pytest.mark.django_db


@pytest.fixture
def forces(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_organisations", str(EASTERN))
    return list(Force.objects.order_by("name"))


@pytest.fixture
def officers(forces):
    call_command("demo_users", pool=10)
    return forces


def generate(reports=300, seed=3, start=START, end=END, **options):
    call_command("demo_data", reports=reports, seed=seed, date_from=start.isoformat(), date_to=end.isoformat(),
                 **options)


def summary() -> list[tuple]:
    """Every generated report by natural keys (no primary keys), to compare two runs."""
    rows = []
    for r in Report.objects.select_related("incident__district", "incident__force", "officer", "subject",
                                           "custody_suite").prefetch_related("tactics"):
        i = r.incident
        rows.append((i.force.slug, i.cad_reference, i.crime_reference, i.custody_reference, i.occurred_date,
                     i.occurred_time, i.district.code, r.officer.username, r.subject.number, r.status,
                     r.submitted_at, r.custody_suite.code if r.custody_suite else "",
                     tuple(str(getattr(r, name)) for name in ANSWERS if name != "custody_suite"),
                     tuple((u.position, u.tactic, u.effective) for u in r.tactics.all())))
    return sorted(rows, key=repr)


def delete_all() -> None:
    Report.objects.all().delete()
    Incident.objects.all().delete()


# --- what is generated ----------------------------------------------------------------------------

def test_exactly_the_reports_asked_for_within_the_dates(officers):
    generate()
    assert Report.objects.count() == 300
    days = Incident.objects.values_list("occurred_date", flat=True)
    assert min(days) >= START and max(days) <= END
    assert {f.slug for f in officers} == set(Incident.objects.values_list("force__slug", flat=True))
    per_incident = Report.objects.count() / Incident.objects.count()
    assert 1.5 <= per_incident <= 3.5
    sizes = Counter(Incident.objects.annotate(n=Count("reports")).values_list("n", flat=True))
    assert set(sizes) <= {1, 2, 3, 4} and len(sizes) >= 3


def test_every_report_is_consistent(officers):
    generate(reports=200, seed=5)
    tactic_counts = Counter(Report.objects.annotate(n=Count("tactics")).values_list("n", flat=True))
    assert set(tactic_counts) <= {1, 2, 3, 4}
    for report in Report.objects.select_related("incident", "officer", "subject").prefetch_related("tactics"):
        uses = list(report.tactics.all())
        assert [u.position for u in uses] == list(range(1, len(uses) + 1))
        assert all(TACTICS.get(u.tactic) and u.effective in ("yes", "no") for u in uses)
        assert any(u.tactic != "tactical_communication" for u in uses)
        assert report.officer.force_id == report.incident.force_id == report.officer_force_id
        assert report.subject.incident_id == report.incident_id
        if report.submitted_at:
            assert report.status in ("submitted", "approved", "returned")
            assert timezone.localtime(report.submitted_at).date() >= report.incident.occurred_date
            steps = list(report.status_changes.values_list("from_status", "to_status"))
            assert steps[0] == ("draft", "submitted")
            assert steps[-1][1] == report.status  # the history ends in the report's status
        else:
            assert report.status == "draft" and not report.status_changes.exists()
    # one officer reports once on a person; subjects are numbered from 1 within their incident
    assert not Report.objects.values("officer", "subject").annotate(n=Count("pk")).filter(n__gt=1).exists()
    for incident in Incident.objects.prefetch_related("subjects"):
        assert [s.number for s in incident.subjects.all()] in ([1], [1, 2])
    assert Report.objects.exclude(status="draft").count() >= 180  # about 1 in 100 stays a draft


def test_a_sample_of_submitted_reports_passes_the_form_rules(officers):
    generate(reports=300, seed=3)
    submitted = list(Report.objects.exclude(status="draft").order_by("pk"))
    sample = submitted[:: max(1, len(submitted) // 20)][:20]
    assert len(sample) == 20
    for report in sample:
        assert report_problems(report) == {}, report.pk


def test_custody_incidents_name_a_suite_of_the_incident_force(officers):
    generate(reports=300, seed=11)
    in_custody = [r for r in Report.objects.select_related("custody_suite", "incident")
                  if "custody_block" in r.location_types]
    assert in_custody, "some force is used in custody in 300 reports"
    for report in in_custody:
        assert report.custody_suite.force_id == report.incident.force_id
        assert report.custody_suite.district_id == report.incident.district_id
        assert report.incident.custody_reference
    assert not any(r.custody_suite_id for r in Report.objects.all() if "custody_block" not in r.location_types)


# --- reproducible ---------------------------------------------------------------------------------

def test_same_seed_gives_the_same_reports(officers):
    generate(reports=60, seed=3)
    first = summary()
    delete_all()
    generate(reports=60, seed=3)
    assert summary() == first
    delete_all()
    generate(reports=60, seed=4)
    assert summary() != first


def test_generator_draws_are_deterministic_for_a_seed(officers):
    def draws(seed):
        generator = Generator(Plan(10, seed, officers, START, END))
        people = [generator._person() for _ in range(20)]
        incident, plan = generator._incident(officers[0], 3)
        fields = (incident.occurred_date, incident.occurred_time, incident.district_id, incident.cad_reference,
                  incident.crime_reference, incident.created_by_id)
        return people, fields, plan["reports"], plan["officer_ids"]

    assert draws(3) == draws(3)
    assert draws(3) != draws(4)


# --- the command's options ------------------------------------------------------------------------

def test_one_force_only(officers):
    generate(reports=40, forces=["bedfordshire"])
    assert set(Incident.objects.values_list("force__slug", flat=True)) == {"bedfordshire"}
    assert Report.objects.count() == 40


def test_if_empty_adds_nothing_when_reports_exist(officers, capsys):
    generate(reports=20)
    generate(reports=20, if_empty=True)
    assert Report.objects.count() == 20
    assert "20 reports already loaded: no demo data added" in capsys.readouterr().out


@pytest.mark.parametrize("options,message", [
    ({"forces": ["atlantis"]}, "Unknown force: atlantis"),
    ({"start": START, "end": START - dt.timedelta(days=1)}, "--to must be on or after --from"),
    ({"end": "tomorrow"}, "--to cannot be in the future: incidents must have happened"),
])
def test_bad_options_are_command_errors(officers, options, message):
    if options.get("end") == "tomorrow":  # worked out at run time, not at import
        options = {"end": timezone.localdate() + dt.timedelta(days=1)}
    with pytest.raises(CommandError, match=message):
        generate(reports=10, **options)
    assert not Report.objects.exists() and not Incident.objects.exists()


def test_a_date_that_is_not_a_date_is_a_command_error(officers):
    with pytest.raises(CommandError, match="‘2025-02-30’ is not a date: use YYYY-MM-DD"):
        call_command("demo_data", reports=10, date_from="2025-02-30", date_to="2025-03-31")


def test_forces_without_officers_are_a_command_error(forces):
    with pytest.raises(CommandError, match="needs at least 4 active users"):
        generate(reports=10)
    assert not Subject.objects.exists() and not TacticUse.objects.exists()


def test_no_forces_is_a_command_error(db):
    with pytest.raises(CommandError, match="No forces configured"):
        generate(reports=10)


@pytest.mark.parametrize("today,expected", [
    (dt.date(2026, 5, 10), (dt.date(2026, 1, 1), dt.date(2026, 3, 31))),
    (dt.date(2026, 4, 1), (dt.date(2026, 1, 1), dt.date(2026, 3, 31))),
    (dt.date(2026, 3, 31), (dt.date(2025, 10, 1), dt.date(2025, 12, 31))),
    (dt.date(2026, 1, 1), (dt.date(2025, 10, 1), dt.date(2025, 12, 31))),
    (dt.date(2026, 11, 24), (dt.date(2026, 7, 1), dt.date(2026, 9, 30))),
])
def test_last_full_quarter(today, expected):
    assert last_full_quarter(today) == expected


def test_no_report_is_submitted_or_happens_in_the_future(officers):
    today = timezone.localdate()
    generate(reports=60, start=today - dt.timedelta(days=1), end=today)
    assert Report.objects.count() == 60
    assert not Report.objects.filter(submitted_at__gt=timezone.now()).exists()
    assert not Incident.objects.filter(occurred_date__gte=today).exists()  # today's stop at yesterday


def test_a_range_of_only_today_is_refused(officers):
    today = timezone.localdate()
    with pytest.raises(CommandError, match="before today"):
        generate(reports=10, start=today, end=today)
