"""What the server's lifespan holds while it runs, and the typed context its tools receive.

The lifespan (server.py) loads the model once and yields an AppState; every tool takes
`ctx: AppContext` and reads it as `ctx.request_context.lifespan_context`, typed, instead of
looking the state up by hand (as the MCP SDK's lifespan example does).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mcp.server.mcpserver import Context

from .jobs import Jobs
from .service import Enhancer
from .workers import Workers


@dataclass
class AppState:
    enhancer: Enhancer
    workers: Workers  # every thread that uses the model, joined before the model is freed
    jobs: Jobs


AppContext = Context[AppState, Any]
