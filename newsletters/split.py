"""Deterministic newsletter splitter: one raw newsletter (plain text, Markdown, an HTML email body,
a whole MIME message, a Gmail API message or an RSS/Atom feed) -> its items in document order, with title,
content, url, read time, sponsor flag and section, plus the newsletter's subject, date and source.
No language model is involved: hand rules, and a small learned classifier of block shapes beside them (readings.py).

Garbage in gives an empty item list and a `reason`, never an exception; only a wrong `format`
argument or a non-text `raw` raise InputError. Every step is linear in the input's size.
"""

from __future__ import annotations

import email.utils
import re

from news_core.errors import InputError

from .clean import binary, clean_text
from .dates import normalise_date
from .essay import RULE as ESSAY_RULE
from .essay import one_essay
from .email_message import gmail_raw_bytes, has_headers, looks_like_email, read_message
from .export_headers import _value as export_value
from .export_headers import export_headers
from .forms import read_form
from .forward import Forward, unquote, unwrap
from .masthead import masthead
from .model import Newsletter
from .patterns import words_key
from .readings import better, read, score

FORMATS = ("text", "markdown", "html", "email")
ALIASES = {"auto": None, "": None, "plain": "text", "txt": "text", "md": "markdown", "htm": "html", "eml": "email",
           "mime": "email", "rfc822": "email", "gmail": "email", "gmail_raw": "email"}
MAX_RAW_CHARS = 20_000_000
HEADER = re.compile(r"^\s{0,3}\**(subject|from|date|sent|to|cc|reply-to|title|source)\**\s*::?\s*\**\s*(.*)$", re.I)
HEADER_FIELD = {"sent": "date", "title": "subject"}  # (the header field export_headers names each by)
SHAPED_FIELDS = frozenset(("subject", "from", "date", "source"))  # (the fields export_headers gives)
DATE_IN_TEXT = re.compile(r"\b(20\d\d-[01]\d-[0-3]\d)\b")
# A whole email's text part is the same tool's plain rendering of the same content, without the layout:
# it replaces the HTML part's split only where that one failed outright (a third of the text part's score
# or less), not where the two merely disagree (6 stories in the HTML, 12 byline and quote lines in the text).
PART_FACTOR = 3.0
MASTHEAD_CHARS = 200  # a first item under the sender's own name with no more text than this is the masthead


def split_newsletter(raw: str | bytes | dict, format: str | None = None) -> Newsletter:
    """Split one newsletter into items. `format`: text, markdown, html, email, or None to detect it
    (feeds and Gmail API resources, as text or as an object, are detected: forms.py)."""
    fmt = _check_format(format)
    if not isinstance(raw, (str, bytes, bytearray, dict)):
        raise InputError("raw must be the newsletter as text (or a Gmail API message resource), "
                         f"got {type(raw).__name__}")
    if not isinstance(raw, dict) and len(raw) > MAX_RAW_CHARS:
        return Newsletter(format=fmt or "text",
                          reason=f"the newsletter is {len(raw)} characters, over the limit of {MAX_RAW_CHARS}")
    form = read_form(raw, fmt)
    if isinstance(form, Newsletter):
        return form
    data = form if form is not None else _message_bytes(raw, fmt)
    if data is not None:
        return split_message(data)
    if fmt == "email":
        return Newsletter(format="email", reason="format is email, but the input is neither an RFC 822 message "
                                                 "(headers, a blank line, a body) nor a Gmail API raw message")
    text = bytes(raw).decode("utf-8", errors="replace") if isinstance(raw, (bytes, bytearray)) else raw
    return split_body(text, fmt)


def split_message(data: bytes) -> Newsletter:
    """A whole email: the HTML part (it keeps the layout), unless the text part's split is three times
    better (readings.better, PART_FACTOR); subject, sender and date from the headers (a forward's: the original's)."""
    message = read_message(data)
    letters = []
    for content_type, body in message.bodies:
        letter = split_body(body, "html" if content_type == "text/html" else None, message=True,
                            subject=message.headers.get("subject"))
        letter.part = content_type
        letters.append(letter)
    html = max((x for x in letters if x.part == "text/html"), key=lambda x: score(x.items), default=None)
    text = max((x for x in letters if x.part != "text/html"), key=lambda x: score(x.items), default=None)
    if html is not None and (text is None or not better(score(text.items), score(html.items), PART_FACTOR)):
        best = html
    else:
        best = text or Newsletter(format="email", reason="the email has no text/html or text/plain part")
    heads = message.headers
    if best.forward:  # a forward: the original's headers, read from the body, come first
        source = best.source or _sender(heads.get("from", "")) or None
        return best.model_copy(update={"format": "email", "subject": best.subject or heads.get("subject"),
                                       "date": best.date or (normalise_date(heads["date"]) if heads.get("date") else None),
                                       "source": source, "items": _past_masthead(best.items, source)})
    source = _sender(heads.get("from", "")) or best.source
    return best.model_copy(update={
        "format": "email",
        "subject": heads.get("subject") or best.subject,
        "date": normalise_date(heads["date"]) if heads.get("date") else best.date,
        "source": source,
        "items": _past_masthead(best.items, source),
    })


def _past_masthead(items: list, source: str | None) -> list:
    """The items without a first one that is the sender's own name over a line or two ('Models & Agents for
    Beginners' / 'AI explained simply — for beginners and teens. Weekly digest · Jun 12–18'): the masthead,
    read as a bold title over its text, no story."""
    if not items or not source or len(items[0].content) > MASTHEAD_CHARS or items[0].url:
        return items
    return items[1:] if words_key(items[0].title) == words_key(source) else items


def split_body(raw: str, fmt: str | None = None, message: bool = False, subject: str | None = None) -> Newsletter:
    """One body (not a whole message) in text, Markdown or HTML. A copy's own header lines (forward.Forward.own)
    give the headers but name no forward: at the end of a body, or at its top where the body is no message's
    part (in a message's part, a header block at the top is a forward without a note). `subject`: the message's,
    the title of a letter that is one essay where the body names none."""
    text = unquote(clean_text(raw))
    named, fmt = fmt is not None, fmt or detect_format(text)
    if not text.strip():
        return Newsletter(format=fmt, reason="the newsletter is empty")
    if binary(text):
        return Newsletter(format=fmt, reason="the input looks like binary data, not a newsletter "
                                             "(mostly control or undecodable characters)")
    forwarded, text = innermost(text, fmt)
    headers, body = split_headers(text)
    if forwarded:
        headers.update({k: v for k, v in (("subject", forwarded.subject), ("from", forwarded.sender),
                                          ("date", forwarded.date)) if v})
    best = read(body, fmt, named)
    items, doc_title, meta = best.items, best.doc_title, best.meta
    name, mast_date = masthead(best.head)
    subject = headers.get("subject") or meta.get("subject") or headers.get("title") or doc_title or subject or \
        (f"{name} {mast_date}" if name and mast_date else None)
    date = headers.get("date") or headers.get("sent") or meta.get("date") or mast_date
    if not date and subject and DATE_IN_TEXT.search(subject):
        date = DATE_IN_TEXT.search(subject).group(1)
    source = (_sender(headers.get("from") or headers.get("source") or meta.get("source") or "")
              or _masthead_name(subject) or name)
    source = _named_address(source, body)
    rule = best.rule
    if best.reader != "records" and (essay := one_essay(best.blocks, items, subject)) is not None:
        items, rule = essay, ESSAY_RULE
    reason = f"{rule}; read by the {best.reader} reader" + (f" ({best.others})" if best.others else "") \
        if items else (
        f"no newsletter items found in {best.blocks_read} text blocks read as {fmt}: no headline was recognised "
        "(headlines end in '(N minute read)', '(GitHub Repo)' or '(Sponsor)', or are headings, bold or linked "
        "title lines followed by text)")
    return Newsletter(subject=subject or None, date=normalise_date(date) if date else None, source=source or None,
                      format=fmt, forward=None if not forwarded or forwarded.own == "end" or (forwarded.own and not message) else forwarded.client,
                      items=items, reason=reason)


def innermost(text: str, fmt: str) -> tuple[Forward | None, str]:
    """The original inside a forward (of a forward, up to three deep) and its text; (None, text) if none."""
    forwarded = None
    for _ in range(3):
        inner = unwrap(text, fmt)
        if inner is None:
            break
        forwarded, text = inner, inner.body
    return forwarded, text


def _message_bytes(raw: str | bytes, fmt: str | None) -> bytes | None:
    """The bytes of a whole email message, if raw is one (or format says it is)."""
    if fmt not in (None, "email"):
        return None
    if isinstance(raw, str):
        decoded = gmail_raw_bytes(raw) if len(raw) < 3 * MAX_RAW_CHARS // 4 else None
        if decoded is not None:
            return decoded
        data = raw.encode("utf-8", errors="replace")
    else:
        data = bytes(raw)
    return data if looks_like_email(data) or (fmt == "email" and has_headers(data)) else None


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


# a heading, a link or a bold phrase written in Markdown
MARKDOWN_MARK = re.compile(r"^ {0,3}#{1,6} |\[[^\[\]\n]{1,300}\]\(https?://|\*\*[^*\n]{1,300}\*\*", re.M)
MARKDOWN_MARKS_OVER_HTML = 5  # a body with no <html>/<body> and this many Markdown marks is Markdown


def detect_format(raw: str) -> str:
    head = raw[:200_000]
    tags = len(re.findall(r"</?(?:html|body|table|tr|td|div|p|a|br|span|h[1-6]|strong|li)\b[^<>]{0,500}>", head, re.I))
    if re.search(r"<(?:!doctype\s+html|html|body)\b", head[:2000], re.I):
        return "html"
    marks = len(MARKDOWN_MARK.findall(head))
    if tags >= 3 and marks < MARKDOWN_MARKS_OVER_HTML and not _header_table_over_markdown(head):
        return "html"
    # (Markdown with some HTML in it, such as an export's header table: the Markdown reader renders both)
    return "markdown" if marks >= 2 else "text"


def _header_table_over_markdown(head: str) -> bool:
    """An export's header block written as a small HTML table (From / To / Date / Subject rows) over a body
    with no HTML tags and some Markdown: Markdown."""
    m = re.match(r"\s*<table\b[^<>]{0,500}>.{0,3000}?</table>", head, re.S | re.I)
    rest = head[m.end():] if m else ""
    return bool(m) and not re.search(r"<(?:table|div|p|br|td|span|h[1-6])\b", rest, re.I) and bool(MARKDOWN_MARK.search(rest))


def split_headers(text: str) -> tuple[dict[str, str], str]:
    """Email-style 'Subject:'/'From:'/'Date:' lines (or a --- front-matter block of those keys) at the top; else
    the header shapes of note-taking and clipping tools' exports (export_headers: other front matter, a table of
    labels and values, an org-mode drawer, a pandoc div, a prose line or footnote naming sender and date)."""
    lines = text.lstrip("\n").split("\n", 60)
    fenced = bool(lines) and lines[0].strip() == "---"
    n = 1 if fenced else 0
    headers: dict[str, str] = {}
    while n < min(len(lines), 50) and (m := HEADER.match(lines[n])):
        # (a YAML value's quotes and a wiki link's brackets off: 'subject: "A, B"', 'date:: [[Jul 12th, 2026]]')
        headers.setdefault(m.group(1).lower(), export_value(m.group(2).strip().strip("* "))[:500])
        n += 1
    if fenced:
        if not (headers and n < len(lines) and lines[n].strip() == "---"):
            return export_headers(text)
        n += 1
    elif headers and n < len(lines) and lines[n].strip():
        # the lines go on with keys of another tool ('title:' over a tiddler's 'created:' ...; mu4e's 'Flags:' between
        # Subject and Date): its shape, if it gives more (more fields, or the same ones and one more: From / To / Subject
        # over 'Flags:' and a Date the loop never reached)
        shaped, body = export_headers(text)
        if len(shaped) > len(headers) or set(shaped) > {HEADER_FIELD.get(key, key) for key in headers} & SHAPED_FIELDS:
            return shaped, body
    return (headers, "\n".join(lines[n:])) if headers else export_headers(text)


def _sender(value: str) -> str:
    name, address = email.utils.parseaddr(value)
    return (name or address or value).strip().strip('"') if value.strip() else ""


# A sender named by its address alone (Tuta Mail's forward writes 'Von: newsletter@techpresso.co', no display
# name): the address's domain name ('techpresso' of techpresso.co, 'example' of mail.example.co.uk)
BARE_ADDRESS = re.compile(r"[^@\s<>\"]+@(?:[a-z0-9-]+\.)*?([a-z0-9-]{4,63})\.(?:(?:co|com|org|net|ac|gov|edu)\.)?[a-z]{2,24}",
                          re.I)


def _named_address(source: str, body: str) -> str:
    """A source that is an address alone -> the name the newsletter gives itself where its own text spells the
    address's domain name as a word with a capital ('Techpresso' in 'your daily Techpresso', a logo's alt text:
    not inside a link or an address); else the address as it is."""
    m = BARE_ADDRESS.fullmatch(source)
    if not m:
        return source
    for word in re.finditer(rf"(?<![\w@./:=&?#%-])({re.escape(m.group(1))})(?![\w@/=&?#%-]|\.\w)", body[:200_000], re.I):
        if word.group(1)[0].isupper():
            return word.group(1)
    return source


def _masthead_name(subject: str | None) -> str:
    """'TLDR AI 2025-06-12' -> 'TLDR AI' (a name followed by nothing but a date)."""
    # (possessive runs of spaces: two greedy ones on either side of an optional dash cost quadratic time on a subject
    # with a long run of spaces)
    m = re.fullmatch(r"\s*+([^\d\n]{2,40}?)\s*+[-–|,:]?\s*+20\d\d-[01]\d-[0-3]\d\s*+", subject or "")
    return m.group(1).strip() if m else ""
