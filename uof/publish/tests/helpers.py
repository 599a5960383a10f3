"""Publications for tests: records built straight into the database, then published through the service."""
from __future__ import annotations

import datetime as dt

from uof.publish import services
from uof.publish.disclosure import Rule
from uof.stats import store as stores
from uof.stats.periods import parse_period
from uof.stats.tests.builders import incidents_with_reports, officers

QUARTER = "2026/27-Q1"
START = dt.date(2026, 4, 1)


def seed_reports(org, incidents: int = 40, severe: int = 1) -> None:
    """Cambridgeshire reports in 2026/27-Q1: mostly Peterborough, some in custody, a few rare answers."""
    pool = officers(org.cambs, 6)
    for n in range(incidents):
        district = org.peterborough if n % 3 else org.cambridge
        answers = []
        for k in range(1 + n % 3):
            a = {"age_band": ["18-34", "35-49", "11-17", "50-64"][(n + k) % 4],
                 "gender": "female" if (n + k) % 4 == 0 else "male",
                 "ethnicity": "white" if (n + k) % 5 else "black",
                 "_tactics": ("handcuffing_compliant", "unarmed_skills") if k else ("handcuffing_compliant",)}
            if n < severe and k == 0:
                a.update(subject_injured="yes", subject_injury_level="severe")
            if district == org.peterborough and n % 4 == 1:
                a.update(custody_suite=org.thorpe, location_types=["custody_block"])
            answers.append(a)
        incidents_with_reports(org.cambs, pool, START + dt.timedelta(days=n % 80), answers, district=district)
    stores._CACHE.clear()


def publish(user, rule: Rule | None = None, tables=None, reason: str = "", period: str = QUARTER):
    stores._CACHE.clear()
    return services.publish(user, services.scope_for("force", "cambridgeshire"), parse_period(period),
                            rule or Rule(), tables, reason=reason)
