"""Tables are listed in one place, the catalogue (uof/stats/catalogue.py).

Everything else derives from it: a module that spells out two or more table keys in one list, tuple,
set or dict (or a template that names two), or that writes a table's title, has gone back to
listing tables by hand, and the next table added to the catalogue would be missing there.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

from uof.reports.fieldset import FIELDS_BY_NAME
from uof.stats.catalogue import MEASURES

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "stats" / "catalogue.py"
# A multi-select answer and its table share a name ("reasons"): a dict of answers is not a list of
# tables, so only keys that are not also an answer's name count.
KEYS = {m.key for m in MEASURES} - set(FIELDS_BY_NAME)
TITLES = {m.title for m in MEASURES}


def product_modules():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts or path == CATALOGUE:
            continue
        yield path


def _strings(node) -> list[str]:
    return [n.value for n in node if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def test_no_module_lists_two_tables():
    found = []
    for path in product_modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                strings = _strings(node.elts)
            elif isinstance(node, ast.Dict):
                strings = _strings([k for k in node.keys if k is not None])
            else:
                continue
            keys = sorted(KEYS.intersection(strings))
            if len(keys) >= 2:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {keys}")
    assert not found, "tables listed outside the catalogue:\n" + "\n".join(found)


def test_no_template_names_two_tables():
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        quoted = set(re.findall(r"""["']([a-z_0-9]+)["']""", path.read_text()))
        keys = sorted(KEYS & quoted)
        if len(keys) >= 2:
            found.append(f"{path.relative_to(ROOT)}: {keys}")
    assert not found, "\n".join(found)


def test_titles_are_written_only_in_the_catalogue():
    found = []
    # The recording side names form pages ("Tactics used" is a page as well as a table), never tables.
    modules = [p for p in product_modules() if p.relative_to(ROOT).parts[0] != "reports"]
    for path in [*modules, *sorted((ROOT / "templates").rglob("*.html"))]:
        text = path.read_text()
        found += [f"{path.relative_to(ROOT)}: {title!r}" for title in TITLES
                  if re.search(r"""["']""" + re.escape(title) + r"""["']""", text)]
    assert not found, "\n".join(found)


def test_templates_address_cells_by_name_not_position():
    """`tables[0]`, `row[2]` or `rows[:4]` break as soon as a table gains a row or a column."""
    found = []
    for path in sorted((ROOT / "templates" / "publish").rglob("*.html")):
        for n, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"\b(tables|rows|row)\[[-:0-9]", line):
                found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()[:100]}")
    assert not found, "\n".join(found)
