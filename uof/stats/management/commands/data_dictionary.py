from django.core.management.base import BaseCommand

from uof.stats.dictionary import as_markdown


class Command(BaseCommand):
    help = "Print the data dictionary (Markdown), generated from the field declarations."

    def handle(self, **options):
        self.stdout.write(as_markdown())
