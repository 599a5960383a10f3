"""Realistic synthetic use-of-force records, checked by the same rules as the form.

Each incident gets 1–4 officers (about 2.4 reports per incident), one or two subjects, and
each report 1–4 tactics in a plausible order (a Taser drawn before it is fired). Districts and
custody suites follow the weights in the organisations file; perceived characteristics follow
proportions like those forces publish. Every report's answers pass validation.Validator
before anything is written; writes are bulk inserts in batches. A plan's parts (story.py) say how
many reports each force has in each period and how often Taser is used there.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

from uof.access.models import Role, RoleAssignment
from uof.accounts.models import User
from uof.organisations.models import Force
from uof.reports import rules
from uof.reports.fieldset import FIELDS, sample_answers
from uof.reports.models import Incident, OfficerPresent, Report, StatusChange, Subject, TacticUse
from uof.reports.tactics import CED_CODES, TACTICS
from uof.reports.validation import Places, Validator

from .story import Part

LONDON = ZoneInfo("Europe/London")
CONFIG = Path(__file__).parent / "data" / "eastern.json"
CHECKED = [f for f in FIELDS if f.page != "references" and f.kind.column_of_owner]


class GenerationError(Exception):
    pass


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _some(rng: random.Random, probabilities: dict, at_least_one: str | None = None) -> list[str]:
    chosen = [code for code, p in probabilities.items() if rng.random() < p]
    if not chosen and at_least_one:
        chosen = [at_least_one]
    return chosen


AGE = {"0-10": 0.4, "11-17": 9, "18-34": 52, "35-49": 28, "50-64": 9, "65+": 1.3}
GENDER = {"male": 76, "female": 23, "other": 1}
ETHNICITY = {"white": 80, "black": 8, "asian": 7, "mixed": 3, "other": 2}
CONDUCT = {"compliant": 8, "passive": 22, "verbal": 15, "active": 38, "aggressive": 14, "serious": 3}
DUTY = {"response": 62, "neighbourhood": 12, "custody": 8, "roads": 5, "investigation": 4,
        "public_order": 3, "armed": 2, "dogs": 2, "other": 2}
OFFICERS_PER_INCIDENT = {1: 22, 2: 33, 3: 28, 4: 17}
IMPACT = {"alcohol": 0.32, "drugs": 0.18, "mental_health": 0.16, "size_gender_build": 0.14,
          "prior_knowledge": 0.22, "weapon": 0.07, "abd": 0.03, "crowd": 0.05, "other": 0.08}
REASONS = {"protect_self": 0.55, "protect_public": 0.35, "protect_subject": 0.3, "protect_officers": 0.3,
           "prevent_offence": 0.25, "secure_evidence": 0.05, "effect_arrest": 0.55, "prevent_harm": 0.4,
           "prevent_escape": 0.35, "method_of_entry": 0.01, "remove_handcuffs": 0.02, "other": 0.03}
OUTCOMES = {"arrested": 0.68, "hospitalised": 0.06, "detained_mha": 0.07, "made_off": 0.02, "other": 0.2}
STREET_LOCATIONS = {"street": 0.55, "dwelling": 0.28, "open_ground": 0.06, "retail": 0.05, "licensed": 0.04,
                    "public_transport": 0.01, "vehicle_cage": 0.05, "hospital": 0.03,
                    "mental_health_setting": 0.01, "police_station": 0.01, "ambulance": 0.01, "other": 0.02}
# Main tactic "stories": each is a list of tactic codes in the order used.
STORIES = {
    ("handcuffing_compliant",): 30, ("handcuffing_non_compliant",): 16, ("unarmed_skills",): 14,
    ("unarmed_skills", "handcuffing_non_compliant"): 16, ("ground_restraint", "handcuffing_non_compliant"): 8,
    ("limb_body_restraints",): 5, ("unarmed_skills", "ground_restraint", "limb_body_restraints"): 3,
    ("ced_drawn",): 3, ("ced_drawn", "ced_aimed"): 2, ("ced_drawn", "ced_aimed", "ced_red_dot"): 2.5,
    ("ced_drawn", "ced_aimed", "ced_red_dot", "ced_fired"): 1.2, ("ced_drawn", "ced_arced"): 0.4,
    ("ced_drawn", "ced_drive_stun"): 0.2, ("ced_drawn", "ced_angle_drive_stun"): 0.05,
    ("pava_drawn",): 1, ("pava_drawn", "pava_used"): 1, ("cs_drawn", "cs_used"): 0.15,
    ("baton_drawn",): 0.8, ("baton_drawn", "baton_used"): 0.3, ("spit_guard",): 2.5,
    ("shield",): 0.2, ("dog_deployed",): 0.5, ("dog_deployed", "dog_bite"): 0.15,
    ("firearm_aimed",): 0.3, ("aep_drawn", "aep_aimed"): 0.05, ("other_improvised",): 0.5,
}


@dataclass
class Plan:
    reports: int
    seed: int
    forces: list[Force]
    date_from: dt.date
    date_to: dt.date
    parts: list[Part] = field(default_factory=list)  # empty: `reports` spread over every force and day


def _taser_weighted(factor: float) -> dict:
    return {story: w * factor if any(t.startswith("ced_") for t in story) else w for story, w in STORIES.items()}


def _weights_for(force: Force, places: Places) -> dict:
    """Where force is used: each district's street share and each custody suite's share."""
    config = {f["slug"]: f for f in json.loads(CONFIG.read_text())["forces"]}.get(force.slug, {})
    wanted = {}
    for d in config.get("districts", []):
        wanted[("district", d["code"])] = d.get("weight", 1)
        for s in d.get("custody_suites", []):
            wanted[("suite", s["code"])] = s.get("weight", 1)
    weights = {}
    for d in places.districts.values():
        if d.force_id == force.pk:
            weights[("district", d.pk, None)] = wanted.get(("district", d.code), 5)
    for s in places.suites.values():
        if s.force_id == force.pk:
            weights[("suite", s.district_id, s.pk)] = wanted.get(("suite", s.code), 3)
    return weights


class Generator:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.rng = random.Random(plan.seed)
        self.places = Places()
        self.officers = {f.pk: list(User.objects.filter(force=f, is_active=True).exclude(collar_number="")
                                    .order_by("pk").values_list("pk", flat=True))
                         for f in plan.forces}
        for force in plan.forces:
            if len(self.officers[force.pk]) < 4:
                raise GenerationError(f"{force.name} needs at least 4 active users: run `uof demo-users` first")
        self.weights = {f.pk: _weights_for(f, self.places) for f in plan.forces}
        self._use(Part(None, plan.date_from, plan.date_to, plan.reports))
        self.serial = Incident.objects.count()
        self.supervisors = _supervisors_by_district()
        self.now = timezone.now()

    def _use(self, part: Part) -> None:
        self.part = part
        self.days = (part.date_to - part.date_from).days + 1
        self.stories = _taser_weighted(part.taser) if part.taser != 1 else STORIES

    def run(self, batch_reports: int = 5000) -> dict[str, int]:
        totals = {"incidents": 0, "subjects": 0, "reports": 0, "tactic uses": 0}
        for part in self.plan.parts or [self.part]:
            self._use(part)
            remaining = part.reports
            while remaining > 0:
                counts = self._batch(min(batch_reports, remaining))
                remaining -= counts["reports"]
                for key, n in counts.items():
                    totals[key] += n
        return totals

    @transaction.atomic
    def _batch(self, target: int) -> dict[str, int]:
        incidents, plans = [], []
        made = 0
        while made < target:
            force = self.part.force or self.rng.choice(self.plan.forces)
            n_officers = min(_pick(self.rng, OFFICERS_PER_INCIDENT), target - made)
            incident, plan = self._incident(force, n_officers)
            incidents.append(incident)
            plans.append(plan)
            made += n_officers
        Incident.objects.bulk_create(incidents)
        subjects, reports, tactics, present, reviews = [], [], [], [], []
        for incident, plan in zip(incidents, plans):
            incident_subjects = [Subject(incident=incident, number=i + 1) for i in range(plan["subjects"])]
            subjects.extend(incident_subjects)
            plan["subject_objs"] = incident_subjects
        Subject.objects.bulk_create(subjects)
        times = []  # (created, last updated) of each report, written after the insert
        for incident, plan in zip(incidents, plans):
            for officer_id, subject_index, answers, tactic_list, submitted_at, created in plan["reports"]:
                status, review = self._review(incident, submitted_at)
                report = Report(officer_id=officer_id, officer_force_id=incident.force_id, incident=incident,
                                subject=plan["subject_objs"][subject_index], submitted_at=submitted_at,
                                status=status, **answers)
                reports.append((report, tactic_list))
                reviews.append(review)
                times.append((created, review[1] if review else submitted_at or created))
        Report.objects.bulk_create([r for r, _ in reports])
        _backdate(Incident, [(p["created"], p["created"], i.pk) for i, p in zip(incidents, plans)])
        _backdate(Report, [(c, u, r.pk) for (c, u), (r, _) in zip(times, reports)])
        StatusChange.objects.bulk_create(
            [change for (report, _), review in zip(reports, reviews) for change in _changes(report, review)],
            batch_size=5000)
        first_report = {}
        for report, tactic_list in reports:
            first_report.setdefault(id(report.incident), report)
            tactics.extend(TacticUse(report=report, position=i, tactic=code, effective=eff)
                           for i, (code, eff) in enumerate(tactic_list, start=1))
        for incident, plan in zip(incidents, plans):
            present.extend(OfficerPresent(incident=incident, officer_id=o, named_by=first_report[id(incident)])
                           for o in plan["officer_ids"][1:])
        TacticUse.objects.bulk_create(tactics, batch_size=5000)
        OfficerPresent.objects.bulk_create(present, batch_size=5000)
        return {"incidents": len(incidents), "subjects": len(subjects), "reports": len(reports),
                "tactic uses": len(tactics)}

    def _incident(self, force: Force, n_officers: int):
        rng = self.rng
        self.serial += 1
        day = self.part.date_from + dt.timedelta(days=rng.randrange(self.days))
        hour = rng.choices(range(24), weights=[6, 5, 4, 3, 2, 1, 1, 2, 3, 3, 4, 4, 4, 4, 5, 5, 6, 6, 7, 7, 7, 7, 7, 7])[0]
        time = dt.time(hour, rng.randrange(60))
        _, district_id, suite_id = _pick(rng, self.weights[force.pk])
        officer_ids = rng.sample(self.officers[force.pk], n_officers)
        n_subjects = 2 if n_officers > 1 and rng.random() < 0.12 else 1
        stamp = f"{day:%y%m%d}"
        incident = Incident(force=force, occurred_date=day, occurred_time=time, district_id=district_id,
                            cad_reference=f"CC{self.plan.seed}-{stamp}-{self.serial:06d}",
                            crime_reference=f"CR{self.plan.seed}-{self.serial:07d}" if rng.random() < 0.6 else "",
                            custody_reference=f"CU{self.plan.seed}-{self.serial:07d}" if suite_id else "",
                            created_by_id=officer_ids[0])
        perceived = [self._person() for _ in range(n_subjects)]
        reports = []
        began = dt.datetime.combine(day, time, tzinfo=LONDON)
        for i, officer_id in enumerate(officer_ids):
            created = min(self.now, began + dt.timedelta(minutes=i + 1))  # the first report is started first
            subject_index = i % n_subjects
            tactics = self._tactics()
            answers = self._answers(force, day, time, district_id, suite_id, perceived[subject_index],
                                    [code for code, _ in tactics])
            submitted = None
            if rng.random() > 0.01:  # about 1 in 100 still a draft
                delay = dt.timedelta(hours=min(240.0, rng.lognormvariate(2.3, 1.0)))
                submitted = max(created, min(self.now, began + delay))
            for code, _ in tactics:
                validate_tactic(code, day)
            reports.append((officer_id, subject_index, answers, tactics, submitted, created))
        return incident, {"subjects": n_subjects, "reports": reports, "officer_ids": officer_ids,
                          "created": min(self.now, began + dt.timedelta(minutes=1))}

    def _review(self, incident: Incident, submitted_at):
        """The report's status: older reports are mostly approved, recent ones await review."""
        if submitted_at is None:
            return Report.Status.DRAFT, None
        reviewers = self.supervisors.get(incident.district_id)
        age = (self.now - submitted_at).days
        draw = self.rng.random()
        if not reviewers or draw < (0.05 if age > 14 else 0.7):
            return Report.Status.SUBMITTED, None
        at = min(self.now, submitted_at + dt.timedelta(hours=self.rng.uniform(2, 96)))
        reviewer = self.rng.choice(reviewers)
        if draw > 0.985:
            comment = "Please add the body-worn video reference and say which tactic came first."
            return Report.Status.RETURNED, (reviewer, at, comment)
        return Report.Status.APPROVED, (reviewer, at, "")

    def _person(self) -> dict:
        rng = self.rng
        mental = rng.random() < 0.23
        return {"age_band": _pick(rng, AGE), "gender": _pick(rng, GENDER), "ethnicity": _pick(rng, ETHNICITY),
                "mental_condition": "yes" if mental else "no",
                "physical_condition": "yes" if rng.random() < 0.07 else "no"}

    def _tactics(self) -> list[tuple[str, str]]:
        rng = self.rng
        story = list(_pick(rng, self.stories))
        if rng.random() < 0.25 and len(story) < 3:
            extra = _pick(rng, self.stories)
            story += [t for t in extra if t not in story][: 4 - len(story)]
        if rng.random() < 0.45:
            story.insert(0, "tactical_communication")
        return [(t, "yes" if rng.random() < 0.86 else "no") for t in story[:4]]

    def _answers(self, force, day, time, district_id, suite_id, person, tactics: list[str]) -> dict:
        """The report's answers, agreeing with each other and with its tactics (uof/reports/rules.py)."""
        rng = self.rng
        taser = any(code in CED_CODES for code in tactics)  # then the officer is trained and carried one
        person = dict(person)
        if rng.random() < 0.05:  # colleagues do not always perceive a person alike
            person["age_band"] = _pick(rng, AGE)
        injured = rng.random() < 0.07
        subject_injured = _pick(rng, {"yes": 7, "no": 88, "unknown": 5})
        trained = taser or rng.random() < 0.45
        locations = ["custody_block"] if suite_id else _some(rng, STREET_LOCATIONS, "street")[:2]
        data = {
            **sample_answers(day),  # any question not drawn below gets its declared example
            "occurred_date": day, "occurred_time": time.strftime("%H:%M"), "district": str(district_id),
            "location_types": locations, "custody_suite": str(suite_id) if suite_id else "",
            **person,
            "main_duty": "custody" if suite_id and rng.random() < 0.7 else _pick(rng, DUTY),
            "single_crewed": "yes" if rng.random() < 0.12 else "no",
            "ced_trained": "yes" if trained else "no",
            "ced_carried": ("yes" if taser or rng.random() < 0.8 else "no") if trained else "",
            "bwv_references": f"BWV-{rng.randrange(10**7):07d}" if rng.random() < 0.8 else "",
            "primary_conduct": _pick(rng, CONDUCT),
            "impact_factors": _some(rng, IMPACT),
            "reasons": _some(rng, REASONS, "effect_arrest"),
            "officer_injured": "yes" if injured else "no",
            "officer_injury_level": ("severe" if rng.random() < 0.04 else "minor") if injured else "",
            "officer_assaulted": "yes" if (injured and rng.random() < 0.7) or rng.random() < 0.04 else "no",
            "officer_medical": ("yes" if rng.random() < 0.3 else "no") if injured else "",
            "subject_injured": subject_injured,
            "subject_injury_level": (_pick(rng, {"minor": 97, "severe": 2.9, "death": 0.02})
                                     if subject_injured == "yes" else ""),
            "subject_medical_offered": "yes" if rng.random() < 0.35 else "no",
            "subject_medical_provided": "yes" if rng.random() < 0.12 else "no",
            "spat_at": "yes" if rng.random() < 0.03 else "no",
            "threatened_with_weapon": "yes" if rng.random() < 0.03 else "no",
            "assaulted_with_weapon": "yes" if rng.random() < 0.008 else "no",
            "public_order": "yes" if rng.random() < 0.03 else "no",
            "outcomes": _some(rng, OUTCOMES, "other"),
            "account": "Demo record: generated account of the incident (not a real event).",
        }
        _agree(rng, data)
        validator = Validator(force, day, places=self.places)
        cleaned = validator.check(CHECKED, data)
        if validator.errors:
            raise GenerationError(f"generated answers failed validation: {validator.errors}")
        broken = rules.check({**cleaned, rules.TACTICS_ANSWER: tactics})
        if broken:
            raise GenerationError(f"generated answers break rules: {[p.key for p in broken]}")
        return {f.name: cleaned[f.name] for f in CHECKED if f.owner == "report"}


def _agree(rng: random.Random, data: dict) -> None:
    """Make independently drawn answers agree as a real report's do: a person badly hurt or taken
    to hospital gets medical help, a fatal injury is a fatality (and no one made off), no child of 10
    or under is arrested, Mental Health Act detention goes with a perceived mental health condition."""
    outcomes = list(data["outcomes"])
    level = data["subject_injury_level"]
    if level in ("severe", "death") or "hospitalised" in outcomes:
        data["subject_medical_offered"] = data["subject_medical_provided"] = "yes"
    if level == "death":
        outcomes = [o for o in outcomes if o not in ("made_off", "other")] + ["fatality"]
    if data["age_band"] == "0-10":
        outcomes = [o for o in outcomes if o != "arrested"]
    if data["mental_condition"] == "no":
        outcomes = [o for o in outcomes if o != "detained_mha"]
    elif "detained_mha" not in outcomes and rng.random() < 0.2:  # about as often overall as before
        outcomes.append("detained_mha")
    data["outcomes"] = outcomes or ["other"]
    if data["assaulted_with_weapon"] == "yes":
        data["officer_assaulted"] = "yes"


def validate_tactic(code: str, day: dt.date) -> None:
    option = TACTICS.get(code)
    if option is None or not option.available_on(day):
        raise GenerationError(f"tactic {code} not available on {day}")


def _backdate(model, rows: list[tuple]) -> None:
    """Set created_at and updated_at to when the record was written and last changed, not the time
    of generation: bulk_create always writes now, which would make every demo row look just changed
    (the statistics re-read rows changed in the last minutes, see uof/stats/store.py)."""
    table = connection.ops.quote_name(model._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.executemany(f"UPDATE {table} SET created_at = %s, updated_at = %s WHERE {model._meta.pk.column} = %s",
                           [(adapt(created), adapt(updated), pk) for created, updated, pk in rows])


def _supervisors_by_district() -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for assignment in RoleAssignment.objects.filter(role=Role.SUPERVISOR).prefetch_related("districts"):
        for district in assignment.districts.all():
            out.setdefault(district.pk, []).append(assignment.user_id)
    return out


def _changes(report: Report, review) -> list[StatusChange]:
    """Status history matching the generated status (submitted, then approved or returned)."""
    if report.submitted_at is None:
        return []
    changes = [StatusChange(report=report, from_status="draft", to_status="submitted", by_id=report.officer_id,
                            at=report.submitted_at)]
    if review is not None:
        reviewer, at, comment = review
        changes.append(StatusChange(report=report, from_status="submitted", to_status=report.status,
                                    by_id=reviewer, at=at, comment=comment))
    return changes
