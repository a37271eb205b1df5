"""Format-independent half of the newsletter splitter: text blocks in, items out.

The format readers (newsletter_html, newsletter_text) turn a newsletter into a flat list of
`Block`s (one paragraph, heading or line each); `assemble` walks them once, in order, and
decides for each whether it is a section header, an item headline, a sponsor marker,
boilerplate, or body text of the current item.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

MAX_TITLE_CHARS = 300
MAX_SECTION_CHARS = 80

READ_TIME = re.compile(
    r"\(\s*(\d{1,3}(?:\s*[-–]\s*\d{1,3})?)\s*min(?:ute)?s?\.?\s+(read|watch|listen|video|podcast)\s*\)", re.I)
TAG_SUFFIX = re.compile(
    r"\((?:github\s+repo|repo|website|tool|paper|research\s+paper|pdf|demo|dataset|course|product\s+launch|"
    r"hugging\s*face\s+(?:model|space|repo)|app|video|podcast|sponsor|sponsored|ad)\)\s*$", re.I)
# A read time ends a headline, optionally followed by one tag: 'Title (3 minute read) (Sponsor)'.
READ_TIME_END = re.compile(READ_TIME.pattern + r"[\s*_]*(?:\([^()\n]{1,40}\)[\s*_]*)?$", re.I)
SPONSOR_TAG = re.compile(r"\((?:sponsor|sponsored|ad|advertisement|paid\s+partner(?:ship)?)\)", re.I)
SPONSOR_MARKER = re.compile(
    r"^(?:(?:together\s+with|presented\s+by|sponsored\s+by|brought\s+to\s+you\s+by|in\s+partnership\s+with|"
    r"a\s+(?:word|message)\s+from\s+our\s+sponsors?|from\s+our\s+sponsors?)\b|"
    r"(?:sponsored|sponsors?|sponsor\s+message|partner\s+content|advertisement)\W*$)", re.I)
GENERIC_LINK = re.compile(
    r"^(?:read\s+(?:more|the\s+\w+|it\s+here)|continue\s+reading|learn\s+more|full\s+story|source|link|here|"
    r"click\s+here|more|details|view\s+(?:it|more))\W*$", re.I)
# Footer and masthead boilerplate: never item text. A block matching this ends the item before it.
NOISE = re.compile(
    r"(?:unsubscribe|manage\s+(?:your\s+)?(?:subscription|preferences|email)|update\s+your\s+preferences|"
    r"view\s+(?:it\s+|this\s+email\s+)?(?:online|in\s+(?:your\s+|a\s+)?browser)|"
    r"advertise\s+with\s+us|want\s+to\s+advertise|you(?:'|’)?re\s+receiving|you\s+are\s+receiving|"
    r"you\s+received\s+this|was\s+forwarded\s+to\s+you|forward\s+this\s+email|refer\s+a\s+friend|"
    r"referral\s+(?:link|program)|tell\s+your\s+friends|share\s+tldr|all\s+rights\s+reserved|©\s*\d{4}|love\s+tldr|"
    r"if\s+you\s+have\s+any\s+comments\s+or\s+feedback|this\s+email\s+was\s+sent)", re.I)
# Navigation rows ('Sign Up | Advertise | Careers') and sign-offs; short or link-only blocks only.
_NAV = (r"(?:sign\s+up|subscribe|privacy(?:\s+policy)?|terms(?:\s+of\s+service)?|follow\s+us|job\s+board|careers?|"
        r"we(?:'|’)re\s+hiring|advertise|contact(?:\s+us)?|home|archive|website|twitter|x|linkedin|view\s+online)")
WEAK_NOISE = re.compile(
    rf"^(?:{_NAV}(?:\s*[|·•/–-]\s*{_NAV})*\W*|(?:thanks\s+for\s+reading|until\s+next\s+time)\b.{{0,40}})$", re.I)
URL = re.compile(r"https?://[^\s<>()\[\]\"']+", re.I)
TRACKING_PARAMS = re.compile(r"^(?:utm_\w+|mc_cid|mc_eid|fbclid|gclid|_hsenc|_hsmi|mkt_tok|ref_src|trk|sc_cid)$", re.I)
REDIRECT_PARAMS = ("url", "u", "target", "redirect", "redirect_url", "dest", "destination", "link", "r", "q")


@dataclass
class Block:
    """One paragraph-sized piece of a newsletter, as a format reader saw it."""

    text: str
    url: str = ""  # first link in the block
    heading: int = 0  # 1-6 for headings, 0 otherwise
    link_only: bool = False  # the text (apart from a read-time/tag suffix) is one link
    strong: bool = False  # the whole text is bold
    line: bool = False  # a single source line (text and Markdown readers)


@dataclass
class Draft:
    title: str
    url: str
    read_time: str | None
    sponsored: bool
    section: str | None
    parts: list[str] = field(default_factory=list)


@dataclass
class Assembly:
    drafts: list[Draft]
    doc_title: str | None
    blocks_read: int


def clean_url(url: str) -> str:
    """http(s) links only, tracking redirects unwrapped, utm_* and similar parameters dropped."""
    url = (url or "").strip()
    for _ in range(3):  # redirects can be nested
        inner = _unwrap(url)
        if inner == url:
            break
        url = inner
    if not re.match(r"^https?://[^\s/]+", url, re.I):
        return ""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query, doseq=True), parts.fragment))


def _unwrap(url: str) -> str:
    # e.g. https://tracking.example.com/CL0/https:%2F%2Fsite.com%2Fpost/1/0100-abc/xyz=
    m = re.search(r"/CL\d/(https?(?::|%3A)[^/]+)", url, re.I)
    if m:
        return unquote(m.group(1))
    try:
        query = parse_qsl(urlsplit(url).query)
    except ValueError:
        return url
    for key, value in query:
        if key.lower() in REDIRECT_PARAMS and re.match(r"^https?://", value, re.I):
            return value
    return url


def split_read_time(title: str) -> tuple[str, str | None]:
    """'Title (4 minute read)' -> ('Title', '4 minute read')."""
    matches = list(READ_TIME.finditer(title))
    if not matches:
        return title, None
    m = matches[-1]
    amount = re.sub(r"\s+", "", m.group(1)).replace("–", "-")
    return (title[:m.start()].rstrip() + " " + title[m.end():].lstrip()).strip(), f"{amount} minute {m.group(2).lower()}"


def marked(text: str) -> bool:
    """Ends like a newsletter headline: '(N minute read)', '(GitHub Repo)', '(Sponsor)' ..."""
    return bool(READ_TIME_END.search(text) or TAG_SUFFIX.search(text))


def is_emoji(char: str) -> bool:
    return unicodedata.category(char) in ("So", "Sk") or char in "\u200d\ufe0f\ufe0e\u20e3"


def emoji_prefix(text: str) -> str:
    """The leading run of emoji (and spaces) of text."""
    end = 0
    while end < len(text) and (is_emoji(text[end]) or text[end].isspace()):
        end += 1
    return text[:end]


def only_emoji(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and len(stripped) <= 16 and emoji_prefix(stripped) == stripped


def _title_like(block: Block) -> bool:
    text = block.text
    if not text or len(text) > MAX_TITLE_CHARS or GENERIC_LINK.match(text):
        return False
    if block.heading >= 3 or (block.heading and block.url):
        return True
    if block.link_only and (block.strong or block.heading):
        return True
    return block.link_only and block.line and len(text.split()) >= 2


def _section_like(block: Block) -> bool:
    text = block.text
    if not text or len(text) > MAX_SECTION_CHARS or block.url or READ_TIME.search(text):
        return False
    lead = emoji_prefix(text)
    if lead.strip() and any(ch.isalnum() for ch in text[len(lead):]):
        return True
    return block.heading in (1, 2)


def _sponsor_marker(text: str) -> bool:
    text = text.strip("*_#: ")
    return len(text) <= MAX_SECTION_CHARS and bool(SPONSOR_MARKER.match(text[len(emoji_prefix(text)):]))


def assemble(blocks: list[Block]) -> Assembly:
    """Walk the blocks once, in document order, and gather items."""
    drafts: list[Draft] = []
    doc_title, section, section_sponsored, pending_sponsor = None, None, False, False
    current: Draft | None = None
    i = 0
    while i < len(blocks):
        block, i = _merge_emoji_line(blocks, i)
        text = block.text if block else ""
        if not text:
            continue
        if len(text) <= MAX_TITLE_CHARS and marked(text):
            current = _draft(block, section, section_sponsored or pending_sponsor)
        elif _sponsor_marker(text):
            if block.heading or emoji_prefix(text).strip():
                section, section_sponsored = text, True
            else:
                pending_sponsor = True
            current = None
            continue
        elif _noise(block):
            current = None  # boilerplate ends the item before it
            continue
        elif block.heading == 1 and doc_title is None and not drafts and section is None and not block.url:
            doc_title, current = text, None
            continue
        elif _title_like(block):
            current = _draft(block, section, section_sponsored or pending_sponsor)
        elif _section_like(block):
            section, section_sponsored, pending_sponsor, current = text, False, False, None
            continue
        else:
            if current is not None:
                _add_body(current, block)
            continue
        drafts.append(current)
        pending_sponsor = False
    return Assembly(drafts, doc_title, len(blocks))


def promote_headings(blocks: list[Block]) -> list[Block]:
    """Fallback for newsletters without marked headlines: plain level 2+ headings become headlines."""
    return [replace(b, heading=3) if b.heading >= 2 and not emoji_prefix(b.text).strip() else b for b in blocks]


def _merge_emoji_line(blocks: list[Block], i: int) -> tuple[Block | None, int]:
    """'🚀' alone, then 'Headlines & Launches': one section header block."""
    block = blocks[i]
    if not only_emoji(block.text):
        return block, i + 1
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and nxt.text and not only_emoji(nxt.text):
        merged = Block(text=f"{block.text.strip()} {nxt.text}", heading=max(nxt.heading, 2) if not nxt.url else 0,
                       url=nxt.url, link_only=nxt.link_only, strong=nxt.strong, line=nxt.line)
        if _section_like(merged) or _sponsor_marker(merged.text):
            return merged, i + 2
    return None, i + 1


def _noise(block: Block) -> bool:
    text = block.text
    if len(text) < 400 and NOISE.search(text):
        return True
    return (len(text) <= 60 or block.link_only) and bool(WEAK_NOISE.match(text))


def _draft(block: Block, section: str | None, sponsored: bool) -> Draft:
    title, read_time = split_read_time(block.text)
    title = title.strip(" \t-–—|:")
    return Draft(title=title or block.text, url=clean_url(block.url), read_time=read_time,
                 sponsored=sponsored or bool(SPONSOR_TAG.search(title)), section=section)


def _add_body(draft: Draft, block: Block) -> None:
    text = block.text
    bare = URL.fullmatch(text.strip("<>() "))
    if bare or (block.link_only and GENERIC_LINK.match(text)):
        if not draft.url:
            draft.url = clean_url(bare.group(0) if bare else block.url)
        return
    if not draft.read_time:
        rest, read_time = split_read_time(text)
        if read_time and not rest:
            draft.read_time = read_time
            return
    if not draft.url and block.url:  # a headline without a link: the body's first link is the item's
        draft.url = clean_url(block.url)
    draft.parts.append(text)
