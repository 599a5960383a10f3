"""Apps depend one way: no import cycle between two apps of uof, whether the import sits at the top
of a module or is hidden inside a function. Tests and migrations are not part of the direction."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

UOF = Path(__file__).resolve().parents[2]
KNOWN_CYCLES: set[frozenset] = set()


def _apps(root: Path) -> set[str]:
    return {p.name for p in root.iterdir() if p.is_dir() and (p / "__init__.py").exists()}


def _imported(root: Path, path: Path, node: ast.AST) -> str:
    if isinstance(node, ast.ImportFrom):
        if node.level:  # relative: resolve against the module's package
            package = list(path.relative_to(root.parent).with_suffix("").parts[:-1])
            base = package[: len(package) - node.level + 1]
            return ".".join([*base, *([node.module] if node.module else [])])
        return node.module or ""
    return ""


def app_imports(root: Path = UOF) -> dict[str, dict[str, list[str]]]:
    """app -> other app -> where (file:line) it is imported, for the package at `root`."""
    apps, edges = _apps(root), defaultdict(lambda: defaultdict(list))
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if len(parts) < 2 or parts[0] not in apps or "tests" in parts or "migrations" in parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [_imported(root, path, node)]
            for name in names:
                bits = name.split(".")
                if len(bits) > 1 and bits[0] == root.name and bits[1] in apps and bits[1] != parts[0]:
                    edges[parts[0]][bits[1]].append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return edges


def cycles(edges) -> dict[frozenset, list[str]]:
    """Every pair of apps importing each other, and where, including longer loops' pairs."""
    found = {}
    for a in edges:
        for b in edges[a]:
            if a in edges.get(b, {}):
                found[frozenset({a, b})] = edges[a][b] + edges[b][a]
    reach = {a: set(edges[a]) for a in edges}
    changed = True
    while changed:  # the transitive closure: a loop through three apps is a cycle too
        changed = False
        for a in reach:
            more = set().union(*(reach.get(b, set()) for b in reach[a])) - reach[a]
            if more:
                reach[a] |= more
                changed = True
    for a in reach:
        for b in reach[a]:
            if a != b and a in reach.get(b, set()) and frozenset({a, b}) not in found:
                found[frozenset({a, b})] = [f"{a} reaches {b} and {b} reaches {a} through other apps"]
    return found


def test_no_import_cycle_between_apps():
    found = cycles(app_imports())
    new = {pair: where for pair, where in found.items() if pair not in KNOWN_CYCLES}
    assert not new, "import cycles between apps:\n" + "\n".join(
        f"  {' <-> '.join(sorted(pair))}: {', '.join(where[:6])}" for pair, where in new.items())
    gone = KNOWN_CYCLES - set(found)
    assert not gone, f"no longer a cycle, take it off KNOWN_CYCLES: {gone}"


def test_the_scanner_sees_a_cycle_hidden_in_a_function(tmp_path):
    edges = {"a": {"b": ["a/x.py:3"]}, "b": {"c": ["b/y.py:9"]}, "c": {"a": ["c/z.py:2 (inside a function)"]}}
    assert set(cycles(edges)) == {frozenset({"a", "b"}), frozenset({"b", "c"}), frozenset({"a", "c"})}
    # a package of two apps: one imports the other at the top, the other hides the way back in a function
    for app, source in {"alpha": "from uof.beta import models\n",
                        "beta": "def later():\n    from ..alpha import views\n"}.items():
        (tmp_path / "uof" / app).mkdir(parents=True)
        (tmp_path / "uof" / app / "__init__.py").write_text("")
        (tmp_path / "uof" / app / "code.py").write_text(source)
    (tmp_path / "uof" / "__init__.py").write_text("")
    found = cycles(app_imports(tmp_path / "uof"))
    assert set(found) == {frozenset({"alpha", "beta"})}
    assert found[frozenset({"alpha", "beta"})] == ["uof/alpha/code.py:1", "uof/beta/code.py:2"]
