"""A plain-English summary of a publication, in the style of a force's press release.

It only quotes figures as the publication shows them (rounded or withheld), read from the
snapshot's tables: each paragraph lists the figures it quotes (table, row, column, value), which is
how the tests check that the text and the tables always agree.
"""
from __future__ import annotations

import datetime as dt

WITHHELD_WORDS = "a small number (withheld)"


class _Paragraph:
    def __init__(self, tables: dict):
        self.tables = tables
        self.parts: list[str] = []
        self.figures: list[dict] = []

    def value(self, key: str, row: str, column: str):
        """A shown figure: the row is matched on its label columns joined with ' / '."""
        table = self.tables.get(key)
        if table is None:
            return None, False
        hidden = {tuple(x) for x in table["withheld"]}
        at = table["columns"].index(column)
        for i, r in enumerate(table["rows"]):
            if " / ".join(str(x) for x in r if isinstance(x, str)) == row:
                return r[at], (i, at) in hidden
        return None, False

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


def summary_paragraphs(content: dict) -> list[dict]:
    tables = {t["key"]: t for t in content["tables"]}
    name = content["scope"]["name"]
    out = []

    p = _Paragraph(tables)
    reports = p.count("summary", "reports / report", "count")
    incidents = p.count("summary", "incidents / incident", "count")
    if reports:
        p.add(f"From {period_text(content['period'])}, {name} officers reported using force {reports} times "
              f"(reports), in {incidents} distinct incidents.")
        change = p.share("summary", "reports / report", "change (%)")
        previous = p.count("summary", "reports / report", "previous period")
        if change is not None:
            direction = "more" if not change.startswith("-") else "fewer"
            p.add(f"That is {change.lstrip('-')} {direction} reports than in the previous period "
                  f"({content['previous_period']}: {previous}).")
    out.append(p.done())

    if "places" in tables:
        p = _Paragraph(tables)
        places = _districts(tables["places"])
        phrases = []
        for district, parts in places[:3]:
            total = p.count("places", f"{district} / district total", "reports")
            street = p.count("places", f"{district} / street (outside custody)", "reports")
            suites = [(s, p.count("places", f"{district} / {s}", "reports")) for s in parts]
            detail = ""
            if suites:
                detail = f" ({street} on the street plus " + ", ".join(f"{n} in {s}" for s, n in suites) + ")"
            share = p.share("places", f"{district} / district total", "share of all reports (%)")
            phrases.append(f"{total} times in {district}{detail}" + (f", {share} of the total" if share else ""))
        if phrases:
            p.add("Force was used " + "; ".join(phrases) + ".")
        out.append(p.done())

    if "injuries" in tables:
        p = _Paragraph(tables)
        minor = p.count("injuries", "Person injury: minor", "reports")
        severe = p.count("injuries", "Person injury: severe", "reports")
        death = p.count("injuries", "Person injury: death", "reports")
        p.add(f"{minor} reports recorded a minor injury to the person, {severe} a severe injury and {death} a death.")
        injured = p.share("injuries", "Officer injured", "share of reports (%)")
        spat = p.share("injuries", "Officer spat at", "share of reports (%)")
        threatened = p.share("injuries", "Officer threatened with a weapon", "share of reports (%)")
        if injured:
            p.add(f"The officer was injured in {injured} of reports, spat at in {spat} and threatened with a "
                  f"weapon in {threatened}.")
        out.append(p.done())

    p = _Paragraph(tables)
    if "subjects_health" in tables:
        mental = p.share("subjects_health", "Mental", "share of subjects (%)")
        both = p.share("subjects_health", "Physical and mental", "share of subjects (%)")
        if mental and both:
            p.add(f"Officers perceived a mental health condition in {mental} of the people force was used on, and "
                  f"a physical and mental condition in a further {both}.")
    if "subjects_gender" in tables:
        male = p.share("subjects_gender", "Male", "share of subjects (%)")
        if male:
            p.add(f"{male} were perceived as male.")
    if "subjects_ethnicity" in tables:
        white = p.share("subjects_ethnicity", "White", "share of subjects (%)")
        if white:
            p.add(f"{white} were perceived as White.")
    if "subjects_age_band" in tables:
        young = p.count("subjects_age_band", "Under 11 years", "subjects")
        old = p.count("subjects_age_band", "65 and over", "subjects")
        if young and old:
            p.add(f"{young} were perceived to be under 11 and {old} to be 65 or over.")
    out.append(p.done())

    out.append({"text": "A single use of force may be recorded several times if more than one officer was there: "
                        "reports count each officer's account, incidents count events. Characteristics are as "
                        "perceived by the officer, not self-reported.", "figures": []})
    return [x for x in out if x]


def _districts(table: dict) -> list[tuple[str, list[str]]]:
    """Districts in the table's order (largest first) with their custody suites."""
    order: dict[str, list[str]] = {}
    for row in table["rows"]:
        district, place = row[0], row[1]
        parts = order.setdefault(district, [])
        if place not in ("street (outside custody)", "district total"):
            parts.append(place)
    return list(order.items())
