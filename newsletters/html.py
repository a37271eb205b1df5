"""HTML email bodies -> Blocks, with the standard library's html.parser.

Email HTML is table soup: block-level tags (and <br>) end a block, inline tags do not.
Hidden preheaders, scripts, styles and comments are skipped; link targets are kept.
html.parser is quadratic on some malformed input (runs of '<a ', '<!--', '</'), so
anything that cannot start a tag is escaped first, and comments are cut out in one pass.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from . import sponsors
from .blocks import Block
from .clean import INVISIBLE
from .patterns import GENERIC_LINK as GENERIC_LINK_TEXT
from .patterns import (
    LANGUAGE_TAG,
    OPENER_RUN_IN,
    READ_TIME,
    SENTENCE_AND_REST,
    SUBHEAD,
    TAG_SUFFIX,
    UPPER,
    capitals_run_in,
    emoji_prefix,
    marked,
    only_emoji,
)

BLOCK_TAGS = frozenset(
    "address article aside blockquote br center dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split())
SKIP_TAGS = frozenset("script style noscript template svg object iframe head select textarea button".split())
VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
HEADINGS = {f"h{n}": n for n in range(1, 7)}
SOURCE_LEAD = re.compile(r"^\s*+\(([^()\n]{1,40}+)\)\s*+[—–:-]\s++(\S.*)$", re.S)  # ' (Electrek) — a recycler ...'
LEAD_SEPARATOR = re.compile(r"\s*+[—–:-]\s++(\S.*)$", re.S)
# A sponsor's opener and name run into its pitch ('A message from Nordlicht Networks: Secure ...'), and a
# pitch's first sentence (its headline, without the full stop) before the rest
# a byline after a linked headline, behind a dash ('—By Marisol Reyes', ' – by Dan Osei')
# a sentence's first letter, a capital of any Latin, Greek or Cyrillic script ('Žatecko ...'), or a figure
SENTENCE_OPENS, CAPITAL_OPENS = re.compile(rf"[\"“‘']?[{UPPER}0-9]"), re.compile(rf"[\"“‘']?[{UPPER}]")
BYLINE_TAIL = re.compile(r"^\s*+[—–-]{1,2}\s*+((?:[Bb]y|BY)\s++[A-Z][\w.'’-]*+(?:\s++[A-Z][\w.'’-]*+){0,4})\s*+$")
LEAD_IN = re.compile(r"^\s*+[a-z][\w'’-]{1,15}+(?: [a-z][\w'’-]{1,15}+)?(?: \(\?\))?,\s*+$")
BOLD_KICKER = re.compile(r"^\s*+[^\W\d][\w'’-]{1,15}+(?: [\w'’-]{1,15}+)?[.:]\s*+$")  # 'Read.', 'Watch:', 'Listen.'
KICKER_LABEL = re.compile(r"^\s*+[^\W\d][\w'’-]{1,20}+(?: [\w'’-]{1,20}+){0,2}:\s*+$")  # 'Must-read:', 'Should-read:'
READ_TIME_AT_END = re.compile(r"(" + READ_TIME.pattern + r")\s*+$", re.I)  # (no leading space: searched, it would be quadratic)
LEAD_SUFFIX = re.compile(r"\s*+(" + READ_TIME.pattern + r"|\((?:github\s+repo|website|sponsor|sponsored)\))", re.I)
LIST_NUMBER_ONLY = re.compile(r"#\s?(\d{1,3})|(\d{1,3})[.)、．]?")  # ('1、' before a Chinese headline)
STRONG_TAGS = frozenset(("b", "strong"))
MAX_DEPTH = 2000  # deeper elements are still read; only their nesting is no longer tracked
END_SEARCH = 64  # how far down the open-element stack an end tag may close
# '<b>Link</b> 2026-06-01 <a>Title</a>:': a blog digest's entry, its kind in bold and its date before its link
KIND_AND_DATE = re.compile(r"^\W{0,3}[A-Za-z]{2,12}\s++(?:\d{4}-\d\d-\d\d|[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s\d{4})?)\s*+$")
RUN_IN_TEXT_CHARS = 60  # a story's first sentence after its run-in headline (bold, or a linked sentence)
MAX_RUN_IN_CHARS = 120  # a bold lead this long at most is a run-in title or label (a headline of 16 words)
MAX_PITCH_CHARS = 200  # a one-line sponsor's pitch: a headline's length

NOT_A_TAG = re.compile(r"<(?!/?[A-Za-z][^<>]{0,20000}>|![A-Za-z][^<>]{0,4000}>|\?[^<>]{0,4000}>)")
HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(?:px)?\s*[;\"]|"
    r"font-size\s*:\s*0(?:px)?\s*[;\"]|opacity\s*:\s*0(?:\.0+)?\s*[;\"]", re.I)
META_KEYS = {"subject": "subject", "title": "subject", "og:title": "subject", "date": "date",
             "article:published_time": "date", "author": "source", "sender": "source", "from": "source",
             "og:site_name": "source"}


def strip_comments(raw: str) -> str:
    """Remove <!-- ... --> in one linear pass; an unclosed comment runs to the end (as in browsers)."""
    out, pos = [], 0
    while True:
        start = raw.find("<!--", pos)
        if start < 0:
            out.append(raw[pos:])
            return "".join(out)
        out.append(raw[pos:start])
        end = raw.find("-->", start + 4)
        if end < 0:
            return "".join(out)
        pos = end + 3


def html_blocks(raw: str) -> tuple[list[Block], dict[str, str]]:
    """Blocks in document order, and what <title>/<meta> say (subject, date, source)."""
    parser = _BlockParser()
    parser.feed(NOT_A_TAG.sub("&lt;", strip_comments(raw)))
    parser.close()
    parser.flush()
    return _picks(parser.blocks), parser.meta


def _picks(blocks: list[Block]) -> list[Block]:
    """Two paragraphs or more in a row, each of running text with one link inside it whose words are a
    headline's ('Kenji Morales wrote about <a>dead-letter queues that actually get drained</a>, and ...'): a
    curator's picks (Ready, Set, Cloud!), each titled by its link's words, set as a line of their own over the
    paragraph (so that the rules and the learned reader both see the headline). A quick hit opened by its bold
    subject ('<b>Corvid AI</b> <a>recalled ...</a>') is none. Linear: one pass."""
    pick = [bool(b.anchor) and PICK_WORDS[0] <= len(b.anchor.split()) <= PICK_WORDS[1] and len(b.text) >= PICK_CHARS
            and not (b.heading or b.bullet or b.strong or b.lead_strong or b.run_in or GENERIC_LINK_TEXT.match(b.anchor))
            for b in blocks]
    if sum(pick) < 2:
        return blocks
    out: list[Block] = []
    for k, block in enumerate(blocks):
        if pick[k] and ((k > 0 and pick[k - 1]) or (k + 1 < len(blocks) and pick[k + 1])):
            out.append(Block(text=block.anchor, url=block.url, link_only=True))
        out.append(block)
    return out


PICK_WORDS, PICK_CHARS = (3, 14), 80  # a link's words inside a paragraph that title it; the paragraph's length


def _joined(pieces) -> str:
    """The pieces' text with whitespace runs collapsed to one space."""
    return " ".join("".join(p[0] for p in pieces).split())


def _anchor(visible: list[tuple[str, str, bool]], linked: list[tuple[str, str, bool]]) -> str:
    """The words of a paragraph's one link where running text stands before and after it ('Kenji Morales wrote
    about <a>dead-letter queues that actually get drained</a>, with ...'): '' for any other paragraph."""
    if not linked or len({p[1] for p in linked}) > 1 or visible[0][1] or visible[-1][1]:
        return ""
    at = [k for k, p in enumerate(visible) if p[1]]
    if at[-1] - at[0] + 1 != len(at):  # (the link's pieces in one run)
        return ""
    return _joined(visible[at[0]:at[-1] + 1])


def _lead_strong(visible: list[tuple[str, str, bool]]) -> bool:
    """'<b>Corvid AI</b> <a>raised $310M</a> to build ...': a bold subject opens a linked line
    (a quick hit), not a run-in label such as '<b>The Rundown:</b>' or '<b>Read more</b>:'."""
    if not visible or not visible[0][2] or all(p[2] for p in visible):
        return False
    label = visible[0][0].rstrip().endswith(":") or visible[1][0].lstrip().startswith(":")
    return not label and any(p[1] for p in visible)


def _run_in(visible: list[tuple[str, str, bool]]) -> str:
    """'<b>Lost in orbit:</b> A satellite startup ...': the bold lead phrase, ending in a colon (or a whole
    sentence), of a paragraph that goes on in plain text (a story's run-in title or a label: assemble
    tells which)."""
    # ('⚛️ <b>Paris wants to be Europe's quantum capital.</b> Five ...': an emoji before the bold is no word)
    first = 1 if len(visible) > 2 and not visible[0][2] and not visible[0][1] and only_emoji(visible[0][0]) else 0
    n = first
    while n < len(visible) and visible[n][2] and not visible[n][1]:
        n += 1
    lead = _joined(visible[:n])
    if not first < n < len(visible) or len(lead) > MAX_RUN_IN_CHARS:
        return ""
    # ('<b>Lumen Air’s pilots vote on a strike.</b> A walkout at ...': a brief's story opened by its bold
    # first sentence, the rest run in after it (Quartz, DealBook); only a run of them titles stories)
    sentence = lead[-1:] in ".!?" and len(lead.split()) >= 3 and bool(SENTENCE_OPENS.match(_joined(visible[n:])))
    return lead if lead.endswith(":") or sentence else ""


def _all_bold(visible: list[tuple[str, str, bool]]) -> bool:
    """Every piece bold; an emoji before the bold text is no word ('😺 <b>Headline</b>': beehiiv
    writes its headings so, and markdownify keeps only the bold when the heading sits in a table)."""
    lead = 1 if len(visible) > 1 and not visible[0][2] and only_emoji(visible[0][0]) else 0
    return all(p[2] for p in visible[lead:])


def _undated(visible: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    """'<b>Link</b> 2026-06-01 <a>Prompt injection, again</a>:': an entry of a blog's digest led by its
    kind in bold and its date; the linked title after them is the headline (the kind and date go)."""
    n = 0
    while n < len(visible) and n < 4 and not visible[n][1]:
        n += 1
    if 0 < n < len(visible) and visible[0][2] and KIND_AND_DATE.match(_joined(visible[:n])):
        return visible[n:]
    # '<b>Should-read: <a>A Field Guide to Provincial AI Action Plans</a></b>' (ChinAI's reading list): a short
    # label before a link that is the rest of the line, all in bold, is the entry's kicker; the link's words are its
    # title (a sponsor's label stays: it flags the entry; 'Paper: <a>Title</a>' in plain type under a headline is
    # that headline's link, rules.labelled_link)
    if n == 1 and len(visible) >= 2 and all(p[2] for p in visible) and KICKER_LABEL.match(visible[0][0]) \
            and not sponsors.marker(visible[0][0]) and not SUBHEAD.match(visible[0][0].strip()) \
            and all(p[1] == visible[1][1] for p in visible[1:]) and len(_joined(visible[1:]).split()) >= 3:
        return visible[1:]
    return visible


def _lead(visible: list[tuple[str, str, bool]]) -> tuple[int, bool]:
    """How many pieces come before a line's leading link (0 or 1), and whether that piece is a bold kicker. Before
    it may stand an emoji, or a lower-case lead-in that relates the entry to the one above ('related, <a>The
    leaderboard economy</a> — ...', 'counterpoint (?), <a>...</a>' in a reading list), or a bold kicker of a word or
    two that ends its sentence ('Read. <a>Salt and Iron</a>, a history of ...', 'Watch: <a>...</a>': The Atlantic's
    Culture Break; a sponsor's label stays, it flags the entry)."""
    if not visible or visible[0][1]:
        return 0, False
    kicker = visible[0][2] and bool(BOLD_KICKER.match(visible[0][0])) and not sponsors.marker(visible[0][0])
    return (1 if only_emoji(visible[0][0]) or LEAD_IN.match(visible[0][0]) or kicker else 0), kicker


def _headline_run_in(title: str, rest: str) -> bool:
    """'<b>Mistral opens a robotics group in Munich</b> The Paris company hired ...': a bold
    headline with no closing punctuation, its story's first sentence run in after it (beehiiv's
    news round-ups write each story so). A bold phrase inside a sentence ('<b>subletting idle
    capacity</b> to each other') is followed by lower-case words, not a new sentence."""
    return (not re.search(r"[.,;:!?]$", title) and len(rest) >= RUN_IN_TEXT_CHARS
            and bool(CAPITAL_OPENS.match(rest)))


class _BlockParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.meta: dict[str, str] = {}
        self.stack: list[tuple[str, dict]] = []  # open elements and what each turned on
        self.overflow = 0
        self.hidden = self.strong = 0
        self.links: list[str] = []
        self.levels: list[int] = []
        self.pieces: list[tuple[str, str, bool]] = []  # (text, link url, bold)
        self.block_heading = 0
        self.title: list[str] | None = None

    # -- tags ---------------------------------------------------------------------------------
    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "meta":
            self._meta(attrs)
        if tag in VOID_TAGS:
            if tag in ("br", "hr"):
                self.flush()
            elif tag == "img" and self.links and self.links[-1] and not self.hidden and not attrs.get("alt", "").strip():
                self._display_ad()
            return
        if tag == "title" and self.title is None:
            self.title = []
        if tag == "body" and any(t == "head" for t, _ in self.stack[-END_SEARCH:]):  # unclosed <head>
            self.handle_endtag("head")
        if tag in BLOCK_TAGS:
            self.flush()
        on = {}
        if tag in SKIP_TAGS or "hidden" in attrs or HIDDEN_STYLE.search(attrs.get("style", "") + ";"):
            on["hidden"] = True
            self.hidden += 1
        if tag in STRONG_TAGS or re.search(r"font-weight\s*:\s*(?:bold|[6-9]00)", attrs.get("style", ""), re.I):
            on["strong"] = True
            self.strong += 1
        if tag == "a":
            on["link"] = True
            self.links.append(attrs.get("href", ""))
        if tag in HEADINGS:
            on["level"] = True
            self.levels.append(HEADINGS[tag])
        if len(self.stack) >= MAX_DEPTH:
            self.overflow += 1
            self._undo(on)  # untracked: it must not stay switched on forever
            return
        self.stack.append((tag, on))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "title" and self.title is not None and "subject" not in self.meta:
            self.meta["subject"] = " ".join("".join(self.title).split())
        if tag in BLOCK_TAGS:
            self.flush()
        for depth in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - END_SEARCH), -1):
            if self.stack[depth][0] == tag:
                while len(self.stack) > depth:
                    self._undo(self.stack.pop()[1])
                return
        if self.overflow:
            self.overflow -= 1

    def _undo(self, on: dict) -> None:
        if on.get("hidden"):
            self.hidden -= 1
        if on.get("strong"):
            self.strong -= 1
        if on.get("link"):
            self.links.pop()
        if on.get("level"):
            self.levels.pop()

    def _display_ad(self) -> None:
        """A linked picture with no words right after a display ad's bare label ('Advertisement' over a
        300x250 banner): the ad is the picture, and has nothing to read; the label goes with it, so that it
        flags nothing after it (the story under the banner is none of the advertiser's)."""
        if self.pieces:
            if sponsors.DISPLAY_AD.fullmatch(_joined(self.pieces)):
                self.pieces, self.block_heading = [], 0
        elif self.blocks and not self.blocks[-1].url and sponsors.DISPLAY_AD.fullmatch(self.blocks[-1].text):
            self.blocks.pop()

    def _meta(self, attrs: dict) -> None:
        key = (attrs.get("name") or attrs.get("property") or "").lower()
        if key in META_KEYS and attrs.get("content", "").strip():
            self.meta.setdefault(META_KEYS[key], " ".join(attrs["content"].split()))

    # -- text ---------------------------------------------------------------------------------
    def handle_data(self, data):
        if self.title is not None and "subject" not in self.meta and self.stack and self.stack[-1][0] == "title":
            self.title.append(data)
            return
        if self.hidden or not data:
            return
        if "\u00ad" in data or "\u200b" in data or "\u2060" in data or "\ufeff" in data:
            # '&shy;' and '&#8203;' entities only become characters here, after clean_text
            data = INVISIBLE.sub(lambda m: "" if len(m.group(0)) == 1 else " ", data)
        if self.levels:
            self.block_heading = self.block_heading or self.levels[-1]
        self.pieces.append((data, self.links[-1] if self.links else "", self.strong > 0))

    def flush(self) -> None:
        pieces, self.pieces = self.pieces, []
        heading, self.block_heading = self.block_heading, 0
        if not pieces:
            return
        text = _joined(pieces)
        if not text:
            return
        visible = [p for p in pieces if p[0].strip()]
        bullet = any(tag == "li" for tag, _ in self.stack[-END_SEARCH:])
        undated = _undated(visible)
        if undated is not visible:  # the entry's kind and date go: its title is the linked rest
            visible, text = undated, _joined(undated)
        if self._lead_link(visible, heading, bullet) or self._run_in_title(visible, bullet) \
                or self._sponsor_run_in(visible):
            return
        number = LIST_NUMBER_ONLY.fullmatch(visible[0][0].strip()) \
            if len(visible) > 1 and not visible[0][1] and visible[1][1] else None
        if number:  # '<b>1 <a>Headline</a></b>' (The Download's must-reads, Hacker Newsletter): a hand-written
            # list number, written '1. ' whatever the sender wrote ('1 ', '#1') so that it comes off the title
            visible = visible[1:]
            text = f"{number.group(1) or number.group(2)}. {_joined(visible)}"
        linked = [p for p in visible if p[1]]
        rest = _joined(p for p in visible if not p[1])
        rest = LANGUAGE_TAG.sub("", TAG_SUFFIX.sub("", READ_TIME.sub("", rest))).strip(" -–|·")
        rest = rest[len(emoji_prefix(rest)):]  # '🧪 <a>Headline</a>' is still one link
        self.blocks.append(Block(
            text=text,
            url=linked[0][1] if linked else "",
            heading=heading,
            link_only=bool(linked) and not rest and len({p[1] for p in linked}) == 1,
            strong=_all_bold(visible),
            bullet=bullet,
            lead_strong=_lead_strong(visible),
            run_in=_run_in(visible),
            anchor=_anchor(visible, linked),
        ))

    def _run_in_title(self, visible: list[tuple[str, str, bool]], bullet: bool) -> bool:
        """'<b>Berkeley researchers cut the cost of robot models:</b> <i>...</i> Researchers ...': a
        bold title of five words or more, ending in a colon, runs into its text (Import AI)."""
        n = 0
        while n < len(visible) and visible[n][2] and not visible[n][1]:
            n += 1
        title = _joined(visible[:n])
        # (or a run-in in capitals of two words or more: 'SOVEREIGN CLOUD SHOWDOWN: EU countries are ...', as
        # POLITICO's and other Playbook-style newsletters open each story; their sentence-case 'The numbers:'
        # inside a story stays its text)
        if n == 0 or n == len(visible) or (len(title.split()) < 5 and not capitals_run_in(title)) or len(title) > 200:
            return False
        if not (title.endswith(":") or _headline_run_in(title, _joined(visible[n:]))):
            return False
        self.blocks.append(Block(text=title, heading=0, strong=True, line=True, bullet=bullet))
        self.blocks.append(Block(text=_joined(visible[n:]),
                                 url=next((p[1] for p in visible[n:] if p[1]), ""), bullet=bullet))
        return True

    def _sponsor_run_in(self, visible: list[tuple[str, str, bool]]) -> bool:
        """'<b>Sponsored by:</b> Graphloom — memory for your agents. <a>Learn more</a>': a one-line sponsor,
        its label in bold, its pitch the headline: the label (a marker), the pitch, its link."""
        if visible and visible[0][2] and not visible[0][1] and (m := OPENER_RUN_IN.match(visible[0][0])) \
                and sponsors.marker(m.group(1)) and (s := SENTENCE_AND_REST.match(m.group(2))):
            # '<b>A message from Nordlicht: Secure connectivity keeps grids running. Nordlicht builds ...</b>'
            # (POLITICO's sponsor paragraphs, all in bold): the opener and name a marker, the first sentence
            # the sponsor's headline, the rest its text
            link = next((p[1] for p in visible if p[1]), "")
            self.blocks += [Block(text=m.group(1), strong=True, line=True),
                            Block(text=s.group(1), strong=True, line=True),
                            Block(text=_joined([(s.group(2), "", False), *visible[1:]]).strip(), url=link)]
            return True
        if len(visible) < 2 or not visible[0][2] or visible[0][1] or not sponsors.marker(visible[0][0]):
            return False
        pitch = [p for p in visible[1:] if not (p[1] and GENERIC_LINK_TEXT.match(p[0].strip()))]
        title = _joined(pitch)
        if not title or len(title) > MAX_PITCH_CHARS or len(pitch) < len(visible) - 2:
            return False
        link = next((p[1] for p in visible[1:] if p[1]), "")
        self.blocks += [Block(text=visible[0][0].strip(), strong=True, line=True),
                        Block(text=title, strong=True, line=True)]
        if link:
            self.blocks.append(Block(text="Learn more", url=link, link_only=True))
        return True

    def _lead_link(self, visible: list[tuple[str, str, bool]], heading: int, bullet: bool) -> bool:
        """'<a>Headline (1 minute read)</a> — one-line summary': a headline block, then a body block.
        In a list, '🎙️ <a>Toolname</a>: what it does' too."""
        lead, kicker = _lead(visible)
        n = lead
        while n < len(visible) and visible[n][1] and visible[n][1] == visible[lead][1]:
            n += 1
        if n == lead or n == len(visible):
            return False
        title = _joined(visible[lead:n])
        rest = _joined(visible[n:])
        if (byline := BYLINE_TAIL.match(rest)) and len(title.split()) >= 3:
            # '<a>Inside the race to build a profitable coding company</a> —By Marisol Reyes' (Fortune's own
            # stories, listed): the link is the headline, the rest its byline
            self.blocks += [Block(text=title, url=visible[lead][1], heading=heading, link_only=True,
                                  strong=all(p[2] for p in visible[lead:n]), line=True, bullet=bullet),
                            Block(text=byline.group(1), bullet=bullet)]
            return True
        suffix = LEAD_SUFFIX.match(rest)
        headline = title + (" " + suffix.group(1) if suffix else "")
        body = rest[suffix.end():] if suffix else rest
        strong = all(p[2] for p in visible[lead:n])
        if source := SOURCE_LEAD.match(body):  # '<a>Title</a> (Electrek) — comment': the source goes after the comment
            body = f" — {source.group(2)} ({source.group(1)})"
        m = LEAD_SEPARATOR.match(body)
        # '🎙️ <a>Murmur</a> turns voice notes into to-do lists': an emoji-led line that opens with its
        # link is a listing (Superhuman's and The Rundown's tool lists), the link its name
        listing = lead == 1 and only_emoji(visible[0][0]) and len(title) <= 60 and bool(body.strip())
        # '<li><a>Vitest 5 ships browser mode by default</a>, and says goodbye to jsdom.</li>': in a list, a linked
        # clause of four words or more that the entry's sentence goes on from after a comma or a dash is its
        # headline (Bytes' Cool Bits). (Run on in lower case, '<a>A lab grew a kidney</a> from stem cells.', the
        # sentence is the title.)
        clause = (bullet or kicker) and not m and len(title.split()) >= (2 if kicker else 4) and len(body) > 10 \
            and body.startswith((",", " –", " —"))
        # '<a>Commerce rewrites AI chip export rule.</a> The U.S. Commerce Department replaced ...': a linked
        # sentence of its own, four words or more, then the story's sentences: a brief's headline (Fortune's 'AI IN
        # THE NEWS'); a link that ends mid-sentence is no headline
        sentence = not m and len(title.split()) >= 4 and title.endswith(".") and len(body) >= RUN_IN_TEXT_CHARS \
            and body.lstrip()[:1].isupper()
        if sentence:
            headline, body = headline[:-1] if headline.endswith(".") else headline, body.strip()
        if not (len(title.split()) >= 2 or (bullet and m) or listing) or \
                not (m or strong or marked(headline) or listing or clause or sentence):
            return False  # a link that merely starts a sentence
        if not suffix and m and (mark := READ_TIME_AT_END.search(m.group(1))) and not marked(headline):
            # '<a>Why benchmarks stopped predicting anything</a> — a researcher argues ... / Source (14 minute
            # read)': the read time is the linked article's, and marks its headline (not the summary line)
            headline, body = f"{headline} {mark.group(1)}", body[:len(body) - len(m.group(1)) + mark.start()].rstrip()
            m = LEAD_SEPARATOR.match(body)
        tag = sponsors.TAG.search(body) if listing and not m else None
        if tag and not body[tag.end():].strip(" .)"):  # '... explains why (sponsored)': the listing's tag
            headline, body = f"{headline} {tag.group(0)}", body[:tag.start()]
        self.blocks.append(Block(text=headline, url=visible[lead][1], heading=heading, link_only=True, strong=strong,
                                 line=True, bullet=bullet or listing))
        self.blocks.append(Block(text=m.group(1) if m else body.strip(" ,–—"), url="", bullet=bullet or listing))
        return True
