import pytest

from mcp_server.config import ServerConfig, load_config
from news_core.errors import ConfigError


def test_defaults_are_valid():
    config = ServerConfig()
    assert config.backend == "gguf" and config.model == "bundled" and config.adapter == "default"


def test_toml_then_environment_then_flags(tmp_path):
    path = tmp_path / "server.toml"
    path.write_text('[server]\nmax_tokens = 100\nitem_timeout_s = 5\nadapter = "none"\n')
    config = load_config(path, {"item_timeout_s": 9.5}, {"NEWS_ENHANCER_MAX_TOKENS": "200"})
    assert (config.max_tokens, config.item_timeout_s, config.adapter) == (200, 9.5, "none")


@pytest.mark.parametrize(
    "overrides, message",
    [({"max_tokens": 0}, "max_tokens"), ({"n_ctx": 100}, "n_ctx"), ({"item_timeout_s": -1}, "item_timeout_s"),
     ({"nonsense": 1}, "unknown setting 'nonsense'"), ({"max_source_chars": 0}, "max_source_chars"),
     ({"max_published_chars": -5}, "max_published_chars"), ({"max_url_chars": "x"}, "max_url_chars"),
     ({"max_id_chars": 0}, "max_id_chars"), ({"shutdown_wait_s": 0}, "shutdown_wait_s"),
     ({"shutdown_wait_s": float("inf")}, "shutdown_wait_s")],
)
def test_invalid_settings_name_the_setting(overrides, message):
    with pytest.raises(ConfigError, match=message):
        load_config(None, overrides)


def test_bad_environment_value_names_the_setting():
    with pytest.raises(ConfigError, match="max_tokens"):
        load_config(None, None, {"NEWS_ENHANCER_MAX_TOKENS": "lots"})


def test_missing_or_broken_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[server\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


def test_unknown_backend_fails_with_choices():
    from mcp_server.backends import load_backend

    with pytest.raises(ConfigError, match="backend = 'nope' is not one of: gguf, peft, openai"):
        load_backend(ServerConfig(backend="nope"))


# What the stdio serve path must not import at start-up (docs/performance.md, "Cold start"): the
# training and evaluation stack, and markdown-it, which only enhance_newsletter on Markdown needs.
HEAVY = ("torch", "transformers", "peft", "datasets", "pandas", "scipy", "sklearn", "matplotlib", "markdown_it",
         "tqdm", "mcp_server.http_transport")


def test_the_serve_path_imports_nothing_heavy():
    import subprocess
    import sys

    serve_path = "news_core.cli, mcp_server.serve_cli, mcp_server.server, mcp_server.stdio_transport, mcp_server.backends.gguf"
    code = f"import sys, {serve_path}; print(sorted(set({HEAVY!r}) & set(sys.modules)))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


def test_bad_model_path_is_a_clear_error():
    from mcp_server.backends import load_backend

    with pytest.raises(ConfigError, match="no such GGUF file"):
        load_backend(ServerConfig(model="/nope/model.gguf"))


def test_field_limits_come_from_the_settings():
    limits = ServerConfig(max_source_chars=10, max_id_chars=3).field_limits()
    assert limits["source"] == (10, "max_source_chars") and limits["id"] == (3, "max_id_chars")
    assert set(limits) == {"source", "published", "url", "id"}


def test_the_example_file_lists_every_setting_and_loads():
    import tomllib
    from dataclasses import fields
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "server.example.toml"
    listed = tomllib.loads(path.read_text(encoding="utf-8"))["server"]
    assert sorted(f.name for f in fields(ServerConfig) if f.name not in listed) == []
    assert load_config(path) == ServerConfig()
