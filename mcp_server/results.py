"""What the tools return: typed models whose JSON Schemas are advertised in the tool listing."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from news_core.contract import NewsMetadata


class EnhancedItem(BaseModel):
    """The metadata for one item, with how it was produced."""

    id: str = Field(description="The item's id: the caller's, or generated from its text.")
    metadata: NewsMetadata
    content_truncated: bool = Field(description="True when the title or content was cut to the size limit first.")
    model: str = Field(description="The model (and adapter) that produced the metadata.")
    seconds: float = Field(description="Generation time for this item.")


class BatchEntry(BaseModel):
    """One input item's outcome: metadata, or its own error. Exactly one entry per input item."""

    index: int = Field(description="Position of the item in the input list.")
    id: str = Field(description="The item's id: the caller's, or 'item-<index>'.")
    ok: bool
    metadata: NewsMetadata | None = None
    content_truncated: bool = False
    seconds: float = 0.0
    error: str | None = Field(default=None, description="Why this item failed (only when ok is false).")


class BatchResult(BaseModel):
    """Results in input order."""

    items: list[BatchEntry]
    succeeded: int
    failed: int
    model: str
    seconds: float


class NewsletterEntry(BatchEntry):
    """One newsletter item as the splitter found it, with its metadata or its own error."""

    title: str
    url: str = ""
    sponsored: bool = Field(default=False, description="Marked as a sponsor block by the splitter.")
    section: str | None = None
    read_time: str | None = None
    published: str | None = Field(default=None, description="The item's own date when it has one (a feed entry's).")
    author: str | None = Field(default=None, description="The item's own author when it names one (a feed entry's).")
    number: int | None = Field(default=None, description="The list number the newsletter gave the headline; the "
                                                         "title is without it.")


class NewsletterResult(BaseModel):
    """Every item of one newsletter, in document order."""

    subject: str | None
    date: str | None
    source: str | None
    format: str = Field(description="How the newsletter was read: text, markdown, html, email or feed.")
    forward: str | None = Field(default=None, description="For a newsletter forwarded inline: the client that "
                                "forwarded it; subject, date and source are then the original newsletter's.")
    part: str | None = Field(default=None, description="For an email: the MIME part that was split.")
    reason: str | None = Field(default=None, description="Which rule split the items, or why none were found.")
    items: list[NewsletterEntry]
    succeeded: int
    failed: int
    model: str
    seconds: float


def over_limit_entry(index: int, item_id: str, limit: int) -> BatchEntry:
    """A newsletter item past max_newsletter_items: kept in the answer with its own error."""
    return BatchEntry(index=index, id=item_id, ok=False, error=(
        f"over the limit: the newsletter has more than {limit} items (max_newsletter_items); this item was not "
        "enhanced. Send it with enhance_news_item or batch_enhance, or raise max_newsletter_items."))


JobState = Literal["queued", "running", "completed", "cancelled", "failed"]


class JobStatus(BaseModel):
    """Where a batch job stands. Every item gets a result, in input order, whatever the job's end."""

    job_id: str = Field(description="Pass it to batch_status, batch_results and cancel_batch.")
    status: JobState = Field(description="queued (waiting for the job before it), running, completed, cancelled "
                             "(the items not yet done got an error entry each) or failed (likewise, see error).")
    total: int = Field(description="Items in the job.")
    done: int = Field(description="Items with a result so far; batch_results returns them.")
    succeeded: int
    failed: int
    created: str = Field(description="When the job was started (UTC, ISO 8601).")
    finished: str | None = Field(default=None, description="When it ended (UTC, ISO 8601).")
    expires: str | None = Field(default=None, description="When its results will be deleted (job_retention_s).")
    error: str | None = Field(default=None, description="Why the job failed (status failed only).")
    model: str


class JobPage(BaseModel):
    """One page of a job's results, in input order."""

    job_id: str
    status: JobState
    total: int
    done: int
    items: list[BatchEntry]
    next_offset: int | None = Field(description="The offset of the next page; while the job runs and every result "
                                    "so far was returned, call again later with it; null once all are returned.")
