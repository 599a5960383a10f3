"""The data dictionary in full: the report's fields, vocabularies and checks (reports/dictionary.py)
with what the statistics export from them. `uof data-dictionary` prints it; docs/data-dictionary.md
is its output."""
from __future__ import annotations

from uof.reports import dictionary as report_dictionary
from uof.reports.fieldset import FIELDS_BY_NAME

from . import export, service


def as_markdown() -> str:
    return report_dictionary.as_markdown(after_rules=_exports())


def _exports() -> list[str]:
    lines = ["## Record-level export (`uof export records … --format csv`)", "",
             "One row per counted report (submitted, returned or approved; never drafts or deleted reports). "
             "Multi-valued answers are option codes joined with `|`. Private fields are never exported.", "",
             "| column | meaning |", "|---|---|"]
    for column in export.COLUMNS:
        spec = FIELDS_BY_NAME.get(column)
        meaning = export.DESCRIPTIONS.get(column) or (
            f"{spec.label} ({spec.kind.description}{', vocabulary ' + spec.vocabulary.name if spec.vocabulary else ''})")
        lines.append(f"| `{column}` | {meaning} |")
    lines += ["", "## Statistics output (`uof stats … --format json|csv`)", "",
              "JSON: `forces`, `period` (`label`, `from`, `to`), `previous_period`, `year_earlier` and `tables`, "
              "each table with `key`, `title`, `unit` (the counting unit: report, incident, subject or tactic use), "
              "`columns`, `rows`, `keys` (each row's stable code: option codes, `force:district` codes, "
              "measure names), `denominator` (what its percentages are of) and `notes`.", "",
              f"CSV (long form, one line per cell): `{','.join(service.CSV_HEADER)}`; `row` joins the row's "
              "label columns with ` / `; `row_code` is the row's code, the same however the row is worded.", ""]
    return lines
