"""Reads never write: selectors (and the review queue and history, which are reads too) neither
save nor record audit events. Auditing that someone viewed private answers is done by the view,
in one explicit call (`uof.reports.access.audit_view`), never as a side effect of a read."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = sorted([*ROOT.glob("*/selectors.py"), ROOT / "review" / "queue.py", ROOT / "review" / "history.py", ROOT / "reports" / "missing.py"])
WRITES = {"save", "create", "bulk_create", "update", "update_or_create", "get_or_create", "delete", "record",
          "audit_view"}


def test_there_are_reads_to_check():
    assert len(READS) >= 5 and all(p.exists() for p in READS)


def test_reads_call_nothing_that_writes():
    found = []
    for path in READS:
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = getattr(node, "module", "") or ""
                names = [a.name for a in node.names]
                if "audit" in module.split(".") or any("audit" in n for n in names):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: imports the audit log")
                if module.split(".")[-1] == "forms" or "forms" in names:  # reads need no form
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: imports forms")
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in WRITES:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: calls .{node.func.attr}()")
    assert not found, "\n".join(found)
