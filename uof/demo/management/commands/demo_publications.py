"""Publish the demo data's last full quarter for every force and collaboration (once), so the
public dashboard, open data and API have something to show after `make run`."""
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from uof.accounts.models import User
from uof.organisations.models import Collaboration, Force
from uof.publish import services
from uof.publish.disclosure import Rule
from uof.stats.periods import parse_period

from .demo_data import last_full_quarter


class Command(BaseCommand):
    help = "Publish the last full quarter for every force and collaboration that has none yet."

    def handle(self, **options):
        publisher = User.objects.filter(is_superuser=True).order_by("pk").first()
        if publisher is None:
            raise CommandError("Run `uof demo-users` first: publishing needs a user")
        start, _ = last_full_quarter(timezone.localdate())
        first_year = start.year if start.month >= 4 else start.year - 1
        period = parse_period(f"{first_year}/{(first_year + 1) % 100:02d}-Q{((start.month - 4) % 12) // 3 + 1}")
        scopes = [services.scope_for("force", f.slug) for f in Force.objects.order_by("name")]
        scopes += [services.scope_for("collaboration", c.slug) for c in Collaboration.objects.order_by("name")]
        for scope in scopes:
            if services.latest(scope, period) is not None:
                continue
            item = services.publish(publisher, scope, period, Rule())
            self.stdout.write(f"Published {item}: /data/{item.scope_kind}/{item.scope_slug}/{item.period_slug}/")
