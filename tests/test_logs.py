"""A quiet run: llama.cpp's own log goes through Python logging at the level a user chose.

The lines fed here are llama.cpp's own, copied from a run of the bundled model (llama-cpp-python
0.3.36); the slow tests run the real `news-enhancer demo`, which is what `make run` does."""

import logging
import re
import subprocess
import sys
from pathlib import Path

import pytest

from news_core import logs
from news_core.logs import GGML_CONT, GGML_DEBUG, GGML_ERROR, GGML_INFO, GGML_WARN, _Lines

ROOT = Path(__file__).resolve().parents[1]
LORA = "llama_adapter_lora_init_impl: lora for 'blk.0.attn_output.weight' cannot use buft 'CPU_REPACK', fallback to CPU\n"
SWA = ("llama_kv_cache_iswa: using full-size SWA cache (ref: "
       "https://github.com/ggml-org/llama.cpp/pull/13194#issuecomment-2868343055)\n")
# What llama.cpp's log looks like on stderr: a function name, a colon; or our logger's name.
INTERNALS = re.compile(r"llama_|ggml|llama\.cpp|load_tensors|print_info|CPU_REPACK|KV cache")


@pytest.fixture
def debug_logger():
    logger = logging.getLogger("llama.cpp")
    old = logger.level
    logger.setLevel(logging.DEBUG)
    yield
    logger.setLevel(old)


def test_the_level_numbers_are_those_of_the_installed_llama_cpp():
    """ggml.h's enum, which llama-cpp-python 0.3.36 maps by an older order (its WARN shown as ERROR)."""
    header = Path(sys.prefix, "lib", f"python{sys.version_info.major}.{sys.version_info.minor}", "site-packages",
                  "include", "ggml.h")
    if not header.is_file():
        pytest.skip("llama-cpp-python installed without its headers")
    enum = dict(re.findall(r"GGML_LOG_LEVEL_(\w+)\s*=\s*(\d+)", header.read_text()))
    assert {k: int(v) for k, v in enum.items() if k != "NONE"} == {
        "DEBUG": GGML_DEBUG, "INFO": GGML_INFO, "WARN": GGML_WARN, "ERROR": GGML_ERROR, "CONT": GGML_CONT}


def test_info_and_warnings_no_one_can_act_on_are_debug_others_keep_their_level(debug_logger):
    lines = _Lines()
    assert lines.feed(GGML_INFO, "llama_context: n_ctx = 2048\n") == [(logging.DEBUG, "llama_context: n_ctx = 2048")]
    assert lines.feed(GGML_WARN, LORA) == [(logging.DEBUG, LORA.strip())]
    assert lines.feed(GGML_WARN, SWA) == [(logging.DEBUG, SWA.strip())]
    other = "llama_model_load: something a user should see\n"
    assert lines.feed(GGML_WARN, other) == [(logging.WARNING, other.strip())]
    assert lines.feed(GGML_ERROR, "llama_init: failed\n") == [(logging.ERROR, "llama_init: failed")]


def test_a_line_in_pieces_is_one_record_at_its_first_piece_level(debug_logger):
    lines = _Lines()
    assert lines.feed(GGML_WARN, "llama_thing: half") == []
    assert lines.feed(GGML_CONT, " and the rest\nsecond line\n") == [
        (logging.WARNING, "llama_thing: half and the rest"), (logging.WARNING, "second line")]
    assert lines.feed(GGML_DEBUG, ".") == [] and lines.feed(GGML_CONT, ".\n") == [(logging.DEBUG, "..")]


def test_nothing_is_kept_or_formatted_for_a_level_that_is_off():
    logger = logging.getLogger("llama.cpp")
    old, logger.level = logger.level, logging.WARNING
    try:
        lines = _Lines()
        assert lines.feed(GGML_INFO, "llama_context: n_ctx") == [] and lines.feed(GGML_CONT, " = 2048\n") == []
        assert lines.pending == ""
        assert lines.feed(GGML_WARN, "llama_model_load: look\n") == [(logging.WARNING, "llama_model_load: look")]
    finally:
        logger.setLevel(old)


def test_the_callback_replaces_llama_cpp_pythons_and_logs_through_python(debug_logger, caplog):
    """route_llama_log installs a ctypes callback that llama.cpp calls; called here as llama.cpp would."""
    import llama_cpp

    logs.route_llama_log()
    logs.route_llama_log()  # idempotent: one callback, kept alive
    with caplog.at_level(logging.DEBUG, logger="llama.cpp"):
        logs._callback(GGML_WARN, LORA.encode(), None)
        logs._callback(GGML_WARN, b"llama_model_load: \xff odd bytes\n", None)
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.DEBUG, LORA.strip()), (logging.WARNING, "llama_model_load: \ufffd odd bytes")]
    assert isinstance(logs._callback, llama_cpp.llama_log_callback)


def test_serve_takes_log_level_as_a_setting_flag_and_environment():
    from mcp_server.config import ServerConfig
    from news_core.cli import build_parser

    assert ServerConfig().log_level == "warning"
    args = build_parser(["serve", "--log-level", "debug"]).parse_args(["serve", "--log-level", "debug"])
    assert ServerConfig.from_args(args, {}).log_level == "debug"
    assert ServerConfig.load(environ={"NEWS_ENHANCER_LOG_LEVEL": "info"}).log_level == "info"
    with pytest.raises(Exception, match="log_level = 'loud' is not one of: debug, info, warning, error"):
        ServerConfig(log_level="loud")


def demo(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "news_core.cli", "demo", *args], capture_output=True, text=True,
                          timeout=600, cwd=ROOT, stdin=subprocess.DEVNULL)


@pytest.mark.slow
@pytest.mark.model
def test_make_run_prints_answers_and_timings_and_nothing_of_llama_cpp():
    """`news-enhancer demo` as `make run` starts it: the server over stdio with the bundled model and
    the shipped adapter, its stderr passed through. At the default level: no llama.cpp line, no log
    line at all; stdout is the answers and their timings."""
    done = demo()
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr == "", done.stderr[-3000:]
    assert not [line for line in done.stdout.splitlines() if INTERNALS.search(line)]
    out = done.stdout
    assert out.startswith("tools: enhance_news_item") and "enhance_news_item [sample-1] in " in out
    assert re.search(r"batch_enhance: 6 ok, 0 failed, [\d.]+s", out)
    assert re.search(r"enhance_newsletter: 'TLDR AI 2025-06-11' .*: 8 items, 8 ok, [\d.]+s", out)


@pytest.mark.slow
@pytest.mark.model
def test_at_debug_llama_cpp_lines_come_through_python_logging_on_stderr(tmp_path):
    """The same run at --log-level debug (one item, a two-item newsletter): llama.cpp's lines appear
    as records of the "llama.cpp" logger on stderr, the server's own info lines too; stdout stays the
    answers."""
    items = tmp_path / "items.json"
    items.write_text('[{"id": "a", "title": "OpenAI ships GPT-5", "content": "OpenAI released GPT-5 to all users."}]')
    newsletter = tmp_path / "nl.md"
    newsletter.write_text("# AI news\n\n## Nvidia sells more chips\n\nNvidia said data-center sales rose.\n\n"
                          "## Anthropic ships Claude\n\nAnthropic released a new Claude model.\n")
    done = demo("--items", str(items), "--newsletter", str(newsletter), "--log-level", "debug")
    assert done.returncode == 0, done.stderr[-3000:]
    llama_lines = [line for line in done.stderr.splitlines() if " llama.cpp: " in line]
    assert llama_lines and all(" DEBUG llama.cpp: " in line or " WARNING llama.cpp: " in line for line in llama_lines)
    assert any("llama_adapter_lora_init" in line or "llama_context" in line for line in llama_lines), llama_lines[:20]
    assert " INFO mcp_server.server: model ready: " in done.stderr
    assert not [line for line in done.stdout.splitlines() if INTERNALS.search(line)]
