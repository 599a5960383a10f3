"""Reporting periods: any date range, or financial years and their quarters.

`2026/27` is 1 April 2026 to 31 March 2027; `2026/27-Q1` is April to June 2026 (Q2 July to
September, Q3 October to December, Q4 January to March 2027). Both ends are inclusive and
dates are the incident's date in UK local time.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

PERIOD_RE = re.compile(r"^(\d{4})/(\d{2})(?:-Q([1-4]))?$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str

    def __post_init__(self):
        if self.end < self.start:
            raise PeriodError("The end of a period must be on or after its start")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same kind just before: the previous quarter, year or equal span."""
        kind = _kind(self)
        if kind == "quarter":
            return _quarter_containing(_add_months(self.start, -3))
        if kind == "year":
            return financial_year(self.start.year - 1)
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end, "previous period")

    def year_earlier(self) -> "Period":
        kind = _kind(self)
        if kind == "quarter":
            return _quarter_containing(_add_months(self.start, -12))
        if kind == "year":
            return financial_year(self.start.year - 1)
        return Period(_add_months(self.start, -12), _add_months(self.end, -12), "a year earlier")


def financial_year(first_year: int) -> Period:
    return Period(dt.date(first_year, 4, 1), dt.date(first_year + 1, 3, 31),
                  f"{first_year}/{(first_year + 1) % 100:02d}")


def _quarter_containing(day: dt.date) -> Period:
    first_year = day.year if day.month >= 4 else day.year - 1
    quarter = ((day.month - 4) % 12) // 3 + 1
    start = _add_months(dt.date(first_year, 4, 1), 3 * (quarter - 1))
    end = _add_months(start, 3) - dt.timedelta(days=1)
    return Period(start, end, f"{first_year}/{(first_year + 1) % 100:02d}-Q{quarter}")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31,
            30, 31][month]
    return dt.date(year, month + 1, min(day.day, last))


def _kind(period: Period) -> str:
    if PERIOD_RE.match(period.label):
        return "quarter" if "-Q" in period.label else "year"
    return "range"


def parse_period(text: str) -> Period:
    match = PERIOD_RE.match(text.strip())
    if not match:
        raise PeriodError(f"‘{text}’ is not a period: use a financial year like 2026/27 or a quarter like 2026/27-Q1")
    first, second, quarter = int(match[1]), int(match[2]), match[3]
    if (first + 1) % 100 != second:
        raise PeriodError(f"‘{text}’: the two years of a financial year must follow each other, like 2026/27")
    if quarter is None:
        return financial_year(first)
    return _quarter_containing(_add_months(dt.date(first, 4, 1), 3 * (int(quarter) - 1)))


def date_range(start: dt.date, end: dt.date) -> Period:
    return Period(start, end, f"{start.isoformat()} to {end.isoformat()}")


def recent_periods(today: dt.date) -> list[str]:
    """The last eight quarters (the current one first) and the last two financial years."""
    first_year = today.year if today.month >= 4 else today.year - 1
    quarter = _quarter_containing(today)
    labels = []
    for _ in range(8):
        labels.append(quarter.label)
        quarter = quarter.previous()
    return labels + [financial_year(first_year).label, financial_year(first_year - 1).label]
