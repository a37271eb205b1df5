"""One config system: every package's settings load, check, flag and document themselves the same way."""

from __future__ import annotations

import argparse
import dataclasses
import json
from dataclasses import dataclass

import pytest

from news_core.cli import build_parser
from news_core.errors import ConfigError
from news_core.settings import Settings, SettingsError, setting
from news_core.settings_doc import CONFIGURATION, MANIFEST, SERVER_JSON, generated, settings_by_command, stale


@dataclass
class Toy(Settings):
    """A small config with one field of every kind the loader coerces."""

    table = "toy"
    label = "toy"

    name: str = setting("x", "a name", choices=("x", "y"), flags=("--nm",))
    count: int = setting(2, "how many", ge=1)
    ratio: float = setting(0.5, "a share", gt=0, lt=1)
    on: bool = setting(True, "a switch")
    files: list[str] = setting(["a"], "a list")
    cap: int | None = setting(None, "an optional cap", ge=1)

    def check(self) -> list[str]:
        return ["cap must not exceed count"] if self.cap is not None and self.cap > self.count else []


def toy_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    Toy.add_arguments(parser)
    return parser.parse_args(argv)


def test_precedence_defaults_then_file_then_environment_then_flags(tmp_path):
    path = tmp_path / "toy.toml"
    path.write_text('[toy]\ncount = 3\nratio = 0.25\nname = "y"\n')
    assert Toy.load(path) == Toy(name="y", count=3, ratio=0.25)
    env = {"NEWS_ENHANCER_TOY_COUNT": "4", "NEWS_ENHANCER_TOY_RATIO": "0.75"}
    assert Toy.load(path, None, env) == Toy(name="y", count=4, ratio=0.75)
    config = Toy.from_args(toy_args(["--config", str(path), "--count", "5"]), env)
    assert (config.name, config.count, config.ratio) == ("y", 5, 0.75)


def test_the_environment_can_name_the_file(tmp_path):
    path = tmp_path / "toy.toml"
    path.write_text("count = 7\n")  # no [toy] table: the top level
    assert Toy.from_args(toy_args([]), {"NEWS_ENHANCER_TOY_CONFIG": str(path)}).count == 7


def test_text_from_the_environment_is_coerced():
    env = {"NEWS_ENHANCER_TOY_COUNT": "9", "NEWS_ENHANCER_TOY_RATIO": "0.1", "NEWS_ENHANCER_TOY_ON": "no",
           "NEWS_ENHANCER_TOY_FILES": "p.jsonl, q.jsonl", "NEWS_ENHANCER_TOY_CAP": "3"}
    assert Toy.load(None, None, env) == Toy(count=9, ratio=0.1, on=False, files=["p.jsonl", "q.jsonl"], cap=3)
    assert Toy.load(None, None, {"NEWS_ENHANCER_TOY_CAP": "none"}).cap is None


def test_flags_are_typed_and_keep_their_aliases():
    args = toy_args(["--nm", "y", "--count", "3", "--no-on", "--files", "a,b", "c", "--cap", "2"])
    assert Toy.from_args(args, {}) == Toy(name="y", count=3, on=False, files=["a", "b", "c"], cap=2)
    assert vars(toy_args([])) == {}  # unset flags leave the file and environment alone
    with pytest.raises(SystemExit):
        toy_args(["--count", "many"])


def test_unknown_settings_are_refused_with_the_known_ones():
    with pytest.raises(ConfigError, match=r"unknown toy setting 'size' \(flags\); known settings: cap, count"):
        Toy.load(None, {"size": 1})
    with pytest.raises(ConfigError, match="unknown toy setting 'colour' .*NEWS_ENHANCER_TOY_COLOUR"):
        Toy.load(None, None, {"NEWS_ENHANCER_TOY_COLOUR": "red"})
    with pytest.raises(ConfigError, match=r"unknown toy setting 'counts' \(flags\); did you mean 'count'\?"):
        Toy.load(None, {"counts": 3})


def test_every_problem_is_reported_at_once_each_named(tmp_path):
    path = tmp_path / "toy.toml"
    path.write_text('name = "z"\nsize = 1\n')
    with pytest.raises(SettingsError) as err:
        Toy.load(path, {"ratio": 1.5}, {"NEWS_ENHANCER_TOY_COUNT": "lots", "NEWS_ENHANCER_TOY_CAP": "0"})
    problems = err.value.problems
    assert len(problems) == 5, problems
    for expected in ("'size'", "count must be int", "name = 'z' is not one of: x, y",
                     "ratio must be a number strictly between 0 and 1", "cap must be an integer >= 1"):
        assert any(expected in p for p in problems), expected
    assert str(err.value).startswith("5 problems with the settings:")


def test_types_are_checked_and_the_cross_field_hook_runs():
    with pytest.raises(ConfigError, match="on must be bool, got 1"):
        Toy(on=1)
    with pytest.raises(ConfigError, match="count must be int, got True"):
        Toy(count=True)
    with pytest.raises(ConfigError, match="ratio must be a finite number"):
        Toy(ratio=float("nan"))
    with pytest.raises(ConfigError, match="cap must not exceed count"):
        Toy(count=2, cap=3)
    assert Toy(files="a,b").files == ["a", "b"] and Toy(ratio=1 - 0.5).ratio == 0.5


def test_the_server_keeps_its_variables_and_ignores_the_others():
    from mcp_server.config import load_config

    env = {"NEWS_ENHANCER_ITEM_TIMEOUT_S": "60", "NEWS_ENHANCER_TRAIN_EPOCHS": "3", "NEWS_ENHANCER_CACHE": "/c",
           "NEWS_ENHANCER_EXPORT_THREADS": "2", "NEWS_ENHANCER_CONFIG": "", "HOME": "/h"}
    assert load_config(None, None, env).item_timeout_s == 60.0
    with pytest.raises(ConfigError, match="unknown setting 'item_timeout'"):
        load_config(None, None, {"NEWS_ENHANCER_ITEM_TIMEOUT": "60"})
    from finetune.config import TrainConfig

    assert TrainConfig.load(None, None, env).epochs == 3.0


def test_the_server_ignores_every_other_commands_prefix():
    from mcp_server.config import ServerConfig

    for command, cls in settings_by_command().items():
        if cls is not ServerConfig:
            assert cls.env_prefix.removeprefix(ServerConfig.env_prefix) in ServerConfig.env_ignore, command


@pytest.mark.parametrize("command", sorted(settings_by_command()))
def test_every_field_has_help(command):
    cls = settings_by_command()[command]
    assert [f.name for f in dataclasses.fields(cls) if not f.metadata.get("help")] == []


def _dests(parser: argparse.ArgumentParser) -> set[str]:
    """Every option dest of a parser and of its subcommands."""
    found = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _dests(sub)
        elif action.option_strings:
            found.add(action.dest)
    return found


@pytest.mark.parametrize("command", sorted(settings_by_command()))
def test_every_setting_is_a_flag_of_its_command(command):
    parser = build_parser([command])
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    assert set(settings_by_command()[command].names()) - _dests(sub) == set()


@pytest.mark.parametrize("argv, expected", [
    (["serve", "--item-timeout-s", "7", "--n-threads", "2", "--max-batch-items", "3"],
     {"item_timeout_s": 7.0, "n_threads": 2, "max_batch_items": 3}),
    (["train", "--epochs", "2", "--data", "a.jsonl", "b.jsonl", "--lora-rank", "8", "--resume"],
     {"epochs": 2.0, "data": ["a.jsonl", "b.jsonl"], "lora_rank": 8, "resume": True}),
    (["export", "parity", "--adapter", "A", "--n", "3", "--format", "f16", "--format", "lora,q8_0"],
     {"adapter": "A", "n_items": 3, "formats": ["f16", "lora", "q8_0"]}),
    (["eval", "--no-bertscore", "--limit", "4", "--bertscore-layers", "3"],
     {"bertscore": False, "limit": 4, "bertscore_layers": 3}),
    (["data", "validate", "--min-items", "10", "--test-fraction", "0.3"], {"min_items": 10, "test_fraction": 0.3}),
])
def test_flags_reach_the_settings(argv, expected):
    args = build_parser(argv).parse_args(argv)
    config = settings_by_command()[argv[0]].from_args(args, {})
    assert {name: getattr(config, name) for name in expected} == expected


def test_generated_docs_are_in_sync_with_the_code():
    files = generated()
    assert {path.name for path in files} >= {"configuration.md", "server.example.toml", "server.json", "manifest.json"}
    stale_files = [str(p) for p in stale(files)]
    assert stale_files == [], "run: python -m news_core.settings_doc --write"
    page = files[CONFIGURATION]
    assert "0 = automatic: half the cores, at most 4" in page
    assert "| `--item-timeout-s` |" in page and "`--item-timeout`" not in page  # an older name: not advertised


N_THREADS = "0 = automatic: every core up to 4 when the machine is otherwise idle, else half the cores, at most 4"


def test_every_copy_of_a_description_is_the_settings_own():
    """server.json (both packages), the bundle manifest, serve --help and docs/configuration.md carry
    each setting's help from ServerConfig, word for word; a hand edit in any of them is caught above."""
    server = settings_by_command()["serve"]
    helps = {f.name: f.metadata["help"] for f in dataclasses.fields(server)}
    server_json = json.loads(SERVER_JSON.read_text())
    for package in server_json["packages"]:
        for var in package["environmentVariables"]:
            assert var["description"].startswith(helps[var["name"].removeprefix("NEWS_ENHANCER_").lower()])
    manifest = json.loads(MANIFEST.read_text())
    for key, entry in manifest["user_config"].items():
        assert entry["description"].startswith(helps[key]), key
    usage = " ".join(_help_text(["serve", "--help"]).split())
    page = " ".join(CONFIGURATION.read_text().split())
    for name in ("n_threads", "item_timeout_s", "backend", "model"):
        assert " ".join(helps[name].split()) in usage and helps[name] in page, name
    copies = [var["description"] for package in server_json["packages"] for var in package["environmentVariables"]
              if var["name"] == "NEWS_ENHANCER_N_THREADS"]
    copies += [manifest["user_config"]["n_threads"]["description"], usage, page]
    assert len(copies) == 5 and all(N_THREADS in text for text in copies)


def test_a_hand_edited_description_is_rewritten_from_the_source():
    from news_core import settings_doc

    server = settings_by_command()["serve"]
    edited = SERVER_JSON.read_text().replace(N_THREADS, "0 = automatic (half the cores)")
    assert edited != SERVER_JSON.read_text() and settings_doc.server_json(server, edited) == SERVER_JSON.read_text()
    edited = MANIFEST.read_text().replace(N_THREADS, "0 = automatic (half the cores)")
    assert settings_doc.manifest(server, edited) == MANIFEST.read_text()


def _help_text(argv: list[str]) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit):
        build_parser(argv).parse_args(argv)
    return out.getvalue()


def test_serve_help_lists_settings_under_their_groups_with_choices():
    text = _help_text(["serve", "--help"])
    headings = [line[:-1] for line in text.splitlines() if line.endswith(" settings:") and not line.startswith(" ")]
    assert headings == ["model settings", "decoding settings", "limits settings", "transport and security settings",
                        "jobs settings", "openai backend settings", "logging settings"]
    assert "--backend {gguf,peft,openai}" in text and "--transport {stdio,http}" in text
    server = settings_by_command()["serve"]
    assert all(f.metadata["group"] in server.groups for f in dataclasses.fields(server))


def test_a_group_the_class_does_not_declare_is_refused():
    @dataclass
    class Grouped(Settings):
        table = "grouped"
        groups = {"one": "the first"}

        a: int = setting(1, "a", group="one")
        b: int = setting(2, "b", group="two")

    with pytest.raises(TypeError, match="two"):
        Grouped.add_arguments(argparse.ArgumentParser())
    assert [f.name for f in Grouped.grouped(only=["a"])["one"]] == ["a"]


def test_version_flags_print_the_installed_version():
    from importlib.metadata import version

    for flag in ("--version", "-V"):
        assert _help_text([flag]).strip() == f"news-enhancer {version('news-enhancer')}"


def test_an_older_flag_name_still_works_is_hidden_and_warns_with_the_current_name():
    import argparse as argparse_

    from mcp_server.config import ServerConfig

    parser = argparse_.ArgumentParser()
    ServerConfig.add_arguments(parser)
    assert "--item-timeout " not in parser.format_help() and "--item-timeout-s" in parser.format_help()
    with pytest.warns(FutureWarning, match="--item-timeout is an older name of --item-timeout-s"):
        args = parser.parse_args(["--item-timeout", "5"])
    assert ServerConfig.from_args(args, {}).item_timeout_s == 5.0
