"""Force administrators manage their own force in the Django admin, and nothing else."""
from uof.accounts.models import User
from uof.organisations.models import District


def test_force_admin_sees_only_their_forces_users_and_places(client, org):
    client.force_login(org.cambs_admin)
    users = client.get("/admin/accounts/user/")
    assert users.status_code == 200
    text = users.content.decode()
    assert org.alice.username in text and org.carol.username not in text
    assert client.get(f"/admin/accounts/user/{org.carol.pk}/change/").status_code in (302, 403, 404)
    districts = client.get("/admin/organisations/district/").content.decode()
    assert "Peterborough" in districts and "Luton" not in districts
    assert client.get("/admin/reports/report/").status_code == 403  # records are corrected in the service
    assert client.get("/admin/organisations/force/").status_code == 403


def test_force_admin_cannot_grant_superuser(client, org):
    client.force_login(org.cambs_admin)
    page = client.get(f"/admin/accounts/user/{org.alice.pk}/change/").content.decode()
    assert 'name="is_superuser"' not in page and 'name="is_staff"' not in page


def test_force_admin_adds_a_district_to_their_own_force_only(client, org):
    client.force_login(org.cambs_admin)
    response = client.post("/admin/organisations/district/add/", {
        "force": org.beds.pk, "code": "sneaky", "name": "Sneaky"})
    assert response.status_code == 200  # the other force is not a valid choice
    assert not District.objects.filter(code="sneaky").exists()
    response = client.post("/admin/organisations/district/add/", {
        "force": org.cambs.pk, "code": "wisbech", "name": "Wisbech"})
    assert response.status_code == 302
    assert District.objects.get(code="wisbech").force == org.cambs


def test_officers_and_analysts_have_no_admin(client, org):
    for user in (org.alice, org.analyst):
        client.force_login(user)
        assert client.get("/admin/").status_code == 302  # not staff: sent to the admin sign-in
    assert User.objects.filter(is_superuser=True).count() == 0
