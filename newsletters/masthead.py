"""The masthead line near the top of a newsletter without headers: 'TLDR AI 2026-04-22' or
'Import AI 412 | April 22, 2026' gives the newsletter's name and date."""

from __future__ import annotations

import re

from .dates import FOREIGN_MONTH_NAMES, normalise_date

MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|jun(?:e)?|jul(?:y)?|aug(?:ust)?|sep(?:t(?:ember)?)?|" \
         "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
DATE = re.compile(rf"(20\d\d-[01]\d-[0-3]\d|(?:{MONTHS})\.? [0-3]?\d(?:st|nd|rd|th)?,? 20\d\d|"
                  rf"[0-3]?\d (?:{MONTHS}),? 20\d\d|"
                  # '6 décembre 2026', '6. Dezember 2026', '6 de diciembre de 2026', '1er juin 2026'
                  rf"[0-3]?\d(?:\.|er)? (?:de )?(?:{FOREIGN_MONTH_NAMES})\.?,? (?:de )?20\d\d)", re.I)
MARKUP = re.compile(r"[*_#>`|\[\]]|\(https?://[^()\s]{0,2000}\)")
HEAD_LINES = 40


def masthead(body: str) -> tuple[str, str]:
    """(name, ISO date) from the first short line of the top of body that is a name and a date."""
    for line in body[:6000].split("\n")[:HEAD_LINES * 3]:
        line = " ".join(MARKUP.sub(" ", line).split())
        if not line or len(line) > 80:
            continue
        m = DATE.search(line)
        if not m:
            continue
        name = line[:m.start()].strip(" -–—|,:·•")
        name = re.sub(r"\s*(?:#|no\.?|issue)?\s*\d{1,4}$", "", name, flags=re.I).strip(" -–—|,:·•")
        rest = line[m.end():].strip(" -–|,:·•")
        if 2 <= len(name) <= 40 and not rest and not any(ch.isdigit() for ch in name[:1]):
            return name, iso_date(m.group(1))
    return "", ""


def is_masthead(line: str) -> bool:
    return len(line) <= 60 and masthead(line) != ("", "")


def iso_date(value: str) -> str:
    """'April 22nd, 2026' -> '2026-04-22'."""
    return normalise_date(re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", value))
