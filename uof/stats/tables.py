"""Every table of the statistics layer, computed from the analytical copy for a selection.

Each table states its counting unit (report, incident, subject, tactic use) and what its
percentages are of. A report is one officer's use of force on one person in one incident (the
Home Office's "incident" up to 2019/20); an incident is one event however many officers and
people; a subject is one person in one incident; a tactic use is one tactic on one report
(counted once per report, Taser at its highest level).

Every table function takes a `Selection` (selection.py) and returns one `Table` per output of
the selection: one for a single force or collaboration, one per force (and the national total)
for `tables_by_force`. The counts come as matrices (outputs × categories) from one `bincount`
each; only the rows are built per output.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from uof.reports.fieldset import FIELDS_BY_NAME
from uof.reports.tactics import AEP_MEANING, GROUPS, TACTICS

from .codes import COLUMNS_BY_NAME, TACTIC_BIT
from .crossing import by_tactics, multi_by_tactics
from .rows import (
    CED_LEVELS,
    DISTRICT_TOTAL,
    DISTRICT_TOTAL_KEY,
    HEALTH,
    HEALTH_FIELDS,
    HEALTH_PUBLIC,
    INJURIES,
    NO_TACTIC,
    NO_TACTIC_KEY,
    NOT_ASKED,
    NOT_ASKED_KEY,
    NOT_ASKED_ROW,
    NOTHING_KEY,
    NOTHING_RECORDED,
    RECORDING_KEYS,
    RECORDING_ROWS,
    STREET,
    STREET_KEY,
    SUBJECT_INJURIES,
    SUBJECT_INJURY_KEYS,
    SUMMARY_KEYS,
    SUMMARY_ROWS,
    TACTIC_USES,
    TACTIC_USES_KEY,
    TASER_DISCHARGED,
    TASER_DISCHARGED_KEY,
    TASER_NOT_DISCHARGED,
    TASER_NOT_DISCHARGED_KEY,
    answer_key,
    categories,
    category_keys,
    group_key,
    not_asked_row,
    option_groups,
    place_code,
    sometimes_asked,
    tactic_categories,
    tactic_row_keys,
)
from .selection import Selection, dot

__all__ = ["Selection", "Table"]


@dataclass
class Table:
    """One table of one output. Its key, title and unit are the catalogue's (catalogue.Measure)."""

    key: str = ""
    title: str = ""
    unit: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    denominator: str = ""
    # One code per row, parallel to `rows` (option codes, district codes, measure names): cells are
    # keyed by them, so rewording a label changes no cell. Empty for the Home Office layouts.
    keys: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def shares(counts: np.ndarray, wholes: np.ndarray) -> list[list]:
    """pct(part, whole) of every count, per output (counts: outputs × rows; wholes: per output):
    the same arithmetic (IEEE division of the same floats) and the same rounding."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = (100.0 * counts.astype(np.float64) / np.asarray(wholes, dtype=np.float64)[:, None]).tolist()
    return [[round(x, 1) for x in row] if whole else [None] * len(row)
            for row, whole in zip(ratios, np.asarray(wholes).tolist())]


# --- headline ------------------------------------------------------------------------------------

def headline_counts(sel: Selection) -> list[dict[str, int]]:
    """Reports, incidents, subjects and tactic uses of each output."""
    uses = _tactic_uses(sel)
    return [{"reports": r, "incidents": i, "subjects": s, "tactic uses": u} for r, i, s, u in
            zip(sel.reports.tolist(), sel.incident_counts.tolist(), sel.subject_counts.tolist(), uses.tolist())]


def summary(sel: Selection, previous: Selection | None = None, year_earlier: Selection | None = None) -> list[Table]:
    units = {measure: unit for measure, unit, _ in SUMMARY_ROWS}
    empty = [{}] * sel.outputs
    befores = headline_counts(previous) if previous is not None else empty
    last_years = headline_counts(year_earlier) if year_earlier is not None else empty
    out = []
    for now, before, last_year in zip(headline_counts(sel), befores, last_years):
        rows = []
        for measure, value in now.items():
            prev, year = before.get(measure), last_year.get(measure)
            rows.append([measure, units[measure], value, prev, pct(value - prev, prev) if prev else None, year,
                         pct(value - year, year) if year else None])
        reports, incidents = now["reports"], now["incidents"]
        per_incident, unit, _ = SUMMARY_ROWS[-1]
        rows.append([per_incident, unit, round(reports / incidents, 2) if incidents else None, None, None, None, None])
        out.append(Table(columns=["measure", "unit", "count", "previous period", "change (%)", "a year earlier",
                          "change on a year (%)"], rows=rows, keys=SUMMARY_KEYS,
                         denominator="change is a percentage of the earlier period's count",
                         notes=[("A single use of force may be recorded several times if more than one officer was there: "
                          "reports count officers' accounts, incidents count events.")]))
    return out


# --- places --------------------------------------------------------------------------------------

def places(sel: Selection) -> list[Table]:
    """Reports and distinct incidents by street (per district) and custody suite, and per district."""
    store, encoding = sel.store, sel.encoding
    n_suites = len(store.suites)
    counts = sel.base()  # outputs × place × first of (incident, place) × of (incident, district) × …
    # Every district has a place (its street): sums over each district's places, in district order.
    order = np.argsort(encoding.place_district, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(encoding.place_district[order]) != 0])
    reports = counts.sum(axis=(2, 3, 4, 5))
    incidents = counts[:, :, 1].sum(axis=(2, 3, 4))
    totals = np.add.reduceat(reports[:, order], starts, axis=1)
    district_incidents = np.add.reduceat(counts[:, :, :, 1].sum(axis=(2, 3, 4))[:, order], starts, axis=1)
    suites_of: dict[int, list[int]] = {}
    for s, d in enumerate(encoding.place_district[1:n_suites].tolist(), start=1):
        suites_of.setdefault(d, []).append(s)
    names = [d.name if d else "" for d in store.districts]
    out = []
    for o in range(sel.outputs):
        n = int(sel.reports[o])
        here, seen, total, total_incidents = (x[o].tolist() for x in (reports, incidents, totals, district_incidents))
        rows, keys = [], []
        for d in sorted(np.flatnonzero(totals[o]).tolist(), key=lambda d: (-total[d], names[d])):
            name = names[d] if d else "No district recorded"
            code = place_code(store.districts[d])
            street = n_suites + d
            rows.append([name, STREET, here[street], seen[street], pct(here[street], n)])
            keys.append(f"{code}/{STREET_KEY}")
            for s in suites_of.get(d, ()):
                if here[s]:
                    rows.append([name, store.suites[s].name, here[s], seen[s], pct(here[s], n)])
                    keys.append(f"{code}/{place_code(store.suites[s])}")
            rows.append([name, DISTRICT_TOTAL, total[d], total_incidents[d], pct(total[d], n)])
            keys.append(f"{code}/{DISTRICT_TOTAL_KEY}")
        out.append(Table(columns=["district", "place", "reports", "incidents", "share of all reports (%)"], rows=rows,
                         keys=keys,
                         denominator=f"share of all {n:,} reports",
                         notes=["Reports in a custody suite count under the suite's district.",
                          ("Incidents are distinct events; an incident spanning street and custody counts in each "
                          "place.")]))
    return out


# --- tactics -------------------------------------------------------------------------------------

def tactic_counts(sel: Selection) -> np.ndarray:
    """Reports by output and tactic combination (shared by several tables)."""
    if "tactics" not in sel._cache:
        sel._cache["tactics"] = sel.tally("tactics")
    return sel._cache["tactics"]


def _tactic_rows(sel: Selection) -> tuple[list[tuple[str, str]], np.ndarray]:
    """[(group, tactic)] and the reports involving each, by output; CED by its highest level per report."""
    if "tactic rows" in sel._cache:
        return sel._cache["tactic rows"]
    values = sel.encoding.dictionaries["tactics"].values
    bits, ced = values["tactics"], values["ced"]
    labels, columns = [], []
    for label, codes in tactic_categories().items():
        mask = sum(1 << TACTIC_BIT[code] for code in codes)
        labels.append(label)
        columns.append((bits & np.uint64(mask)) != 0)
    for rank, option in sorted(CED_LEVELS.items()):
        labels.append((GROUPS["less_lethal"], option.public_category))
        columns.append(ced == rank)
    matrix = np.stack(columns, axis=1) if columns else np.zeros((len(bits), 0))
    sel._cache["tactic rows"] = labels, dot(tactic_counts(sel), matrix)
    return sel._cache["tactic rows"]




def _tactic_uses(sel: Selection) -> np.ndarray:
    """Tactic uses by output: each tactic once per report (Taser at its highest level), without
    tactical communication."""
    labels, counts = _tactic_rows(sel)
    keep = np.array([group != GROUPS["communication"] for group, _ in labels], dtype=bool)
    return counts[:, keep].sum(axis=1) if len(labels) else np.zeros(sel.outputs, np.int64)


def tactics(sel: Selection) -> list[Table]:
    labels, counts = _tactic_rows(sel)
    order = list(GROUPS.values())
    ranked = sorted(range(len(labels)), key=lambda i: order.index(labels[i][0]))
    values = sel.encoding.dictionaries["tactics"].values
    ced = values["ced"]
    comm = TACTIC_BIT["tactical_communication"]
    force_bits = np.uint64(((1 << len(TACTICS.options)) - 1) & ~(1 << comm))
    extra = dot(tactic_counts(sel), np.stack([(ced >= 1) & (ced <= 4), ced >= 5,
                                              (values["tactics"] & force_bits) == 0], axis=1))
    uses = _tactic_uses(sel).tolist()
    names = [labels[i] for i in ranked] + [
        (GROUPS["less_lethal"], TASER_NOT_DISCHARGED), (GROUPS["less_lethal"], TASER_DISCHARGED),
        NO_TACTIC]
    row_keys = tactic_row_keys()
    keys = [row_keys[i] for i in ranked] + [TASER_NOT_DISCHARGED_KEY, TASER_DISCHARGED_KEY, NO_TACTIC_KEY,
                                            TACTIC_USES_KEY]
    cells = np.concatenate([counts[:, ranked], extra], axis=1)
    percentages = shares(cells, sel.reports)
    out = []
    for o, here in enumerate(cells.tolist()):
        n = int(sel.reports[o])
        rows = [[group, tactic, value, share] for (group, tactic), value, share in zip(names, here, percentages[o])]
        rows.append([*TACTIC_USES, uses[o], None])
        out.append(Table(columns=["group", "tactic", "reports involving tactic", "share of reports (%)"], rows=rows,
                         keys=list(keys),
                         denominator=f"share of all {n:,} reports",
                         notes=["A tactic counts once per report however often it was used.",
                          ("A Taser (the Home Office says CED, conducted energy device) counts once per report at "
                          "its highest level: drawn then fired counts as fired."),
                          "CS and PAVA irritant sprays are recorded apart and published together.",
                          AEP_MEANING,
                          "Tactical communication is shown but left out of the total of tactic uses.",
                          ("Several tactics can be used in one report, so the rows do not sum to the number of "
                          "reports.")]))
    return out


# --- multi-select context -------------------------------------------------------------------------

def option_bits(column: str, codes) -> int:
    index = {o.code: i for i, o in enumerate(COLUMNS_BY_NAME[column].vocabulary.options)}
    return sum(1 << index[code] for code in codes)


def multi_select(sel: Selection, column: str) -> list[Table]:
    vocabulary = COLUMNS_BY_NAME[column].vocabulary
    found = categories(vocabulary)
    groups = option_groups(vocabulary)
    values = sel.values(column)
    labels = [f"{group} (any)" for group in groups] + [label for label, _ in found.values()] + [NOTHING_RECORDED]
    keys = [group_key(group) for group in groups] + list(found) + [NOTHING_KEY, NOT_ASKED_KEY]
    matrix = np.stack([(values & np.uint32(option_bits(column, codes))) != 0
                       for codes in [*groups.values(), *(codes for _, codes in found.values())]] + [values == 0], axis=1)
    by_tactics = multi_by_tactics(sel, column)
    if by_tactics is not None:
        counts = sel.totalled(dot(by_tactics.sum(axis=1), matrix))
    else:
        counts = dot(sel.tally(sel.combination(column)), matrix)
    labels, counts = _split_not_asked(sel, [FIELDS_BY_NAME[column]], labels, counts, NOTHING_RECORDED)
    percentages = shares(counts, sel.reports)
    out = []
    for o, here in enumerate(counts.tolist()):
        n = int(sel.reports[o])
        kept = [i for i, (label, value) in enumerate(zip(labels, here)) if value or label != NOT_ASKED_ROW]
        rows = [[labels[i], here[i], percentages[o][i]] for i in kept]
        out.append(Table(columns=["category", "reports", "share of reports (%)"], rows=rows, keys=[keys[i] for i in kept],
                         denominator=f"share of all {n:,} reports",
                         notes=["Several can apply to one report, so the rows do not sum to the number of reports."]))
    return out


# --- the people force was used on -----------------------------------------------------------------

def health_codes(mental: np.ndarray, physical: np.ndarray) -> np.ndarray:
    """The health category (index into HEALTH) of each pair of mental and physical condition codes."""
    options = [o.code for o in FIELDS_BY_NAME["mental_condition"].vocabulary.options]
    yes, no = 1 + options.index("yes"), 1 + options.index("no")
    out = np.full(len(mental), 4, dtype=np.uint8)  # Not reported
    out[(mental == yes) & (physical != yes)] = 0
    out[(physical == yes) & (mental != yes)] = 1
    out[(physical == yes) & (mental == yes)] = 2
    out[(physical == no) & (mental == no)] = 3
    return out


def health_pairs(sel: Selection) -> np.ndarray:
    """The HEALTH category of each (mental, physical) code pair of `crossing.by_tactics(sel, "health")`."""
    sizes = sel.column("mental_condition")[1], sel.column("physical_condition")[1]
    pairs = np.arange(sizes[0] * sizes[1])
    return health_codes(pairs // sizes[1], pairs % sizes[1])


def categories_of(sel: Selection, column: str) -> tuple[list[str], list[list[int]]]:
    """The subjects table's categories of `column`: labels and the codes in each."""
    if column == "health":
        code = health_pairs(sel)
        return HEALTH_PUBLIC, [np.flatnonzero(code == i).tolist() for i in range(len(HEALTH))]
    index = {o.code: i + 1 for i, o in enumerate(COLUMNS_BY_NAME[column].vocabulary.options)}
    found = categories(COLUMNS_BY_NAME[column].vocabulary).values()
    return [label for label, _ in found] + ["Not reported"], [[index[c] for c in codes] for _, codes in found] + [[0]]


def members(size: int, groups: list[list[int]]) -> np.ndarray:
    """A size × len(groups) 0/1 matrix: column j marks the codes in groups[j]."""
    matrix = np.zeros((size, len(groups)))
    for j, codes in enumerate(groups):
        matrix[codes, j] = 1
    return matrix


def perceived(sel: Selection, column: str) -> list[Table]:
    labels, codes = categories_of(sel, column)
    keys = category_keys(column)
    counts = by_tactics(sel, column).sum(axis=1)  # outputs × code × first-of-subject
    by_category = dot(np.swapaxes(counts, 1, 2), members(counts.shape[1], codes))  # outputs × first × category
    notes = ["As perceived by the reporting officer: not as reliable as self-reported data.",
             "A subject is counted once, by the first report on them."]
    if column == "age_band":
        notes.append("The national age bands cannot give an 18 to 39 figure: 18 to 34 and 35 to 49 are shown.")
    reports, subjects = by_category.sum(axis=1), by_category[:, 1]
    fields = [FIELDS_BY_NAME[name] for name in HEALTH_FIELDS] if column == "health" else [FIELDS_BY_NAME[column]]
    labels, reports, subjects = _split_not_asked(sel, fields, labels, reports, "Not reported", subjects)
    report_shares, subject_shares = shares(reports, sel.reports), shares(subjects, sel.subject_counts)
    reports, subjects = reports.tolist(), subjects.tolist()
    out = []
    for o in range(sel.outputs):
        n, people = int(sel.reports[o]), int(sel.subject_counts[o])
        kept = [i for i, label in enumerate(labels) if reports[o][i] or label != NOT_ASKED_ROW]
        rows = [[labels[i], reports[o][i], report_shares[o][i], subjects[o][i], subject_shares[o][i]] for i in kept]
        out.append(Table(columns=["category", "reports", "share of reports (%)", "subjects", "share of subjects (%)"],
                         rows=rows, keys=[keys[i] for i in kept], denominator=f"shares of all {n:,} reports and of all {people:,} subjects",
                         notes=list(notes)))
    return out


# --- questions some records were never asked ------------------------------------------------------
# A record of an incident dated before a question was introduced (or after it was retired) was
# never asked it: it is "not asked", its own row, not "not reported" (fieldset.Field.introduced).

def never_asked(sel: Selection, fields) -> np.ndarray | None:
    """Per selected row: dated outside the dates of every one of `fields`, and unanswered (None when
    every record was asked at least one of them: the usual case, at no cost)."""
    if not fields or not all(f.introduced or f.retired for f in fields):
        return None
    day = sel.a["day"]
    out = np.ones(len(day), dtype=bool)
    for f in fields:
        outside = np.zeros(len(day), dtype=bool)
        if f.introduced:
            outside |= day < f.introduced.toordinal()
        if f.retired:
            outside |= day > f.retired.toordinal()
        out &= outside & (sel.a[f.name] == 0)
    return out


def _split_not_asked(sel: Selection, fields, labels: list[str], reports: np.ndarray, unanswered: str,
                     subjects: np.ndarray | None = None):
    """Move the records never asked out of the `unanswered` row into a "Not asked" row (added last)."""
    flags = never_asked(sel, fields)
    extra = [] if subjects is None else [subjects]
    if flags is None:
        return (labels, reports, *extra)
    counts = sel.tally((flags.astype(np.uint8), 2), "subject")[:, 1]  # outputs × first of subject
    at = labels.index(unanswered)
    reports = np.concatenate([reports, counts.sum(axis=1)[:, None]], axis=1)
    reports[:, at] -= reports[:, -1]
    if subjects is not None:
        subjects = np.concatenate([subjects, counts[:, 1][:, None]], axis=1)
        subjects[:, at] -= subjects[:, -1]
        extra = [subjects]
    return ([*labels, NOT_ASKED_ROW], reports, *extra)


# --- injuries and threats -------------------------------------------------------------------------

def code_of(column: str, option: str) -> int:
    return 1 + COLUMNS_BY_NAME[column].vocabulary.codes().index(option)


def answers(sel: Selection, *columns: str) -> np.ndarray:
    """Reports by output and by the codes of these columns (outputs × sizes…): any of the review
    status, injury and threat answers, all from one count by their combination (encoding.py)."""
    if "answers" not in sel._cache:
        sel._cache["answers"] = sel.tally(sel.combination("answers"))
    sizes = [sel.column(column)[1] for column in columns]
    index = np.zeros(len(sel.encoding.dictionaries["answers"]), dtype=np.int64)
    for column, size in zip(columns, sizes):
        index = index * size + sel.values("answers", column)
    one_hot = np.zeros((len(index), int(np.prod(sizes))))
    one_hot[np.arange(len(index)), index] = 1
    return dot(sel._cache["answers"], one_hot).reshape(sel.outputs, *sizes)


def _answered(sel: Selection, column: str, option: str) -> np.ndarray:
    """Reports by output with `column` answered `option`."""
    return answers(sel, column)[:, code_of(column, option)]





def _not_asked(sel: Selection, f) -> np.ndarray:
    """Reports by output that were never asked `f`."""
    return sel.tally((never_asked(sel, [f]).astype(np.uint8), 2))[:, 1]


def injuries(sel: Selection) -> list[Table]:
    later = sometimes_asked()
    labels = [label for label, _, _ in INJURIES] + [not_asked_row(f) for f in later]
    keys = [answer_key(column, option) for _, column, option in INJURIES] + [answer_key(f.name, NOT_ASKED_KEY)
                                                                             for f in later]
    measures = np.stack([_answered(sel, column, option) for _, column, option in INJURIES]
                        + [_not_asked(sel, f) for f in later], axis=1)
    percentages = shares(measures, sel.reports)
    out = []
    for o, here in enumerate(measures.tolist()):
        n = int(sel.reports[o])
        kept = [i for i, (label, value) in enumerate(zip(labels, here)) if value or not label.endswith(NOT_ASKED)]
        rows = [[labels[i], here[i], percentages[o][i]] for i in kept]
        out.append(Table(columns=["measure", "reports", "share of reports (%)"], rows=rows, keys=[keys[i] for i in kept],
                         denominator=f"share of all {n:,} reports",
                         notes=[("One injury to one person may be reported by several officers, so these count reports, "
                          "not people injured.")]))
    return out




def _worst_of(subject: np.ndarray, worst_row: np.ndarray) -> np.ndarray:
    """Per row, the largest `worst_row` among the rows of its subject (subject ids index a dense
    array, filled in ascending order so each keeps its most serious: no sort)."""
    if not len(subject):
        return worst_row
    low = int(subject.min())
    worst = np.zeros(int(subject.max()) - low + 1, dtype=np.uint8)
    for rank in range(1, 5):
        worst[subject[worst_row == rank] - low] = rank
    return worst[subject - low]


def _worst_injury(sel: Selection) -> tuple[np.ndarray, np.ndarray]:
    """Per selected row, the most serious injury any report records for its subject: 0 not injured
    (or not known), 1 injured with no level, 2 minor, 3 severe, 4 death; within the row's group,
    and within the whole selection (they differ only for a subject whose reports lie in several
    groups, and for reports without a subject, which count as one subject per group)."""
    injured = sel.a["subject_injured"] == code_of("subject_injured", "yes")
    level = sel.a["subject_injury_level"]
    worst_row = injured.astype(np.uint8)
    for rank, option in enumerate(("minor", "severe", "death"), start=2):
        worst_row[injured & (level == code_of("subject_injury_level", option))] = rank
    subject = sel.a["subject"]
    whole = _worst_of(subject, worst_row)
    if sel.g is None or not len(subject):
        return whole, whole
    low = int(subject.min())
    first_group = np.zeros(int(subject.max()) - low + 1, dtype=np.int64)
    first_group[(subject - low)[::-1]] = sel.g[::-1]  # the group of each subject's first row
    spanning = np.isin(subject, subject[sel.g != first_group[subject - low]]) | (subject == 0)
    by_group = whole.copy()
    if spanning.any():  # rare: worked out per (group, subject) for those rows only
        rows = np.flatnonzero(spanning)
        key = sel.g[rows].astype(np.int64) * len(first_group) + (subject[rows] - low)
        distinct, position = np.unique(key, return_inverse=True)
        worst = np.zeros(len(distinct), dtype=np.uint8)
        np.maximum.at(worst, position, worst_row[rows])
        by_group[rows] = worst[position]
    return by_group, whole


def subject_injuries(sel: Selection) -> list[Table]:
    """People (subjects), not reports: injured if any report on them says so, at the most serious level."""
    by_group, whole = _worst_injury(sel)
    flags, whole_flags = sel.flags("subject")  # the first row of each subject, in its group
    group = sel.g[flags].astype(np.int64) if sel.g is not None else 0
    worst = np.bincount(group * 5 + by_group[flags], minlength=sel.groups * 5).reshape(sel.groups, 5)
    if sel.total:
        first = flags if whole_flags is None else whole_flags
        worst = np.concatenate([worst, np.bincount(whole[first], minlength=5)[None]])
    measures = np.stack([worst[:, 0], worst[:, 1:].sum(axis=1), worst[:, 2], worst[:, 3], worst[:, 4]], axis=1)
    percentages = shares(measures, sel.subject_counts)
    out = []
    for o, here in enumerate(measures.tolist()):
        people = int(sel.subject_counts[o])
        rows = [[label, value, share] for label, value, share in zip(SUBJECT_INJURIES, here, percentages[o])]
        out.append(Table(columns=["measure", "subjects", "share of subjects (%)"], rows=rows, keys=SUBJECT_INJURY_KEYS,
                         denominator=f"share of all {people:,} subjects",
                         notes=["A person (subject) counts once however many officers reported using force on them.",
                          ("A person counts as injured if any report on them says so, under the most serious "
                          "injury any report records."),
                          "\"Not recorded as injured\" includes people whose injury was not known."]))
    return out


# --- recording -----------------------------------------------------------------------------------

def recording(sel: Selection) -> list[Table]:
    sizes = sel.incident_sizes()
    status = answers(sel, "status")
    out = []
    for o in range(sel.outputs):
        n, incidents = int(sel.reports[o]), int(sel.incident_counts[o])
        by_size = sizes[o].tolist()
        counts = [*by_size[1:5], sum(by_size[2:]), *(int(status[o, code]) for code in (3, 1, 2))]
        rows = [[measure, unit, count, pct(count, incidents if unit == "incident" else n)]
                for (measure, unit, _), count in zip(RECORDING_ROWS, counts)]
        out.append(Table(columns=["measure", "unit", "count", "share (%)"], rows=rows, keys=RECORDING_KEYS,
                         denominator=f"incident rows: share of {incidents:,} incidents; report rows: share of {n:,} reports",
                         notes=[("Figures count every submitted report, including those not yet approved; drafts never "
                          "count.")]))
    return out
