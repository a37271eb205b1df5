"""Plain-text newsletters -> Blocks.

Plain text (TLDR's text part is the model): paragraphs separated by blank lines, headlines
marked '(N minute read)' and followed by a '[n]' reference resolved from the 'Links:' list at
the end, or by a bare URL.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import sponsors
from .blocks import POST_RANK, Block
from .contents import line_echoes
from .masthead import is_masthead
from .patterns import (
    BYLINE,
    CJK,
    GENERIC_LINK,
    ISSUE_DATE_LINE,
    KIND_DATE,
    NOISE,
    OPENER_RUN_IN,
    SENTENCE_AND_REST,
    UPPER,
    URL,
    capitals_run_in,
    in_capitals,
    marked,
    only_emoji,
    text_length,
    word_count,
)
from .rules import CREDIT, SENTENCE_BREAK, count_line, sponsor_marker
from .text_links import drop_pictures

# Possessive quantifiers (*+, ++) never give characters back: no run of spaces or tabs can make
# two neighbouring quantifiers try every way of sharing it (quadratic time on hostile input).
TRAILING_REF = re.compile(r"\[(\d{1,4})\]\s*+$")
INLINE_REF = re.compile(r"\s?\[\d{1,4}\]")


REFERENCE_LINE = re.compile(r"(?m)^[ \t]*+\[(\d{1,4})\][ \t]*+:?[ \t]*+(https?://\S++)[ \t]*+$")
BOLD_LINE = re.compile(r"^\*\*([^*]{1,400}+)\*\*$")  # '**Title (3 minute read)**' in a text part
# 'Title [ https://x ]' (Substack), 'Title (https://x)' (beehiiv, HubSpot), 'Title <https://x>', and a
# ' - summary' after it (a text part that upper-cases its headlines upper-cases the link too: 'TITLE [HTTPS://X]').
ANCHORED_LINK = re.compile(r"^(?P<title>[^\[\]()<>]{1,300}+)[\[(<]\s*+(?i:https?)://[^\s\[\]()<>]++\s*+[\])>]"
                           r"(?:\s*+(?:[-—–:.]\s*+|(?=\())(?P<rest>\S.*?))?[.:]?$")
# ... and with the linked site's domain in brackets between the title and its link: 'Title (uxdesign.cc) <https://x>',
# a paid entry's 'Title (framekit.design, Sponsored) <https://x>' (Sidebar's text part); the title may hold brackets
SOURCED_LINK = re.compile(r"^(?P<title>[^\[\]<>\n]{1,300}?)[ \t]*+\((?:[a-z0-9-]{1,40}+\.)++[a-z]{2,12}+"
                          r"(?:,[ \t]*+(?P<paid>(?i:sponsored|sponsor|ad|partner)))?\)[ \t]*+[\[(<][ \t]*+(?i:https?)://"
                          r"[^\s\[\]()<>]++[ \t]*+[\])>]$")
# A kicker of a word or two that ends its sentence, a title with its link, and after a comma what it is: 'Read. Salt and
# Iron [ https://x ], a history of ...' (The Atlantic's Culture Break in its text part)
# (a kicker that ends in a colon, 'What's new: Priya Raman ... introduced X [ url ], a method ...', is a story's
# label over a sentence, whose link is no headline's)
KICKER_LINK = re.compile(r"^(?P<kicker>[A-Z][\w'’-]{1,15}+(?: [\w'’-]{1,15}+)?\.)[ \t]++(?P<title>[^\[\]()<>\n]{2,100}?)"
                         r"[ \t]*+[\[(<][ \t]*+(?P<url>(?i:https?)://[^\s\[\]()<>]++)[ \t]*+[\])>],[ \t]++(?P<rest>\S.*)$")
# A list line of a text part that opens with its link: 'Someone trained a tiny model [ https://x ] and now ...'.
LEADING_LINK = re.compile(r"^(?P<title>[^\[\]()<>]{1,300}+)[\[(<]\s*+(?i:https?)://[^\s\[\]()<>]++\s*+[\])>]\s*+(?P<rest>.*)$")
# '◆ Headline', '■ Section', '▶ Headline', '★ Headline': a line led by a decorative symbol (Japanese mail
# magazines, plain-text digests)
SYMBOL_LINE = re.compile(r"^[ \t\u3000]{0,4}+([\u25a0-\u25ff\u2605\u2606\u27a4])[ \t\u3000]*+(?=\S)(?=.{2,150}$)")
SYMBOL_MARK = re.compile(r"^[ \t\u3000]{0,4}+[\u25a0-\u25ff\u2605\u2606\u27a4]", re.M)
SYMBOL_LINES_MIN = 3
BOX_RULE = re.compile(r"^[ \t\u3000]*+[─━═]{3,}+[ \t\u3000]*+$", re.M)
RULE_ONLY = re.compile(r"^[-=_~*─━═]{3,}$")
LIST_MARK = re.compile(r"^(?:[-*•+]|\d{1,3}[.)])[ \t]++(?=\S)")  # '- ', '* ', '• ', '1. ': a list item's line
BULLET_MARK = re.compile(r"^[-*•+][ \t]++(?=\S)")
NUMBERED_PAREN = re.compile(r"\d{1,3}\)[ \t]++")
NUMBERED_HEADLINE = re.compile(r"^(?:#\d{1,3}|\d{1,3}[.)]?)[ \t]++[^\W\d]")  # '1. Title', '#2 Title', '3 Title'
NUMBERED_LINE = re.compile(r"^(?:#\d{1,3}|\d{1,3}[.)])[ \t]++\S")
# A line that is a link: a bare URL, or a short label and its URL ('comments: https://x')
# ('[ https://x ]': a text part that spaces its brackets, as HubSpot's and beehiiv's do)
LINK_LINE = re.compile(r"^(?:[^\s:]{1,30}(?:[ \t][^\s:]{1,30}){0,5}:[ \t]?)?(?:[<(\[][ \t]?)?https?://\S+?(?:[ \t][\])>])?$")
# A list line whose link is a '[n]' footnote after its anchor ('OpenAI opened an office in Warsaw [2], its
# fourth ...'): the anchor is the item's title (the 'Links:' list at the end resolves the number).
FOOTNOTE_LINK = re.compile(r"^(?P<title>[^\[\]()<>]{3,300}+)\[(?P<n>\d{1,4})\][ \t,.;:]*+(?P<rest>.*)$")
REF_START = re.compile(r"\[\d{1,4}\]")  # a 'Links:' list line, '[7] https://...'
WRAP_MIN, WRAP_MAX = 60, 80  # text parts are wrapped at 72 to 78 columns
SENTENCE_END = re.compile(r"[.!?:\"”’)\]]\s*$")
LINK_OPENS = re.compile(r"^(?P<title>[^\[\]()<>]{1,300}+)[\[(<]\s*+https?://")  # a line that opens with its link
LINK_LINE_END = re.compile(r"[.!?)\]]\*?[ \t]*$")  # a sentence's end; '*' a sponsor's footnote mark
COUNT_ALONE = re.compile(r"^[^\w\s|]{1,2}[ \t]?\d")  # '♥ 1,240 Likes', '☆ 8,412 Stars'
FOOTER_LINE = re.compile(r"(?im)^[ \t]*(?:links:?|[-=_~]{3,})[ \t]*$")  # ('~~~' fences a sponsor's block)
# A footnote's mark: two or three asterisks and a space ('* Based on unique clicks.' is the first, '** Find
# last week's issue here' the second: Substack's footers); bold text has no space after its asterisks.
FOOTNOTE_MARK = re.compile(r"^\*{2,3} (?=\S)")
# A heading underlined with a rule (Setext's 'Title' / '-----', as Markdown has it), which Mailchimp's text
# parts write with a '** ' before it ('** Interesting Tools' / 60 dashes): a line alone after a blank line.
UNDERLINED = re.compile(r"(?m)(?:\A|(?<=\n\n))[ \t]*+(?:\*\* )?+(\S[^\n]{0,300}+)\n[ \t]*+(?:-{3,}+|={3,}+)[ \t]*+$")
# A paragraph that opens with its headline as a run-in sentence and closes with its link ('Spotify raises prices
# in 30 markets. Music streaming was ... Link (https://x)'): the first sentence, of 2 to 16 words, ends in a
# word (not an initial: 'U.S.'), then the next sentence starts.
RUN_IN_LEAD = re.compile(rf"^(?P<title>[^\n]{{3,120}}?(?:[^\W_]{{2}}|[^\W_)’'”][)’'”]|[0-9]%)[.!?])\.?[ \t]++"
                         rf"(?=[{UPPER}0-9“\"‘'(])")
# ... and its link phrase at the end: 'Link (url)', 'Links: Apple (url) / Commission (url)', 'Source [ url ]'.
PERSONAL = re.compile(r"\b(?:I|I['’](?:m|ll|ve|d)|me|my|we|we['’](?:re|ll|ve)|us|our|you|you['’](?:re|ll|ve)|your)\b",
                      re.I)  # a letter's sentence speaks to the reader; a headline does not
BRIEFS_MIN = 2  # run-in paragraphs in a row under a header in capitals, for a brief (_briefs)
BRIEF_CHARS = 700  # a brief's paragraph is short: a longer one is a letter's or an essay's
CAPITALS_RUN_IN = re.compile(r"^([^\n:]{3,120}+:)[ \t]++(?=\S)")  # 'DATA CENTERS GET THEIR OWN GRID QUEUE: The ...'
RUN_IN_BODY = 20  # characters of text after the run-in, its link aside ("Thirty-seven thousand of them.")
LINK_TAIL = re.compile(r"(?:^|\s)(?:Links?|Sources?|Read more|More)(?::[ \t]|[ \t]?[(\[<])[^\n]{0,300}$")
# ... or that link phrase alone on its line, after the story's list: 'Link (https://x)'
LINK_ALONE = re.compile(r"^(?:Links?|Sources?|Read more|More):?[ \t]?[(\[<]?[ \t]?https?://[^\s()\[\]<>]++"
                        r"[ \t]?[)\]>]?\.?$")
# A sponsor's one-line credit: 'Sponsored by: Name — tagline. Learn more [ url ]' (its label ends in a colon)
SPONSOR_CREDIT = re.compile(r"^(?P<label>(?:sponsored|presented|brought\s+to\s+you)\s+by:)[ \t]++(?P<rest>\S.{0,300}+)$",
                            re.I)
LINK_AT_END = re.compile(r"[\[(<][ \t]*+(https?://[^\s\[\]()<>]++)[ \t]*+[\])>]\.?$")
LAST_WORDS = re.compile(r"[.!?][\"”’)]?\s+(?=\S{1,20}(?:\s\S{1,20}){0,3}\W*$)")  # before the last words


def text_blocks(raw: str, loose: bool = False) -> list[Block]:
    """Plain text. `loose`: also take a short unpunctuated line before a paragraph as a headline."""
    raw = drop_pictures(raw)
    headings: set[str] = set()
    pointed: set[str] = set()  # headlines a contents list points at
    if "\n---" in raw or "\n===" in raw:  # underlined headings: the mark comes off, the line is a heading
        raw = UNDERLINED.sub(lambda m: headings.add(m.group(1).strip()) or f"{m.group(1)}\n{m.group(0).rsplit(chr(10), 1)[1]}",
                             raw)
    heads, pointers = line_echoes(lines := raw.split("\n"))
    if heads or pointers:  # a contents list's entries come again as lines of their own: those are the headlines
        # (or, where only its leads come again as section labels, the list is teasers: it goes)
        pointed.update(x for k in heads for x in (lines[k].strip(), BOLD_LINE.sub(r"\1", lines[k].strip())))
        headings.update(pointed)
        raw = "\n".join(x for k, line in enumerate(lines) if k not in pointers
                        for x in (("", line, "") if k in heads else (line,)))
    if "━" in raw or "─" in raw or "═" in raw:  # a rule drawn in box characters separates, as a blank line does
        raw = BOX_RULE.sub("", raw)
    if SYMBOL_MARK.search(raw):
        headings.update(_symbol_headlines(raw.split("\n")))
    refs = {m.group(1): m.group(2) for m in REFERENCE_LINE.finditer(raw)}
    paragraphs = _counts_joined(_paragraphs(FOOTER_LINE.sub("", REFERENCE_LINE.sub("", raw))))
    unwrapped = _unwrapped(paragraphs)  # one paragraph a line (Substack, beehiiv): each line its own block
    parts: list[tuple[list[str], bool]] = []  # (lines, whether they are a list of linked lines)
    for n, para in enumerate(paragraphs):
        listed = _link_list(para) or _link_run(paragraphs, n)  # 'Title [ https://x ] - summary' lines: one item a line
        whole = not listed and _linked_title_over_text(para) is not None  # 'Name (url)' over its line of text
        parts += [([line], listed and _list_line(para, k)) for k, line in enumerate(para)] \
            if (unwrapped or listed) and not whole else [(para, False)]
    blocks: list[Block] = []
    briefs = _briefs(parts)
    for n, (para, listed) in enumerate(parts):
        found = briefs.get(n) or _run_in_story(parts, n) or _paragraph_run_in(parts[n]) \
            or _text_paragraph(para, refs, loose and n + 1 < len(parts), listed)
        if len(para) == 1 and para[0].strip() in headings and found:
            found[0] = replace(found[0], heading=2, bullet=False, pointed=para[0].strip() in pointed)
        blocks.extend(found)
    return blocks


def _symbol_headlines(lines: list[str]) -> set[str]:
    """'◆ Headline' over its paragraph: a text part (a Japanese mail magazine's, a plain-text digest's) that
    opens each headline with one decorative symbol, the same three times or more, alone on its line. A line
    of the symbol right over a rule or another such line ('■ Section' between rules) heads a section, not
    a story. One pass over the lines."""
    marked: dict[str, list[int]] = {}
    for k, line in enumerate(lines):
        if m := SYMBOL_LINE.match(line):
            marked.setdefault(m.group(1), []).append(k)
    heads: set[str] = set()
    for ks in marked.values():
        if len(ks) < SYMBOL_LINES_MIN:
            continue
        for k in ks:
            after = next((x for x in lines[k + 1:k + 4] if x.strip()), "")
            if after and not SYMBOL_LINE.match(after) and not RULE_ONLY.match(after.strip()):
                heads.add(lines[k].strip())
    return heads


def _run_in_story(parts: list[tuple[list[str], bool]], n: int) -> list[Block] | None:
    """'Spotify raises prices in 30 markets. Music streaming was ... Link (https://x)': a story told in one
    paragraph, its headline the run-in first sentence (bold in the HTML part, plain here), its link the
    'Link (url)' at its end or on a line of its own after the story's list (Benedict Evans's weekly, link
    blogs): the run-in is a linked headline, the rest its text."""
    lines, listed = parts[n]
    text = " ".join(lines)
    m = None if listed or LIST_MARK.match(text) or len(text) > 5000 else RUN_IN_LEAD.match(text)
    if m is None or not 2 <= len(m.group("title").split()) <= 16 or URL.search(m.group("title")):
        return None
    body = text[m.end():]
    tail = LINK_TAIL.search(body[-600:]) if len(body) >= RUN_IN_BODY else None
    url = URL.search(tail.group(0)) if tail else _link_after_list(parts, n + 1)
    if url is None or (tail and len(body) - len(tail.group(0)) < RUN_IN_BODY):
        return None
    title = m.group("title").rstrip(".")
    return [Block(text=title, url=url.group(0), line=True, link_only=True, heading=3), _text_body([body], {})]


def _paragraph_run_in(part: tuple[list[str], bool]) -> list[Block] | None:
    """A run-in headline cut off its paragraph as the html reader cuts it (bold there, plain here): a sponsor's
    (_sponsor_run_in), or a story's in capitals before a colon ('DATA CENTERS GET THEIR OWN GRID QUEUE: The
    European Commission will ...', POLITICO's and other Playbook-style letters; 'Who's worried: ...' in sentence
    case stays the story's text)."""
    lines, listed = part
    text = " ".join(lines)
    if listed or len(text) > 5000:
        return None
    if sponsor := _sponsor_run_in(text.strip("*_ ")):
        return sponsor
    m = CAPITALS_RUN_IN.match(text)
    if m is None or not m.group(1)[0].isalnum() or len(m.group(1).split()) < 3 or not capitals_run_in(m.group(1)) \
            or len(text) - m.end() < RUN_IN_BODY or in_capitals(text[m.end():m.end() + 60]):
        return None  # ('➚ MOVE FAST: ...' and 'SEKILAS INFO: ...' are labels; 'STOP PAYING ...: PER-SECOND ...' one title)
    return [Block(text=m.group(1), strong=True, line=True), _text_body([text[m.end():]], {})]


def _sponsor_run_in(text: str) -> list[Block] | None:
    """'**A message from Nordlicht Networks: Secure connectivity keeps Europe's grids running. Nordlicht builds ...**'
    (POLITICO's sponsor paragraphs): the opener and the sponsor's name a marker, the first sentence the sponsor's
    headline, the rest its text, as the html reader reads them (a label that names no one before its colon,
    'Sponsored by: Tidepool — ...', is the text reader's one-line credit)."""
    if not (m := OPENER_RUN_IN.match(text)) or not sponsors.marker_name(m.group(1)) \
            or not (s := SENTENCE_AND_REST.match(m.group(2))):
        return None
    return [Block(text=m.group(1), strong=True, line=True), Block(text=s.group(1), strong=True, line=True),
            _text_body([s.group(2)], {})]


def _briefs(parts: list[tuple[list[str], bool]]) -> dict[int, list[Block]]:
    """'WHILE YOU WERE SLEEPING' / 'China's exports beat forecasts. Shipments rose 9% ...' / 'A cyberattack
    grounded ...': a section header in capitals over two or more short paragraphs that each open with a
    run-in sentence (bold in the HTML part, plain here; Quartz's brief, Axios-style digests): each paragraph is
    an item, titled by that sentence. A letter's paragraphs open with short sentences too, but sit under no
    such header, run longer, or not one after another. {index in parts: its blocks}."""
    found: dict[int, list[Block]] = {}
    for n, (para, _) in enumerate(parts):
        if len(para) != 1 or not _section_line(para[0]):
            continue
        run = []
        for k in range(n + 1, len(parts)):
            blocks = _brief(parts[k])
            if blocks is None:
                break
            run.append((k, blocks))
        if len(run) >= BRIEFS_MIN:
            found.update(run)
    return found


def _section_line(line: str) -> bool:
    """'WHAT TO WATCH FOR TODAY': a section's header, a short line in capitals."""
    return _capitals_line(line, 60, 8)


def _kicker(line: str) -> bool:
    """'SCIENCE', 'AI', 'TECH POLICY': a story's kicker, a short label in capitals on the line over its headline."""
    return _capitals_line(line, 25, 3) and not line.endswith(":")


def _capitals_line(line: str, chars: int, words: int) -> bool:
    """A line in capitals of `chars` characters and `words` words at most, no sentence's punctuation at its end
    (a header may end in a colon)."""
    return len(line) <= chars and 1 <= len(line.split()) <= words and in_capitals(line) \
        and not re.search(r"[.,;!?]$", line)


def _brief(part: tuple[list[str], bool]) -> list[Block] | None:
    """One paragraph of a brief: its run-in first sentence (2 to 16 words, no link) and the rest."""
    lines, listed = part
    text = " ".join(lines)
    m = None if listed or LIST_MARK.match(text) or len(text) > BRIEF_CHARS else RUN_IN_LEAD.match(text)
    if m is None or not 2 <= len(m.group("title").split()) <= 16 or URL.search(m.group("title")) \
            or len(text) - m.end() < RUN_IN_BODY or m.group("title").endswith(("?", "!")) or ":" in m.group("title") \
            or "@" in text or NOISE.search(text) or PERSONAL.search(m.group("title")):
        # (the sign-off: 'Please send any news ... to hi@qz.com'; the editor's own note: 'I'm speaking at ...')
        return None
    return [Block(text=m.group("title").rstrip("."), line=True, heading=3), _text_body([text[m.end():]], {})]


def _link_after_list(parts: list[tuple[list[str], bool]], n: int) -> re.Match | None:
    """The link of a story whose paragraph has none: a list under it (at most a few lines), then 'Link (url)'
    alone."""
    end = min(n + 8, len(parts))  # (a bounded look: a list of at most eight lines)
    while n < end and all(LIST_MARK.match(line) for line in parts[n][0]) and len(parts[n][0]) <= 8:
        n += 1
    alone = " ".join(parts[n][0]) if n < len(parts) else ""
    return URL.search(alone) if len(alone) <= 300 and LINK_ALONE.match(alone) else None


def _list_line(para: list[str], k: int) -> bool:
    """Whether para[k], in a paragraph read as a list of links, is one of the list's lines: a line with a
    link, or one that goes on from the line above it (a wrapped item). A line without a link after a
    finished sentence, or first, is the list's own header ('1. Architectures') or the text around it."""
    line = para[k]
    return bool(URL.search(line) or INLINE_REF.search(line)) or (k > 0 and not SENTENCE_END.search(para[k - 1]))


def _counts_joined(paragraphs: list[list[str]]) -> list[list[str]]:
    """'⇧ 6,204 Likes' alone after a blank line belongs to the card above it (label, headline, count)."""
    out: list[list[str]] = []
    for para in paragraphs:
        if out and len(para) == 1 and count_line(para[0]) and len(out[-1]) <= 3 and not count_line(out[-1][-1]):
            out[-1] = out[-1] + para
        else:
            out.append(para)
    return out


def _unwrapped(paragraphs: list[list[str]]) -> bool:
    """Lines are paragraphs, not wrapped at a fixed width: many run past 100 characters."""
    lines = [line for para in paragraphs for line in para]
    return len(lines) >= 10 and sum(len(line) > 100 for line in lines) >= 0.3 * len(lines)


def _link_list(para: list[str]) -> bool:
    """Lines of linked titles, or lines that all open with a link (a text part's bulleted list)."""
    return len(para) >= 2 and (sum(ANCHORED_LINK.match(line) is not None for line in para) >= 0.6 * len(para)
                               or all(LEADING_LINK.match(line) for line in para))


def _link_run(paragraphs: list[list[str]], n: int) -> bool:
    """A list whose items stand a blank line apart: this one-line paragraph opens with its link and
    runs on ('Title [ https://y ] and now ...'), and a one-line paragraph beside it opens with its
    link too ('Title [ https://x ].'). (A line that is only a linked title is one already.)"""
    return _leading_link(paragraphs[n]) and not ANCHORED_LINK.match(paragraphs[n][0]) and any(
        0 <= k < len(paragraphs) and _leading_link(paragraphs[k]) for k in (n - 1, n + 1))


def _leading_link(para: list[str]) -> bool:
    """One line of at most 300 characters with one link, after one phrase of at most 150."""
    m = len(para) == 1 and len(para[0]) <= 300 and len(URL.findall(para[0])) == 1 and LEADING_LINK.match(para[0])
    return bool(m) and len(m.group("title")) <= 150 and not SENTENCE_BREAK.search(m.group("title"))


def _paragraphs(text: str) -> list[list[str]]:
    out = []
    for chunk in re.split(r"\n[ \t\u00a0]*(?=\n)", text):
        lines = [BOLD_LINE.sub(r"\1", line.strip()) for line in chunk.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            out.append(lines)
    return out


def _text_paragraph(lines: list[str], refs: dict[str, str], loose: bool, listed: bool = False) -> list[Block]:
    """One paragraph; a marked headline may start it or any line after a finished sentence
    (TLDR's text part often has no blank line before the next headline)."""
    cards = _card(lines) or _rows(lines)
    if cards:
        return cards
    if len(lines) >= 3 and (_kicker(lines[0]) or sponsor_marker(lines[0])) \
            and (titled := _title_over_link_line(lines[1:])) is not None:
        return [Block(text=lines[0], line=True)] + titled  # 'SCIENCE' / 'Title' / 'https://x' / its text
    if len(lines) > 1 and sponsor_marker(lines[0]):  # 'PRESENTED BY GRIDLINE' over the sponsor's headline
        return [Block(text=lines[0], line=True)] + [_text_line(line, refs) for line in lines[1:]]
    # '1. Open agents catch up' over its text, no blank line between
    if _numbered_title(lines) and _headline_end(lines, 0) is None:
        return [_text_line(lines[0], refs, headline=True, heading=3)] + _text_paragraph(lines[1:], refs, False)
    if len(lines) == 2 and BYLINE.match(lines[1]) and len(lines[0]) <= 150 and not URL.search(lines[0]) \
            and not lines[0].startswith(("“", "\"", "‘", "«")):  # (a quotation over its author: no headline)
        return [Block(text=lines[0], line=True), Block(text=lines[1], line=True)]  # 'Title' / 'By Jonas Frei'
    titled = _title_over_link_line(lines) or _linked_title_over_text(lines) or _title_over_text(lines)
    if titled is not None and _headline_end(lines, 0) is None:
        return titled
    if len(lines) == 1 and (m := KICKER_LINK.match(lines[0])) and not sponsor_marker(m.group("kicker")):
        # 'Read. Salt and Iron [ url ], a history of ...': the html part's bold kicker before a linked title
        return [Block(text=m.group("title"), url=m.group("url"), line=True, link_only=True),
                Block(text=m.group("rest"), line=True)]
    if len(lines) > 1 and BULLET_MARK.match(lines[0]) and not any(LIST_MARK.match(x) for x in lines[1:]):
        lines = [" ".join(lines)]  # one bulleted item wrapped over lines (a numbered line may be a headline)
    blocks: list[Block] = []
    if len(lines) > 1 and only_emoji(lines[0]):
        blocks.append(Block(text=lines[0], line=True))
        lines = lines[1:]
    body: list[str] = []

    def flush() -> None:
        if body:
            blocks.extend(_line_blocks(body[0], refs, listed, alone=len(lines) == 1) if len(body) == 1
                          else [_text_body(body, refs)])
            body.clear()

    i, found = 0, False
    while i < len(lines):
        starts = i == 0 or SENTENCE_END.search(lines[i - 1]) or _marked_alone(lines[i])
        end = _headline_end(lines, i) if starts else None
        if end is None:
            body.append(lines[i])
            i += 1
            continue
        flush()
        blocks.append(_text_line(" ".join(lines[i:end + 1]), refs, headline=True))
        i, found = end + 1, True
    if not found and loose and len(lines) == 1 and _loose_headline(lines[0]):
        return blocks + [_text_line(lines[0], refs, headline=True, heading=3)]
    flush()
    return blocks


def _title_over_link_line(lines: list[str]) -> list[Block] | None:
    """'Title' / '— Author' / 'tl;dr: ...' / 'https://x': a text part that gives each headline's link
    on a line of its own under it or at the end of its paragraph (Pointer, Hacker Newsletter's
    text part, Buttondown and Revue digests): the first line is the headline, the rest its text."""
    first = lines[0]
    if len(lines) < 2 or len(first) > 150 or not 2 <= len(first.split()) <= 20 or URL.search(first) \
            or re.search(r"[.,;:!]$", first) or LIST_MARK.match(first) or sponsor_marker(first) \
            or SENTENCE_BREAK.search(first) or first.endswith(("…", "...", "[…]", "[...]")):
        return None  # (two sentences, or a teaser's cut-off sentence: 'Niemand hatte ... eingerichtet […]', is text)
    at = next((n for n, line in enumerate(lines[1:], 1) if LINK_LINE.match(line)), None)
    if at is None:
        return None
    bare = URL.fullmatch(lines[at].strip("<>[]() "))  # 'See a sample: https://x' stays text (a call to action)
    rest = lines[1:at] + lines[at + (1 if bare else 0):]
    url = URL.search(lines[at]).group(0)
    return [Block(text=first, url=url, line=True, link_only=True, heading=3)] + ([_text_body(rest, {})] if rest else [])


def _linked_title_over_text(lines: list[str]) -> list[Block] | None:
    """'Kiteline 0.9 (https://x)' / 'A Git TUI that shows ...': a title with its link written after it
    (as a text part writes a linked heading), alone on the first line of its paragraph, over the lines
    of text that describe it: a headline, however short the name, and its text."""
    m = (ANCHORED_LINK.match(lines[0]) or SOURCED_LINK.match(lines[0])) if len(lines) >= 2 and len(lines[0]) <= 400 else None
    if m is None or m.groupdict().get("rest") or LIST_MARK.match(lines[0]) or sponsor_marker(lines[0]):
        return None
    title = " ".join(m.group("title").split())
    if not title or len(title) > 150 or len(title.split()) > 20 or URL.search(title) or _generic_anchor(title):
        return None
    if any(LIST_MARK.match(line) or LINK_LINE.match(line) or ANCHORED_LINK.match(line) for line in lines[1:]) \
            and not _numbered_story(title, lines):
        return None
    url = URL.search(lines[0][m.end("title"):]).group(0)
    if m.groupdict().get("paid"):
        title += " (Sponsored)"  # (a paid entry's tag marks it, as a headline's '(Sponsor)' does)
    return [Block(text=title, url=url, line=True, link_only=True, heading=3), _text_body(lines[1:], {})]


def _title_over_text(lines: list[str]) -> list[Block] | None:
    """'Ollama adds structured outputs' / 'Ollama ( https://x ) can now force a local model ...': a short line
    with no end punctuation right over a line of running text, in one paragraph: a headline over its text (a
    text part that keeps each entry's title and description on lines of their own, no blank line between).
    A wrapped paragraph's first line runs to the width; a title line stops short. (Not in Chinese, Japanese or
    Korean, whose text parts indent and break their lines by other rules.)"""
    first = lines[0]
    if len(lines) < 2 or len(first) > 100 or not 2 <= word_count(first) <= 14 or URL.search(first) \
            or re.search(r"[.,;:!?]$", first) or LIST_MARK.match(first) or sponsor_marker(first) or in_capitals(first) \
            or BYLINE.match(first) or CJK.search(first) or not re.match(r"[\"“‘'(A-Z0-9]", lines[1]) \
            or text_length(lines[1]) < 60 or len(first) >= 0.75 * len(lines[1]) \
            or LIST_MARK.match(lines[1]) or LINK_LINE.match(lines[1]):
        return None
    return [Block(text=first, line=True), _text_body(lines[1:], {})]


def _numbered_story(title: str, lines: list[str]) -> bool:
    """'1 The US is weighing ... (https://x)' / 'Officials worry ...' / '+ The region's ... (https://y)': a
    numbered headline over a line of its text, then its related links as a list: one story."""
    return bool(NUMBERED_HEADLINE.match(title)) and not (LIST_MARK.match(lines[1]) or LINK_LINE.match(lines[1])
                                                         or ANCHORED_LINK.match(lines[1]))


def _numbered_title(lines: list[str]) -> bool:
    """A numbered headline line ('1. Title', '2) Title', '#3 Title') that opens a paragraph of text:
    short, unpunctuated at its end, and followed by text rather than by the list's next line."""
    first = lines[0]
    return (len(lines) > 1 and bool(NUMBERED_LINE.match(first)) and len(first) <= 150
            and not re.search(r"[.,;:!]$", first) and not LIST_MARK.match(lines[1]) and not NUMBERED_LINE.match(lines[1])
            and sum(map(len, lines[1:])) >= 60)


def _card(lines: list[str]) -> list[Block]:
    """'PAPER' / 'Reward models are easier to fool than you think' / '♥ 2,015 Likes': a listing card,
    labels in capitals over a headline over its popularity line."""
    if not 2 <= len(lines) <= 4 or not count_line(lines[-1]) or count_line(lines[-2]) or len(lines[-2]) > 300:
        return []
    if not all(len(label) <= 40 and label.isupper() for label in lines[:-2]):
        return []
    return ([Block(text=label, line=True) for label in lines[:-2]]
            + [Block(text=lines[-2], line=True, heading=3), Block(text=lines[-1], line=True)])


def _rows(lines: list[str]) -> list[Block]:
    """'Agents | Tollway launches usage-based billing built for AI agents | ⇧ 1,130 Likes': a table of
    headlines, one a row, with a short label (or 'SPONSORED') and a count beside each."""
    blocks: list[Block] = []
    for line in lines:
        cells = [c.strip() for c in line.split(" | ")]
        widest = max(range(len(cells)), key=lambda n: len(cells[n].split()))
        if not 2 <= len(cells) <= 3 or len(cells[widest].split()) < 4 or any(
                len(c.split()) > 3 for n, c in enumerate(cells) if n != widest):
            return []
        label, rest = cells[:widest], cells[widest + 1:]
        if label and sponsor_marker(label[0]):
            blocks.append(Block(text=label[0], line=True))
            label = []
        blocks.append(Block(text=cells[widest], line=True, heading=3))
        if label + rest:
            blocks.append(Block(text=" · ".join(label + rest)))
    return blocks


def _headline_end(lines: list[str], start: int) -> int | None:
    """Index of the line that ends a marked headline starting at lines[start] (at most 3 lines)."""
    if is_masthead(lines[start]):
        return None  # 'TLDR AI 2026-04-22' right above the first headline
    for end in range(start, min(start + 3, len(lines))):
        if end > start and SENTENCE_END.search(lines[end - 1]):
            return None  # a headline does not run on across a finished sentence
        joined = " ".join(lines[start:end + 1])
        if len(joined) > 300:
            return None
        bare = _bare(joined)
        if marked(bare) or (start == end == 0 and TRAILING_REF.search(joined) and len(joined) <= 200
                            and not bare.endswith(".")):
            return end
    return None


def _marked_alone(line: str) -> bool:
    """The last line of a run is a whole headline by itself: the lines before it are not its start."""
    return marked(_bare(line))


def _bare(text: str) -> str:
    """A headline without its URL (and the brackets left around it) and its '[n]' reference."""
    return TRAILING_REF.sub("", URL.sub("", text).replace("()", "").replace("<>", "").rstrip()).rstrip()


def _loose_headline(line: str) -> bool:
    """A short unpunctuated line, not a picture's credit ('credit : Lena Vogt' over an essay's first paragraph)."""
    return (3 <= len(line) <= 150 and not re.search(r"[.,;:!]$", line) and not only_emoji(line)
            and not CREDIT.match(line.strip()))


def _text_line(line: str, refs: dict[str, str], headline: bool = False, heading: int = 0) -> Block:
    """One line; a '[n]' reference at its end gives its URL. A headline also gives up an inline URL."""
    url = ""
    line = line.rstrip()
    m = TRAILING_REF.search(line)
    if m:
        url = refs.get(m.group(1), "")
        line = line[:m.start()]
    found = URL.search(line)
    if found and headline and line.strip(" <>()") != found.group(0):
        line = (line[:found.start()] + line[found.end():]).replace("<>", "").replace("()", "")
    url = url or (found.group(0) if found else "")
    text = " ".join(INLINE_REF.sub("", line).split())
    return Block(text=text, url=url, heading=heading, line=True, link_only=headline and bool(url))


def _line_blocks(line: str, refs: dict[str, str], listed: bool = False, alone: bool = False) -> list[Block]:
    """A line on its own; 'Title [ https://x ] - summary' is a linked title and its text, and so is
    'Title [ https://x ] and more' in a list. A '- ' or '* ' line, or a line of a list of links, is
    a list item (its mark dropped); a line after a footnote's '**' or '***' (then a space: no list
    mark and no bold) is text. A numbered line alone in its paragraph ('2. Robot kitchens earn
    a certificate') is a numbered headline, not a list: it keeps its number (assemble drops it)."""
    if FOOTNOTE_MARK.match(line):
        return [_text_line(line, refs)]  # '** Find last week's issue here [ url ]': a footnote, not a headline
    credit = _sponsor_line(line) if not listed else None
    if credit:
        return credit
    mark = LIST_MARK.match(line)
    if mark and alone and not listed and NUMBERED_LINE.match(line) and not re.search(r"[.;!]$", line):
        mark = None
    elif mark or listed:  # a list's line: its item, or a story's related link
        return [replace(block, bullet=True) for block in _linked_line(line[mark.end():] if mark else line, refs, True)]
    return _linked_line(line, refs, False)


def _sponsor_line(line: str) -> list[Block] | None:
    """'Sponsored by: Graphloom — memory for your agents. Learn more [ url ]': a sponsor's one-line credit
    (its label and a colon, the sponsor's name and tagline, a call to action linked): the label flags what
    follows, the name and tagline are the sponsor's headline with the call's link (as the HTML part's
    '<b>Sponsored by:</b> Name — tagline <a>Learn more</a>' reads)."""
    m = SPONSOR_CREDIT.match(line)
    if m is None:
        return None
    rest = m.group("rest")
    found = LINK_AT_END.search(rest)
    url = found.group(1) if found else ""
    title = rest[:found.start()].rstrip() if found else rest
    cut = LAST_WORDS.search(title)
    if found and cut and GENERIC_LINK.match(title[cut.end():].strip()):
        title = title[:cut.end()].rstrip()  # 'Learn more' was the link's anchor, not the tagline's
    if len(title.split()) < 3 or URL.search(title):
        return None
    return [Block(text=m.group("label"), line=True),
            Block(text=title, url=url, line=True, link_only=bool(url), heading=3)]


def _linked_line(line: str, refs: dict[str, str], listed: bool) -> list[Block]:
    number = NUMBERED_PAREN.match(line)  # '2) Title [ https://x ]': the ')' is no bracket of the link
    lead, tail = (line[:number.end()], line[number.end():]) if number else ("", line)
    m = ANCHORED_LINK.match(tail) or (LEADING_LINK.match(tail) if listed else None)
    if not m and listed:
        return _footnote_linked(line, refs)
    if not m or URL.search(m.group("title")) or not m.group("title").strip() or _generic_anchor(m.group("title")):
        return [_text_line(line, refs)]
    url = URL.search(tail[m.end("title"):]).group(0)
    rest = m.group("rest")
    # 'Title [ url ] - 2026-06-02': a post's title and date, as a blog's digest writes each of its posts: a
    # heading of the rank below the digest's own (POST_RANK), which tells its plain lines to be its sub-heads
    dated = bool(rest) and bool(ISSUE_DATE_LINE.match(rest)) and not listed
    words = " ".join((lead + m.group("title")).split())
    kind = KIND_DATE.match(words)  # 'Link 2026-06-01 Title [ url ]:': the entry's kind and date are no title
    title = Block(text=words[kind.end():] if kind and len(words[kind.end():].split()) >= 2 else words, url=url,
                  line=True, link_only=True, bullet=bool(rest) and not dated, heading=POST_RANK if dated else 0)
    return [title, Block(text=rest, line=True, bullet=not dated)] if rest else [title]


def _generic_anchor(title: str) -> bool:
    """'Our course walks you through interviews. Learn more [ url ]': after a sentence, a generic link
    phrase ('Learn more', 'Read more', 'here') was all the link covered, as the HTML part shows."""
    m = LAST_WORDS.search(title)
    return bool(m) and bool(GENERIC_LINK.match(title[m.end():].strip()))


def _footnote_linked(line: str, refs: dict[str, str]) -> list[Block]:
    """A list line that opens with a footnoted link ('Title [2], and more. (Axios [3])'): the anchor
    of three words or more is the item's linked title, the rest its text; else the line is text."""
    m = FOOTNOTE_LINK.match(line)
    if not m or m.group("n") not in refs or len(m.group("title").split()) < 3 or URL.search(m.group("title")):
        return [_text_line(line, refs)]
    title = Block(text=" ".join(m.group("title").split()), url=refs[m.group("n")], line=True, link_only=True,
                  bullet=bool(m.group("rest")))
    rest = " ".join(INLINE_REF.sub("", m.group("rest")).split())
    return [title, Block(text=rest, line=True, bullet=True)] if rest else [title]


def _text_body(lines: list[str], refs: dict[str, str]) -> Block:
    text = " ".join(lines)
    ref, found = TRAILING_REF.search(text), URL.search(text)
    url = (refs.get(ref.group(1), "") if ref else "") or (found.group(0) if found else "")
    return Block(text=" ".join(INLINE_REF.sub("", text).split()), url=url)


def reflow(text: str) -> str | None:
    """A text part hard-wrapped at a fixed width (72 or 76 columns, as mail clients send it) with its
    wrapped lines joined again, or None when it is not wrapped. A line break is a wrap where the next
    line's first word would not have fit on the line; a line that ends short ended its paragraph
    (a headline, a sign-off), and a list line, a reference or a dek ('…Cheap robots…') starts a
    line of its own, and so does a card's count ('♥ 1,240 Likes' under a headline as wide as the text)."""
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return None
    out: list[str] = []
    last = ""  # the line before, as it was
    for k, line in enumerate(lines):
        first = line.split(None, 1)[0] if line.strip() else ""
        if out and last.strip() and first and not LIST_MARK.match(line.lstrip()) and not REF_START.match(first) \
                and not _next_link_line(out[-1], lines[k:k + 3]) \
                and not first.startswith(("…", "...")) and not _count_alone(line) \
                and not REF_START.match(last.lstrip()) \
                and len(last.rstrip()) + 1 + len(first) > width and not _headline_end_line(last) \
                and not _after_link_alone(last, first, width):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        else:
            out.append(line)
        last = line
    return "\n".join(out)


def _after_link_alone(last: str, first: str, width: int) -> bool:
    """'Title' / '(https://a-link-wider-than-the-text)' / 'Its text starts here.': a link too long for any
    line stands alone, so the line after it starts anew whatever its length; a capital there opens the
    headline's text (MIT's The Download, Mailchimp's text parts), where a wrapped sentence goes on in
    lower case ('... rose' / '(https://x)' / 'within a year')."""
    return len(last.rstrip()) > width and bool(URL.fullmatch(last.strip().strip("<>[]() "))) and first[:1].isupper()


def _next_link_line(before: str, lines: list[str]) -> bool:
    """'Relaylane [ https://x ] - Route every prompt ... evals.*' / 'Cartograph [ https://y ] - ...': in
    a list of lines that open with their link, a finished line and a line that opens with its link
    (its title or link may go on over the next two lines: 'Brightwater closes a fund for AI' /
    'infrastructure [' / 'https://x ]. Most of ...')."""
    if not (LINK_LINE_END.search(before) and LEADING_LINK.match(before)):
        return False
    m = LINK_OPENS.match(" ".join(line.strip() for line in lines)[:2500])
    return bool(m) and len(m.group("title")) <= 150 and not SENTENCE_BREAK.search(m.group("title"))


def _count_alone(line: str) -> bool:
    """'♥ 1,240 Likes' alone on its line: its symbol, then the count (not a row's last cell, nor the
    count of a line that ends in its symbol, wrapped)."""
    return count_line(line.strip()) and bool(COUNT_ALONE.match(line.strip()))


def _headline_end_line(line: str) -> bool:
    """'... (3 MINUTE READ) [7]': a headline ends here, whatever the width."""
    return bool(TRAILING_REF.search(line)) or marked(_bare(line.strip()))


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was wrapped at, if it was: lines of words run up to a width between
    WRAP_MIN and WRAP_MAX columns, a quarter of them close to it, next to none past it."""
    sizes = [len(line.rstrip()) for line in lines if " " in line.strip()]
    inside = [n for n in sizes if n <= WRAP_MAX]
    if len(sizes) < 10 or not inside:
        return None
    width = max(inside)
    near = sum(n >= width - 12 for n in inside)
    if width < WRAP_MIN or near < 0.25 * len(sizes) or len(sizes) - len(inside) > 0.05 * len(sizes):
        return None
    return width

