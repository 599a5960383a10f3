from uof.reports.tests.helpers import *
from uof.reports import selectors

def test_shared_blank_incident(client, org):
    login(client, org.alice)
    a = start_report(client, "CC-1")
    client.logout(); login(client, org.bob)
    b = start_report(client, "CC-1")
    print(a.incident_id, b.incident_id)
    resp = post_page(client, b, "incident", complete_pages(org)["incident"])
    print(resp.status_code, resp["Location"])
    client.post(page_url(b, "subject"), {"subject": "new", "action": "continue"})
    walk_all(client, b, org, skip=("incident",), officer={"officers_present": "1234"})
    b = fresh(b)
    print(selectors.report_problems(b), b.incident.occurred_date)
    resp = client.post(page_url(b, "check"))
    print(resp.status_code, resp.get("Location"), fresh(b).status, fresh(b).incident.occurred_date, fresh(b).incident.district)
