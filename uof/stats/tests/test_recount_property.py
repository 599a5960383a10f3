"""For random record sets, every table is consistent and equals a recount of the exported CSV.

The recount below uses only the standard library and literal labels: it imports nothing from
the statistics code, so a mistake there cannot hide in both.
"""
import csv
import datetime as dt
import io
from collections import Counter

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from uof.stats import export
from uof.stats.periods import date_range
from uof.stats.service import statistics

from .builders import build_plans

START, END = dt.date(2026, 4, 1), dt.date(2026, 6, 30)
TACTIC_CODES = ["handcuffing_compliant", "unarmed_skills", "cs_used", "pava_used", "ced_drawn", "ced_aimed",
                "ced_fired", "tactical_communication", "spit_guard", "dog_bite"]
report_answers = st.fixed_dictionaries({
    "gender": st.sampled_from(["male", "female", "other"]),
    "ethnicity": st.sampled_from(["white", "black", "asian", "mixed", "other"]),
    "age_band": st.sampled_from(["0-10", "11-17", "18-34", "35-49", "50-64", "65+"]),
    "mental_condition": st.sampled_from(["yes", "no"]),
    "subject_injured": st.sampled_from(["yes", "no", "unknown"]),
    "subject_injury_level": st.sampled_from(["minor", "severe", "death"]),
    "spat_at": st.sampled_from(["yes", "no"]),
    "reasons": st.lists(st.sampled_from(["protect_self", "effect_arrest", "prevent_harm"]), min_size=1, unique=True),
    "outcomes": st.lists(st.sampled_from(["arrested", "hospitalised", "other"]), min_size=1, unique=True),
    "_tactics": st.lists(st.sampled_from(TACTIC_CODES), min_size=0, max_size=4, unique=True),
    "_custody": st.booleans(),
})
incident_plans = st.lists(st.tuples(st.integers(0, 90), st.sampled_from(["peterborough", "cambridge"]),
                                    st.lists(report_answers, min_size=1, max_size=4)), min_size=1, max_size=12)

# Literal (plain-English) labels for the codes generated above (deliberately not imported).
ETHNICITY = {"white": "White", "black": "Black or Black British", "asian": "Asian or Asian British",
             "mixed": "Mixed", "other": "Other ethnic group"}
TACTIC_ROWS = {"Compliant handcuffing": {"handcuffing_compliant"}, "Unarmed skills": {"unarmed_skills"},
               "Irritant spray used": {"cs_used", "pava_used"}, "Spit and bite guard": {"spit_guard"},
               "Dog bite": {"dog_bite"}, "Tactical communication": {"tactical_communication"}}
CED_ROWS = {"ced_drawn": "Taser drawn", "ced_aimed": "Taser aimed", "ced_fired": "Taser fired"}
SEVERITY = {"minor": 2, "severe": 3, "death": 4}


def recount(text: str) -> dict:
    rows = list(csv.DictReader(io.StringIO(text)))
    out = {"reports": len(rows), "incidents": len({r["incident_id"] for r in rows}),
           "subjects": len({r["subject"] for r in rows})}
    place = Counter()
    for r in rows:
        place[(r["district"], r["custody_suite"] or "street")] += 1
    out["place"] = place
    out["ethnicity"] = Counter(ETHNICITY[r["ethnicity"]] for r in rows)
    out["minor"] = sum(r["subject_injury_level"] == "minor" for r in rows)
    out["severe"] = sum(r["subject_injury_level"] == "severe" for r in rows)
    out["spat"] = sum(r["spat_at"] == "yes" for r in rows)
    out["reasons"] = Counter(code for r in rows for code in r["reasons"].split("|") if code)
    tactics = [set(filter(None, r["tactics"].split("|"))) for r in rows]
    out["tactic_rows"] = {label: sum(bool(t & codes) for t in tactics) for label, codes in TACTIC_ROWS.items()}
    out["ced"] = Counter(CED_ROWS[r["ced_highest"]] for r in rows if r["ced_highest"])
    uses = sum(len({label for label, codes in TACTIC_ROWS.items() if t & codes} - {"Tactical communication"})
               for t in tactics) + sum(out["ced"].values())
    out["uses"] = uses
    out["with_tactic"] = sum(bool(t - {"tactical_communication"}) for t in tactics)
    worst = {}  # per person: 0 not injured, 1 injured (no level), 2 minor, 3 severe, 4 death
    for r in rows:
        injured = r["subject_injured"] == "yes"
        level = SEVERITY.get(r["subject_injury_level"], 1) if injured else 0
        worst[r["subject"]] = max(worst.get(r["subject"], 0), level)
    out["people"] = Counter(worst.values())
    return out


def _table(result, key):
    return next(t for t in result["tables"] if t.key == key)


def _value(table, label, column):
    row = next(r for r in table.rows if label in (r[0], r[1], " / ".join(map(str, r[:2]))))
    return row[table.columns.index(column)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(plans=incident_plans)
def test_tables_equal_a_stdlib_recount_of_the_export(org, plans):
    with transaction.atomic():
        build_plans(org, plans, START)
        result = statistics([org.cambs], date_range(START, END))
        buffer = io.StringIO()
        export.write_csv(buffer, ["cambridgeshire"], START, END)
        expected = recount(buffer.getvalue())
        check(result, expected)
        transaction.set_rollback(True)


def check(result, expected):
    summary = _table(result, "summary")
    reports, incidents = _value(summary, "reports", "count"), _value(summary, "incidents", "count")
    assert reports == expected["reports"] and incidents == expected["incidents"]
    assert _value(summary, "subjects", "count") == expected["subjects"]
    assert reports >= incidents
    places = _table(result, "places")
    for (district, place), n in expected["place"].items():
        name = {"peterborough": "Peterborough", "cambridge": "Cambridge"}[district]
        label = "street (outside custody)" if place == "street" else "Thorpe Wood custody"
        assert _value(places, f"{name} / {label}", "reports") == n
    ethnicity = _table(result, "subjects_ethnicity")
    for label in ETHNICITY.values():
        assert _value(ethnicity, label, "reports") == expected["ethnicity"][label]
    shares = [r[2] for r in ethnicity.rows if r[2] is not None]
    assert abs(sum(shares) - 100) <= 0.1 * len(shares)  # shares sum to 100% within rounding
    injuries = _table(result, "injuries")
    assert _value(injuries, "Person injury: minor", "reports") == expected["minor"]
    assert _value(injuries, "Person injury: severe", "reports") == expected["severe"]
    assert _value(injuries, "Officer spat at", "reports") == expected["spat"]
    people = _table(result, "subject_injuries")
    assert _value(people, "Injured", "subjects") == sum(n for k, n in expected["people"].items() if k)
    assert _value(people, "Not recorded as injured", "subjects") == expected["people"][0]
    for level, k in SEVERITY.items():
        assert _value(people, f"Most serious injury: {level}", "subjects") == expected["people"][k]
    reasons = _table(result, "reasons")
    assert _value(reasons, "Effect arrest", "reports") == expected["reasons"]["effect_arrest"]
    tactics = _table(result, "tactics")
    for label, n in expected["tactic_rows"].items():
        assert _value(tactics, label, "reports involving tactic") == n, label
    for label in CED_ROWS.values():
        assert _value(tactics, label, "reports involving tactic") == expected["ced"][label]
    uses = _value(tactics, "Tactic uses (excluding tactical communication)", "reports involving tactic")
    assert uses == expected["uses"] == _value(summary, "tactic uses", "count")
    assert uses >= expected["with_tactic"]  # tactic uses >= reports with a tactic
