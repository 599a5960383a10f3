"""Demo users: a few named logins per force and a pool of officers for generated reports."""
from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction

from uof.accounts.models import User
from uof.organisations.models import Force

DEMO_PASSWORD = "uof-demo-2026"  # printed by `make run`; demo installations only
SHORT = {"cambridgeshire": "cambs", "bedfordshire": "beds", "hertfordshire": "herts"}


def short_name(force: Force) -> str:
    return SHORT.get(force.slug, force.slug[:6])


@transaction.atomic
def create_demo_users(pool_size: int = 60) -> list[tuple[str, str]]:
    """Create (or keep) demo logins and `pool_size` officers per force; returns the logins."""
    password = make_password(DEMO_PASSWORD)
    logins = []
    if not User.objects.filter(username="admin").exists():
        User.objects.create(username="admin", password=password, is_staff=True, is_superuser=True,
                            first_name="Demo", last_name="Administrator")
    logins.append(("admin", "administrator (all forces, /admin/)"))
    for force in Force.objects.order_by("name"):
        short = short_name(force)
        for i, (first, last) in enumerate((("Alex", "Morgan"), ("Sam", "Patel")), start=1):
            username = f"officer{i}.{short}"
            User.objects.get_or_create(username=username, defaults={
                "password": password, "first_name": first, "last_name": last, "force": force,
                "collar_number": str(1000 + i)})
            logins.append((username, f"officer, {force.name}, collar number {1000 + i}"))
        existing = set(User.objects.filter(force=force, username__startswith=f"pc.{short}.")
                       .values_list("username", flat=True))
        User.objects.bulk_create([
            User(username=f"pc.{short}.{n}", password=password, first_name="Officer", last_name=str(n),
                 force=force, collar_number=str(n))
            for n in range(2001, 2001 + pool_size) if f"pc.{short}.{n}" not in existing])
    return logins
