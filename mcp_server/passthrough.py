"""The keys of a line given to `news-enhancer enhance`: the item's fields go to the model, the
keys it has no use for come back unchanged in the line's result, and text under a key it does not
read is refused by name.

A JSONL file is often another tool's export: a mail tool's messages, a feed reader's entries, an
agent's item dicts. Their labels, dates, links and ids are kept (`passthrough` in the result line),
so the results can be joined back to the source. But an item whose headline or text sits under a
key enhance does not read (`body`, `summary`, `article_title`, ...) is the line's own error: run
without it, the model would invent an answer from the title alone. Such a key is one whose likeliest
meaning (news_core.fields.closest) is title or content while the line has no title or content of
its own; beside a real `content`, a `summary` is passthrough.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from news_core.fields import closest, describe, refusal
from news_core.items import ITEM_FIELDS, is_blank

TEXT_FIELDS = ("title", "content")
HINT = "text is read from title and content only; other keys are kept as passthrough"


@dataclass
class LineFields:
    item: Any  # what the service checks: the item's own fields, or the value itself when no object
    passthrough: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


def line_fields(raw: Any, number: int) -> LineFields:
    """Split one parsed line (item `number`) into the item, its passthrough keys, or an error."""
    if not isinstance(raw, dict):
        return LineFields(raw)  # the service's check says what it must be
    item = {key: value for key, value in raw.items() if key in ITEM_FIELDS}
    extra = {key: value for key, value in raw.items() if key not in ITEM_FIELDS}
    missing = {name for name in TEXT_FIELDS if _blank(item.get(name))}
    unread = [key for key in extra if closest(key, ITEM_FIELDS) in missing]
    where = f"item {number}"
    if unread:
        kept = {key: value for key, value in extra.items() if key not in unread}
        return LineFields(item, kept, f"{refusal(where, unread, ITEM_FIELDS)} ({HINT})")
    if extra and missing == set(TEXT_FIELDS):
        return LineFields(item, extra, f"{where} has no title or content, only fields that are not read: "
                                       f"{describe(list(extra), ITEM_FIELDS)} ({HINT})")
    return LineFields(item, extra)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and is_blank(value))
