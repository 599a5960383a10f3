import sys

from django.core.management.base import BaseCommand, CommandError

from uof.cli_args import iso_date
from uof.stats import export
from uof.stats.periods import PeriodError, date_range, parse_period
from uof.stats.service import ScopeError, forces_for


class Command(BaseCommand):
    help = "Export records: `uof export records --force SLUG (--period P | --from D --to D) --format csv`."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["records"])
        parser.add_argument("--force", action="append", dest="forces", metavar="SLUG", required=True)
        parser.add_argument("--from", dest="date_from")
        parser.add_argument("--to", dest="date_to")
        parser.add_argument("--period")
        parser.add_argument("--format", choices=["csv"], default="csv")
        parser.add_argument("--output", help="File to write (default: standard output).")

    def handle(self, what, forces, date_from, date_to, period, format, output, **options):
        try:
            if period and not (date_from or date_to):
                chosen = parse_period(period)
            elif date_from and date_to and not period:
                chosen = date_range(iso_date(date_from), iso_date(date_to))
            else:
                raise CommandError("Give either --period, or both --from and --to")
            slugs = [f.slug for f in forces_for(forces)]
        except (PeriodError, ScopeError) as error:
            raise CommandError(str(error)) from None
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                count = export.write_csv(handle, slugs, chosen.start, chosen.end)
        else:
            count = export.write_csv(sys.stdout, slugs, chosen.start, chosen.end)
        self.stderr.write(f"{count:,} reports exported")
