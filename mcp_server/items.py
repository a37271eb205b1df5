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
