"""The README and docs/ pages: every shell command in them is checked, their links lead somewhere.

Each line of a fenced bash/sh block is one command. A `news-enhancer` command must parse with the
real command-line parser (subcommand, flags, choices) and its settings must load; the cheap ones
(no model, no network, nothing written) run here from the repository root; every other command
names, in ELSEWHERE, the test or `make` target that runs it, and that test must exist. A command
that is in neither list fails this test: add it where it belongs.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import WORKER_THREADS

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PAGES = sorted((ROOT / "docs").glob("*.md"))
DOCS = [README, *PAGES]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.M | re.S)
SHELL = ("bash", "sh", "shell", "console")
OPERATORS = {"<", ">", "|", "&&", ";", "2>", ">>"}

# Cheap commands, run here as written (from the repository root, with .venv/bin on PATH).
RUN = [
    r"^news-enhancer split .*mcp_server/samples/newsletters/",
    r"^news-enhancer .*--help$",
    r"^realpath \.venv/bin/news-enhancer$",
]

# Commands too slow, too big or needing the network here: the test or make target that runs them.
ELSEWHERE = {
    r"^make run$": "tests/test_logs.py::test_make_run_prints_answers_and_timings_and_nothing_of_llama_cpp",
    r"^make test$": "the suite itself",
    r"^make test-fast$": "the suite itself",
    r"^make install(-dev)?$": "tests/test_install_paths.py::test_make_install_prepares_the_first_use_files_after_installing",
    r"^make devsplit": "tests/test_devsplit.py::test_the_pipeline_runs_end_to_end_on_a_tiny_budget",
    r"^git clone ": "the URL is the project's Source URL: test_the_clone_url_and_wheel_names_are_the_projects",
    r"^cd news-enhancer$": "the clone's folder: test_the_clone_url_and_wheel_names_are_the_projects",
    r"^python -m pip wheel --no-deps -w dist \.$":
        "tests/test_install_paths.py::test_the_wheel_carries_the_adapter_the_serve_command_and_the_registry_marker",
    r"^(python -m venv|~/\.venvs/news-enhancer/bin/|uvx |pipx run )": "make check-install (packaging/check_install.py)",
    r"^docker (build|run) ": "make check-docker (packaging/check_install.py --docker)",
    r"^news-enhancer (data (import|validate|stats|split)|train --data|export --adapter runs/mine --formats lora|"
    r"eval --models default,mine=|serve --adapter runs/mine-gguf/)":
        "tests/test_docs.py::test_the_training_commands_run_on_a_tiny_budget",
    r"^news-enhancer enhance ": "tests/test_enhance_cli.py::test_the_real_model_in_a_subprocess_and_a_rerun_that_skips_everything",
    r"news-enhancer serve --transport http": "tests/test_server_http.py::test_the_real_model_answers_two_clients_at_once",
    r"^news-enhancer eval --models baseline,default": "tests/test_eval_cli.py::test_eval_generates_and_scores_three_models",
    r"^news-enhancer eval refs ": "tests/test_eval_cli.py::test_eval_refs_from_a_records_file",
    r"^news-enhancer export --adapter runs/mine --formats all": "tests/test_export_formats.py::test_cli_exports_and_prints_sizes",
    r"^news-enhancer export parity ": "tests/test_export_parity.py::test_parity_command_on_a_decisive_tiny_model",
    r"^news-enhancer train --(trainer trl|max-steps)": "tests/test_finetune_trl.py::test_cli_trains_from_a_local_base_folder_and_record_file",
    r"^news-enhancer train --trainer unsloth": "tests/test_gpu.py::test_unsloth_trainer_trains_through_the_cli",
    r"^news-enhancer serve --prepare$": "tests/test_short_head.py::test_serve_prepare_writes_the_cache_and_exits",
    r"^news-enhancer models": "tests/test_models_cli.py::test_the_docs_commands_run_on_an_empty_machine",
    r"^news-enhancer split \S+\.mbox$":
        "tests/test_newsletter_forms.py::test_split_on_an_mbox_shows_each_message_and_jsonl_gives_every_item",
    r"^news-enhancer split \S+ --jsonl \| news-enhancer enhance - ":
        "tests/test_split_enhance_pipe.py::test_the_pipe_with_the_real_cli_and_the_bundled_model",
    r"^news-enhancer digest ": "tests/test_digest_cli.py::test_a_mixed_folder_becomes_a_digest_with_every_item_accounted_for",
    r"^(claude mcp add |npx @modelcontextprotocol/inspector |/home/you/news-enhancer/|\.venv/bin/news-enhancer --version)":
        "tests/test_docs_clients.py",
}

# Pages that other changes add; their links are checked once they exist.
ADDED_ELSEWHERE = {"docs/clients.md", "docs/configuration.md", "docs/models.md", "docs/digest.md",
                   "newsletters/README.md", "LICENSE", "NOTICE"}


def blocks(path: Path, languages: tuple[str, ...]) -> list[str]:
    return [m.group(2) for m in FENCE.finditer(path.read_text(encoding="utf-8")) if m.group(1) in languages]


def commands(path: Path) -> list[str]:
    """The page's shell command lines: continuations joined, comments dropped, quoting kept."""
    found = []
    for body in blocks(path, SHELL):
        for line in body.replace("\\\n", " ").splitlines():
            if shlex.split(line, comments=True):
                found.append(_without_comment(line).strip())
    return found


def _without_comment(line: str) -> str:
    """The line up to a `#` that starts a word outside quotes (the original text, quoting kept)."""
    quote = None
    for i, char in enumerate(line):
        if quote:
            quote = None if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1].isspace()):
            return line[:i]
    return line


def all_commands() -> list[tuple[str, str]]:
    return [(str(path.relative_to(ROOT)), command) for path in DOCS for command in commands(path)]


def argv_of(command: str) -> tuple[dict[str, str], list[str]] | None:
    """(environment assignments, the news-enhancer arguments) of a command line that runs
    news-enhancer: as its program, or as what `uvx`/`pipx run` start; None for any other."""
    from news_core.cli import commands as registered

    words = shlex.split(command)
    env = {}
    while words and re.match(r"^[A-Z_][A-Z0-9_]*=", words[0]):
        name, _, value = words.pop(0).partition("=")
        env[name] = value
    if words and words[0].endswith("news-enhancer"):
        start = 1
    else:
        starts = [i + 1 for i, w in enumerate(words[:-1]) if w == "news-enhancer" and words[i + 1] in registered()]
        if not starts:
            return None
        start = starts[0]
    argv = words[start:]
    cut = next((i for i, word in enumerate(argv) if word in OPERATORS), len(argv))
    return env, argv[:cut]


def news_enhancer_commands() -> list[str]:
    return [f"{page}: {command}" for page, command in all_commands() if argv_of(command) is not None]


def test_the_readme_is_short_and_reaches_every_page():
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 250, f"README.md has {len(lines)} lines: move detail to a docs/ page"
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    assert "docs/README.md" in README.read_text(encoding="utf-8")
    unlinked = [p.name for p in PAGES if p.name != "README.md" and f"]({p.name})" not in index]
    assert not unlinked, f"docs/README.md does not link {unlinked}"


def test_every_relative_link_leads_to_a_file():
    broken = []
    for path in DOCS:
        for target in re.findall(r"\]\(<?([^)#\s>]+)>?(?:#[^)]*)?\)", path.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target):
                continue
            resolved = (path.parent / target).resolve()
            relative = str(resolved.relative_to(ROOT)) if resolved.is_relative_to(ROOT) else str(resolved)
            if not resolved.exists() and relative not in ADDED_ELSEWHERE:
                broken.append(f"{path.relative_to(ROOT)}: {target}")
    assert not broken, broken


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_anchor_names_a_heading():
    broken = []
    for path in DOCS:
        for target, anchor in re.findall(r"\]\(([^)#\s]*)#([^)\s]+)\)", path.read_text(encoding="utf-8")):
            page = (path.parent / target) if target else path
            if page.suffix != ".md" or not page.exists():
                continue
            headings = {slug(h) for h in re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.M)}
            if anchor not in headings:
                broken.append(f"{path.relative_to(ROOT)}: {target}#{anchor}")
    assert not broken, broken


def test_every_command_is_run_here_or_names_where_it_runs():
    unplaced = [f"{page}: {command}" for page, command in all_commands()
                if not any(re.search(p, command) for p in RUN)
                and not any(re.search(p, command) for p in ELSEWHERE)]
    assert not unplaced, "add each to RUN or ELSEWHERE in tests/test_docs.py:\n" + "\n".join(unplaced)


def test_the_tests_named_elsewhere_exist():
    used = {where for _, command in all_commands() for p, where in ELSEWHERE.items() if re.search(p, command)}
    missing = []
    for where in used:
        if "::" in where:
            file, name = where.split("::")
            if f"def {name}(" not in (ROOT / file).read_text(encoding="utf-8"):
                missing.append(where)
        elif where.startswith("tests/"):
            if not (ROOT / where).is_file():
                missing.append(where)
        elif where.startswith("make "):
            target = where.split()[1]
            if not re.search(rf"^{re.escape(target)}:", (ROOT / "Makefile").read_text(), re.M):
                missing.append(where)
    assert not missing, missing


def test_every_make_target_named_exists():
    makefile = (ROOT / "Makefile").read_text()
    named = {shlex.split(c)[1] for _, c in all_commands() if c.startswith("make ")}
    assert named and all(re.search(rf"^{re.escape(t)}:", makefile, re.M) for t in named), named


@pytest.mark.parametrize("line", news_enhancer_commands(), ids=lambda line: line[:90])
def test_each_news_enhancer_command_parses_and_its_settings_load(line):
    from news_core.cli import build_parser

    env, argv = argv_of(line.split(": ", 1)[1])
    if "--help" in argv or argv in (["--version"], ["-V"]):
        return  # run as it stands, below; --version: tests/test_docs_clients.py
    args = build_parser(argv).parse_args(argv)  # exits on an unknown command, flag or choice
    settings = getattr(sys.modules[args._run.__module__], "SETTINGS", None)
    if settings is not None:
        # $(python -c '...token_urlsafe(32)') in a page: a token of that length
        environ = {k: ("t" * 43 if k.endswith("AUTH_TOKEN") else v) for k, v in env.items()}
        settings.from_args(args, environ)  # raises naming every bad value


def inline_commands() -> list[str]:
    """`news-enhancer ...` written inside a sentence, on any page."""
    spans = []
    for path in DOCS:
        for span in re.findall(r"`((?:\.venv/bin/)?news-enhancer [a-z-][^`]*)`", path.read_text(encoding="utf-8")):
            spans.append(f"{path.relative_to(ROOT)}: {span}")
    return spans


def flags_of(argv: list[str]) -> set[str]:
    """Every option string the parser of `news-enhancer <argv's commands>` accepts, subactions included."""
    import argparse

    from news_core.cli import build_parser

    parser, found = build_parser(argv), set()
    for word in ["", *argv]:
        found |= {o for a in parser._actions for o in a.option_strings}
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if word and subparsers and word in subparsers[0].choices:
            parser = subparsers[0].choices[word]
            found |= {o for a in parser._actions for o in a.option_strings}
    return found


@pytest.mark.parametrize("line", inline_commands(), ids=lambda line: line[:90])
def test_each_command_named_in_a_sentence_exists_with_its_flags(line):
    from news_core.cli import commands as registered

    words = shlex.split(line.split(": ", 1)[1])[1:]
    command = next((w for w in words if not w.startswith("-")), None)
    assert command is None or command in registered(), f"no such command: {line}"
    flags = {w.split("=")[0] for w in words if w.startswith("-") and w != "-"}
    assert flags <= flags_of(words), f"{line}: unknown {sorted(flags - flags_of(words))}"


@pytest.mark.parametrize("page, command", [c for c in all_commands() if any(re.search(p, c[1]) for p in RUN)],
                         ids=lambda v: v[:90])
def test_the_cheap_commands_run(page, command):
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    if not (ROOT / ".venv" / "bin" / "news-enhancer").exists() and command.startswith("realpath"):
        pytest.skip("no .venv in this checkout")
    done = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, (command, done.stderr[-2000:])
    assert "Traceback" not in done.stderr


def test_the_clone_url_and_wheel_names_are_the_projects():
    source = PYPROJECT["project"]["urls"]["Source"]
    version = PYPROJECT["project"]["version"]
    for page, command in all_commands():
        if command.startswith("git clone "):
            assert shlex.split(command)[2] == source, page
        if command.startswith("cd news-enhancer"):
            assert source.rsplit("/", 1)[1] == "news-enhancer"
        for wheel in re.findall(r"news_enhancer-([\w.]+)-py3-none-any\.whl", command):
            assert wheel == version, (page, command)


def test_json_blocks_parse_and_a_client_config_starts_the_server_with_real_settings():
    from mcp_server.config import ServerConfig
    from news_core.cli import build_parser

    configs = 0
    for path in DOCS:
        for body in blocks(path, ("json", "jsonl")):
            try:
                docs = [json.loads(body)]
            except json.JSONDecodeError:  # JSON Lines: a document on each line
                docs = [json.loads(line) for line in body.splitlines() if line.strip()]
            for server in (s for doc in docs if isinstance(doc, dict) for s in doc.get("mcpServers", {}).values()):
                if server["command"].endswith("news-enhancer"):
                    build_parser(server["args"]).parse_args(server["args"])
                    ServerConfig.load(environ=server.get("env", {}))  # every variable a real setting
                    configs += 1
    assert configs >= 1


def test_the_readme_training_commands_are_the_finetuning_pages():
    """The README's short list is the docs page's, so the run below covers both."""
    finetuning = commands(ROOT / "docs" / "finetuning.md")
    training = [c for c in commands(README) if c.startswith("news-enhancer ") and c.split()[1] in {
        "data", "train", "export", "eval", "serve"}]
    assert training and all(c in finetuning for c in training), training


def test_a_reader_that_leaves_early_ends_the_command_quietly():
    """`news-enhancer split nl.md | head -2`: no traceback when the pipe closes."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    done = subprocess.run(["bash", "-c", "news-enhancer split mcp_server/samples/newsletters/tldr-ai-2025-06-12.html "
                           "--json | head -c 10"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout and done.stderr == "", done.stderr


def _v2_row(record: dict) -> dict:
    """A shipped record in the v2 chat-message format that `data import --format v2` reads."""
    from email.utils import format_datetime
    from datetime import datetime, timezone

    when = datetime.fromisoformat(record["published"]).replace(hour=12, tzinfo=timezone.utc)
    return {"messages": [{"role": "user", "content": f"Title: {record['title']}\nContent: {record['content']}"},
                         {"role": "assistant", "content": json.dumps(record["annotation"])}],
            "metadata": {"article_title": record["title"], "original_content": record["content"],
                         "email_date": format_datetime(when), "source": record["source"],
                         "is_sponsored": record["sponsored"], "item_id": record["id"]}}


# Budget flags added to the page's own command lines, so the whole path runs in about a minute. One
# optimizer step of two rows: the collator pads a batch of two lengths, the adapter and relevance
# head are written; a second step (about 15 s of CPU here) would prove nothing more the test checks.
# The trainer's threads are this test process's share of the cores (conftest.WORKER_THREADS): its
# default, every core, spin-waits beside the other test worker (the step took 8 s on one thread, 18-23 s
# on two, on the 2-core machine with a neighbour busy).
BUDGET = {"train": ["--max-steps", "1", "--batch-size", "2", "--threads", str(WORKER_THREADS)],
          "eval": ["--limit", "2", "--no-bertscore", "--no-soft-match"],
          "serve": ["--prepare"]}


@pytest.mark.slow
@pytest.mark.model
def test_the_training_commands_run_on_a_tiny_budget(tmp_path, bundled_hf_base):
    """docs/finetuning.md's block, line by line, as a reader runs it in a folder of their own: 60
    shipped records written as a v2 file, imported, validated, counted, split, trained for 1 step of 2 rows,
    exported, evaluated on 2 items against the shipped adapter, and served (`--prepare`: load, exit)."""
    from training_data import load_records

    records = [r.model_dump(mode="json") for r in load_records()]
    chosen = [r for r in records if r["sponsored"]][:6] + [r for r in records if not r["sponsored"]][:54]
    (tmp_path / "my-v2.jsonl").write_text("".join(json.dumps(_v2_row(r)) + "\n" for r in chosen))
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for command in commands(ROOT / "docs" / "finetuning.md"):
        if not re.search(next(p for p in ELSEWHERE if "data (import" in p), command):
            continue
        words = shlex.split(command)
        words += BUDGET.get(words[1], [])
        done = subprocess.run(words, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=900,
                              stdin=subprocess.DEVNULL)
        assert done.returncode == 0, (command, done.stdout[-1500:], done.stderr[-3000:])
    assert (tmp_path / "runs" / "mine-gguf" / "news-enhancer-lora.gguf").is_file()
    assert (tmp_path / "runs" / "mine-gguf" / "relevance_head.json").is_file()  # written by train, copied by export
    report = list((tmp_path / "runs" / "eval-mine").rglob("*"))
    assert any(p.suffix == ".md" for p in report) and any("mine" in p.name for p in report), report
