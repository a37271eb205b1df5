"""Dates as newsletters write them -> ISO 8601."""

from __future__ import annotations

import email.utils
from datetime import datetime


def normalise_date(value: str) -> str:
    """RFC 2822, ISO 8601 or 'June 10, 2025' -> ISO 8601; anything else is kept as written."""
    value = " ".join(value.split())
    try:
        return email.utils.parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        parsed = datetime.fromisoformat(value)
        return parsed.isoformat() if ("T" in value or ":" in value) else parsed.date().isoformat()
    except ValueError:
        pass
    for pattern in ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%A, %B %d, %Y"):
        try:
            return datetime.strptime(value, pattern).date().isoformat()
        except ValueError:
            continue
    return value


