"""The sender, date and subject that a note-taking or clipping tool's export of a newsletter writes above (or, as
a footnote, below) the newsletter, in the shapes split.split_headers' 'Subject: / From: / Date:' lines and
'---' front matter of those keys do not cover -> the same header fields ('subject', 'from', 'date', 'source').

Read, each only at the very top of the export (a footnote: where the first lines refer to it):
- YAML front matter with other keys ('---' ... '---'): Obsidian Web Clipper's (title / source, the page's URL /
  author, a list of '[[Name]]' links / published / created / description / tags), Joplin's 'Markdown + Front
  Matter' export (title / updated / created / latitude ... / author 'Name <a@b>' / source, the app the note came
  from / tags); the keys in the languages forward.LABELS knows; a list's first entry for a key with no value.
- A two-column Markdown table of labels and values ('| Campo | Valor |', then '| De | Name <a@b> |', '| Data |
  10/07/2026 08:00 |', '| Assunto | ... |'), the labels in any language forward.LABELS knows.
- An org-mode heading's property drawer ('* Subject', ':PROPERTIES:', ':FROM: ...', ':DATE: [2026-07-10 Fri
  14:30]', ':SUBJECT: ...', ':END:').
- pandoc's Markdown of an HTML header block: a fenced div ('::: {.email-headers}') of '[From]{.label} value'
  lines, Markdown's backslash escapes ('\\<a@b\\>') undone.
- One prose line under the title, as a Bear note has it ('Sent by Name (a@b) on Monday, July 6, 2026 at 9:03 AM
  to ...'), and a footnote on the title ('# Subject[^mail]' ... '[^mail]: Email from Name <a@b> to ..., received
  Thursday 9 July 2026 at 14:02, subject “...”.').
- (eleventh blind set) Omnivore's front matter (id / title / author 'Name <a@b>' / date_saved / date_published /
  url), front matter under Dutch keys (onderwerp / afzender / ontvanger / datum '10-7-2026 07:00', read day first as
  any date under a key in another language than English), a Dendron note's (title / desc, the sender 'Name <a@b>'
  / updated and created in Unix milliseconds, dates.py reads them), a TiddlyWiki tiddler's fields with no '---'
  around them (title / created and modified as 17-digit UTC timestamps / from / tags / type, then a blank line), a
  Readwise Reader export ('# title', its cover, '## Metadata' bullets: Author as a [[link]], Full Title, Email,
  'Received: July 9th, 2026 at 1:15 PM' ..., then '## Full Document'), the headers as HTML meta tags above the body
  ('<meta name="from" content="Name &lt;a@b&gt;">', subject, date ...) and plain header lines under a title in
  another language (Russian 'От кого: / Кому: / Дата: / Тема:': forward.py reads them, as a copy's own lines).
- Header lines as people and tools write them at the top of a copy: 'Label: value' lines, each maybe a list item,
  in a blockquote, behind an emoji, the label bold or the line in backticks, 'Label:: value' as Logseq and Dataview
  write it; the labels of KEYS and forward.LABELS, Korean and Japanese ones too ('보낸사람', '제목', '差出人', '件名'),
  lines of other labels ('Folder:', 'Tags:') among them.
- Under a title and an opener, any of the blocks above: the title is the subject where the block names none, and
  it leaves the body with the block (measured: a title over header lines was an item in six md exports of the
  corpus, a title over a table in one). And JSON, TOML ('+++'), pandoc's title block ('% Title' / '% Author' / '%
  Date'), pandoc's definition list ('From' over ': Name <a@b>'), a table across ('| From | To | Date | Subject |'
  over one row), a small HTML table (left in the body), front matter fields in a mapping ('message:' over '
  subject: ...').
- (twelfth blind set) A Tana Paste ('%%tana%%', the subject a node with its tags, its fields as child nodes 'From::',
  'Received:: [[date:2026-07-06 14:58]]', up to a field whose value is its children, 'Body::'), a yarle export of an
  Evernote note ('# title' over a '---' block of 'Tag(s):', 'Notebook:', 'Created at:', 'Source: mail.smtp' (the
  note's origin, no sender), 'Author:'), an MDX page's 'export const meta = { title: '...', from: '...', date: '...' }'
  (imports above it, its 'export default' layout line under it), a OneNote page as ConvertOneNote2MarkDown writes
  it ('# title', the page's date and time lines, then the details as a pandoc grid table, '+---+' rules between
  '| **Subject** | ... |' rows), Gmail's print view pasted ('Gmail - <subject>', the account, '1 message', the sender
  '**Name** <a@b>' and the date on one line, Reply-To / To / Cc lines), and the headers as Markdown comments, one
  '[//]: # (Label: value)' line each (also '[comment]: # "..."', '[//]: <> (...)'), in any language KEYS and
  forward.LABELS know; MarkDownload's 'created: 2026-07-10T19:42:17 (UTC +01:00)' is read by dates.py.
- (thirteenth blind set) A Dendron note's 'desc' naming the sender after 'from' ('from Name <a@b>'; YAML's doubled
  quote inside single quotes read as one), the headers as an HTML definition list ('<dl class="mail-headers">' of
  '<dt>Subject</dt><dd>...</dd>' rows up to '</dl>'), a GitHub issue form's rendered fields ('### Subject', its value,
  '### Sender', '### Received' ... up to the field whose value is the body, '### Body'), a Zettelkasten note's title
  led by its timestamp ID ('# 202607071506 Title': the ID its date, local time) over 'Tags:' / 'Source: Name <a@b>'
  lines, vimwiki's placeholder lines ('%title', '%date', '%from' ...; its '= title =' heading, no Markdown, stays), a
  SiYuan document's kramdown inline attribute list under its title ('{: id="..." updated="20260710161205"
  custom-from="Name &lt;a@b&gt;"}': 'custom-' off the keys, 'updated' a local time), and a Drafts note's metadata
  last, under a rule after the body ('---', then 'created: ...', 'from: ...', 'subject: ...', 'tags: ...' to the end).
  A source that is a mailbox ('Source: Name <a@b>') is the sender.
- (fourteenth blind set) A Joplin RAW export (the note's title the first line, the body, then its properties last,
  'id: <32 hex digits>' ... 'created_time: 2026-07-08T04:31:07.412Z' ... 'author: Name <a@b>' ... 'type_: 1', no rule
  above them: the title is the subject, 'author' the sender, 'created_time' the date; 'source: joplin-desktop' is the
  app), an mbox message as mutt saves it ('From a@b Sun Jul  5 21:04:33 2026', its header lines to a blank line:
  forward.py takes them for no forward), Omnivore's front matter with YAML block scalars ('title: |' over the
  indented title), an h-entry (microformats2) header above the body ('<article class="h-entry">' with a p-name, a
  p-author h-card mailto link and a dt-published time, to '</article>'), Outlook on the web's reading pane pasted
  under the subject's heading (the sender 'Name <a@b>' alone on a line, the date 'Thu 7/9/2026 7:02 AM' on the next,
  'To: ...', a rule), and pandoc's YAML of an Org-mode capture (the 'author:' a list whose items are not indented,
  the date an Org timestamp '<2026-07-10 Fri 16:05>'). A Day One plain-text export ('\tDate:\tJuly 10, 2026 at
  7:42:18 AM CDT', '\tFrom:\t...' lines, then the entry's heading) reads as header lines.
- (fifteenth blind set) A message as `notmuch show --format=text` prints it ('\fmessage{ id:... depth:0 match:1 excluded:0
  filename:...', '\fheader{', notmuch's summary line, Subject / From / To / Date, '\fheader}', '\fbody{', '\fpart{ ID: 1,
  Content-type: text/markdown', the part, '\fpart}', '\fbody}', '\fmessage}'; the form feeds maybe cleaned off): the
  header lines give the fields, the body is the first text part (the markers off); forward.py takes them for no
  forward. A MHonArc archive page ('<!-- MHonArc v2.6.24 -->', its '<!--X-Subject: ... -->', '<!--X-From-R13: ... -->'
  (the sender in MHonArc's modified rot13, which turns '@' and '[' with the capitals), '<!--X-Date: ... -->' comments to
  '<!--X-Head-End-->'; the shown fields, '- *From*: ...', first where the page has them; the body from
  '<!--X-Body-of-Message-->' to '<!--X-Body-of-Message-End-->'). A reStructuredText title (overlined and underlined, or
  underlined) over docutils' bibliographic fields (':From: ...', ':Date: ...', ':Subject: ...'): the title the subject
  where the fields name none; title and fields off the body. A clipped page's 'Source:' that is its URL names no
  sender, but where no sender is given, the site's name as the subject spells it ('https://thebrowser.com/...' under
  'The Browser: Counting Swifts') is the source. The Obsidian Web Clipper's default properties (an author list of
  '"[[Name]]"' links), yarle's default template, a Usenet article's header lines (Path / From / Newsgroups / Subject /
  Date ...) and mu4e's message view (From / To / Subject / Flags / Date / Maildir) were read already (split.split_headers
  now prefers the shape's reading where the email-style lines stop at 'Flags:' above the date).
- (sixteenth blind set) A Zim desktop wiki page ('Content-Type: text/x-zim-wiki', 'Wiki-Format: zim 0.6', 'Creation-Date:
  ...' to a blank line, then its '====== Title ======' heading and the 'Created tiistai 14 heinäkuu 2026' line Zim's
  template writes in the desktop's language; email_message.py takes the header block for no message), Denote's plain-text
  front matter ('title:', 'date:', 'tags:', 'identifier: 20260804T091502' over a rule of dashes), a Hypermail archive page
  (its '<!-- sent="..." -->', '<!-- name="..." -->', '<!-- email="name_at_example.org" -->', '<!-- subject="..." -->'
  comments; the body to '<!-- body="end" -->', the page's heading kept, its shown From / Date lines off), a Mailman 2
  pipermail archive page ('# [List] Subject', the sender's bold name over 'name at example.org', the date in italics,
  the Previous / Next / 'Messages sorted by' lists before and after the message: the subject without the list's tag
  the body's title, the lists off), an Org-mode note's in-buffer keywords ('#+title:', '#+author:', '#+email:', '#+date:
  [2026-07-08 Rab 05:45]'), jrnl's Markdown export ('# 2026', '## July', '### 2026-07-10 13:04 Title': the entry's title
  and time) and an AsciiDoc document header ('= Title', the author line 'Name <a@b>', the revision line, ':attribute:'
  entries). Header lines pasted under Zim's, Denote's and jrnl's ('Source: Name <a@b>, Tue, 14 Jul 2026 15:30:12 +0000')
  are read with them; a sender with the date after it on one line, anywhere, gives both (the date after a Date line's,
  before a note's own).
The structured blocks are taken off the body (a Readwise export keeps its title); the prose lines stay, as text.
Everything is linear and looks at a bounded number of lines.
"""

from __future__ import annotations

import html as html_lib
import itertools
import json
import re
from datetime import datetime

from .dates import normalise_date
from .forward import ENGLISH_LABELS, FIELD_OF, MBOX_FROM, NOTMUCH_OPEN, OPENER, SETEXT_RULE, _quoted

TOP_LINES = 60  # a header block sits in the first lines
JSON_HEAD_CHARS = 20_000  # a JSON header object longer than this is no export's header
# Keys of a front matter (or a drawer, a table) -> the header field they give; a key of forward.FIELD_OF ('De',
# 'Assunto', 'Předmět' ...) gives its field too. Date keys in order of preference: when it was sent, when it was
# published, when the note was made.
KEYS = {"title": "subject", "subject": "subject", "from": "from", "sender": "from", "email_from": "from",
        "expediteur": "from", "expéditeur": "from", "nadawca": "from", "author": "author",
        "date": "date", "sent": "date", "received": "received", "published": "published", "created": "created",
        "updated": "updated", "source": "source", "newsletter": "source", "publication": "source",
        # Omnivore, TiddlyWiki, Dendron, Readwise Reader
        "date_published": "published", "date_saved": "saved", "modified": "updated", "desc": "description",
        "description": "description", "full title": "subject", "email": "address", "e-mail": "address",
        "published date": "published", "recipient": "to",
        # yarle (Evernote), Tana
        "created at": "created", "updated at": "updated", "received at": "received",
        # Korean and Japanese mail clients' labels (Gmail and Naver in Korean, Gmail and Outlook in Japanese)
        "받는사람": "to", "받는 사람": "to", "보낸 사람": "from", "날짜": "date", "보낸 날짜": "date", "제목": "subject",
        "差出人": "from", "宛先": "to", "件名": "subject", "日付": "date", "送信日時": "date"}
DATE_KEYS = ("date", "sent", "received", "published", "created", "saved", "updated")
# the keys above are English: a date under any other key (forward.FIELD_OF's 'datum', 'дата' ...) is day first
ENGLISH_KEYS = frozenset(KEYS) | ENGLISH_LABELS
MAILBOX = re.compile(r"[^<>@\n]{1,100}<[^<>\s@]+@[^<>\s@]+>|[^<>@\s]+@[^<>@\s]+\.[a-z]{2,24}", re.I)
# a sender written as a mapping ('nadawca:' over '  nazwa: ...' / '  adres: ...'): its name and address keys
NAME_KEYS = frozenset(("name", "nazwa", "nom", "nombre", "nome", "display_name", "displayname"))
ADDRESS_KEYS = frozenset(("email", "address", "adres", "adresse", "mail", "e-mail", "addr"))
# a front matter's 'source' that names no sender: the page it was clipped from, or the app the note came from
NO_SOURCE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://\S*|www\.\S+|e-?mail|mail|web|clipper|clip|note|notes|html|"
                       r"markdown|evernote|joplin|obsidian|bear|notion|[a-z]+ (?:clipper|import)|"
                       r"(?:mail|web|mobile|desktop|email|api)\.[\w.]{1,30})$", re.I)  # (Evernote's 'mail.smtp', 'web.clip')
DESC_FROM = re.compile(r"^(?:sent by|from|by)\s++", re.I)
FRONT_KEY = re.compile(r"^([A-Za-z\u00c0-\u024f\u0400-\u04ff\u3000-\u9fff\uac00-\ud7af][\w \u00c0-\u024f'()-]{0,30}?)"
                       r"\s*:(?:\s+(.*))?$")  # (the value greedy, stripped where it is read: linear on long lines)
LIST_ITEM = re.compile(r"^\s*-\s+(.*)$")  # (pandoc writes a list's items unindented)
BLOCK_SCALAR = frozenset(("|", ">", "|-", ">-", "|+", ">+"))  # 'title: |' over the indented value
TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
ORG_HEADING = re.compile(r"^\*++\s++(\S.*)$")
ORG_PROPERTY = re.compile(r"^\s*:([A-Za-z][\w-]{0,30}):\s*(.*)$")
# (every value group greedy and stripped where it is read: a lazy group before '\s*$' costs quadratic time on a long
# run of spaces)
PANDOC_OPEN = re.compile(r"^\s*:{3,}\s*\{[^{}]*\}\s*$|^\s*:{3,}\s*[\w-]+\s*$")
PANDOC_CLOSE = re.compile(r"^\s*:{3,}\s*$")
PANDOC_FIELD = re.compile(r"^\s*\[([^\[\]]{1,40})\]\{[^{}]*\}\s*:?\s*(.*)$")
MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~\"'])")
FOOTNOTE_REF = re.compile(r"\[\^([^\[\]\s]{1,30})\]")
# prose: 'Sent by Name (a@b) on DATE to ...', 'Email from Name <a@b> to ..., received DATE, subject “...”.'
# (possessive runs of spaces: 'from' over a long run of spaces cost quadratic time)
PROSE_FROM = re.compile(r"\b(?:by|from)\s++([^()<>\n]{1,80}?)\s*+[(<]([^()<>\s]+@[^()<>\s]+)[)>]", re.I)
PROSE_DATE = re.compile(r"\b(?:on|received|sent)\s+((?:[^\W\d]+,?\s+)?(?:\d{1,2}\s+[^\W\d]+|[^\W\d]+\s+\d{1,2}),?\s+"
                        r"\d{4}(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?)", re.I)
PROSE_SUBJECT = re.compile(r"\bsubject\s*:?\s*[“\"'‘«]([^”\"’»\n]{1,300})[”\"'’»]", re.I)


def export_headers(text: str) -> tuple[dict[str, str], str]:
    """(header fields, the body without a structured header block) of an export's header shapes (the module's
    docstring); ({}, text) when it has none."""
    lines = text.lstrip("\n").split("\n", TOP_LINES)
    if (tana := _tana(lines)) is not None and (headers := _headers(tana[0])):
        return headers, _dedent(lines[tana[1]:])
    for reader in (_notmuch, _mhonarc, _hypermail, _pipermail):  # (their bodies end before the page's closing lines)
        if (found := reader(lines)) is not None and (headers := _headers(found[0])):
            return headers, found[1]
    found = _block(lines)
    if found is not None:
        return found[0], "\n".join(lines[found[1]:])
    if (top := _top(lines)) is not None:  # the same blocks under a title and an opener: the title is the subject
        title, start = top
        found = _block(lines[start:], title)
        if found is not None:
            end = start + found[1]
            while end < len(lines) and (CLOSER.match(lines[end]) or not lines[end].strip()):
                end += 1
            return found[0], "\n".join(lines[end if found[1] else 0:])
    found = _readwise(lines)
    if found is not None and (headers := _headers(found[0])):
        return headers, found[1]
    headers = _prose(lines, text)
    if headers:
        return headers, text
    found = _end_block(text) or _joplin_raw(lines, text)
    if found is not None and (headers := _headers(found[0])):
        return headers, found[1]
    return {}, text


def _block(lines: list[str], title: str | None = None) -> tuple[dict[str, str], int] | None:
    """(headers, index of the line after the block) of the first structured header block at the top of lines; the
    title above it, if any, is the subject where the block names none"""
    for reader in (_zim, _denote, _org_keywords, _jrnl, _asciidoc,
                   _front_matter, _toml, _json_object, _table, _html_table, _org_drawer, _pandoc_div, _pandoc_title,
                   _tiddler, _meta_tags, _mdx_meta, _grid_table, _gmail_print, _comment_lines, _html_definitions,
                   _issue_form, _zettel, _vimwiki, _attribute_list, _mbox, _h_entry, _rst_fields, _label_lines,
                   _definitions, _reading_pane):
        found = reader(lines)
        if found is not None:
            fields, end = found
            if title and "subject" not in fields:
                fields["subject"] = title
            if headers := _headers(fields):
                return headers, end
    return None


def _top(lines: list[str]) -> tuple[str | None, int] | None:
    """(title, index of the first line under it) of a title (a Markdown heading, a Setext title) and the openers of
    a header block under it ('> [!info] Email', a code fence, '<!--', '<details>'); None if neither"""
    n, title = 0, None
    if lines and (heading := _heading(lines[0])):
        title, n = heading, 1
    elif len(lines) > 1 and lines[0].strip() and SETEXT_RULE.match(lines[1]) and not SETEXT_RULE.match(lines[0]):
        title, n = lines[0].strip(), 2
    while n < min(len(lines), TOP_ABOVE + 4) and (not lines[n].strip() or OPENER.match(lines[n])
                                                 or (title and _date_or_time_line(lines[n]))):
        n += 1
    return (title, n) if n else None


PAGE_TIME = re.compile(r"\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?\s*")


def _date_or_time_line(line: str) -> bool:
    """a line that is a date or a time alone ('Tuesday, July 7, 2026', '3:09 PM'), as OneNote writes a page's under
    its title"""
    line = line.strip()
    if PAGE_TIME.fullmatch(line):
        return True
    return len(line) <= 40 and any(c.isdigit() for c in line) and normalise_date(line) != line


def _field(key: str) -> str | None:
    key = " ".join(key.lower().strip(" *_").split())
    return KEYS.get(key) or FIELD_OF.get(key)


def _put(fields: dict[str, str], key: str, value: str) -> None:
    """the field a key gives, if it gives one and has none yet; a date under a key in another language than
    English marked to be read day first"""
    name = _field(key)
    if name and value and name not in fields:
        fields[name] = value
        if name in DATE_KEYS and " ".join(key.lower().strip(" *_").split()) not in ENGLISH_KEYS:
            fields[f"{name} day first"] = "yes"


def _headers(fields: dict[str, str]) -> dict[str, str]:
    """subject / from / date / source out of the fields a block gave (the first date key there is, by DATE_KEYS)"""
    headers = {}
    for key in ("from", "source", "author"):  # a sender with the date after it ('Name <a@b>, Tue, 14 Jul 2026 15:30 +0000')
        if dated := _dated_mailbox(fields.get(key, "")):
            fields = {**fields, key: dated[0], "sent": fields.get("sent") or dated[1]}
    if fields.get("subject"):
        headers["subject"] = fields["subject"]
    description = DESC_FROM.sub("", fields.get("description", "").strip())  # (a Dendron note's 'from Name <a@b>')
    if fields.get("from"):
        headers["from"] = _sender(fields["from"])
    elif fields.get("source") and MAILBOX.fullmatch(fields["source"].strip()):  # 'Source: Name <a@b>'
        headers["from"] = _sender(fields["source"].strip())
    elif fields.get("source") and not NO_SOURCE.match(fields["source"]):
        headers["source"] = fields["source"]
    elif fields.get("author"):
        headers["from"] = _sender(fields["author"])
    elif MAILBOX.fullmatch(description):  # a Dendron note's 'desc' naming the sender
        headers["from"] = _sender(description)
    elif site := _site_named(fields.get("source", ""), fields.get("subject", "")):  # a clipped page's URL, no sender
        headers["from"] = _sender(site)
    address = fields.get("address", "")
    if "from" in headers and "@" not in headers["from"] and MAILBOX.fullmatch(address):  # Readwise: Author, Email
        headers["from"] = f"{headers['from']} <{address}>"
    key = next((k for k in DATE_KEYS if fields.get(k)), None)
    if key:
        headers["date"] = normalise_date(fields[key], True) if fields.get(f"{key} day first") else fields[key]
    return headers if len(headers) >= 2 or "from" in headers else {}


DATED_MAILBOX = re.compile(r"^\s*+([^<>@\n]{0,100}<[^<>\s@]++@[^<>\s]++>)\s*+,\s*+(\S.{0,100})$")


def _dated_mailbox(value: str) -> tuple[str, str] | None:
    """'Name <a@b>, Tue, 14 Jul 2026 15:30:12 +0000', a sender and the date it sent the message on one line, as people
    paste them into a note -> (the sender, the date); None where the rest is no date"""
    m = DATED_MAILBOX.match(value)
    if not m or not _is_date(m.group(2).strip()):
        return None
    return m.group(1).strip(), m.group(2).strip()


ISO_READING = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[\d:.]{5,15}(?:[+-]\d{2}:\d{2})?)?")


def _is_date(value: str) -> bool:
    """whether dates.py reads the value as a date (an ISO date reads as itself)"""
    return bool(ISO_READING.fullmatch(normalise_date(value)))


def _sender(value: str) -> str:
    """'Name, PhD <a@b>' and 'Name' as email.utils reads them whole: the name quoted; 'Name (a@b)' (Notion's) too"""
    if (m := re.fullmatch(r"\s*+([^()<>@\n]++)\(([^()\s@]++@[^()\s]++)\)\s*+", value)) and m.group(1).strip():
        return f'"{m.group(1).strip()}" <{m.group(2)}>'
    quoted = _quoted(value)
    return quoted if quoted != value or "@" in value or '"' in value else f'"{value}"'


def _value(value: str) -> str:
    """a YAML scalar or a link as written -> its text: quotes, '[[...]]' and backslash escapes off"""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].replace("''", "'") if value[0] == "'" else value[1:-1]  # (YAML: 'O''Reilly')
    value = re.sub(r"\[\[date:([^\[\]/]*)(?:/[^\[\]]*)?\]\]", r"\1", value)  # Tana's '[[date:2026-07-06 14:58]]'
    value = re.sub(r"\[\[(?:[^\[\]|]*\|)?([^\[\]|]*)\]\]", r"\1", value)
    return MARKDOWN_ESCAPE.sub(r"\1", value).strip()


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int] | None:
    if not lines or lines[0].strip() != "---":
        return None
    fields: dict[str, str] = {}
    key, name, address = None, "", ""
    scalar: tuple[str, list[str]] | None = None  # a block scalar's key and its lines so far
    for n in range(1, min(len(lines), TOP_LINES)):
        line = lines[n]
        if scalar is not None:
            if line.strip() and line[0].isspace():
                scalar[1].append(line.strip())
                continue
            _put(fields, scalar[0], " ".join(scalar[1]))
            scalar = None
        if line.strip() == "---":
            if address or name:  # a sender given as a mapping
                fields.setdefault("from", f"{name} <{address}>" if name and address else name or address)
            return fields, n + 1
        if item := LIST_ITEM.match(line):
            if key is not None:
                fields.setdefault(key, _value(item.group(1)))  # a list's first entry
            continue
        m = FRONT_KEY.match(line.strip())
        if m and line[0].isspace():  # a mapping's entry: the sender's name or address, or a field in a mapping
            sub = m.group(1).lower()
            if key == "from" and m.group(2) and sub in NAME_KEYS | ADDRESS_KEYS:
                name = name or (_value(m.group(2)) if sub in NAME_KEYS else "")
                address = address or (_value(m.group(2)) if sub in ADDRESS_KEYS else "")
            elif _field(sub):  # ('message:' over '  subject: ...', '  from:' over its name ...)
                if m.group(2):
                    _put(fields, m.group(1), _value(m.group(2)))
                else:
                    key = _field(sub)
        elif m:
            key = _field(m.group(1))
            if key and m.group(2) and m.group(2).strip() in BLOCK_SCALAR:
                scalar, key = (m.group(1), []), None
            elif key and m.group(2):
                _put(fields, m.group(1), _value(m.group(2)))
                key = None
        elif line.strip() and not line[0].isspace():
            return None  # no front matter of keys and values
    return None


def _table(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """a two-column table of labels and values at the top (its first row, 'Campo | Valor', no field)"""
    fields: dict[str, str] = {}
    n = 0
    while n < min(len(lines), TOP_LINES):
        line = lines[n]
        if TABLE_RULE.match(line):
            n += 1
            continue
        row = TABLE_ROW.match(line)
        if not row:
            break
        cells = [html_lib.unescape(cell.strip()) for cell in row.group(1).split("|")]
        if len(cells) != 2:
            return _table_across(lines) if n == 0 else None
        _put(fields, cells[0], _value(cells[1]))
        n += 1
    return (fields, n) if len(fields) >= 2 else None


def _table_across(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """a table whose header row is the labels and whose one row under the rule is the values ('| From | To | Date |
    Subject |')"""
    rows = [TABLE_ROW.match(line) for line in lines[:3]]
    if len(lines) < 3 or not (rows[0] and TABLE_RULE.match(lines[1]) and rows[2]):
        return None
    labels, values = ([html_lib.unescape(c.strip()) for c in row.group(1).split("|")] for row in (rows[0], rows[2]))
    if len(labels) != len(values) or sum(bool(_field(label)) for label in labels) < 2:
        return None
    fields: dict[str, str] = {}
    for label, value in zip(labels, values):
        _put(fields, label, _value(value))
    return fields, 3


def _org_drawer(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """'* Heading' and its :PROPERTIES: drawer; the heading is the subject where the drawer names none"""
    heading = ORG_HEADING.match(lines[0]) if lines else None
    if not heading or len(lines) < 3 or lines[1].strip().upper() != ":PROPERTIES:":
        return None
    fields: dict[str, str] = {}
    for n in range(2, min(len(lines), TOP_LINES)):
        if lines[n].strip().upper() == ":END:":
            fields.setdefault("subject", heading.group(1).strip())
            return fields, n + 1
        m = ORG_PROPERTY.match(lines[n])
        if not m:
            return None
        _put(fields, m.group(1), _value(m.group(2)))
    return None


def _pandoc_div(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """'::: {.email-headers}' over '[From]{.label} value' lines, closed by ':::'"""
    if not lines or not PANDOC_OPEN.match(lines[0]):
        return None
    fields: dict[str, str] = {}
    for n in range(1, min(len(lines), TOP_LINES)):
        if PANDOC_CLOSE.match(lines[n]):
            return (fields, n + 1) if fields else None
        m = PANDOC_FIELD.match(lines[n])
        if m and _field(m.group(1)):
            _put(fields, m.group(1), _value(m.group(2).strip().removesuffix("\\")))  # (a hard break's backslash off)
        elif lines[n].strip():
            return None
    return None


TIDDLER_FIELDS = frozenset(("created", "modified", "type", "tags", "creator", "modifier"))


def _tiddler(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """a TiddlyWiki tiddler (.tid): 'key: value' fields from the first line, no '---' around them, up to a blank
    line; a title and one of the tiddler's own fields (created, modified, type ...) among them"""
    fields: dict[str, str] = {}
    keys = set()
    for n in range(min(len(lines), TOP_LINES)):
        line = lines[n]
        if not line.strip():
            return (fields, n + 1) if "title" in keys and keys & TIDDLER_FIELDS else None
        m = FRONT_KEY.match(line)
        if not m or line[0].isspace() or not m.group(2):
            return None
        keys.add(m.group(1).lower())
        _put(fields, m.group(1), _value(m.group(2)))
    return None


META_TAG = re.compile(r"""^\s*<meta\s+(?:name|property)=["']([^"']{1,40})["']\s+content=["']([^"']*)["']\s*/?>\s*$""", re.I)


def _meta_tags(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """the headers as HTML meta tags above the body ('<meta name="from" content="Name &lt;a@b&gt;">'), two or more"""
    fields: dict[str, str] = {}
    n, tags = 0, 0
    while n < min(len(lines), TOP_LINES) and (m := META_TAG.match(lines[n])):
        _put(fields, m.group(1), html_lib.unescape(m.group(2)).strip())
        n, tags = n + 1, tags + 1
    return (fields, n) if tags >= 2 else None


READWISE_SECTION = re.compile(r"^#{2,3}\s+(metadata)\s*$", re.I)
READWISE_ITEM = re.compile(r"^\s*[-*]\s+([^:\n]{1,30}?):\s*(.*)$")
HEADING = re.compile(r"^#{1,6}\s++(\S.*)$")


def _heading(line: str) -> str | None:
    """a Markdown heading's text (closing hashes off)"""
    m = HEADING.match(line)
    return m.group(1).rstrip().rstrip("#").rstrip() if m else None


def _readwise(lines: list[str]) -> tuple[dict[str, str], str] | None:
    """A Readwise Reader export: '# title', a cover image, '## Metadata' and its '- Key: value' bullets, then the
    document ('## Full Document') -> (fields, the title and the document: the cover, the metadata and that heading
    taken off)"""
    title = _heading(lines[0]) if lines else None
    start = next((n for n in range(1, min(len(lines), 8)) if READWISE_SECTION.match(lines[n])), None)
    if not title or start is None or any(line.strip() and not line.lstrip().startswith("![")
                                         for line in lines[1:start]):
        return None
    fields: dict[str, str] = {}
    n = start + 1
    while n < min(len(lines), TOP_LINES) and not HEADING.match(lines[n]):
        if m := READWISE_ITEM.match(lines[n]):
            _put(fields, m.group(1), _value(m.group(2)))
        elif lines[n].strip():
            return None
        n += 1
    if n < len(lines) and re.fullmatch(r"#{1,6}\s+full document\s*", lines[n].strip(), re.I):
        n += 1  # (a highlights export goes on with its own heading, which stays)
    fields.setdefault("subject", title)
    return fields, "\n".join([lines[0], ""] + lines[n:])


# 'From: a', '- **From:** a', '> **Date:** b  ', '- 📧 **From:** a', '`subject: c`', 'from:: a', '**Asunto:** c'
LABEL_LINE = re.compile(r"^\s{0,3}(?:>\s?)?(?:[-*+]\s+)?(?:[^\w\s`*_\[\]<>(){}#|:-]{1,3}\s*)?`?[*_]{0,2}"
                        r"([^\W\d_][^\W_]*(?:[ '-][^\W_]+){0,2})[*_]{0,2}\s*(?:::|:|：)(.*)$")
CLOSER = re.compile(r"^\s*(?:`{3,}|~{3,}|-->|</details>|>)\s*$")
TOP_ABOVE = 6  # a title, an opener and blank lines above the header lines
DEFINITION = re.compile(r"^:[ \t]+(\S.*)$")
TOML_KEY = re.compile(r"^\s*([A-Za-z][\w-]{0,30})\s*=\s*(\S.*)$")


def _label_lines(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """header lines from the first line (the module's docstring), two known labels or more"""
    fields: dict[str, str] = {}
    n = known = 0
    while n < min(len(lines), TOP_LINES) and (m := LABEL_LINE.match(lines[n])):
        value = m.group(2).strip()  # (a Markdown hard break's trailing backslash, bold marks and backticks off)
        value = value.removesuffix("\\").strip(" *_`")
        if _field(m.group(1)) and value:
            known += 1
            _put(fields, m.group(1), _value(html_lib.unescape(value)))
        n += 1
    return (fields, n) if known >= 2 else None


def _definitions(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """pandoc's definition list of the headers: 'From' over ': Name <a@b>', a blank line between the pairs"""
    fields: dict[str, str] = {}
    n = known = 0
    while n + 1 < min(len(lines), TOP_LINES):
        if not lines[n].strip():
            n += 1
            continue
        m = DEFINITION.match(lines[n + 1])
        if not m or not re.fullmatch(r"[^\W\d_][\w .'-]{0,30}", lines[n].strip()):
            break
        if _field(lines[n].strip()):
            known += 1
            _put(fields, lines[n].strip(), _value(MARKDOWN_ESCAPE.sub(r"\1", m.group(1).strip())))
        n += 2
    return (fields, n) if known >= 2 else None


def _toml(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """a TOML front matter ('+++' ... '+++', 'key = "value"' lines), as Hugo writes it"""
    if not lines or lines[0].strip() != "+++":
        return None
    fields: dict[str, str] = {}
    for n in range(1, min(len(lines), TOP_LINES)):
        if lines[n].strip() == "+++":
            return fields, n + 1
        if m := TOML_KEY.match(lines[n]):
            if not m.group(2).startswith(("[", "{")):
                _put(fields, m.group(1), _value(m.group(2).strip()))
        elif lines[n].strip() and not lines[n].lstrip().startswith("#"):
            return None
    return None


def _json_object(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """a JSON object of the headers at the top ({"from": ..., "subject": ..., "date": ...}; a sender as an object
    of name and address)"""
    if not lines or not lines[0].lstrip().startswith("{"):
        return None
    head = "\n".join(lines[:TOP_LINES])[:JSON_HEAD_CHARS]  # (a header object is small: a megabyte of '{' is none)
    try:
        data, size = json.JSONDecoder().raw_decode(head.lstrip())
    except (ValueError, RecursionError):  # (nesting deeper than the interpreter's stack: no header either)
        return None
    if not isinstance(data, dict):
        return None
    fields: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict) and _field(str(key)) == "from":
            name = next((str(v) for k, v in value.items() if str(k).lower() in NAME_KEYS and v), "")
            address = next((str(v) for k, v in value.items() if str(k).lower() in ADDRESS_KEYS and v), "")
            value = f"{name} <{address}>" if name and address else name or address
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            _put(fields, str(key), str(value).strip())
    leading = len(head) - len(head.lstrip())
    return fields, head[:leading + size].count("\n") + 1


def _pandoc_title(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """pandoc's title block: '% Title', '% Author', '% Date'"""
    block = []
    while len(block) < min(len(lines), 3) and lines[len(block)].startswith("% "):
        block.append(lines[len(block)][2:].strip())
    if len(block) < 2:
        return None
    fields = {"subject": block[0], "from": block[1]}
    if len(block) == 3:
        fields["date"] = block[2]
    return fields, len(block)


def _html_table(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """a small HTML table of labels and values at the top ('<tr><td><b>Od</b></td><td>Name &lt;a@b&gt;</td></tr>'),
    left in the body"""
    if not lines or not re.match(r"\s*<table\b", lines[0], re.I):
        return None
    fields: dict[str, str] = {}
    for n in range(min(len(lines), TOP_LINES)):
        for row in re.findall(r"<tr\b[^<>]*>(.*?)(?:</tr>|$)", lines[n], re.I):
            cells = [html_lib.unescape(re.sub(r"<[^<>]*>", "", cell)).strip()
                     for cell in re.findall(r"<t[dh]\b[^<>]*>(.*?)(?=<t[dh]\b|</tr>|$)", row, re.I)]
            if len(cells) == 2:
                _put(fields, cells[0], cells[1])
        if re.search(r"</table>", lines[n], re.I):  # (the table stays in the body: the Markdown reader renders it, and
            return (fields, 0) if len(fields) >= 2 else None  # its cells make no item; taken off, the trees read on worse)
    return None


def _prose(lines: list[str], text: str) -> dict[str, str]:
    """a Bear note's 'Sent by ...' line under the title, or a footnote the first lines refer to"""
    top = [line for line in lines[:8] if line.strip()][:4]
    candidates = [line for line in top[1:] if PROSE_FROM.search(line)]
    for ref in (m.group(1) for line in top for m in FOOTNOTE_REF.finditer(line)):
        note = re.search(rf"(?m)^\[\^{re.escape(ref)}\]:[ \t]*(.+)$", text)
        if note:
            candidates.append(note.group(1))
    for line in candidates:
        sender, date, subject = PROSE_FROM.search(line), PROSE_DATE.search(line), PROSE_SUBJECT.search(line)
        if sender and date:
            headers = {"from": f"\"{sender.group(1).strip()}\" <{sender.group(2)}>", "date": date.group(1)}
            if subject:
                headers["subject"] = subject.group(1).strip()
            elif title := _heading(top[0]):  # the note's title, its first line
                headers["subject"] = FOOTNOTE_REF.sub("", title).strip()
            return headers
    return {}


# -- the twelfth blind set's shapes ------------------------------------------------------------------------------

TANA_FIELD = re.compile(r"^\s+-\s++([^:\n]{1,40}?)::(.*)$")
TANA_TAG = re.compile(r"\s#(?:\[\[[^\[\]]{1,60}\]\]|[\w-]{1,60})\s*+$")


def _tana(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """A Tana Paste: '%%tana%%', the subject as a node ('- Title #newsletter', its tags off), its fields as child
    nodes ('  - From:: Name <a@b>', '  - Received:: [[date:2026-07-06 14:58]]') up to a field whose value is its
    children ('  - Body::') or a node that is no field"""
    if len(lines) < 3 or lines[0].strip() != "%%tana%%" or not (node := re.match(r"-\s++(\S.*)$", lines[1])):
        return None
    title = node.group(1).strip()
    for _ in range(10):  # (the node's tags, '#newsletter' or '#[[two words]]', at its end)
        if not (tag := TANA_TAG.search(title)):
            break
        title = title[:tag.start()].rstrip()
    fields: dict[str, str] = {"subject": title}
    n = 2
    while n < min(len(lines), TOP_LINES) and (m := TANA_FIELD.match(lines[n])):
        n += 1
        if not m.group(2).strip():
            break
        _put(fields, m.group(1), _value(m.group(2)))
    return fields, n


def _dedent(lines: list[str]) -> str:
    """the lines with the first one's indentation taken off each line that has it: a Tana Paste's body, the children
    of its 'Body::' node, as top-level nodes (indented four spaces they would read as code)"""
    first = next((line for line in lines if line.strip()), "")
    indent = first[:len(first) - len(first.lstrip())]
    return "\n".join(line[len(indent):] if indent and line.startswith(indent) else line for line in lines)


MDX_IMPORT = re.compile(r"^\s*import\s.{0,300}$")
MDX_META = re.compile(r"^\s*export\s+const\s+[A-Za-z_$][\w$]{0,40}\s*=\s*\{\s*$")
MDX_FIELD = re.compile(r"""^\s*["']?([A-Za-z_$][\w$ -]{0,40}?)["']?\s*:\s*(["'`])(.*)\2\s*+,?\s*+$""")
MDX_CLOSE = re.compile(r"^\s*\}\s*;?\s*$")
MDX_DEFAULT = re.compile(r"^\s*export\s+default\b")


def _mdx_meta(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """An MDX page's 'export const meta = {' ... '}' (imports above it): its string fields; the 'export default'
    layout line under it leaves the body with it"""
    n = 0
    while n < min(len(lines), 10) and (not lines[n].strip() or MDX_IMPORT.match(lines[n])):
        n += 1
    if n >= len(lines) or not MDX_META.match(lines[n]):
        return None
    fields: dict[str, str] = {}
    for n in range(n + 1, min(len(lines), TOP_LINES)):
        if MDX_CLOSE.match(lines[n]):
            n += 1
            while n < min(len(lines), TOP_LINES) and (not lines[n].strip() or MDX_DEFAULT.match(lines[n])):
                n += 1
            return fields, n
        if m := MDX_FIELD.match(lines[n]):
            _put(fields, m.group(1), _value(m.group(3)))
    return None


GRID_RULE = re.compile(r"^\s*\+(?:[-=:]++\+)++\s*$")


def _grid_table(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """pandoc's grid table of labels and values ('+---+---+' rules, '| **Subject** | ... |' rows, a cell's text
    maybe wrapped over lines), as ConvertOneNote2MarkDown writes a page's mail details"""
    if not lines or not GRID_RULE.match(lines[0]):
        return None
    fields: dict[str, str] = {}
    cells: list[list[str]] = []
    for n in range(1, min(len(lines), TOP_LINES)):
        if GRID_RULE.match(lines[n]):
            if len(cells) == 2:
                _put(fields, " ".join(cells[0]), _value(" ".join(cells[1])))
            cells = []
            continue
        row = TABLE_ROW.match(lines[n])
        if not row:
            return (fields, n) if len(fields) >= 2 else None
        parts = [part.strip() for part in row.group(1).split("|")]
        if cells and len(parts) != len(cells):
            return None
        cells = cells or [[] for _ in parts]
        for cell, part in zip(cells, parts):
            if part:
                cell.append(part)
    return None


GMAIL_PRINT_TITLE = re.compile(r"^\s*Gmail(?:\s+[-–—]\s+(\S.*))?$")
GMAIL_PRINT_COUNT = re.compile(r"^\s*\d{1,4}\s+(?:messages?|nachrichten|nachricht|mensajes?|messaggi|messaggio|"
                               r"berichten|bericht|mensagens?)\s*$", re.I)
GMAIL_PRINT_SENDER = re.compile(r"^\s*([^<>\n]{0,100}<[^<>\s@]+@[^<>\s]+>)[ \t]++(\S.{0,80})$")


def _gmail_print(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """Gmail's print view pasted: 'Gmail - <subject>', the account's name and address, the subject (bold), '1
    message', then the sender '**Name** <a@b>' and the date on one line (a tab between), and Reply-To / To / Cc
    lines"""
    if not lines or not (title := GMAIL_PRINT_TITLE.match(lines[0])):
        return None
    count = next((n for n in range(1, min(len(lines), 12)) if GMAIL_PRINT_COUNT.match(lines[n])), None)
    if count is None:
        return None
    above = [line.strip().strip("*_ ") for line in lines[1:count] if line.strip() and not SETEXT_RULE.match(line)]
    n = count + 1
    while n < len(lines) and not lines[n].strip():
        n += 1
    sender = GMAIL_PRINT_SENDER.match(lines[n]) if n < len(lines) else None
    if not sender:
        return None
    fields = {"from": sender.group(1).replace("*", "").strip(), "date": sender.group(2).strip()}
    subject = (title.group(1) or "").strip() or (above[-1] if above else "")
    if subject:
        fields["subject"] = subject
    n += 1
    while n < min(len(lines), TOP_LINES) and (LABEL_LINE.match(lines[n]) or not lines[n].strip()
                                              or SETEXT_RULE.match(lines[n])):
        n += 1  # (Reply-To, To, Cc, the rule under them)
    return fields, n


COMMENT_LINE = re.compile(r"""^\s{0,3}\[(?://|comment|_|#)\]:\s*+(?:#|<>)\s*+(?:\((.*)\)|"(.*)"|'(.*)')\s*+$""", re.I)


def _comment_lines(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """the headers as Markdown comments, one '[//]: # (Label: value)' line each, two known labels or more"""
    inner = []
    n = 0
    while n < min(len(lines), TOP_LINES) and (m := COMMENT_LINE.match(lines[n])):
        inner.append(next(g for g in m.groups() if g is not None))
        n += 1
    found = _label_lines(inner) if inner else None
    return (found[0], n) if found and found[1] == len(inner) else None


# -- the thirteenth blind set's shapes ---------------------------------------------------------------------------

DL_OPEN = re.compile(r"^\s*<dl\b[^<>]{0,200}>", re.I)
DL_TERM = re.compile(r"<(dt|dd)\b[^<>]{0,200}>([^<]{0,500})", re.I)
INLINE_TAG = re.compile(r"</?(?!d[ltd]\b)[a-z][^<>]{0,300}>", re.I)


def _html_definitions(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """the headers as an HTML definition list ('<dl class="mail-headers">', '<dt>Subject</dt><dd>...</dd>' rows, up
    to '</dl>'): each term's field the description after it; the list off the body"""
    if not lines or not DL_OPEN.match(lines[0]):
        return None
    end = next((n for n in range(min(len(lines), TOP_LINES)) if re.search(r"</dl\s*>", lines[n], re.I)), None)
    if end is None:
        return None
    block = INLINE_TAG.sub("", "\n".join(lines[:end + 1]))  # (a link or a bold mark inside a value off)
    fields: dict[str, str] = {}
    term = None
    for m in DL_TERM.finditer(block):
        text = " ".join(html_lib.unescape(m.group(2)).split())
        if m.group(1).lower() == "dt":
            term = text
        elif term is not None:
            _put(fields, term, text)
            term = None
    return (fields, end + 1) if len(fields) >= 2 else None


FORM_FIELD = re.compile(r"^#{2,4}[ \t]++(\S[^\n]{0,40})$")
FORM_BODY = frozenset(("body", "message", "content", "text", "email body", "newsletter"))
FORM_NONE = frozenset(("_no response_", "no response"))


def _issue_form(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """a GitHub issue form's rendered fields ('### Subject', a blank line, its value, then '### Sender', '### Received'
    ...): up to the field whose value is the body ('### Body', taken off with the fields) or a heading that is no
    field; two known fields or more, and the first line one of them"""
    fields: dict[str, str] = {}
    n = known = 0
    while n < min(len(lines), TOP_LINES):
        m = FORM_FIELD.match(lines[n].rstrip())
        if not m:
            break
        label = m.group(1).strip()
        if label.lower() in FORM_BODY:
            n += 1
            break
        if not _field(label):
            break
        value = []
        n += 1
        while n < min(len(lines), TOP_LINES) and not FORM_FIELD.match(lines[n].rstrip()):
            if lines[n].strip():
                value.append(lines[n].strip())
            n += 1
        text = " ".join(value)
        if text and text.lower() not in FORM_NONE and len(value) <= 3:
            known += 1
            _put(fields, label, _value(text))
        elif known == 0:
            return None
    return (fields, n) if known >= 2 else None


ZETTEL_TITLE = re.compile(r"^#[ \t]++((?:19|20)\d{10}(?:\d{2})?)[ \t]++(\S.*)$")


def _zettel(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """a Zettelkasten note: its title led by its timestamp ID ('# 202607071506 Sidebar, Tuesday, July 7, 2026': the ID
    when the note was made, local time), then 'Tags:' / 'Source: Name <a@b>' lines and a rule, each optional"""
    m = ZETTEL_TITLE.match(lines[0].rstrip()) if lines else None
    if not m:
        return None
    if not (made := _local_stamp(m.group(1))):
        return None
    fields = {"subject": m.group(2).strip(), "created": made}
    n = 1
    while n < min(len(lines), TOP_LINES) and (not lines[n].strip() or (label := LABEL_LINE.match(lines[n]))):
        if lines[n].strip():
            _put(fields, label.group(1), _value(label.group(2).strip()))
        n += 1
    if n < len(lines) and RULE.match(lines[n]):
        n += 1
    return fields, n


def _local_stamp(digits: str) -> str | None:
    """A note app's timestamp, 12 or 14 digits of local time ('202607071506', '20260710161205') -> ISO 8601; None
    for digits that are no time ('20261399999999')."""
    try:
        return datetime.strptime(digits, "%Y%m%d%H%M%S" if len(digits) == 14 else "%Y%m%d%H%M").isoformat()
    except ValueError:
        return None


VIMWIKI_PLACEHOLDER = re.compile(r"^%([a-z]{2,20})(?:[ \t]++(\S.*))?$")


def _vimwiki(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """vimwiki's placeholder lines at the top ('%title ...', '%date 2026-07-12', '%from ...', '%template ...'): the
    first '%title' or '%date', two known fields or more"""
    return _keyword_lines(lines, VIMWIKI_PLACEHOLDER, opening=("title", "date"))


def _keyword_lines(lines: list[str], pattern: re.Pattern, opening: tuple[str, ...] = ()
                   ) -> tuple[dict[str, str], int] | None:
    """Key-and-value lines from the top, each matching pattern (the key its group 1, the value its group 2), the
    first one's key among `opening` where given: (fields, lines read) where two known fields or more, else None"""
    fields: dict[str, str] = {}
    n = known = 0
    while n < min(len(lines), TOP_LINES) and (m := pattern.match(lines[n].rstrip())):
        if n == 0 and opening and m.group(1) not in opening:
            return None
        if m.group(2) and m.group(2).strip() and _field(m.group(1)):
            known += 1
            _put(fields, m.group(1), _value(m.group(2)))
        n += 1
    return (fields, n) if known >= 2 else None


ATTRIBUTE_LIST = re.compile(r'^\{:[ \t]*+((?:[\w-]{1,40}="[^"\n]*+"[ \t]*+){1,30})\}[ \t]*$')
ATTRIBUTE = re.compile(r'([\w-]{1,40})="([^"\n]*)"')
SIYUAN_STAMP = re.compile(r"(?:19|20)\d{12}")


def _attribute_list(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """a kramdown inline attribute list, as SiYuan writes a document's under its title ('{: id="..." updated=
    "20260710161205" custom-from="Name &lt;a@b&gt;"}'): 'custom-' off a key; 'updated' / 'created' 14 digits of
    local time"""
    m = ATTRIBUTE_LIST.match(lines[0].rstrip()) if lines else None
    if not m:
        return None
    fields: dict[str, str] = {}
    for key, value in ATTRIBUTE.findall(m.group(1)):
        value = html_lib.unescape(value).strip()
        if SIYUAN_STAMP.fullmatch(value):
            value = _local_stamp(value) or value  # (digits that are no time stay as written)
        key = key.lower().removeprefix("custom-")
        if key != "id":
            _put(fields, key, value)
    return fields, 1


RULE = re.compile(r"^\s{0,3}(?:-{3,}|\*{3,}|_{3,})\s*$")
END_LINES = 12  # a metadata block at the end is a few lines


def _end_block(text: str) -> tuple[dict[str, str], str] | None:
    """a note's metadata last, as a Drafts note keeps it: a rule after the body, then 'key: value' lines to the end
    ('created: ...', 'from: ...', 'subject: ...', 'tags: ...') -> (fields, the body above the rule)"""
    stripped = text.rstrip()
    tail = stripped.rsplit("\n", END_LINES + 2)
    n = len(tail) - 1
    keys = 0
    while n > 0 and (m := FRONT_KEY.match(tail[n])) and m.group(2) and not tail[n][0].isspace():
        n, keys = n - 1, keys + 1
    while n > 0 and not tail[n].strip():
        n -= 1
    if not keys or n <= 0 or not RULE.match(tail[n]):
        return None
    fields: dict[str, str] = {}
    for line in tail[n + 1:]:
        if line.strip() and (m := FRONT_KEY.match(line)):
            _put(fields, m.group(1), _value(m.group(2)))
    if sum(1 for k in ("subject", "from", "date", "created", "received", "sent") if k in fields) < 2:
        return None
    return fields, "\n".join(tail[:n]).rstrip() + "\n"


# -- the fourteenth blind set's shapes ---------------------------------------------------------------------------

JOPLIN_KEY = re.compile(r"^([a-z][a-z_]{0,40}):(?: (.*))?$")
JOPLIN_ID = re.compile(r"^id: [0-9a-f]{32}\s*$")
JOPLIN_LINES = 40  # a note's properties: about 25 lines


def _joplin_raw(lines: list[str], text: str) -> tuple[dict[str, str], str] | None:
    """A Joplin RAW export: the note's title as its first line, the body, then the note's properties to the end ('id:
    <32 hex digits>' first, 'type_: 1' last, 'created_time', 'author' ... between) -> (fields, the body between the title
    and the properties)"""
    tail = text.rstrip().rsplit("\n", JOPLIN_LINES)
    if not re.fullmatch(r"type_: \d{1,2}\s*", tail[-1]):
        return None
    n = len(tail) - 1
    while n > 0 and JOPLIN_KEY.match(tail[n]) and not JOPLIN_ID.match(tail[n]):
        n -= 1
    if not JOPLIN_ID.match(tail[n]) or not lines or not lines[0].strip():
        return None
    properties = dict(m.groups("") for line in tail[n:] if (m := JOPLIN_KEY.match(line)))
    fields = {"subject": lines[0].strip()}
    if author := properties.get("author", "").strip():
        fields["author"] = author
    if created := (properties.get("created_time") or properties.get("user_created_time") or "").strip():
        fields["created"] = created
    body = "\n".join(tail[:n]).rstrip() + "\n"
    return fields, body.lstrip("\n").split("\n", 1)[1] if "\n" in body.lstrip("\n") else ""


MAIL_HEADER = re.compile(r"^([!-9;-~]{1,60}):[ \t]*+(.*)$")
MAIL_CONTINUED = re.compile(r"^[ \t]+\S")


def _mbox(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """an mbox message: the separator line ('From a@b Sun Jul  5 21:04:33 2026'), its header lines (a folded line's
    continuation joined) to a blank line; the separator's date where no Date header is given"""
    if not lines or not MBOX_FROM.match(lines[0]):
        return None
    fields: dict[str, str] = {}
    label, value = None, ""
    for n in range(1, min(len(lines), TOP_LINES)):
        line = lines[n]
        if label and MAIL_CONTINUED.match(line):
            value += " " + line.strip()
            continue
        if label:
            _put(fields, label, value.strip())
            label = None
        if not line.strip():
            stamp = lines[0].split(None, 2)[2] if len(lines[0].split(None, 2)) == 3 else ""
            fields.setdefault("received", stamp.strip())
            return fields, n + 1
        m = MAIL_HEADER.match(line)
        if not m:
            return None
        label, value = m.group(1), m.group(2)
    return None


H_ENTRY = re.compile(r"^\s*<article\b[^<>]{0,500}>", re.I)
H_TAG = re.compile(r"<([a-z][a-z0-9]{0,10})\b([^<>]{0,1000})>", re.I)
H_TAGS, H_ELEMENT = 200, 2000  # a header's tags are few, its elements short
H_ATTRIBUTE = re.compile(r"""([\w:-]{1,40})\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _h_entry(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """an h-entry (microformats2) header above the body: '<article class="h-entry">' with the entry's p-name (the
    subject), a p-author h-card ('<a class="p-author h-card" href="mailto:a@b">Name</a>': the sender) and a
    dt-published time (its datetime), up to '</article>'; the block off the body"""
    opening = H_ENTRY.match(lines[0]) if lines else None
    if not opening or "h-entry" not in _attributes(opening.group(0)).get("class", "").split():
        return None
    end = next((n for n in range(min(len(lines), TOP_LINES)) if re.search(r"</article\s*>", lines[n], re.I)), None)
    if end is None:
        return None
    block = "\n".join(lines[:end + 1])
    fields: dict[str, str] = {}
    author_end = -1
    for tag in itertools.islice(H_TAG.finditer(block), H_TAGS):
        if tag.start() < author_end:
            continue  # (the author's h-card has a p-name of its own)
        attributes = _attributes(tag.group(0))
        classes = attributes.get("class", "").split()
        if not {"p-author", "p-name", "dt-published", "dt-updated"} & set(classes):
            continue
        inner, element_end = _element_text(block, tag)
        if "p-author" in classes:
            author_end = element_end
            href = attributes.get("href", "")
            address = href[7:].split("?")[0] if href.lower().startswith("mailto:") else ""
            if address and inner:
                fields.setdefault("from", f"{inner} <{address}>")
            elif inner or address:
                fields.setdefault("from", inner or address)
        elif "p-name" in classes and inner:
            fields.setdefault("subject", inner)
        elif "dt-published" in classes or "dt-updated" in classes:
            when = attributes.get("datetime") or inner
            if when:
                fields.setdefault("published" if "dt-published" in classes else "updated", when)
    return (fields, end + 1) if len(fields) >= 2 else None


def _attributes(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): html_lib.unescape(m.group(2) if m.group(2) is not None else m.group(3))
            for m in H_ATTRIBUTE.finditer(tag)}


def _element_text(block: str, tag: re.Match) -> tuple[str, int]:
    """(the text of an element up to its closing tag, inner tags off; where it ends), within H_ELEMENT characters"""
    close = block.find(f"</{tag.group(1)}", tag.end(), tag.end() + H_ELEMENT)
    end = close if close >= 0 else min(len(block), tag.end() + H_ELEMENT)
    return " ".join(html_lib.unescape(re.sub(r"<[^<>]{0,1000}>", "", block[tag.end():end])).split())[:500], end


def _reading_pane(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """Outlook on the web's reading pane pasted (under the subject's heading): the sender 'Name <a@b>' alone on a line,
    the date alone on the next ('Thu 7/9/2026 7:02 AM'), 'To:' / 'Cc:' lines, a rule; blank lines between allowed"""
    rows = [n for n in range(min(len(lines), 12)) if lines[n].strip()][:2]
    if len(rows) < 2:
        return None
    sender = lines[rows[0]].strip()
    if not MAILBOX.fullmatch(sender) or "<" not in sender or ":" in sender.split("<", 1)[0]:
        return None  # (a labelled line, 'From: Name <a@b>', is header lines' own)
    date = lines[rows[1]].strip()
    if len(date) > 60 or LABEL_LINE.match(date) or not any(c.isdigit() for c in date) or normalise_date(date) == date:
        return None
    fields = {"from": lines[rows[0]].strip(), "date": date}
    n = rows[1] + 1
    while n < min(len(lines), TOP_LINES) and (not lines[n].strip() or LABEL_LINE.match(lines[n])):
        n += 1
    if n < len(lines) and RULE.match(lines[n]):
        n += 1
    return fields, n


# -- the fifteenth blind set's shapes ----------------------------------------------------------------------------

NOTMUCH_MARK = re.compile(r"^\f?(message|header|body|part|attachment)([{}])[ \t]*+(.*)$")
NOTMUCH_TEXT_PART = re.compile(r"\bcontent-type:\s*text/(?!html\b)", re.I)  # (an HTML part is 'Non-text part: text/html')
NOTMUCH_PART_END = re.compile(r"(?m)^\f?part\}[ \t]*$")


def _notmuch(lines: list[str]) -> tuple[dict[str, str], str] | None:
    """A message as `notmuch show --format=text` prints it: the header part's lines ('Subject: ...', 'From: ...', 'Date:
    ...' under notmuch's summary line, to '\fheader}') give the fields; the body is the first text part, from its
    '\fpart{ ID: 1, Content-type: text/...' line to its '\fpart}' (the markers, and the parts after it, off)"""
    if not lines or not NOTMUCH_OPEN.match(lines[0]):
        return None
    fields: dict[str, str] = {}
    n, in_header, start, after_header = 1, False, None, 1
    while n < min(len(lines), TOP_LINES):
        mark = NOTMUCH_MARK.match(lines[n])
        if mark and mark.group(1) == "header":
            in_header = mark.group(2) == "{"
            after_header = n + 1
        elif mark and mark.group(1) == "part" and mark.group(2) == "{" and NOTMUCH_TEXT_PART.search(mark.group(3)):
            start = n + 1
            break
        elif in_header and (m := MAIL_HEADER.match(lines[n])):
            _put(fields, m.group(1), m.group(2).strip())
        n += 1
    body = "\n".join(lines[start if start is not None else after_header:])  # (no text part: all under the header part)
    end = NOTMUCH_PART_END.search(body)
    return fields, body[:end.start()] if end else body


MHONARC_OPEN = re.compile(r"^\s*<!--\s*MHonArc\b[^<>]{0,80}-->\s*$", re.I)
MHONARC_FIELD = re.compile(r"^\s*<!--X-([A-Za-z][\w-]{0,40}):(.*)-->\s*$")
MHONARC_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
MHONARC_HEAD_END = "<!--X-Head-End-->"
MHONARC_BODY = "<!--X-Body-of-Message-->"
MHONARC_BODY_END = "<!--X-Body-of-Message-End-->"
# MHonArc's 'modified rot13' of X-From-R13 (mhutil.pl's mrot13: tr/@A-Z[a-z/N-Z[@A-Mn-za-m/; its own inverse)
MROT13 = str.maketrans("@ABCDEFGHIJKLMNOPQRSTUVWXYZ[abcdefghijklmnopqrstuvwxyz",
                       "NOPQRSTUVWXYZ[@ABCDEFGHIJKLMnopqrstuvwxyzabcdefghijklm")
MHONARC_KEYS = {"subject": "subject", "from": "from", "from-r13": "from", "date": "date"}


def _mhonarc(lines: list[str]) -> tuple[dict[str, str], str] | None:
    """A MHonArc archive page saved as Markdown: its '<!-- MHonArc v2.6.24 -->' line, the '<!--X-Key: value -->'
    comments to '<!--X-Head-End-->', the fields the page shows ('- *Subject*: ...', read first where there are some) up
    to '<!--X-Body-of-Message-->'; the body from there to '<!--X-Body-of-Message-End-->'"""
    if not lines or not MHONARC_OPEN.match(lines[0]):
        return None
    comments: dict[str, str] = {}
    n = 1
    while n < min(len(lines), TOP_LINES) and lines[n].strip() != MHONARC_HEAD_END:
        if m := MHONARC_FIELD.match(lines[n]):
            key = MHONARC_KEYS.get(m.group(1).lower())
            value = html_lib.unescape(m.group(2).strip())  # (MHonArc writes '-' as '&#45;' in a comment)
            if key and value:
                comments.setdefault(m.group(1).lower(), value.translate(MROT13) if m.group(1).lower() == "from-r13" else value)
        elif lines[n].strip():
            return None
        n += 1
    if n >= min(len(lines), TOP_LINES):
        return None
    body_at = next((k for k in range(n + 1, min(len(lines), TOP_LINES)) if lines[k].strip() == MHONARC_BODY), None)
    fields: dict[str, str] = {}
    for line in lines[n + 1:body_at if body_at is not None else n + 1]:  # the shown fields
        if (m := LABEL_LINE.match(line)) and not MHONARC_COMMENT.match(line):
            value = m.group(2).strip().strip(" *_`")
            if value:
                _put(fields, m.group(1), _value(html_lib.unescape(value)))
    for key in ("subject", "from-r13", "from", "date"):
        if comments.get(key):
            fields.setdefault(MHONARC_KEYS[key], comments[key])
    body = "\n".join(lines[(body_at if body_at is not None else n) + 1:])
    end = body.find(MHONARC_BODY_END)
    return fields, body[:end] if end >= 0 else body


RST_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+:.])\1{2,}[ \t]*$")
RST_FIELD = re.compile(r"^:([^:\s][^:\n]{0,40}):(?:[ \t]++(.*))?$")
RST_CONTINUED = re.compile(r"^[ \t]+\S")


def _rst_fields(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """A reStructuredText title (overlined and underlined with the same character, or underlined) over docutils'
    bibliographic fields (':From: Name <a@b>', ':Date: 2026-07-10 14:02 UTC', ':Subject: ...', ':Tags: ...', a field's
    body maybe going on indented): the title the subject where the fields name none; title and fields off the body"""
    title, n = None, 0
    if len(lines) > 2 and RST_ADORNMENT.match(lines[0]) and lines[1].strip() \
            and lines[2].strip() == lines[0].strip() and not RST_ADORNMENT.match(lines[1]):
        title, n = lines[1].strip(), 3
    elif len(lines) > 1 and lines[0].strip() and (under := RST_ADORNMENT.match(lines[1])) \
            and not RST_ADORNMENT.match(lines[0]) and under.group(1) not in "-*":  # ('---', '***': Markdown's own rules)
        title, n = lines[0].strip(), 2
    while n < min(len(lines), TOP_LINES) and not lines[n].strip():
        n += 1
    fields: dict[str, str] = {}
    known, key, value = 0, None, ""
    while n < min(len(lines), TOP_LINES):
        line = lines[n]
        if key is not None and RST_CONTINUED.match(line):
            value += " " + line.strip()
            n += 1
            continue
        if key is not None and _field(key) and value.strip():
            known += 1
            _put(fields, key, _value(value))
        key = None
        m = RST_FIELD.match(line)
        if not m:
            break
        key, value = m.group(1), m.group(2) or ""
        n += 1
    if key is not None and _field(key) and value.strip():
        known += 1
        _put(fields, key, _value(value))
    if known < 2:
        return None
    if title:
        fields.setdefault("subject", title)
    return fields, n


SITE_HOST = re.compile(r"^[a-z][a-z0-9+.-]{0,20}://(?:www\.)?([a-z0-9.-]{1,253})(?:[/?#:]|$)", re.I)
SUBJECT_WORD = re.compile(r"[^\W_]+(?:['’.&-][^\W_]+)*")
SITE_WORDS = 5  # a site's name is a few words


def _site_named(source: str, subject: str) -> str:
    """A clipped page's URL ('https://thebrowser.com/email/2026-07-09') -> the site's name where the subject spells one
    of the host's names in words each with a capital, one space between ('The Browser: Counting Swifts' -> 'The
    Browser'); '' otherwise"""
    m = SITE_HOST.match(source.strip())
    if not m or not subject:
        return ""
    names = {label for label in m.group(1).lower().split(".")[:-1] if len(label) >= 4}
    words = list(itertools.islice(SUBJECT_WORD.finditer(subject[:500]), 100))
    for i, first in enumerate(words):
        joined = ""
        for k in range(i, min(len(words), i + SITE_WORDS)):
            if not words[k].group(0)[0].isupper() or k > i and subject[words[k - 1].end():words[k].start()] != " ":
                break
            joined += re.sub(r"[^\w]|_", "", words[k].group(0)).lower()
            if joined in names:
                return subject[first.start():words[k].end()]
    return ""


# -- the sixteenth blind set's shapes ----------------------------------------------------------------------------

ZIM_CONTENT_TYPE = re.compile(r"^content-type:[ \t]*+text/x-zim-wiki[ \t]*$", re.I)
ZIM_CREATED = re.compile(r"^created[ \t]++(\S.{0,80})$", re.I)


def _zim(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """A Zim desktop wiki page: its header block ('Content-Type: text/x-zim-wiki', 'Wiki-Format: zim 0.6', 'Creation-Date:
    2026-07-14T19:12:40+03:00') to a blank line, the page's heading ('====== Title ======': the subject), the 'Created
    <date>' line Zim's template writes in the desktop's language, and header lines under them ('Source: Name <a@b>, <date>')
    -> the fields; all of it off the body"""
    if not lines or not ZIM_CONTENT_TYPE.match(lines[0].rstrip()):
        return None
    fields: dict[str, str] = {}
    n = 1
    while n < min(len(lines), TOP_LINES) and (m := MAIL_HEADER.match(lines[n])):
        if m.group(1).lower() == "creation-date" and m.group(2).strip():
            fields["created"] = m.group(2).strip()
        n += 1
    while n < min(len(lines), TOP_LINES) and not lines[n].strip():
        n += 1
    if n < len(lines) and (title := _zim_heading(lines[n]) or _heading(lines[n])):  # (a page in Zim's Markdown: '# Title')
        fields["subject"] = title
        n += 1
    while n < min(len(lines), TOP_LINES):
        line = lines[n]
        if (created := ZIM_CREATED.match(line.strip())) and _is_date(created.group(1)):
            fields.setdefault("created", created.group(1))
        elif (m := LABEL_LINE.match(line)) and _field(m.group(1)) and m.group(2).strip():
            _put(fields, m.group(1), _value(m.group(2).strip().strip(" *_`")))
        elif line.strip():
            break
        n += 1
    return fields, n


def _zim_heading(line: str) -> str | None:
    """a Zim heading's text ('====== Title ======', two to six '=' on either side)"""
    line = line.strip()
    rank = len(line) - len(line.lstrip("="))
    if not 2 <= rank <= 6 or not line.endswith("=" * rank) or len(line) <= 2 * rank:
        return None
    title = line[rank:-rank]
    return title.strip() if title[:1].isspace() and title[-1:].isspace() and title.strip() else None


DENOTE_RULE = re.compile(r"^-{10,}[ \t]*$")
DENOTE_ID = re.compile(r"\d{8}T\d{6}")


def _denote(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """Denote's plain-text front matter: 'title:', 'date:' (the note's own: when it was made), 'tags:', 'identifier:
    20260804T091502' (its timestamp ID) over a rule of dashes; header lines under it ('From: Name <a@b>, <date>', pasted)
    are read with it; the title the subject"""
    fields: dict[str, str] = {}
    identifier = False
    n = 0
    while n < min(len(lines), 12) and not DENOTE_RULE.match(lines[n]):
        m = FRONT_KEY.match(lines[n])
        if not m or lines[n][0].isspace() or not m.group(2):
            return None
        key, value = m.group(1).lower(), _value(m.group(2))
        if key == "identifier":
            identifier = bool(DENOTE_ID.fullmatch(value))
        elif key == "date":
            fields["created"] = value
        elif key == "title":
            fields["subject"] = value
        n += 1
    if not identifier or "subject" not in fields or n >= min(len(lines), 12):
        return None
    return _lines_under(lines, n + 1, fields)


def _lines_under(lines: list[str], n: int, fields: dict[str, str]) -> tuple[dict[str, str], int]:
    """the fields with the header lines under a block ('From: Name <a@b>, <date>', blank lines before them) read into
    them; the index of the line after those header lines (the block's end where there are none)"""
    start = n
    while n < min(len(lines), TOP_LINES) and not lines[n].strip():
        n += 1
    found = _label_lines(lines[n:]) or _one_label_line(lines[n:])
    if found is None:
        return fields, start
    for key, value in found[0].items():
        fields.setdefault(key, value)
    return fields, n + found[1]


def _one_label_line(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """one header line ('From: Name <a@b>, Fri, 10 Jul 2026 12:04:31 +0000') of a known label"""
    m = LABEL_LINE.match(lines[0]) if lines else None
    if not m or not _field(m.group(1)) or not m.group(2).strip():
        return None
    fields: dict[str, str] = {}
    _put(fields, m.group(1), _value(m.group(2).strip().strip(" *_`")))
    return fields, 1


ORG_KEYWORD = re.compile(r"^#\+([A-Za-z][\w-]{0,30}):(?:[ \t]++(.*))?$")


def _org_keywords(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """An Org-mode note's in-buffer keywords from the first line ('#+title:', '#+author:', '#+email:', '#+date: [2026-07-08
    Rab 05:45]' (an Org timestamp, the weekday in the writer's language), '#+filetags:', '#+startup:' ...): two known
    fields or more; the author with the email its sender"""
    return _keyword_lines(lines, ORG_KEYWORD)


JRNL_YEAR = re.compile(r"^#[ \t]++(\d{4})[ \t]*$")
JRNL_MONTH = re.compile(r"^##[ \t]++([^\W\d_]{3,12})[ \t]*$")
JRNL_ENTRY = re.compile(r"^###[ \t]++(\d{4})-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp][Mm])?(?=[ \t])")


def _jrnl(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """jrnl's Markdown export: '# 2026' (the year), '## July' (the month), then the entry's heading '### 2026-07-10 13:04
    Title' (its time and title; jrnl's default time '2026-07-10 01:04:00 PM' too): the title the subject, the time when
    the entry was written (local time); header lines at the top of the entry ('From: Name <a@b>, <date>') read with them"""
    rows = [n for n in range(min(len(lines), 12)) if lines[n].strip()][:3]
    if len(rows) < 3 or not (year := JRNL_YEAR.match(lines[rows[0]])) or not JRNL_MONTH.match(lines[rows[1]]):
        return None
    entry = JRNL_ENTRY.match(lines[rows[2]])
    if not entry or entry.group(1) != year.group(1) or not lines[rows[2]][entry.end():].strip():
        return None
    fields = {"created": lines[rows[2]][3:entry.end()].strip(), "subject": lines[rows[2]][entry.end():].strip()}
    return _lines_under(lines, rows[2] + 1, fields)


ADOC_TITLE = re.compile(r"^=[ \t]++(\S.*)$")
ADOC_ATTRIBUTE = re.compile(r"^:(!?[\w][\w-]{0,40}!?):(?:[ \t]++(.*))?$")
ADOC_VERSION = re.compile(r"^v?\d[\w.-]{0,20},[ \t]*+")
ADOC_KEYS = {"author": "author", "email": "address", "revdate": "date"}


def _asciidoc(lines: list[str]) -> tuple[dict[str, str], int] | None:
    """An AsciiDoc document header: '= Title', the author line ('Name <a@b>', the first of several authors split by
    ';'), the revision line ('v1.2, 2026-07-09: remark', or the date alone) and attribute entries (':description: ...',
    ':author:', ':email:', ':revdate:' ...) to a blank line; an author or a date at least"""
    title = ADOC_TITLE.match(lines[0].rstrip()) if lines else None
    if not title:
        return None
    fields = {"subject": title.group(1).strip().rstrip("=").strip()}
    n = 1
    if n < len(lines) and lines[n].strip() and not ADOC_ATTRIBUTE.match(lines[n]):
        author = lines[n].split(";", 1)[0].strip()
        if not MAILBOX.fullmatch(author):
            return None
        fields["author"] = author
        n += 1
        if n < len(lines) and lines[n].strip() and not ADOC_ATTRIBUTE.match(lines[n]):
            if not (when := _revision_date(lines[n].strip())):
                return None
            fields["date"] = when
            n += 1
    while n < min(len(lines), TOP_LINES) and (m := ADOC_ATTRIBUTE.match(lines[n].rstrip())):
        key = ADOC_KEYS.get(m.group(1).lower())
        if key and m.group(2) and m.group(2).strip():
            fields.setdefault(key, m.group(2).strip())
        n += 1
    if n < len(lines) and lines[n].strip():
        return None  # (the header ends at a blank line)
    if "author" not in fields and "date" not in fields:
        return None
    return fields, n


def _revision_date(line: str) -> str | None:
    """an AsciiDoc revision line's date: 'v1.2, 2026-07-09: remark' -> '2026-07-09'; '2026-07-09, 11:45 UTC' whole"""
    for value in (line, ADOC_VERSION.sub("", line, count=1).split(": ", 1)[0]):
        value = value.strip()
        if value and _is_date(value):
            return value
    return None


HYPERMAIL_FIELD = re.compile(r'^\s*<!--[ \t]*+([a-z]{2,20})="([^"\n]*+)"[ \t]*+-->[ \t]*$')
HYPERMAIL_BODY_START = re.compile(r'^\s*<!--[ \t]*+body="start"[ \t]*+-->[ \t]*$')
HYPERMAIL_BODY_END = re.compile(r'(?m)^[ \t]*<!--[ \t]*+body="end"[ \t]*+-->[ \t]*$')


def _hypermail(lines: list[str]) -> tuple[dict[str, str], str] | None:
    """A Hypermail archive page saved as Markdown: its comments from the first line ('<!-- received="..." -->', '<!--
    sent="Sat, 11 Jul 2026 14:02:17 +0000" -->', '<!-- name="..." -->', '<!-- email="name_at_example.org" -->' (its '@'
    written '_at_'), '<!-- subject="..." -->' ...): the sent date, the name and address, the subject; the body under
    them, the page's heading kept and the shown '**From:** / **Date:**' lines off, to '<!-- body="end" -->'"""
    comments: dict[str, str] = {}
    n = 0
    while n < min(len(lines), TOP_LINES) and (m := HYPERMAIL_FIELD.match(lines[n])):
        comments.setdefault(m.group(1).lower(), html_lib.unescape(m.group(2)).strip())
        n += 1
    if not {"sent", "isosent", "received"} & set(comments) or not {"name", "email", "subject"} & set(comments):
        return None
    fields: dict[str, str] = {}
    address = comments.get("email", "").replace("_at_", "@")
    address = address if MAILBOX.fullmatch(address) else ""
    name = comments.get("name", "")
    if name or address:
        fields["from"] = f"{name} <{address}>" if name and address else name or address
    if comments.get("subject"):
        fields["subject"] = comments["subject"]
    for key in ("sent", "isosent", "received"):
        if comments.get(key):
            fields.setdefault("date", comments[key])
    rest = lines[n:]
    start = next((k + 1 for k in range(min(len(rest), TOP_LINES)) if HYPERMAIL_BODY_START.match(rest[k])), None)
    if start is not None:
        body = "\n".join(rest[start:])
    else:
        k = next((k for k in range(min(len(rest), 12)) if rest[k].strip()), len(rest))
        heading = rest[k] if k < len(rest) and _heading(rest[k]) else None
        k += heading is not None
        shown = k
        while k < min(len(rest), TOP_LINES) and (not rest[k].strip() or LABEL_LINE.match(rest[k])):
            k += 1  # (the page's shown From / Date lines)
        body = "\n".join(([heading, ""] if heading else []) + rest[k if k > shown else shown:])
    end = HYPERMAIL_BODY_END.search(body)
    return fields, body[:end.start()] if end else body


PIPERMAIL_SENDER = re.compile(r"^\*\*([^*\n]{1,200})\*\*[ \t]++\[([^\[\]\s@]{1,100})(?: at |@)([^\[\]\s@]{1,200})\]"
                              r"\(mailto:[^()\s]{0,2000}\)[ \t\\]*$")
PIPERMAIL_DATE = re.compile(r"^[*_]([^*_\n]{6,60})[*_][ \t\\]*$")
PIPERMAIL_NAV = re.compile(r"^\s*[-*][ \t]++(?:\*\*)?(?:previous message|next message|messages sorted by)\b", re.I)
PIPERMAIL_MORE = re.compile(r"^\s*\[?more information about the\b", re.I)
LIST_TAG = re.compile(r"^\[[^\[\]\n]{1,60}\][ \t]*+")


def _pipermail(lines: list[str]) -> tuple[dict[str, str], str] | None:
    """A Mailman 2 (pipermail) archive page saved as Markdown: '# [List] Subject', the sender's bold name over the address
    as the page writes it ('**Name** [name at example.org](mailto:list%40...)': the link goes to the list; '@' where the
    archive does not hide it), the date in
    italics ('*Sun Jul 12 09:03:51 CEST 2026*'), the Previous / Next / 'Messages sorted by' list and a rule, then the
    message; the same list after a rule at the end. -> the fields, and the body: the subject as its title (the list's tag
    off), the message without the page's lists"""
    heading = _heading(lines[0]) if lines else None
    rows = [n for n in range(1, min(len(lines), 8)) if lines[n].strip()][:2]
    if not heading or len(rows) < 2:
        return None
    sender, date = PIPERMAIL_SENDER.match(lines[rows[0]].strip()), PIPERMAIL_DATE.match(lines[rows[1]].strip())
    if not sender or not date:
        return None
    n, navigation = rows[1] + 1, 0
    while n < min(len(lines), TOP_LINES) and (not lines[n].strip() or PIPERMAIL_NAV.match(lines[n])):
        navigation += bool(lines[n].strip())
        n += 1
    if not navigation or n >= len(lines) or not RULE.match(lines[n]):
        return None
    subject = LIST_TAG.sub("", heading, count=1).strip() or heading
    fields = {"subject": subject, "from": f"{sender.group(1).strip()} <{sender.group(2)}@{sender.group(3)}>",
              "date": date.group(1).strip()}
    n += 1
    while n < len(lines) and not lines[n].strip():
        n += 1
    body = lines[n:]
    end = len(body)
    k = end - 1
    while k >= 0 and k >= len(body) - TOP_LINES and (not body[k].strip() or PIPERMAIL_NAV.match(body[k])
                                                    or PIPERMAIL_MORE.match(body[k])):
        k -= 1
    if k >= 0 and k < end - 1 and RULE.match(body[k]):
        end = k  # (the page's list after the message)
    return fields, "\n".join([f"# {subject}", ""] + body[:end])
