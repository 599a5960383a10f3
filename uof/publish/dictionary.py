"""The public data dictionary: what every published figure and column means, generated from the
field declarations, the publication's tables and its disclosure rule (never written by hand)."""
from __future__ import annotations

from uof.reports.dictionary import _dates, asked_dates, not_asked_dates
from uof.reports.fieldset import FIELDS, FIELDS_BY_NAME, PAGE_TITLES
from uof.reports.tactics import AEP_MEANING, GROUPS, TACTICS
from uof.stats.catalogue import PUBLISHED_MEASURES
from uof.stats.rows import HEALTH_FIELDS, HEALTH_PUBLIC, NOT_ASKED_ROW

from .disclosure import Rule
from .opendata import MULTI, QI, WITHHELD, yes_no_fields

UNITS = [
    ("report", ("One officer's account of using force on one person in one incident. The Home Office's "
               "unit (it calls it an \"incident\"). Several officers at one event make several reports.")),
    ("incident", ("One event, however many officers and people were involved: reports with the same incident "
                 "reference.")),
    ("subject", "One person force was used on, in one incident, counted once however many officers reported."),
    ("tactic use", "One tactic on one report, counted once per report; a Taser (CED) at its highest level."),
]
def _not_asked(fields, said: str) -> str:
    """What the record file says for incidents none of `fields` was asked of (empty: always asked)."""
    if not all(f.introduced or f.retired for f in fields):
        return ""
    spans = sorted({not_asked_dates(f) for f in fields})
    return f"; {said} for incidents {' and '.join(spans)} (the question was not on the form then)"


def _family_not_asked() -> str:
    notes = [f"{prefix}: … columns say \"not asked\" for incidents {not_asked_dates(FIELDS_BY_NAME[column])}"
             for column, (_key, prefix) in MULTI.items()
             if FIELDS_BY_NAME[column].introduced or FIELDS_BY_NAME[column].retired]
    return ("; the " + "; the ".join(notes) + " (the question was not on the form then)") if notes else ""


def record_columns() -> list[tuple[str, str]]:
    """The record file's columns and what each means (the yes/no answers from the declarations)."""
    def field(name):
        return FIELDS_BY_NAME[name]
    return [
        ("force", "The force area where force was used (collaboration publications only)."),
        ("district", "The district where force was used; [c] when withheld."),
        ("month", "The month of the incident (YYYY-MM), or its quarter or the whole period when generalised."),
        ("age_band", ("Officer-perceived age band (Home Office bands), or a broad band (Under 18, 18 to 49, "
                     "50 and over) when generalised; [c] when withheld"
                     + _not_asked([field("age_band")], NOT_ASKED_ROW) + ".")),
        ("gender", "Officer-perceived gender; [c] when withheld" + _not_asked([field("gender")], NOT_ASKED_ROW) + "."),
        ("ethnicity", ("Officer-perceived ethnicity (Home Office groups), or White / Ethnic minority when "
                      "generalised; [c] when withheld" + _not_asked([field("ethnicity")], NOT_ASKED_ROW) + ".")),
        ("qi_withheld", ("yes when district, month, age, gender and ethnicity are all withheld for this row, because "
                        "its combination of them was too rare to publish.")),
        ("health", f"Officer-perceived health condition: {', '.join(HEALTH_PUBLIC[:-1])} or {HEALTH_PUBLIC[-1]}"
                   + _not_asked([field(n) for n in HEALTH_FIELDS], NOT_ASKED_ROW) + "."),
        ("subject_injured", "Was the person injured: yes, no or not known."),
        ("subject_injury_level", "minor, severe or death; empty when not injured."),
        ("officer_injury_level", "minor or severe; empty when the officer was not injured."),
        ("ced_highest", "The highest Taser (CED) level used; empty when none."),
        *((f.name, f"{f.counted_as}: yes or no" + _not_asked([f], '"not asked"') + ".") for f in yes_no_fields()),
        ("tactic: …", ("One column per tactic (as the tables name it; the Home Office's term is in the list of "
                      "tactics below): 1 if used in this report, else 0.")),
        ("location: …, reason: …, impact factor: …, outcome: …",
         "One column per category: 1 if it applies, else 0" + _family_not_asked() + "."),
    ]


def dictionary(content: dict | None = None) -> dict:
    """The dictionary as data (the page and its JSON render it); with a publication, its own rule."""
    rule_text = content["rule_text"] if content else Rule().describe()
    tables = [{"key": m.key, "title": m.title, "unit": m.unit, "about": m.about, "counts": list(m.counts)}
              for m in PUBLISHED_MEASURES if content is None or any(t["key"] == m.key for t in content["tables"])]
    fields = []
    for f in FIELDS:
        if f.private:
            continue
        options = [{"code": o.code, "label": o.label, "published_as": o.public_category, "home_office": o.ho_category,
                    "in_use": _dates(o)}
                   for o in (f.vocabulary.options if f.vocabulary else [])]
        fields.append({"name": f.name, "question": f.label, "page": PAGE_TITLES[f.page], "type": f.kind.description,
                       "national": f.national, "asked": asked_dates(f), "options": options})
    fields.append({"name": "tactics", "question": "Tactics used, in order", "page": PAGE_TITLES["tactics"],
                   "type": "ordered list of tactics", "national": True,
                   "options": [{"code": o.code, "label": o.label, "published_as": f"{GROUPS[o.extra['group']]}: "
                                f"{o.public_category}", "home_office": o.ho_category, "in_use": _dates(o)}
                               for o in TACTICS.options]})
    terms = [{"term": "Taser", "meaning": "A Taser is a conducted energy device (CED, the Home Office's term): it "
                                          "fires two darts that deliver an electric current, or is held against "
                                          "the person (drive stun). Drawn, aimed, red-dotted (its laser sight "
                                          "shown on the person) and arced (a spark shown as a warning) are not "
                                          "discharges; fired and drive stun are."},
             {"term": "AEP", "meaning": AEP_MEANING},
             {"term": "Irritant spray", "meaning": "CS or PAVA spray, recorded apart and published together."}]
    return {"units": [{"unit": u, "meaning": m} for u, m in UNITS], "rule_text": rule_text, "withheld": WITHHELD,
            "tables": tables, "record_columns": [{"column": c, "meaning": m} for c, m in record_columns()],
            "identifying": QI, "fields": fields, "terms": terms,
            "never_published": [f.label for f in FIELDS if f.private]}
