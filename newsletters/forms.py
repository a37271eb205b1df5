"""The forms a newsletter arrives in besides a body or an email, recognised before a body is read:

- a Gmail API message resource (format full or raw, gmail.py) as JSON text or bytes, or as an
  object (what an MCP client or a Python caller passes): the message's bytes, read as any email;
  a JSON list, thread or messages.list response with one message is that message;
- an RSS or Atom feed (feeds.py): a newsletter whose items are the feed's entries;
- an mbox holding one message ('From ' envelope line first): that message, as any email.
Several messages in one input (a JSON list, a thread, an mbox) are refused here, with what to run
instead: one call splits one newsletter; sources.iter_sources and `news-enhancer split` read each.
"""

from __future__ import annotations

import re
from typing import Any

from news_core.errors import InputError

from . import gmail
from .feeds import looks_like_feed, split_feed
from .model import Newsletter

# An mbox 'From ' envelope line ('From 1829...@xxx Wed Mar 18 14:02:11 +0000 2026' in Takeout,
# 'From - Wed Mar 18 ...' in Thunderbird): a sender, then an asctime date, then a header.
FROM_LINE = (rb"From \S{1,500}[ \t]+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b[^\n]{0,60}?\d{1,2}:\d\d[^\n]{0,40}?\d{4}[ \t]*"
             rb"\r?\n[A-Za-z][A-Za-z0-9-]{0,60}:")
MBOX_START = re.compile(rb"\A\s*" + FROM_LINE)
MBOX_NEXT = re.compile(rb"\n\r?\n" + FROM_LINE)
XML_ENCODING = re.compile(r"\A(\s*<\?xml[^>]{0,200}?)\s+encoding\s*=\s*[\"'][^\"']{0,40}[\"']")
SEVERAL = "one call splits one newsletter; split each message on its own, or run `news-enhancer split FILE`, which does"


def read_form(raw: str | bytes | dict, fmt: str | None) -> bytes | Newsletter | None:
    """The message bytes of a Gmail resource or one-message mbox, a feed's Newsletter, or None when
    raw is none of these forms (then it is read as a body or an email, as before)."""
    if isinstance(raw, dict):
        if fmt not in (None, "email"):
            raise InputError(f"an object is read as a Gmail API message resource (format email), not as {fmt}; "
                             "leave format empty")
        return _gmail(raw)
    if fmt in (None, "email") and (value := gmail.parse_json(raw)) is not None:
        return _gmail(value)
    data = raw if isinstance(raw, (bytes, bytearray)) else None
    head = bytes(raw[:8192]) if data is not None else raw[:8192].encode("utf-8", errors="replace")
    if fmt is None and looks_like_feed(head):
        # Text that was already decoded is UTF-8 from here on, whatever its XML declaration said.
        return split_feed(bytes(data) if data is not None else
                          XML_ENCODING.sub(r"\1", raw, count=1).encode("utf-8", errors="replace"))
    if fmt in (None, "email") and MBOX_START.match(head):
        whole = bytes(data) if data is not None else raw.encode("utf-8", errors="replace")
        if MBOX_NEXT.search(whole):
            raise InputError(f"the input is an mbox of several messages: {SEVERAL}")
    return None


def _gmail(value: Any) -> bytes:
    found = gmail.resources(value)
    if found is None:
        raise InputError(f"{_shape(value)} is no Gmail API message resource (an object with id and payload or raw, "
                         "as users.messages.get returns it); send the newsletter itself, or the resource")
    if len(found) > 1:
        raise InputError(f"the JSON holds {len(found)} Gmail messages: {SEVERAL}")
    return gmail.message_bytes(found[0])


def _shape(value: Any) -> str:
    if isinstance(value, dict):
        keys = ", ".join(sorted(str(k)[:40] for k in value)[:12]) or "none"
        return f"the JSON object (keys: {keys})"
    return f"the JSON {type(value).__name__}"
