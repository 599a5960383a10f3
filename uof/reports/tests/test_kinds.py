"""Field kinds are classes (kinds.py): no other module decides what to do by a kind's name, and
each kind's parts agree with each other on the real field set."""
from __future__ import annotations

import ast
import datetime as dt
import re
from pathlib import Path

from django.utils.datastructures import MultiValueDict

from uof.reports import kinds
from uof.reports.fieldset import FIELDS, FIELDS_BY_NAME, report_fields
from uof.reports.models import Report

UOF = Path(__file__).resolve().parents[2]
FIELD_NAMES = {"spec", "f", "field", "_field", "column"}


def _kind_switches(path: Path, root: Path = UOF.parent) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        sides = [node.left, *node.comparators]
        on_kind = any(isinstance(s, ast.Attribute) and s.attr in ("kind", "name") and
                      isinstance(getattr(s, "value", None), (ast.Name, ast.Attribute)) and
                      _names_a_field_kind(s) for s in sides)
        literal = any(isinstance(s, ast.Constant) and isinstance(s.value, str) or
                      isinstance(s, (ast.Tuple, ast.Set, ast.List)) and all(isinstance(e, ast.Constant) for e in s.elts)
                      for s in sides)
        if on_kind and literal:
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def _names_a_field_kind(node: ast.Attribute) -> bool:
    if node.attr == "kind":
        return isinstance(node.value, ast.Name) and node.value.id in FIELD_NAMES
    inner = node.value  # spec.kind.name
    return isinstance(inner, ast.Attribute) and inner.attr == "kind" and isinstance(inner.value, ast.Name) \
        and inner.value.id in FIELD_NAMES


def test_no_module_switches_on_a_kind_name():
    sources = [p for p in UOF.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts
               and p.name != "kinds.py"]
    found = [where for p in sources for where in _kind_switches(p)]
    templates = [f"{p.relative_to(UOF.parent)}:{n}" for p in (UOF / "templates").rglob("*.html")
                 for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"\bspec\.kind\s*(==|!=|in\b)", line)]
    assert not found + templates, "a kind's behaviour belongs in reports/kinds.py: " + ", ".join(found + templates)


def test_the_scanner_sees_a_switch(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('if spec.kind == "date":\n    pass\nif f.kind.name in ("place", "force"):\n    pass\n'
                      'if scope.kind == "force":\n    pass\n')
    assert _kind_switches(sample, tmp_path) == ["sample.py:1", "sample.py:3"]


def test_every_field_has_a_declared_kind_and_officers_present_is_its_own():
    assert all(isinstance(f.kind, kinds.Kind) for f in FIELDS)
    officers = FIELDS_BY_NAME["officers_present"]
    assert officers.kind is kinds.OFFICERS and officers not in report_fields()
    # no column of its own: the officers are rows of OfficerPresent, read through the report
    assert "officers_present" not in {c.attname for c in Report._meta.concrete_fields}


def test_posting_then_cleaning_a_stored_answer_gives_it_back():
    """For every kind used by a report column: the shape `post` gives is what `clean` reads back."""
    class Check:
        force, places = None, None

        def __init__(self):
            self.errors = []

        def missing(self, spec):
            self.errors.append(spec.name)

        def add_error(self, name, message):
            self.errors.append(message)

        def check_codes(self, spec, codes):
            return codes

        def today(self):
            return dt.date.today()

    samples = {"date": dt.date(2024, 5, 6), "time": dt.time(14, 30), "choice": None, "multi": None,
               "lines": ["BWV-1", "BWV-2"], "textarea": "An account.", "reference": "CC-1"}
    for f in FIELDS:
        if f.kind.name not in samples:
            continue
        value = samples[f.kind.name]
        if value is None:
            value = f.example if f.example is not None else f.vocabulary.codes()[0]
            value = list(value) if isinstance(value, tuple) else value
        data = MultiValueDict()
        f.kind.post(data, f, value)
        raw = (tuple(data.get(f"{f.name}-{p}") for p in ("day", "month", "year")) if f.kind.dated
               else data.getlist(f.name) if f.kind is kinds.MULTI else data.get(f.name))
        check = Check()
        assert f.kind.clean(check, f, raw) == value, f.name
        assert not check.errors, (f.name, check.errors)
