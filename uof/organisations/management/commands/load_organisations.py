from django.core.management.base import BaseCommand, CommandError

from uof.organisations.services import ConfigError, load_organisations


class Command(BaseCommand):
    help = "Create or update collaborations, forces, districts and custody suites from a JSON file."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, path, **options):
        try:
            counts = load_organisations(path)
        except ConfigError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items()))
