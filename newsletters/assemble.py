"""Format-independent half of the newsletter splitter: text blocks in, items out.

The format readers (html, markdown, text) turn a newsletter into a flat list of `Block`s (one
paragraph, heading or line each); `assemble` walks them once, in order, asks `rules` what each
is (section header, headline, sponsor marker, boilerplate or text), and builds the items.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from . import contents, sponsors
from .blocks import POST_RANK, Block, Draft
from .patterns import (
    GENERIC_LINK,
    HIRING_PITCH,
    HOUSE_SECTION,
    DATE_ALONE,
    ISSUE_DATE_LINE,
    MAX_SECTION_CHARS,
    MAX_TITLE_CHARS,
    SPONSORED_NOTE,
    SUBHEAD,
    URL,
    clean_url,
    counting_on,
    emoji_prefix,
    marked,
    only_emoji,
    split_read_time,
    template_keys,
    text_length,
    words_key,
)
from .rules import (
    CREDIT,
    LIST_LEAD_IN,
    RULES,
    STRICT_MARKED,
    SENTENCE_BREAK,
    caps_name,
    house_section,
    intro_only,
    list_header,
    next_block,
    noise,
    picture_link,
    prose,
    section_like,
    sponsor_marker,
    subhead,
    title_kind,
)
from .titles import bare_numbers, clean_title

MASTHEAD_BLOCKS = 40  # where the post's title may come again, linked, after the title line
MASTHEAD_BODY = 60  # characters of text: less, and a leading 'item' is a masthead line or a byline
LISTING_RUN = 3  # ... unless it starts a run of this many linked headlines over short text: a digest's entries
LISTING_TEXT = 20  # characters of text under each entry of such a run (a byline's date is less)
LISTING_TITLE_WORDS = 3  # words in each entry's headline ('Jack Clark' is a byline)
LINK_LIST_TITLE_CHARS = 100  # a bare linked headline's length: a longer line is a sentence ('1,100 — A restored ...')
# The writer's own posts of the week, tagged by who may read them: '(FREE) The Autocomplete Years Are Over: ...',
# '(PAID) How to Keep a Writing Voice ...' (a Substack's list of its own posts): the house's, no story
OWN_POST = re.compile(r"^\W{0,2}[(\[](?:free|paid|premium|paywalled|subscribers?[\s-]only)[)\]]\s", re.I)
TARGET = re.compile(r"(?:https?://|mailto:)[^\s<>()\[\]]++", re.I)  # a link target written inline
# 'Ars Technica Newsletter', 'The Weekly Digest': a publication's name in the masthead (a text part's first
# line, an image's alt text), never a headline
NAMEPLATE = re.compile(r"^(?:[\w&.'’-]+\s){0,4}(?:newsletter|weekly|daily|digest|briefing|bulletin|roundup|dispatch)$", re.I)
# 'Российский IT-дайджест №40', 'Weekly Digest #212', 'Issue 88': a name and the issue's number, the issue's own title
# 'En verder: een fietsslot ..., het einde van de wachtrij en ...' under the issue's h1: the rest of the issue named
TEASER = re.compile(r"^(?:plus|also(?:\s+inside)?|and\s+also|en\s+verder|verder|außerdem|ausserdem|et\s+aussi|"
                    r"además|inoltre|dále|också|desuden|også)\s*+[:—–]", re.I)
ISSUE_TITLE = re.compile(r"^[^\n]{0,60}?(?:№|#|\b(?:no\.|nr\.|issue|edition|выпуск|ausgabe|numéro|número))\s?\d{1,5}\W{0,3}$", re.I)
CLOSING_CREDIT = re.compile(r"^(?:sponsored|presented|brought\s+to\s+you|paid\s+for)\s+by\b", re.I)  # (not 'A message from X')
# 'Title · comments', 'Title (comments)': Hacker Newsletter's discussion link after each headline
DISCUSSION_LINK = re.compile(r"\s++(?:[·|]\s*+(?:\d{1,6}\s)?comments?|\((?:\d{1,6}\s)?comments?\))"
                             r"(?:\s*+[—–-]\s(.{1,300}))?$", re.I)
# '➚ MOVE FAST: Robot lawn mowers. Sales of wire-free mowers doubled ...': a label in capitals, a short
# phrase that ends its sentence (the story's name), then the story (Semafor's paired quick hits).
LABEL_RUN_IN = re.compile(r"^[^\w\s]{0,3}+\s?+[A-Z][A-Z0-9&'’ -]{1,30}+: ([^.!?:]{3,60}+)\. ([A-Z\"“‘].{39,})$", re.S)
RUN_IN_ITEM = re.compile(r"^([^:.!?\n]{3,60}+): (\S.{39,})$", re.S)  # 'Voice mode everywhere: three assistants ...'
RUN_IN_LIST_MIN = 3
NAME_WORDS, NAME_CHARS, DESCRIPTION_CHARS = 3, 40, 25  # a listing's linked name and the line that describes it
RUN_IN_PARAGRAPHS_MIN, RUN_IN_WORDS, RUN_IN_STORY_CHARS = 2, 8, 40  # a run of bold run-in stories
# An essay's paragraphs of running text under its story's heading (a heading, or a bold line of four words or more)
PROSE_LOOK_BACK, STORY_HEADING_WORDS = 6, 4
TAGGED_PARTS = 2  # an ad tagged at its paragraph's end (sponsors.tagged_at_end) is an item of a paragraph or two
CREDIT_LINES, CREDIT_WORDS = 3, 6  # a credit's lines (author, publication, date) under a pick's title
STORY_TEXT_CHARS = 200  # a bold line over this much text heads a story, whatever its sentences end in ('... 1948. The')
RUN_IN_SENTENCE_WORDS = 16  # a run-in that is a whole bold sentence ('Lumen Air’s pilots vote on a strike.')
LONE_NUMERAL = re.compile(r"^\s*+#?(\d{1,2})[.)]?\s*+$")  # '1', '02', '#3', '4.' alone: a list's number set apart
# a list entry's first sentence and the rest: 'I started a slow shelf. It's a single ...', 'My son asked why old
# cartoons look "wobbly." So we ...' (the full stop inside the quotes)
ENTRY_SENTENCE = re.compile(r"^([^.!?\n]{8,200}+[.!?][\"”’']?)\s++(\S.*)$", re.S)
SENTENCE_LIST_MIN = 3
# the letter's own first paragraph ('Good morning. It's Wednesday ...', 'Hi Reader, here's ...'), no ad's copy
LETTER_OPENS, LETTER_CHARS = re.compile(r"^(?:good\s+(?:morning|afternoon|evening)|hi|hey|hello|dear)\b", re.I), 60
# a sponsor's paragraph's last sentence, its call ('... with 300 teams. Download the on-call handoff checklist.')
CLOSING_CALL = re.compile(r"[.!?]\s++([A-Z][^.!?\n]{5,80}+)[.!]?\s*$")
PITCH_MIN_CHARS = 80
EMPTY_BRACKETS = re.compile(r"\s*+(?:\(\s*+\)|\[\s*+\]|<\s*+>)")  # what an inline link target leaves
RECURRING_WORDS = 5  # a sub-head every story repeats: five words at most (how often: patterns.template_keys)
POSTSCRIPT = re.compile(r"^P\.?P?\.?S\.?$")  # 'PS: several of you asked ...': a postscript, no story's label
FIRST_SENTENCE = re.compile(r"(.{20,300}?[.!?])\s+(?=[A-Z0-9\"“‘'])")


@dataclass
class Assembly:
    drafts: list[Draft]
    doc_title: str | None
    blocks_read: int
    rule: str = ""


@dataclass
class Layout:
    """What holds for the whole document. A newsletter whose headlines carry marks ('(N minute
    read)', '(Sponsor)' ...) marks them all (strict): then an unmarked link line is a call to action
    or a link in the text, not a headline."""

    blocks: list[Block]
    marks: list[bool]  # per block: a marked headline
    strict: bool
    one_h1: bool = False  # a single h1 over h2/h3 headings: the post's title (beehiiv, Substack, Ghost)
    recurring: frozenset[tuple] = frozenset()  # sub-heads every story repeats ('What they did', 'My take'): _said keys
    last_pointed: int = -1  # the last block a contents list points at (-1: none)


@dataclass
class Walk:
    """What the walk over the blocks knows so far."""

    drafts: list[Draft] = field(default_factory=list)
    current: Draft | None = None  # the item that text goes to
    doc_title: str | None = None
    section: str | None = None
    section_sponsored: bool = False  # the section is a sponsor's ('💰 Sponsored')
    pending_sponsor: bool = False  # a 'SPONSORED' line right above: the next item is a sponsor's
    by_marker: bool = False  # the current item was flagged by such a line: a headline, no label
    used: dict[str, None] = field(default_factory=dict)  # the rules that started items, in order of first use
    sponsor_rank: tuple[str, int] | None = None  # a sponsor's section and its first headline's heading rank
    sponsor_label: int = 0  # the heading rank of the sponsor's label ('Sponsored By: Northlake' as an h3), if one
    templated: Draft | None = None  # the item that one of the issue's recurring sub-heads went into last

    @property
    def sponsored(self) -> bool:
        return self.section_sponsored or self.pending_sponsor

    def start(self, draft: Draft, kind: str) -> None:
        self.current = draft
        self.drafts.append(draft)
        if self.section_sponsored and (self.sponsor_rank or ("", 0))[0] != self.section:
            # (a bold headline under a heading label: a heading of the label's rank or above ends the block)
            rank = draft.heading or (self.sponsor_label + 1 if self.sponsor_label else 0)
            self.sponsor_rank = (self.section or "", rank) if rank else self.sponsor_rank
        self.used[kind] = None
        self.by_marker, self.pending_sponsor = self.pending_sponsor and not self.section_sponsored, False


def assemble(blocks: list[Block], fallback: bool = False) -> Assembly:
    """Walk the blocks once, in document order, and gather items."""
    blocks = _sentence_list(_run_in_list(_label_run_ins(_headed_run_ins(_bold_run_ins(_pointed(_numerals(blocks)))))))
    marks = [len(b.text) <= MAX_TITLE_CHARS and marked(b.text) for b in blocks]
    h1s = sum(b.heading == 1 for b in blocks)
    layout = Layout(blocks, marks, sum(marks) >= STRICT_MARKED,
                    h1s == 1 and sum(b.heading in (2, 3) for b in blocks) >= 2, _recurring_subheads(blocks),
                    max((k for k, b in enumerate(blocks) if b.pointed), default=-1))
    walk = Walk()
    i = 0
    while i < len(blocks):
        block, i = (blocks[i], i + 1) if blocks[i].text[:1].isalnum() else _merge_emoji_line(blocks, i)
        if block is None or not _readable(block.text) or SPONSORED_NOTE.match(block.text):
            continue  # '***' separators; '*Sponsored listing' (the starred item is flagged in _finish)
        _step(walk, layout, block, i)
    drafts = _finish(walk.drafts, layout.strict)
    if any(d.whole for d in drafts):
        walk.used["post"] = None
    rule = "split by " + "; ".join(RULES[k] for k in walk.used)
    return Assembly(drafts, walk.doc_title, len(blocks), f"generic rules: {rule}" if fallback else rule)


def _pointed(blocks: list[Block]) -> list[Block]:
    """The blocks a contents list (its list items) points at are headlines (pointed); the list goes
    (contents.py; a text part's lines are looked at by the text reader already)."""
    heads, pointers = contents.echoes([b.text for b in blocks], [b.bullet for b in blocks])
    if not heads and not pointers:
        return blocks
    return [replace(b, pointed=True) if k in heads else b for k, b in enumerate(blocks) if k not in pointers]


def _numerals(blocks: list[Block]) -> list[Block]:
    """A list's numbers set in blocks of their own (a big '1' over the first story's paragraph, '2' over the
    next: a table cell or div each) go: a story's number is no text of it, and left in place each one stands
    between two stories as if it were one, so that the run of stories under them is never seen as a run.
    Only numbers that count on (two or more, each one more than another) are a list's; a lone figure stays."""
    drop = counting_on({k: int(m.group(1)) for k, b in enumerate(blocks)
                        if not b.url and (m := LONE_NUMERAL.match(b.text))})  # (a heading too: markdownify made one)
    if len(drop) < 2:
        return blocks
    out = []
    for k, b in enumerate(blocks):
        if k - 1 in drop and not (b.heading or b.strong or b.bullet or b.run_in or b.link_only):
            b = replace(b, bullet=True)  # '3' over a paragraph: the list's third entry (a text part's numbers)
        if k not in drop or k + 1 >= len(blocks):
            out.append(b)
    return out


def _sentence_list(blocks: list[Block]) -> list[Block]:
    """A run of three or more list entries that are each a short paragraph opened by a short sentence
    ('I started a slow shelf. It's a single shelf by my desk ...', a link inside or none), right under a
    section's name, a line announcing them ('Here are 10 things I thought were worth sharing this week:')
    or nothing: the issue's stories, each titled by its first sentence. (Under a story's running text such
    a list is the story's: 'Three takeaways. ...'.)"""
    heads = [_first_sentence(b) for b in blocks]
    out: list[Block] = []
    n = 0
    while n < len(blocks):
        end = _run_end(heads, n)
        whole = sum(bool(rest) for _, rest in heads[n:end])
        before = blocks[n - 1] if n else None
        opens = whole >= max(SENTENCE_LIST_MIN, (end - n) / 2) and (
            before is None or bool(LIST_LEAD_IN.search(before.text[-200:])) or (
                (bool(before.heading) or before.strong or before.line or caps_name(before)) and len(before.text) <= 60
                and not before.bullet and not before.text.endswith((".", ",", ";"))))
        if opens:
            for block, (title, rest) in zip(blocks[n:end], heads[n:end]):
                out.append(replace(block, text=title, strong=True, line=True, bullet=True, link_only=False))
                if rest:
                    out.append(replace(block, text=rest, bullet=False, url=""))
        else:  # (the run as it was, whole: walking it again from each entry would take quadratic time)
            out += blocks[n:max(end, n + 1)]
        n = max(end, n + 1)
    return out


def _run_end(heads: list, n: int) -> int:
    """Where the run of blocks with a head (a truthy entry of heads) that starts at n ends."""
    end = n
    while end < len(heads) and heads[end]:
        end += 1
    return end


def _first_sentence(block: Block) -> tuple[str, str] | None:
    """A list entry's first sentence (three to twenty words) and the rest (a sentence at least), if the
    entry is such a paragraph, not a bare link, a heading or a bold line; an entry of one sentence alone
    ('Ear candy: a cassette ... weddings.') is its own title, with no rest."""
    if not block.bullet or block.heading or block.strong or block.link_only or len(block.text) < 60:
        return None
    m = ENTRY_SENTENCE.match(block.text)
    if m is not None and 3 <= len(m.group(1).split()) <= 20 and len(m.group(2)) >= 20:
        return m.group(1).rstrip(), m.group(2)
    if m is None and len(block.text) <= 300 and block.text.rstrip()[-1:] in ".!?\"”":
        return block.text.strip(), ""
    return None


def _recurring_subheads(blocks: list[Block]) -> frozenset[tuple]:
    """Short unlinked title-like lines (a heading, a bold line, a text part's line) whose words come
    again and again in one issue ('What they did' / 'My take' under each paper, 'The details' under each
    story): the template every story repeats, so sub-heads inside the stories, never headlines. A
    headline is written once; a sponsor's label may come back over each ad, and flags it."""
    said = (_said(block) for block in blocks
            if (block.heading or block.strong or block.line) and not block.url and not block.bullet
            and len(block.text.split()) <= RECURRING_WORDS and not sponsor_marker(block.text))
    return frozenset(template_keys(Counter(key for key in said if key[0])))


def _said(block: Block) -> tuple:
    """A line's words and its rank: a sub-head comes back the same (an h3 under each story); the issue's title
    over a story of the same words (an h1 over an h2) is no sub-head said twice."""
    return words_key(block.text), block.heading, block.strong


def _bold_run_ins(blocks: list[Block]) -> list[Block]:
    """Two or more paragraphs in a row, each led by its own short bold phrase and a colon and each linking
    its source ('**Lost in orbit:** A satellite startup ... <a>Reuters reports</a>.', '**Free plan, fewer
    features:** ...'): a run of news stories, each titled by its run-in (the colon off), its text the rest.
    Labels are no titles: a run-in of the sub-head lexicon ('Why it matters:'), one said twice in the run,
    a sponsor's ('Sponsored by:'), or one over text without a link (a reviewer's 'What we like:', a
    reader's quote under 'Maya, Editor:')."""
    keys = [_run_in_key(b) for b in blocks]
    out: list[Block] = []
    n = 0
    while n < len(blocks):
        end, seen = n, set()
        while end < len(blocks) and (keys[end] or _bold_label_over_story(blocks, end)) and \
                (key := keys[end] or words_key(blocks[end].text)) not in seen:
            seen.add(key)
            end += 1 if keys[end] else 2  # a run-in paragraph, or a bold line and its story's paragraph
        # (one such paragraph right under a sponsor's marker, 'SPONSORED' / '🔐 **Keep your footage on your own
        # disk.** Lockbox encrypts ...': the sponsor's card, titled by its run-in)
        carded = end == n + 1 and bool(keys[n]) and n > 0 and bool(sponsor_marker(blocks[n - 1].text))
        if (carded or len(seen) >= RUN_IN_PARAGRAPHS_MIN) and any(keys[n:end]) \
                and not _sentences_in_prose(blocks, n, end):
            for k in range(n, end):
                block = blocks[k]
                if keys[k]:
                    out += [Block(text=block.run_in.rstrip(": ."), strong=True, line=True),
                            replace(block, text=block.text[len(block.run_in):].strip(), run_in="", lead_strong=False)]
                else:  # (the bold line of a pair, its colon off; its paragraph as it was)
                    out.append(replace(block, text=block.text.rstrip(": ")) if block.strong else block)
        else:  # (a run of one, or of bold lines alone, stays as it was; it is not walked again: linear)
            out += blocks[n:max(end, n + 1)]
        n = max(end, n + 1)
    return out


def _headed_run_ins(blocks: list[Block]) -> list[Block]:
    """A section's short heading over a paragraph opened by a bold whole sentence, twice or more in the issue
    under headings that differ ('Money & Business' / '**A chipmaker’s quarter is the real AI demand index.** Forget
    the launch ...'; a heading said twice is a sub-head, 'THE TAKEAWAY'): each sentence titles a story in that section (a run of run-ins needs them in a row; these have a heading and
    more paragraphs between them). Linear: one pass to find the pairs, one to cut them."""
    pairs = {k for k in range(1, len(blocks)) if _heading_over_sentence(blocks[k - 1], blocks[k])
             and not (k + 1 < len(blocks) and blocks[k + 1].run_in[-1:] in (".", "!", "?"))}  # (a run of them: the other passes')
    said = Counter(words_key(blocks[k - 1].text) for k in pairs)  # ('THE TAKEAWAY' over each story's last word: a sub-head)
    pairs = {k for k in pairs if said[words_key(blocks[k - 1].text)] == 1}
    if len(pairs) < 2:
        return blocks
    out: list[Block] = []
    for k, block in enumerate(blocks):
        out += [Block(text=block.run_in.rstrip(" ."), strong=True, line=True),
                replace(block, text=block.text[len(block.run_in):].strip(), run_in="", lead_strong=False)] \
            if k in pairs else [block]
    return out


def _heading_over_sentence(head: Block, block: Block) -> bool:
    return (head.heading >= 2 or head.strong) and not head.url and not head.bullet and len(head.text.split()) <= 5 \
        and block.run_in[-1:] in ".!?" and bool(_run_in_key(block))


def _teaser(block: Block | None) -> bool:
    """A line under the issue's title that names what else is inside ('En verder: ...', 'Plus: ...'): the h1
    over it is the issue's title, not a story's headline."""
    return block is not None and not block.heading and not block.strong and bool(TEASER.match(block.text))


def _sentences_in_prose(blocks: list[Block], n: int, end: int) -> bool:
    """A run of paragraphs opened by bold whole sentences right after a paragraph of running text: an
    essay's emphasis ('<b>The reasons are not what you’d expect.</b> Neither cited ...' under a story's
    heading and its first paragraph), not a brief's stories, which come under a header of their own, or under the
    letter's masthead and the line that introduces the day's notes (Deník N's 'Co dnešek přinesl ...')."""
    if not (all(blocks[k].run_in[-1:] in ".!?" for k in range(n, end) if blocks[k].run_in) and n > 0
            and prose(blocks[n - 1])):
        return False
    k = n - 1
    while k > 0 and n - k <= PROSE_LOOK_BACK and prose(blocks[k]):
        k -= 1
    return bool(blocks[k].heading) or blocks[k].strong and len(blocks[k].text.split()) >= STORY_HEADING_WORDS


def _bold_label_over_story(blocks: list[Block], n: int) -> bool:
    """'**Layoffs at a fitness tech company:**' on a line of its own over its story's linked paragraph: the
    same run-in, where the mail tool put the bold phrase in a block of its own."""
    block, nxt = blocks[n], blocks[n + 1] if n + 1 < len(blocks) else None
    return (block.strong and not block.url and not block.heading and not block.bullet and block.text.endswith(":")
            and 2 <= len(block.text.split()) <= RUN_IN_WORDS and not SUBHEAD.match(block.text)
            and not sponsor_marker(block.text.rstrip(": ")) and nxt is not None and bool(nxt.url)
            and not (nxt.heading or nxt.strong or nxt.bullet or nxt.link_only or nxt.run_in)
            and len(nxt.text) >= RUN_IN_STORY_CHARS)


def _run_in_key(block: Block) -> str:
    """A paragraph's bold run-in as a key, if it may title a story ('' for a label or none)."""
    lead = block.run_in
    sentence = lead[-1:] in ".!?"  # a bold first sentence: a brief's story, with or without a link
    if sentence and ":" in lead and lead.split(":")[0].strip(" ➚➘→↗↘").isupper():
        return ""  # ('➚ MOVE FAST: Robot lawn mowers.': a label before the phrase, _label_run_ins's to read; a
        # kicker in words, 'Ny undersøgelse: Hver tredje dansker ...', is part of the headline)
    if not lead or not (block.url or sentence) or block.heading or block.bullet or not block.text.startswith(lead) \
            or len(block.text) - len(lead) < RUN_IN_STORY_CHARS \
            or not 2 <= len(lead.split()) <= (RUN_IN_SENTENCE_WORDS if sentence else RUN_IN_WORDS) \
            or SUBHEAD.match(lead) or sponsor_marker(lead.rstrip(": ")) or POSTSCRIPT.match(lead.rstrip(": ")):
        return ""
    return words_key(lead)


def _run_in_list(blocks: list[Block]) -> list[Block]:
    """A run of three or more plain list items each led by a short title and a colon ('Open weights for
    a 400B model: a European lab released ...'): a list of stories, each item's title before its colon
    (as a bold one would be), its text after it. A lone such line, or a list of a few, is a list."""
    heads = [None if b.url or b.heading or b.strong or not b.bullet else RUN_IN_ITEM.match(b.text) for b in blocks]
    out: list[Block] = []
    n = 0
    while n < len(blocks):
        end = _run_end(heads, n)
        if end - n >= RUN_IN_LIST_MIN:
            for block, m in zip(blocks[n:end], heads[n:end]):
                out += [replace(block, text=m.group(1).strip(), strong=True, line=True, bullet=False),
                        replace(block, text=m.group(2))]  # (a story of its own, even inside a longer one)
            n = end
        else:
            out.append(blocks[n])
            n += 1
    return out


def _label_run_ins(blocks: list[Block]) -> list[Block]:
    """A paragraph led by a label in capitals and a short phrase ('➚ MOVE FAST: Robot lawn mowers.
    Sales ...'): the phrase is the story's bold title line, the rest its text; the label goes."""
    out: list[Block] = []
    for block in blocks:
        m = None if block.heading or block.bullet or block.link_only else LABEL_RUN_IN.match(block.text)
        label = m.group(0)[:m.start(1)].split(":")[0].strip(" ➚➘→↗↘") if m else ""
        if m and label.isupper() and len(m.group(1).split()) <= 8 and not POSTSCRIPT.match(label):
            out += [Block(text=m.group(1).strip(), strong=True, line=True), replace(block, text=m.group(2), strong=False)]
        else:
            out.append(block)
    return out


def _step(walk: Walk, layout: Layout, block: Block, i: int) -> None:
    """One block (blocks[i - 1], or an emoji line merged with it): 1. what it is (rules.title_kind);
    2. a title that starts no new item; 3. a label right above a headline dropped; 4. its place."""
    nxt = _next_past_subheads(layout, i)
    if layout.recurring and _said(block) in layout.recurring and not noise(block):
        if walk.current is not None:
            _add_body(walk.current, block)  # 'My take' under its paper: the paper goes on
            walk.templated = walk.current
        return
    if walk.pending_sponsor and not walk.drafts and LETTER_OPENS.match(block.text) and len(block.text) >= LETTER_CHARS:
        walk.pending_sponsor = False  # 'In partnership with' over the partner's logo, then 'Good morning. It's
        # Wednesday, and we're covering ...': the letter begins; the logo was the partner's whole mention up here
    is_marked = layout.marks[i - 1] if block is layout.blocks[i - 1] else None
    kind = title_kind(block, walk.current, nxt, layout.strict, walk.section, is_marked)
    if kind is None:
        kind = _title_by_context(walk, layout.blocks, block, nxt, i)
    elif kind in ("heading", "title") and block.heading == 1 and layout.one_h1 and not walk.drafts \
            and _post_title(layout.blocks, i):
        kind = None  # the post's title (linked to the post or not) over its subtitle, the only h1 above the
        # stories' h2/h3: no item
    if _story_goes_on(walk, block, kind, nxt):
        return
    if _no_new_item(walk, layout, block, kind, nxt, i):
        return
    if kind and kind not in ("pointed", "marked") and _inside_pointed(walk.current, block) \
            and (not block.url or i - 1 < layout.last_pointed):
        _add_body(walk.current, block)  # 'Token bucket:' in a list under a story the contents named: its text
        return
    closing = walk.by_marker and _section_over(walk.current, block)
    if kind and not layout.strict and (not walk.by_marker or closing) and not noise(block) and (
            _label(walk.current, walk.drafts) or _intro(walk.current, walk.drafts, block)):
        # (boilerplate after a story, a referral block's heading, ends it; it does not make it a label)
        walk.drafts.pop()  # 'VIREO BIO' right above a headline: a label, not an item
        if closing and walk.drafts:  # ('PUBLICITÉ' under an ad's copy, then the next section's h2 over its h3:
            walk.drafts[-1].sponsored = True  # the label closed the ad above, and flags no section)
        walk.section, walk.section_sponsored, walk.current = walk.current.title, False, None
        kind = title_kind(block, walk.current, nxt, layout.strict, walk.section)
    draft = _place(walk, block, kind, nxt)
    if draft is not None:
        draft.listed = block is layout.blocks[i - 1] and _in_listing(layout.blocks, i - 1)
        walk.start(draft, kind or "pitch")  # (a block of no title kind starts an item only as a sponsor's pitch)


def _next_past_subheads(layout: Layout, i: int) -> Block | None:
    """The block after blocks[i - 1] that a title looks at (rules.next_block), past the issue's recurring
    sub-heads: a headline over the sub-head its story opens with ('Box Office Blues' / 'What's going on here?')
    has the story's text after it, not a heading that would make the title a section's name."""
    nxt = next_block(layout.blocks, i)
    if layout.recurring and nxt is not None and _said(nxt) in layout.recurring:
        nxt = next((b for b in layout.blocks[i:i + 3] if _said(b) not in layout.recurring), None)
    return nxt


def _story_goes_on(walk: Walk, block: Block, kind: str | None, nxt: Block | None) -> bool:
    """A would-be title that is the open story's own line (its sub-head, run-in, source or a label over its
    links): given to the story (or ending it, for a label over a list), and True; else False."""
    if kind == "strong" and walk.current is not None and walk.templated is walk.current and not block.url \
            and not sponsor_marker(block.text):
        _add_body(walk.current, block)  # 'For markets: Cheaper boxes.' under the story's 'Why should I care?': its text
        return True
    if kind in (None, "strong") and _story_subhead(walk.current, block) and nxt is not None \
            and not nxt.heading and (nxt.link_only or not nxt.bullet):
        if nxt.bullet:  # a label over a list of links ('Hot on Semafor'): the story ends, a section starts
            walk.section, walk.section_sponsored, walk.current = block.text, False, None
        else:
            _add_body(walk.current, block)  # 'The News', 'Room for Disagreement': the story goes on
        return True
    if kind in ("title", "line") and _credit_line(walk.current, block):
        _add_body(walk.current, block)  # 'Lena Strauss, Star Tribune' linked where the story's text links: its source
        return True
    if kind == "line" and _question_subhead(walk.current, block):
        _add_body(walk.current, block)  # 'Apa artinya buat kita?' under 'Rupiah Menguat Setelah Data Inflasi ...'
        return True
    if kind == "line" and _line_subhead(walk.current, block):
        _add_body(walk.current, block)  # 'What went well' inside a post under its linked, dated title
        return True
    if kind and _ranked_subhead(walk.current, block, nxt):
        _add_body(walk.current, block)  # 'What I asked for' (h4) inside a post under its h3 title: the post goes on
        return True
    return False


def _section_over(current: Draft | None, block: Block) -> bool:
    """The item just started under a sponsor's bare label is an h1/h2 with no text, and a heading of a lower
    rank follows at once: it is the next section's header, not the sponsor's headline."""
    return current is not None and not current.parts and 0 < current.heading < block.heading


def _credit_line(current: Draft | None, block: Block) -> bool:
    """A short linked line (no heading, no bold) under a story whose running text already links to the same
    place: the story's source credit ('Lena Strauss, Star Tribune', 'via The Verge'), not a headline of its
    own. A headline links elsewhere than the text above it."""
    return (current is not None and current.prose and bool(block.url) and not block.heading and not block.strong
            and len(block.text.split()) <= 8 and clean_url(block.url) in current.links)


def _inside_pointed(current: Draft | None, block: Block) -> bool:
    """A title-like block inside a story the contents list named (its bold run-ins, its list's names), up
    to the next heading of the story's rank or above, a sponsor's marker or boilerplate: the story's own
    structure, no item. (The next story the contents names starts one: 'pointed'. After the last one the
    caller lets a linked line start an item: a contents list may name only the lead stories, and the
    issue's links follow them.)"""
    return current is not None and current.pointed and not (block.heading and (
        not current.heading or block.heading <= current.heading)) and not sponsor_marker(block.text) and not noise(block)


def _post_title(blocks: list[Block], i: int) -> bool:
    """The only h1 (blocks[i - 1]) over a subtitle and then the issue's own headings, a label or a list,
    with no second paragraph of running text before the next heading: the post's title (a digest such
    as a beehiiv or Substack issue), where a letter's h1 has its column right under it."""
    paragraphs = 0
    for block in blocks[i:i + 12]:
        if block.heading:
            return True
        paragraphs += prose(block)
        if paragraphs > 1:
            return False
    return False


def _story_subhead(current: Draft | None, block: Block) -> bool:
    """A short bold line (five words at most, no link) inside a story under an h1/h2 headline of
    five words or more: one of the story's sub-heads ('The News', 'Room for Disagreement', 'Q: Why
    drones?'), a rank below its headline, not a headline of its own (news templates such as
    Semafor's). A sponsor's label is none: it flags what follows."""
    return (current is not None and current.heading in (1, 2) and len(current.title.split()) >= 5
            and subhead(block))


def _ranked_subhead(current: Draft | None, block: Block, nxt: Block | None) -> bool:
    """A short unlinked heading of a lower rank than the story's own (an h4 to h6 under an h1 to h3
    headline), inside a story that has running text already and over more of it: a sub-head of the
    story, not a headline (a blog post's 'What I asked for', 'How they did')."""
    if current is None or not current.prose or not 0 < current.heading < block.heading or block.url \
            or len(block.text.split()) > 6 or sponsor_marker(block.text) or nxt is None or nxt.heading or nxt.link_only:
        return False
    if block.heading >= 4:
        return not nxt.bullet and len(nxt.text) >= 40
    # an h3 over a paragraph, under an h2 essay of two paragraphs or more ('🔎 Focus on: ...' / its lede / 'Start
    # with a project brief'): the essay's sub-head. (Under a section's h2 and its one line of introduction, the h3s
    # are the section's stories; over a list, an h3 names a list of links: 'Deals' in DealBook's Speed Read.)
    return block.heading == 3 and current.heading <= 2 and sum(len(p) >= MASTHEAD_BODY for p in current.parts) >= 2 \
        and not nxt.bullet and len(nxt.text) >= 40


def _question_subhead(current: Draft | None, block: Block) -> bool:
    """A text part's short question in sentence case ('Siapa yang bisa daftar?', 'What changes now?', five words
    at most) inside a story whose headline is in title case ('Seratus Sekolah Rakyat Mulai Terima Murid') and has
    running text already: the story's sub-head, which the HTML part sets in bold under the h2; the newsletter's
    headlines are not written so."""
    words = block.text.split()
    return (current is not None and current.prose and not block.url and not block.heading and len(words) <= 5
            and block.text.endswith("?") and words[0][:1].isupper() and all(w[:1].islower() for w in words[1:])
            and _title_case(current.title))


def _title_case(title: str) -> bool:
    """Five words or more, three in four of those of four letters or more capitalised ('Kemenhub Setujui Kenaikan
    Tarif Ojek Daring hingga 12 Persen'): a headline style, not a sentence."""
    long = [w for w in title.split() if len(w) >= 4 and w[:1].isalpha()]
    return len(title.split()) >= 5 and len(long) >= 3 and 4 * sum(w[:1].isupper() for w in long) >= 3 * len(long)


def _line_subhead(current: Draft | None, block: Block) -> bool:
    """A text part's plain line (no link) inside a post that its linked, dated title opened ('Title [ url ]
    - 2026-06-02', read as a heading of POST_RANK) and that has running text already: one of the post's
    sub-heads ('What went well', 'How they did', a lead-in 'Here's how I ran it:'), as the HTML part ranks
    them h4 under the post's h3. The posts of such a digest carry their links and dates; a line without
    them is no post of its own. (A column's sections under its one title, undated, stay items.)"""
    return (current is not None and current.heading == POST_RANK and bool(current.url) and current.prose
            and not block.url and not block.heading)


def _title_by_context(walk: Walk, blocks: list[Block], block: Block, nxt: Block | None, i: int) -> str | None:
    """A headline that only its neighbours tell: a bold line right under a sponsor marker (the
    sponsor's headline, whatever follows it); a short linked title over its subtitle or scene line
    ('[A supply depot, 2039]', '…Cheap teleoperation goes a long way…') and then running text."""
    if walk.pending_sponsor and _bold_title(block) and not (caps_name(block) and _entries_follow(blocks, i)):
        return "strong"  # (a section's name in capitals over entries of its own, 'AI IN THE NEWS' right under a
        # display ad's 'ADVERTISEMENT' label, is no sponsor's headline: the ad was a picture)
    subtitled = i < len(blocks) and blocks[i].text.startswith(("…", "...", "["))
    if subtitled and block.link_only and not block.bullet and len(block.text.split()) >= 2 and prose(nxt):
        return "title"
    if block is blocks[i - 1] and _in_listing(blocks, i - 1):
        return "title"  # 'tablefold' over 'Pivot, unpivot and reshape data frames ...', and another such pair
    return None


def _entries_follow(blocks: list[Block], i: int) -> bool:
    """Two or more of the four blocks after blocks[i - 1] link somewhere of their own, none a button ('Learn
    more'), and none is a heading: a section's linked stories, not an ad's copy and its button."""
    after = blocks[i:i + 4]
    return not any(b.heading or GENERIC_LINK.match(b.text) for b in after) and len({b.url for b in after if b.url}) >= 2


def _in_listing(blocks: list[Block], at: int) -> bool:
    """blocks[at] names an entry of a listing: it and the pair before or after it are _named_entry pairs."""
    return _named_entry(blocks, at) and (_named_entry(blocks, at - 2) or _named_entry(blocks, at + 2))


def _digest_entry(blocks: list[Block], at: int) -> bool:
    """blocks[at] is a linked line in a digest of linked headlines each over a short line ('hackaday.io · 276
    points · 41 comments'): the pair right before it is such an entry, and so is it or the pair before that.
    A digest's next entry, not a picture's alt text over the story's text (a picture sits between one
    headline and its paragraph, with no run of entries before it)."""
    return _short_entry(blocks, at - 2) and (_short_entry(blocks, at) or _short_entry(blocks, at - 4))


def _short_entry(blocks: list[Block], at: int) -> bool:
    if not 0 <= at < len(blocks) - 1:
        return False
    head, line = blocks[at], blocks[at + 1]
    return (head.link_only and not (head.strong or head.heading or head.bullet)
            and len(head.text.split()) >= LISTING_TITLE_WORDS
            and not (line.link_only or line.heading or line.bullet) and text_length(line.text) < MASTHEAD_BODY)


def _named_entry(blocks: list[Block], at: int) -> bool:
    """blocks[at] is a short linked name (three words at most: a tool, a repository, a product) with a line
    of description under it: one entry of a listing of named things, where a name is too short to read as a
    headline by itself; two such pairs in a row make the listing."""
    if not 0 <= at < len(blocks) - 1:
        return False
    name, line = blocks[at], blocks[at + 1]
    return (name.link_only and not name.bullet and len(name.text.split()) <= NAME_WORDS
            and len(name.text) <= NAME_CHARS and not GENERIC_LINK.match(name.text) and not noise(name)
            and not sponsor_marker(name.text) and not (line.heading or line.link_only or line.bullet)
            and (not line.url or text_length(line.text) >= 2 * DESCRIPTION_CHARS)  # (a credit linked at its end)
            and text_length(line.text) >= DESCRIPTION_CHARS and not noise(line))


def _bold_title(block: Block) -> bool:
    """A bold line of three words or more that is no label: under a sponsor marker, the sponsor's headline,
    linked or not, even where it reads like a button ('Get 3 months of cloud storage for $1': an ad's
    headline is its offer)."""
    text = block.text
    return block.strong and (not block.url or block.link_only) and len(text.split()) >= 3 \
        and len(text) <= MAX_TITLE_CHARS and not text.endswith(":") and not sponsor_marker(text)


def _no_new_item(walk: Walk, layout: Layout, block: Block, kind: str | None, nxt: Block | None, i: int) -> bool:
    """A title-like block that starts no item: the post's own title again, a banner linked like the
    headline under it, a picture's alt text."""
    if kind and kind != "pointed" and not layout.strict and 1 < i <= MASTHEAD_BLOCKS and block.text == layout.blocks[0].text \
            and not (nxt is not None and (_byline(nxt) or (block.heading and (prose(nxt) or _date(nxt)))
                                          or (block.strong and prose(nxt) and (bool(SENTENCE_BREAK.search(nxt.text))
                                                                               or len(nxt.text) >= STORY_TEXT_CHARS))
                                          or (block.strong and _credit_over_text(layout.blocks, i)))):
        walk.current = None  # the post's own title, linked under the masthead (Substack): no item
        # (over its 'By <author>' byline, or a heading over running text, it heads the post's first story; so does a
        # bold line over sentences, not over a one-sentence dek: the preheader at the top of html2text's copy
        # repeats the first story's title, as Recomendo's does)
        return True
    if kind in ("title", "strong", "heading") and _same_link(walk.current, walk.drafts, block):
        if 0 < walk.current.heading < block.heading:
            _add_body(walk.current, block)  # a linked h3 under the linked h2 headline, to the same place: its subtitle
            return True
        fresh = _draft(block, walk.section, walk.current.sponsored)
        walk.current.title, walk.current.read_time = fresh.title, fresh.read_time or walk.current.read_time
        walk.current.parts.clear()  # (a kicker is no part of the story's text)
        return True  # a banner's alt text linked like the headline under it: one item, the headline's
    # its alt text is no headline (a listing's next linked name, under the last one's line, is not a picture)
    # nor is the next of a list of bare linked headlines, under two of them)
    return kind == "title" and picture_link(block, walk.current, nxt) \
        and not (block is layout.blocks[i - 1]
                 and (_in_listing(layout.blocks, i - 1) or _digest_entry(layout.blocks, i - 1))) \
        and not (len(walk.drafts) >= 2 and all(d.linked and not d.parts for d in walk.drafts[-2:]))


def _letter_credit(walk: Walk, block: Block, nxt: Block | None) -> bool:
    """A sponsor's name under its marker ('Sponsored by Tessaline Tours', a logo's label that markdownify wrote as a
    heading) before the issue's first story and over the editor's running text: the issue's sponsor credited, not a
    section of paid stories (the sponsor's own item comes later under a marker of its own)."""
    return not any(d.prose for d in walk.drafts) and not block.url and len(block.text.split()) >= 3 \
        and prose(nxt) and not nxt.url  # (no story yet: 'View in web browser' over the masthead tells none)


def _credit_over_text(blocks: list[Block], i: int) -> bool:
    """blocks[i:] open with a credit's short lines ('Helen Carrow', 'Granta', '6th July 2026': a pick's author,
    publication and date, which markdownify wrote as cells of their own) over a story's text."""
    k = i
    while k < len(blocks) and k - i < CREDIT_LINES and len(blocks[k].text.split()) <= CREDIT_WORDS \
            and not (blocks[k].url or blocks[k].heading or blocks[k].strong):
        k += 1
    return i < k < len(blocks) and prose(blocks[k]) and len(blocks[k].text) >= STORY_TEXT_CHARS


def _place(walk: Walk, block: Block, kind: str | None, nxt: Block | None) -> Draft | None:
    """The item a block starts (returned); or else what it does to the walk: a sponsor marker flags
    what follows, boilerplate ends the item before it, a first h1 is the document's title, a
    section header opens a section, and any other block is text of the current item."""
    text = block.text
    if kind == "marked":
        draft = _draft(block, walk.section, walk.sponsored)
        draft.bullet = block.bullet  # a tagged listing in a run of listings ('Chartwise ... (sponsored)')
        return draft
    if walk.current is not None and not block.heading and (sponsors.credit(text) or _closing_credit(walk.current, block, nxt)):
        walk.current.sponsored = True  # 'Promoted by Kestrel' under the headline: this item is paid
        return None
    if sponsor_marker(text) or _announcement(block, nxt):
        if _letter_credit(walk, block, nxt):
            return None  # 'Sponsored by Tessaline Tours' over the editor's note, before any story: the issue's credit
        if block.heading or emoji_prefix(text).strip():
            walk.section, walk.section_sponsored, walk.sponsor_label = text, True, block.heading
        else:
            walk.pending_sponsor = True
    elif noise(block):
        if _utility_line(walk.current, block):
            walk.current.byline = walk.current.byline or _byline(block)
            return None  # 'By Maya Levin • Jun 11 View in browser' right under the post's title: the item goes on
        if walk.current is not None and walk.current.parts and not walk.current.prose and prose(nxt) \
                and DATE_ALONE.match(text):
            _add_body(walk.current, block)
            return None  # '6th July 2026' ending a pick's credit, over its comment: the pick goes on (a masthead's
            # date right under its title still ends it)
    elif block.heading == 1 and walk.doc_title is None and not walk.drafts and walk.section is None \
            and not block.url and (kind != "heading" or ISSUE_TITLE.match(text)):
        walk.doc_title = text
    elif block.heading and not walk.drafts and not block.url and _teaser(nxt):
        walk.doc_title = walk.doc_title or text  # the issue's title, of any rank (markdownify's h2), over its teaser
    elif kind == "bullet":
        return _bullet_draft(block, walk.section, walk.sponsored)
    elif kind:
        if _outranks_sponsor(walk, block):  # the sponsor's block is over: the stories go on unflagged
            walk.section, walk.section_sponsored = None, False
        return _draft(block, walk.section, walk.sponsored)
    elif section_like(block) or list_header(block, nxt) or caps_name(block) or _house_label(block, nxt):
        walk.section, walk.section_sponsored, walk.pending_sponsor = text, False, False
    else:
        if walk.current is not None:
            _add_body(walk.current, block)
        elif walk.pending_sponsor and (pitch := _sponsor_pitch(block, nxt)):
            draft = _draft(replace(block, text=pitch, heading=0), walk.section, True)
            _add_body(draft, block)
            return draft  # 'A message from our sponsor, Pagewell:' / '... Download the checklist.' (linked), then the
            # issue's next section: the sponsor's paragraph is its item, titled by its closing call
        elif walk.pending_sponsor and prose(block) and not block.url and "://" not in block.text:
            walk.pending_sponsor = False  # 'Advertisement' over a banner, then the letter: the ad was the banner
        return None  # the item goes on
    walk.current = None
    return None


def _sponsor_pitch(block: Block, nxt: Block | None) -> str:
    """The title of a sponsor's paragraph that has no headline: right under a sponsor's marker, a paragraph of
    running text with a link, that ends in a short sentence (its linked call, 'Download the on-call handoff
    checklist.'), and after it no headline that the marker could be flagging (a heading, a section's name, a
    rule or the end). '' if it is no such paragraph."""
    if not block.url or block.heading or block.bullet or block.link_only or len(block.text) < PITCH_MIN_CHARS \
            or (nxt is not None and not (nxt.heading or section_like(nxt) or caps_name(nxt) or noise(nxt))):
        return ""
    m = CLOSING_CALL.search(EMPTY_BRACKETS.sub("", TARGET.sub("", block.text)))
    return m.group(1).strip() if m and 2 <= len(m.group(1).split()) <= 10 else ""


def _house_label(block: Block, nxt: Block | None) -> bool:
    """A house section's name as a plain label of five words at most over a linked headline ('Job of the day'
    in small grey capitals that only CSS makes capitals, over a job ad's linked title): the section starts."""
    return (not block.heading and not block.url and len(block.text.split()) <= 5 and nxt is not None
            and bool(nxt.url) and bool(HOUSE_SECTION.match(block.text)))


def _closing_credit(current: Draft, block: Block, nxt: Block | None) -> bool:
    """'Sponsored by Nightfall' under an item's text that names Nightfall, over a block that does not (in its
    text or its link): the credit line that closes the sponsor's own item, not a marker over the next."""
    name = sponsors.marker_name(block.text).casefold()
    if not name or not current.parts or not CLOSING_CREDIT.match(block.text.strip("*_ ")):
        return False
    said = TARGET.sub("", " ".join([current.title, *current.parts])).casefold()  # (its words, not its links' hosts)
    return name in said and (nxt is None or name not in f"{nxt.text} {nxt.url}".casefold())


def _announcement(block: Block, nxt: Block | None) -> bool:
    """'This issue is brought to you by Fernwood' as plain text over the sponsor's headline (a short
    line, unfinished): a sponsor marker. Over a paragraph it is the sponsor's headline itself (Pointer)."""
    return (not (block.strong or block.heading or block.url) and sponsors.announcement(block.text)
            and nxt is not None and len(nxt.text) <= 150 and not re.search(r"[.!?]$", nxt.text))


def _outranks_sponsor(walk: Walk, block: Block) -> bool:
    """A headline that outranks the first headline under a sponsor's label ('FROM OUR PARTNER' over
    an h2, then the day's stories in h1 again): the sponsor's block has ended, and its label with it.
    Headlines of the sponsor's rank or below stay in the sponsor's section."""
    return (walk.section_sponsored and walk.sponsor_rank is not None and walk.sponsor_rank[0] == (walk.section or "")
            and 0 < block.heading < walk.sponsor_rank[1])


def _utility_line(current: Draft | None, block: Block) -> bool:
    """A short boilerplate line ('View in browser' beside a byline) right under a headline with no
    text yet: the masthead's utility row over a post (Ghost), or the post's date line, not the end of
    the item."""
    return current is not None and not current.parts and (_byline(block) or _dateline(current, block))


def _dateline(current: Draft, block: Block) -> bool:
    """A bare date right under a heading ('2026-06-02', 'June 29, 2026'): the post's date line. A
    linked date counts only under a linked heading (a blog's posts, each under its own link), and
    then not as a heading itself (a masthead's linked name over the issue's date is no heading)."""
    return current.heading > 0 and _date_text(block) and (not block.url or (bool(current.url) and not block.heading))


def _date(block: Block) -> bool:
    return not block.heading and _date_text(block)


def _date_text(block: Block) -> bool:
    return len(block.text) <= 40 and bool(ISSUE_DATE_LINE.match(block.text))


def _byline(block: Block) -> bool:
    """'By Maya Levin • Jun 11, 2026 View in browser': a post's byline row."""
    return len(block.text) <= 80 and not block.heading and block.text.startswith("By ")


def _readable(text: str) -> bool:
    """Anything to read: a letter or digit, or an emoji ('***' separators are not)."""
    return bool(text) and (text[0].isalnum() or any(ch.isalnum() for ch in text) or bool(emoji_prefix(text).strip()))


def _finish(drafts: list[Draft], strict: bool) -> list[Draft]:
    """Sponsor footnotes applied; in layouts without marks, a masthead's title, subtitle and
    byline (or banner) before the first item with text are dropped, and so are a house hiring block
    and the links of a house section (its own highlights, community corner). Text is measured
    without the URLs a text part writes inline."""
    for draft in drafts:
        starred = _footnoted(draft.title) or bool(draft.parts and _footnoted(draft.parts[-1]))
        if len(draft.parts) <= TAGGED_PARTS and any(map(sponsors.tagged_at_end, draft.parts)):
            draft.sponsored = True  # '... Free for teams up to ten. SPONSORED': the ad's paragraph says so at its end
        if starred:  # 'Relaylane*': a single trailing asterisk is a newsletter's sponsor footnote
            draft.title = draft.title.rstrip("* ")
            draft.sponsored = True
        draft.title = draft.title.rstrip(",")
        if m := DISCUSSION_LINK.search(draft.title):  # the editor's note after the link goes to the text
            draft.title, draft.parts = draft.title[:m.start()], ([m.group(1)] if m.group(1) else []) + draft.parts
    bare_numbers(drafts)
    drafts = _without_repeats(drafts)
    if strict:
        return drafts
    drafts = [d for d in drafts if not (d.parts and _words(d.parts[0]) <= 300 and HIRING_PITCH.search(d.parts[0]))
              and not OWN_POST.match(d.title) and not _label_over_credit(d)]
    drafts = _one_post(_without_house_links(drafts))
    if drafts and not drafts[0].url and not drafts[0].sponsored and NAMEPLATE.match(drafts[0].title):
        drafts = drafts[1:]  # 'Ars Technica Newsletter' over the editor's letter: the masthead's name, no item
    first = next((n for n, d in enumerate(drafts) if d.bullet or d.listed or d.pointed
                  or sum(map(_words, d.parts)) >= MASTHEAD_BODY or _listing_at(drafts, n) or _link_list_at(drafts, n)), 0)
    # (a sponsor's item above the first story is the issue's sponsor, not the masthead)
    return [d for n, d in enumerate(drafts) if (n >= first or d.sponsored) and (d.parts or d.url or d.bullet or d.sponsored)]


def _label_over_credit(draft: Draft) -> bool:
    """A story's section label at its end ('Education', 'Arts + Culture', three words at most) over nothing but
    the next story's picture credit ('Shutterstock/Mark Dunmore'): no story of its own."""
    return not draft.sponsored and len(draft.title.split()) <= 3 and bool(draft.parts) \
        and all(CREDIT.match(part.strip()) for part in draft.parts)


def _one_post(drafts: list[Draft]) -> list[Draft]:
    """A single post sent whole (Ghost): its title linked to the web version, its byline row under it ('By
    Joseph Cox – 10 Jul 2026 – View in browser') and running text, then only unlinked headings over more
    running text ('What the update changed', 'The company responds'): those are the post's sub-heads, and
    their text is the post's. A digest's stories each have a link or a byline of their own; a sponsor's card
    in the middle stays an item."""
    stories = [d for d in drafts if not d.sponsored]
    if len(stories) < 2 or not (stories[0].linked and stories[0].byline and stories[0].prose) or any(
            not d.heading or d.linked or d.byline or d.bullet or d.listed or not d.prose for d in stories[1:]):
        return drafts
    post = stories[0]
    post.whole = True
    for d in stories[1:]:
        post.parts += [d.title, *d.parts]
    return [d for d in drafts if d is post or d.sponsored]


def _listing_at(drafts: list[Draft], n: int) -> bool:
    """A digest's entries start at n: LISTING_RUN linked headlines in a row, in one section and of one
    heading level, each over a line of its own text ('github.com · 447 points · 96 comments'). A masthead's
    title, subtitle and byline are never three linked headlines with text under each, so short entries
    are items, not masthead."""
    run = drafts[n:n + LISTING_RUN]
    return len(run) == LISTING_RUN and all(
        d.linked and not d.sponsored and (d.section, d.heading) == (run[0].section, run[0].heading)
        and len(d.title.split()) >= LISTING_TITLE_WORDS and sum(map(_words, d.parts)) >= LISTING_TEXT for d in run)


def _link_list_at(drafts: list[Draft], n: int) -> bool:
    """A list of linked headlines with no text under them starts at n: LISTING_RUN of them in a row, in one
    section, each of LISTING_TITLE_WORDS words or more, a headline's length, and linking somewhere of its own (Revue's five bold
    links of a Sunday letter). A masthead's links are its name, 'View online' and a topic row: never three
    multi-word headlines to three places, so the list is the issue's items, not its masthead."""
    run = drafts[n:n + LISTING_RUN]
    return len(run) == LISTING_RUN and len({d.url for d in run}) == LISTING_RUN and all(
        d.linked and not d.parts and not d.sponsored and d.section == run[0].section
        and len(d.title.split()) >= LISTING_TITLE_WORDS and len(d.title) <= LINK_LIST_TITLE_CHARS for d in run)


def _footnoted(text: str) -> bool:
    """'Relaylane*': one asterisk at the end, a sponsor's footnote mark ('**bold**' and '*italic*' are
    Markdown read as text)."""
    return text.endswith("*") and not text.endswith("**") and not text.startswith("*")


def _without_repeats(drafts: list[Draft]) -> list[Draft]:
    """An item whose headline and link both repeat an earlier item's, once, is that item again, not a new
    one: an export that holds the email's HTML rendering and its text alternative one after the other.
    (Its text, where the first had none, goes to the first.)"""
    again = second_copies([(d.title, d.url) for d in drafts])
    first: dict[tuple[str, str], Draft] = {}
    out: list[Draft] = []
    for n, draft in enumerate(drafts):
        key = (words_key(draft.title), draft.url)
        if n in again:
            if not first[key].parts:
                first[key].parts = draft.parts
            continue
        first.setdefault(key, draft)
        out.append(draft)
    return out


def second_copies(titled: list[tuple[str, str]]) -> set[int]:
    """Which of (title, link) pairs are an earlier pair again: the same words and the same link, given
    exactly twice. What comes three times or more is not an export of two alternatives (a newsletter pasted
    many times over, a list that repeats on purpose): every copy stays. (The rules' drafts and the learned
    reader's items both go through this.)"""
    keys = [(words_key(title), url) for title, url in titled]
    times = Counter(keys)
    seen: set[tuple[str, str]] = set()
    again: set[int] = set()
    for n, key in enumerate(keys):
        if key[0] and key[1] and times[key] == 2 and key in seen:
            again.add(n)
        seen.add(key)
    return again


def _without_house_links(drafts: list[Draft]) -> list[Draft]:
    """The items of a house section (its own highlights, job board, podcast episodes) left out. An h1/h2
    story ends the house section, and so does a story told in paragraphs after the section's list of
    links: where a flattened layout never names the next section, the stories after the house
    section's list are stories again."""
    out: list[Draft] = []
    listed: str | None = None  # the house section whose list of links was left out
    ended: str | None = None  # the house section whose list is over
    for d in drafts:
        if house_section(d.section) and d.section != ended:
            if d.heading not in (1, 2) and not (d.prose and not d.bullet and listed == d.section):
                listed = d.section if d.bullet else listed
                continue
            ended = d.section
        out.append(d)
    return out


def _words(text: str) -> int:
    """How much there is to read: the link targets a text part writes inline ('(https://...)',
    '(mailto:...)') do not count."""
    return len(TARGET.sub("", text)) if ":" in text else len(text)


def _label(current: Draft | None, drafts: list[Draft]) -> bool:
    """The item just started has no text of its own and no link of its own (or is an emoji-led
    heading): if a headline follows at once, it was a label or a section header. A linked line of
    more than eight words is a headline even with an emoji before it (a list of linked headlines)."""
    return (current is not None and bool(drafts) and drafts[-1] is current and not current.parts
            and not current.bullet and len(current.title) <= MAX_SECTION_CHARS
            and (not current.url or (bool(emoji_prefix(current.title).strip()) and len(current.title.split()) <= 9)))


def _intro(current: Draft | None, drafts: list[Draft], block: Block) -> bool:
    """A top-level heading with one short paragraph, then headlines of a lower rank (bold or linked
    lines, list items, h3): a section's header and its introduction ('The must-reads' / 'I've
    searched the web so you don't have to ...' in The Download, 'Treats to Try' in The Neuron)."""
    return (current is not None and bool(drafts) and drafts[-1] is current and intro_only(current)
            and block.heading not in (1, 2))


def _same_link(current: Draft | None, drafts: list[Draft], block: Block) -> bool:
    """The headline links where the item just begun links, and that item has no text yet, or only a kicker
    ('SCIENCE' between a picture's alt text and the headline, in markdownify's flattened table cells)."""
    return (current is not None and bool(drafts) and drafts[-1] is current and (not current.parts or _kicker(current.parts))
            and bool(current.url) and clean_url(block.url) == current.url)


def _kicker(parts: list[str]) -> bool:
    """A story's kicker (a rubric of one to three words over its headline), as the only text so far."""
    return len(parts) == 1 and len(parts[0]) <= 30 and 1 <= len(parts[0].split()) <= 3 and not parts[0].endswith(".")


def _bullet_draft(block: Block, section: str | None, sponsored: bool) -> Draft:
    """'Corvid AI raised $310M to build ...': the first sentence is the title, the rest the body."""
    text = block.text
    m = FIRST_SENTENCE.match(text) if len(text) > 120 else None
    title, body = (m.group(1), text[m.end():].strip()) if m else (text[:MAX_TITLE_CHARS], "")
    draft = _draft(replace(block, text=title), section, sponsored)
    draft.bullet = True
    if body:
        draft.parts.append(body)
    return draft


def _merge_emoji_line(blocks: list[Block], i: int) -> tuple[Block | None, int]:
    """'🚀' alone, then 'Headlines & Launches': one section header block."""
    block = blocks[i]
    if not only_emoji(block.text):
        return block, i + 1
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and nxt.text and not only_emoji(nxt.text):
        merged = Block(text=f"{block.text.strip()} {nxt.text}", heading=max(nxt.heading, 2) if not nxt.url else 0,
                       url=nxt.url, link_only=nxt.link_only, strong=nxt.strong, line=nxt.line)
        if section_like(merged) or sponsor_marker(merged.text):
            return merged, i + 2
    return None, i + 1


def _draft(block: Block, section: str | None, sponsored: bool) -> Draft:
    """A new item from its headline block, its title cleaned (titles.py: read time, sponsor label, list
    number kept as the item's, 'Q:' label)."""
    t = clean_title(block.text)
    return Draft(title=t.title, url=clean_url(block.url), read_time=t.read_time, sponsored=sponsored or t.labelled,
                 section=section, heading=block.heading, pointed=block.pointed, number=t.number, linked=bool(block.url))


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
    if not draft.url:  # a headline without a link: the body's first link (or bare URL) is the item's
        found = block.url or (m.group(0) if (m := URL.search(text)) else "")
        draft.url = clean_url(found)
    draft.parts.append(text)
    if block.url:
        draft.links.add(clean_url(block.url))
    draft.prose = draft.prose or (len(text) >= MASTHEAD_BODY and not block.bullet)
