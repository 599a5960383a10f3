"""Every publication at once: an attacker who downloads all of them (each force's quarters, the
collaboration's, the years, a revision, two thresholds) and solves one integer program over all of
it pins no protected count: none of any publication, none of any force's quarter inside them.

The attacker is written apart from uof/publish (overlap.py, disclosure.py): it lists publications
through the public API, reads each revision's all.json and records.csv from the public download
URLs, cuts the dates into quarters itself, and gives scipy's milp (HiGHS) one integer unknown per
force, quarter and cell. Like the single-publication attacker (test_disclosure_property.py), it
knows the form's relations inside each force's quarter (cells.grid of the true figures: at least as
strong as a reader who knows the form) and how many reports changed before a revision.
"""
import datetime as dt
import json
import math
import time

import numpy as np
import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import lil_matrix

from uof.publish import cells as cellmod
from uof.publish import services
from uof.publish.disclosure import Rule
from uof.publish.tests.test_disclosure_property import file_facts
from uof.reports.tactics import TACTICS
from uof.stats import store as stores
from uof.stats.periods import date_range, parse_period
from uof.stats.service import statistics
from uof.stats.tests.builders import incidents_with_reports, officers
from uof.stats.tests.test_recount_property import report_answers

QUARTERS = ["2025/26-Q1", "2025/26-Q2", "2025/26-Q3", "2025/26-Q4"]
COMPARISONS = {"previous period", "a year earlier"}
SCOPES = {"cambridgeshire": ("force", ["cambridgeshire"]), "bedfordshire": ("force", ["bedfordshire"]),
          "bch": ("collaboration", ["bedfordshire", "cambridgeshire"])}

# Records: (force, quarter, day in it, reports of one incident)
plans = st.lists(st.tuples(st.sampled_from(["cambridgeshire", "bedfordshire"]), st.integers(0, 3),
                           st.integers(0, 88), st.lists(report_answers, min_size=1, max_size=3)),
                 min_size=4, max_size=30)
# What the analysts publish, in the order they do it: (scope, period, threshold)
specs = st.permutations([("cambridgeshire", "2025/26-Q1"), ("cambridgeshire", "2025/26-Q2"),
                         ("bedfordshire", "2025/26-Q1"), ("bedfordshire", "2025/26-Q2"),
                         ("bch", "2025/26-Q1"), ("bch", "2025/26-Q2"), ("cambridgeshire", "2025/26"),
                         ("bch", "2025/26")])


def make(org, planned) -> None:
    pools = {"cambridgeshire": officers(org.cambs, 3), "bedfordshire": officers(org.beds, 3)}
    force = {"cambridgeshire": org.cambs, "bedfordshire": org.beds}
    for slug, quarter, day, reports in planned:
        start = parse_period(QUARTERS[quarter]).start
        for answers in reports:
            custody = answers.pop("_custody")
            if custody:
                answers.update(custody_suite=org.thorpe if slug == "cambridgeshire" else org.luton_custody,
                               location_types=["custody_block"])
            if answers["subject_injured"] != "yes":
                answers["subject_injury_level"] = ""
        district = org.peterborough if slug == "cambridgeshire" else org.luton
        if slug == "cambridgeshire" and day % 2 and not any(a.get("custody_suite") for a in reports):
            district = org.cambridge
        incidents_with_reports(force[slug], pools[slug], start + dt.timedelta(days=day), reports, district=district)
    stores._CACHE.clear()


# --- the attacker: only public URLs -----------------------------------------------------------------

def everything_public(client) -> list[dict]:
    """Every revision of every publication: its scope's forces, dates, shown counts and file."""
    out, url = [], "/api/v1/publications/"
    while url:
        page = client.get(url).json()
        for item in page["results"]:
            base = f"/data/{item['kind']}/{item['scope']}/{item['period']['slug']}/download/"
            for revision in range(1, item["revision"] + 1):
                content = json.loads(client.get(f"{base}all.json?revision={revision}").content)
                records = client.get(f"{base}records.csv?revision={revision}")
                out.append({"content": content, "revision": revision,
                            "published_at": dt.datetime.fromisoformat(content["published_at"]),
                            "records": records.content.decode() if records.status_code == 200 else ""})
        url = page.get("next")
    return out


def shown_counts(content) -> dict:
    out = {}
    for table in content["tables"]:
        counts = cellmod.COUNT_COLUMNS[table["key"]]
        for i, (code, row) in enumerate(zip(table["keys"], table["rows"])):
            for j, column in enumerate(table["columns"]):
                if column in counts and code not in cellmod.DERIVED_ROWS and column not in COMPARISONS:
                    out[(table["key"], code, column)] = None if [i, j] in table["withheld"] else row[j]
    return out


def codes_by_label(content) -> dict:
    """(table, row as a reader sees it) -> the row's code, from a downloaded all.json."""
    return {(t["key"], " / ".join(str(x) for x in row[:cellmod.LABEL_COLUMNS.get(t["key"], 1)])): code
            for t in content["tables"] for code, row in zip(t["keys"], t["rows"])}


def quarters_of(content) -> list[str]:
    start, end = (dt.date.fromisoformat(content["period"][k]) for k in ("from", "to"))
    return [q for q in QUARTERS if start <= parse_period(q).start and parse_period(q).end <= end]


def integer_bounds(names, rows, targets) -> dict:
    """min and max of each target over the integer points satisfying every row (terms, lo, hi)."""
    at = {n: i for i, n in enumerate(names)}
    matrix = lil_matrix((len(rows), len(names)))
    lower, upper = [], []
    for r, (terms, lo, hi) in enumerate(rows):
        for name, k in terms:
            matrix[r, at[name]] += k
        lower.append(lo)
        upper.append(hi)
    constraint = LinearConstraint(matrix.tocsr(), lower, upper)
    out = {}
    for target in targets:
        c = np.zeros(len(names))
        c[at[target]] = 1
        ends = []
        for sign in (1, -1):
            result = milp(sign * c, constraints=constraint, integrality=np.ones(len(names)),
                          bounds=Bounds(0, np.inf))
            if result.status == 4:  # "infeasible or unbounded": feasible it is, so unbounded
                result = milp(np.zeros(len(names)), constraints=constraint, integrality=np.ones(len(names)),
                              bounds=Bounds(0, np.inf))
                assert result.status == 0, result.message
                ends.append(math.inf)
                continue
            assert result.status in (0, 3), result.message  # optimal, or unbounded above
            ends.append(math.inf if result.status == 3 else sign * result.fun)
        out[target] = tuple(ends)
    return out


def knowledge(public: list[dict], piece_truth: dict, late: int, late_at) -> tuple[list, list, dict]:
    """The unknowns (every publication's cells, every force's quarter's), what a reader knows of
    them as rows (terms, low, high), and each publication's withheld cells with its threshold.
    A publication made before the `late` reports came in (at `late_at`) is within that many of
    the sum of its pieces now (tactic uses: one per tactic each)."""
    names, rows = set(), []

    def var(force, quarter, cell):
        names.add((force, quarter, cell))
        return (force, quarter, cell)
    for (force, quarter), truth in piece_truth.items():  # the form's relations inside each piece
        for fact in truth.facts:
            rows.append(([(var(force, quarter, c), k) for c, k in fact.terms], fact.lo, fact.hi))
    targets = {}
    for n, item in enumerate(public):
        content = item["content"]
        forces, quarters = content["scope"]["forces"], quarters_of(content)
        slack = late if item["published_at"] < late_at else 0

        def total(cell, forces=forces, quarters=quarters):
            return [(var(f, q, cell), 1.0) for f in forces for q in quarters if cell in piece_truth[(f, q)].values]
        shown = shown_counts(content)
        rounding = content["rule"].get("rounding", 1)
        for cell, value in shown.items():
            own = ("publication", n, cell)
            names.add(own)
            moved = slack * (len(TACTICS.options) if cell[1] == "tactic_uses" else 1)
            rows.append(([(own, 1.0), *[(v, -k) for v, k in total(cell)]], -moved, moved))
            if value is not None:
                half = 0 if rounding <= 1 else rounding / 2
                rows.append(([(own, 1.0)], max(0, value - half), value + half))
            else:
                targets[own] = content["rule"]["threshold"]
        facts = file_facts(item["records"], set(shown), shown, codes_by_label(content)) if item["records"] else []
        for fact in facts:
            rows.append(([(("publication", n, c), k) for c, k in fact.terms], fact.lo, fact.hi))
    return sorted(names), rows, targets


def truths(org) -> dict:
    """The true figures of each force's quarter, and the form's relations among them."""
    stores._CACHE.clear()
    out = {}
    for f, force in (("cambridgeshire", org.cambs), ("bedfordshire", org.beds)):
        for q in QUARTERS:
            period = parse_period(q)
            truth = cellmod.grid(statistics([force], date_range(period.start, period.end))["tables"])
            truth.values = {c: v for c, v in truth.values.items() if c[2] not in COMPARISONS}
            truth.facts = [x for x in truth.facts if all(c in truth.values for c in x.cells())]
            out[(f, q)] = truth
    return out


@pytest.mark.django_db(transaction=False)
@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(planned=plans, order=specs, thresholds=st.lists(st.sampled_from([3, 5, 10]), min_size=8, max_size=8),
       late=plans, revise=st.integers(0, 7))
def test_every_publication_together_pins_no_protected_count(org, client, planned, order, thresholds, late, revise):
    with transaction.atomic():
        make(org, planned)
        made, refused = [], []
        for (slug, period), threshold in zip(order, thresholds):
            try:
                made.append(services.publish(org.analyst, services.scope_for(SCOPES[slug][0], slug),
                                             parse_period(period), Rule(threshold=threshold)))
            except services.PublishError as error:
                refused.append(str(error))
                assert "smallest count" in str(error), error
        before = truths(org)
        # Late reports, then one publication revised
        time.sleep(1.05)  # published_at is public to the second
        late_at = timezone.now().replace(microsecond=0)
        make(org, late[:3])
        if made:
            again = made[revise % len(made)]
            try:
                services.publish(org.analyst, services.scope_for(again.scope_kind, again.scope_slug),
                                 parse_period(again.period_label), Rule(threshold=again.rule["threshold"]),
                                 reason="late reports")
            except services.PublishError as error:
                assert "smallest count" in str(error), error
        public = everything_public(client)
        assert len(public) >= len(made)
        piece_truth = truths(org)
        names, rows, withheld = knowledge(public, piece_truth, sum(len(r) for *_, r in late[:3]), late_at)
        # The smallest threshold of any publication covering a piece protects its small counts.
        covering = {}
        for item in public:
            for f in item["content"]["scope"]["forces"]:
                for q in quarters_of(item["content"]):
                    covering[(f, q)] = min(covering.get((f, q), 99), item["content"]["rule"]["threshold"])
        protected = {}  # unknown -> its true value, for every count from 1 to its threshold - 1
        for name, threshold in withheld.items():
            item = public[name[1]]
            then = before if item["published_at"] < late_at else piece_truth
            truth = sum(then[(f, q)].values.get(name[2], 0) for f in item["content"]["scope"]["forces"]
                        for q in quarters_of(item["content"]))
            if 0 < truth < threshold:
                protected[name] = truth
        for name in names:
            if name[0] != "publication" and name[:2] in covering:
                truth = piece_truth[name[:2]].values[name[2]]
                if 0 < truth < covering[name[:2]]:
                    protected[name] = truth
        exposed = []
        for name, (low, high) in integer_bounds(names, rows, sorted(protected)).items():
            assert low - 1e-6 <= protected[name] <= high + 1e-6  # the attacker's knowledge is true
            if high != math.inf and math.floor(high + 1e-6) - math.ceil(low - 1e-6) < 1:
                exposed.append((name, protected[name], low, high))
        assert not exposed, f"{len(exposed)} protected counts pinned, e.g. {exposed[:5]}"
        transaction.set_rollback(True)

