"""The MCP stdio server: the model is loaded once in the lifespan, tools run it in a worker thread."""

from __future__ import annotations

import inspect
import logging
import time
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, AsyncIterator

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import ToolAnnotations
from pydantic import Field, ValidationError

from news_core.errors import Cancelled, NewsEnhancerError
from news_core.fields import refusal, unknown_keys
from news_core.items import MAX_CONTENT_CHARS, MAX_ID_CHARS, MAX_PUBLISHED_CHARS, MAX_SOURCE_CHARS, MAX_URL_CHARS

from . import __version__
from .backends import Backend, load_backend
from .config import ServerConfig
from .digest_tool import register_digest_tool
from .job_tools import register_job_tools
from .jobs import Jobs
from .messages import problems
from newsletters import FORMATS, split_newsletter
from .results import BatchResult, EnhancedItem, NewsletterEntry, NewsletterResult, over_limit_entry
from .service import Enhancer, summarise
from .state import AppContext, AppState
from .workers import Workers

log = logging.getLogger(__name__)

INSTRUCTIONS = (
    "Turns AI-industry newsletter items into structured metadata: relevance_score (1-10), "
    "summary, key_insights and company_names. Use enhance_news_item for one item and "
    "batch_enhance for many (results come back in input order, one per item), "
    "enhance_newsletter for a whole raw newsletter (text, Markdown, HTML, an .eml message, a "
    "Gmail API message or an RSS/Atom feed): every item comes back, in order, enhanced or with its own error. "
    "newsletter_digest turns many newsletters (a week's mail) into one Markdown report: top stories, "
    "stories several newsletters carried merged, topics and companies, every item accounted for. "
    "For a long batch that must not depend on one request staying open (a client's time limit), "
    "start_batch returns a job id at once; poll batch_status, fetch batch_results page by page, "
    "cancel_batch to stop it."
)

_BY_DEFAULT = "characters by default"
ITEM_FIELDS = {
    "title": "Headline of the item.",
    "content": f"Body text; cut to {MAX_CONTENT_CHARS} {_BY_DEFAULT} and flagged.",
    "source": f"Newsletter name, e.g. 'TLDR AI'; at most {MAX_SOURCE_CHARS} {_BY_DEFAULT}.",
    "url": f"Link of the item (accepted, not shown to the model); at most {MAX_URL_CHARS} {_BY_DEFAULT}.",
    "published": (f"Publication date, ISO 8601 preferred; a date-time counts as its date; at most "
                  f"{MAX_PUBLISHED_CHARS} {_BY_DEFAULT}."),
    "id": f"Your id for the item, at most {MAX_ID_CHARS} {_BY_DEFAULT}; generated when empty.",
}


DESCRIPTION = ("Structured metadata for AI-industry newsletter items, from a small fine-tuned model "
               "that runs locally; every answer follows one JSON Schema.")


def annotations(config: ServerConfig, title: str, *, read_only: bool = True, destructive: bool = False,
                idempotent: bool = True) -> ToolAnnotations:
    """The enhancing tools only read their arguments and answer; greedy decoding gives the same answer
    to the same item. The job tools that start or stop work say so. The world is closed unless
    backend openai sends the text to another server."""
    return ToolAnnotations(title=title, readOnlyHint=read_only, destructiveHint=destructive,
                           idempotentHint=idempotent, openWorldHint=config.backend == "openai")


def item_schema(config: ServerConfig) -> dict[str, Any]:
    """What batch_enhance and start_batch advertise for one item: its fields, no others. The call
    itself takes any list, so that a malformed item gets its own error entry (service.check_item,
    which refuses an unknown key by name) instead of failing the whole batch."""
    refused_past = {name: limit for name, (limit, _) in config.field_limits().items()}
    properties = {name: {"type": "string", "description": text,
                         **({"maxLength": refused_past[name]} if name in refused_past else {})}
                  for name, text in ITEM_FIELDS.items()}
    return {"type": "object", "properties": properties, "additionalProperties": False}


def tool_description(fn) -> str:
    """A tool function's docstring as clients show it: no indentation, each paragraph on one line."""
    paragraphs = inspect.cleandoc(fn.__doc__ or "").split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


async def _run_in_thread(fn, *args, workers: Workers | None = None):
    """Blocking work off the event loop as fn(*args, cancel); a cancelled call sets `cancel` and
    returns at once. Model work passes the server's workers, so shutdown joins it first."""
    return await (workers or Workers()).run(fn, *args)


class NewsEnhancerServer(MCPServer):
    """MCPServer whose tools take only the arguments they list: the schemas say so
    (additionalProperties: false), and a call with another key is refused by name, with the key it
    most likely meant, instead of running without it (the SDK ignores unknown keys)."""

    async def list_tools(self):
        return [tool.model_copy(update={"input_schema": {**tool.input_schema, "additionalProperties": False}})
                for tool in await super().list_tools()]

    async def call_tool(self, name, arguments, context=None):
        """Unknown keys first; then arguments of the wrong type read as one sentence naming them."""
        listed = next((t for t in await super().list_tools() if t.name == name), None)
        accepted = list(listed.input_schema.get("properties", {})) if listed is not None else []
        if listed is not None and (unknown := unknown_keys(arguments or {}, accepted)):
            raise ToolError(refusal(f"the call to {name}", unknown, accepted, noun="argument"))
        try:
            return await super().call_tool(name, arguments, context)
        except ToolError as exc:
            if not isinstance(exc.__cause__, ValidationError):
                raise
            raise ToolError(f"Invalid arguments for {name}: {problems(exc.__cause__)}.") from exc.__cause__


def create_server(config: ServerConfig, backend: Backend | None = None) -> MCPServer:
    """The server for `config`. `backend`: one already built, served instead of loading
    config.backend (the in-memory tests pass a fake); either way it is closed at shutdown."""
    server = NewsEnhancerServer("news-enhancer", title="News Enhancer", description=DESCRIPTION, version=__version__,
                                instructions=INSTRUCTIONS, lifespan=_lifespan(config, backend))
    tool = _tool_decorator(server, config)
    _register_item_tools(tool, config)
    _register_newsletter_tool(tool, config)
    register_job_tools(config, tool, item_schema(config))
    register_digest_tool(config, tool)
    return server


def _lifespan(config: ServerConfig, backend: Backend | None):
    """Load the model once (or serve `backend`), run the jobs beside the requests, and at shutdown
    stop the jobs, join every thread that uses the model, then free it."""

    @asynccontextmanager
    async def lifespan(_server: MCPServer) -> AsyncIterator[AppState]:
        started = time.perf_counter()
        served = backend if backend is not None else await anyio.to_thread.run_sync(load_backend, config)
        # benchmarks/bench.py reads the load time from this line (cold start breakdown)
        log.info("model ready: %s (backend %s) loaded in %.3f s", served.model_id, served.name,
                 time.perf_counter() - started)
        workers, enhancer = Workers(), Enhancer(served, config)
        try:
            async with anyio.create_task_group() as tg:  # the jobs run here, outside every request
                jobs = Jobs(enhancer, workers, config, tg)
                try:
                    jobs.open()
                    yield AppState(enhancer, workers, jobs)
                finally:
                    tg.cancel_scope.cancel()  # a job on disk resumes at the next start
                    jobs.close()
        finally:
            with anyio.CancelScope(shield=True):
                stopped = await workers.stop(config.shutdown_wait_s)
            if stopped:
                served.close()  # else a thread may still use it: the process exit frees it after that thread

    return lifespan


def _tool_decorator(server: MCPServer, config: ServerConfig):
    """server.tool with its title written once (the annotations carry it too) and its docstring
    as a description without indentation."""

    def tool(title: str, **hints: bool):
        def register(fn):
            server.tool(title=title, description=tool_description(fn),
                        annotations=annotations(config, title, **hints))(fn)
            return fn

        return register

    return tool


def _state(ctx: AppContext) -> AppState:
    return ctx.request_context.lifespan_context


def _register_item_tools(tool, config: ServerConfig) -> None:
    """enhance_news_item (one item) and batch_enhance (a list, one entry per item)."""

    @tool("Enhance one newsletter item")
    async def enhance_news_item(
        ctx: AppContext,
        title: str = Field(default="", description=ITEM_FIELDS["title"]),
        content: str = Field(default="", description=ITEM_FIELDS["content"]),
        source: str = Field(default="", description=ITEM_FIELDS["source"]),
        url: str = Field(default="", description=ITEM_FIELDS["url"]),
        published: str = Field(default="", description=ITEM_FIELDS["published"]),
        id: str = Field(default="", description=ITEM_FIELDS["id"]),
    ) -> EnhancedItem:
        """Structured metadata (relevance_score 1-10, summary, key_insights, company_names) for one item."""
        raw = dict(title=title, content=content, source=source, url=url, published=published, id=id or None)
        try:
            return await _run_in_thread(_state(ctx).enhancer.enhance_raw, raw, workers=_state(ctx).workers)
        except NewsEnhancerError as exc:
            raise ToolError(str(exc)) from None

    @tool("Enhance a batch of newsletter items")
    async def batch_enhance(
        ctx: AppContext,
        items: list[Any] = Field(description=(
            "Items as objects with title, content and optionally source, url, published, id. "
            f"Each item gets its own result or error; order is kept. At most {config.max_batch_items}."
        ), json_schema_extra={"items": item_schema(config), "maxItems": config.max_batch_items}),
    ) -> BatchResult:
        """Metadata for many items: one entry per input item, in input order, failures as per-item errors."""
        svc = _state(ctx).enhancer
        try:
            svc.check_batch(items)
        except NewsEnhancerError as exc:
            raise ToolError(str(exc)) from None
        start = anyio.current_time()
        entries = await _enhance_all(ctx, svc, items)
        return summarise(entries, svc.backend.model_id, anyio.current_time() - start)


def _register_newsletter_tool(tool, config: ServerConfig) -> None:
    """enhance_newsletter: a whole newsletter, split without the model, every item enhanced."""

    @tool("Enhance every item of a newsletter")
    async def enhance_newsletter(
        ctx: AppContext,
        raw: str | dict[str, Any] = Field(description=(
            "The whole newsletter: plain text, Markdown, an HTML email body, a whole RFC 822 / MIME message "
            "(.eml, a forward included), the Gmail API's raw (base64url) message, a Gmail API message resource "
            "(users.messages.get with format full or raw, as a JSON object or its text), or an RSS / Atom feed "
            "(each entry an item).")),
        format: str = Field(default="", description="text, markdown, html or email; empty to detect it.",
                            json_schema_extra={"enum": ["", *FORMATS]}),
    ) -> NewsletterResult:
        """Split a newsletter into its items (deterministically, no model) and enhance each, in order."""
        start = anyio.current_time()
        try:  # splitting is linear but can take a second on megabytes: off the event loop
            letter = await anyio.to_thread.run_sync(split_newsletter, raw, format or None, abandon_on_cancel=True)
        except NewsEnhancerError as exc:
            raise ToolError(str(exc)) from None
        return await _newsletter_result(ctx, letter, config.max_newsletter_items, start)


async def _newsletter_result(ctx: AppContext, letter, limit: int, start: float) -> NewsletterResult:
    """Every item of a split newsletter, in order: enhanced up to `limit`, an error entry each past it."""
    svc = _state(ctx).enhancer
    news_items = letter.to_news_items()
    entries = await _enhance_all(ctx, svc, news_items[:limit]) if news_items else []
    entries += [over_limit_entry(n, item.item_id(), limit) for n, item in enumerate(news_items[limit:], start=limit)]
    merged = [NewsletterEntry(**entry.model_dump(), **part.model_dump(exclude={"content"}))
              for entry, part in zip(entries, letter.items)]
    ok = sum(e.ok for e in merged)
    return NewsletterResult(
        subject=letter.subject, date=letter.date, source=letter.source, format=letter.format, part=letter.part,
        forward=letter.forward,
        reason=letter.reason, items=merged, succeeded=ok, failed=len(merged) - ok, model=svc.backend.model_id,
        seconds=round(anyio.current_time() - start, 3),
    )


async def _enhance_all(ctx: AppContext, svc: Enhancer, items: list[Any]) -> list:
    """One entry per item, in order, with progress; the model work runs in a worker thread, a chunk
    of items at a time (decode_batch_size on gguf, batch_size on peft, concurrent requests on openai)."""
    entries, ids, workers = [], svc.item_ids(items), _state(ctx).workers
    for first, chunk in svc.chunks(items):
        work = partial(svc.enhance_entries, ids=ids[first:first + len(chunk)])
        try:
            entries += await _run_in_thread(work, chunk, first, workers=workers)
        except Cancelled as exc:
            raise ToolError(str(exc)) from None
        await ctx.report_progress(len(entries), len(items), f"{len(entries)}/{len(items)} items")
    return entries
