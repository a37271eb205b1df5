"""The input side of the contract: one newsletter item, and how over-long fields are cut."""

from __future__ import annotations

import email.utils
import hashlib
import re
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Fields longer than these are truncated before the model sees them, and the result is flagged.
MAX_TITLE_CHARS = 500
MAX_CONTENT_CHARS = 4000
# Fields longer than these are refused before any other work (ServerConfig.field_limits).
MAX_SOURCE_CHARS = 200
MAX_PUBLISHED_CHARS = 100
MAX_URL_CHARS = 4096
MAX_ID_CHARS = 256

# What does not count as text: whitespace, control (Cc) and format (Cf) characters such as
# zero-width spaces and joiners, BOM, bidi controls and tag characters, and a few blank letters.
_INVISIBLE = ("\\s\x00-\x1f\x7f-\x9f\xad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
              "\u2028-\u202e\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb"
              "\u0600-\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd\U00013430-\U0001343f"
              "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff")
_VISIBLE = re.compile(f"[^{_INVISIBLE}]")


def is_blank(text: str) -> bool:
    """True when `text` has nothing a reader could see (only whitespace, control and format characters)."""
    return _VISIBLE.search(text) is None


def over_limit(values, limits: dict[str, tuple[int, str]], where: str) -> str | None:
    """The message for the first field of `values` (a dict or NewsItem) longer than its limit, or None."""
    for name, (limit, setting) in limits.items():
        value = values.get(name) if isinstance(values, dict) else getattr(values, name, None)
        if isinstance(value, str) and len(value) > limit:
            return (f"{where}: {name} is {len(value)} characters, over the limit of {limit} ({setting}); "
                    f"send a shorter {name}")
    return None


class NewsItem(BaseModel):
    """One newsletter item as callers send it."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(default="", description="Headline of the item.")
    content: str = Field(default="", description="Body text of the item (1-4 sentences in a typical newsletter).")
    source: str = Field(default="", description="Newsletter name, e.g. 'TLDR AI'.")
    url: str = Field(default="", description="Link of the item, may be empty; not shown to the model (see prompt.py).")
    published: str = Field(default="", description="Publication date, ISO 8601 preferred. A date-time (ISO 8601 "
                           "or RFC 2822) is reduced to its date, YYYY-MM-DD, the form the model was trained on.")
    id: str | None = Field(default=None, description="Caller's id; generated from the text when absent.")

    @field_validator("published")
    @classmethod
    def _to_date(cls, value: str) -> str:
        return item_date(value)

    def item_id(self) -> str:
        if self.id:
            return self.id
        digest = hashlib.sha1(f"{self.title}\n{self.content}".encode("utf-8", "surrogatepass")).hexdigest()
        return f"item-{digest[:12]}"


ITEM_FIELDS = tuple(NewsItem.model_fields)  # what an item may hold; any other key is refused by name

_ISO = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}\S*)?")


def item_date(value: str) -> str:
    """'2025-06-11T13:40:02+00:00' or 'Wed, 11 Jun 2025 13:40:02 +0000' -> '2025-06-11', the date
    as written in its own time zone (as the dataset importer does); anything else is kept."""
    text = value.strip()
    if m := _ISO.fullmatch(text):
        try:
            return date.fromisoformat(m.group(1)).isoformat()
        except ValueError:
            return value
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return value


def clip(item: NewsItem, max_title: int = MAX_TITLE_CHARS, max_content: int = MAX_CONTENT_CHARS) -> tuple[NewsItem, bool]:
    """Return the item cut to the size limits, and whether anything was cut."""
    title, content = item.title.strip(), item.content.strip()
    cut = len(title) > max_title or len(content) > max_content
    if not cut:
        return item, False
    return item.model_copy(update={"title": title[:max_title], "content": content[:max_content]}), True
