import pytest
from django.db import IntegrityError

from uof.accounts.models import User
from uof.reports.models import Report
from uof.testing.fixtures import PASSWORD


def _report_for(org, officer):
    from uof.reports import services

    return services.start_report(officer, org.cambs, {"cad_reference": f"CC-{officer.pk}"})


def test_deactivating_a_user_keeps_their_reports_and_stops_sign_in(org, client):
    report = _report_for(org, org.alice)
    before = Report.objects.filter(pk=report.pk).values().get()
    org.alice.is_active = False
    org.alice.save()
    assert Report.objects.filter(pk=report.pk).values().get() == before
    assert not client.login(username=org.alice.username, password=PASSWORD)


def test_users_are_never_deleted(org):
    with pytest.raises(PermissionError):
        org.alice.delete()
    assert User.objects.filter(pk=org.alice.pk).exists()


def test_collar_numbers_are_unique_within_a_force_only(org):
    # carol (Bedfordshire) already shares alice's collar number 1234: allowed across forces
    assert org.carol.collar_number == org.alice.collar_number
    with pytest.raises(IntegrityError):
        User.objects.create_user("dup.cambs", password=PASSWORD, force=org.cambs, collar_number="1234")


def test_admin_offers_no_delete_for_users(org, admin_client):
    response = admin_client.get(f"/admin/accounts/user/{org.alice.pk}/delete/")
    assert response.status_code == 403
