"""Publish the demo data's last complete quarters for every force and collaboration (once each),
oldest first, so the public dashboard, its trend chart, open data and the API have something to show
after `make run`."""
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from uof.accounts.models import User
from uof.demo.story import complete_quarters
from uof.organisations.models import Collaboration, Force
from uof.publish import services
from uof.publish.disclosure import Rule
from uof.reports.models import Report


class Command(BaseCommand):
    help = "Publish the last complete quarters for every force and collaboration that has none yet."

    def add_arguments(self, parser):
        parser.add_argument("--quarters", type=int, default=8, help="How many complete quarters (default 8).")

    def handle(self, quarters, **options):
        publisher = User.objects.filter(is_superuser=True).order_by("pk").first()
        if publisher is None:
            raise CommandError("Run `uof demo-users` first: publishing needs a user")
        if quarters < 1:
            raise CommandError("--quarters must be at least 1")
        scopes = [services.scope_for("force", f.slug) for f in Force.objects.order_by("name")]
        scopes += [services.scope_for("collaboration", c.slug) for c in Collaboration.objects.order_by("name")]
        began, published, kept = time.perf_counter(), 0, 0
        for period in complete_quarters(timezone.localdate(), quarters):
            for scope in scopes:
                if services.latest(scope, period) is not None:
                    kept += 1
                    continue
                if not _has_reports(scope, period):  # e.g. demo data of fewer quarters: nothing to show
                    continue
                item = services.publish(publisher, scope, period, Rule())
                published += 1
                self.stdout.write(f"Published {item}: /data/{item.scope_kind}/{item.scope_slug}/{item.period_slug}/")
        self.stdout.write(f"{published} publications in {time.perf_counter() - began:.1f}s"
                          + (f" ({kept} already published)" if kept else ""))


def _has_reports(scope, period) -> bool:
    return (Report.objects.filter(incident__force__in=scope.forces, deleted_at__isnull=True,
                                  incident__occurred_date__range=(period.start, period.end))
            .exclude(status=Report.Status.DRAFT).exists())
