"""Publications made through the real publishing service from counted reports."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from uof.publish import services
from uof.publish.disclosure import Rule
from uof.stats import store
from uof.stats.periods import parse_period
from uof.stats.tests.builders import incidents_with_reports, officers

Q1, Q2 = "2026/27-Q1", "2026/27-Q2"


def add_reports(org, period, peterborough: int, cambridge: int, luton: int = 0, female: int = 0) -> None:
    """Incidents with one report each, spread over the period's first days."""
    cambs, beds = officers(org.cambs, 4), officers(org.beds, 2)
    for i in range(peterborough):
        answers = {"gender": "female"} if i < female else {}
        incidents_with_reports(org.cambs, cambs, period.start + dt.timedelta(days=i % 60), [answers],
                               district=org.peterborough)
    for i in range(cambridge):
        incidents_with_reports(org.cambs, cambs, period.start + dt.timedelta(days=i % 60), [{}],
                               district=org.cambridge)
    for i in range(luton):
        incidents_with_reports(org.beds, beds, period.start + dt.timedelta(days=i % 60), [{}], district=org.luton)
    store._CACHE.clear()


def publish(org, kind: str, slug: str, label: str, reason: str = "", rule: Rule | None = None):
    return services.publish(org.analyst, services.scope_for(kind, slug), parse_period(label), rule or Rule(),
                            reason=reason)


@pytest.fixture
def published(org):
    """Cambridgeshire 2026/27-Q1 (revisions 1 and 2, with small counts withheld), Cambridgeshire
    2026/27-Q2, and the collaboration for 2026/27-Q1."""
    q1, q2 = parse_period(Q1), parse_period(Q2)
    add_reports(org, q1, peterborough=40, cambridge=2, luton=12, female=3)
    first = publish(org, "force", "cambridgeshire", Q1)
    add_reports(org, q1, peterborough=6, cambridge=0)
    second = publish(org, "force", "cambridgeshire", Q1, reason="Late reports counted")
    add_reports(org, q2, peterborough=25, cambridge=8)
    later = publish(org, "force", "cambridgeshire", Q2)
    collaboration = publish(org, "collaboration", "bch", Q1)
    return SimpleNamespace(org=org, first=first, second=second, q2=later, collaboration=collaboration)
