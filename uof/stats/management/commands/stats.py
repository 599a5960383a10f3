from django.core.management.base import BaseCommand, CommandError

from uof.cli_args import iso_date
from uof.stats.periods import PeriodError, date_range, parse_period
from uof.stats.service import ScopeError, as_csv, as_json, forces_for, statistics


class Command(BaseCommand):
    help = "Print every statistics table for forces (or a collaboration) and a period, as JSON or CSV."

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--force", action="append", dest="forces", metavar="SLUG")
        scope.add_argument("--collaboration", metavar="SLUG")
        parser.add_argument("--from", dest="date_from")
        parser.add_argument("--to", dest="date_to")
        parser.add_argument("--period", help="A financial year (2026/27) or quarter (2026/27-Q1).")
        parser.add_argument("--format", choices=["json", "csv"], default="json")

    def handle(self, forces, collaboration, date_from, date_to, period, format, **options):
        if period and (date_from or date_to):
            raise CommandError("Give either --period or --from and --to, not both")
        try:
            if period:
                chosen = parse_period(period)
            elif date_from and date_to:
                chosen = date_range(iso_date(date_from), iso_date(date_to))
            else:
                raise CommandError("Give --period, or both --from and --to")
            result = statistics(forces_for(forces, collaboration), chosen)
        except (PeriodError, ScopeError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(as_json(result) if format == "json" else as_csv(result), ending="")
