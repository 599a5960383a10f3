"""Writes: everything that changes an incident, subject or report goes through here."""
from __future__ import annotations

import functools
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from uof.accounts.models import User
from uof.audit import services as audit
from uof.audit.models import AuditEvent
from uof.organisations.models import Force

from . import completeness, selectors, workflow
from .errors import RecordingError, StaleVersion, UnfinishedReport
from .fieldset import fields_on
from .models import REFERENCE_KINDS, FieldChange, Incident, OfficerPresent, Report, Subject
from .references import normalise_reference


@contextmanager
def editing(report: Report, by: User, version: int | None = None, reason: str = ""):
    """Guard every change to a report: one writer at a time, and history after submission.

    - `version` is the report version the editor's page showed; if someone saved since, the
      change is refused (optimistic concurrency) and nothing is written.
    - After submission a change needs a `reason`; each changed answer is kept with its old and
      new value (FieldChange). Drafts change freely.
    - Every change appends an audit event naming the fields (never their values).
    """
    with transaction.atomic():
        current = Report.objects.select_for_update().get(pk=report.pk)
        if version is not None and current.version != version:
            raise StaleVersion(current.version)
        submitted = current.status != Report.Status.DRAFT
        if submitted and not (reason or "").strip():
            raise RecordingError("Give a reason for the change: the report has been submitted", "reason")
        before = selectors.snapshot(current)
        yield
        after = selectors.snapshot(Report.objects.select_related("incident").get(pk=report.pk))
        changed = [name for name in after if after[name] != before.get(name)]
        if not changed:
            return
        report.version = current.version + 1
        Report.objects.filter(pk=report.pk).update(version=report.version, updated_at=timezone.now())
        if submitted:
            FieldChange.objects.bulk_create(
                FieldChange(report_id=report.pk, field=name, old_value=before.get(name), new_value=after[name],
                            by=by, reason=reason.strip(), version=report.version) for name in changed)
        audit.record(by, AuditEvent.Action.CHANGE, report, changed,
                     detail=f"version {report.version}" + (" (correction)" if submitted else ""))


def _guarded(write):
    """Run a report write inside `editing`: callers pass by=, and version= and reason= as needed."""
    @functools.wraps(write)
    def wrapper(report: Report, *args, by: User, version: int | None = None, reason: str = "", **kwargs):
        with editing(report, by, version, reason):
            return write(report, *args, **kwargs)
    return wrapper


# --- starting a report and linking it to an incident -----------------------------------------

@transaction.atomic
def start_report(officer: User, force: Force, references: dict[str, str]) -> Report:
    """Create a draft for `officer`, joining the incident these references name (or a new one)."""
    if not officer.force_id:
        raise RecordingError("Your account has no force: ask your force administrator to set it")
    incident = selectors.incident_for_references(force, references)
    if incident is None:
        incident = Incident.objects.create(force=force, created_by=officer, **_refs(references))
    else:  # one unfinished report per officer and incident: a second one would clash at the subject page
        unfinished = (incident.reports.filter(officer=officer, deleted_at__isnull=True,
                                              status__in=(Report.Status.DRAFT, Report.Status.RETURNED))
                      .order_by("created_at").first())
        if unfinished is not None:
            raise UnfinishedReport(unfinished)
    report = Report.objects.create(officer=officer, officer_force_id=officer.force_id, incident=incident)
    audit.record(officer, AuditEvent.Action.CREATE, report, REFERENCE_KINDS)
    return report


def _refs(references: dict[str, str]) -> dict[str, str]:
    return {k: normalise_reference(references.get(k)) for k in REFERENCE_KINDS}


@_guarded
def update_references(report: Report, references: dict[str, str], force: Force | None = None,
                      correcting: bool = False) -> None:
    """Add or change this report's incident references (and, on an unshared draft, its force).

    A reference another incident of the force already holds is refused; references and force
    that other officers' reports rely on can only be changed by a supervisor (a correction).
    """
    incident = Incident.objects.select_for_update().get(pk=report.incident_id)
    shared = selectors.incident_is_shared(report) and not correcting  # a correction may change them
    if force is not None and force.pk != incident.force_id:
        if shared:
            raise RecordingError("Other officers have reported on this incident, so its force area cannot be "
                                 "changed here: ask your supervisor to correct it", "force")
        incident.force = force
        incident.district = None  # districts belong to the old force
    for kind, value in _refs(references).items():
        current = getattr(incident, kind)
        if value == normalise_reference(current):
            continue  # the same reference; a clash left unnormalised by migration 0007 stays as it is
        if current and shared:
            raise RecordingError(
                "Other officers have reported on this incident, so its references cannot be changed "
                "here: ask your supervisor to correct them", kind)
        if value:
            other = Incident.objects.filter(force=incident.force, **{kind: value}).exclude(pk=incident.pk).first()
            if other is not None:
                raise RecordingError(
                    f"{value} belongs to another incident: start a new report from ‘My reports’ "
                    "to record that incident", kind)
        setattr(incident, kind, value)
    for kind in REFERENCE_KINDS:  # a reference kept while moving force must be free in the new force
        value = getattr(incident, kind)
        if value and Incident.objects.filter(force=incident.force, **{kind: value}).exclude(pk=incident.pk).exists():
            raise RecordingError(f"{value} already belongs to another incident in {incident.force.name}: "
                                 "start a new report from ‘My reports’ to join it", kind)
    incident.save()
    report.incident = incident  # later writes in this request must not save a stale copy


# --- saving answers ----------------------------------------------------------------------------

@_guarded
def save_answers(report: Report, page: str, answers: dict, correcting: bool = False,
                 confirmed: list[str] | None = None) -> list[RecordingError]:
    """Store the answers of one page (only those given in `answers`) on the report or incident,
    and, if given, the cross-answer warnings now confirmed (rules.py), in the same change.

    Returns the answers that broke a rule only the database can check (they are not stored)."""
    problems: list[RecordingError] = []
    incident = report.incident
    incident_changed = False
    report_fields: list[str] = []
    locked = selectors.incident_details_locked(report) and not correcting
    for spec in fields_on(page):
        if spec.name not in answers:
            continue
        value = answers[spec.name]
        if not spec.kind.column_of_owner:  # officers present: rows of their own, resolved from collar numbers
            try:
                name_officers_present(report, resolve_collar_numbers(report, value))
            except RecordingError as error:
                problems.append(error)
        elif spec.owner == "incident":
            if locked or spec.name == "force":
                continue  # read-only once colleagues rely on it; the force moves in update_references
            setattr(incident, spec.name, value)
            incident_changed = True
        else:
            setattr(report, spec.name, value)
            report_fields.append(spec.name)
    if confirmed is not None and list(confirmed) != list(report.confirmed_rules or []):
        report.confirmed_rules = list(confirmed)
        report_fields.append("confirmed_rules")
    if incident_changed:
        incident.save()
    if report_fields:
        report.save(update_fields=report_fields)
    return problems


def resolve_collar_numbers(report: Report, entries: list[str]) -> list[User]:
    """Officers named by collar number, looked up in the incident's force, the officer's
    force and the forces they collaborate with; `force-slug:number` picks the force."""
    incident_force = report.incident.force
    forces = {incident_force.pk, report.officer_force_id}
    if incident_force.collaboration_id:
        forces |= set(Force.objects.filter(collaboration_id=incident_force.collaboration_id).values_list("pk", flat=True))
    officers: list[User] = []
    for entry in entries:
        slug, _, number = entry.rpartition(":")
        number = number.strip()
        if not number:
            raise RecordingError(f"‘{entry}’ has no collar number: write it as 1234 or force:1234",
                                 "officers_present")
        qs = User.objects.filter(collar_number__iexact=number).select_related("force")
        if slug:
            found = list(qs.filter(force__slug=slug.strip().lower())[:1])
        else:
            # The incident's force first, then the officer's own, then the collaboration.
            found = (list(qs.filter(force=incident_force)[:1])
                     or list(qs.filter(force_id=report.officer_force_id)[:1])
                     or list(qs.filter(force_id__in=forces)[:2]))
        if not found:
            where = slug or incident_force.name
            raise RecordingError(f"No officer has collar number {number} in {where}", "officers_present")
        if len(found) > 1:
            raise RecordingError(
                f"Collar number {number} is used in {found[0].force.name} and {found[1].force.name}: "
                f"write the force first, for example {found[0].force.slug}:{number}", "officers_present")
        if found[0].pk == report.officer_id:
            raise RecordingError("List the other officers present, not yourself", "officers_present")
        officers.append(found[0])
    return officers


def name_officers_present(report: Report, officers: list[User]) -> None:
    OfficerPresent.objects.filter(named_by=report).exclude(officer__in=officers).delete()
    for officer in officers:
        OfficerPresent.objects.get_or_create(named_by=report, officer=officer,
                                             defaults={"incident_id": report.incident_id})


# --- subjects -----------------------------------------------------------------------------------

@_guarded
def choose_subject(report: Report, subject: Subject | None) -> Subject:
    """Put the report on an existing subject of its incident, or on a new one (None)."""
    if subject is not None:
        if subject.incident_id != report.incident_id:
            raise RecordingError("Choose one of the people in this incident", "subject")
        clash = Report.objects.filter(officer_id=report.officer_id, subject=subject).exclude(pk=report.pk).first()
        if clash is not None:
            raise RecordingError(
                f"You have already started a report on subject {subject.number} of this incident "
                f"(report {clash.pk}): open it from ‘My reports’ instead", "subject")
        if report.subject_id == subject.pk:
            return subject
    previous = report.subject
    if subject is None:
        if previous is not None and not previous.reports.exclude(pk=report.pk).exists():
            return previous  # already on a subject of its own
        number = (report.incident.subjects.aggregate(n=Max("number"))["n"] or 0) + 1
        subject = Subject.objects.create(incident_id=report.incident_id, number=number)
    report.subject = subject
    try:
        with transaction.atomic():
            report.save(update_fields=["subject"])
    except IntegrityError:
        raise RecordingError("You already have a report on this person in this incident", "subject") from None
    if previous is not None and previous.pk != subject.pk and not previous.reports.exists():
        previous.delete()
    _prefill_perception(report, subject)
    return subject


def _prefill_perception(report: Report, subject: Subject) -> None:
    """Start from the first colleague's perception of the same person; the officer can change it."""
    first = subject.reports.exclude(pk=report.pk).order_by("created_at").first()
    if first is None:
        return
    changed = []
    for spec in fields_on("perception"):
        if not getattr(report, spec.name) and getattr(first, spec.name):
            setattr(report, spec.name, getattr(first, spec.name))
            changed.append(spec.name)
    if changed:
        report.save(update_fields=changed)


# Tactics (several in one step, moved, removed) are written by tactic_services.py.


# --- submission ---------------------------------------------------------------------------------

def submit_report(report: Report, by: User, version: int | None = None) -> None:
    """Submit (or resubmit) a complete report: every question answered and valid."""
    if completeness.report_problems(report):
        raise RecordingError("The report is not complete yet: answer the questions marked on this page")
    workflow.transition(report, "submit", by, version=version)


# --- discarding a draft -------------------------------------------------------------------------

DISCARDED = "Draft discarded by the officer before submission"


@transaction.atomic
def discard_draft(report: Report, by) -> None:
    """The author discards their own draft: it never counted, and now it never will.

    The report is marked deleted (as soft deletion does, so the statistics' copy is patched, not
    rebuilt) and let go of what would still count or block: the person it was on (removed if no
    other report names them, so the officer can start again on the same person) and the colleagues
    it named as present (they no longer owe a report because of it). A returned report has been
    submitted and reviewed, so it cannot be discarded: it can be resubmitted, or deleted by a force
    administrator."""
    current = Report.objects.select_for_update().get(pk=report.pk)
    if current.officer_id != getattr(by, "pk", None):
        raise RecordingError("Only the officer who started a draft can discard it")
    if current.deleted_at is not None:
        raise RecordingError("This draft has already been discarded")
    if current.status != Report.Status.DRAFT:
        raise RecordingError("This report has been submitted, so it cannot be discarded")
    now = timezone.now()
    subject_id = current.subject_id
    named = list(OfficerPresent.objects.filter(named_by=current).values_list("officer_id", flat=True))
    OfficerPresent.objects.filter(named_by=current).delete()
    Report.objects.filter(pk=report.pk).update(deleted_at=now, deleted_by=by, deletion_reason=DISCARDED,
                                               subject=None, updated_at=now, version=current.version + 1)
    if subject_id is not None and not Report.objects.filter(subject_id=subject_id).exists():
        Subject.objects.filter(pk=subject_id).delete()
    report.deleted_at, report.subject_id, report.version = now, None, current.version + 1
    fields = ["deleted_at", *(["subject"] if subject_id else []), *(["officers_present"] if named else [])]
    audit.record(by, AuditEvent.Action.DISCARD, report, fields, detail="draft discarded by its author")
