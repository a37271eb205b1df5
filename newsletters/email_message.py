"""Whole email messages -> headers and body parts: RFC 822 / MIME text (an .eml file, or one message
of an mbox with its 'From ' envelope line), and the Gmail API's `raw` field (base64url of the same bytes).

The standard library's email package does the MIME work: multipart/alternative and /mixed,
quoted-printable and base64, encoded-word headers, any charset Python knows (an unknown one is
read as UTF-8 with replacement characters rather than refused).

A newsletter forwarded as an attachment (a message/rfc822 part, what "Forward as attachment" in
Gmail, Outlook and Apple Mail sends) is the message that is read: its subject, sender, date and
bodies; the forwarder's own note around it is no part of the newsletter.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from itertools import islice

# A header block: at least two 'Name: value' lines at the very top, one of them MIME's own.
HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]{0,60}:[^\n]{0,4000}\n(?:[ \t][^\n]{0,4000}\n){0,50}")
MIME_HEADERS = re.compile(rb"(?im)^(?:mime-version|content-type|content-transfer-encoding|received|"
                          rb"return-path|delivered-to|message-id|dkim-signature)\s*:")
# a Zim desktop wiki page's header ('Content-Type: text/x-zim-wiki', 'Wiki-Format: zim 0.6', 'Creation-Date: ...'):
# no message
ZIM_PAGE = re.compile(rb"content-type:[ \t]*text/x-zim-wiki\b", re.I)
BASE64URL = re.compile(r"[A-Za-z0-9_\-+/]+={0,2}")
MAX_PARTS = 200  # a message with more parts than this is read no further
MAX_FORWARDS = 5  # an attachment inside an attachment ...: read this many levels down
MBOX_FROM = re.compile(rb"From [^\n]{0,1000}\n")  # an mbox envelope line ('From sender date'), not a header

log = logging.getLogger(__name__)


@dataclass
class Message:
    headers: dict[str, str]
    bodies: list[tuple[str, str]] = field(default_factory=list)  # (content type, decoded text), in order


def looks_like_email(raw: bytes) -> bool:
    """RFC 822 headers at the top, with at least one header only whole messages carry."""
    head = raw[:16_384].replace(b"\r\n", b"\n").lstrip(b"\n")
    pos, count = (m.end() if (m := MBOX_FROM.match(head)) else 0), 0
    while (m := HEADER_LINE.match(head, pos)) and count < 200:
        pos, count = m.end(), count + 1
    return count >= 2 and bool(MIME_HEADERS.search(head[:pos])) and not ZIM_PAGE.match(head)


def has_headers(raw: bytes) -> bool:
    """At least one 'Name: value' header line at the very top."""
    return HEADER_LINE.match(raw[:16_384].replace(b"\r\n", b"\n").lstrip(b"\n")) is not None


def gmail_raw_bytes(text: str) -> bytes | None:
    """The message bytes if `text` is one base64url (or base64) string that decodes to an email."""
    compact = "".join(text.split())
    if len(compact) < 40 or not BASE64URL.fullmatch(compact):
        return None
    try:
        data = base64.urlsafe_b64decode(compact.replace("+", "-").replace("/", "_") + "=" * (-len(compact) % 4))
    except (binascii.Error, ValueError):
        return None
    return data if looks_like_email(data) else None


def read_message(raw: bytes) -> Message:
    msg = _newsletter(BytesParser(policy=policy.default).parsebytes(raw))
    headers = {}
    for name in ("subject", "from", "date", "list-id", "sender"):
        value = _header(msg, name)
        if value:
            headers[name] = value
    bodies = []
    for n, part in enumerate(msg.walk() if isinstance(msg, EmailMessage) else []):
        if n > MAX_PARTS:
            break
        if part.is_multipart() or part.get_content_maintype() != "text" or part.is_attachment():
            continue
        if part.get_content_subtype() in ("html", "plain"):
            bodies.append((part.get_content_type(), _text(part)))
    return Message(headers, bodies)


def _newsletter(msg):
    """The message itself, or the message attached to it (message/rfc822) when that one has a text body."""
    for _ in range(MAX_FORWARDS):
        attached = [part for part in _own_parts(msg) if part.get_content_type() == "message/rfc822"]
        inner = [m for m in (_inner(part) for part in attached) if m is not None and _has_text(m)]
        if not inner:
            return msg
        if len(inner) > 1:
            log.warning("the message has %d attached messages; the first (%r) is read", len(inner),
                        _header(inner[0], "subject"))
        msg = inner[0]
    return msg


def _own_parts(msg):
    """The message's parts in document order (as walk()), not those inside an attached message."""
    stack, seen = ([msg] if isinstance(msg, EmailMessage) else []), 0
    while stack and seen <= MAX_PARTS:
        part, seen = stack.pop(), seen + 1
        yield part
        if part.get_content_type() != "message/rfc822" and part.is_multipart():
            stack.extend(reversed(part.get_payload()))


def _inner(part):
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    return inner if isinstance(inner, EmailMessage) else None


def _has_text(msg) -> bool:
    return any(part.get_content_type() in ("text/html", "text/plain") and not part.is_attachment()
               for part in islice(msg.walk(), MAX_PARTS))


def _header(msg, name: str) -> str:
    try:
        value = msg.get(name)
    except (ValueError, TypeError, IndexError):  # a malformed header: read it raw
        value = msg.get_all(name, failobj=[None])[0] if hasattr(msg, "get_all") else None
    return " ".join(str(value).split())[:1000] if value else ""


def _text(part) -> str:
    try:
        text = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):  # unknown charset or broken encoding
        payload = part.get_payload(decode=True) or b""
        text = payload.decode("utf-8", errors="replace")
    if part.get_content_type() == "text/plain" and str(part.get_param("format", "")).lower() == "flowed":
        return unflow(text, delsp=str(part.get_param("delsp", "")).lower() == "yes")
    return text


def unflow(text: str, delsp: bool = False) -> str:
    """A format=flowed text part (RFC 3676, what Thunderbird, Apple Mail and others send) as the lines its
    writer typed: a line ending in a space runs on into the next one of the same quote depth (the space
    dropped too where DelSp=yes), and the space a sender stuffs in front of a line that starts with a space,
    '>' or 'From ' is taken off. The standard library's email package leaves flowed text as sent, so a long
    header line of a forward (a subject) would read as two. The signature separator '-- ' stays a line."""
    lines: list[str] = []
    open_depth = None  # the quote depth of a paragraph whose last line was soft (ended in a space)
    for line in text.split("\n"):
        line = line.removesuffix("\r")
        depth = len(line) - len(line.lstrip(">"))
        body = line[depth:].removeprefix(" ")
        if open_depth == depth and lines:
            lines[-1] += body
        else:
            lines.append(">" * depth + " " + body if depth else body)
        soft = body.endswith(" ") and body != "-- "
        if soft and delsp:
            lines[-1] = lines[-1][:-1]
        open_depth = depth if soft else None
    return "\n".join(lines)
