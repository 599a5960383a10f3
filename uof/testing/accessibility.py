"""Run axe-core (Deque's accessibility engine, vendored) on a Playwright page.

axe-core is vendored by scripts/vendor-axe-core into uof/testing/vendor/axe-core/, so the tests
need neither node nor network. Every WCAG 2.0/2.1/2.2 A and AA rule runs (the rules tagged
wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa); none is disabled. A test fails on any violation
whose impact is serious or critical; the others are returned for whoever wants to look.
"""
from __future__ import annotations

import json
from functools import cache
from pathlib import Path

AXE_DIR = Path(__file__).resolve().parent / "vendor" / "axe-core"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = ("serious", "critical")

_RUN = """async (tags) => {
  const results = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}});
  const nodes = (rule) => rule.nodes.map(n => ({
    target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)),
    html: n.html, impact: n.impact, summary: n.failureSummary
      || n.any.concat(n.all, n.none).map(c => c.message).join('\\n'),
  }));
  const rule = (r) => ({id: r.id, impact: r.impact, help: r.help, helpUrl: r.helpUrl, nodes: nodes(r)});
  return {
    version: window.axe.version,
    url: results.url,
    passes: results.passes.map(r => r.id),
    violations: results.violations.map(rule),
    incomplete: results.incomplete.map(rule),
  };
}"""


@cache
def axe_source() -> str:
    path = AXE_DIR / "axe.min.js"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run scripts/vendor-axe-core")
    return path.read_text(encoding="utf-8")


def axe_version() -> str:
    return (AXE_DIR / "VERSION").read_text(encoding="utf-8").split("\n", 1)[0].split()[-1]


def run_axe(page) -> dict:
    """axe-core's violations on the page as it is now (the script is injected once per document)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # evaluate, not a <script> tag: no DOM change for axe to judge, and no CSP or network involved
        page.evaluate("source => { (0, eval)(source); }", axe_source())
    return page.evaluate(_RUN, WCAG_TAGS)


def format_violations(violations: list[dict], context: str = "", url: str = "",
                      what: str = "serious or critical accessibility violation(s)") -> str:
    where = " ".join(part for part in (context, f"({url})" if url else "") if part)
    lines = [f"{len(violations)} {what} on {where or 'the page'}:"]
    for violation in violations:
        lines.append(f"- [{violation['impact']}] {violation['id']}: {violation['help']}"
                     f" <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    target: {', '.join(node['target'])}")
            lines.append(f"    html:   {node['html'][:300]}")
            if node.get("summary"):
                lines.append("    " + node["summary"].replace("\n", "\n    "))
    return "\n".join(lines)


# The one finding accepted, narrowly: GOV.UK Frontend's radios and checkboxes that reveal a follow-up
# question carry aria-expanded, which axe's aria-allowed-attr rule calls critical on an <input>.
# GOV.UK keeps it on purpose after testing with screen readers (alphagov/govuk-frontend#979). Only
# that attribute on those inputs is accepted; any other attribute or element still fails.
def _govuk_reveal(violation: dict) -> bool:
    return violation["id"] == "aria-allowed-attr" and all(
        ('class="govuk-radios__input"' in node["html"] or 'class="govuk-checkboxes__input"' in node["html"])
        and "aria-expanded" in node["summary"]
        and all(line.strip().startswith(("Fix all of the following", "ARIA attribute is not allowed: aria-expanded"))
                for line in node["summary"].splitlines() if line.strip())
        for node in violation["nodes"])


def serious(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in FAILING_IMPACTS and not _govuk_reveal(v)]


def assert_accessible(page, context: str = "") -> dict:
    """Fail if axe-core finds a serious or critical WCAG 2.2 A/AA violation on `page`.

    Lesser violations (minor, moderate) and the checks axe could not settle by itself
    ("incomplete": to be reviewed by a person) do not fail; they are printed (pytest shows them
    with -s, or beside any failure of the test) and returned with the rest of the results.
    """
    results = run_axe(page)
    failing = serious(results["violations"])
    assert not failing, format_violations(failing, context, results["url"])
    lesser = [v for v in results["violations"] if v not in failing]
    if lesser:
        print(format_violations(lesser, context, results["url"],
                                "minor or moderate accessibility violation(s)"))
    if results["incomplete"]:
        print(format_violations(results["incomplete"], context, results["url"],
                                "accessibility check(s) axe could not settle (review by hand)"))
    return results


def violations_json(page) -> str:
    """Every violation, whatever its impact, as JSON (for debugging a page by hand)."""
    return json.dumps(run_axe(page)["violations"], indent=2)
