"""`news-enhancer serve` / `python -m mcp_server`: configuration at the entry point, then stdio."""

from __future__ import annotations

import argparse
import logging

from .config import config_from_environment

log = logging.getLogger(__name__)


HELP = "run the MCP stdio server"


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="TOML file with a [server] table (env: NEWS_ENHANCER_CONFIG)")
    parser.add_argument("--backend", choices=["gguf", "peft", "openai"], help="inference backend (default gguf)")
    parser.add_argument("--model", help="GGUF path, or 'bundled' (default)")
    parser.add_argument("--adapter", help="gguf: GGUF LoRA path, 'default' (shipped) or 'none'; peft: adapter folder")
    parser.add_argument("--base-url", dest="base_url", help="OpenAI-compatible server URL (openai backend)")
    parser.add_argument("--remote-model", dest="remote_model", help="model name on the OpenAI-compatible server")
    parser.add_argument("--device", help="peft backend: auto | cpu | cuda")
    parser.add_argument("--n-threads", dest="n_threads", type=int, help="CPU threads (0 = auto)")
    parser.add_argument("--item-timeout", dest="item_timeout_s", type=float, help="seconds per item")


OVERRIDES = ("backend", "model", "adapter", "base_url", "remote_model", "device", "n_threads", "item_timeout_s")


def run(args: argparse.Namespace) -> int:
    config = config_from_environment(args.config, {k: getattr(args, k, None) for k in OVERRIDES})
    import anyio

    from .server import create_server  # after config validation: a bad setting fails fast
    from .stdio_transport import serve_stdio

    log.info("starting news-enhancer MCP server on stdio (backend %s, model %s, adapter %s)",
             config.backend, config.model, config.adapter)
    anyio.run(serve_stdio, create_server(config))
    return 0
