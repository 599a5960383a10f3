from django.core.management.base import BaseCommand

from uof.demo.users import DEMO_PASSWORD, create_demo_users


class Command(BaseCommand):
    help = "Create demo logins and a pool of demo officers for every force."

    def add_arguments(self, parser):
        parser.add_argument("--pool", type=int, default=60, help="Officers per force for generated reports.")

    def handle(self, pool, **options):
        logins = create_demo_users(pool)
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for username, what in logins:
            self.stdout.write(f"  {username:<20} {what}")
