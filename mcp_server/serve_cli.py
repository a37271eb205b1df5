"""`news-enhancer serve` / `python -m mcp_server`: configuration at the entry point, then stdio or HTTP."""

from __future__ import annotations

import argparse
import logging
import os

from .config import ServerConfig

log = logging.getLogger(__name__)

HELP = "run the MCP server (stdio, or Streamable HTTP with --transport http)"
SETTINGS = ServerConfig


def register(parser: argparse.ArgumentParser) -> None:
    ServerConfig.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    config = ServerConfig.from_args(args, os.environ)  # the only place the server reads the environment
    import anyio

    log.info("starting news-enhancer MCP server on %s (backend %s, model %s, adapter %s)",
             config.transport, config.backend, config.model, config.adapter)
    # imported after config validation: a bad setting fails fast
    if config.transport == "http":
        from .http_transport import serve_http

        anyio.run(serve_http, config)
    else:
        from .server import create_server
        from .stdio_transport import serve_stdio

        anyio.run(serve_stdio, create_server(config))
    return 0
