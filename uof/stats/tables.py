"""Every table of the statistics layer, computed from the analytical copy for one selection.

Each table states its counting unit (report, incident, subject, tactic use) and what its
percentages are of. A report is one officer's use of force on one person in one incident (the
Home Office's "incident" up to 2019/20); an incident is one event however many officers and
people; a subject is one person in one incident; a tactic use is one tactic on one report
(counted once per report, Taser at its highest level).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from uof.reports.fieldset import FIELDS_BY_NAME
from uof.reports.tactics import GROUPS, TACTICS

from .codes import COLUMNS_BY_NAME, TACTIC_BIT
from .store import Store

CED_LEVELS = {o.extra["ced_rank"]: o for o in TACTICS.options if "ced_rank" in o.extra}


@dataclass
class Table:
    key: str
    title: str
    unit: str
    columns: list[str]
    rows: list[list]
    denominator: str = ""
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


class Selection:
    """The rows of one selection (forces and period), with the counts every table shares."""

    def __init__(self, store: Store, mask: np.ndarray):
        self.store = store
        if mask.all():  # the whole copy (e.g. the national year): read it in place, no copies
            self.a = dict(store.arrays)
        else:
            index = np.flatnonzero(mask)
            self.a = {name: values[index] for name, values in store.arrays.items()}
        self.n = len(self.a["report"])
        incident = self.a["incident"]
        self.first_of_incident = np.r_[True, incident[1:] != incident[:-1]] if self.n else np.zeros(0, bool)
        self.incidents = int(self.first_of_incident.sum())
        subject = self.a["subject"]
        self.first_of_subject = np.zeros(self.n, bool)
        if self.n:
            self.first_of_subject[np.unique(subject, return_index=True)[1]] = True
        self.subjects = int(self.first_of_subject.sum())

    def distinct_incidents(self, rows: np.ndarray) -> int:
        """Distinct incidents among the rows picked by a boolean mask."""
        picked = self.a["incident"][rows]
        return int(len(np.unique(picked))) if len(picked) else 0

    def has_any(self, column: str, codes) -> np.ndarray:
        """Rows whose multi-select `column` includes any of the option codes."""
        index = {o.code: i for i, o in enumerate(COLUMNS_BY_NAME[column].vocabulary.options)}
        bits = 0
        for code in codes:
            bits |= 1 << index[code]
        return (self.a[column] & np.uint32(bits)) != 0

    def tactic_rows(self, codes) -> np.ndarray:
        bits = 0
        for code in codes:
            bits |= 1 << TACTIC_BIT[code]
        return (self.a["tactics"] & np.uint64(bits)) != 0


# --- headline ------------------------------------------------------------------------------------

def headline_counts(sel: Selection) -> dict[str, int]:
    return {"reports": sel.n, "incidents": sel.incidents, "subjects": sel.subjects,
            "tactic uses": tactic_uses(_tactic_rows(sel))}


def tactic_uses(rows: list[list]) -> int:
    """Tactic uses: each tactic once per report (Taser at its highest level), without tactical communication."""
    return int(sum(n for group, _, n in rows if group != GROUPS["communication"]))


def summary(sel: Selection, previous: Selection | None = None, year_earlier: Selection | None = None) -> Table:
    now = headline_counts(sel)
    before = headline_counts(previous) if previous is not None else {}
    last_year = headline_counts(year_earlier) if year_earlier is not None else {}
    units = {"reports": "report", "incidents": "incident", "subjects": "subject", "tactic uses": "tactic use"}
    rows = []
    for measure, value in now.items():
        prev, year = before.get(measure), last_year.get(measure)
        rows.append([measure, units[measure], value, prev, pct(value - prev, prev) if prev else None, year,
                     pct(value - year, year) if year else None])
    rows.append(["reports per incident", "report", round(sel.n / sel.incidents, 2) if sel.incidents else None,
                 None, None, None, None])
    return Table("summary", "Headline figures", "as stated per row",
                 ["measure", "unit", "count", "previous period", "change (%)", "a year earlier", "change on a year (%)"],
                 rows, "change is a percentage of the earlier period's count",
                 ["A single use of force may be recorded several times if more than one officer was there: "
                  "reports count officers' accounts, incidents count events."])


# --- places --------------------------------------------------------------------------------------

def places(sel: Selection) -> Table:
    store = sel.store
    suite = sel.a["suite"].astype(np.int64)
    district_at = {d.pk: i for i, d in enumerate(store.districts) if d is not None}
    suite_district = np.array([0] + [district_at[s.district_id] for s in store.suites[1:]], dtype=np.int64)
    place_district = np.where(suite > 0, suite_district[suite], sel.a["district"].astype(np.int64))
    n_suites = len(store.suites)
    # One pass: reports and distinct incidents for every (district, street-or-suite) place.
    place = place_district * n_suites + suite
    size = len(store.districts) * n_suites
    reports = np.bincount(place, minlength=size)
    pairs = np.unique(sel.a["incident"] * size + place) % size if sel.n else np.zeros(0, np.int64)
    incidents = np.bincount(pairs, minlength=size)
    district_pairs = np.unique(sel.a["incident"] * len(store.districts) + place_district) % len(store.districts) \
        if sel.n else np.zeros(0, np.int64)
    district_incidents = np.bincount(district_pairs, minlength=len(store.districts))
    totals = np.bincount(place_district, minlength=len(store.districts))
    rows = []
    for d in sorted(np.flatnonzero(totals), key=lambda d: (-totals[d], store.districts[d].name if d else "")):
        name = store.districts[d].name if d else "No district recorded"
        street = d * n_suites
        rows.append([name, "street (outside custody)", int(reports[street]), int(incidents[street]),
                     pct(int(reports[street]), sel.n)])
        for s_index in np.flatnonzero(reports[d * n_suites + 1:(d + 1) * n_suites]) + 1:
            here = d * n_suites + s_index
            rows.append([name, store.suites[s_index].name, int(reports[here]), int(incidents[here]),
                         pct(int(reports[here]), sel.n)])
        rows.append([name, "district total", int(totals[d]), int(district_incidents[d]), pct(int(totals[d]), sel.n)])
    return Table("places", "Use of force by district and custody suite", "report",
                 ["district", "place", "reports", "incidents", "share of all reports (%)"], rows,
                 f"share of all {sel.n:,} reports",
                 ["Reports in a custody suite count under the suite's district.",
                  "Incidents are distinct events; an incident spanning street and custody counts in each place."])


# --- tactics -------------------------------------------------------------------------------------

def _tactic_rows(sel: Selection) -> list[list]:
    """[group, HO tactic, reports involving it]; CED by its highest level per report (computed once
    per selection: the headline and the tactics table both need it)."""
    if "_tactic_rows" in sel.__dict__:
        return [list(r) for r in sel.__dict__["_tactic_rows"]]
    by_category: dict[tuple[str, str], list[str]] = {}
    for option in TACTICS.options:
        if option.extra.get("parent") == "CED":
            continue
        by_category.setdefault((GROUPS[option.extra["group"]], option.ho_category), []).append(option.code)
    rows = [[group, category, int(sel.tactic_rows(codes).sum())] for (group, category), codes in by_category.items()]
    ced = sel.a["ced"]
    for rank, option in sorted(CED_LEVELS.items()):
        rows.append([GROUPS["less_lethal"], option.ho_category, int((ced == rank).sum())])
    sel.__dict__["_tactic_rows"] = rows
    return [list(r) for r in rows]


def tactics(sel: Selection) -> Table:
    rows = _tactic_rows(sel)
    order = list(GROUPS.values())
    rows.sort(key=lambda r: order.index(r[0]))
    ced = sel.a["ced"]
    non_discharge = int(((ced >= 1) & (ced <= 4)).sum())
    discharge = int((ced >= 5).sum())
    comm = TACTIC_BIT["tactical_communication"]
    force_bits = np.uint64(((1 << len(TACTICS.options)) - 1) & ~(1 << comm))
    none = int(((sel.a["tactics"] & force_bits) == 0).sum())
    uses = tactic_uses(rows)
    out = [[g, t, n, pct(n, sel.n)] for g, t, n in rows]
    out += [[GROUPS["less_lethal"], "CED non-discharge (drawn, aimed, red-dot, arced)", non_discharge,
             pct(non_discharge, sel.n)],
            [GROUPS["less_lethal"], "CED discharge (drive stun, angle drive stun, fired)", discharge,
             pct(discharge, sel.n)],
            ["Not reported", "No tactic recorded", none, pct(none, sel.n)],
            ["Total", "Tactic uses (excluding tactical communication)", uses, None]]
    return Table("tactics", "Tactics used", "report (tactic use in the total row)",
                 ["group", "tactic", "reports involving tactic", "share of reports (%)"], out,
                 f"share of all {sel.n:,} reports",
                 ["A tactic counts once per report however often it was used.",
                  "Taser (CED) counts once per report at its highest level: drawn then fired counts as fired.",
                  "CS and PAVA irritant sprays are recorded apart and published together.",
                  "Tactical communication is shown but left out of the total of tactic uses.",
                  "Several tactics can be used in one report, so the rows do not sum to the number of reports."])


# --- multi-select context -------------------------------------------------------------------------

def multi_select(sel: Selection, column: str, key: str, title: str) -> Table:
    vocabulary = COLUMNS_BY_NAME[column].vocabulary
    categories: dict[str, list[str]] = {}
    groups: dict[str, list[str]] = {}
    for option in vocabulary.options:
        categories.setdefault(option.ho_category, []).append(option.code)
        if option.extra.get("group"):
            groups.setdefault(option.extra["group"], []).append(option.code)
    rows = []
    for group, codes in groups.items():
        n = int(sel.has_any(column, codes).sum())
        rows.append([f"{group} (any)", n, pct(n, sel.n)])
    for category, codes in categories.items():
        n = int(sel.has_any(column, codes).sum())
        rows.append([category, n, pct(n, sel.n)])
    none = int((sel.a[column] == 0).sum())
    rows.append(["None recorded", none, pct(none, sel.n)])
    return Table(key, title, "report", ["category", "reports", "share of reports (%)"], rows,
                 f"share of all {sel.n:,} reports",
                 ["Several can apply to one report, so the rows do not sum to the number of reports."])


# --- the people force was used on -----------------------------------------------------------------

HEALTH = ["Mental", "Physical", "Physical and mental", "None", "Not reported"]


def _health_codes(sel: Selection) -> np.ndarray:
    yes = 1 + [o.code for o in FIELDS_BY_NAME["mental_condition"].vocabulary.options].index("yes")
    no = 1 + [o.code for o in FIELDS_BY_NAME["mental_condition"].vocabulary.options].index("no")
    mental, physical = sel.a["mental_condition"], sel.a["physical_condition"]
    out = np.full(sel.n, 4, dtype=np.uint8)  # Not reported
    out[(mental == yes) & (physical != yes)] = 0
    out[(physical == yes) & (mental != yes)] = 1
    out[(physical == yes) & (mental == yes)] = 2
    out[(physical == no) & (mental == no)] = 3
    return out


def perceived(sel: Selection, column: str) -> Table:
    if column == "health":
        codes, labels, title = _health_codes(sel), HEALTH, "Officer-perceived health condition"
        categories = {label: [i] for i, label in enumerate(labels)}
    else:
        vocabulary = COLUMNS_BY_NAME[column].vocabulary
        codes, title = sel.a[column], vocabulary.label
        categories = {}
        for i, option in enumerate(vocabulary.options):
            categories.setdefault(option.ho_category, []).append(i + 1)
        categories["Not reported"] = [0]
    rows = []
    for label, values in categories.items():
        here = np.isin(codes, values)
        reports, subjects = int(here.sum()), int((here & sel.first_of_subject).sum())
        rows.append([label, reports, pct(reports, sel.n), subjects, pct(subjects, sel.subjects)])
    notes = ["As perceived by the reporting officer: not as reliable as self-reported data.",
             "A subject is counted once, by the first report on them."]
    if column == "age_band":
        notes.append("The national age bands cannot give an 18 to 39 figure: 18 to 34 and 35 to 49 are shown.")
    return Table(f"subjects_{column}", title, "report and subject",
                 ["category", "reports", "share of reports (%)", "subjects", "share of subjects (%)"], rows,
                 f"shares of all {sel.n:,} reports and of all {sel.subjects:,} subjects", notes)


# --- injuries and threats -------------------------------------------------------------------------

def _code(column: str, option: str) -> int:
    return 1 + COLUMNS_BY_NAME[column].vocabulary.codes().index(option)


def injuries(sel: Selection) -> Table:
    a = sel.a
    measures = [
        ("Person injured: no", a["subject_injured"] == _code("subject_injured", "no")),
        ("Person injured: not known", a["subject_injured"] == _code("subject_injured", "unknown")),
        ("Person injured: yes", a["subject_injured"] == _code("subject_injured", "yes")),
        ("Person injury: minor", a["subject_injury_level"] == _code("subject_injury_level", "minor")),
        ("Person injury: severe", a["subject_injury_level"] == _code("subject_injury_level", "severe")),
        ("Person injury: death", a["subject_injury_level"] == _code("subject_injury_level", "death")),
        ("Officer injured", a["officer_injured"] == _code("officer_injured", "yes")),
        ("Officer injury: minor", a["officer_injury_level"] == _code("officer_injury_level", "minor")),
        ("Officer injury: severe", a["officer_injury_level"] == _code("officer_injury_level", "severe")),
        ("Officer intentionally assaulted", a["officer_assaulted"] == _code("officer_assaulted", "yes")),
        ("Officer spat at", a["spat_at"] == _code("spat_at", "yes")),
        ("Officer threatened with a weapon", a["threatened_with_weapon"] == _code("threatened_with_weapon", "yes")),
        ("Officer assaulted with a weapon", a["assaulted_with_weapon"] == _code("assaulted_with_weapon", "yes")),
    ]
    rows = [[label, int(rows.sum()), pct(int(rows.sum()), sel.n)] for label, rows in measures]
    return Table("injuries", "Injuries, assaults and threats", "report", ["measure", "reports", "share of reports (%)"],
                 rows, f"share of all {sel.n:,} reports",
                 ["One injury to one person may be reported by several officers, so these count reports, "
                  "not people injured."])


# --- recording -----------------------------------------------------------------------------------

def recording(sel: Selection) -> Table:
    sizes = np.diff(np.r_[np.flatnonzero(sel.first_of_incident), sel.n]) if sel.n else np.zeros(0, int)
    rows = [[f"incidents with {k} report{'s' if k > 1 else ''}", "incident", int((sizes == k).sum()),
             pct(int((sizes == k).sum()), sel.incidents)] for k in (1, 2, 3)]
    four = int((sizes >= 4).sum())
    rows.append(["incidents with 4 or more reports", "incident", four, pct(four, sel.incidents)])
    several = int((sizes > 1).sum())
    rows.append(["incidents with more than one report", "incident", several, pct(several, sel.incidents)])
    status = sel.a["status"]
    for code, label in ((3, "approved"), (1, "awaiting review"), (2, "returned to the officer")):
        n = int((status == code).sum())
        rows.append([f"reports {label}", "report", n, pct(n, sel.n)])
    return Table("recording", "Recording: reports per incident and review status", "as stated per row",
                 ["measure", "unit", "count", "share (%)"], rows,
                 f"incident rows: share of {sel.incidents:,} incidents; report rows: share of {sel.n:,} reports",
                 ["Figures count every submitted report, including those not yet approved; drafts never count."])


def every_table(sel: Selection, previous: Selection | None = None, year_earlier: Selection | None = None) -> list[Table]:
    return [
        summary(sel, previous, year_earlier), places(sel), tactics(sel),
        multi_select(sel, "location_types", "locations", "Location of the use of force"),
        multi_select(sel, "reasons", "reasons", "Reasons for using force"),
        multi_select(sel, "impact_factors", "impact_factors", "Impact factors"),
        multi_select(sel, "outcomes", "outcomes", "Outcomes"),
        perceived(sel, "age_band"), perceived(sel, "gender"), perceived(sel, "ethnicity"), perceived(sel, "health"),
        injuries(sel), recording(sel),
        *home_office_tables(sel),
    ]


from .home_office import home_office_tables  # noqa: E402  (it builds on the helpers above)
