"""Deterministic newsletter splitter: one raw newsletter (plain text, Markdown or an HTML email
body) -> its items in document order, with title, content, url, read time, sponsor flag and
section, plus the newsletter's subject, date and source. No model is involved.

Garbage in gives an empty item list and a `reason`, never an exception; only a wrong `format`
argument or a non-text `raw` raise InputError.
"""

from __future__ import annotations

import email.utils
import re
from datetime import datetime

from pydantic import BaseModel, Field

from .errors import InputError
from .items import NewsItem
from .newsletter_blocks import assemble, promote_headings
from .newsletter_html import html_blocks
from .newsletter_text import markdown_blocks, text_blocks

FORMATS = ("text", "markdown", "html")
ALIASES = {"auto": None, "": None, "plain": "text", "txt": "text", "md": "markdown", "htm": "html"}
MAX_RAW_CHARS = 20_000_000
HEADER = re.compile(r"^\s{0,3}\**(subject|from|date|sent|to|cc|reply-to|title|source)\**\s*:\s*\**\s*(.*)$", re.I)
DATE_IN_TEXT = re.compile(r"\b(20\d\d-[01]\d-[0-3]\d)\b")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
# Zero-width characters, and the '&zwnj;&nbsp;' padding of email preheaders (a lone ZWNJ is
# real text in Persian and other scripts, so only runs of three or more count).
INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]|[\u200c\u034f](?:[\u00a0 ]{0,3}[\u200c\u034f]){2,}")


class NewsletterItem(BaseModel):
    title: str = Field(description="Headline, without the '(N minute read)' suffix.")
    content: str = Field(default="", description="Body text of the item.")
    url: str = Field(default="", description="Link of the item, tracking parameters removed; empty when none.")
    read_time: str | None = Field(default=None, description="e.g. '4 minute read', when the newsletter gives one.")
    sponsored: bool = Field(default=False, description="True for sponsor blocks and '(Sponsor)' items.")
    section: str | None = Field(default=None, description="Section header the item sits under, e.g. '🚀 Headlines & Launches'.")


class Newsletter(BaseModel):
    subject: str | None = None
    date: str | None = Field(default=None, description="ISO 8601 when it could be read, else as written.")
    source: str | None = Field(default=None, description="Sender or newsletter name, e.g. 'TLDR AI'.")
    format: str = Field(description="The format the newsletter was read as: text, markdown or html.")
    items: list[NewsletterItem] = Field(default_factory=list)
    reason: str | None = Field(default=None, description="Why no items were found (only when items is empty).")

    def to_news_items(self) -> list[NewsItem]:
        """The items as the enhancer's input, with ids nl-1, nl-2, ... in document order."""
        return [
            NewsItem(id=f"nl-{n}", title=item.title, content=item.content, url=item.url,
                     source=self.source or "", published=self.date or "")
            for n, item in enumerate(self.items, start=1)
        ]


def split_newsletter(raw: str | bytes, format: str | None = None) -> Newsletter:
    """Split one newsletter into items. `format`: text, markdown, html, or None to detect it."""
    fmt = _check_format(format)
    if isinstance(raw, (bytes, bytearray)):
        raw = bytes(raw).decode("utf-8", errors="replace")
    if not isinstance(raw, str):
        raise InputError(f"raw must be the newsletter as text, got {type(raw).__name__}")
    fmt = fmt or detect_format(raw)
    if len(raw) > MAX_RAW_CHARS:
        return Newsletter(format=fmt, reason=f"the newsletter is {len(raw)} characters, over the limit of {MAX_RAW_CHARS}")
    text = clean_text(raw)
    if not text.strip():
        return Newsletter(format=fmt, reason="the newsletter is empty")
    if _binary(text):
        return Newsletter(format=fmt, reason="the input looks like binary data, not a newsletter "
                                             "(mostly control or undecodable characters)")
    headers, body = split_headers(text)
    items, doc_title, meta, blocks_read = _items(body, fmt)
    subject = headers.get("subject") or meta.get("subject") or headers.get("title") or doc_title
    date = headers.get("date") or headers.get("sent") or meta.get("date")
    if not date and subject and DATE_IN_TEXT.search(subject):
        date = DATE_IN_TEXT.search(subject).group(1)
    source = _sender(headers.get("from") or headers.get("source") or meta.get("source") or "") or _masthead_name(subject)
    reason = None if items else (
        f"no newsletter items found in {blocks_read} text blocks read as {fmt}: no headline was recognised "
        "(headlines end in '(N minute read)', '(GitHub Repo)' or '(Sponsor)', or are bold links or headings)")
    return Newsletter(subject=subject or None, date=normalise_date(date) if date else None, source=source or None,
                      format=fmt, items=items, reason=reason)


def _check_format(format: str | None) -> str | None:
    if format is None:
        return None
    if not isinstance(format, str):
        raise InputError(f"format must be one of {', '.join(FORMATS)} (or empty to detect it), got {type(format).__name__}")
    key = format.strip().lower()
    key = ALIASES.get(key, key)
    if key is not None and key not in FORMATS:
        raise InputError(f"format must be one of {', '.join(FORMATS)} (or empty to detect it), got {format[:40]!r}")
    return key


def detect_format(raw: str) -> str:
    head = raw[:200_000]
    tags = len(re.findall(r"</?(?:html|body|table|tr|td|div|p|a|br|span|h[1-6]|strong|li)\b[^<>]{0,500}>", head, re.I))
    if tags >= 3 or re.search(r"<(?:!doctype\s+html|html)\b", head[:2000], re.I):
        return "html"
    marks = len(re.findall(r"(?m)^\s{0,3}#{1,6}\s|\[[^\[\]\n]{1,300}\]\(https?://|\*\*[^*\n]{1,300}\*\*", head))
    return "markdown" if marks >= 2 else "text"


def clean_text(raw: str) -> str:
    """Newlines unified; lone surrogates, control characters and invisible padding removed."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group(0) <= "\udfff" else "", text)
    return INVISIBLE.sub(lambda m: "" if len(m.group(0)) == 1 else " ", text)


def _binary(text: str) -> bool:
    sample = text[:100_000]
    bad = sample.count("\ufffd") + sum(1 for ch in sample if ch in "\x00\x1b")
    return bad > 0.1 * len(sample)


def split_headers(text: str) -> tuple[dict[str, str], str]:
    """Email-style 'Subject:'/'From:'/'Date:' lines (or a --- front-matter block) at the top."""
    lines = text.lstrip("\n").split("\n", 60)
    fenced = bool(lines) and lines[0].strip() == "---"
    n = 1 if fenced else 0
    headers: dict[str, str] = {}
    while n < min(len(lines), 50) and (m := HEADER.match(lines[n])):
        headers.setdefault(m.group(1).lower(), m.group(2).strip().strip("* ")[:500])
        n += 1
    if fenced:
        if not (headers and n < len(lines) and lines[n].strip() == "---"):
            return {}, text
        n += 1
    return (headers, "\n".join(lines[n:])) if headers else ({}, text)


def _items(body: str, fmt: str):
    meta: dict[str, str] = {}
    if fmt == "html":
        blocks, meta = html_blocks(body)
    elif fmt == "markdown":
        blocks = markdown_blocks(body)
    else:
        blocks = text_blocks(body)
    found = assemble(blocks)
    if not found.drafts:  # no marked headline anywhere: fall back to plain headings / short lines
        found = assemble(text_blocks(body, loose=True) if fmt == "text" else promote_headings(blocks))
    items = [NewsletterItem(title=d.title, content="\n\n".join(d.parts), url=d.url, read_time=d.read_time,
                            sponsored=d.sponsored, section=d.section) for d in found.drafts]
    return items, found.doc_title, meta, found.blocks_read


def _sender(value: str) -> str:
    name, address = email.utils.parseaddr(value)
    return (name or address or value).strip().strip('"') if value.strip() else ""


def _masthead_name(subject: str | None) -> str:
    """'TLDR AI 2025-06-12' -> 'TLDR AI' (a name followed by nothing but a date)."""
    m = re.fullmatch(r"\s*([^\d\n]{2,40}?)\s*[-–|,:]?\s*20\d\d-[01]\d-[0-3]\d\s*", subject or "")
    return m.group(1).strip() if m else ""


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


