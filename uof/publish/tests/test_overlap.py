"""Publications that share reports are checked together (overlap.py): a collaboration minus its
other forces, a year minus its quarters give nothing away; rules that would undo another
publication's protection are refused; record-level files never overlap."""
import csv
import datetime as dt
import io
import math

import pytest

from uof.publish import services
from uof.publish.disclosure import Rule
from uof.publish.overlap import PublicRecord
from uof.publish.tests.helpers import seed_reports
from uof.publish.tests.test_disclosure_across_publications import (
    everything_public,
    integer_bounds,
    knowledge,
)
from uof.stats import store as stores
from uof.stats.periods import parse_period
from uof.stats.tests.builders import incidents_with_reports, officers

Q1 = "2026/27-Q1"
SEVERE = ("injuries", "subject_injury_level=severe", "reports")


def seed_beds(org, incidents=30, severe=6) -> None:
    pool = officers(org.beds, 4)
    for n in range(incidents):
        answers = {"age_band": "18-34", "gender": "male", "ethnicity": "white"}
        if n < severe:
            answers.update(subject_injured="yes", subject_injury_level="severe")
        incidents_with_reports(org.beds, pool, dt.date(2026, 4, 1) + dt.timedelta(days=n % 80), [answers],
                               district=org.luton)
    stores._CACHE.clear()


def publish(user, kind, slug, period=Q1, rule=None, reason=""):
    stores._CACHE.clear()
    return services.publish(user, services.scope_for(kind, slug), parse_period(period), rule or Rule(),
                            reason=reason)


def shown(item, cell):
    table = next(t for t in item.content["tables"] if t["key"] == cell[0])
    i = table["keys"].index(cell[1])
    j = table["columns"].index(cell[2])
    return None if [i, j] in table["withheld"] else table["rows"][i][j]


def test_a_collaboration_minus_its_other_force_gives_nothing_away(org):
    seed_reports(org, severe=1)
    seed_beds(org)
    cambs = publish(org.analyst, "force", "cambridgeshire")
    beds = publish(org.analyst, "force", "bedfordshire")
    assert shown(cambs, SEVERE) is None and shown(beds, SEVERE) == 6
    both = publish(org.analyst, "collaboration", "bch")
    severe_both = shown(both, SEVERE)
    # 7 shown beside Bedfordshire's 6 would say Cambridgeshire's withheld count is 1
    assert severe_both is None or severe_both != 7


def test_without_the_check_the_attacker_finds_it(org, client, monkeypatch):
    """The attacker is not toothless: with the check across publications switched off, it pins
    Cambridgeshire's one severe injury from the collaboration minus Bedfordshire."""
    seed_reports(org, severe=1)
    seed_beds(org)
    publish(org.analyst, "force", "cambridgeshire")
    publish(org.analyst, "force", "bedfordshire")
    with monkeypatch.context() as m:
        m.setattr(services, "public_record", lambda *args: PublicRecord())
        publish(org.analyst, "collaboration", "bch")
    assert _attacker_pins_cambs_severe(client, org)


def test_with_the_check_the_attacker_does_not(org, client):
    seed_reports(org, severe=1)
    seed_beds(org)
    publish(org.analyst, "force", "cambridgeshire")
    publish(org.analyst, "force", "bedfordshire")
    publish(org.analyst, "collaboration", "bch")
    assert not _attacker_pins_cambs_severe(client, org)


def _attacker_pins_cambs_severe(client, org) -> bool:
    import uof.publish.tests.test_disclosure_across_publications as attacker

    quarters = attacker.QUARTERS
    attacker.QUARTERS = [Q1]
    try:
        public = everything_public(client)
        pieces = attacker.truths(org)
        names, rows, _ = knowledge(public, pieces, 0, dt.datetime.max.replace(tzinfo=dt.UTC))
        target = ("cambridgeshire", Q1, SEVERE)
        low, high = integer_bounds(names, rows, [target])[target]
    finally:
        attacker.QUARTERS = quarters
    assert low <= 1 <= high
    return high != math.inf and math.floor(high + 1e-6) - math.ceil(low - 1e-6) < 1


def test_a_lower_threshold_or_another_rounding_beside_an_overlapping_publication_is_refused(org):
    seed_reports(org)
    seed_beds(org)
    publish(org.analyst, "force", "cambridgeshire", rule=Rule(threshold=10))
    with pytest.raises(services.PublishError, match="smallest count shown of at least 10"):
        publish(org.analyst, "collaboration", "bch", rule=Rule(threshold=5))
    with pytest.raises(services.PublishError, match="same rounding"):
        publish(org.analyst, "collaboration", "bch", rule=Rule(threshold=10, rounding=5))
    publish(org.analyst, "force", "bedfordshire", rule=Rule(threshold=5))  # shares no report with it
    publish(org.analyst, "collaboration", "bch", rule=Rule(threshold=10))


def test_record_files_only_for_one_force_and_quarter_in_an_order_of_their_own(org, client):
    seed_reports(org)
    seed_beds(org)
    first = publish(org.analyst, "force", "cambridgeshire")
    again = publish(org.analyst, "force", "cambridgeshire", reason="checked")
    both = publish(org.analyst, "collaboration", "bch")
    assert first.records_csv and not both.records_csv
    assert "one force and one quarter" in both.content["records"]["why_not"]
    assert client.get("/data/collaboration/bch/2026-27-q1/download/records.csv").status_code == 404
    rows1 = list(csv.reader(io.StringIO(first.records_csv)))
    rows2 = list(csv.reader(io.StringIO(again.records_csv)))
    assert "force" not in rows1[0]
    assert sorted(rows1[1:]) == sorted(rows2[1:])  # the same reports
    assert rows1[1:] != rows2[1:]  # in another order: the revisions do not line up row by row


def test_a_year_minus_its_quarters_gives_no_quarter_away(org, client):
    """Three quarters published, then the year: the fourth quarter's small counts stay hidden."""
    import uof.publish.tests.test_disclosure_across_publications as attacker

    pool = officers(org.cambs, 4)
    for q, label in enumerate(attacker.QUARTERS):
        start = parse_period(label).start
        for n in range(12):
            answers = [{"age_band": ["18-34", "35-49", "11-17"][(n + k) % 3], "gender": "male" if n % 4 else "female",
                        "subject_injured": "no", "subject_injury_level": ""} for k in range(1 + n % 2)]
            if q == 3 and n == 0:
                answers[0].update(subject_injured="yes", subject_injury_level="severe")
            incidents_with_reports(org.cambs, pool, start + dt.timedelta(days=n * 6), answers,
                                   district=org.peterborough if n % 3 else org.cambridge)
    for label in attacker.QUARTERS[:3]:
        publish(org.analyst, "force", "cambridgeshire", period=label)
    year = publish(org.analyst, "force", "cambridgeshire", period="2025/26")
    assert shown(year, SEVERE) is None
    public = everything_public(client)
    pieces = attacker.truths(org)
    names, rows, _ = knowledge(public, pieces, 0, dt.datetime.max.replace(tzinfo=dt.UTC))
    small = sorted(n for n in names if n[0] == "cambridgeshire" and 0 < pieces[n[:2]].values[n[2]] < 5)
    assert ("cambridgeshire", "2025/26-Q4", SEVERE) in small
    for name, (low, high) in integer_bounds(names, rows, small).items():
        assert high == math.inf or math.floor(high + 1e-6) - math.ceil(low - 1e-6) >= 1, (name, low, high)
