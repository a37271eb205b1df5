"""The job tools: a batch that does not depend on one request staying open (jobs.py runs it)."""

from __future__ import annotations

from typing import Any

from mcp.server.mcpserver.exceptions import ToolError
from pydantic import Field

from news_core.errors import NewsEnhancerError

from .config import ServerConfig
from .jobs import Jobs
from .results import JobPage, JobStatus
from .state import AppContext


def register_job_tools(config: ServerConfig, tool, item_schema: dict[str, Any]) -> None:
    """start_batch, batch_status, batch_results, cancel_batch; `tool` is server.py's decorator
    (title and annotations), `item_schema` what one item advertises."""

    def jobs(ctx: AppContext) -> Jobs:
        return ctx.request_context.lifespan_context.jobs

    def answer(fn, *args):
        try:
            return fn(*args)
        except NewsEnhancerError as exc:
            raise ToolError(str(exc)) from None

    job_id = Field(description="The job_id start_batch returned.", max_length=64)

    @tool("Start a batch job", read_only=False, idempotent=False)
    async def start_batch(
        ctx: AppContext,
        items: list[Any] = Field(description=(
            "Items as objects with title, content and optionally source, url, published, id; each gets its own "
            f"result or error, in input order. At most {config.max_job_items}."
        ), json_schema_extra={"items": item_schema, "maxItems": config.max_job_items}),
    ) -> JobStatus:
        """Start enhancing many items in the server and return a job id at once: the job goes on whatever
        happens to this request. Poll batch_status, fetch batch_results page by page, cancel_batch to stop it."""
        registry = jobs(ctx)
        return registry.status(answer(registry.start, items))

    @tool("Status of a batch job")
    async def batch_status(ctx: AppContext, job_id: str = job_id) -> JobStatus:
        """How far a batch job is: status, items done, succeeded and failed, when its results expire."""
        registry = jobs(ctx)
        return registry.status(answer(registry.get, job_id))

    @tool("Results of a batch job")
    async def batch_results(
        ctx: AppContext,
        job_id: str = job_id,
        offset: int = Field(default=0, ge=0, description="Index of the first result: 0, then next_offset."),
        limit: int = Field(default=100, ge=1, le=500, description="Results per page, at most 500."),
    ) -> JobPage:
        """One page of a job's results in input order, also while it runs: one entry per item, as batch_enhance's."""
        registry = jobs(ctx)
        return answer(registry.page, answer(registry.get, job_id), offset, limit)

    @tool("Cancel a batch job", read_only=False, destructive=True)
    async def cancel_batch(ctx: AppContext, job_id: str = job_id) -> JobStatus:
        """Stop a batch job: the items done keep their results, the others get an error entry each. An ended
        job is left as it is."""
        registry = jobs(ctx)
        try:
            return registry.status(await registry.cancel(job_id))
        except NewsEnhancerError as exc:
            raise ToolError(str(exc)) from None
