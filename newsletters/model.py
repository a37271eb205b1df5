"""What the splitter returns: the newsletter's headers and its items in document order."""

from __future__ import annotations

from pydantic import BaseModel, Field

from news_core.items import NewsItem

# Kept well under the item limits (max_url_chars 4096, max_source_chars 200, max_published_chars 100):
# a long URL, From header or unreadable date must never cost the newsletter its items.
MAX_URL, MAX_SOURCE, MAX_DATE = 2000, 100, 40


class NewsletterItem(BaseModel):
    title: str = Field(description="Headline, without the '(N minute read)' suffix.")
    content: str = Field(default="", description="Body text of the item.")
    url: str = Field(default="", description="Link of the item, tracking parameters removed; empty when none.")
    read_time: str | None = Field(default=None, description="e.g. '4 minute read', when the newsletter gives one.")
    sponsored: bool = Field(default=False, description="True for sponsor blocks and '(Sponsor)' items.")
    section: str | None = Field(default=None, description="Section header the item sits under, e.g. '🚀 Headlines & Launches'.")
    published: str | None = Field(default=None, description="The item's own date when it has one (a feed entry's), "
                                  "ISO 8601 when it could be read; else the newsletter's date applies.")
    author: str | None = Field(default=None, description="The item's own author when it names one (a feed entry's).")
    number: int | None = Field(default=None, description="The list number the newsletter gave the headline "
                                                         "('1. Open agents catch up' -> 1); the title is without it.")


class Newsletter(BaseModel):
    subject: str | None = None
    date: str | None = Field(default=None, description="ISO 8601 when it could be read, else as written.")
    source: str | None = Field(default=None, description="Sender or newsletter name, e.g. 'TLDR AI'.")
    format: str = Field(description="The form the newsletter was read as: text, markdown, html, email or feed.")
    part: str | None = Field(default=None, description="For an email: the MIME part whose body was split "
                                                       "(text/html or text/plain).")
    forward: str | None = Field(default=None, description="For a newsletter forwarded inline: the client that "
                                "forwarded it (gmail, outlook, apple, yahoo or generic); subject, date and source are then "
                                "the original newsletter's, not the forward's.")
    items: list[NewsletterItem] = Field(default_factory=list)
    reason: str | None = Field(default=None, description="Which rule split the newsletter into items, or why "
                                                         "no items were found.")

    def to_news_items(self) -> list[NewsItem]:
        """The items as the enhancer's input, with ids nl-1, nl-2, ... in document order."""
        return [
            NewsItem(id=f"nl-{n}", title=item.title, content=item.content, url=item.url if len(item.url) <= MAX_URL else "",
                     source=(self.source or "")[:MAX_SOURCE],
                     published=date if len(date := item.published or self.date or "") <= MAX_DATE else "")
            for n, item in enumerate(self.items, start=1)
        ]
