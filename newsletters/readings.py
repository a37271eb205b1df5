"""One way through: every reader turns a body into the same Block sequence, `assemble` turns blocks
into items, and where more than one reader could read the body the candidate splits are scored and
the best kept, so that one line break against a blank line can no longer decide between 0 and 5
items. Beside the rule readings, a learned classifier reads the format's own reader's blocks
(newsletters/learn: headlines picked by trees trained on the corpus). Its split replaces the rules'
where the rules found at most FEW_ITEMS items and it scores clearly better, or where the two agree on
fewer than AGREE of their headlines and it found at least half as many items: on a layout the rules
were written for, the trees (trained on it) agree with them; on one they were not, the rules' first
split has been the worse one. Where the rules' split stands, the headlines the trees are sure of and
the rules missed join it (joined). Replayed on the six blind sets (learn/replay.py, docs/newsletters.md):
the rules at first sight 0.73 / 0.72, with the gate and the join 0.85 / 0.77.

The readers of one body:
- html: the HTML reader alone;
- markdown: the Markdown reader (markdown-it, then the HTML reader), and the text reader (a
  Markdown conversion whose headlines run into their text is often read better as lines);
- text: the text reader, on the text with its wrapped lines joined again first where it was
  hard-wrapped at a fixed width (text.reflow), then as it is; the Markdown reader when the text
  has Markdown marks in it.
A format the caller named is read by that reader alone (text: with and without reflowing). A
whole email's HTML and text parts are weighed the same way (split.split_message): the HTML part,
unless the text part's split is clearly better.

A split's score (score()): one point for each item with a title and a body, the share of the
body's text that the items cover, and a point off for each item that is boilerplate or whose title
still holds markup ('**', '](', a leading '#', a URL), and for each marked headline ('(3 minute
read)') that ended up inside an item's body. Another reader's split replaces the first
reader's only where the first reader failed: when it scores at least twice as high and at least
ONE_ITEM higher (0 items against 5, not 13 against 15): a close call keeps the first reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .assemble import DISCUSSION_LINK, OWN_POST, assemble, second_copies
from .blocks import Block
from .essay import RULE as ESSAY_RULE
from .essay import MAX_FOUND, one_essay
from .fallback import fallback_blocks
from .html import html_blocks
from .learn.features import plain
from .learn.reader import MAX_BLOCKS, learned_split
from .markdown import markdown_blocks
from .model import NewsletterItem
from .patterns import EVENTS_HEADER, JOBS_SECTION, NOISE, READ_TIME
from .records import record_items
from .rules import house_header, house_section
from .text import reflow, text_blocks, wrap_width

ONE_ITEM = 1.0
CLEARLY_BETTER = 2.0  # readers disagree on detail all the time: another reader wins only where the first one failed
MARKUP_TITLE = re.compile(r"\*\*|\]\(|^\s*\[|^\s*#|https?://")
# Markdown in a text: a bold span, a link or a heading (not a stray '**' or '#')
MARKDOWN_MARKS = re.compile(r"(?m)\*\*[^*\n]{1,300}\*\*|\[[^\[\]\n]{1,300}\]\(https?://|^ {0,3}#{1,6} \S")
HEAD_BLOCKS = 60  # where a masthead line would be
# The learned reader is asked only where the rules found this many items or fewer: where they found
# more, a learned split that scores twice as high is one that cut stories at their sub-heads (Import
# AI's 'Why this matters' on a layout it was not trained on), not one that found what the rules missed.
FEW_ITEMS = 4
LEARNED_MIN_ITEMS = 2
# The share of headlines (F1 of the two title lists) under which the rules and the learned reader disagree:
# chosen on the blind sets replayed (the rules as they were when each set was first scored, the trees trained
# without it: learn/replay.py) together with the corpus: 0.6 gains 0.01 more recall on the replay, but
# with the trees trained on all 49 layouts it overruled the rules on one of the seven exact layouts (The
# Batch's text part with emoji after its headlines: 7 right items against the trees' 5, agreement 0.5).
AGREE = 0.5
# ... and only a learned split of five items or more: on a short text (a story with a list in it, three bold
# run-ins, three tools each over a 'Repo:' line) the shapes the trees count are too few to say more than the
# rules (on the replayed blind sets this costs about 0.005 of recall and 0.01 of precision against two items).
AGREE_MIN_ITEMS = 5
# Where the rules' split stands, the learned reader's headlines it lacks join it where the trees give them
# these odds or more: a story in a shape the rules' marks were not written for. On the six replayed blind
# sets: recall 0.826 -> 0.854, precision 0.772 -> 0.770 (learn/replay.py); at 0.5, recall 0.883 for
# precision 0.762, but the trees' surer half took a 'Repo:' line, a job ad and a picture link the rules
# leave out on purpose (tests/test_newsletter_shapes.py and others). Joining the rules' headlines back
# into an overruling learned split (odds 0.1: +0.01 recall on the replay) took bylines back into the
# corpus's splits, and is not done.
ADD_ODDS = 0.9
LISTED_CHARS, LABEL_CHARS = 200, 40  # a linked line in a list; a label over one
OWN_TEXT = 40  # the least text the item above a joining headline keeps
SECTION_REACH = 30  # blocks back to a section's header
RECORDS_RULE = "split by records with a 'Title:' field among other fields (a listing such as arXiv's)"
MAX_COMPARED = 300  # items a side: past this, a list of hundreds of items is compared by count alone
NOT_ALNUM = re.compile(r"[\W_]+")
LIST_NUMBER = re.compile(r"^\W*(?:#\s?\d{1,3}|\d{1,3}[.)])\s+")


@dataclass
class Reading:
    """One reader's split of a body."""

    reader: str
    items: list[NewsletterItem]
    rule: str
    doc_title: str | None
    meta: dict[str, str]  # what an HTML head says: subject, date, source
    blocks_read: int
    head: str  # the text of the first blocks, where a masthead line would be
    score: float = 0.0
    others: str = ""  # what the other readers found, for the reason
    blocks: list[Block] = field(default_factory=list, repr=False)  # what the reader read, for the learned reader
    heads: list[int] = field(default_factory=list, repr=False)  # the learned reader's: each item's headline block
    odds: list[float] = field(default_factory=list, repr=False)  # the learned reader's: each block's headline odds
    whole_post: bool = False  # the rules read a single post sent whole, its sub-heads inside it
    split_score: float | None = None  # the rules' split's, where essay.py read its text as one essay: what a rescue must beat


def read(body: str, fmt: str, named: bool) -> Reading:
    """The best reading of body: by the format's own reader, or by another that scores higher."""
    readers = [r for r in candidates(body, fmt) if r.endswith(fmt)] if named else candidates(body, fmt)
    readings = [reading(body, reader) for reader in readers]
    if records := record_items(body, fmt):  # a listing of labelled records: no reader's marks say more
        return replace(readings[0], reader="records", items=records, rule=RECORDS_RULE, score=score(records))
    best = readings[0]
    for other in readings[1:]:
        if better(other.score, _held(best, other)):
            best = other
    # a second opinion on the same blocks (not on a body of garbage's size)
    if len(readings[0].blocks) <= MAX_BLOCKS:
        chosen = weighed(best, learned_reading(readings[0]))
        if chosen.reader == "learned":
            readings.append(best := chosen)  # (a loser goes unnamed)
        else:
            readings, best = [chosen if r is best else r for r in readings], chosen
    if best is not readings[0]:  # (a reading by the format's own reader says nothing of the others)
        best.others = "; ".join(f"the {r.reader} reader found {len(r.items)} item{'' if len(r.items) == 1 else 's'}"
                                for r in readings if r is not best)
    return best


def _held(best: Reading, other: Reading) -> float:
    """The score best holds against other: a reading that essay.py made one essay of a body its rules found no
    story in holds its essay's only against a reading of one or two stories (a masthead over the whole text);
    a reader that found more stories than that is weighed against what the rules found."""
    if best.split_score is None or sum(not i.sponsored for i in other.items) <= MAX_FOUND:
        return best.score
    return best.split_score


def candidates(body: str, fmt: str) -> list[str]:
    """The readers that may read body, the format's own first."""
    if fmt == "markdown":
        return ["markdown", "text"]
    if fmt != "text":
        return [fmt]
    # hard-wrapped text is read with its lines joined again first: that is the text as written
    texts = ["reflowed text", "text"] if wrap_width(body[:200_000].split("\n")) else ["text"]
    return [*texts, *(["markdown"] if MARKDOWN_MARKS.search(body[:200_000]) else [])]


def reading(body: str, reader: str) -> Reading:
    meta: dict[str, str] = {}
    if reader == "html":
        blocks, meta = html_blocks(body)
    elif reader == "markdown":
        blocks = markdown_blocks(body)
    elif reader == "reflowed text":
        body = reflow(body) or body
        blocks = text_blocks(body)
    else:
        blocks = text_blocks(body)
    found = assemble(blocks)
    if not found.drafts:  # no marked headline anywhere: the generic rules
        generic = fallback_blocks(blocks, body if reader.endswith("text") else None)
        found = found if generic is blocks else assemble(generic, fallback=True)  # the same walk finds nothing again
    items = [NewsletterItem(title=d.title, content="\n\n".join(d.parts), url=d.url, read_time=d.read_time,
                            sponsored=d.sponsored, section=d.section, number=d.number) for d in found.drafts]
    rule, split_score = found.rule, score(items, blocks)
    # a post sent whole, no headline inside: where this reader found no story, the essay is its reading (where
    # it found one or two, split_body decides over the reading chosen, the learned reader's say included)
    if all(i.sponsored for i in items) and (essay := one_essay(blocks, items, found.doc_title)) is not None:
        items, rule = essay, ESSAY_RULE
    head = "\n".join(b.text for b in blocks[:HEAD_BLOCKS])
    return Reading(reader, items, rule, found.doc_title, meta, found.blocks_read, head,
                   score(items, blocks), blocks=blocks, whole_post=any(d.whole for d in found.drafts),
                   split_score=split_score if rule == ESSAY_RULE else None)


def learned_reading(first: Reading) -> Reading:
    """The learned classifier's split of the blocks the format's own reader read (newsletters/learn)."""
    items, heads, odds = learned_split(first.blocks)
    again = second_copies([(DISCUSSION_LINK.sub("", item.title), item.url) for item in items])
    kept = [n for n, at in enumerate(heads) if not _under_house(first.blocks, at) and not house_header(first.blocks[at])
            and not OWN_POST.match(items[n].title) and n not in again]
    if len(kept) < len(heads):  # (the rules leave a house section's own links and header out ('Listen to our weekly
        # football podcast'), and an item given twice over, as an export of both alternatives gives it: so does
        # the learned reader)
        items, heads = [items[n] for n in kept], [heads[n] for n in kept]
    return Reading("learned", items, "headlines picked by the learned block classifier", first.doc_title, first.meta,
                   first.blocks_read, first.head, score(items, first.blocks), blocks=first.blocks, heads=heads,
                   odds=odds)


def weighed(rules: Reading, learned: Reading) -> Reading:
    """The learned reading where it rescues a split of next to nothing or disagrees with the rules (two
    headlines at least: one block of prose read as a headline is no newsletter's structure), else the
    rules' reading joined by the learned headlines it lacks that the trees are sure of. A single post the
    rules read whole is one story with sub-heads, and its few items are no failure to rescue; a reading of
    next to nothing that essay.py read as one essay still is."""
    if not rules.whole_post and len(learned.items) >= LEARNED_MIN_ITEMS and (
            (len(rules.items) <= FEW_ITEMS and better(learned.score, rules.score if rules.split_score is None else rules.split_score))
            or disagrees(rules.items, learned.items)):
        return learned
    return joined(rules, learned)


def joined(base: Reading, learned: Reading) -> Reading:
    """base's split with the learned reader's headlines it has no item for, where the trees give them
    odds of ADD_ODDS or more; each joins in document order, and the item before it ends where it
    begins. The rule names how many joined."""
    odds = learned.odds
    if not any(odds[at] >= ADD_ODDS for at in learned.heads) or len(base.items) > MAX_COMPARED:
        return base  # (most splits: no headline the trees are sure of, nothing to locate)
    at_base = located(base.items, learned.blocks)
    taken, keys = set(at_base), [k for k in map(_title_key, base.items) if k]
    extra = [(at, item) for at, item in zip(learned.heads, learned.items) if at not in taken
             and odds[at] >= ADD_ODDS and not _listed(learned.blocks, at, odds) and not _under_jobs(learned.blocks, at)
             and not _in_house_section(learned.blocks, at)  # ('Featured events' over its talks: the rules left them out)
             and not house_header(learned.blocks[at])  # ('Cosa è e come funziona questa newsletter': the house's own)
             and not any(_alike(key, title := _title_key(item)) or _alike(title, key) for key in keys)]
    if not extra:
        return base
    # base's items keep their order; one whose headline was not found among the blocks stays after the one before it
    places, last = [], -1
    for at in at_base:
        last = at if at is not None else last
        places.append(last + 0.5 if at is None else at)
    items: list[NewsletterItem] = []
    added, above = 0, -1.0  # the block of the last item's headline
    for at, item in sorted([*zip(places, base.items), *extra], key=lambda pair: pair[0]):
        if any(item is joining for _, joining in extra):
            # a headline under which the item above has no text of its own yet (a story's chart link under
            # its likes count) is that story's, not one of its own
            if items and (sum(len(b.text) for b in learned.blocks[int(above) + 1:at]) < OWN_TEXT
                          or _title_key(items[-1]) in _title_key(item)):
                continue  # (a link line naming the story above, 'Repo: Driftwood' under 'Driftwood', is its link)
            items[-1:] = [_ending_before(items[-1], item.title)] if items else []
            added += 1
        items.append(item)
        above = at
    if not added:
        return base
    return Reading(base.reader, items, f"{base.rule}; {added} headline{'s' if added > 1 else ''} the "
                   "learned block classifier is sure of joined", base.doc_title, base.meta, base.blocks_read,
                   base.head, score(items, base.blocks), blocks=base.blocks)


def _listed(blocks: list[Block], at: int, odds: list[float]) -> bool:
    """Whether block `at` ends a run of links under a label such as 'Related:' or 'Read more:': a list of
    the story above it (the trees read its last link, over the story's summary, as a headline)."""
    before = at - 1
    while before >= 0 and blocks[before].url and len(blocks[before].text) <= LISTED_CHARS:
        before -= 1  # (whatever the trees make of the run's other links: a list's links read alike)
    label = plain(blocks[before].text).strip() if before >= 0 else ""
    return label.endswith(":") and len(label) <= LABEL_CHARS


def _under_jobs(blocks: list[Block], at: int) -> bool:
    """Whether block `at` sits under a jobs section's header ('Python Jobs of the Week', 'Job board'): a job
    ad, which the rules leave out of the items on purpose (rules.title_kind)."""
    header = _header_above(blocks, at, lambda block: bool(block.heading))
    if header is not None and JOBS_SECTION.search(header.text):
        return True
    # ('💻 Jobs' as a plain line of its own right above the ad: a section name in no heading element)
    above = blocks[at - 1] if at > 0 else None
    return above is not None and not above.url and len(above.text) <= LABEL_CHARS and bool(JOBS_SECTION.search(above.text))


def _under_house(blocks: list[Block], at: int) -> bool:
    """Whether block `at` is a link listed under the newsletter's own house section ('Good listens for the
    week', its podcast, its job board: rules.house_section), the nearest short unlinked line above it."""
    if not blocks[at].bullet:
        return False
    header = _header_above(blocks, at, lambda block: not block.bullet and (block.heading or block.strong or block.line))
    return header is not None and house_section(header.text)


def _in_house_section(blocks: list[Block], at: int) -> bool:
    """Whether the nearest heading above block `at` (within SECTION_REACH) names a listing of events."""
    header = _header_above(blocks, at, lambda block: bool(block.heading) and not block.url)
    return header is not None and bool(EVENTS_HEADER.match(header.text))


def _header_above(blocks: list[Block], at: int, looks) -> Block | None:
    """The nearest block above `at`, within SECTION_REACH, that `looks` like a section's header and is one: a
    short line with no link."""
    return next((block for block in reversed(blocks[max(0, at - SECTION_REACH):at])
                 if not block.url and len(block.text) <= LABEL_CHARS * 2 and looks(block)), None)


def located(items: list[NewsletterItem], blocks: list[Block]) -> list[int | None]:
    """The block each item's title starts (None where none does), searched in document order."""
    lines = [NOT_ALNUM.sub("", LIST_NUMBER.sub("", plain(block.text)[:300].casefold().strip())) for block in blocks]
    found, start = [], 0
    for key in map(_title_key, items):
        at = next((i for i in range(start, len(lines)) if _alike(lines[i], key)), None) if key else None
        start = start if at is None else at + 1
        found.append(at)
    return found


def _alike(one: str, other: str) -> bool:
    """Two keys (letters and digits) that name the same headline: one starts the other (a short key only
    the longer)."""
    return bool(one and other) and (one.startswith(other) or (len(one) > 8 and other.startswith(one)))


def _ending_before(item: NewsletterItem, title: str) -> NewsletterItem:
    """item with its text cut where a headline it ran into begins."""
    at = item.content.find(title[:60]) if title.strip() else -1
    return item.model_copy(update={"content": item.content[:at].rstrip()}) if at >= 0 else item


def disagrees(rules: list[NewsletterItem], learned: list[NewsletterItem]) -> bool:
    """Whether the learned split overrules the rules' on a layout they were not written for: it found
    AGREE_MIN_ITEMS items or more, at least half as many as the rules, and the two agree on fewer than
    AGREE of their headlines."""
    return len(learned) >= AGREE_MIN_ITEMS and 2 * len(learned) >= len(rules) and agreement(rules, learned) < AGREE


def agreement(first: list[NewsletterItem], other: list[NewsletterItem]) -> float:
    """How far two splits name the same headlines: the F1 of their titles, two titles alike when one
    (case-folded, letters and digits only, no list number) starts the other. 1.0 for two empty splits."""
    if len(first) > MAX_COMPARED or len(other) > MAX_COMPARED:
        return min(len(first), len(other)) / max(len(first), len(other))
    a, b = ([k for k in map(_title_key, items) if k] for items in (first, other))
    if not a and not b:
        return 1.0
    # (a headline of other's that is the section of one of first's stories agrees with first: the learned reader
    # takes a section's heading, 'Money & Business', where the rules title the story under it by its bold lead)
    sections = {item_key: NOT_ALNUM.sub("", item.section.casefold()) for item in first
                if item.section and (item_key := _title_key(item))}
    a_in_b = sum(sections.get(x) in b or any(x.startswith(y) or y.startswith(x) for y in b) for x in a) / max(len(a), 1)
    b_in_a = sum(y in sections.values() or any(x.startswith(y) or y.startswith(x) for x in a) for y in b) / max(len(b), 1)
    return 2 * a_in_b * b_in_a / (a_in_b + b_in_a) if a_in_b + b_in_a else 0.0


def _title_key(item: NewsletterItem) -> str:
    return NOT_ALNUM.sub("", LIST_NUMBER.sub("", item.title.casefold().strip()))


def better(other: float, first: float, factor: float = CLEARLY_BETTER) -> bool:
    """Whether a split that scores `other` replaces the first reader's (or part's) split."""
    return other >= max(first + ONE_ITEM, first * factor)


def score(items: list[NewsletterItem], blocks: list[Block] | None = None) -> float:
    """Items with a title and a body, plus the share of the text they cover, less junk items.
    Without the blocks (a finished split of an email part), coverage is not counted."""
    complete = sum(bool(i.title.strip() and (i.content.strip() or i.url)) for i in items)
    junk = sum(bool(MARKUP_TITLE.search(i.title) or NOISE.search(i.title) or NOISE.search(i.content[:400]))
               for i in items)
    junk += sum(len(READ_TIME.findall(i.content[:20_000])) for i in items)  # headlines swallowed by a body
    if blocks is None:
        return complete - junk
    whole = sum(len(b.text) for b in blocks) or 1
    covered = sum(len(i.title) + len(i.content) for i in items)
    return complete + min(covered / whole, 1.0) - junk
