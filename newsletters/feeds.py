"""RSS and Atom feeds -> a Newsletter whose items are the feed's entries, read with feedparser.

feedparser reads RSS 0.9x, 1.0 and 2.0 and Atom 0.3 and 1.0, namespaces (content:encoded,
dc:creator, dc:date), CDATA, entities and broken XML (its loose parser: linear but slower, about
4 s for a megabyte of tag soup on a 2-core VM against 0.05 s for a well-formed megabyte).

Each entry is one item: its title, link (tracking parameters removed, as for every item), date
(normalise_date, time zone kept), author (an Atom entry without one: the feed's, RFC 4287 4.2.1; markup in
it read as the text it shows: arXiv's dc:creator links each name) and first category (the item's section).
arXiv's listing feeds (RSS 1.0 / RDF) put the identifier after the paper's title ('Title. (arXiv:2607.05512v1
[cs.CL])', with ' UPDATED' or ' CROSS LISTED' in older feeds): no part of the title, so it is left out. It is sponsored
when its title says so ('Sponsored: ...', '(Sponsor)') or a category does ('Sponsored', 'Partner',
'Advertisement', ...). Its text is the entry's description/summary or its full content
(content:encoded, Atom content), whichever says more. HTML is read as text by the splitter's own
HTML reader (html.html_blocks), one line per block, so a feed's markup reads as an email's does;
WordPress's closing 'The post ... appeared first on ...' is left out. The feed's title is the
newsletter's subject and source; its date the feed's updated date, else its first entry's.
"""

from __future__ import annotations

import html as html_lib
import io
import re

from . import sponsors
from .dates import normalise_date
from .html import html_blocks
from .model import MAX_DATE, Newsletter, NewsletterItem
from .patterns import clean_url

# The root element of a feed, after an XML declaration, comments, a doctype or stylesheet instructions.
FEED_ROOT = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*+(?:<\?xml[^>]{0,500}\?>\s*+|<!--.{0,2000}?-->\s*+|"
                       rb"<!DOCTYPE[^>]{0,2000}>\s*+)*<(?:rss|feed|rdf:RDF)\b", re.S | re.I)
HTML_TYPES = ("text/html", "application/xhtml+xml")
# WordPress ends every entry with 'The post <a>Title</a> appeared first on <a>Site</a>.': no part of the item.
WORDPRESS_FOOTER = re.compile(r"^The post .{1,600} appeared first on .{1,200}$")
MAX_ENTRIES = 5000  # a feed with more entries is read this far; the reason says so
# arXiv's identifier tail on a listing feed's title, with the full stop arXiv puts before it (after a '?' too)
ARXIV_TAIL = re.compile(r"\.?\s*\(arXiv:[\w./-]{4,40}\s*\[[^\[\]]{1,40}\](?:\s+[A-Z][A-Z ]{0,30})?\)\s*$")
TAG = re.compile(r"<[^<>]{0,2000}>")


def looks_like_feed(data: bytes) -> bool:
    """An RSS (<rss>, <rdf:RDF>) or Atom (<feed>) document."""
    return FEED_ROOT.match(data[:8192]) is not None


def split_feed(data: bytes) -> Newsletter:
    """Every entry of the feed as an item, in feed order."""
    import feedparser  # imported on first use: the server's start does not pay for it

    # A stream, so feedparser never takes the text for a URL or a path. Its HTML sanitiser is off: it is
    # quadratic on some markup (a megabyte of '<!--' takes minutes), and the HTML reader that reads the
    # entries' HTML below leaves out scripts, styles, comments and hidden text itself, in linear time.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    feed, entries = parsed.get("feed", {}), parsed.get("entries", [])
    title = _text(feed.get("title_detail") or {"value": feed.get("title", "")})
    version = parsed.get("version") or "an unknown feed version"
    if not entries:
        problem = f" ({parsed.get('bozo_exception')})" if parsed.get("bozo") else ""
        return Newsletter(subject=title or None, source=title or None, format="feed",
                          reason=f"the feed ({version}) has no entries{problem}")
    # Atom (RFC 4287 4.2.1): an entry without an author has its source's (atom:source), else the feed's.
    # RSS has no such rule (managingEditor is the channel's editor, not each item's writer): nothing inherited.
    atom = str(parsed.get("version", "")).startswith("atom")
    items = [_item(entry, feed.get("author") if atom else None, atom) for entry in entries[:MAX_ENTRIES]]
    dated = feed.get("updated") or feed.get("published") or next((i.published for i in items if i.published), None)
    more = f"; read the first {MAX_ENTRIES} of {len(entries)}" if len(entries) > MAX_ENTRIES else ""
    return Newsletter(subject=title or None, date=_date(dated), source=title or None, format="feed", items=items,
                      reason=f"feed ({version}): each entry is an item{more}")


def _item(entry, feed_author: str | None = None, atom: bool = False) -> NewsletterItem:
    texts = [_text(detail) for detail in (entry.get("summary_detail"), *entry.get("content", [])) if detail]
    tags = [t.get("term") or t.get("label") for t in entry.get("tags", []) if t.get("term") or t.get("label")]
    title = ARXIV_TAIL.sub("", _text(entry.get("title_detail") or {"value": entry.get("title", "")}))
    return NewsletterItem(
        title=sponsors.without_label(title),
        content=max(texts, key=len, default=""),
        # A paid entry says so in its title ('Sponsored: ...', '... (Sponsor)') or a category: the one lexicon.
        sponsored=sponsors.tagged(title) or any(sponsors.LABEL.match(str(t).strip()) for t in tags),
        url=clean_url(entry.get("link", "")),
        published=_date(entry.get("published") or entry.get("updated")),
        author=_author(entry, feed_author, atom),
        section=tags[0] if tags else None,
    )


def _author(entry, feed_author: str | None, atom: bool) -> str | None:
    """The entry's author; where it has none (Atom), its atom:source's, else the feed's."""
    source = (entry.get("source") or {}) if atom else {}
    name = str(entry.get("author") or source.get("author") or feed_author or "")
    if "<" in name:  # links around the names (arXiv's '<a href="...">Ada Lovelace</a>, ...'): the names
        name = html_lib.unescape(TAG.sub("", name))
    return " ".join(name.split()) or None


def _text(detail) -> str:
    """A feed text construct as plain text: HTML through the HTML reader, one line per block."""
    value = str(detail.get("value") or "")
    if detail.get("type") in HTML_TYPES and ("<" in value or "&" in value):
        blocks, _ = html_blocks(value)
        return "\n".join(block.text for block in blocks if not WORDPRESS_FOOTER.match(block.text))
    return "\n".join(" ".join(line.split()) for line in value.strip().splitlines() if line.strip())


def _date(value: str | None) -> str | None:
    return normalise_date(value)[:MAX_DATE] if value else None
