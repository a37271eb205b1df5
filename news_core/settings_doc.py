"""The settings docs, written from the dataclasses: README.md's tables and server.example.toml.

    python -m news_core.settings_doc           # exit 1 naming each file that has drifted
    python -m news_core.settings_doc --write   # rewrite them (or: make docs)

Help lives in one place, the `setting(...)` of each field; these files are its output, and a
test fails when they drift. The commands come from the entry points (each command module names
its settings class as SETTINGS), so this module imports no other package by name.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import textwrap
from pathlib import Path
from typing import Any

from .cli import commands
from .settings import Settings, allowed, default_of, flag_names, shown, type_hints

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
START, END = "<!-- settings:start -->", "<!-- settings:end -->"


def settings_by_command() -> dict[str, type[Settings]]:
    """command -> its settings class; the server first, as most readers come for it."""
    found = {name: getattr(entry.load(), "SETTINGS", None) for name, entry in commands().items()}
    return dict(sorted(((n, s) for n, s in found.items() if s), key=lambda pair: (pair[0] != "serve", pair[0])))


def readme_tables() -> str:
    return "\n\n".join(command_table(name, cls) for name, cls in settings_by_command().items())


def command_table(command: str, cls: type[Settings]) -> str:
    first = cls.names()[0]
    rows = [f"#### `news-enhancer {command}`", "",
            f"File: `--config FILE` or `{cls.env_prefix}CONFIG`, its `[{cls.table}]` table or top level. "
            f"Environment: `{cls.env_prefix}<SETTING>`, e.g. `{cls.env_prefix}{first.upper()}`.", "",
            "| setting | flag | default | allowed | what it does |", "|---|---|---|---|---|"]
    for f in dataclasses.fields(cls):
        cells = [f"`{f.name}`", _flags(f, type_hints(cls)[f.name]), f"`{shown(default_of(f))}`", allowed(f),
                 f.metadata["help"]]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(rows)


def _flags(f: dataclasses.Field, hint: Any) -> str:
    names = flag_names(f)
    if hint is bool:
        names = [n.replace("--", "--[no-]", 1) for n in names]
    return " ".join(f"`{n}`" for n in names)


def example_toml(command: str, cls: type[Settings]) -> str:
    """Every setting with its default and help, as a file to copy."""
    lines = [f"# news-enhancer {command} settings, every one with its default: "
             f"`news-enhancer {command} --config {cls.example_file}`",
             f"# Precedence: defaults < this file < environment {cls.env_prefix}<SETTING> < command-line flags.",
             f"# Generated from {cls.__module__}.{cls.__name__} by `python -m news_core.settings_doc --write`:",
             "# edit the help there, not here.", f"[{cls.table}]"]
    for f in dataclasses.fields(cls):
        note = f" ({allowed(f)})" if allowed(f) else ""
        lines += ["", *textwrap.wrap(f.metadata["help"] + note, 98, initial_indent="# ", subsequent_indent="# ")]
        value = default_of(f)
        lines.append(f"# {f.name} is unset by default" if value is None else f"{f.name} = {_toml(value)}")
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return json.dumps(value) if isinstance(value, str) else repr(value)


def generated() -> dict[Path, str]:
    """Each generated file and the text it should hold."""
    files = {README: _with_section(README.read_text(encoding="utf-8"), readme_tables())}
    for command, cls in settings_by_command().items():
        if cls.example_file:
            files[ROOT / cls.example_file] = example_toml(command, cls)
    return files


def _with_section(text: str, body: str) -> str:
    head, start, rest = text.partition(START)
    _, end, tail = rest.partition(END)
    if not (start and end):
        raise SystemExit(f"{README} has no {START} ... {END} section")
    return f"{head}{START}\n{body}\n{END}{tail}"


def stale(files: dict[Path, str]) -> list[Path]:
    return [path for path, text in files.items() if not path.is_file() or path.read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m news_core.settings_doc", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the files that drifted")
    args = parser.parse_args(argv)
    files = generated()
    drifted = stale(files)
    for path in drifted:
        if args.write:
            path.write_text(files[path], encoding="utf-8")
        print(f"{'wrote' if args.write else 'out of date:'} {path.relative_to(ROOT)}")
    return 1 if drifted and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
