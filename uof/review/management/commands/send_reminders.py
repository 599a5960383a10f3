from django.core.management.base import BaseCommand, CommandError

from uof.organisations.models import Force
from uof.review.services import send_reminders


class Command(BaseCommand):
    help = "E-mail officers who were named as present but whose report is overdue."

    def add_arguments(self, parser):
        parser.add_argument("--force", metavar="SLUG", help="Only this force (default: every force).")

    def handle(self, force=None, **options):
        chosen = None
        if force:
            chosen = Force.objects.filter(slug=force).first()
            if chosen is None:
                raise CommandError(f"Unknown force: {force}")
        count = send_reminders(chosen)
        self.stdout.write(f"{count} reminder(s) sent")
