"""Test launcher: the HTTP server as `serve --transport http` runs it (serve_http: the same port,
app and server), given the fake backend instead of loading the model, so the HTTP tests start in
about a second.

    python tests/support/http_server.py     # settings from NEWS_ENHANCER_* in the environment

Items titled "slow" take SLOW_S seconds, so a test can hold requests under way.
"""

import logging
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for support.*

import anyio  # noqa: E402

from mcp_server.config import ServerConfig  # noqa: E402
from mcp_server.http_transport import serve_http  # noqa: E402
from support.fake_backend import FakeBackend  # noqa: E402

SLOW_S = 1.5

if __name__ == "__main__":
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    config = ServerConfig.load(environ=os.environ).replace(transport="http")
    anyio.run(serve_http, config, FakeBackend(slow={"slow": SLOW_S}))
