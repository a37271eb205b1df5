"""The learned reader: gradient-boosted trees over each block's features (features.py, trees.py) say
which blocks are item headlines; a headline starts an item and the blocks after it, up to the next
headline, are its text. The trees (forest.json) are trained on the fixture corpus by
`python -m newsletters.learn.train`; prediction walks 100 trees of depth 3 for every block at once
in numpy, linear in the number of blocks.

It is a second opinion beside the rules: readings.py keeps its split where the rules found little,
or where the rules and it disagree on most headlines (a layout the rules were not written for).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import numpy as np

from .. import sponsors
from ..blocks import Block
from ..model import NewsletterItem
from ..patterns import BYLINE, MAX_TITLE_CHARS, clean_url
from ..titles import bare_numbers, clean_title
from .features import OWN, SPONSOR, block_features, feature_names, plain, template_lines
from .trees import Forest

MODEL = Path(__file__).with_name("forest.json")
# headline odds at or over this: chosen on the held-out runs, where recall and precision meet
THRESHOLD = 0.4
# The longest corpus newsletter has 131 blocks: past this many, a body is an archive or garbage (a list of
# 250,000 bullets), and the rules' reading stands (the reader is linear, but at about 0.1 ms a block).
MAX_BLOCKS = 3_000
TITLE_CHARS = 150  # a longer headline block is a run-in: its title is its lead
NOISE_AT = OWN.index("noise")
LEAD = re.compile(r"^(.{3,120}?)(?::\s|\s[—–]\s|\.\s(?=[A-Z0-9\"“‘']))")


@cache
def model(path: Path = MODEL) -> Forest:
    """The shipped trees; refused by name if they were trained on other features than features.py computes."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("features") != feature_names():
        raise ValueError(f"{path} was trained on other features than features.py computes: "
                         "retrain with `python -m newsletters.learn.train`")
    return Forest.from_json(data["forest"])


def headline_odds(blocks: list[Block], forest: Forest | None = None,
                  rows: list[list[float]] | None = None) -> list[float]:
    """Per block, the probability that it is an item's headline (rows: the blocks' features, if known)."""
    rows = rows or block_features(blocks)
    if not rows:
        return []
    return (forest or model()).probability(np.array(rows, dtype=float)).tolist()


def learned_items(blocks: list[Block], forest: Forest | None = None,
                  rows: list[list[float]] | None = None) -> list[NewsletterItem]:
    """The items the classifier's headlines make of blocks, in document order."""
    return learned_split(blocks, forest, rows)[0]


def learned_split(blocks: list[Block], forest: Forest | None = None, rows: list[list[float]] | None = None
                  ) -> tuple[list[NewsletterItem], list[int], list[float]]:
    """The items, the block each item's headline is, and every block's headline odds (readings.py
    weighs the rules' headlines by them)."""
    rows = rows or block_features(blocks)
    odds = headline_odds(blocks, forest, rows)
    texts = [plain(b.text) for b in blocks]
    # (a block with no words of its own, a bare link, titles nothing: never a headline, whatever its odds)
    heads = [p >= THRESHOLD and any(ch.isalnum() for ch in text) for p, text in zip(odds, texts)]
    footer = [row[NOISE_AT] > 0 for row in rows]  # the block is a footer line (features.py computed it)
    for i, template in enumerate(template_lines(blocks, texts)):  # ('What's going on here?' under each story)
        if heads[i] and template and not blocks[i].bullet:
            heads[i] = False  # a line of the template every story repeats is a sub-head: a headline is written once
    for i in range(1, len(blocks)):  # a byline ('— Name') is never the headline: the short line over it is
        if heads[i] and not heads[i - 1] and BYLINE.match(texts[i]) and len(texts[i - 1]) <= TITLE_CHARS:
            heads[i - 1], heads[i] = True, False
    items: list[NewsletterItem] = []
    parts: list[tuple[str, bool]] = []
    marker = False  # the block before a headline announced a sponsor
    for block, text, head, noise in zip(blocks, texts, heads, footer):
        if head:
            _close(items, parts)
            items.append(_item(block, marker))
            parts = [] if len(text) <= TITLE_CHARS else [(text, noise)]
        elif items:
            parts.append((text, noise))
        marker = sponsors.marker(block.text) or bool(SPONSOR.search(block.text[:80]) and len(block.text) < 80)
    _close(items, parts)
    bare_numbers(items)
    return items, [i for i, head in enumerate(heads) if head], odds


def _close(items: list[NewsletterItem], parts: list[tuple[str, bool]]) -> None:
    """The text after the last headline, up to the first footer line, is that item's."""
    if not items:
        return
    kept = []
    for part, footer in parts:
        if footer:
            break
        kept.append(part)
    item = items[-1]
    item.content = "\n\n".join(kept)
    item.sponsored = item.sponsored or bool(SPONSOR.search(item.content[:200]) and len(kept) <= 3
                                            and sponsors.tagged(item.content[:200]))


def _item(block: Block, marker: bool) -> NewsletterItem:
    """An item from its headline block, titled as the rules title theirs (titles.py); a long headline block is
    a run-in, titled by its lead."""
    title = plain(block.text)
    if len(title) > TITLE_CHARS and (m := LEAD.match(title)):
        title = m.group(1)
    elif len(title) > TITLE_CHARS:
        title = title[:TITLE_CHARS].rsplit(" ", 1)[0]
    t = clean_title(title)
    return NewsletterItem(title=t.title[:MAX_TITLE_CHARS], url=clean_url(block.url) if block.url else "",
                          read_time=t.read_time, sponsored=marker or t.labelled, number=t.number)
