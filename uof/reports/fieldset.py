"""The use-of-force report's field set, declared once.

Each `Field` says what it asks, which page asks it, what it stores and which vocabulary
governs it. From this one list uof derives the report's database columns, the form pages and
their validation, the record-level export header and the data dictionary.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import vocabulary as v
from .kinds import (
    CHOICE,
    DATE,
    FORCE,
    LINES,
    MULTI,
    OFFICERS,
    PLACE,
    REFERENCE,
    TEXTAREA,
    TIME,
    Kind,
)
from .tactics import TACTICS
from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: Kind  # what it stores, asks, checks and shows (kinds.py)
    page: str
    owner: str = "report"  # "report" or "incident"
    vocabulary: Vocabulary | None = None
    required: bool = True
    # (other field, value): asked only when the other field has that value (or contains it).
    only_if: tuple[str, str] | None = None
    hint: str = ""
    private: bool = False  # never published: free text, references, identities
    national: bool = True  # part of the national (Home Office) field set, not a local field
    max_length: int = 40
    inline: bool = False  # show radios side by side (short yes/no questions)
    # GOV.UK error message when a required question is unanswered, written for this question.
    error: str = ""
    # What other messages call the answer ("Your account must be …"); defaults to the label.
    noun: str = ""
    # Published in the injuries table (and the record file) under this name: a yes/no answer as one
    # row ("Officer spat at" = reports answering yes), any other choice as a row per option.
    counted_as: str = ""
    # Asked for incidents on or after `introduced` (and up to `retired`): a record of an incident
    # outside those dates was never asked it, and its answer is "not asked", not "not reported".
    introduced: date | None = None
    retired: date | None = None
    # A typical answer (codes, or a list of them): sample records (demo data, tests) are built from it.
    example: str | tuple[str, ...] | None = None

    @property
    def is_multi(self) -> bool:
        return self.kind.holds_list

    @property
    def name_in_messages(self) -> str:
        return self.noun or self.label.rstrip("?")

    def asked_on(self, day: date | None) -> bool:
        """Is this question asked of an incident on `day` (not yet dated: yes)?"""
        return day is None or ((self.introduced is None or self.introduced <= day)
                               and (self.retired is None or day <= self.retired))


F = Field
YN = v.YES_NO

FIELDS: tuple[Field, ...] = (
    # --- references: link reports of one incident (local fields) ---
    F("force", "Which force area did it happen in?", FORCE, "references", owner="incident", national=False,
      hint="Officers on mutual aid: choose the force whose area it happened in",
      error="Select the force area where it happened"),
    # The force's own example (Force.cad_reference_example) replaces this hint: references.with_force_hints.
    F("cad_reference", "Command and control (incident log) number", REFERENCE, "references", owner="incident",
      required=False, private=True, national=False, hint="As it appears on the incident log"),
    F("custody_reference", "Custody record number", REFERENCE, "references", owner="incident",
      required=False, private=True, national=False),
    F("crime_reference", "Crime number", REFERENCE, "references", owner="incident",
      required=False, private=True, national=False),
    # --- when and where the incident happened ---
    F("occurred_date", "Date of the incident", DATE, "incident", owner="incident",
      hint="For example, 27 3 2026",
      error="Enter the date of the incident"),
    F("occurred_time", "Time force was first used", TIME, "incident", owner="incident",
      hint="Use the 24-hour clock, for example 14:30",
      error="Enter the time force was first used"),
    F("district", "District (policing area)", PLACE, "incident", owner="incident", national=False,
      error="Select the district where it happened"),
    # --- where this officer used force ---
    F("location_types", "Where did you use force?", MULTI, "location", vocabulary=v.LOCATION_TYPES,
      hint="Select all that apply",
      error="Select where you used force", example=("street",)),
    F("custody_suite", "Which custody suite?", PLACE, "location", only_if=("location_types", "custody_block"),
      national=False,
      error="Select the custody suite"),
    # --- the subject as the officer perceived them ---
    F("age_band", "How old did the person seem?", CHOICE, "perception", vocabulary=v.AGE_BANDS,
      error="Select how old the person seemed", example="18-34"),
    F("gender", "What gender did the person seem to be?", CHOICE, "perception", vocabulary=v.GENDERS,
      error="Select what gender the person seemed to be", example="male"),
    F("ethnicity", "What ethnic group did the person seem to belong to?", CHOICE, "perception",
      vocabulary=v.ETHNICITIES,
      error="Select which ethnic group the person seemed to belong to", example="white"),
    F("physical_condition", "Did you perceive the person to have a physical health condition?", CHOICE,
      "perception", vocabulary=YN, inline=True,
      hint="Includes sensory impairments and fluctuating or recurring conditions such as epilepsy",
      error="Select yes if you perceived the person to have a physical health condition", example="no"),
    F("mental_condition", "Did you perceive the person to have a mental health condition?", CHOICE,
      "perception", vocabulary=YN, inline=True,
      hint="Includes learning disabilities, developmental impairments and mental illness",
      error="Select yes if you perceived the person to have a mental health condition", example="no"),
    # --- the officer ---
    F("main_duty", "What was your main duty at the time?", CHOICE, "officer", vocabulary=v.MAIN_DUTIES,
      error="Select your main duty at the time", example="response"),
    F("single_crewed", "Were you single crewed?", CHOICE, "officer", vocabulary=YN, inline=True,
      error="Select yes if you were single crewed", example="no"),
    F("ced_trained", "Are you trained to carry a Taser (CED)?", CHOICE, "officer", vocabulary=YN, inline=True,
      error="Select yes if you are trained to carry a Taser", example="no"),
    F("ced_carried", "Were you carrying a Taser (CED)?", CHOICE, "officer", vocabulary=YN, inline=True,
      only_if=("ced_trained", "yes"),
      error="Select yes if you were carrying a Taser"),
    F("bwv_references", "Body-worn video references", LINES, "officer", required=False, private=True,
      national=False, hint="One per line. Leave blank if there is no footage", max_length=60),
    F("officers_present", "Other officers present", OFFICERS, "officer", required=False, private=True,
      national=False, hint="Collar numbers, one per line or separated by commas. Officers of another "
      "force: write the force first, for example hertfordshire:4821", max_length=60),
    # --- the subject's behaviour and why force was used ---
    F("primary_conduct", "What was the person's main conduct?", CHOICE, "conduct", vocabulary=v.PRIMARY_CONDUCT,
      error="Select the person's main conduct", example="active"),
    F("impact_factors", "Which impact factors applied?", MULTI, "conduct", vocabulary=v.IMPACT_FACTORS,
      required=False, hint="Select all that apply, or none", example=()),
    F("reasons", "Why did you use force?", MULTI, "conduct", vocabulary=v.REASONS, hint="Select all that apply",
      error="Select why you used force", example=("effect_arrest",)),
    # --- tactics are an ordered list of (tactic, effective): see TacticUse ---
    # --- injuries ---
    F("officer_injured", "Were you injured as a result of the incident?", CHOICE, "injuries", vocabulary=YN,
      inline=True,
      error="Select yes if you were injured as a result of the incident", counted_as="Officer injured", example="no"),
    F("officer_injury_level", "How serious was your injury?", CHOICE, "injuries",
      vocabulary=v.OFFICER_INJURY_LEVELS, only_if=("officer_injured", "yes"),
      hint="Severe: broken bones, deep cuts, loss of consciousness or admission to hospital",
      error="Select how serious your injury was", counted_as="Officer injury"),
    F("officer_assaulted", "Were you intentionally assaulted by the person?", CHOICE, "injuries",
      vocabulary=YN, inline=True,
      error="Select yes if the person intentionally assaulted you", counted_as="Officer intentionally assaulted", example="no"),
    F("officer_medical", "Did you receive medical assistance?", CHOICE, "injuries", vocabulary=YN, inline=True,
      only_if=("officer_injured", "yes"),
      error="Select yes if you received medical assistance"),
    F("subject_injured", "Was the person injured as a result of your use of force?", CHOICE, "injuries",
      vocabulary=v.YES_NO_UNKNOWN,
      error="Select whether the person was injured as a result of your use of force", counted_as="Person injured", example="no"),
    F("subject_injury_level", "How serious was the person's injury?", CHOICE, "injuries",
      vocabulary=v.SUBJECT_INJURY_LEVELS, only_if=("subject_injured", "yes"),
      error="Select how serious the person's injury was", counted_as="Person injury"),
    F("subject_medical_offered", "Was medical assistance offered to the person?", CHOICE, "injuries",
      vocabulary=YN, inline=True,
      error="Select yes if medical assistance was offered to the person", example="no"),
    F("subject_medical_provided", "Was medical assistance provided to the person?", CHOICE, "injuries",
      vocabulary=YN, inline=True,
      error="Select yes if medical assistance was provided to the person", example="no"),
    # --- threats to the officer (local fields the seed publishes) ---
    F("spat_at", "Were you spat at?", CHOICE, "threats", vocabulary=YN, inline=True, national=False,
      error="Select yes if you were spat at", counted_as="Officer spat at", example="no"),
    F("threatened_with_weapon", "Were you threatened with a weapon?", CHOICE, "threats", vocabulary=YN,
      inline=True,
      error="Select yes if you were threatened with a weapon", counted_as="Officer threatened with a weapon", example="no"),
    F("assaulted_with_weapon", "Were you assaulted with a weapon?", CHOICE, "threats", vocabulary=YN,
      inline=True,
      error="Select yes if you were assaulted with a weapon", counted_as="Officer assaulted with a weapon", example="no"),
    F("public_order", "Was this a public order deployment?", CHOICE, "threats", vocabulary=YN, inline=True,
      hint="The Met publishes public order uses of force apart from individual ones",
      error="Select yes if this was a public order deployment", example="no"),
    # --- outcome and account ---
    F("outcomes", "What was the outcome?", MULTI, "outcome", vocabulary=v.OUTCOMES, hint="Select all that apply",
      error="Select at least one outcome", example=("arrested",)),
    F("account", "Describe what happened and why you used force", TEXTAREA, "account", private=True,
      hint="Your account is kept private: it is never published", max_length=20000,
      error="Enter your account of what happened and why you used force", noun="Your account"),
)

FIELDS_BY_NAME = {f.name: f for f in FIELDS}

# The form's pages in order. "subject" and "tactics" are pages with their own views.
PAGES: tuple[tuple[str, str], ...] = (
    ("references", "Incident references"),
    ("incident", "When and where"),
    ("subject", "The person"),
    ("perception", "About the person"),
    ("location", "Where you used force"),
    ("officer", "About you"),
    ("conduct", "Conduct and reasons"),
    ("tactics", "Tactics used"),
    ("injuries", "Injuries"),
    ("threats", "Threats and assaults"),
    ("outcome", "Outcome"),
    ("account", "Your account"),
)
PAGE_TITLES = dict(PAGES)
# Shown under a page's heading, with or without errors (the question pages need none).
PAGE_INTROS = {
    "references": "Enter the references of the incident. If colleagues have already reported on it, your report "
                  "joins theirs.",
    "perception": "Answer as the person seemed to you at the time.",
}
PAGE_ORDER = [p for p, _ in PAGES]


def fields_on(page: str) -> list[Field]:
    return [f for f in FIELDS if f.page == page]


def sample_answers(day: date | None = None, page: str | None = None) -> dict:
    """Every declared example answer asked on `day` (of one page): the one builder of sample
    records, for the demo data, test fixtures and property tests (multi-selects as lists)."""
    return {f.name: list(f.example) if isinstance(f.example, tuple) else f.example for f in FIELDS
            if f.example is not None and f.asked_on(day) and (page is None or f.page == page)}


def counted_fields() -> list[Field]:
    """The answers the injuries table counts (and the record file shows), in the form's order."""
    return [f for f in FIELDS if f.counted_as]


def report_fields() -> list[Field]:
    """Fields stored as columns of the report (not the incident, not derived lists)."""
    return [f for f in FIELDS if f.owner == "report" and f.kind.column_of_owner]


VOCABULARIES: tuple[Vocabulary, ...] = tuple(
    dict.fromkeys([f.vocabulary for f in FIELDS if f.vocabulary] + [TACTICS])
)
