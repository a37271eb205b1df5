"""Every copy of a setting's description, written from the dataclasses: docs/configuration.md,
server.example.toml, and the descriptions and defaults in server.json (MCP Registry) and the MCP
bundle's manifest (packaging/mcpb/manifest.json).

    python -m news_core.settings_doc           # exit 1 naming each file that has drifted
    python -m news_core.settings_doc --write   # rewrite them (or: make docs)

Help lives in one place, the `setting(...)` of each field (--help prints it too); these files are
its output, and a test fails when they drift. Which settings server.json and the manifest offer,
and the manifest's short titles, stay as those files say; their descriptions, defaults and types
are rewritten. The commands come from the entry points (each command module names its settings
class as SETTINGS), so this module imports no other package by name.
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
CONFIGURATION = ROOT / "docs" / "configuration.md"
SERVER_JSON = ROOT / "server.json"
MANIFEST = ROOT / "packaging" / "mcpb" / "manifest.json"
INTRO = """# Configuration

<!-- Generated from the settings dataclasses by `make docs` (python -m news_core.settings_doc --write):
edit the help in the code, not here. -->

Every command reads its settings the same way, in increasing precedence: the defaults, a TOML file
(`--config FILE`), environment variables, command-line flags. The server's variables are
`NEWS_ENHANCER_<SETTING>` (what an MCP client's `env` sets) and `NEWS_ENHANCER_CONFIG` names its
file (`server.example.toml` lists every setting with its default); the other commands' are
`NEWS_ENHANCER_<TABLE>_<SETTING>`, e.g. `NEWS_ENHANCER_TRAIN_EPOCHS`. Every setting is a flag of its
command (`item_timeout_s` is `--item-timeout-s`), listed under the same headings in `--help`. Lists
are comma-separated in the environment; an unset optional is `none`. Invalid settings fail at
start-up, every problem in one message, each naming its setting.
"""


def settings_by_command() -> dict[str, type[Settings]]:
    """command -> its settings class; the server first, as most readers come for it."""
    found = {name: getattr(entry.load(), "SETTINGS", None) for name, entry in commands().items()}
    return dict(sorted(((n, s) for n, s in found.items() if s), key=lambda pair: (pair[0] != "serve", pair[0])))


def configuration_page() -> str:
    sections = [command_section(name, cls) for name, cls in settings_by_command().items()]
    return INTRO + "\n" + "\n\n".join(sections) + "\n"


def command_section(command: str, cls: type[Settings]) -> str:
    first = cls.names()[0]
    lines = [f"## `news-enhancer {command}`", "",
             f"File: `--config FILE` or `{cls.env_prefix}CONFIG`, its `[{cls.table}]` table or top level. "
             f"Environment: `{cls.env_prefix}<SETTING>`, e.g. `{cls.env_prefix}{first.upper()}`."]
    for group, fields in cls.grouped().items():
        if group:
            lines += ["", f"### {group.capitalize()}", "", f"{cls.groups[group][0].upper()}{cls.groups[group][1:]}."]
        lines += ["", *settings_table(cls, fields)]
    return "\n".join(lines)


def settings_table(cls: type[Settings], fields: list[dataclasses.Field]) -> list[str]:
    rows = ["| setting | flag | default | allowed | what it does |", "|---|---|---|---|---|"]
    for f in fields:
        cells = [f"`{f.name}`", _flags(f, type_hints(cls)[f.name]), f"`{shown(default_of(f))}`", allowed(f),
                 f.metadata["help"]]
        rows.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return rows


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


# --- the client-facing files: server.json and the MCP bundle's manifest


def _field(cls: type[Settings], name: str, where: Path) -> dataclasses.Field:
    found = [f for f in dataclasses.fields(cls) if f.name == name]
    if not found:
        raise SystemExit(f"{where.relative_to(ROOT)} names {name!r}, which is no setting of {cls.__name__}")
    return found[0]


def described(f: dataclasses.Field) -> str:
    """A setting's description as a client shows it: its help, then what is allowed."""
    return f.metadata["help"] + (f" ({allowed(f)})" if allowed(f) else "")


def env_text(value: Any) -> str:
    """A default as an environment variable carries it (what a host substitutes: JavaScript's String())."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return shown(value)


def server_json(cls: type[Settings], text: str) -> str:
    """server.json with each environment variable's description, default and format from `cls`."""
    doc = json.loads(text)
    for package in doc.get("packages", []):
        for var in package.get("environmentVariables", []):
            f = _field(cls, var["name"].removeprefix(cls.env_prefix).lower(), SERVER_JSON)
            default = default_of(f)
            var["description"] = described(f)
            if default not in (None, ""):
                var["default"] = env_text(default)
            if isinstance(default, bool):
                var["format"] = "boolean"
            elif isinstance(default, (int, float)):
                var["format"] = "number"
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def manifest(cls: type[Settings], text: str) -> str:
    """The bundle manifest with each user_config entry's description, default and type from `cls`."""
    doc = json.loads(text)
    for key, entry in doc.get("user_config", {}).items():
        f = _field(cls, key, MANIFEST)
        default = default_of(f)
        entry["description"] = described(f)
        entry["default"] = default
        entry["type"] = ("boolean" if isinstance(default, bool) else "number" if isinstance(default, (int, float))
                         else "string")
        for limit, value in (("min", f.metadata["bounds"].ge), ("max", f.metadata["bounds"].le)):
            entry.pop(limit, None)
            if value is not None:  # inclusive bounds only: a strict one (gt) has no manifest form
                entry[limit] = value
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def generated() -> dict[Path, str]:
    """Each generated file and the text it should hold."""
    by_command = settings_by_command()
    files = {CONFIGURATION: configuration_page()}
    for command, cls in by_command.items():
        if cls.example_file:
            files[ROOT / cls.example_file] = example_toml(command, cls)
    server = by_command.get("serve")
    if server is not None:
        files[SERVER_JSON] = server_json(server, SERVER_JSON.read_text(encoding="utf-8"))
        files[MANIFEST] = manifest(server, MANIFEST.read_text(encoding="utf-8"))
    return files


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
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(files[path], encoding="utf-8")
        print(f"{'wrote' if args.write else 'out of date:'} {path.relative_to(ROOT)}")
    return 1 if drifted and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
