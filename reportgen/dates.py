"""Dates as writers give them (a day, a month, a year, or a range) and as UN text writes them."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_PERIOD_KEY = re.compile(r"^(\d{4})-(\d{4})$")

MONTHS = [calendar.month_name[m] for m in range(1, 13)]


class DateSyntaxError(ValueError):
    """A date a writer typed that cannot be read."""


@dataclass(frozen=True, order=True)
class DateSpan:
    """A day, month, year or range, kept with its first and last day and its precision."""

    start: date
    end: date
    text: str

    @classmethod
    def parse(cls, value: object) -> "DateSpan":
        text = str(value).strip()
        first, sep, last = text.partition("/")
        start, start_end, _ = _parse_part(first, text)
        if not sep:
            return cls(start, start_end, text)
        _, end, _ = _parse_part(last, text)
        if end < start:
            raise DateSyntaxError(f"date range '{text}' ends before it starts")
        return cls(start, end, text)

    @property
    def precision(self) -> str:
        """'day', 'month' or 'year' of the first part."""
        first = self.text.partition("/")[0]
        return ("year", "month", "day")[first.count("-")]

    def written(self) -> str:
        """'8 September 2020', 'May 2021', '2020' (the first part only)."""
        precision = self.precision
        if precision == "day":
            return day_text(self.start)
        if precision == "month":
            return month_text(self.start)
        return str(self.start.year)

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and self.end >= start


def _parse_part(part: str, whole: str) -> tuple[date, date, str]:
    match = _PART.fullmatch(part.strip())
    if not match:
        raise DateSyntaxError(
            f"date '{whole}' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD, or a range A/B)"
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day:
            d = date(year, month, day)
            return d, d, "day"
        if month:
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1), date(year, month, last), "month"
        return date(year, 1, 1), date(year, 12, 31), "year"
    except ValueError:
        raise DateSyntaxError(f"date '{whole}' does not exist") from None


def day_text(d: date) -> str:
    """'30 July 2022': no comma, no ordinal suffix."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def month_text(d: date) -> str:
    """'July 2022'."""
    return f"{MONTHS[d.month - 1]} {d.year}"


def range_text(start: date, end: date) -> str:
    """Meeting dates: '17–21 October 2022', '30 April – 1 May 2018', '8 September 2020'."""
    if start == end:
        return day_text(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {MONTHS[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} \u2013 {day_text(end)}"
    return f"{day_text(start)} \u2013 {day_text(end)}"


def parse_period_key(value: str) -> tuple[int, int] | None:
    """'2020-2022' -> (2020, 2022); None when malformed or reversed."""
    match = _PERIOD_KEY.fullmatch(value)
    if not match:
        return None
    first, last = int(match.group(1)), int(match.group(2))
    return (first, last) if first <= last else None
