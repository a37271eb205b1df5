"""What the learned reader sees of each block: a fixed list of numbers that say nothing of any one
layout's wording (no words of the corpus's headlines), only the shape a headline has in most layouts.

Per block: its kind (heading level, bold, a lone link, a list item, a line), its length, how it ends,
its capitals, a list number or an emoji in front, a run-in ('Title: text ...'), a few words of a
small lexicon (read, sponsor, subscribe ...), its place in the document; around it: how long the
next block is and whether it is running text, what the block before was, and how many other blocks
of the document share its shape (a repeated shape is what item headlines are). Linear in the
number of blocks: the shapes are counted once.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..blocks import Block
from ..memo import kept_when_short
from ..patterns import BYLINE, NOISE, READ_TIME, emoji_prefix, is_emoji, template_keys

NUMBERED = re.compile(r"^\W{0,3}(?:#\s?(\d{1,3})|(\d{1,3})[.)])\s+(?=\S)")  # its number, then the title
# 'Title: the story ...', 'Title. The story ...', 'Title — the story ...': a short lead and running text
RUN_IN = re.compile(r"^[^:.!?\n]{3,80}?(?::|\.|\s[—–-])\s+\S.{30,}", re.S)
INLINE_TARGET = re.compile(r"\s*(?:\[(?:https?://|mailto:)[^\]\s]*\]|<(?:https?://|mailto:)[^>\s]*>|"
                           r"\((?:https?://|mailto:)[^)\s]*\)|(?:https?://|mailto:)\S+)")
SPONSOR = re.compile(r"\b(?:sponsor(?:ed|s)?|partner(?:ed|s)?|presented\s+by|brought\s+to\s+you|advertis\w*|"
                     r"in\s+partnership)\b", re.I)
SUBSCRIBE = re.compile(r"\b(?:subscribe\w*|unsubscribe|sign\s+up|share|refer\w*|forward\w*|privacy|view\s+(?:it\s+)?in"
                       r"|browser|manage|preferences|follow\s+us|copyright|©|all\s+rights)\b", re.I)
READ_WORDS = re.compile(r"\b(?:read\s+(?:more|the|it|on)|continue\s+reading|listen|watch|learn\s+more|click)\b", re.I)
DATE = re.compile(r"\b(?:20\d\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
WORD = re.compile(r"[^\W\d_][\w'’-]*")


def plain(text: str) -> str:
    """The block's text without the link targets a text or Markdown conversion writes inline."""
    return INLINE_TARGET.sub("", text).strip()


def _shape(block: Block, text: str) -> tuple:
    """What two headlines of one list have in common, whatever they say."""
    length = 0 if len(text) <= 40 else 1 if len(text) <= 100 else 2 if len(text) <= 250 else 3
    return (block.heading, block.strong, block.link_only, block.bullet, block.lead_strong, bool(block.url),
            length, bool(RUN_IN.match(text)), bool(NUMBERED.match(text)))


def _own(block: Block, text: str) -> list[float]:
    """Features of the block alone."""
    return [
        1.0, float(block.heading == 1), float(block.heading == 2), float(block.heading == 3),
        float(block.heading >= 4), float(block.strong), float(block.link_only), float(block.line),
        float(block.bullet), float(block.lead_strong), float(bool(block.url)),
        *_said(text),
        float(text != block.text),  # a link target written inline (text and Markdown conversions)
        float(bool(BYLINE.match(text))),
    ]


@kept_when_short(1000, 16384)  # (the same short texts come back in every reading of a newsletter)
def _said(text: str) -> tuple[float, ...]:
    """The features of what a block says."""
    chars = len(text)
    words = WORD.findall(text[:400])
    n = len(words) or 1
    end = _last_char(text)
    return (
        math.log1p(chars) / 8, float(chars <= 40), float(40 < chars <= 100), float(100 < chars <= 250),
        float(chars > 400), math.log1p(len(words)) / 6,
        float(end == "."), float(end in "!?" and bool(end)), float(end == ":"), float(end.isalnum()),
        sum(w[0].isupper() for w in words) / n, sum(w.isupper() and len(w) > 1 for w in words) / n,
        float(bool(NUMBERED.match(text))), float(bool(emoji_prefix(text))), float(bool(RUN_IN.match(text))),
        float(bool(READ_TIME.search(text[:400]))), float(bool(SPONSOR.search(text[:300]))),
        float(bool(SUBSCRIBE.search(text[:300]))), float(bool(READ_WORDS.search(text[:300]))),
        float(bool(NOISE.search(text[:300]))), float(bool(DATE.search(text[:80])) and chars < 60),
    )



def _last_char(text: str) -> str:
    """The text's last character, past the emoji a newsletter puts after a headline ('Building Cost-Aware Agents
    🚀'): what the headline's end says, whatever decorates it. (An index walks back: slicing the text on each
    step was quadratic on a megabyte of emoji.)"""
    end = len(text)
    while end and (text[end - 1].isspace() or is_emoji(text[end - 1])):
        end -= 1
    return text[end - 1:end]


OWN = ["bias", "h1", "h2", "h3", "h4+", "bold", "link only", "line", "bullet", "lead bold", "url", "log chars",
       "<=40 chars", "<=100 chars", "<=250 chars", ">400 chars", "log words", "ends '.'", "ends '!?'", "ends ':'",
       "ends alnum", "capitalised share", "caps share", "numbered", "emoji", "run-in", "read time", "sponsor word",
       "subscribe word", "read word", "noise", "date line", "inline target", "byline"]


def _words(text: str) -> str:
    """A line's words, case-folded: how a line said again is known."""
    return " ".join(WORD.findall(text.casefold()))


def said_keys(blocks: list[Block], texts: list[str]) -> list[tuple | None]:
    """Per block, how a short unlinked line said again is known: its words, heading rank and boldness (an
    issue's h1 title over its first story's h2 of the same words is no line said again); None for others."""
    return [(_words(t), b.heading, b.strong) if not b.url and len(t) <= 60 and _words(t) else None
            for b, t in zip(blocks, texts)]


def template_lines(blocks: list[Block], texts: list[str]) -> list[bool]:
    """The lines of a template every story repeats ('What's going on here?' under each story; how often:
    patterns.template_keys), as the rules know them (assemble._recurring_subheads)."""
    keys = said_keys(blocks, texts)
    template = template_keys(Counter(k for k in keys if k))
    return [k in template for k in keys]


def block_features(blocks: list[Block]) -> list[list[float]]:
    """One row of numbers per block (names: feature_names())."""
    texts = [plain(b.text) for b in blocks]
    shapes = [_shape(b, t) for b, t in zip(blocks, texts)]
    counts = Counter(shapes)
    own = [_own(b, t) for b, t in zip(blocks, texts)]
    # a short unlinked line said again and again ('What's going on here?' under each story): the template's
    # sub-head, never a headline (a headline is written once), and what a headline stands over
    said = said_keys(blocks, texts)
    again = Counter(said)
    n = len(blocks)
    rows = []
    for i, (b, t) in enumerate(zip(blocks, texts)):
        nxt = texts[i + 1] if i + 1 < n else ""
        after = own[i + 1] if i + 1 < n else [0.0] * len(OWN)
        before = own[i - 1] if i else [0.0] * len(OWN)
        short = float(len(t) <= 150)
        next_prose = float(len(nxt) > 120 and nxt.rstrip()[-1:] in ".!?\"”)")
        repeats = counts[shapes[i]] - 1
        run = (i + 1 < n and shapes[i + 1] == shapes[i]) or (i > 0 and shapes[i - 1] == shapes[i])
        context = [
            i / max(n - 1, 1), float(i < 3), float(i >= n - max(3, n // 10)),
            math.log1p(len(nxt)) / 8, next_prose, (math.log1p(len(nxt)) - math.log1p(len(t))) / 8,
            float(i + 1 < n and shapes[i + 1] == shapes[i]), float(i > 0 and shapes[i - 1] == shapes[i]),
            math.log1p(repeats) / 3, float(repeats >= 2),
            short * next_prose, float(b.heading > 0) * next_prose, float(b.strong) * next_prose,
            float(bool(b.url)) * short * next_prose, float(b.link_only) * next_prose,
            float(bool(RUN_IN.match(t))) * float(repeats >= 2), short * float(repeats >= 2),
            float(own[i][21] >= 0.6) * short * next_prose, own[i][20] * short * next_prose,
            float(run) * float(not b.url), float(bool(RUN_IN.match(t))) * float(bool(b.url)),
            float(bool(RUN_IN.match(t))) * float(i > 0 and blocks[i - 1].heading > 0),
            float(b.heading > 0) * float(i + 1 < n and blocks[i + 1].heading > 0),
            float(b.strong) * own[i][19] * next_prose,
            float(bool(said[i]) and again[said[i]] >= 2), float(i + 1 < n and bool(said[i + 1]) and again[said[i + 1]] >= 2),
            # (the words and the rank: an issue's h1 title over its first story's h2 of the same words is no sub-head)
        ]
        rows.append(own[i] + context + [after[k] for k in NEIGHBOUR] + [before[k] for k in NEIGHBOUR])
    return rows


CONTEXT = ["position", "first three", "last tenth", "next log chars", "next prose", "next longer", "next same shape",
           "previous same shape", "log shape repeats", "shape repeated", "short over prose", "heading over prose",
           "bold over prose", "linked short over prose", "link over prose", "repeated run-in", "repeated short",
           "capitalised short over prose", "unended short over prose", "unlinked run", "linked run-in",
           "run-in under a heading", "heading over a heading", "bold label over prose", "said again",
           "next said again"]
NEIGHBOUR = [1, 2, 3, 5, 6, 9, 10, 11, 17, 20, 25, 26, 33]  # kind, length and ending of the blocks either side


def feature_names() -> list[str]:
    return OWN + CONTEXT + [f"next {OWN[k]}" for k in NEIGHBOUR] + [f"previous {OWN[k]}" for k in NEIGHBOUR]
