"""The rows of the statistics' own tables: what each is called (the label the public reads) and
its code (the key its cells are known by: option codes, district codes, answer codes, measure
names). Labels may be reworded freely; codes never change. The Home Office tables keep the Home
Office's words and have no codes. Nothing here reads the analytical copy."""
from __future__ import annotations

from uof.reports.fieldset import counted_fields
from uof.reports.tactics import GROUPS, TACTICS
from uof.reports.vocabulary import YES_NO

from .codes import COLUMNS_BY_NAME

CED_LEVELS = {o.extra["ced_rank"]: o for o in TACTICS.options if "ced_rank" in o.extra}

# Row labels of the statistics' own tables (what the public pages, files and API show; the Home
# Office tables keep the Home Office's words). Categories come from `Option.public_category`.
TASER_NOT_DISCHARGED = "Taser not discharged (drawn, aimed, red-dotted or arced)"
TASER_DISCHARGED = "Taser discharged (fired or drive stun)"
NOTHING_RECORDED = "Nothing recorded"

NOT_REPORTED_KEY, NOT_ASKED_KEY, NOTHING_KEY = "not_reported", "not_asked", "nothing_recorded"


def category_key(codes) -> str:
    """The row key of a category: its option codes (several options may share one published name)."""
    return "+".join(codes)


def categories(vocabulary) -> dict[str, tuple[str, list[str]]]:
    """Published categories of a vocabulary: key -> (label, option codes), in the vocabulary's order."""
    by_label: dict[str, list[str]] = {}
    for option in vocabulary.options:
        by_label.setdefault(option.public_category, []).append(option.code)
    return {category_key(codes): (label, codes) for label, codes in by_label.items()}


# The headline table's rows: (measure, unit, key).
SUMMARY_ROWS = (("reports", "report", "reports"), ("incidents", "incident", "incidents"),
                ("subjects", "subject", "subjects"), ("tactic uses", "tactic use", "tactic_uses"),
                ("reports per incident", "report", "reports_per_incident"))
SUMMARY_KEYS = [key for _, _, key in SUMMARY_ROWS]


STREET_KEY, DISTRICT_TOTAL_KEY = "street", "total"
STREET, DISTRICT_TOTAL = "street (outside custody)", "district total"  # their labels


def place_code(place) -> str:
    """A district's or custody suite's row code: its force and its code within the force (stable:
    codes are never reused), "none" for reports with no district."""
    return f"{place.force.slug}:{place.code}" if place else "none"


def tactic_categories() -> dict[tuple[str, str], list[str]]:
    """(group, published tactic) -> its tactic codes, Taser levels apart (each counts at its own row)."""
    by_category: dict[tuple[str, str], list[str]] = {}
    for option in TACTICS.options:
        if option.extra.get("parent") != "CED":
            by_category.setdefault((GROUPS[option.extra["group"]], option.public_category), []).append(option.code)
    return by_category


def tactic_row_keys() -> list[str]:
    """The row keys of `tables._tactic_rows`, in its order: each published tactic's codes, then each Taser level."""
    return [category_key(codes) for codes in tactic_categories().values()] + [
        o.code for _, o in sorted(CED_LEVELS.items())]


TASER_NOT_DISCHARGED_KEY, TASER_DISCHARGED_KEY = "ced_not_discharged", "ced_discharged"
NO_TACTIC_KEY, TACTIC_USES_KEY = "no_tactic", "tactic_uses"
NO_TACTIC = ("Not reported", "No tactic recorded")  # (group, tactic) labels of those two rows
TACTIC_USES = ("Total", "Tactic uses (excluding tactical communication)")


def option_groups(vocabulary) -> dict[str, list[str]]:
    """Groups of options (Option.extra["group"]): each has an "(any)" row."""
    groups: dict[str, list[str]] = {}
    for option in vocabulary.options:
        if option.extra.get("group"):
            groups.setdefault(option.extra["group"], []).append(option.code)
    return groups


def group_key(group: str) -> str:
    return f"{group}:any"


HEALTH = ["Mental", "Physical", "Physical and mental", "None", "Not reported"]  # the Home Office's words
HEALTH_FIELDS = ("mental_condition", "physical_condition")
HEALTH_PUBLIC = ["Mental health condition", "Physical health condition", "Physical and mental health conditions",
                 "No health condition", "Not reported"]  # the same categories, as the public pages say them


HEALTH_KEYS = ["mental", "physical", "physical_and_mental", "none", NOT_REPORTED_KEY]


def category_keys(column: str) -> list[str]:
    """The row keys of a subjects table, in its order (then "not asked" when it has that row)."""
    if column == "health":
        return [*HEALTH_KEYS, NOT_ASKED_KEY]
    return [*categories(COLUMNS_BY_NAME[column].vocabulary), NOT_REPORTED_KEY, NOT_ASKED_KEY]


NOT_ASKED = "not asked"
NOT_ASKED_ROW = "Not asked"


def answer_key(column: str, option: str) -> str:
    """The row key of the reports with this answer (injuries table)."""
    return f"{column}={option}"


def _injury_rows() -> list[tuple[str, str, str]]:
    """(row label, answer, option) of the injuries table, from the declarations (`Field.counted_as`):
    a yes/no answer is one row (its yes), any other choice a row per option. Its key: answer_key."""
    rows = []
    for f in counted_fields():
        if f.vocabulary is YES_NO:
            rows.append((f.counted_as, f.name, "yes"))
        else:
            rows += [(f"{f.counted_as}: {o.label.lower()}", f.name, o.code) for o in f.vocabulary.options]
    return rows


INJURIES = _injury_rows()


def sometimes_asked() -> list:
    """Counted answers some records were never asked (incidents before the question was introduced,
    or after it was retired): each gets a "<row>: not asked" row when there are such reports."""
    return [f for f in counted_fields() if f.introduced or f.retired]


def not_asked_row(f) -> str:
    return f"{f.counted_as}: {NOT_ASKED}"


SUBJECT_INJURIES = ["Not recorded as injured", "Injured", "Most serious injury: minor", "Most serious injury: severe",
                    "Most serious injury: death"]
SUBJECT_INJURY_KEYS = ["not_injured", "injured", "worst=minor", "worst=severe", "worst=death"]


# The recording table's rows: (measure, unit, key).
RECORDING_ROWS = (("incidents with 1 report", "incident", "incidents_1_report"),
                  ("incidents with 2 reports", "incident", "incidents_2_reports"),
                  ("incidents with 3 reports", "incident", "incidents_3_reports"),
                  ("incidents with 4 or more reports", "incident", "incidents_4_or_more_reports"),
                  ("incidents with more than one report", "incident", "incidents_several_reports"),
                  ("reports approved", "report", "reports_approved"),
                  ("reports awaiting review", "report", "reports_submitted"),
                  ("reports returned to the officer", "report", "reports_returned"))
RECORDING_KEYS = [key for _, _, key in RECORDING_ROWS]

