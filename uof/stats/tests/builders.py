"""Build counted reports straight into the database for statistics tests (fast, deterministic)."""
from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from uof.accounts.models import User
from uof.reports.fieldset import sample_answers
from uof.reports.models import Incident, Report, Subject, TacticUse

_serial = itertools.count(1)


def officers(force, n: int) -> list[User]:
    start = User.objects.count()
    return User.objects.bulk_create([
        User(username=f"stats.{force.slug}.{start + i}", force=force, collar_number=f"9{start + i:05d}")
        for i in range(n)])


def incidents_with_reports(force, officer_pool, day: dt.date, reports_each: list[dict], district=None,
                           status: str = "approved", tactics=("handcuffing_compliant",)) -> Incident:
    """One incident on `day` with one report per answers dict (each by a different officer, one subject)."""
    number = next(_serial)
    incident = Incident.objects.create(force=force, occurred_date=day, occurred_time=dt.time(12, 0),
                                       district=district, cad_reference=f"ST-{number}", created_by=officer_pool[0])
    subject = Subject.objects.create(incident=incident, number=1)
    made = Report.objects.bulk_create([
        Report(officer=officer_pool[i % len(officer_pool)], officer_force=force, incident=incident, subject=subject,
               status=status, submitted_at=timezone.now(),
               **{**sample_answers(day), **{k: v for k, v in answers.items() if not k.startswith("_")}})
        for i, answers in enumerate(reports_each)])
    TacticUse.objects.bulk_create([TacticUse(report=r, position=p, tactic=t, effective="yes")
                                   for r, answers in zip(made, reports_each)
                                   for p, t in enumerate(answers.get("_tactics", tactics), start=1)])
    return incident


def build_plans(org, plans, start: dt.date) -> None:
    """Cambridgeshire records from hypothesis plans: (day offset, "peterborough" or "cambridge", answers
    per report, where "_custody" puts a Peterborough report in Thorpe Wood custody)."""
    from uof.stats import store as stores

    pool = officers(org.cambs, 4)
    districts = {"peterborough": org.peterborough, "cambridge": org.cambridge}
    for offset, district, reports in plans:
        for answers in reports:
            if answers.pop("_custody") and district == "peterborough":
                answers.update(custody_suite=org.thorpe, location_types=["custody_block"])
            if answers["subject_injured"] != "yes":
                answers["subject_injury_level"] = ""
        incidents_with_reports(org.cambs, pool, start + dt.timedelta(days=offset), reports,
                               district=districts[district])
    stores._CACHE.clear()
