"""Text as every reader expects it: one kind of newline, no control characters, no invisible padding."""

from __future__ import annotations

import re

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# Zero-width characters, and the '&zwnj;&nbsp;' padding of email preheaders (a lone ZWNJ is
# real text in Persian and other scripts, so only runs of three or more count).
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]|[\u200c\u034f](?:[\u00a0 ]{0,3}[\u200c\u034f]){2,}")


def clean_text(raw: str) -> str:
    """Newlines unified; lone surrogates, control characters and invisible padding removed."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else "", text)
    return INVISIBLE.sub(lambda m: "" if len(m.group(0)) == 1 else " ", text)


def binary(text: str) -> bool:
    """Mostly undecodable or control characters: not a newsletter."""
    sample = text[:100_000]
    bad = sample.count("\ufffd") + sum(1 for ch in sample if ch in "\x00\x1b")
    return bad > 0.1 * len(sample)
