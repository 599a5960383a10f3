import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from uof.cli_args import iso_date
from uof.demo.generator import GenerationError, Generator, Plan
from uof.organisations.models import Force
from uof.reports.models import Report


def last_full_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    """The most recent complete financial-year quarter (Q1 = April to June) before `today`."""
    start_month = ((today.month - 1) // 3) * 3 + 1  # calendar quarter containing today
    start = dt.date(today.year, start_month, 1)
    end = start - dt.timedelta(days=1)
    begin = dt.date(end.year, end.month - 2, 1)
    return begin, end


class Command(BaseCommand):
    help = "Generate realistic synthetic use-of-force reports (validated like the form)."

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="append", dest="forces", metavar="SLUG",
                            help="Force slug; repeat for several (default: every force).")
        parser.add_argument("--from", dest="date_from", help="First incident date (default: last full quarter).")
        parser.add_argument("--to", dest="date_to", help="Last incident date, inclusive.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if reports already exist.")

    def handle(self, reports, seed, forces, date_from, date_to, if_empty, **options):
        if if_empty and Report.objects.exists():
            self.stdout.write(f"{Report.objects.count():,} reports already loaded: no demo data added")
            return
        default_from, default_to = last_full_quarter(timezone.localdate())
        start = iso_date(date_from) if date_from else default_from
        end = iso_date(date_to) if date_to else default_to
        if end < start:
            raise CommandError("--to must be on or after --from")
        if end > timezone.localdate():
            raise CommandError("--to cannot be in the future: incidents must have happened")
        # Today's incidents could fall later than now; generated ones stop at yesterday.
        end = min(end, timezone.localdate() - dt.timedelta(days=1))
        if end < start:
            raise CommandError("--from must be before today")
        chosen = list(Force.objects.order_by("name"))
        if forces:
            by_slug = {f.slug: f for f in chosen}
            unknown = [s for s in forces if s not in by_slug]
            if unknown:
                raise CommandError(f"Unknown force: {', '.join(unknown)}. Known: {', '.join(by_slug)}")
            chosen = [by_slug[s] for s in forces]
        if not chosen:
            raise CommandError("No forces configured: run `uof load-organisations FILE` first")
        began = time.perf_counter()
        try:
            counts = Generator(Plan(reports, seed, chosen, start, end)).run()
        except GenerationError as error:
            raise CommandError(str(error)) from None
        took = time.perf_counter() - began
        self.stdout.write(", ".join(f"{n:,} {k}" for k, n in counts.items())
                          + f" for {start} to {end} in {took:.1f}s")
