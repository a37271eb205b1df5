"""Shared fixtures, and the two markers that split the suite.

`make test` runs everything. `make test-fast` runs `-m "not slow and not model"`: no test that
needs the real model and none that takes more than a few seconds. A test that asks for one of
MODEL_FIXTURES is marked `model` here, so it cannot slip into the fast loop unmarked.
"""

import os
import sys
from pathlib import Path

import pytest
from support.fake_backend import FakeBackend

ROOT = Path(__file__).resolve().parents[1]
SEED_DATA = ROOT.parent / "shared" / "seed_data" / "news_train_data.jsonl"
PY = sys.executable
MODEL_FIXTURES = {"base_backend", "default_backend", "bundled_hf_base", "bundled_hf_tokenizer"}
# The cores shared out among the test processes: one each when `make test` runs two xdist workers on two
# cores. torch's OpenMP pool otherwise starts a thread per core in every worker, and threads that
# spin-wait beside a busy neighbour burn several times the CPU for the same work (test_finetune_trl.py:
# 85 s of CPU with two threads per worker, 16 s with one, on the 2-core machine the suite is timed on).
# Set here, before any test imports torch, and inherited by the processes tests start; a value already
# in the environment wins. Tests that give llama.cpp a thread count use WORKER_THREADS.
WORKER_THREADS = max(1, (os.cpu_count() or 1) // int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")))
os.environ.setdefault("OMP_NUM_THREADS", str(WORKER_THREADS))


def pytest_configure(config):
    config.addinivalue_line("markers", "model: needs the real bundled model (weights or tokenizer), in process, in a "
                                       "llama.cpp server or in a server subprocess (left out of make test-fast)")


@pytest.hookimpl(tryfirst=True)  # before -m deselects: the mark must be there to be seen
def pytest_collection_modifyitems(items):
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)
    # Files with a model or slow test run first, each file's tests in their own order. make test's
    # workers take files in this order (--no-loadscope-reorder), so both end on quick files; xdist's own
    # order (most tests first) left the one-test heavy files to the end, one worker idle meanwhile.
    heavy = {item.path for item in items if item.get_closest_marker("model") or item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in heavy)


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


@pytest.fixture(scope="session")
def bundled_hf_base():
    """The bundled base converted to a Hugging Face folder (cached; converted here when missing,
    about a minute), so no test depends on another having converted it first."""
    from news_core.base_model import bundled_folder

    return bundled_folder()


@pytest.fixture(scope="session")
def bundled_hf_tokenizer(bundled_hf_base):
    """The bundled base's Hugging Face tokenizer, loaded once per test process (its 33 MB tokenizer.json
    takes seconds to read). Tests only encode and decode with it."""
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(bundled_hf_base)


@pytest.fixture
def fake_backend():
    """A test double for the model (support/fake_backend.py): instant, deterministic answers."""
    return FakeBackend()


def server_env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWS_ENHANCER_")}
    env.update(extra)
    return env
