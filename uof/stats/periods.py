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
    def words(self) -> str:
        """The dates in words, e.g. "July to September 2026" (see `in_words`)."""
        return in_words(self.label, self.start, self.end)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same kind just before: the previous quarter, year or equal span."""
        kind = _kind(self)
        if kind == "quarter":
            return _quarter_containing(_add_months(self.start, -3))
        if kind == "year":
            return financial_year(self.start.year - 1)
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end, "previous period")

    def year_earlier(self) -> Period:
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


def is_quarter(period: Period) -> bool:
    return _kind(period) == "quarter"


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


def in_words(label: str, start: dt.date, end: dt.date, short: bool = False) -> str:
    """A period as readers say it: "July to September 2026" for a quarter, "April 2026 to March
    2027" for a financial year, "1 to 15 May 2026" or "3 March 2026 to 2 March 2027" otherwise;
    `short` abbreviates the months ("Jul to Sep 2026", for chart axes)."""
    kind = _kind(Period(start, end, label))
    month = "%b" if short else "%B"
    if kind == "quarter":
        return f"{start:{month}} to {end:{month} %Y}"
    if kind == "year":
        return f"{start:{month} %Y} to {end:{month} %Y}"
    if start.year == end.year and start.month == end.month:
        return f"{start.day} to {end.day} {end:%B %Y}" if start != end else f"{end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} to {end.day} {end:%B %Y}"


def code_words(label: str) -> str:
    """The period's code as shown beside its dates: "2026/27 Q2" (its label without the hyphen)."""
    return label.replace("-Q", " Q") if PERIOD_RE.match(label) else ""


def titled(label: str, start: dt.date, end: dt.date) -> str:
    """Dates with the code beside them: "July to September 2026 (2026/27 Q2)"."""
    code = code_words(label)
    return f"{in_words(label, start, end)} ({code})" if code else in_words(label, start, end)


def label_in_words(label: str, short: bool = False) -> str:
    """`titled` (or with `short`, `in_words(short=True)`) for a period known only by its label
    ("2026/27-Q2"); any other label as it is."""
    try:
        period = parse_period(label)
    except PeriodError:
        return label
    if short:
        return in_words(period.label, period.start, period.end, short=True)
    return titled(period.label, period.start, period.end)


def date_range(start: dt.date, end: dt.date) -> Period:
    return Period(start, end, f"{start.isoformat()} to {end.isoformat()}")


def recent_periods(today: dt.date, ended: bool = False) -> list[str]:
    """The last eight quarters (the current one first) and the last two financial years; with
    `ended`, only periods that are over (what can be published: see `why_not_publishable`)."""
    first_year = today.year if today.month >= 4 else today.year - 1
    quarter = _quarter_containing(today)
    if ended:
        quarter, first_year = quarter.previous(), first_year - 1
    labels = []
    for _ in range(8):
        labels.append(quarter.label)
        quarter = quarter.previous()
    return labels + [financial_year(first_year).label, financial_year(first_year - 1).label]


def why_not_publishable(period: Period, today: dt.date) -> str:
    """Why these figures cannot be published on `today` ("" if they can).

    Only ended periods: figures of a period still running would be published for ever while
    reports of it are still coming in. Only whole quarters or runs of them (a financial year is
    four): a range one day shorter than a quarter, set against the quarter, would isolate that
    day's reports."""
    if period.end >= today:
        return (f"{period.words} has not ended yet: its figures can be published from "
                f"{fmt_day(period.end + dt.timedelta(days=1))}, once every day of it is over.")
    if period.start != _quarter_containing(period.start).start or period.end != _quarter_containing(period.end).end:
        return (f"{period.words} is not made of whole quarters: publish a quarter, several quarters in a row or "
                f"a financial year, so that no two publications differ by a few days' reports.")
    return ""


def fmt_day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"
