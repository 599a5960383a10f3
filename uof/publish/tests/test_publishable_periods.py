"""Only ended periods made of whole quarters can be published (issue 12): a period still running
would be published for ever while its reports come in, and a range a day shorter than a quarter,
set against the quarter, would isolate that day's reports. The refusal says why."""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from uof.publish import services
from uof.publish.disclosure import Rule
from uof.publish.models import Publication
from uof.stats.periods import (
    _quarter_containing,
    date_range,
    parse_period,
    recent_periods,
    why_not_publishable,
)

from .helpers import seed_reports

CAMBS = ("force", "cambridgeshire")


def _publish(org, period):
    return services.publish(org.analyst, services.scope_for(*CAMBS), period, Rule())


def test_the_quarter_still_running_is_refused_with_the_day_it_can_be(org):
    running = _quarter_containing(timezone.localdate())
    with pytest.raises(services.PublishError) as refused:
        _publish(org, running)
    after = running.end + dt.timedelta(days=1)
    assert "has not ended yet" in str(refused.value) and f"{after.day} {after:%B %Y}" in str(refused.value)
    assert not Publication.objects.exists()


def test_a_financial_year_not_yet_over_is_refused(org):
    today = timezone.localdate()
    year = parse_period(f"{today.year - (today.month < 4)}/{(today.year - (today.month < 4) + 1) % 100:02d}")
    with pytest.raises(services.PublishError, match="has not ended yet"):
        _publish(org, year)


def test_a_range_not_made_of_whole_quarters_is_refused(org):
    seed_reports(org)
    quarter = parse_period("2026/27-Q1")
    for period in (date_range(quarter.start, quarter.end - dt.timedelta(days=1)),  # a day short of the quarter
                   date_range(quarter.start + dt.timedelta(days=1), quarter.end),
                   date_range(dt.date(2026, 4, 1), dt.date(2026, 4, 30))):
        with pytest.raises(services.PublishError, match="not made of whole quarters"):
            _publish(org, period)
    assert not Publication.objects.exists()
    two = _publish(org, date_range(dt.date(2026, 4, 1), dt.date(2026, 9, 30)))  # two quarters in a row
    assert two.revision == 1


def test_the_analyst_is_offered_only_ended_periods_and_a_crafted_one_is_refused(org):
    today = timezone.localdate()
    offered = recent_periods(today, ended=True)
    assert all(not why_not_publishable(parse_period(label), today) for label in offered)
    running = _quarter_containing(today).label
    assert running not in offered and running in recent_periods(today)  # the statistics pages still show it
    client = Client()
    client.force_login(org.analyst)
    page = client.get("/publish/")
    text = page.content.decode()
    assert "a period still running cannot be published" in text
    query = {"scope": "force:cambridgeshire", "period": running, "threshold": "5", "rounding": "1"}
    assert client.get("/publish/preview/", query).status_code == 200
    done = client.post("/publish/publish/", query)
    assert done.status_code == 302 and not Publication.objects.exists()
