"""`news-enhancer serve` / `python -m mcp_server`: configuration at the entry point, then stdio."""

from __future__ import annotations

import argparse
import logging
import os

from .config import ServerConfig

log = logging.getLogger(__name__)

HELP = "run the MCP stdio server"
SETTINGS = ServerConfig


def register(parser: argparse.ArgumentParser) -> None:
    ServerConfig.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    config = ServerConfig.from_args(args, os.environ)  # the only place the server reads the environment
    import anyio

    from .server import create_server  # after config validation: a bad setting fails fast
    from .stdio_transport import serve_stdio

    log.info("starting news-enhancer MCP server on stdio (backend %s, model %s, adapter %s)",
             config.backend, config.model, config.adapter)
    anyio.run(serve_stdio, create_server(config))
    return 0
