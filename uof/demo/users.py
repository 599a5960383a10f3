"""Demo users: a few named logins per force and a pool of officers for generated reports."""
from __future__ import annotations

from django.contrib.auth.hashers import make_password
from django.db import transaction

from uof.access.models import Role, RoleAssignment
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
                "collar_number": str(1000 + i), "email": f"{username}@example.invalid"})
            logins.append((username, f"officer, {force.name}, collar number {1000 + i}"))
        logins += _role_holders(force, short, password)
        existing = set(User.objects.filter(force=force, username__startswith=f"pc.{short}.")
                       .values_list("username", flat=True))
        User.objects.bulk_create([
            User(username=f"pc.{short}.{n}", password=password, first_name="Officer", last_name=str(n),
                 force=force, collar_number=str(n), email=f"pc.{short}.{n}@example.invalid")
            for n in range(2001, 2001 + pool_size) if f"pc.{short}.{n}" not in existing])
    return logins


def _role_holders(force: Force, short: str, password: str) -> list[tuple[str, str]]:
    """Two supervisors splitting the force's districts, a force admin, an analyst and professional
    standards; a collaboration analyst for the first force of a collaboration."""
    districts = list(force.districts.order_by("name"))
    half = (len(districts) + 1) // 2
    people = [
        (f"sergeant1.{short}", "Jo", "Reid", Role.SUPERVISOR, districts[:half], False),
        (f"sergeant2.{short}", "Chris", "Okafor", Role.SUPERVISOR, districts[half:], False),
        (f"admin.{short}", "Pat", "Lane", Role.FORCE_ADMIN, [], True),
        (f"analyst.{short}", "Robin", "Shah", Role.ANALYST, [], False),
        (f"standards.{short}", "Kim", "Doyle", Role.PROFESSIONAL_STANDARDS, [], False),
    ]
    if force.collaboration_id and not RoleAssignment.objects.filter(role=Role.COLLABORATION_ANALYST).exists():
        people.append((f"analyst.{force.collaboration.slug}", "Sasha", "Grant", Role.COLLABORATION_ANALYST, [], False))
    logins = []
    for username, first, last, role, places, staff in people:
        user, _ = User.objects.get_or_create(username=username, defaults={
            "password": password, "first_name": first, "last_name": last, "force": force, "is_staff": staff,
            "email": f"{username}@example.invalid"})
        assignment, _ = RoleAssignment.objects.get_or_create(user=user, role=role, force=force)
        if places:
            assignment.districts.set(places)
        where = f": {', '.join(d.name for d in places)}" if places else ""
        logins.append((username, f"{Role(role).label.split(' (')[0].lower()}, {force.name}{where}"))
    return logins
