"""Reads: what the pages and commands need to know about incidents and reports."""
from __future__ import annotations

from django.db.models import Count, Q
from django.utils.datastructures import MultiValueDict

from uof.access.policy import decide
from uof.organisations.models import Force

from . import rules
from .errors import RecordingError
from .fieldset import FIELDS_BY_NAME, PAGE_ORDER, PAGE_TITLES, Field, fields_on
from .models import REFERENCE_KINDS, Incident, Report, StatusChange, Subject
from .references import (
    Offer,
    ReferenceCheck,
    closest,
    matches_format,
    normalise_reference,
)
from .tactics import TACTICS
from .validation import is_number


def incident_for_references(force: Force, references: dict[str, str]) -> Incident | None:
    """The incident of `force` holding any of these references; refuses references of two incidents."""
    query = Q()
    for kind in REFERENCE_KINDS:
        value = normalise_reference(references.get(kind))
        if value:
            query |= Q(**{kind: value})
    if not query:
        return None
    found = list(Incident.objects.filter(query, force=force)[:2])
    if len(found) > 1:
        raise RecordingError(
            "These references belong to two different incidents: enter the references of one incident", None)
    return found[0] if found else None


def reference_check(force: Force, references: dict[str, str]) -> ReferenceCheck:
    """Before a new incident starts: incidents of `force` with a reference close to one typed
    ("did you mean"), and a warning if the incident log number does not fit the force's format.
    Nothing to ask when the references join an incident. Only references are offered, of the
    force the officer chose, never other details of the incident."""
    typed = {k: normalise_reference(references.get(k)) for k in REFERENCE_KINDS}
    try:
        if incident_for_references(force, typed) is not None:
            return ReferenceCheck(typed)
    except RecordingError:
        return ReferenceCheck(typed)  # starting the report explains the problem
    offers = [offer for kind in REFERENCE_KINDS if typed[kind]
              for offer in _close_references(force, kind, typed[kind])]
    warning = ""
    if not matches_format(typed["cad_reference"], force.cad_reference_pattern):
        looks = (f"look like {force.cad_reference_example}" if force.cad_reference_example
                 else "have a different format")
        warning = f"{force.name} incident log numbers {looks}. Check the number you entered before you continue."
    return ReferenceCheck(typed, offers, warning)


# How many of a force's incidents, the most recently updated, are compared with a typed reference:
# a colleague joins an incident within days. Measured on SQLite, a force of 200,000 incidents, on a
# busy 2-core machine: about 1 s (most of it reading the rows), asked only when nothing matched.
OFFER_SCAN_LIMIT = 20_000


def _close_references(force: Force, kind: str, typed: str) -> list[Offer]:
    # Compared in Python (letters and digits only): cheaper than any SQL string expression.
    stored = (Incident.objects.filter(force=force).exclude(**{kind: ""}).order_by("-updated_at")
              .values_list(kind, flat=True)[:OFFER_SCAN_LIMIT])
    return [Offer(kind, typed, reference) for reference in closest(typed, stored.iterator(chunk_size=5000))]


def incident_is_shared(report: Report) -> bool:
    """Other reports rely on this incident (a draft its officer discarded does not)."""
    return (Report.objects.filter(incident_id=report.incident_id).exclude(pk=report.pk)
            .exclude(status=Report.Status.DRAFT, deleted_at__isnull=False).exists())


def incident_details_locked(report: Report) -> bool:
    """The when-and-where of an incident is fixed once it is complete and colleagues' reports
    share it; until then any officer on the incident can complete it."""
    incident = report.incident
    complete = bool(incident.occurred_date and incident.occurred_time and incident.district_id)
    return complete and incident_is_shared(report)


def my_reports(user):
    return (Report.objects.filter(officer=user, deleted_at__isnull=True).select_related("incident", "incident__district", "subject")
            .order_by("-updated_at"))


def incident_reports(incident: Incident):
    """The incident's reports, without drafts their officers discarded."""
    return (incident.reports.exclude(status=Report.Status.DRAFT, deleted_at__isnull=False)
            .select_related("officer", "subject").order_by("created_at"))


def subjects_of(incident: Incident, exclude: Report | None = None) -> list[dict]:
    """Each subject of an incident with how colleagues perceived them, for choosing whom to join."""
    out = []
    for subject in incident.subjects.annotate(n=Count("reports")).order_by("number"):
        reports = [r for r in subject.reports.select_related("officer").order_by("created_at")
                   if exclude is None or r.pk != exclude.pk]
        if not reports:
            continue
        first = reports[0]
        seen = ", ".join(x for x in (
            FIELDS_BY_NAME["gender"].vocabulary.label_of(first.gender),
            FIELDS_BY_NAME["age_band"].vocabulary.label_of(first.age_band),
            FIELDS_BY_NAME["ethnicity"].vocabulary.label_of(first.ethnicity)) if x)
        out.append({"subject": subject, "description": seen or "no description yet",
                    "officers": [str(r.officer) for r in reports],
                    "report_by": {r.officer_id: r.pk for r in reports}})
    return out


def value_of(report: Report, spec: Field):
    """The stored answer for a field, from the report, its incident or (officers present) its own rows."""
    return spec.kind.read(report, spec)


def record_data(report: Report, page: str) -> MultiValueDict:
    """The stored answers of one page in the shape a browser would post them."""
    data = MultiValueDict()
    for spec in fields_on(page):
        spec.kind.post(data, spec, value_of(report, spec))
    return data


def kept_answers(report: Report) -> dict[str, list[str]]:
    """Answers already on the record, which stay valid even if their option has since been retired."""
    kept = {}
    for spec in FIELDS_BY_NAME.values():
        values = spec.kind.kept(value_of(report, spec))
        if values:
            kept[spec.name] = values
    return kept


def snapshot(report: Report) -> dict:
    """Every answer of a report as plain JSON values, to compare before and after a change."""
    out = {spec.name: spec.kind.plain(value_of(report, spec)) for spec in FIELDS_BY_NAME.values()}
    out["tactics"] = [[u.tactic, u.effective] for u in report.tactics.order_by("position")]
    out["subject"] = report.subject.number if report.subject_id else None
    out["confirmed_rules"] = list(report.confirmed_rules or [])  # a confirmation is a change like an answer
    return out


def display_value(report: Report, spec: Field) -> str:
    return spec.kind.display(spec, value_of(report, spec))


def answers_by_page(report: Report) -> list[dict]:
    """Check-your-answers: each page's questions and answers, in form order, with the
    "are you sure?" warnings the officer confirmed (so a supervisor sees them)."""
    confirmed = [p for p in rules.problems(report, include_confirmed=True) if p.confirmed]
    sections = []
    for page in PAGE_ORDER:
        if page == "subject":
            rows = [{"label": "Person", "value": f"Subject {report.subject.number}" if report.subject else ""}]
        elif page == "tactics":
            rows = [{"label": f"Tactic {u.position}",
                     "value": f"{TACTICS.label_of(u.tactic)} ({'effective' if u.effective == 'yes' else 'not effective'})"}
                    for u in report.tactics.all()] or [{"label": "Tactics", "value": ""}]
        else:
            rows = [{"label": spec.label, "value": display_value(report, spec), "name": spec.name}
                    for spec in fields_on(page) if not _skipped(report, spec)]
        rows += [{"label": "Checked and confirmed as correct", "value": p.message, "name": p.key}
                 for p in confirmed if p.page == page]
        sections.append({"page": page, "title": PAGE_TITLES[page], "rows": rows})
    return sections


def _skipped(report: Report, spec: Field) -> bool:
    if not spec.asked_on(report.incident.occurred_date if report.incident_id else None):
        return True
    if not spec.only_if:
        return False
    other, wanted = spec.only_if
    value = value_of(report, FIELDS_BY_NAME[other])
    return wanted not in value if isinstance(value, list) else value != wanted


def subject_for(report: Report, number: str | None) -> Subject | None:
    if not number or number == "new":
        return None
    return report.incident.subjects.filter(number=number).first() if is_number(number) else None


def tactic_problems(report: Report) -> list[str]:
    codes = [u.tactic for u in report.tactics.all()]
    if not [c for c in codes if c != "tactical_communication"]:
        return ["Add at least one tactic: tactical communication on its own is not a use of force"]
    unknown = [c for c in codes if TACTICS.get(c) is None]
    return [f"‘{c}’ is not a known tactic" for c in unknown]


def last_return(report: Report) -> StatusChange | None:
    """The reviewer's latest return of this report, if it is currently returned."""
    if report.status != Report.Status.RETURNED:
        return None
    return report.status_changes.filter(to_status=Report.Status.RETURNED).select_related("by").last()


def other_reports(report: Report, user) -> list[dict]:
    """The other reports on the same incident: officer, person, status, and a link only where the
    access policy lets `user` view it. Deleted reports are listed only to those who may view them."""
    others = (Report.objects.filter(incident_id=report.incident_id).exclude(pk=report.pk)
              .select_related("incident", "officer", "subject").order_by("created_at", "pk"))
    rows = []
    for other in others:
        allowed = bool(decide(user, "view", other))
        if other.deleted_at is not None and not allowed:
            continue
        rows.append({"report": other, "officer": other.officer, "allowed": allowed,
                     "subject": f"Subject {other.subject.number}" if other.subject_id else "Person not chosen yet",
                     "status": "Deleted" if other.deleted_at else other.get_status_display()})
    return rows
