import os
import sys
from pathlib import Path

import pytest
from support.fake_backend import FakeBackend

ROOT = Path(__file__).resolve().parents[1]
SEED_DATA = ROOT.parent / "shared" / "seed_data" / "news_train_data.jsonl"
PY = sys.executable


@pytest.fixture(scope="session")
def base_backend():
    """The real bundled Gemma 3 270M base, no adapter: the hardest case for validity."""
    from mcp_server.backends import load_backend
    from mcp_server.config import ServerConfig

    backend = load_backend(ServerConfig(adapter="none"))
    yield backend
    backend.close()


@pytest.fixture(scope="session")
def default_backend():
    """The configuration `make run` serves: bundled base plus the shipped adapter."""
    from mcp_server.backends import load_backend
    from mcp_server.config import ServerConfig

    backend = load_backend(ServerConfig())
    yield backend
    backend.close()


@pytest.fixture
def fake_backend():
    """A test double for the model (support/fake_backend.py): instant, deterministic answers."""
    return FakeBackend()


def server_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_ENHANCER_")}
    env.update(extra)
    return env
