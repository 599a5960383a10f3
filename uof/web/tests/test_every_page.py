"""Every page of every role, at a phone's 390 px and a desktop's 1280 px, in headless Chromium.

Each page must: answer 200; show no mark-up or template leftovers as text; fit the window (no
horizontal scrolling of the page: wide tables scroll inside their own box); have no console
error; pass axe-core (uof/testing/pagecheck.py). A named route that is neither walked here nor
listed in NOT_PAGES fails `test_every_route_is_walked`, so a new page gets the checks by default.

Set UOF_SCREENSHOTS=/some/folder to keep a full-page screenshot of every page visited.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from uof.reports import workflow
from uof.reports.fieldset import PAGE_ORDER
from uof.reports.models import Report
from uof.reports.selectors import record_data
from uof.reports.tests.helpers import login, start_report, walk_all
from uof.testing.browser import sign_in
from uof.testing.pagecheck import assert_page_ok

# Named routes that are not pages a person reads, and why.
NOT_PAGES = {
    "logout": "POST only: signs out",
    "landing": "a redirect to the work page of the signed-in role",
    "review:decision": "POST only: the review form on the report page",
    "publish:publish": "POST only: the publish button on the preview",
    "stats:download": "a CSV or JSON file",
    "stats:home_office_return_download": "an ODS or CSV file",
    "public:download": "a CSV or JSON file",
}
# The JSON API answers machines (its docs page is walked); Django's admin keeps its own layout.
NOT_WALKED_NAMESPACES = ("admin", "api")
WALKED_API_PAGES = ("api:docs",)

PUBLICATION = {"kind": "force", "slug": "cambridgeshire", "period": "2026-27-q1"}


@dataclass
class Visit:
    who: str  # "anonymous" or an attribute of the org fixture
    route: str  # the route name, for the coverage check
    url: str
    then: str = ""  # a button to press on the page before checking it (e.g. a form that shows tables)


def _names(patterns, prefix: str = "") -> set[str]:
    found = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            space = pattern.namespace
            found |= _names(pattern.url_patterns, f"{prefix}{space}:" if space else prefix)
        elif isinstance(pattern, URLPattern) and pattern.name:
            found.add(prefix + pattern.name)
    return found


def named_routes() -> set[str]:
    return {name for name in _names(get_resolver().url_patterns)
            if not name.startswith(tuple(f"{space}:" for space in NOT_WALKED_NAMESPACES))
            or name in WALKED_API_PAGES}


# --- the world the pages show ------------------------------------------------------------------

def _client(user) -> Client:
    client = Client()
    login(client, user)
    return client


def _report(org, user, ref: str, **changes) -> Report:
    client = _client(user)
    report = start_report(client, ref, new_incident=True)  # CC-WALK-2 is close to CC-WALK-1
    walk_all(client, report, org, **changes)
    return Report.objects.get(pk=report.pk)


def _submit(report: Report, by) -> Report:
    workflow.transition(report, "submit", by, version=report.version)
    return Report.objects.get(pk=report.pk)


def build_world(org) -> dict:
    """Reports in every state, a correction, a missing report, statistics and two revisions."""
    from uof.publish.tests.helpers import publish, seed_reports
    from uof.stats.tests.builders import incidents_with_reports, officers

    world = {}
    # bob reported first on CC-WALK-1; alice's draft on the same incident asks which person
    bob_first = _submit(_report(org, org.bob, "CC-WALK-1", officer={"officers_present": ""}), org.bob)
    client = _client(org.alice)
    world["draft"] = start_report(client, "CC-WALK-1")
    world["bob_first"] = bob_first
    # alice names bob as present on CC-WALK-2: bob owes a report
    submitted = _submit(_report(org, org.alice, "CC-WALK-2"), org.alice)
    world["submitted"] = submitted
    returned = _submit(_report(org, org.alice, "CC-WALK-3", officer={"officers_present": ""}), org.alice)
    workflow.transition(returned, "return", org.sergeant, comment="Add the body-worn video reference.\nThanks.",
                        version=returned.version)
    world["returned"] = Report.objects.get(pk=returned.pk)
    approved = _submit(_report(org, org.alice, "CC-WALK-4", officer={"officers_present": ""}), org.alice)
    workflow.transition(approved, "approve", org.sergeant, version=approved.version)
    approved = Report.objects.get(pk=approved.pk)
    sergeant = _client(org.sergeant)  # a correction with a reason, for the history page
    response = sergeant.post(reverse("reports:page", args=[approved.pk, "threats"]), {
        **record_data(approved, "threats").dict(), "spat_at": "no", "threatened_with_weapon": "yes", "assaulted_with_weapon": "no", "public_order": "no",
        "version": approved.version, "reason": "The body-worn video shows a knife", "action": "continue"})
    assert response.status_code == 302, response.content.decode()[:2000]
    world["approved"] = approved
    # published figures: a quarter with two revisions
    seed_reports(org)
    publish(org.analyst)
    incidents_with_reports(org.cambs, officers(org.cambs, 2), dt_start(), [{}, {}], district=org.cambridge)
    publish(org.analyst, reason="Late reports")
    return world


def dt_start():
    from uof.publish.tests.helpers import START

    return START


def visits(org, world) -> list[Visit]:
    draft, submitted = world["draft"], world["submitted"]
    pub = reverse("public:publication", kwargs=PUBLICATION)
    pages = [Visit("anonymous", "start", reverse("start")),
             Visit("anonymous", "login", reverse("login")),
             Visit("anonymous", "public:index", reverse("public:index")),
             Visit("anonymous", "public:dictionary", reverse("public:dictionary")),
             Visit("anonymous", "public:scope", reverse("public:scope", kwargs={"kind": "force",
                                                                               "slug": "cambridgeshire"})),
             Visit("anonymous", "public:publication", pub),
             Visit("anonymous", "public:revision", reverse("public:revision", kwargs={**PUBLICATION,
                                                                                     "revision": 1})),
             Visit("anonymous", "public:publication_dictionary",
                   reverse("public:publication_dictionary", kwargs=PUBLICATION)),
             Visit("anonymous", "api:docs", reverse("api:docs")),
             # the officer
             Visit("alice", "reports:mine", reverse("reports:mine")),
             Visit("alice", "reports:new", reverse("reports:new")),
             Visit("alice", "reports:subject", reverse("reports:subject", args=[draft.pk]))]
    for page in PAGE_ORDER:
        if page not in ("subject", "tactics"):
            pages.append(Visit("alice", "reports:page", reverse("reports:page", args=[draft.pk, page])))
    pages += [Visit("alice", "reports:tactics", reverse("reports:tactics", args=[world["returned"].pk])),
              Visit("alice", "reports:check", reverse("reports:check", args=[world["returned"].pk])),
              Visit("alice", "reports:view", reverse("reports:view", args=[submitted.pk])),
              Visit("bob", "reports:mine", reverse("reports:mine")),
              # the sergeant
              Visit("sergeant", "review:queue", reverse("review:queue")),
              Visit("sergeant", "reports:view", reverse("reports:view", args=[submitted.pk])),
              Visit("sergeant", "review:history", reverse("review:history", args=[world["approved"].pk])),
              Visit("sergeant", "review:missing", reverse("review:missing")),
              Visit("sergeant", "review:compliance", reverse("review:compliance")),
              # the force administrator, the analyst, professional standards
              Visit("cambs_admin", "review:delete", reverse("review:delete", args=[world["approved"].pk])),
              Visit("analyst", "stats:index", reverse("stats:index")),
              Visit("analyst", "stats:index", reverse("stats:index") + "?period=2026%2F27-Q1", then="Show"),
              Visit("analyst", "stats:home_office_return", reverse("stats:home_office_return")),
              Visit("analyst", "publish:index", reverse("publish:index")),
              Visit("analyst", "publish:preview", reverse("publish:preview")
                    + "?scope=force%3Acambridgeshire&period=2026%2F27-Q1"),
              Visit("standards", "audit:log", reverse("audit:log"))]
    pages += extra_visits(org, world)
    return pages


def extra_visits(org, world) -> list[Visit]:
    """Pages added since the list above was written: each found by its route name, if it exists."""
    optional = {"reports:discard": ("alice", lambda: reverse("reports:discard", args=[world["draft"].pk]))}
    names = named_routes()
    return [Visit(who, name, make()) for name, (who, make) in optional.items() if name in names]


def test_every_route_is_walked(org):
    world = {"draft": Report(pk=1), "submitted": Report(pk=2), "returned": Report(pk=3), "approved": Report(pk=4)}
    walked = {visit.route for visit in visits(org, world)}
    missing = named_routes() - walked - set(NOT_PAGES)
    assert not missing, f"pages with no check: walk them in {__name__}.visits, or say in NOT_PAGES why not"
    stale = set(NOT_PAGES) - named_routes()
    assert not stale, f"NOT_PAGES lists routes that no longer exist: {stale}"


# --- the walk -------------------------------------------------------------------------------------

def _shoot(page, width: int, index: int, visit: Visit) -> None:
    folder = os.environ.get("UOF_SCREENSHOTS")
    if folder:
        name = re.sub(r"[^a-z0-9]+", "-", f"{index:02d}-{visit.who}-{visit.route}").strip("-")
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{width}-{name}.png"), full_page=True, timeout=60_000)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_every_page_reads_well(new_page, org, width):
    world = build_world(org)
    pages: dict[str, object] = {}
    problems = []
    for index, visit in enumerate(visits(org, world)):
        if visit.who not in pages:
            page = pages[visit.who] = new_page(width)
            if visit.who != "anonymous":
                sign_in(page, getattr(org, visit.who))
        page = pages[visit.who]
        response = page.goto(visit.url)
        context = f"{visit.who} on {visit.route} ({visit.url}) at {width} px"
        if response is None or response.status != 200:
            problems.append(f"{context}: status {response.status if response else 'none'}")
            continue
        if visit.then:
            page.get_by_role("button", name=visit.then).first.click()
            page.wait_for_load_state()
        _shoot(page, width, index, visit)
        try:
            assert_page_ok(page, context)
        except AssertionError as problem:
            problems.append(str(problem))
    assert not problems, f"{len(problems)} page problem(s):\n" + "\n\n".join(problems)
