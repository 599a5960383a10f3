"""The demo's two-year story: how many reports each force has in each quarter, and how often
Taser is used, so trend charts and period comparisons have something to show.

The most recent complete quarter looks like the generator's usual mix; going back in time:
- use of force rose to a peak four quarters before the latest one, then fell (summer quarters
  are busier, winter ones quieter);
- Taser was used about half as often two years earlier (its share rises steadily);
- Bedfordshire grew faster than the other forces.
Figures are exact for every force and quarter (apportioned), so they are the same for any seed;
the seed only changes the reports drawn.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from uof.organisations.models import Force
from uof.stats.periods import Period, parse_period

PEAK_AGE = 4  # quarters before the latest
# Financial quarters: Q1 April–June … Q4 January–March.
SEASON = {1: 1.03, 2: 1.08, 3: 0.97, 4: 0.92}
SHARE = {"hertfordshire": 38, "cambridgeshire": 33, "bedfordshire": 29}  # at the latest quarter
FAST_GROWER = "bedfordshire"


@dataclass(frozen=True)
class Part:
    """Reports of one force in one period, with the period's Taser weight (1 = the usual mix)."""
    force: Force | None  # None: any of the plan's forces, drawn per incident
    date_from: dt.date
    date_to: dt.date
    reports: int
    taser: float = 1.0


def last_full_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    """The most recent complete financial-year quarter (Q1 = April to June) before `today`."""
    start_month = ((today.month - 1) // 3) * 3 + 1  # calendar quarter containing today
    start = dt.date(today.year, start_month, 1)
    end = start - dt.timedelta(days=1)
    begin = dt.date(end.year, end.month - 2, 1)
    return begin, end


def complete_quarters(today: dt.date, count: int) -> list[Period]:
    """The `count` most recent complete financial quarters before `today`, oldest first."""
    start, _ = last_full_quarter(today)
    first_year = start.year if start.month >= 4 else start.year - 1
    quarter = parse_period(f"{first_year}/{(first_year + 1) % 100:02d}-Q{((start.month - 4) % 12) // 3 + 1}")
    quarters = [quarter]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


def volume(age: int) -> float:
    """Use of force `age` quarters before the latest, before seasonality: up to the peak, then down."""
    if age < PEAK_AGE:
        return 1.2 - 0.07 * (PEAK_AGE - age)
    return max(0.5, 1.2 - 0.09 * (age - PEAK_AGE))


def taser(age: int) -> float:
    return max(0.4, 1 - 0.07 * age)


def growth(force: Force, age: int) -> float:
    """The faster-growing force was smaller relative to the others further back."""
    return max(0.4, 1 - 0.05 * age) if force.slug == FAST_GROWER else 1.0


def season(period: Period) -> float:
    return SEASON[int(period.label[-1])]


def parts(reports: int, forces: list[Force], quarters: list[Period]) -> list[Part]:
    """`reports` shared between forces and quarters (oldest first) by the story."""
    cells = []
    for index, quarter in enumerate(quarters):
        age = len(quarters) - 1 - index
        for force in forces:
            weight = volume(age) * season(quarter) * SHARE.get(force.slug, 33) * growth(force, age)
            cells.append((quarter, force, age, weight))
    counts = apportion(reports, [w for *_, w in cells])
    return [Part(force, quarter.start, quarter.end, n, taser(age))
            for (quarter, force, age, _), n in zip(cells, counts) if n]


def apportion(total: int, weights: list[float]) -> list[int]:
    """Whole numbers in proportion to `weights` adding up to `total` (largest remainders)."""
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts
