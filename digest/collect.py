"""Newsletters as the digest reads them: each split by the project's splitter (newsletters/),
its items in the form `news-enhancer split --jsonl` writes them, or the reason it gave none."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from news_core.errors import InputError
from newsletters import split_newsletter
from newsletters.item_lines import PASSTHROUGH, item_lines

log = logging.getLogger(__name__)


@dataclass
class Letter:
    """One newsletter: where it came from, its headers, its items (or why it has none)."""

    name: str  # the input's name: a path, 'FILE#N' for a message of an mbox, or the caller's name
    subject: str | None = None
    source: str | None = None
    date: str | None = None
    format: str | None = None
    reason: str | None = None  # which rule split it, or why no item was found
    error: str | None = None  # why it could not be read at all
    lines: list[dict] = field(default_factory=list)  # item_lines: model fields plus PASSTHROUGH


def read_letter(name: str, raw: str | bytes | dict) -> Letter:
    """Split one newsletter; a newsletter that cannot be read becomes a Letter with its error."""
    try:
        letter = split_newsletter(raw)
    except InputError as exc:
        return Letter(name, error=str(exc))
    return Letter(name, subject=letter.subject, source=letter.source, date=letter.date, format=letter.format,
                  reason=letter.reason, lines=item_lines(letter, name))


def model_item(line: dict) -> dict:
    """The part of an item line the model reads (title, content, source, url, published, id)."""
    return {key: value for key, value in line.items() if key not in PASSTHROUGH}


def read_sources(paths: list[str], read: Callable[[], object] | None = None) -> list[Letter]:
    """Every newsletter under `paths` (files, folders, mboxes, Gmail JSON, feeds: newsletters.sources),
    in order; a source named twice (the same file given twice) is read once. `read` is called after
    each newsletter (a progress bar's update)."""
    from newsletters.sources import iter_sources

    letters, seen = [], set()
    for source in iter_sources(paths):
        if source.name in seen:
            log.warning("%s: given more than once, read once", source.name)
            continue
        seen.add(source.name)
        letters.append(read_letter(source.name, source.raw))
        if read is not None:
            read()
    return letters
