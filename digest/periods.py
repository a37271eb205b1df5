"""Days and ISO weeks: which period an item falls in, from its date (its own, else its newsletter's)."""

from __future__ import annotations

import re
from datetime import date, timedelta

PERIODS = ("day", "week")
UNDATED = "undated"  # the period of items whose date could not be read; sorted after every dated one
ISO_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def item_day(published: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or date-time, as written (in its own zone); None when
    there is none or it is not ISO (the splitter leaves a date it could not read as written)."""
    found = ISO_DAY.match(published or "")
    if not found:
        return None
    try:
        return date.fromisoformat(found.group(1))
    except ValueError:
        return None


def period_key(day: date | None, period: str) -> str:
    """'2025-06-10' for a day, '2025-W24' for an ISO week, 'undated' without a date."""
    if day is None:
        return UNDATED
    if period == "day":
        return day.isoformat()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def bounds(key: str) -> tuple[str | None, str | None]:
    """First and last day of a period, ISO; (None, None) for undated."""
    if key == UNDATED:
        return None, None
    if "-W" in key:
        year, week = key.split("-W")
        start = date.fromisocalendar(int(year), int(week), 1)
        return start.isoformat(), (start + timedelta(days=6)).isoformat()
    return key, key


def label(key: str) -> str:
    """How a period is headed in the report."""
    if key == UNDATED:
        return "Undated items"
    start, end = bounds(key)
    if "-W" in key:
        year, week = key.split("-W")
        return f"Week {int(week)} of {year} ({start} to {end})"
    return f"Day {start}"


def sort_key(key: str) -> tuple[int, str]:
    return (key == UNDATED, key)
