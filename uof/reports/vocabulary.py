"""The national use-of-force vocabularies, declared once.

Every option has a stable `code` (stored in records, exports and the API), a `label` (what
officers read on the form), the Home Office category it is published under (`ho`), that
category in plain English for the public pages where the Home Office's wording is not plain
(`plain`; `public_category`), and effective dates.
An option is never deleted: when the Home Office renames or merges a category the old option
gets a `valid_to` date (or `inactive=True`) and a new one takes over, so old records keep
their meaning. Sources: shared/design/vocabulary.md (HO tables 2019/20, MPS record file).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Option:
    code: str
    label: str
    ho: str | None = None  # Home Office category label; None means "same as label"
    # The published category as the public reads it; None means "same as label". Options sharing
    # a Home Office category must share it (uof/publish/tests/test_plain_labels_declared.py).
    plain: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    inactive: bool = False  # retired with no replacement date known
    hint: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def ho_category(self) -> str:
        return self.ho or self.label

    @property
    def public_category(self) -> str:
        """The category it is published under, in plain English (public pages, files, the API)."""
        return self.plain or self.label

    def available_on(self, day: date | None) -> bool:
        """May this option be chosen for an incident on `day`?"""
        if self.inactive:
            return False
        if day is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class Vocabulary:
    name: str
    label: str
    options: tuple[Option, ...]
    description: str = ""

    def __post_init__(self) -> None:
        codes = [o.code for o in self.options]
        if len(codes) != len(set(codes)):
            raise ValueError(f"duplicate option code in vocabulary {self.name}")
        object.__setattr__(self, "_by_code", {o.code: o for o in self.options})

    def get(self, code: str) -> Option | None:
        return self._by_code.get(code)

    def label_of(self, code: str | None) -> str:
        option = self.get(code) if code else None
        return option.label if option else ""

    def codes(self) -> list[str]:
        return [o.code for o in self.options]

    def available(self, day: date | None, keep: tuple[str, ...] = ()) -> list[Option]:
        """Options offered for an incident on `day`, plus any in `keep` already on the record."""
        return [o for o in self.options if o.available_on(day) or o.code in keep]


def _v(name: str, label: str, *options: Option, description: str = "") -> Vocabulary:
    return Vocabulary(name, label, tuple(options), description)


O = Option
FY2024 = date(2024, 4, 1)

YES_NO = _v("yes_no", "Yes or no", O("yes", "Yes"), O("no", "No"))
YES_NO_UNKNOWN = _v(
    "yes_no_unknown", "Yes, no or not known", O("yes", "Yes"), O("no", "No"), O("unknown", "Not known", ho="Unknown")
)

LOCATION_TYPES = _v(
    "location_type",
    "Location type",
    O("street", "Street or highway", ho="Street/ highway", extra={"group": "Public"}),
    O("open_ground", "Open ground (for example park, car park, field)", ho="Open ground (e.g. park, car park, field etc.)", extra={"group": "Public"}),
    O("retail", "Retail premises", extra={"group": "Public"}),
    O("licensed", "Licensed premises", extra={"group": "Public"}),
    O("public_transport", "Public transport", extra={"group": "Public"}),
    O("stadium", "Sports or event stadium", ho="Sports or event stadia", extra={"group": "Public"}),
    O("vehicle_cage", "Police vehicle with prisoner handling cage", extra={"group": "Police setting"}),
    O("vehicle_no_cage", "Police vehicle without prisoner handling cage", extra={"group": "Police setting"}),
    O("police_station", "Police station (not the custody block)", ho="Police station (excluding custody block)", extra={"group": "Police setting"}),
    O("custody_block", "Custody block", extra={"group": "Police setting"}),
    O("hospital", "Hospital or A&E (not a mental health setting)", ho="Hospital/ A&E (non mental health setting)", extra={"group": "Medical setting"}),
    O("mental_health_setting", "Mental health setting", extra={"group": "Medical setting"}),
    O("ambulance", "Ambulance", extra={"group": "Medical setting"}),
    O("dwelling", "Dwelling", extra={"group": None}),
    O("other", "Other", extra={"group": None}),
)

AGE_BANDS = _v(
    "age_band",
    "Officer-perceived age band",
    O("0-10", "10 or under", ho="Under 11 years"),
    O("11-17", "11 to 17", ho="11 - 17 years"),
    O("18-34", "18 to 34", ho="18 - 34 years"),
    O("35-49", "35 to 49", ho="35 - 49 years"),
    O("50-64", "50 to 64", ho="50 - 64 years"),
    O("65+", "65 or over", ho="65 and over"),
)

GENDERS = _v("gender", "Officer-perceived gender", O("male", "Male"), O("female", "Female"), O("other", "Other"))

ETHNICITIES = _v(
    "ethnicity",
    "Officer-perceived ethnicity",
    O("white", "White"),
    O("black", "Black or Black British", ho="Black (or Black British)"),
    O("asian", "Asian or Asian British", ho="Asian (or Asian British)", hint="Includes Chinese"),
    O("mixed", "Mixed"),
    O("other", "Other ethnic group", ho="Other"),
    # Until 2019/20 the Home Office published Chinese apart; it now counts under Asian.
    O("chinese", "Chinese", ho="Asian (or Asian British)", plain="Asian or Asian British", valid_to=date(2019, 3, 31)),
)

PRIMARY_CONDUCT = _v(
    "primary_conduct",
    "Subject's primary conduct",
    O("compliant", "Compliant"),
    O("passive", "Passive resistance"),
    O("verbal", "Verbal resistance or gestures", ho="Verbal resistance/gestures"),
    O("active", "Active resistance"),
    O("aggressive", "Aggressive resistance"),
    O("serious", "Serious or aggravated resistance"),
    description="Ordered from least to most resistant.",
)

IMPACT_FACTORS = _v(
    "impact_factor",
    "Impact factor",
    O("weapon", "Possession of a weapon"),
    O("alcohol", "Alcohol"),
    O("drugs", "Drugs"),
    O("mental_health", "Mental health"),
    O("prior_knowledge", "Prior knowledge"),
    O("size_gender_build", "Size, gender or build", ho="Size/gender/build"),
    O("abd", "Acute behavioural disturbance"),
    O("crowd", "Crowd"),
    O("other", "Other"),
)

REASONS = _v(
    "reason",
    "Reason for using force",
    O("protect_self", "Protect self"),
    O("protect_public", "Protect public"),
    O("protect_subject", "Protect subject"),
    O("protect_officers", "Protect other officers"),
    O("prevent_offence", "Prevent offence"),
    O("secure_evidence", "Secure evidence"),
    # Renamed by the Home Office from 2024/25; both publish under the same category.
    O("effect_search", "Effect search", valid_to=date(2024, 3, 31)),
    O("effect_stop_search", "Effect stop and search", ho="Effect search", plain="Effect search", valid_from=FY2024),
    O("effect_arrest", "Effect arrest"),
    O("method_of_entry", "Method of entry"),
    O("remove_handcuffs", "Remove handcuffs"),
    O("prevent_harm", "Prevent harm"),
    O("prevent_escape", "Prevent escape"),
    O("other", "Other"),
)

OUTCOMES = _v(
    "outcome",
    "Outcome",
    O("made_off", "Made off or escaped", ho="Made off/escaped"),
    O("arrested", "Arrested"),
    O("hospitalised", "Hospitalised"),
    O("detained_mha", "Detained under the Mental Health Act", ho="Detained (Mental Health Act)"),
    O("fatality", "Fatality"),
    # Appears in force files from 2023/24; the Home Office tables have no column, so "Other".
    O("no_further_action", "No further action", ho="Other", plain="Other", valid_from=date(2023, 4, 1)),
    O("other", "Other"),
)

MAIN_DUTIES = _v(
    "main_duty",
    "Officer's main duty",
    O("response", "Response (emergency and priority calls)"),
    O("neighbourhood", "Neighbourhood policing"),
    O("custody", "Custody"),
    O("roads", "Roads policing"),
    O("investigation", "Criminal investigation"),
    O("public_order", "Public order"),
    O("armed", "Armed response"),
    O("dogs", "Dog section"),
    O("off_duty", "Off duty"),
    O("other", "Other"),
    description="Not published by the Home Office; a local list (the national values are not public).",
)

OFFICER_INJURY_LEVELS = _v("officer_injury_level", "Officer injury level", O("minor", "Minor"), O("severe", "Severe"))
SUBJECT_INJURY_LEVELS = _v(
    "subject_injury_level", "Subject injury level", O("minor", "Minor"), O("severe", "Severe"), O("death", "Death")
)
