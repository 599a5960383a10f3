"""The catalogue of measures: every table uof computes or publishes, declared once.

A `Measure` says what a table is called, what it counts (its unit), how it is computed from the
analytical copy, which of its columns are counts (the cells disclosure control protects) and
which label the row, how its cells add up (`relations`, worked out in publish/cells.py), how the
public dashboard draws it, which answer it counts and what its record-file columns are called.
The statistics pages, the Home Office layouts, the publication snapshot, its disclosure cells,
the open data, the data dictionary, the analyst's choice of tables and the API all read this
list; no other module lists tables (uof/stats/tests/test_catalogue.py).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from . import home_office as ho
from . import tables as t
from .selection import Selection
from .store import Store
from .tables import Table


@dataclass(frozen=True)
class Chart:
    """A dashboard bar chart of one column: every row but totals, or only the rows whose second
    label is `rows` (the district totals of the places table)."""

    value: str
    rows: str | None = None
    section: str = ""  # the section's id on the page (#section-…); the table key when empty


@dataclass(frozen=True)
class Measure:
    key: str  # stable: stored in publications, file names and API paths
    title: str  # what every page, file, the dictionary and the API call it
    unit: str
    compute: Callable[..., list[Table]] | None  # (selection[, previous, year earlier]) -> one Table per output
    about: str = ""  # the data dictionary's sentence on what it shows
    counts: tuple[str, ...] = ()  # count columns: the cells disclosure control knows
    labels: int = 1  # leading columns that name the row (joined with " / ")
    relations: str = ""  # how its cells add up (publish/cells.py); "" for tables never published
    field: str = ""  # the answer it counts, for tables of one answer
    record_prefix: str = ""  # the record file's flag columns: "<prefix>: <category>"
    chart: Chart | None = None
    required: bool = False  # always in a publication
    compares: bool = False  # takes the previous period and the year earlier too

    def tables(self, sel: Selection, previous: Selection | None = None,
               year_earlier: Selection | None = None) -> list[Table]:
        made = self.compute(sel, previous, year_earlier) if self.compares else self.compute(sel)
        return [dataclasses.replace(table, key=self.key, title=self.title, unit=self.unit) for table in made]

    @property
    def section(self) -> str:
        return (self.chart.section if self.chart else "") or self.key


M = Measure
PERCEIVED = {"unit": "report and subject", "counts": ("reports", "subjects")}

# In the order the public reads them.
PUBLISHED_MEASURES: tuple[Measure, ...] = (
    M("summary", "Headline figures", "as stated per row", t.summary, compares=True, required=True,
      counts=("count", "previous period", "a year earlier"), labels=2, relations="headline",
      about="Reports, incidents, subjects and tactic uses, with the previous period and the year before."),
    M("places", "Where force was used: districts and custody suites", "report", t.places,
      counts=("reports", "incidents"), labels=2, relations="places", chart=Chart("reports", "district total"),
      about="Reports and incidents on the street and in each custody suite, by district."),
    M("tactics", "Tactics used", "report (tactic use in the total row)", t.tactics,
      counts=("reports involving tactic",), labels=2, relations="tactic_counts", record_prefix="tactic",
      chart=Chart("reports involving tactic"),
      about="Reports involving each tactic (a Taser at its highest level), and the total of tactic uses."),
    M("subjects_age_band", "Age (as perceived by the officer)", compute=partial(t.perceived, column="age_band"), **PERCEIVED,
      relations="perceived", field="age_band", chart=Chart("reports", section="age"),
      about="Reports and people by the age band the officer perceived."),
    M("subjects_gender", "Gender (as perceived by the officer)", compute=partial(t.perceived, column="gender"), **PERCEIVED,
      relations="perceived", field="gender", chart=Chart("reports", section="gender"),
      about="Reports and people by the gender the officer perceived."),
    M("subjects_ethnicity", "Ethnicity (as perceived by the officer)", **PERCEIVED,
      compute=partial(t.perceived, column="ethnicity"), relations="perceived", field="ethnicity",
      chart=Chart("reports", section="ethnicity"),
      about="Reports and people by the ethnic group the officer perceived."),
    M("subjects_health", "Health condition (as perceived by the officer)", **PERCEIVED,
      compute=partial(t.perceived, column="health"), relations="perceived", field="health",
      chart=Chart("reports", section="health"),
      about="Reports and people by the physical and mental health conditions the officer perceived."),
    M("injuries", "Injuries, assaults and threats (counting reports)", "report", t.injuries, counts=("reports",),
      relations="injury_answers", chart=Chart("reports"),
      about="Reports recording an injury to the person or the officer, an assault or a threat."),
    M("subject_injuries", "People injured (counting each person once)", "subject", t.subject_injuries,
      counts=("subjects",), relations="people_injured", chart=Chart("subjects", section="people_injured"),
      about="People force was used on, by the most serious injury any report on them records."),
    M("locations", "Type of location", "report", partial(t.multi_select, column="location_types"),
      counts=("reports",), relations="multi", field="location_types", record_prefix="location",
      chart=Chart("reports"), about="Reports by the type of place where force was used (several can apply)."),
    M("reasons", "Reasons for using force", "report", partial(t.multi_select, column="reasons"),
      counts=("reports",), relations="multi", field="reasons", record_prefix="reason", chart=Chart("reports"),
      about="Reports by the officer's reasons for using force (several can apply)."),
    M("impact_factors", "Impact factors", "report", partial(t.multi_select, column="impact_factors"),
      counts=("reports",), relations="multi", field="impact_factors", record_prefix="impact factor",
      chart=Chart("reports"),
      about="Reports by the factors the officer says affected the decision (several can apply)."),
    M("outcomes", "Outcomes", "report", partial(t.multi_select, column="outcomes"), counts=("reports",),
      relations="multi", field="outcomes", record_prefix="outcome", chart=Chart("reports"),
      about="Reports by what happened to the person afterwards (several can apply)."),
    M("recording", "Reports per incident and review status", "as stated per row", t.recording, counts=("count",),
      labels=2, relations="report_counts", chart=Chart("count"),
      about="Incidents by how many officers reported them, and reports by their review status."),
)

HO = "report (the Home Office's \"incident\")"
HOME_OFFICE_MEASURES: tuple[Measure, ...] = (
    M("ho_table_1", "Table 1: Number of times tactics were used and number of incidents in which they were used", HO,
      ho.table_1),
    M("ho_table_2", "Table 2: tactics by officer perceived age of person involved", HO,
      partial(ho.cross, categories=partial(ho.single, column="age_band"))),
    M("ho_table_3", "Table 3: tactics by officer perceived gender of person involved", HO,
      partial(ho.cross, categories=partial(ho.single, column="gender"))),
    M("ho_table_4", "Table 4: tactics by officer perceived ethnicity of person involved", HO,
      partial(ho.cross, categories=partial(ho.single, column="ethnicity"))),
    M("ho_table_5", "Table 5: tactics by officer perceived health condition of person involved", HO,
      partial(ho.cross, categories=ho.health)),
    M("ho_table_6", "Table 6: tactics by reason for using force", HO,
      partial(ho.cross, categories=partial(ho.any_of_multi, column="reasons"))),
    M("ho_table_7", "Table 7: tactics by impact factor", HO,
      partial(ho.cross, categories=partial(ho.any_of_multi, column="impact_factors"))),
    M("ho_table_8", "Table 8: tactics by incident outcome", HO,
      partial(ho.cross, categories=partial(ho.any_of_multi, column="outcomes"))),
    M("ho_table_9", "Table 9: tactics by incident location", HO, partial(ho.cross, categories=ho.locations)),
    M("ho_table_10", "Table 10: Injuries to officers", HO, ho.table_10),
    M("ho_table_11", "Table 11: Injuries to person involved", HO, ho.table_11),
    M("ho_table_13", "Table 13: Use of CED by type", HO, ho.table_13),
)

# Worked out by service.statistics from the forces' populations (not from a selection alone).
RATES = M("rates", "Rates and disproportionality", "report", None)

MEASURES: tuple[Measure, ...] = PUBLISHED_MEASURES + HOME_OFFICE_MEASURES + (RATES,)
PUBLISHED = {m.key: m for m in PUBLISHED_MEASURES}
(SUMMARY, PLACES, TACTICS_USED, AGE, GENDER, ETHNICITY, HEALTH, INJURIES, PEOPLE_INJURED, LOCATIONS, REASONS,
 IMPACT_FACTORS, OUTCOMES, RECORDING) = PUBLISHED_MEASURES
BY_FIELD = {m.field: m for m in PUBLISHED_MEASURES if m.field}

# --- computing every table -----------------------------------------------------------------------

def core_tables(sel: Selection, previous: Selection | None = None,
                year_earlier: Selection | None = None) -> list[list[Table]]:
    """The statistics pages' own tables (the published ones, no Home Office layouts), as one list
    per table of one Table per output."""
    return [m.tables(sel, previous, year_earlier) for m in PUBLISHED_MEASURES]


def tables_by_group(sel: Selection, previous: Selection | None = None, year_earlier: Selection | None = None,
                    home_office: bool = True) -> list[list[Table]]:
    """Every table of every output of `sel`: one list of Tables per output."""
    per_table = core_tables(sel, previous, year_earlier)
    if home_office:
        per_table += [m.tables(sel) for m in HOME_OFFICE_MEASURES]
    return [list(tables) for tables in zip(*per_table)]


def every_table(sel: Selection, previous: Selection | None = None,
                year_earlier: Selection | None = None) -> list[Table]:
    """Every table of a selection of one group (a force or a collaboration, for one period);
    `previous` and `year_earlier` only feed the summary's comparisons."""
    return tables_by_group(sel, previous, year_earlier)[0]


def home_office_tables(sel: Selection) -> list[Table]:
    """Tables 1-11 and 13 of a selection of one group."""
    return [m.tables(sel)[0] for m in HOME_OFFICE_MEASURES]


def tables_by_force(store: Store, date_from: dt.date | None = None, date_to: dt.date | None = None,
                    home_office: bool = True) -> dict[str, list[Table]]:
    """Every table for every force and for all of them together ("all"), between the dates: one
    grouped selection, so each count is one pass over the copy for all forces at once."""
    sel = Selection(store, store.select(None, date_from, date_to), group=store.arrays["force"],
                    groups=len(store.forces), total=True)
    tables = tables_by_group(sel, home_office=home_office)
    return {**{force.slug: tables[i] for i, force in enumerate(store.forces)}, "all": tables[-1]}
