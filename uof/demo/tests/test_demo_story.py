"""The demo's two years: eight quarters with trends that change, each published for every scope."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max
from django.utils import timezone

from uof.demo import story
from uof.organisations.models import Force
from uof.publish import services
from uof.publish.models import Publication
from uof.reports.completeness import report_problems
from uof.reports.models import Incident, Report, TacticUse
from uof.reports.tactics import CED_CODES
from uof.stats import store as stores

EASTERN = Path(__file__).resolve().parents[1] / "data" / "eastern.json"
FORCES = ("bedfordshire", "cambridgeshire", "hertfordshire")

pytestmark = pytest.mark.django_db


@pytest.fixture
def officers(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_organisations", str(EASTERN))
    call_command("demo_users", pool=10)
    stores._CACHE.clear()  # another test's analytical copy: ids are reused after its rollback
    return list(Force.objects.order_by("name"))


@pytest.fixture
def summary_only(monkeypatch):
    """Publications of the summary table only: the same publishing path (disclosure control, the
    record-level file, revisions) in seconds, where every table of 32 small publications takes minutes."""
    real = services.publish

    def publish(user, scope, period, rule, tables=None, reason=""):
        assert tables is None  # the demo publishes every table
        return real(user, scope, period, rule, ["summary"], reason)
    monkeypatch.setattr(services, "publish", publish)


def quarters():
    return story.complete_quarters(timezone.localdate(), 8)


def reports_by_quarter(**filters) -> list[int]:
    return [Report.objects.filter(incident__occurred_date__range=(q.start, q.end), **filters).distinct().count()
            for q in quarters()]


# --- which quarters -------------------------------------------------------------------------------

def test_the_eight_most_recent_complete_quarters_oldest_first():
    labels = [q.label for q in story.complete_quarters(dt.date(2026, 12, 1), 8)]
    assert labels == ["2024/25-Q3", "2024/25-Q4", "2025/26-Q1", "2025/26-Q2", "2025/26-Q3", "2025/26-Q4",
                      "2026/27-Q1", "2026/27-Q2"]
    assert [q.label for q in story.complete_quarters(dt.date(2027, 1, 1), 2)] == ["2026/27-Q2", "2026/27-Q3"]


def test_eight_quarters_of_reports_for_every_force(officers):
    call_command("demo_data", reports=480, seed=2, quarters=8)
    assert Report.objects.count() == 480
    days = Incident.objects.values_list("occurred_date", flat=True)
    assert min(days) >= quarters()[0].start and max(days) <= quarters()[-1].end
    for q in quarters():
        in_quarter = Incident.objects.filter(occurred_date__range=(q.start, q.end))
        assert set(in_quarter.values_list("force__slug", flat=True)) == set(FORCES), q.label


# --- the story ------------------------------------------------------------------------------------

def test_the_plan_rises_then_falls_with_seasons_and_one_force_growing_faster(officers):
    parts = story.parts(16000, officers, quarters())
    assert sum(p.reports for p in parts) == 16000
    total = Counter()
    by_force = Counter()
    for p in parts:
        total[p.date_from] += p.reports
        by_force[p.date_from, p.force.slug] += p.reports
    starts = [q.start for q in quarters()]
    counts = [total[s] for s in starts]
    peak = counts.index(max(counts))
    assert 0 < peak < 7 and counts[0] < counts[peak] > counts[-1]
    assert counts[-1] < counts[-5]  # fewer than a year earlier
    assert counts[-1] > counts[-2] * 0.95 and counts[2] > counts[1]  # summer above the winter before it
    growth = {f: by_force[starts[-1], f] / by_force[starts[0], f] for f in FORCES}
    assert growth[story.FAST_GROWER] > 1.4 * max(g for f, g in growth.items() if f != story.FAST_GROWER)
    tasers = [p.taser for p in parts]
    assert tasers == sorted(tasers) and tasers[0] < 0.6 and tasers[-1] == 1


def test_the_generated_figures_follow_the_story(officers):
    call_command("demo_data", reports=2400, seed=1, quarters=8)
    counts = reports_by_quarter()
    assert counts == [sum(p.reports for p in story.parts(2400, officers, quarters()) if p.date_from == q.start)
                      for q in quarters()]
    peak = counts.index(max(counts))
    assert 0 < peak < 7 and counts[0] < counts[peak] > counts[-1]
    growth = {}
    for slug in FORCES:
        mine = reports_by_quarter(incident__force__slug=slug)
        growth[slug] = mine[-1] / mine[0]
    assert growth[story.FAST_GROWER] > 1.4 * max(g for f, g in growth.items() if f != story.FAST_GROWER)
    # Taser share of reports: the second year above the first
    taser = reports_by_quarter(tactics__tactic__in=CED_CODES)
    by_year = [sum(taser[i:i + 4]) / sum(counts[i:i + 4]) for i in (0, 4)]
    assert by_year[1] > by_year[0] * 1.3, by_year


def test_story_reports_pass_the_form_and_cross_answer_rules(officers):
    call_command("demo_data", reports=400, seed=4, quarters=8)
    submitted = list(Report.objects.exclude(status="draft").order_by("pk"))
    for report in submitted[::10]:
        assert report_problems(report) == {}, report.pk
    ced_reports = Report.objects.filter(tactics__tactic__in=CED_CODES).distinct()
    assert ced_reports.exists()
    assert set(ced_reports.values_list("ced_trained", "ced_carried")) == {("yes", "yes")}


def test_rows_carry_when_they_were_written_not_when_generated(officers):
    """bulk_create stamps every row `now`; the statistics would then re-read all of them as just changed."""
    call_command("demo_data", reports=200, seed=6, quarters=8)
    for report in Report.objects.select_related("incident").prefetch_related("status_changes"):
        last = max((c.at for c in report.status_changes.all()), default=report.submitted_at or report.created_at)
        assert report.updated_at == last
        assert report.incident.created_at <= report.created_at <= (report.submitted_at or report.created_at)
        assert timezone.localtime(report.created_at).date() >= report.incident.occurred_date
    latest = Incident.objects.aggregate(at=Max("updated_at"))["at"]
    assert timezone.localtime(latest).date() <= quarters()[-1].end + dt.timedelta(days=1)
    # the first report of an incident (the one naming the officers present) was started first
    for incident in Incident.objects.prefetch_related("reports", "officers_present"):
        first = min(incident.reports.all(), key=lambda r: r.created_at)
        assert all(p.named_by_id == first.pk for p in incident.officers_present.all())


# --- publishing every quarter ---------------------------------------------------------------------

def test_every_quarter_is_published_for_every_scope_oldest_first_and_a_second_run_adds_nothing(
        officers, summary_only, capsys):
    call_command("demo_data", reports=480, seed=2, quarters=8, if_empty=True)
    call_command("demo_publications")
    scopes = [("force", f) for f in FORCES] + [("collaboration", "bch")]
    published = list(Publication.objects.order_by("pk"))
    assert len(published) == 32
    for kind, slug in scopes:
        mine = [p for p in published if (p.scope_kind, p.scope_slug) == (kind, slug)]
        assert [p.period_label for p in mine] == [q.label for q in quarters()], slug  # oldest first
        assert [(p.revision, p.reports_counted > 0) for p in mine] == [(1, True)] * 8, slug
    assert [p.date_from for p in published] == sorted(p.date_from for p in published)
    latest = published[-1].content
    summary = next(t for t in latest["tables"] if t["key"] == "summary")
    columns = summary["columns"]
    reports_row = next(r for r in summary["rows"] if r[0] == "reports")
    # the latest quarter's comparisons have figures: the previous quarter and a year earlier are demo data too
    assert reports_row[columns.index("previous period")] and reports_row[columns.index("a year earlier")]
    capsys.readouterr()

    counts = (Report.objects.count(), TacticUse.objects.count(), Publication.objects.count())
    call_command("demo_data", reports=480, seed=2, quarters=8, if_empty=True)
    call_command("demo_publications")
    assert (Report.objects.count(), TacticUse.objects.count(), Publication.objects.count()) == counts
    out = capsys.readouterr().out
    assert "0 publications" in out and "32 already published" in out


def test_quarters_without_reports_are_not_published(officers, summary_only):
    latest = quarters()[-1]
    call_command("demo_data", reports=60, seed=2, date_from=latest.start.isoformat(), date_to=latest.end.isoformat())
    call_command("demo_publications", quarters=3)
    assert set(Publication.objects.values_list("period_label", flat=True)) == {latest.label}
    assert Publication.objects.count() == 4


def test_quarters_and_dates_together_are_refused(officers):
    with pytest.raises(CommandError, match="--quarters and --from/--to cannot be used together"):
        call_command("demo_data", reports=10, quarters=8, date_from="2025-04-01")

