"""`news-enhancer serve` / `python -m mcp_server`: configuration at the entry point, then stdio or HTTP."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from news_core.logs import configure

from .config import ServerConfig

log = logging.getLogger(__name__)

HELP = "run the MCP server (stdio, or Streamable HTTP with --transport http)"
SETTINGS = ServerConfig


def register(parser: argparse.ArgumentParser) -> None:
    ServerConfig.add_arguments(parser)
    parser.add_argument("--prepare", action="store_true",
                        help="write what these settings need on first use (the short output layer, a merged copy), "
                             "load the model once, then exit: run it after installing so a client's first start is "
                             "quick (MCP clients wait for the model before initialize is answered)")


def run(args: argparse.Namespace) -> int:
    config = ServerConfig.from_args(args, os.environ)  # the only place the server reads the environment
    configure("debug" if getattr(args, "verbose", False) else config.log_level)
    if getattr(args, "prepare", False):
        return prepare(config)
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


def prepare(config: ServerConfig) -> int:
    from .backends import load_backend

    backend = load_backend(config)
    # The command's result, not a log line: shown at every log level (stderr: stdout is the protocol's).
    print(f"ready: {backend.model_id} (backend {config.backend}); later starts load it from the cache",
          file=sys.stderr)
    backend.close()
    return 0
