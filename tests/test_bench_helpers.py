"""The pure helpers of `make bench` (benchmarks/bench.py, benchmarks/cold_start.py): percentiles, the
table, and the cold-start breakdown read from the server's stderr log. The benchmark itself is a
script, not a timed test."""

import logging
import sys
from datetime import datetime
from pathlib import Path

import pytest
from mcp import Client
from support.fake_backend import FakeBackend

from mcp_server.config import ServerConfig
from mcp_server.server import create_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench import batch_size_note, format_table, percentile  # noqa: E402
from cold_start import LOADED, breakdown, log_time  # noqa: E402


def test_percentile_is_nearest_rank():
    values = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert percentile(values, 0.5) == 3.0
    assert percentile(values, 0.95) == 5.0 and percentile(values, 0.0) == 1.0
    assert percentile([], 0.5) == 0.0


def test_table_is_markdown_with_aligned_columns():
    table = format_table([("cold start", "4.10 s", "median of 3"), ("memory", "450 MiB peak", "high-water mark")])
    lines = table.splitlines()
    assert lines[0].startswith("| measurement") and set(lines[1]) <= {"|", "-"}
    assert len({len(line) for line in lines}) == 1 and "| 450 MiB peak |" in lines[3]


def test_cold_start_breakdown_from_the_server_log():
    spawned = datetime(2026, 11, 29, 9, 1, 35, 500_000).timestamp()
    log = ("2026-11-29 09:01:35,700 INFO mcp_server.serve_cli: starting news-enhancer MCP server on stdio (...)\n"
           "llama_adapter_lora_init_impl: a line of llama.cpp without a timestamp\n"
           "2026-11-29 09:01:38,000 INFO mcp_server.server: model ready: m.gguf (backend gguf) loaded in 1.300 s\n")
    cold = breakdown(spawned, log, initialize=2.6, total=4.1)
    assert abs(log_time(log) - (spawned + 0.2)) < 1e-6
    parts = cold.parts()
    assert abs(parts["interpreter + CLI + config"] - 0.2) < 1e-6 and parts["model load"] == 1.3
    assert abs(parts["server imports"] - (2.5 - 1.3 - 0.2)) < 1e-6 and abs(parts["first answer"] - 1.5) < 1e-9


def test_missing_log_lines_leave_the_parts_unknown():
    cold = breakdown(0.0, "no timestamps here\n", initialize=1.0, total=2.0)
    assert cold.parts()["server imports"] is None and cold.parts()["model load"] is None and cold.total == 2.0


@pytest.mark.anyio
async def test_the_server_logs_its_model_load_time_as_the_benchmark_reads_it(caplog):
    """The cold-start breakdown takes the model load time from this lifespan log line."""
    with caplog.at_level(logging.INFO, logger="mcp_server.server"):
        async with Client(create_server(ServerConfig(), FakeBackend())):
            pass
    assert any(LOADED.search(record.getMessage()) for record in caplog.records), caplog.text


@pytest.mark.parametrize("backend, setting", [("gguf", "decode_batch_size"), ("peft", "batch_size"),
                                              ("openai", "max_in_flight")])
def test_the_batch_row_names_the_setting_each_backend_batches_by(backend, setting):
    config = ServerConfig(backend=backend, decode_batch_size=3, batch_size=5, max_in_flight=6)
    expected = {"decode_batch_size": 3, "batch_size": 5, "max_in_flight": 6}[setting]
    assert batch_size_note(config) == f"{expected} item(s) per backend call ({setting})"
