"""Dates as mail headers, mail clients, newsletters and feeds really write them -> ISO 8601.

Each row is a shape seen in the wild: the Date header (RFC 2822, with and without seconds, zone
names and comments), forwarded-message blocks of Gmail, Outlook and Apple Mail, newsletter mastheads,
RSS pubDate (RFC 822) and Atom updated (RFC 3339).
"""

import pytest

from newsletters import normalise_date, split_newsletter

TABLE = [
    # RFC 2822 Date headers
    ("Wed, 11 Jun 2025 13:40:02 +0000", "2025-06-11T13:40:02+00:00"),
    ("Wed, 11 Jun 2025 13:40 +0200", "2025-06-11T13:40:00+02:00"),
    ("11 Jun 2025 13:40:02 -0700", "2025-06-11T13:40:02-07:00"),
    ("Wed, 11 Jun 2025 13:40:02 +0000 (UTC)", "2025-06-11T13:40:02+00:00"),
    ("Mon, 9 Mar 2026 06:02:00 -0800 (PST)", "2026-03-09T06:02:00-08:00"),
    ("Wed, 11 Jun 2025 09:40:02 EDT", "2025-06-11T09:40:02-04:00"),
    ("Wed, 11 Jun 2025 13:40:02 -0000", "2025-06-11T13:40:02"),  # -0000: the zone is unknown (RFC 2822 3.3)
    ("Wed, 11 Jun 2025", "2025-06-11"),  # without a time
    ("11 Jun 2025", "2025-06-11"),
    # RSS pubDate (RFC 822, two-digit years and zone names allowed)
    ("Tue, 17 Mar 2026 06:02:11 GMT", "2026-03-17T06:02:11+00:00"),
    ("Tue, 17 Mar 26 06:02:11 GMT", "2026-03-17T06:02:11+00:00"),
    # ISO 8601 and Atom's RFC 3339
    ("2025-06-11", "2025-06-11"),
    ("2025-06-11T13:40:02Z", "2025-06-11T13:40:02+00:00"),
    ("2026-03-17T06:02:11.123+05:30", "2026-03-17T06:02:11.123000+05:30"),
    ("2025-06-11 13:40", "2025-06-11T13:40:00"),
    # Mail clients' forwarded-message blocks
    ("Sent: Tuesday, March 17, 2026 6:02 AM", "2026-03-17T06:02:00"),  # Outlook (en-US)
    ("Sent: Tuesday, March 17, 2026 6:02 PM", "2026-03-17T18:02:00"),
    ("Sent: 17 March 2026 06:02", "2026-03-17T06:02:00"),  # Outlook (en-GB)
    ("Date: 17 March 2026 at 06:02:11 GMT", "2026-03-17T06:02:11+00:00"),  # Apple Mail
    ("Date: Tue, Mar 17, 2026 at 6:02 AM", "2026-03-17T06:02:00"),  # Gmail's forward block
    ("Jun 11, 2025 at 6:02 AM", "2025-06-11T06:02:00"),
    # Newsletter mastheads and web pages
    ("June 11th, 2025", "2025-06-11"),
    ("June 11, 2025", "2025-06-11"),
    ("Wednesday, June 11, 2025", "2025-06-11"),
    ("11 June 2025", "2025-06-11"),
    ("Jun 11 2025 6:02AM AEST", "2025-06-11T06:02:00+10:00"),
    ("2025/06/11", "2025-06-11"),  # year first: never read as 2025-11-06
    # All-numeric day and month: the cues of newsletters/dates.py
    ("11/06/2025", "2025-11-06"),  # no cue: month-first (US), the documented default
    ("17/03/2026", "2026-03-17"),  # 17 cannot be a month
    ("3/17/2026 6:02:00 AM", "2026-03-17T06:02:00"),  # US Outlook's short form
    ("11/06/2025 6:02 PM", "2025-11-06T18:02:00"),  # AM/PM: month-first
    ("11/06/2025 14:30", "2025-06-11T14:30:00"),  # a 24-hour clock: day-first
    ("11.06.2025", "2025-06-11"),  # dots: day-first
    ("Envoyé : 11/06/2025 14:30", "2025-06-11T14:30:00"),  # a French label: day-first
    ("Gesendet: 11/06/2025", "2025-06-11"),  # a German label: day-first
    # Not a whole date: kept as written
    ("June 2025", "June 2025"),
    ("yesterday", "yesterday"),
    ("Issue 11", "Issue 11"),
    ("Gesendet: Dienstag, 17. März 2026 06:02", "Gesendet: Dienstag, 17. März 2026 06:02"),  # German month names
]


@pytest.mark.parametrize(("written", "iso"), TABLE)
def test_date_shapes(written, iso):
    assert normalise_date(written) == iso


def test_the_table_covers_at_least_25_readable_shapes():
    assert sum(written != iso for written, iso in TABLE) >= 25


def test_a_caller_that_knows_the_locale_decides_day_or_month():
    assert normalise_date("11/06/2025", day_first=True) == "2025-06-11"
    assert normalise_date("11/06/2025 14:30", day_first=False) == "2025-11-06T14:30:00"
    assert normalise_date("2025/06/11", day_first=True) == "2025-06-11"


def test_a_long_or_odd_value_is_kept_and_never_raises():
    for value in ("x" * 5000, "99/99/9999", "Wed, 45 Foo 2025 99:99:99 +9999", "0/0/0", "1" * 300, "\x00\u200b"):
        assert isinstance(normalise_date(value), str)


def test_the_splitter_normalises_the_dates_it_finds():
    letter = split_newsletter("Subject: AI Weekly\nDate: June 11th, 2025\n\n## Open agents catch up\n\n"
                              "Two labs released agents this week.\n\n## Chips get cheaper\n\nPrices fell again.\n")
    assert letter.date == "2025-06-11"
