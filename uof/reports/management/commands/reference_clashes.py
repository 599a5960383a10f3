from django.core.management.base import BaseCommand, CommandError

from uof.organisations.models import Force
from uof.reports.fieldset import FIELDS_BY_NAME
from uof.reports.models import REFERENCE_KINDS, Incident
from uof.reports.references import describe, normalise_stored


class Command(BaseCommand):
    help = ("List incidents whose references become the same once normalised (case, Unicode, invisible "
            "characters, dashes, spaces): they were kept apart, not merged. --normalise puts every other "
            "reference not yet in its normal form into it.")

    def add_arguments(self, parser):
        parser.add_argument("--force", action="append", default=[], metavar="SLUG", help="only these forces")
        parser.add_argument("--normalise", action="store_true",
                            help="also normalise the references that clash with nothing")

    def handle(self, force, normalise, **options):
        forces = None
        if force:
            found = dict(Force.objects.filter(slug__in=force).values_list("slug", "pk"))
            unknown = sorted(set(force) - set(found))
            if unknown:
                raise CommandError(f"No force with the slug {', '.join(unknown)}")
            forces = set(found.values())
        result = normalise_stored(Incident, REFERENCE_KINDS, write=normalise, force_ids=forces)
        labels = {k: FIELDS_BY_NAME[k].label.lower() for k in REFERENCE_KINDS}
        lines = describe(result, dict(Force.objects.values_list("pk", "name")), labels)
        for line in lines:
            self.stdout.write(line)
        if result.changed:
            verb = "Normalised" if normalise else "Not yet normalised (run with --normalise):"
            self.stdout.write(f"{verb} {result.changed} reference(s) that clash with nothing")
        if not lines:
            self.stdout.write("No reference clashes")
