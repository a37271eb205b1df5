"""A split newsletter -> one JSON object per item, in exactly the form `news-enhancer enhance` reads,
so that `news-enhancer split nl.eml --jsonl | news-enhancer enhance - --out items.jsonl` works.

Each line is the item as the enhance_newsletter tool hands it to the model (Newsletter.to_news_items:
title, content, url, source, published, with the same limits), plus what the model does not read
and `enhance` passes through to the item's result line (PASSTHROUGH): `newsletter` (its subject,
date and source) and the item's section, sponsor flag, read time and author. None of these names is
taken for a title or a text by enhance's check of unknown keys. Its id is '<input>:nl-<n>'
('nl-<n>' for standard input), so results can be joined back to the newsletter they came from.
"""

from __future__ import annotations

import hashlib

from .model import Newsletter

PASSTHROUGH = ("newsletter", "section", "sponsored", "read_time", "author")
MAX_NAME = 200  # a longer input name is shortened to a digest in the id (ids are at most 256 characters)


def item_lines(letter: Newsletter, name: str = "-") -> list[dict]:
    """One line per item of `letter`, in document order; `name` is the input it was split from."""
    lines = []
    for n, (news, item) in enumerate(zip(letter.to_news_items(), letter.items), start=1):
        line = news.model_dump()
        line["id"] = item_id(name, n)
        line.update(newsletter={"subject": letter.subject, "date": letter.date, "source": letter.source},
                    section=item.section, sponsored=item.sponsored, read_time=item.read_time, author=item.author)
        lines.append(line)
    return lines


def item_id(name: str, n: int) -> str:
    if name in ("", "-"):
        return f"nl-{n}"
    if len(name) > MAX_NAME:
        name = "input-" + hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{name}:nl-{n}"
