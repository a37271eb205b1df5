"""The learned reader's training data: every body form of every corpus newsletter
(tests/fixtures/newsletters: html, text, html2text, markdownify, md) read into blocks by the
form's own reader, each block labelled headline or not from expected.json.

A block is a headline when its text, normalised as the corpus's score.py normalises titles, starts
with an expected title. A title found more than once (a teaser list at the top, then the story)
labels the last such block that is followed by something other than another match: a table of
contents is a run of matches near the top, a story's headline has its text after it. Only the training scripts read the
corpus; the splitter never imports this module.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..blocks import Block
from ..clean import clean_text
from ..forward import unquote
from ..readings import candidates, reading
from ..split import detect_format, innermost, split_headers
from .features import block_features, plain

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "newsletters"
BODY_FORMS = {"html": "newsletter.html", "text": "newsletter.txt", "html2text": "newsletter.html2text.md",
              "markdownify": "newsletter.markdownify.md", "md": "newsletter.md"}


@dataclass
class Sample:
    layout: str
    slug: str
    form: str
    blocks: list[Block]
    labels: list[int]  # 1: the block is an item's headline
    expected: list[dict]  # expected.json's items
    rows: list[list[float]] = field(default_factory=list)  # features.block_features(blocks), computed once


def score_module(corpus: Path = CORPUS):
    """The corpus's own scorer (a script beside the fixtures, not a package)."""
    if (module := sys.modules.get("corpus_score")) is None:
        spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
        module = sys.modules["corpus_score"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return module


def body_blocks(raw: str) -> list[Block]:
    """A body read as split_body reads it, by its format's own first reader (the blocks the learned
    reader is given there)."""
    text = unquote(clean_text(raw))
    fmt = detect_format(text)
    body = split_headers(innermost(text, fmt)[1])[1]
    return reading(body, candidates(body, fmt)[0]).blocks


def labels(blocks: list[Block], expected: list[dict], key) -> list[int]:
    """1 for each block that is an expected item's headline (see the module docstring)."""
    keys = [key(plain(b.text)) for b in blocks]
    wanted = [key(e["title"]) for e in expected]
    hits = [[j for j, w in enumerate(wanted) if w and k.startswith(w)] for k in keys]
    out = [0] * len(blocks)
    for j in range(len(wanted)):
        where = [i for i, h in enumerate(hits) if j in h]
        if not where:
            continue
        leading = [i for i in where if i + 1 >= len(blocks) or not hits[i + 1]]
        out[(leading or where)[-1]] = 1
    return out


def samples(corpus: Path = CORPUS, layouts: set[str] | None = None) -> list[Sample]:
    if not (corpus / "score.py").is_file():
        raise FileNotFoundError(f"no fixture corpus at {corpus}: training and evaluating the learned reader "
                                "need a source checkout (tests/fixtures/newsletters)")
    key = score_module(corpus).key
    out = []
    for path in sorted(corpus.glob("*/*/expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        if layouts is not None and expected["layout"] not in layouts:
            continue
        for form, name in BODY_FORMS.items():
            if (path.parent / name).exists():
                blocks = body_blocks((path.parent / name).read_text(encoding="utf-8"))
                out.append(Sample(expected["layout"], path.parent.name, form, blocks,
                                  labels(blocks, expected["items"], key), expected["items"], block_features(blocks)))
    return out
