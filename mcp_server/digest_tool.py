"""The newsletter_digest tool: raw newsletters in, the digest's Markdown out (the text content, as
`news-enhancer digest` writes digest.md, without its plots) with the digest's data as structured
content.

Up to max_batch_items items the tool enhances them in the call, reporting progress per chunk to a
client that asked for it (a progressToken). Past that, or when the caller asks with job=true, it
starts a batch job (jobs.py) and returns at once with its id; the caller polls batch_status and,
once the job has ended, calls again with the same newsletters and that job_id to get the digest
(the newsletters are split again: splitting is deterministic and quick, and the job keeps only the
items' results).
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated, Any, Literal

import anyio
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, TextContent
from pydantic import BaseModel, ConfigDict, Field

from digest import Letter, Options, build_digest, model_item, read_letter, render_markdown
from digest.build import wanted_lines
from news_core.errors import Cancelled, NewsEnhancerError
from newsletters.split import MAX_RAW_CHARS

from .config import ServerConfig
from .results import JobStatus
from .state import AppContext, AppState

MAX_NEWSLETTERS = 200
MAX_TOTAL_CHARS = 50_000_000  # all newsletters of one call together
DAY = r"^(\d{4}-\d{2}-\d{2})?$"

class NewsletterInput(BaseModel):
    """One newsletter of the digest: its raw text and the name the report gives it."""

    model_config = ConfigDict(extra="forbid")
    raw: str = Field(max_length=MAX_RAW_CHARS, description=(
        "The whole newsletter, as enhance_newsletter takes it: plain text, Markdown, HTML, an RFC 822 message "
        "(.eml), a Gmail API message (raw base64url, or the resource as JSON) or an RSS/Atom feed."))
    name: str = Field(default="", max_length=200, description=(
        "What the report calls it, e.g. the file name or Gmail message id; 'newsletter-<n>' when empty. Unique."))

class DigestAnswer(BaseModel):
    """The digest as Markdown and as data (the digest.json of docs/digest.md), or the job that will make it."""

    markdown: str = Field(description="The report, also the tool's text content; empty while a job runs.")
    digest: dict[str, Any] | None = Field(default=None, description="The digest's data; null while a job runs.")
    job: JobStatus | None = Field(default=None, description="The batch job enhancing the items, when one was used.")

def register_digest_tool(config: ServerConfig, tool) -> None:
    """newsletter_digest; `tool` is server.py's decorator (title, annotations, closed arguments)."""

    @tool("Digest of many newsletters", read_only=False, idempotent=False)
    async def newsletter_digest(
        ctx: AppContext,
        newsletters: list[NewsletterInput] = Field(min_length=1, max_length=MAX_NEWSLETTERS, description=(
            f"The newsletters, at most {MAX_NEWSLETTERS} and {MAX_TOTAL_CHARS} characters in all.")),
        period: Literal["day", "week"] = Field(default="week", description="One report per day or ISO week."),
        since: str = Field(default="", pattern=DAY, description="YYYY-MM-DD: leave out items dated before it."),
        until: str = Field(default="", pattern=DAY, description="YYYY-MM-DD: leave out items dated after it."),
        min_relevance: int = Field(default=1, ge=1, le=10, description="Stories below it stay out of the top list."),
        top: int = Field(default=10, ge=1, le=100, description="Stories in each period's top list."),
        job: bool = Field(default=False, description=(
            f"Enhance in a batch job and return its id at once (needed past {config.max_batch_items} items).")),
        job_id: str = Field(default="", max_length=64, description=(
            "The job_id an earlier call returned, once batch_status says it has ended: the digest of its results.")),
    ) -> Annotated[CallToolResult, DigestAnswer]:
        """A digest of many newsletters: each split into items, every item enhanced, items that several
        newsletters carried merged into one story; the top stories by relevance (sponsored items left out
        but counted), topics and companies with counts, a section per newsletter, every error listed."""
        state = ctx.request_context.lifespan_context
        options = _options(period, since, until, min_relevance, top)
        letters = await anyio.to_thread.run_sync(_read, newsletters, abandon_on_cancel=True)
        lines = wanted_lines(letters, options)
        _check_size(config, lines, job or bool(job_id))
        if job_id:
            entries = _job_entries(state.jobs, job_id, lines)
            if isinstance(entries, JobStatus):
                return _answer(DigestAnswer(markdown="", job=entries), _waiting(entries))
        elif job:
            started = _ask(state.jobs.start, [model_item(line) for line in lines])
            status = state.jobs.status(started)
            return _answer(DigestAnswer(markdown="", job=status), _waiting(status))
        else:
            entries = await _enhance(ctx, state, lines)
        report = build_digest(letters, {e["id"]: e for e in entries}, options, state.enhancer.backend.model_id)
        markdown = render_markdown(report)
        return _answer(DigestAnswer(markdown=markdown, digest=report), markdown)

def _options(period: str, since: str, until: str, min_relevance: int, top: int) -> Options:
    try:
        first, last = (date.fromisoformat(day) if day else None for day in (since, until))
    except ValueError as exc:
        raise ToolError(f"since and until must be real days as YYYY-MM-DD: {exc}") from None
    if first and last and first > last:
        raise ToolError(f"since {since} is after until {until}")
    return Options(period=period, since=first, until=last, min_relevance=min_relevance, top=top)

def _read(newsletters: list[NewsletterInput]) -> list[Letter]:
    names = [item.name or f"newsletter-{n}" for n, item in enumerate(newsletters, start=1)]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ToolError(f"newsletter names must be unique; given more than once: {', '.join(repeated)}")
    if (total := sum(len(item.raw) for item in newsletters)) > MAX_TOTAL_CHARS:
        raise ToolError(f"the newsletters have {total} characters in all, over the limit of {MAX_TOTAL_CHARS}: "
                        "send them in several calls (a week at a time)")
    return [read_letter(name, item.raw) for name, item in zip(names, newsletters)]

def _check_size(config: ServerConfig, lines: list[dict], as_job: bool) -> None:
    if len(lines) > config.max_job_items:
        raise ToolError(f"the newsletters hold {len(lines)} items, over the limit of {config.max_job_items} "
                        "(max_job_items): send fewer newsletters per call")
    if not as_job and len(lines) > config.max_batch_items:
        raise ToolError(f"the newsletters hold {len(lines)} items, more than {config.max_batch_items} "
                        "(max_batch_items) in one call: call again with job=true, poll batch_status, then call "
                        "with the same newsletters and the job_id")

async def _enhance(ctx: AppContext, state: AppState, lines: list[dict]) -> list[dict]:
    """Every line enhanced, a chunk at a time in a worker thread, with progress after each chunk."""
    svc, entries = state.enhancer, []
    raws, ids = [model_item(line) for line in lines], [line["id"] for line in lines]
    for first, chunk in svc.chunks(raws):
        work = partial(svc.enhance_entries, ids=ids[first:first + len(chunk)])
        try:
            done = await state.workers.run(work, chunk, first)
        except Cancelled as exc:
            raise ToolError(str(exc)) from None
        entries += [entry.model_dump(mode="json") for entry in done]
        await ctx.report_progress(len(entries), len(lines), f"{len(entries)}/{len(lines)} items")
    return entries

def _job_entries(jobs, job_id: str, lines: list[dict]) -> list[dict] | JobStatus:
    """The job's results for these lines, or its status while it runs; refused when it enhanced other items."""
    found = _ask(jobs.get, job_id)
    if found.state not in ("completed", "cancelled", "failed"):
        return jobs.status(found)
    entries = [entry.model_dump(mode="json") for entry in found.entries]
    if [entry["id"] for entry in entries] != [line["id"] for line in lines]:
        raise ToolError(f"job {job_id} enhanced other items than these newsletters hold: send the same newsletters "
                        "(same names, same order) and the same since and until as the call that started it")
    return entries

def _waiting(status: JobStatus) -> str:
    return (f"Job {status.job_id} is {status.status}: {status.done} of {status.total} items done. Poll batch_status "
            "with this job_id; once it has ended, call newsletter_digest again with the same newsletters, since and "
            "until, and this job_id.")

def _ask(fn, *args):
    try:
        return fn(*args)
    except NewsEnhancerError as exc:
        raise ToolError(str(exc)) from None

def _answer(answer: DigestAnswer, text: str) -> CallToolResult:
    return CallToolResult(content=[TextContent(type="text", text=text)],
                          structured_content=answer.model_dump(mode="json"))
