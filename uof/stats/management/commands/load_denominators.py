from django.core.management.base import BaseCommand, CommandError

from uof.stats.denominators import DenominatorErrors, load


class Command(BaseCommand):
    help = "Load population, arrests and incidents-attended denominators from CSV (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        try:
            with open(path, encoding="utf-8-sig") as handle:
                count = load(handle.read())
        except OSError as error:
            raise CommandError(str(error)) from None
        except DenominatorErrors as errors:
            raise CommandError("Nothing was loaded:\n" + "\n".join(errors.problems)) from None
        self.stdout.write(f"{count} denominators loaded")
