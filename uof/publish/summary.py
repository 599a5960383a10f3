"""A plain-English summary of a publication, in the style of a force's press release.

It only quotes figures as the publication shows them (rounded or withheld), read from the
snapshot's tables: each paragraph lists the figures it quotes (table, row key, column, value), which is
how the tests check that the text and the tables always agree. A sentence whose figures are not
there (a table left out, a share that cannot be worked out) is left out, never written with a gap;
when counts are rounded it says so, and it never sets rounded parts beside a total they do not
add up to.
"""
from __future__ import annotations

import datetime as dt

from uof.reports.tactics import GROUPS
from uof.reports.vocabulary import AGE_BANDS
from uof.stats.catalogue import AGE, ETHNICITY, GENDER, HEALTH, PLACES, SUMMARY, TACTICS_USED
from uof.stats.rows import (
    DISTRICT_TOTAL_KEY,
    STREET_KEY,
    TASER_DISCHARGED_KEY,
    TASER_NOT_DISCHARGED_KEY,
    answer_key,
    categories,
    category_keys,
)

WITHHELD_WORDS = "a small number (withheld)"
YOUNGEST, OLDEST = AGE_BANDS.options[0].public_category, AGE_BANDS.options[-1].public_category
YOUNGEST_KEY, OLDEST_KEY = list(categories(AGE_BANDS))[0], list(categories(AGE_BANDS))[-1]
MENTAL, PHYSICAL_AND_MENTAL = category_keys("health")[0], category_keys("health")[2]


class _Paragraph:
    def __init__(self, tables: dict):
        self.tables = tables
        self.parts: list[str] = []
        self.figures: list[dict] = []

    def value(self, key: str, row: str, column: str):
        """A shown figure, found by its row's key (never its label) and its column's name."""
        table = self.tables.get(key)
        if table is None or column not in table["columns"] or row not in table["keys"]:
            return None, False
        i, at = table["keys"].index(row), table["columns"].index(column)
        return table["rows"][i][at], [i, at] in table["withheld"]

    def count(self, key: str, row: str, column: str) -> str | None:
        value, withheld = self.value(key, row, column)
        if value is None and not withheld:
            return None
        self.figures.append({"table": key, "row": row, "column": column, "value": None if withheld else value})
        return WITHHELD_WORDS if withheld else f"{value:,}"

    def share(self, key: str, row: str, column: str) -> str | None:
        value, _ = self.value(key, row, column)
        if value is None:
            return None
        self.figures.append({"table": key, "row": row, "column": column, "value": value})
        return f"{value:g}%"

    def add(self, text: str) -> None:
        self.parts.append(text[:1].upper() + text[1:])

    def done(self) -> dict | None:
        return {"text": " ".join(self.parts), "figures": self.figures} if self.parts else None


def period_text(period: dict) -> str:
    start, end = dt.date.fromisoformat(period["from"]), dt.date.fromisoformat(period["to"])
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


def rounding_text(rounding: int) -> str:
    return f"Figures are rounded to the nearest {rounding}; parts may not add up to totals."


def _listed(phrases: list[str]) -> str:
    return phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + " and " + phrases[-1]


def _lower(label: str) -> str:
    """A category in mid-sentence: "compliant handcuffing", but "Taser drawn" and "AEP fired"."""
    first = label.split(" ", 1)[0]
    return label if first in ("Taser", "AEP") or first.isupper() else label[:1].lower() + label[1:]


SMALL_PUBLICATION = ("There are too few reports to describe them: every figure but the headline's is withheld, so "
                     "that nothing about the few people involved can be told.")


def summary_paragraphs(content: dict) -> list[dict]:
    tables = {t["key"]: t for t in content["tables"]}
    rounding = content.get("rule", {}).get("rounding", 1)
    if _too_few(content, tables):  # disclosure.small_group_cells withheld the rest
        out = [_headline(content, tables), {"text": SMALL_PUBLICATION, "figures": []}]
    else:
        out = [_headline(content, tables), _places(tables, rounding), _tactics(tables), _injuries(tables),
               _people(tables)]
    notes = [("A single use of force may be recorded several times if more than one officer was there: reports "
              "count each officer's account, incidents count events, and people (subjects) count each person once "
              "in each incident. Characteristics are as perceived by the officer, not self-reported.")]
    if rounding > 1:
        notes.append(rounding_text(rounding))
    out.append({"text": " ".join(notes), "figures": []})
    return [x for x in out if x]


def _too_few(content: dict, tables: dict) -> bool:
    """Fewer reports than the rule's threshold (withheld, or shown as the force chose)."""
    reports, withheld = _Paragraph(tables).value(SUMMARY.key, "reports", "count")
    return withheld or (reports is not None and 0 < reports < content.get("rule", {}).get("threshold", 0))


def _headline(content: dict, tables: dict) -> dict | None:
    p = _Paragraph(tables)
    reports = p.count(SUMMARY.key, "reports", "count")
    if not reports:
        return None
    incidents = p.count(SUMMARY.key, "incidents", "count")
    where = f", in {incidents} distinct incidents" if incidents else ""
    p.add(f"From {period_text(content['period'])}, {content['scope']['name']} officers reported using force "
          f"{reports} times (reports){where}.")
    comparison = next((c for c in content.get("comparisons", []) if c["column"] == "previous period"), None)
    if comparison is not None and not comparison["published"]:
        p.add(f"There are no published figures for the previous period ({comparison['words']}) to compare with.")
        return p.done()
    change, _ = p.value(SUMMARY.key, "reports", "change (%)")
    previous = p.count(SUMMARY.key, "reports", "previous period")
    if change is None or previous is None:
        return p.done()
    when = (f"{comparison['words']} ({comparison['code']})" if comparison and comparison.get("code")
            else comparison["words"] if comparison else f"the previous period ({content['previous_period']})")
    if change == 0:
        p.add(f"That is the same number of reports as in {when}.")
    else:
        shown = p.share(SUMMARY.key, "reports", "change (%)").lstrip("-")
        p.add(f"That is {shown} {'more' if change > 0 else 'fewer'} reports than in {when}, when there were "
              f"{previous}.")
    return p.done()


def _places(tables: dict, rounding: int) -> dict | None:
    if PLACES.key not in tables:
        return None
    p = _Paragraph(tables)
    phrases = []
    for district, code, suites in _districts(tables[PLACES.key])[:3]:
        total_row = f"{code}/{DISTRICT_TOTAL_KEY}"
        parts = [f"{code}/{STREET_KEY}"] + [key for _, key in suites]
        suites = [name for name, _ in suites]
        total = p.count(PLACES.key, total_row, "reports")
        if total is None:
            continue
        detail = ""
        if suites and _adds_up(p, total_row, parts, rounding):
            street = p.count(PLACES.key, parts[0], "reports")
            inside = [(s, p.count(PLACES.key, row, "reports")) for s, row in zip(suites, parts[1:])]
            detail = f" ({street} on the street plus " + ", ".join(f"{n} in {s}" for s, n in inside) + ")"
        share = p.share(PLACES.key, total_row, "share of all reports (%)")
        phrases.append(f"{total} times in {district}{detail}" + (f", {share} of the total" if share else ""))
    if phrases:
        p.add("Force was used " + "; ".join(phrases) + ".")
    return p.done()


def _adds_up(p: _Paragraph, total_row: str, parts: list[str], rounding: int) -> bool:
    """Whether a reader who adds the parts as shown gets the total as shown (withheld parts are
    "a small number", which a reader cannot add: fine with exact counts, not with rounded ones)."""
    total, total_withheld = p.value(PLACES.key, total_row, "reports")
    values = [p.value(PLACES.key, row, "reports") for row in parts]
    if any(v is None and not withheld for v, withheld in values) or total_withheld:
        return False
    if any(withheld for _, withheld in values):
        return rounding <= 1
    return sum(v for v, _ in values) == total


def _tactics(tables: dict) -> dict | None:
    table = tables.get(TACTICS_USED.key)
    if table is None:
        return None
    p = _Paragraph(tables)
    column = "reports involving tactic"
    at = table["columns"].index(column)
    hidden = {tuple(x) for x in table["withheld"]}
    left_out = {GROUPS["communication"], "Total", "Not reported"}
    named = [(row[1], key, row[at]) for i, (key, row) in enumerate(zip(table["keys"], table["rows"]))
             if row[0] not in left_out and (i, at) not in hidden
             and key not in (TASER_NOT_DISCHARGED_KEY, TASER_DISCHARGED_KEY)
             and isinstance(row[at], int) and row[at] > 0]
    top = sorted(named, key=lambda x: -x[2])[:3]  # by the counts as shown, never the true ones
    if top:
        phrases = [f"{_lower(label)} ({p.count(TACTICS_USED.key, key, column)}{' reports' if n == 0 else ''})"
                   for n, (label, key, _) in enumerate(top)]
        p.add(f"The tactics recorded most often were {_listed(phrases)}.")
    not_fired = p.count(TACTICS_USED.key, TASER_NOT_DISCHARGED_KEY, column)
    fired = p.count(TACTICS_USED.key, TASER_DISCHARGED_KEY, column)
    if not_fired and fired:
        p.add(f"A Taser was drawn, aimed, red-dotted or arced without being discharged in {not_fired} reports, "
              f"and discharged (fired or drive stun) in {fired}.")
    return p.done()


def _injuries(tables: dict) -> dict | None:
    if "injuries" not in tables:
        return None
    p = _Paragraph(tables)
    levels = [(p.count("injuries", answer_key("subject_injury_level", level), "reports"), words) for level, words in
              (("minor", "a minor injury to the person"), ("severe", "a severe injury"), ("death", "a death"))]
    some = [(n, words) for n, words in levels if n is not None and n != "0"]
    if some:
        first, rest = some[0], some[1:]
        reports = "report" if first[0] == "1" else "reports"
        p.add(_listed([f"{first[0]} {reports} recorded {first[1]}"] + [f"{n} {words}" for n, words in rest]) + ".")
    nothing = [words for n, words in levels if n == "0"]
    if nothing:
        p.add(f"No report recorded {' or '.join(nothing)}.")
    officer = [(p.share("injuries", row, "share of reports (%)"), words) for row, words in
               ((answer_key("officer_injured", "yes"), "injured"), (answer_key("spat_at", "yes"), "spat at"),
                (answer_key("threatened_with_weapon", "yes"), "threatened with a weapon"))]
    officer = [f"{words} in {share}" + (" of reports" if not n else "")
               for n, (share, words) in enumerate((s, w) for s, w in officer if s is not None)]
    if officer:
        p.add(f"The officer was {_listed(officer)}.")
    return p.done()


def _people(tables: dict) -> dict | None:
    p = _Paragraph(tables)
    if "subject_injuries" in tables:
        people = p.count(SUMMARY.key, "subjects", "count")
        injured = p.count("subject_injuries", "injured", "subjects")
        share = p.share("subject_injuries", "injured", "share of subjects (%)")
        if people and injured:
            p.add(f"Counting people rather than reports, {injured} of the {people} people force was used on were "
                  f"recorded as injured" + (f" ({share})." if share else "."))
    if HEALTH.key in tables:
        mental = p.share(HEALTH.key, MENTAL, "share of subjects (%)")
        both = p.share(HEALTH.key, PHYSICAL_AND_MENTAL, "share of subjects (%)")
        if mental and both:
            p.add(f"Officers perceived a mental health condition in {mental} of the people force was used on, and "
                  f"a physical and mental condition in a further {both}.")
    if GENDER.key in tables:
        male = p.share(GENDER.key, "male", "share of subjects (%)")
        if male:
            p.add(f"{male} were perceived as male.")
    if ETHNICITY.key in tables:
        white = p.share(ETHNICITY.key, "white", "share of subjects (%)")
        if white:
            p.add(f"{white} were perceived as White.")
    if AGE.key in tables:
        young = p.count(AGE.key, YOUNGEST_KEY, "subjects")
        old = p.count(AGE.key, OLDEST_KEY, "subjects")
        if young and old:
            p.add(f"{young} were perceived to be {YOUNGEST.lower()} and {old} to be {OLDEST.lower()}.")
    return p.done()


def _districts(table: dict) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """Districts in the table's order (largest first): name, code and custody suites (name, row key)."""
    order: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key, row in zip(table["keys"], table["rows"]):
        code, place = key.rsplit("/", 1)
        parts = order.setdefault((row[0], code), [])
        if place not in (STREET_KEY, DISTRICT_TOTAL_KEY):
            parts.append((row[1], key))
    return [(name, code, suites) for (name, code), suites in order.items()]
