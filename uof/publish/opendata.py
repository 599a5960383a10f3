"""The record-level open dataset: one row per report, safe to publish.

No free text, names, references or body-worn video ids; the date becomes the month, the place
the district. Two things make it safe:

1. k-anonymity on the quasi-identifiers (district, month, age band, gender, ethnicity): columns are
   generalised a step at a time (month -> quarter -> the period; age bands -> broad bands;
   ethnicity -> White / ethnic minority; district and gender withheld), choosing the step that
   leaves fewest rows in rare combinations, until few remain; the rows still in a combination
   seen fewer than k (= the threshold) times lose all five values (`qi_withheld` = yes).
2. It reveals nothing the tables withhold: a category whose count the tables withhold is shown
   as [c] in the file (a flag column for a withheld tactic, reason … is [c] on every row).
   What the file still tells a reader about the tables' cells is returned as `Fact`s, so that
   disclosure control can check the tables and the file together (snapshot.build loops until
   neither needs anything more withheld).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter

import numpy as np

from uof.reports.fieldset import FIELDS_BY_NAME, counted_fields
from uof.reports.tactics import GROUPS, TACTICS
from uof.reports.vocabulary import YES_NO
from uof.stats import store as stores
from uof.stats.catalogue import BY_FIELD, INJURIES, PLACES, PUBLISHED_MEASURES, TACTICS_USED
from uof.stats.codes import COLUMNS_BY_NAME, TACTIC_BIT
from uof.stats.rows import (
    DISTRICT_TOTAL_KEY,
    HEALTH_FIELDS,
    HEALTH_PUBLIC,
    NO_TACTIC_KEY,
    NOT_ASKED,
    NOT_ASKED_KEY,
    NOT_ASKED_ROW,
    NOT_REPORTED_KEY,
    NOTHING_KEY,
    answer_key,
    categories,
    category_key,
    category_keys,
    place_code,
    tactic_categories,
)

from .cells import INF, CellId, Fact, R

WITHHELD = "[c]"
QI = ["district", "month", "age_band", "gender", "ethnicity"]
SUPPRESSION_SHARE = 0.05  # generalise until at most this share of rows would need local suppression
_BROAD_AGE = {"0-10": "Under 18", "11-17": "Under 18", "18-34": "18 to 49", "35-49": "18 to 49",
              "50-64": "50 and over", "65+": "50 and over"}
AGE_BROAD = {o.public_category: _BROAD_AGE[o.code] for o in COLUMNS_BY_NAME["age_band"].vocabulary.options}
# Yes/no answers the injuries table counts: each is a column of the file, "not asked" for records
# made before the question was (or after it stopped being) asked.
def yes_no_fields() -> list:
    return [f for f in counted_fields() if f.vocabulary is YES_NO]
# Multi-select answer -> (its table, the prefix of its flag columns).
MULTI = {m.field: (m.key, m.record_prefix) for m in PUBLISHED_MEASURES if m.relations == "multi"}
MULTI_KEY_OF = {column: {label: key for key, (label, _) in categories(COLUMNS_BY_NAME[column].vocabulary).items()}
                for column in MULTI}
# The file's words for the person injured answer -> its option code.
SUBJECT_INJURED = {"yes": "yes", "no": "no", "not known": "unknown"}
TACTICS_KEY = TACTICS_USED.key


def _health(mental: str, physical: str) -> str:
    mental_only, physical_only, both, neither, not_reported = HEALTH_PUBLIC
    if mental == "yes" and physical == "yes":
        return both
    if mental == "yes":
        return mental_only
    if physical == "yes":
        return physical_only
    return neither if (mental, physical) == ("no", "no") else not_reported


TACTIC_ROW = {o.code: f"{GROUPS[o.extra['group']]} / {o.public_category}" for o in TACTICS.options
              if o.extra.get("parent") != "CED"}
CED_ROW = {o.code: f"{GROUPS[o.extra['group']]} / {o.public_category}" for o in TACTICS.options
           if o.extra.get("parent") == "CED"}
COMMUNICATION = {code for code, row in TACTIC_ROW.items() if row.startswith(GROUPS["communication"])}
# A flag column's label -> the key of its table row (the codes of the category).
TACTIC_KEY_OF = {f"{group} / {tactic}": category_key(codes) for (group, tactic), codes in tactic_categories().items()}
CED_KEY_OF = {row: code for code, row in CED_ROW.items()}
# A perceived answer as the file says it -> the key of its table row.
QI_KEY_OF = {column: {**{label: key for key, (label, _) in categories(COLUMNS_BY_NAME[column].vocabulary).items()},
                      "Not reported": NOT_REPORTED_KEY, NOT_ASKED_ROW: NOT_ASKED_KEY}
             for column in ("age_band", "gender", "ethnicity")}
HEALTH_KEY_OF = dict(zip([*HEALTH_PUBLIC, NOT_ASKED_ROW], category_keys("health")))


def source_rows(forces, start, end, store=None) -> list[dict]:
    """Each counted report as the labels the tables use (true values, before any protection), read
    from the statistics' analytical copy, so the file and the tables count exactly the same rows."""
    store = store or stores.current()
    a = store.arrays
    index = np.flatnonzero(store.select([f.slug for f in forces], start, end))
    options = {name: COLUMNS_BY_NAME[name].vocabulary.options for name in COLUMNS_BY_NAME}

    def label(name: str, code: int, day) -> str:
        if code:
            return options[name][code - 1].public_category
        return "Not reported" if FIELDS_BY_NAME[name].asked_on(day) else NOT_ASKED_ROW

    def answer(name: str, code: int) -> str:
        return options[name][code - 1].code if code else ""

    bits = {code: 1 << bit for code, bit in TACTIC_BIT.items()}
    tactic_labels = {}
    multi_labels = {name: {} for name in MULTI}
    ced = {o.extra["ced_rank"]: o.public_category for o in TACTICS.options if o.extra.get("parent") == "CED"}
    out = []
    for i in index.tolist():
        mask = int(a["tactics"][i])
        if mask not in tactic_labels:
            tactic_labels[mask] = {TACTIC_ROW[c] for c, b in bits.items() if mask & b and c in TACTIC_ROW}
        district = int(a["district"][i])
        day = dt.date.fromordinal(int(a["day"][i]))
        health = [answer(name, a[name][i]) for name in HEALTH_FIELDS]
        row = {"force": store.forces[int(a["force"][i])].slug, "month": day.strftime("%Y-%m"),
               "district": store.districts[district].name if district else "No district recorded",
               "district_code": place_code(store.districts[district]),
               "age_band": label("age_band", a["age_band"][i], day), "gender": label("gender", a["gender"][i], day),
               "ethnicity": label("ethnicity", a["ethnicity"][i], day),
               "health": NOT_ASKED_ROW if not any(health) and not any(
                   FIELDS_BY_NAME[name].asked_on(day) for name in HEALTH_FIELDS) else _health(*health),
               "subject_injured": {code: said for said, code in SUBJECT_INJURED.items()}.get(
                   answer("subject_injured", a["subject_injured"][i]), ""),
               "subject_injury_level": answer("subject_injury_level", a["subject_injury_level"][i]),
               "officer_injury_level": answer("officer_injury_level", a["officer_injury_level"][i]),
               "ced_highest": ced.get(int(a["ced"][i]), ""),
               TACTICS_KEY: tactic_labels[mask]}
        for f in yes_no_fields():
            code = int(a[f.name][i])
            row[f.name] = answer(f.name, code) if code or f.asked_on(day) else NOT_ASKED
        row["not_asked"] = {column for column in MULTI if not a[column][i] and not FIELDS_BY_NAME[column].asked_on(day)}
        for column in MULTI:
            value = int(a[column][i])
            known = multi_labels[column]
            if value not in known:
                known[value] = {o.public_category for k, o in enumerate(options[column]) if value & (1 << k)}
            row[column] = known[value]
        out.append(row)
    return out


# --- what each released column says about the tables' cells -------------------------------------

def _single_columns(cells: set[CellId]) -> dict[str, dict[str, dict[CellId, float]]]:
    """Single-valued non-identifying columns: value -> the cells whose sum it counts."""
    inj = INJURIES.key

    def c(label):
        return (inj, label, "reports")
    def answer(column, option):
        return c(answer_key(column, option))
    health_cell = {label: (BY_FIELD["health"].key, key, "reports") for label, key in HEALTH_KEY_OF.items()}
    health = {label: {cell: 1} for label, cell in health_cell.items() if label != NOT_ASKED_ROW or cell in cells}
    ced = {label: (TACTICS_KEY, key, "reports involving tactic") for label, key in CED_KEY_OF.items()}
    out = {
        "health": health,
        "subject_injured": {v: {answer("subject_injured", code): 1} for v, code in SUBJECT_INJURED.items()},
        "subject_injury_level": {**{v: {answer("subject_injury_level", v): 1} for v in ("minor", "severe", "death")},
                                 "": {answer("subject_injured", "no"): 1, answer("subject_injured", "unknown"): 1}},
        "officer_injury_level": {**{v: {answer("officer_injury_level", v): 1} for v in ("minor", "severe")},
                                 "": {R: 1, answer("officer_injured", "yes"): -1}},
        "ced_highest": {**{label.split(" / ", 1)[1]: {cell: 1} for label, cell in ced.items()},
                        "": {R: 1, **{cell: -1 for cell in ced.values()}}},
    }
    for f in yes_no_fields():
        yes, not_asked = answer(f.name, "yes"), answer(f.name, NOT_ASKED_KEY)
        if not_asked in cells:  # yes + no + not asked = reports
            out[f.name] = {"yes": {yes: 1}, NOT_ASKED: {not_asked: 1}, "no": {R: 1, yes: -1, not_asked: -1}}
        else:
            out[f.name] = {"yes": {yes: 1}, "no": {R: 1, yes: -1}}
    return {k: v for k, v in out.items() if all(cell in cells for e in v.values() for cell in e)}


def _qi_key(column: str, row: dict) -> str | None:
    """The table row a quasi-identifier's value of this record counts in (its key)."""
    if column == "district":
        return row["district_code"]
    return QI_KEY_OF[column].get(row[column]) if column in QI_KEY_OF else None


def _qi_cells(column: str, key: str | None) -> CellId | None:
    if key is None:
        return None
    if column == "district":
        return (PLACES.key, f"{key}/{DISTRICT_TOTAL_KEY}", "reports")
    return (BY_FIELD[column].key, key, "reports")


def _generalise(column: str, level: int, value: str, period_label: str) -> str:
    if value == WITHHELD or level == 0:
        return value
    if column == "month":
        if level == 1:
            year, month = int(value[:4]), int(value[5:7])
            first = year if month >= 4 else year - 1
            return f"{first}/{(first + 1) % 100:02d}-Q{((month - 4) % 12) // 3 + 1}"
        return period_label
    if column == "age_band" and level == 1:
        return AGE_BROAD.get(value, value)
    if column == "ethnicity" and level == 1:
        return value if value in ("White", "Not reported", NOT_ASKED_ROW) else "Ethnic minority"
    return WITHHELD


LEVELS = {"district": 1, "month": 2, "age_band": 2, "gender": 1, "ethnicity": 2}


def release(rows: list[dict], withheld: set[CellId], cells: set[CellId], threshold: int,
            period_label: str) -> tuple[str, list[Fact]]:
    """The CSV text of the open dataset and the facts it gives about the tables' cells."""
    k = threshold
    # Categories the tables withhold become [c] before anything else.
    qi_values = []
    for row in rows:
        values = {}
        for column in QI:
            cell = _qi_cells(column, _qi_key(column, row))
            values[column] = WITHHELD if cell in withheld else row[column]
        qi_values.append(values)
    levels = {c: 0 for c in QI}
    # Every column's values at every level, worked out once: the search below tries many levels.
    general = {c: [[_generalise(c, level, v[c], period_label) for v in qi_values] for level in range(LEVELS[c] + 1)]
               for c in QI}

    def combos(levels):
        keys = list(zip(*(general[c][levels[c]] for c in QI)))
        counts = Counter(keys)
        return keys, sum(n for n in counts.values() if n < k)
    keys, rare = combos(levels)
    while rare > max(k, SUPPRESSION_SHARE * len(rows)):
        options = [c for c in QI if levels[c] < LEVELS[c]]
        if not options:
            break
        best = min(options, key=lambda c: (combos({**levels, c: levels[c] + 1})[1], QI.index(c)))
        levels[best] += 1
        keys, rare = combos(levels)
    counts = Counter(keys)
    suppressed = {i for i, key in enumerate(keys) if counts[key] < k}
    if 0 < len(suppressed) < k:  # the withheld rows themselves must be at least k
        for key, _ in sorted(counts.items(), key=lambda kv: (kv[1], kv[0])):
            if len(suppressed) >= k:
                break
            suppressed |= {i for i, other in enumerate(keys) if other == key}
    flag_columns = _flag_columns(cells)
    singles = _single_columns(cells)
    shown_single = {column: {v for v, e in values.items() if not any(c in withheld for c in e)}
                    for column, values in singles.items()}
    # No force column: files are published for one force only (a collaboration's reports are in its
    # forces' files), so no file splits a figure that another publication shows by force.
    header = QI + ["qi_withheld"] + list(singles) + [name for name, _, _ in flag_columns]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    released = []
    for i, row in enumerate(rows):
        line = {"qi_withheld": "yes" if i in suppressed else "no"}
        for column, value in zip(QI, keys[i]):
            line[column] = WITHHELD if i in suppressed else value
        for column in singles:
            line[column] = row[column] if row[column] in shown_single[column] else WITHHELD
        for name, family, label in flag_columns:
            cell = _flag_cell(family, label)
            if cell in withheld:
                line[name] = WITHHELD
            elif family in row["not_asked"] and _not_asked_cell(family) not in withheld:
                line[name] = NOT_ASKED  # never asked (a withheld "Not asked" count hides among the zeros)
            else:
                line[name] = "1" if label in row[family] else "0"
        released.append(line)
        writer.writerow([line[h] for h in header])
    facts = _facts(rows, released, suppressed, singles, shown_single, flag_columns, withheld, cells)
    return out.getvalue(), facts


def _flag_columns(cells: set[CellId]) -> list[tuple[str, str, str]]:
    """(column name, family, table row label) for every multi-valued category the tables have."""
    out = [(f"{TACTICS_USED.record_prefix}: {label.split(' / ', 1)[1]}", TACTICS_KEY, label)
           for label in TACTIC_ROW.values()]
    for column, (_table, prefix) in MULTI.items():
        for label in dict.fromkeys(o.public_category for o in COLUMNS_BY_NAME[column].vocabulary.options):
            out.append((f"{prefix}: {label}", column, label))
    out = list(dict.fromkeys(out))
    return [x for x in out if _flag_cell(x[1], x[2]) in cells]


def _not_asked_cell(family: str) -> CellId:
    return (MULTI[family][0], NOT_ASKED_KEY, "reports")


def _flag_cell(family: str, label: str) -> CellId:
    if family == TACTICS_KEY:
        return (TACTICS_KEY, TACTIC_KEY_OF[label], "reports involving tactic")
    return (MULTI[family][0], MULTI_KEY_OF[family][label], "reports")


def _facts(rows, released, suppressed, singles, shown_single, flag_columns, withheld, cells) -> list[Fact]:
    facts: list[Fact] = []
    n_sup = len(suppressed)

    def between(terms: dict[CellId, float], low: float, high: float):
        terms = {c: k for c, k in terms.items() if c in cells}
        if terms:
            facts.append(Fact(tuple(terms.items()), low, high))
    facts.append(Fact(((R, 1),), len(rows), len(rows)))  # the file has one row per report
    for column in ("district", "age_band", "gender", "ethnicity"):
        groups: dict[str, set[str]] = {}
        for row, line in zip(rows, released):
            if line["qi_withheld"] == "no":
                groups.setdefault(line[column], set()).add(_qi_key(column, row))
        for shown, members in groups.items():
            # [c] also covers the locally withheld rows, whose categories a reader cannot tell
            seen = sum(1 for line in released if line[column] == shown and line["qi_withheld"] == "no")
            terms = {_qi_cells(column, m): 1 for m in members if _qi_cells(column, m)}
            between(terms, seen, seen + n_sup)
    for column, values in singles.items():
        counts = Counter(line[column] for line in released)
        for value, expression in values.items():
            if value in shown_single[column]:
                between(expression, counts[value], counts[value])
        hidden: dict[CellId, float] = {}
        for value, expression in values.items():
            if value not in shown_single[column]:
                for c, k in expression.items():
                    hidden[c] = hidden.get(c, 0) + k
        if counts[WITHHELD]:
            between(hidden, counts[WITHHELD], counts[WITHHELD])
    for family in {f for _, f, _ in flag_columns}:
        columns = [(name, label) for name, f, label in flag_columns if f == family]
        hidden = [_flag_cell(family, label) for _, label in columns if _flag_cell(family, label) in withheld]
        unasked = _not_asked_cell(family) if family != TACTICS_KEY else None
        if unasked in cells and unasked not in withheld:  # its rows say "not asked"
            n = sum(1 for line in released if any(line[name] == NOT_ASKED for name, _ in columns))
            between({unasked: 1}, n, n)
        elif unasked in cells:
            hidden.append(unasked)  # its rows show no flag, like the withheld categories
        if family == TACTICS_KEY:  # Taser counts by its level, in its own column
            hidden += [(TACTICS_KEY, key, "reports involving tactic") for key in CED_KEY_OF.values()
                       if (TACTICS_KEY, key, "reports involving tactic") in withheld]
        if not hidden:
            continue
        shown = [name for name, label in columns if _flag_cell(family, label) not in withheld
                 and not (family == TACTICS_KEY and label.startswith(GROUPS["communication"]))]
        none_cell = (TACTICS_KEY, NO_TACTIC_KEY, "reports involving tactic") \
            if family == TACTICS_KEY else (MULTI[family][0], NOTHING_KEY, "reports")
        no_shown_flag = sum(1 for line in released if all(line[n] != "1" for n in shown)
                            and not any(line[n] == NOT_ASKED for n in shown)
                            and (family != TACTICS_KEY or line.get("ced_highest") in ("", WITHHELD, None)))
        # rows with no shown flag are either "none" or have only withheld flags
        # (rows saying "not asked" are left out of the count: the lower bound holds with them in the sum)
        between({**{c: 1 for c in hidden}, none_cell: 1, **({unasked: 1} if unasked in cells else {})},
                no_shown_flag, INF)
        between({none_cell: 1}, 0, no_shown_flag)
    return facts
