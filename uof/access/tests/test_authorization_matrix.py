"""The authorisation matrix: every role × every URL and command × where the report is.

The expected outcomes are written out literally below (never derived from uof/access/policy.py),
and `test_every_route_is_in_the_matrix` fails when a URL route is missing from the table.

Reports: one complete report by alice (Cambridgeshire officer) per scope, in the status of the
section heading ("[deleted]" = submitted, then soft-deleted by a force administrator; "[-]"
rows concern no report):
  P  Peterborough (Cambridgeshire): alice's and `sgP`'s district
  C  Cambridge (Cambridgeshire): `sgC`'s district, another district of the same force
  L  Luton (Bedfordshire): another force (alice reporting under mutual aid; `sgB`'s district)
For the Cambridgeshire role holders P/C/L are own district / other district / other force; for
the Bedfordshire ones (car, sgB, adB) P and C are another force and L is their own force.

Roles (columns):
  pub  not signed in                     sgB  supervisor of Luton (Bedfordshire)
  aut  alice, the author                 adC  force admin of Cambridgeshire (is_staff)
  bob  another Cambridgeshire officer    adB  force admin of Bedfordshire (is_staff)
  car  carol, a Bedfordshire officer     ana  analyst, Cambridgeshire
  sgP  supervisor of Peterborough        psd  professional standards, Cambridgeshire
  sgC  supervisor of Cambridge           sup  superuser (no force)

Outcomes: 200 page shown | 403 forbidden (same force, role does not reach) | 404 not found
(another force: existence not revealed) | 405 method not allowed | 302L to the sign-in page |
302A to the admin's sign-in page | 302V to the read-only report | 302C to the author's check
page | 302+ command done: redirected and the report changed (new report for reports:new) |
302 other redirect. Every outcome but 302+ asserts that no report changed (status, version,
deletion). `reports:page[*]` stands for every question page (one test per page).
"""
from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from uof.access.models import Role, RoleAssignment
from uof.accounts.models import User
from uof.reports import completeness as report_completeness
from uof.reports import selectors, services, workflow
from uof.reports.fieldset import fields_on
from uof.reports.models import Incident, Report, Subject, TacticUse
from uof.reports.tests.helpers import error_summary, fresh, start_report, walk_all
from uof.review import services as review_services
from uof.testing.fixtures import PASSWORD, complete_pages, recent_day

ROLES = "pub aut bob car sgP sgC sgB adC adB ana psd sup".split()

MATRIX = """
                                pub  aut  bob  car  sgP  sgC  sgB  adC  adB  ana  psd  sup
[-]
GET  start                    - 200  200  200  200  200  200  200  200  200  200  200  200
GET  login                    - 200  200  200  200  200  200  200  200  200  200  200  200
POST login                    - 200  302  302  302  302  302  302  302  302  302  302  302
GET  logout                   - 405  405  405  405  405  405  405  405  405  405  405  405
GET  landing                  - 302L 302  302  302  302  302  302  302  302  302  302  302
POST logout                   - 302L 302L 302L 302L 302L 302L 302L 302L 302L 302L 302L 302L
GET  reports:mine             - 302L 200  200  200  200  200  200  200  200  200  200  200
GET  reports:new              - 302L 200  200  200  200  200  200  200  200  200  200  403
POST reports:new              - 302L 302+ 302+ 302+ 302+ 302+ 302+ 302+ 302+ 302+ 302+ 403
GET  review:queue             - 302L 403  403  403  200  200  200  403  403  403  403  200
GET  review:missing           - 302L 403  403  403  200  200  200  200  200  403  200  200
GET  review:compliance        - 302L 403  403  403  200  200  200  200  200  403  200  200
GET  audit:log                - 302L 403  403  403  403  403  403  403  403  403  200  200
GET  admin:index              - 302A 302A 302A 302A 302A 302A 302A 200  200  302A 302A 200
GET  stats:index              - 302L 403  403  403  403  403  403  200  200  200  200  200
GET  stats:download           - 302L 403  403  403  403  403  403  200  200  200  200  200
GET  stats:home_office_return - 302L 403  403  403  403  403  403  200  200  200  200  200
GET  stats:home_office_return_download - 302L 403  403  403  403  403  403  200  200  200  200  200
GET  publish:index            - 302L 403  403  403  403  403  403  403  403  200  403  200
GET  publish:preview          - 302L 403  403  403  403  403  403  403  403  200  403  200
GET  publish:publish          - 302L 405  405  405  405  405  405  405  405  405  405  405
POST publish:publish          - 302L 403  403  403  403  403  403  403  403  302  403  302
GET  public:index             - 200  200  200  200  200  200  200  200  200  200  200  200
GET  public:dictionary        - 200  200  200  200  200  200  200  200  200  200  200  200
GET  public:publication_dictionary - 404  404  404  404  404  404  404  404  404  404  404  404
GET  public:scope             - 404  404  404  404  404  404  404  404  404  404  404  404
GET  public:publication       - 404  404  404  404  404  404  404  404  404  404  404  404
GET  public:revision          - 404  404  404  404  404  404  404  404  404  404  404  404
GET  public:download          - 404  404  404  404  404  404  404  404  404  404  404  404
GET  api:root                 - 200  200  200  200  200  200  200  200  200  200  200  200
GET  api:publications         - 200  200  200  200  200  200  200  200  200  200  200  200
GET  api:scopes               - 200  200  200  200  200  200  200  200  200  200  200  200
GET  api:schema               - 200  200  200  200  200  200  200  200  200  200  200  200
GET  api:docs                 - 200  200  200  200  200  200  200  200  200  200  200  200
GET  api:publication          - 404  404  404  404  404  404  404  404  404  404  404  404
GET  api:tables               - 404  404  404  404  404  404  404  404  404  404  404  404
GET  api:table                - 404  404  404  404  404  404  404  404  404  404  404  404
GET  api:records              - 404  404  404  404  404  404  404  404  404  404  404  404
GET  api:not-found            - 404  404  404  404  404  404  404  404  404  404  404  404

[submitted]
GET  reports:view             P 302L 200  403  404  200  403  404  200  404  403  200  200
                              C 302L 200  403  404  403  200  404  200  404  403  200  200
                              L 302L 200  404  403  404  404  200  404  200  404  404  200
GET  reports:page[*]          P 302L 302V 403  404  200  403  404  200  404  403  302V 200
                              C 302L 302V 403  404  403  200  404  200  404  403  302V 200
                              L 302L 302V 404  403  404  404  200  404  200  404  404  200
GET  reports:subject          P 302L 302V 403  404  200  403  404  200  404  403  302V 200
                              C 302L 302V 403  404  403  200  404  200  404  403  302V 200
                              L 302L 302V 404  403  404  404  200  404  200  404  404  200
GET  reports:tactics          P 302L 302V 403  404  200  403  404  200  404  403  302V 200
                              C 302L 302V 403  404  403  200  404  200  404  403  302V 200
                              L 302L 302V 404  403  404  404  200  404  200  404  404  200
POST reports:page[*]          P 302L 302V 403  404  302+ 403  404  302+ 404  403  302V 302+
                              C 302L 302V 403  404  403  302+ 404  302+ 404  403  302V 302+
                              L 302L 302V 404  403  404  404  302+ 404  302+ 404  404  302+
POST reports:subject          P 302L 302V 403  404  302+ 403  404  302+ 404  403  302V 302+
                              C 302L 302V 403  404  403  302+ 404  302+ 404  403  302V 302+
                              L 302L 302V 404  403  404  404  302+ 404  302+ 404  404  302+
POST reports:tactics          P 302L 302V 403  404  302+ 403  404  302+ 404  403  302V 302+
                              C 302L 302V 403  404  403  302+ 404  302+ 404  403  302V 302+
                              L 302L 302V 404  403  404  404  302+ 404  302+ 404  404  302+
GET  reports:check            P 302L 302V 403  404  302V 403  404  302V 404  403  302V 302V
                              C 302L 302V 403  404  403  302V 404  302V 404  403  302V 302V
                              L 302L 302V 404  403  404  404  302V 404  302V 404  404  302V
POST reports:check            P 302L 302V 403  404  302V 403  404  302V 404  403  302V 302V
                              C 302L 302V 403  404  403  302V 404  302V 404  403  302V 302V
                              L 302L 302V 404  403  404  404  302V 404  302V 404  404  302V
GET  review:history           P 302L 403  403  404  200  403  404  200  404  403  200  200
                              C 302L 403  403  404  403  200  404  200  404  403  200  200
                              L 302L 403  404  403  404  404  200  404  200  404  404  200
GET  review:delete            P 302L 403  403  404  403  403  404  200  404  403  403  200
                              C 302L 403  403  404  403  403  404  200  404  403  403  200
                              L 302L 403  404  403  404  404  403  404  200  404  404  200
POST review:delete            P 302L 403  403  404  403  403  404  302+ 404  403  403  302+
                              C 302L 403  403  404  403  403  404  302+ 404  403  403  302+
                              L 302L 403  404  403  404  404  403  404  302+ 404  404  302+
POST reports:discard          P 302L 403  403  404  403  403  404  403  404  403  403  403
                              C 302L 403  403  404  403  403  404  403  404  403  403  403
                              L 302L 403  404  403  404  404  403  404  403  404  404  403
GET  review:decision          P 302L 405  405  405  405  405  405  405  405  405  405  405
                              C 302L 405  405  405  405  405  405  405  405  405  405  405
                              L 302L 405  405  405  405  405  405  405  405  405  405  405
POST review:decision[approve] P 302L 403  403  404  302+ 403  404  403  404  403  403  302+
                              C 302L 403  403  404  403  302+ 404  403  404  403  403  302+
                              L 302L 403  404  403  404  404  302+ 404  403  404  404  302+
POST review:decision[return]  P 302L 403  403  404  302+ 403  404  403  404  403  403  302+
                              C 302L 403  403  404  403  302+ 404  403  404  403  403  302+
                              L 302L 403  404  403  404  404  302+ 404  403  404  404  302+

[draft]
GET  reports:view             P 302L 302C 403  404  403  403  404  403  404  403  403  200
                              C 302L 302C 403  404  403  403  404  403  404  403  403  200
                              L 302L 302C 404  403  404  404  403  404  403  404  404  200
GET  reports:page[incident]   P 302L 200  403  404  403  403  404  403  404  403  403  302V
                              C 302L 200  403  404  403  403  404  403  404  403  403  302V
                              L 302L 200  404  403  404  404  403  404  403  404  404  302V
POST reports:page[incident]   P 302L 302+ 403  404  403  403  404  403  404  403  403  302V
                              C 302L 302+ 403  404  403  403  404  403  404  403  403  302V
                              L 302L 302+ 404  403  404  404  403  404  403  404  404  302V
GET  reports:check            P 302L 200  403  404  403  403  404  403  404  403  403  302V
                              C 302L 200  403  404  403  403  404  403  404  403  403  302V
                              L 302L 200  404  403  404  404  403  404  403  404  404  302V
POST reports:check            P 302L 302+ 403  404  403  403  404  403  404  403  403  302V
                              C 302L 302+ 403  404  403  403  404  403  404  403  403  302V
                              L 302L 302+ 404  403  404  404  403  404  403  404  404  302V
POST review:decision[approve] P 302L 403  403  404  403  403  404  403  404  403  403  403
                              C 302L 403  403  404  403  403  404  403  404  403  403  403
                              L 302L 403  404  403  404  404  403  404  403  404  404  403
GET  review:history           P 302L 403  403  404  403  403  404  403  404  403  403  403
                              C 302L 403  403  404  403  403  404  403  404  403  403  403
                              L 302L 403  404  403  404  404  403  404  403  404  404  403
POST review:delete            P 302L 403  403  404  403  403  404  403  404  403  403  403
                              C 302L 403  403  404  403  403  404  403  404  403  403  403
                              L 302L 403  404  403  404  404  403  404  403  404  404  403
GET  reports:discard          P 302L 200  403  404  403  403  404  403  404  403  403  403
                              C 302L 200  403  404  403  403  404  403  404  403  403  403
                              L 302L 200  404  403  404  404  403  404  403  404  404  403
POST reports:discard          P 302L 302+ 403  404  403  403  404  403  404  403  403  403
                              C 302L 302+ 403  404  403  403  404  403  404  403  403  403
                              L 302L 302+ 404  403  404  404  403  404  403  404  404  403

[returned]
GET  reports:view             P 302L 302C 403  404  200  403  404  200  404  403  200  200
                              C 302L 302C 403  404  403  200  404  200  404  403  200  200
                              L 302L 302C 404  403  404  404  200  404  200  404  404  200
GET  reports:page[incident]   P 302L 200  403  404  302V 403  404  302V 404  403  302V 302V
                              C 302L 200  403  404  403  302V 404  302V 404  403  302V 302V
                              L 302L 200  404  403  404  404  302V 404  302V 404  404  302V
POST reports:page[incident]   P 302L 302+ 403  404  302V 403  404  302V 404  403  302V 302V
                              C 302L 302+ 403  404  403  302V 404  302V 404  403  302V 302V
                              L 302L 302+ 404  403  404  404  302V 404  302V 404  404  302V
GET  reports:check            P 302L 200  403  404  302V 403  404  302V 404  403  302V 302V
                              C 302L 200  403  404  403  302V 404  302V 404  403  302V 302V
                              L 302L 200  404  403  404  404  302V 404  302V 404  404  302V
POST reports:check            P 302L 302+ 403  404  302V 403  404  302V 404  403  302V 302V
                              C 302L 302+ 403  404  403  302V 404  302V 404  403  302V 302V
                              L 302L 302+ 404  403  404  404  302V 404  302V 404  404  302V
POST review:decision[approve] P 302L 403  403  404  403  403  404  403  404  403  403  403
                              C 302L 403  403  404  403  403  404  403  404  403  403  403
                              L 302L 403  404  403  404  404  403  404  403  404  404  403
GET  reports:discard          P 302L 403  403  404  403  403  404  403  404  403  403  403
                              C 302L 403  403  404  403  403  404  403  404  403  403  403
                              L 302L 403  404  403  404  404  403  404  403  404  404  403
POST reports:discard          P 302L 403  403  404  403  403  404  403  404  403  403  403
                              C 302L 403  403  404  403  403  404  403  404  403  403  403
                              L 302L 403  404  403  404  404  403  404  403  404  404  403

[approved]
GET  reports:view             P 302L 200  403  404  200  403  404  200  404  403  200  200
                              C 302L 200  403  404  403  200  404  200  404  403  200  200
                              L 302L 200  404  403  404  404  200  404  200  404  404  200
GET  reports:page[incident]   P 302L 302V 403  404  200  403  404  200  404  403  302V 200
                              C 302L 302V 403  404  403  200  404  200  404  403  302V 200
                              L 302L 302V 404  403  404  404  200  404  200  404  404  200
POST reports:page[incident]   P 302L 302V 403  404  302+ 403  404  302+ 404  403  302V 302+
                              C 302L 302V 403  404  403  302+ 404  302+ 404  403  302V 302+
                              L 302L 302V 404  403  404  404  302+ 404  302+ 404  404  302+
GET  reports:check            P 302L 302V 403  404  302V 403  404  302V 404  403  302V 302V
                              C 302L 302V 403  404  403  302V 404  302V 404  403  302V 302V
                              L 302L 302V 404  403  404  404  302V 404  302V 404  404  302V
POST reports:check            P 302L 302V 403  404  302V 403  404  302V 404  403  302V 302V
                              C 302L 302V 403  404  403  302V 404  302V 404  403  302V 302V
                              L 302L 302V 404  403  404  404  302V 404  302V 404  404  302V
POST review:decision[approve] P 302L 403  403  404  403  403  404  403  404  403  403  403
                              C 302L 403  403  404  403  403  404  403  404  403  403  403
                              L 302L 403  404  403  404  404  403  404  403  404  404  403
POST review:decision[return]  P 302L 403  403  404  403  403  404  403  404  403  403  403
                              C 302L 403  403  404  403  403  404  403  404  403  403  403
                              L 302L 403  404  403  404  404  403  404  403  404  404  403

[deleted]
GET  reports:view             P 302L 404  404  404  404  404  404  200  404  404  404  200
                              C 302L 404  404  404  404  404  404  200  404  404  404  200
                              L 302L 404  404  404  404  404  404  404  200  404  404  200
GET  reports:page[incident]   P 302L 404  404  404  404  404  404  302V 404  404  404  302V
                              C 302L 404  404  404  404  404  404  302V 404  404  404  302V
                              L 302L 404  404  404  404  404  404  404  302V 404  404  302V
POST reports:page[incident]   P 302L 404  404  404  404  404  404  302V 404  404  404  302V
                              C 302L 404  404  404  404  404  404  302V 404  404  404  302V
                              L 302L 404  404  404  404  404  404  404  302V 404  404  302V
GET  review:history           P 302L 404  404  404  404  404  404  200  404  404  404  200
                              C 302L 404  404  404  404  404  404  200  404  404  404  200
                              L 302L 404  404  404  404  404  404  404  200  404  404  200
POST review:decision[approve] P 302L 404  404  404  404  404  404  403  404  404  404  403
                              C 302L 404  404  404  404  404  404  403  404  404  404  403
                              L 302L 404  404  404  404  404  404  404  403  404  404  403
GET  review:delete            P 302L 404  404  404  404  404  404  403  404  404  404  403
                              C 302L 404  404  404  404  404  404  403  404  404  404  403
                              L 302L 404  404  404  404  404  404  404  403  404  404  403
POST review:delete            P 302L 404  404  404  404  404  404  403  404  404  404  403
                              C 302L 404  404  404  404  404  404  403  404  404  404  403
                              L 302L 404  404  404  404  404  404  404  403  404  404  403
POST reports:discard          P 302L 404  404  404  404  404  404  403  404  404  404  403
                              C 302L 404  404  404  404  404  404  403  404  404  404  403
                              L 302L 404  404  404  404  404  404  404  403  404  404  403
"""

# Cells that are known application bugs: (method, target, status, role) -> reason. Each becomes
# a strict xfail, so the suite stays green until the bug is fixed and then asks for this entry
# to be removed.
KNOWN_BUGS: dict[tuple[str, str, str, str], str] = {}

FORM_PAGES = ["references", "incident", "perception", "location", "officer", "conduct", "injuries",
              "threats", "outcome", "account"]
STATUSES = {"draft", "submitted", "returned", "approved", "deleted"}


def parse(text: str) -> dict[tuple[str, str, str], dict[str, dict[str, str]]]:
    """{(method, target, status): {role: {scope: outcome}}} from the table above."""
    rows: dict = {}
    status = key = None
    for line in text.strip().splitlines()[1:]:
        if not line.strip():
            continue
        if line.startswith("["):
            status = line.strip("[]")
            continue
        words = line.split()
        if not line[0].isspace():
            key = (words[0], words[1], status)
            assert key not in rows, f"row {key} twice"
            rows[key] = {role: {} for role in ROLES}
            words = words[2:]
        scope, outcomes = words[0], words[1:]
        assert len(outcomes) == len(ROLES), f"{key} {scope}: {len(outcomes)} outcomes"
        for role, outcome in zip(ROLES, outcomes):
            rows[key][role][scope] = outcome
    return rows


ROWS = parse(MATRIX)


def route_of(target: str) -> tuple[str, str]:
    """'review:decision[approve]' -> ('review:decision', 'approve')."""
    name, _, variant = target.partition("[")
    return name, variant.rstrip("]")


def _cases():
    for (method, target, status), cells in ROWS.items():
        name, pattern = route_of(target)
        for variant in (FORM_PAGES if pattern == "*" else [pattern]):
            for role in ROLES:
                key = (method, f"{name}[{variant}]" if variant else name, status, role)
                bug = KNOWN_BUGS.get(key)
                marks = [pytest.mark.xfail(strict=True, reason=bug)] if bug else []
                yield pytest.param(method, name, variant, status, role, cells[role], marks=marks,
                                   id="-".join(key))


# --- the people and reports ----------------------------------------------------------------------

def _role_holder(username, force, role, districts=(), **extra):
    user = User.objects.create_user(username, password=PASSWORD, force=force, **extra)
    RoleAssignment.objects.create(user=user, role=role, force=force).districts.set(districts)
    return user


@pytest.fixture(scope="module")
def _one_client():
    return Client()


@pytest.fixture
def client(_one_client):
    """pytest-django's `client`, but one per module: building a client's middleware (WhiteNoise
    scans every static file) would otherwise cost more than the requests of a matrix cell."""
    _one_client.cookies.clear()
    return _one_client


@pytest.fixture
def world(org):
    """The `org` fixture plus a supervisor of Cambridge, a Bedfordshire admin and a superuser."""
    org.users = {
        "pub": None, "aut": org.alice, "bob": org.bob, "car": org.carol, "sgP": org.sergeant,
        "sgC": _role_holder("sergeant.cambridge", org.cambs, Role.SUPERVISOR, [org.cambridge]),
        "sgB": org.beds_sergeant, "adC": org.cambs_admin,
        "adB": _role_holder("admin.beds", org.beds, Role.FORCE_ADMIN, is_staff=True),
        "ana": org.analyst, "psd": org.standards,
        "sup": User.objects.create_superuser("root", password=PASSWORD),
    }
    org.places = {"P": org.peterborough, "C": org.cambridge, "L": org.luton}
    return org


def _answers(org, district) -> dict:
    """The report's answers of uof.testing.fixtures.complete_pages, as stored values."""
    values = {}
    for page, posted in complete_pages(org).items():
        for spec in fields_on(page):
            if spec.owner == "report" and spec.name in posted and spec.kind.name != "place":
                raw = posted[spec.name]
                values[spec.name] = raw.splitlines() if isinstance(raw, str) and spec.kind.holds_list else raw
    values.pop("officers_present", None)  # optional; naming colleagues would add missing reports
    values["custody_suite"] = org.thorpe if district.force_id == org.cambs.pk else org.luton_custody
    return values


_numbers = itertools.count(1)


def make_report(org, scope: str, status: str, colleague: bool = False, author=None) -> Report:
    """A complete report by alice (or `author`) in the scope's district, taken to `status`.

    The draft is started by the recording service and filled in directly (equivalent to walking
    the pages: see test_made_reports_match_the_web_flow); every status change is the workflow's.
    """
    district = org.places[scope]
    ref = f"MATRIX-{scope}-{next(_numbers)}"
    author = author or org.alice
    report = services.start_report(author, district.force, {"cad_reference": ref})
    Incident.objects.filter(pk=report.incident_id).update(
        occurred_date=recent_day(), occurred_time=dt.time(22, 15), district=district)
    subject = Subject.objects.create(incident_id=report.incident_id, number=1)
    Report.objects.filter(pk=report.pk).update(subject=subject, **_answers(org, district))
    TacticUse.objects.create(report=report, position=1, tactic="handcuffing_compliant",
                             effective="yes")
    if colleague:  # a colleague on the same incident, with a person of their own to choose
        other = services.start_report(org.bob, district.force, {"cad_reference": ref})
        Report.objects.filter(pk=other.pk).update(
            subject=Subject.objects.create(incident_id=report.incident_id, number=2))
    report = Report.objects.select_related("incident").get(pk=report.pk)
    supervisor = {"P": org.users["sgP"], "C": org.users["sgC"], "L": org.users["sgB"]}[scope]
    if status != "draft":  # complete (test_made_reports_match_the_web_flow), so submitted directly
        workflow.transition(report, "submit", author)
    if status in ("returned", "approved"):
        workflow.transition(report, "return" if status == "returned" else "approve", supervisor,
                            comment="Say more about the handcuffing")
    if status == "deleted":
        admin = org.users["adB" if scope == "L" else "adC"]
        review_services.soft_delete(report, admin, "Recorded twice")
    return report


# --- what each request posts ---------------------------------------------------------------------

CHANGES = {  # one changed answer per page, so an allowed save must raise the version
    "references": lambda r: {"crime_reference": f"CR-{r.pk}"},
    "incident": lambda r: {"occurred_time": "21:05"},
    "perception": lambda r: {"gender": "female"},
    "location": lambda r: {"location_types": ["street"], "custody_suite": ""},
    "officer": lambda r: {"bwv_references": "BWV-009"},
    "conduct": lambda r: {"impact_factors": ["alcohol", "drugs"]},
    "injuries": lambda r: {"officer_medical": "yes"},
    "threats": lambda r: {"public_order": "yes"},
    "outcome": lambda r: {"outcomes": ["arrested", "other"]},  # no "are you sure?" (uof/reports/rules.py)
    "account": lambda r: {"account": "Corrected: detained for assault, resisted handcuffing."},
}
REASON = {"reason": "Corrected after reviewing body-worn video"}


def post_data(name: str, variant: str, report: Report | None, user) -> dict:
    if name == "reports:page":
        data = dict(selectors.record_data(report, variant).lists())
        return {**data, **CHANGES[variant](report), **REASON, "action": "continue"}
    return {
        "reports:subject": {"subject": "2", **REASON},
        "reports:tactics": {"rows": "1", "tactic-1": "baton_drawn", "effective-1": "yes", "action": "continue",
                            **REASON},
        "review:delete": {"reason": "Recorded twice"},
        "review:decision": {"decision": variant, "comment": "Say more about the handcuffing"},
        "reports:new": {"force": "cambridgeshire", "cad_reference": "NEW-REPORT-1"},
        "login": {"username": getattr(user, "username", ""), "password": PASSWORD if user else ""},
    }.get(name, {})


# Public routes that name a publication: nothing is published in these tests, so each is a 404 for
# everyone (uof/api/tests and uof/publish/tests have them with published data).
API_PUBLICATION = {"kind": "force", "scope": "cambridgeshire", "period": "2026-27-q1"}
ROUTE_KWARGS = {"api:publication": API_PUBLICATION, "api:tables": API_PUBLICATION,
                "api:table": {**API_PUBLICATION, "key": "summary"}, "api:records": API_PUBLICATION,
                "api:not-found": {"unmatched": "no-such-address/"},
                "public:scope": {"kind": "force", "slug": "cambridgeshire"},
                "public:publication_dictionary": {"kind": "force", "slug": "cambridgeshire", "period": "2026-27-q1"},
                "public:publication": {"kind": "force", "slug": "cambridgeshire", "period": "2026-27-q1"},
                "public:revision": {"kind": "force", "slug": "cambridgeshire", "period": "2026-27-q1", "revision": 1},
                "public:download": {"kind": "force", "slug": "cambridgeshire", "period": "2026-27-q1",
                                    "table": "all", "fmt": "csv"}}


def url_of(name: str, variant: str, report: Report | None) -> str:
    if report is None:
        return reverse(name, kwargs=ROUTE_KWARGS.get(name))
    return reverse(name, args=[report.pk, variant] if name == "reports:page" else [report.pk])


def fingerprint() -> dict:
    rows = Report.objects.values_list("pk", "status", "version", "deleted_at")
    return {pk: rest for pk, *rest in rows}


def assert_outcome(response, expected: str, report: Report | None, before: dict, after: dict):
    code, where = int(expected[:3]), expected[3:]
    got = f"{response.status_code} {response.get('Location', '')} {error_summary(response)}"
    assert response.status_code == code, f"expected {expected}, got {got}"
    if code == 302:
        location = response["Location"]
        starts = {"L": reverse("login"), "A": reverse("admin:login"),
                  "V": report and reverse("reports:view", args=[report.pk]),
                  "C": report and reverse("reports:check", args=[report.pk])}.get(where)
        assert starts is None or location.split("?")[0].split("#")[0] == starts, location
    if where == "+":
        if report is None:  # reports:new
            assert len(after) == len(before) + 1, "no report was created"
        else:
            assert after[report.pk] != before[report.pk], "an allowed command changed nothing"
    else:
        assert after == before, "a refused or read-only request changed a report"


@pytest.mark.parametrize("method, name, variant, status, role, expected", list(_cases()))
def test_matrix(client, world, method, name, variant, status, role, expected):
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    for scope, outcome in expected.items():
        report = None
        if scope != "-":
            report = make_report(world, scope, status, colleague=name == "reports:subject")
        check(client, method, name, variant, report, user, outcome)


def check(client, method, name, variant, report, user, outcome) -> None:
    before = fingerprint()
    url = url_of(name, variant, report)
    if method == "POST":
        response = client.post(url, post_data(name, variant, report, user))
    else:
        response = client.get(url)
    assert_outcome(response, outcome, report, before, fingerprint())


# A supervisor or force administrator is also an officer: on their own report (Peterborough,
# submitted) their role gives them nothing an author does not have, except reading the history.
OWN_REPORT = {  # (method, route, variant): outcome for  sgP  adC
    ("POST", "review:decision", "approve"):             ("403", "403"),
    ("POST", "review:decision", "return"):              ("403", "403"),
    ("GET", "reports:page", "incident"):                ("302V", "302V"),
    ("POST", "reports:page", "account"):                ("302V", "302V"),
    ("POST", "review:delete", ""):                      ("403", "403"),
    ("GET", "review:history", ""):                      ("200", "200"),
}


@pytest.mark.parametrize("role", ["sgP", "adC"])
def test_role_holders_own_report(client, world, role):
    user = world.users[role]
    client.force_login(user)
    for (method, name, variant), outcomes in OWN_REPORT.items():
        report = make_report(world, "P", "submitted", author=user)
        check(client, method, name, variant, report, user, outcomes[["sgP", "adC"].index(role)])


# Lists: which of three submitted reports (P, C, L) each role's list links to.
LISTS = {
    "review:queue": {"sgP": "P", "sgC": "C", "sgB": "L", "sup": "PCL"},
    "reports:mine": {"aut": "PCL", "bob": "", "sgP": "", "sup": ""},
}


@pytest.mark.parametrize("name, role", [(n, r) for n, roles in LISTS.items() for r in roles])
def test_lists_show_only_what_the_role_reaches(client, world, name, role):
    reports = {scope: make_report(world, scope, "submitted") for scope in "PCL"}
    client.force_login(world.users[role])
    body = client.get(reverse(name)).content.decode()
    listed = "".join(scope for scope, report in reports.items()
                     if f'href="{reverse("reports:view", args=[report.pk])}"' in body)
    assert listed == LISTS[name][role]


# --- the table covers everything --------------------------------------------------------------

STATIC_VIEWS = ("django.views.static", "django.contrib.staticfiles")


def routes(resolver=None, prefix: str = ""):
    """Every route name of the URLconf: Django admin's own pages only by its index, no static."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            if pattern.namespace == "admin":
                yield from (f"admin:{p.name}" for p in pattern.url_patterns
                            if getattr(p, "name", "") == "index")
            else:
                yield from routes(pattern, namespace)
        elif not pattern.callback.__module__.startswith(STATIC_VIEWS):
            yield f"{prefix}{pattern.name}" if pattern.name else f"unnamed route {pattern.pattern}"


def test_every_route_is_in_the_matrix():
    in_table = {route_of(target)[0] for _, target, _ in ROWS}
    urlconf = set(routes())
    assert "admin:index" in urlconf and "reports:page" in urlconf
    assert urlconf - in_table == set(), "routes missing from the authorisation matrix"
    assert in_table - urlconf == set(), "rows for routes that no longer exist"


def test_every_page_status_and_command_is_in_the_matrix():
    from uof.reports.views import FORM_PAGES as VIEW_PAGES

    assert sorted(FORM_PAGES) == sorted(VIEW_PAGES), "a question page is missing from the matrix"
    assert {status for _, _, status in ROWS} == STATUSES | {"-"}
    decisions = {route_of(t)[1] for _, t, _ in ROWS if t.startswith("review:decision[")}
    assert decisions | {"submit"} == set(workflow.TRANSITIONS)  # submit is POST reports:check
    for (method, _target, status), cells in ROWS.items():  # a report row has P, C and L
        assert {tuple(c) for c in cells.values()} == {("-",) if status == "-" else ("P", "C", "L")}
        assert method in ("GET", "POST")


def test_made_reports_match_the_web_flow(client, world):
    """make_report's reports are complete, answer exactly as an officer walking the pages would,
    and reach each status of the matrix."""
    client.force_login(world.alice)
    walked = start_report(client, "WALKED-1")
    walk_all(client, walked, world, officer={"officers_present": ""})
    made = make_report(world, "P", "draft")
    def answers(report):
        return {k: v for k, v in selectors.snapshot(report).items() if k != "cad_reference"}

    assert answers(made) == answers(fresh(walked))
    for scope in "PCL":
        report = make_report(world, scope, "draft")
        assert report_completeness.report_problems(report) == {}
        services.submit_report(report, world.alice)  # the service's own completeness check
    for scope, status in itertools.product("PCL", sorted(STATUSES - {"draft"})):
        report = make_report(world, scope, status)
        report.refresh_from_db()
        assert report.status == ("submitted" if status == "deleted" else status)
        assert (report.deleted_at is not None) == (status == "deleted")
