import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from uof.cli_args import iso_date
from uof.demo import story
from uof.demo.generator import GenerationError, Generator, Plan
from uof.demo.story import last_full_quarter
from uof.organisations.models import Force
from uof.reports.models import Report

__all__ = ["Command", "last_full_quarter"]


class Command(BaseCommand):
    help = "Generate realistic synthetic use-of-force reports (validated like the form)."

    def add_arguments(self, parser):
        parser.add_argument("--reports", type=int, default=1000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="append", dest="forces", metavar="SLUG",
                            help="Force slug; repeat for several (default: every force).")
        parser.add_argument("--from", dest="date_from", help="First incident date (default: last full quarter).")
        parser.add_argument("--to", dest="date_to", help="Last incident date, inclusive.")
        parser.add_argument("--quarters", type=int, help="The last N complete quarters, with the demo's trends "
                                                         "(uof/demo/story.py); --reports is the total.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing if reports already exist.")

    def handle(self, reports, seed, forces, date_from, date_to, if_empty, quarters=None, **options):
        if if_empty and Report.objects.exists():
            self.stdout.write(f"{Report.objects.count():,} reports already loaded: no demo data added")
            return
        if quarters is not None and (date_from or date_to):
            raise CommandError("--quarters and --from/--to cannot be used together")
        if quarters is not None and quarters < 1:
            raise CommandError("--quarters must be at least 1")
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
        plan = Plan(reports, seed, chosen, start, end)
        if quarters:
            periods = story.complete_quarters(timezone.localdate(), quarters)
            plan = Plan(reports, seed, chosen, periods[0].start, periods[-1].end,
                        story.parts(reports, chosen, periods))
            start, end = plan.date_from, plan.date_to
        began = time.perf_counter()
        try:
            counts = Generator(plan).run()
        except GenerationError as error:
            raise CommandError(str(error)) from None
        took = time.perf_counter() - began
        self.stdout.write(", ".join(f"{n:,} {k}" for k, n in counts.items())
                          + f" for {start} to {end} in {took:.1f}s")
