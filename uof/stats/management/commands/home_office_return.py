from django.core.management.base import BaseCommand, CommandError

from uof.stats import home_office_return
from uof.stats.service import ScopeError, forces_for


class Command(BaseCommand):
    help = ("The Home Office annual return of one force for a financial year: "
            "`uof home-office-return --force SLUG --period 2025/26 --format ods|csv --output FILE`.")

    def add_arguments(self, parser):
        parser.add_argument("--force", required=True, metavar="SLUG")
        parser.add_argument("--period", required=True, help="A financial year, like 2025/26 (not a quarter).")
        parser.add_argument("--format", choices=sorted(home_office_return.FORMATS), default="ods")
        parser.add_argument("--output", help="File to write (default: standard output, CSV only).")

    def handle(self, force, period, format, output, **options):
        if format == "ods" and not output:
            raise CommandError("An ODS spreadsheet needs --output FILE")
        try:
            (chosen,) = forces_for([force])
            result = home_office_return.build(chosen, home_office_return.annual_period(period))
        except (home_office_return.ReturnError, ScopeError) as error:
            raise CommandError(str(error)) from None
        body = home_office_return.render(result, format)
        if output:
            with open(output, "wb") as handle:
                handle.write(body)
        else:
            self.stdout.write(body.decode("utf-8"), ending="")
        self.stderr.write(f"{result.title}: {len(result.tables)} tables, {result.reports:,} reports "
                          f"({result.not_approved:,} not yet approved){' to ' + output if output else ''}")
