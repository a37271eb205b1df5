"""Settings: each package declares its configuration once; loading, checks, flags and docs follow.

A package's config is a dataclass that subclasses `Settings`, every field made by `setting()`,
which carries the help text, choices and bounds (the way TRL's config dataclasses carry
metadata={"help": ...}). From that one declaration:

- `Settings.load` builds it with the precedence defaults < TOML file < environment < flags;
- construction checks types, choices and bounds, then the class's `check()` for rules across
  fields, and reports every problem at once in one ConfigError, each naming its setting;
- `Settings.add_arguments` gives every setting a flag, `Settings.from_args` reads them back;
- `news_core.settings_doc` writes docs/configuration.md, server.example.toml and the settings'
  descriptions in server.json and the MCP bundle's manifest.

Only entry points read os.environ; they pass it down to `load` / `from_args`.
"""

from __future__ import annotations

import argparse
import dataclasses
import math
import tomllib
import typing
import warnings
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Iterable, Mapping, NamedTuple

from .errors import ConfigError
from .fields import closest

ENV_PREFIX = "NEWS_ENHANCER_"
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


class Bounds(NamedTuple):
    """Limits on a number, pydantic-style: ge/gt/le/lt (inclusive and strict)."""

    ge: float | None = None
    gt: float | None = None
    le: float | None = None
    lt: float | None = None

    def hold(self, value: float) -> bool:
        return ((self.ge is None or value >= self.ge) and (self.gt is None or value > self.gt)
                and (self.le is None or value <= self.le) and (self.lt is None or value < self.lt))

    def describe(self) -> str:
        if self.gt is not None and self.lt is not None:
            return f"strictly between {self.gt} and {self.lt}"
        if self.ge is not None and self.le is not None:
            return f"between {self.ge} and {self.le}"
        pairs = ((">=", self.ge), (">", self.gt), ("<=", self.le), ("<", self.lt))
        return " and ".join(f"{op} {limit}" for op, limit in pairs if limit is not None)


def setting(default: Any, help: str, *, choices: Iterable[str] | None = None, flags: tuple[str, ...] = (),
            older: tuple[str, ...] = (), ge: float | None = None, gt: float | None = None, le: float | None = None,
            lt: float | None = None, group: str = "") -> Any:
    """A settings field: its default, plus what checks, flags and docs need to know about it.

    `flags` are other spellings of its flag (`--format` beside `--formats`); `older` are names it
    had before, still read so that older command lines work, hidden from --help, and a warning
    names the current flag when one is used. `group`:
    one of its class's `groups`, the heading it is listed under in --help and the docs."""
    meta = {"help": help, "choices": tuple(choices) if choices else None, "flags": flags, "older": older,
            "bounds": Bounds(ge, gt, le, lt), "group": group}
    if isinstance(default, list):  # a fresh copy per instance
        return dataclasses.field(default_factory=lambda: list(default), metadata=meta)
    return dataclasses.field(default=default, metadata=meta)


class SettingsError(ConfigError):
    """Every problem found while loading settings; `problems` lists them, each naming its setting."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        lines = problems if len(problems) == 1 else [f"{len(problems)} problems with the settings:",
                                                     *(f"  - {p}" for p in problems)]
        super().__init__("\n".join(lines))


class Settings:
    """Base of every package's config dataclass. Subclasses are @dataclass; this class is not,
    so a subclass may be frozen or not."""

    table: ClassVar[str] = ""  # its TOML table: [server], [train], ...
    label: ClassVar[str] = ""  # in messages: "unknown training setting 'lr'"
    env_prefix: ClassVar[str] = ""  # default NEWS_ENHANCER_<TABLE>_; <prefix>CONFIG names the file
    env_ignore: ClassVar[tuple[str, ...]] = ()  # names under the prefix that belong to someone else
    default_file: ClassVar[str | None] = None  # read when neither --config nor <prefix>CONFIG names one
    example_file: ClassVar[str | None] = None  # a commented TOML of every setting, generated
    # Headings for --help and the docs, in order: name -> what its settings are about. A field names
    # its heading with setting(group=...); fields without one are listed first, without a heading.
    groups: ClassVar[dict[str, str]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "env_prefix" not in cls.__dict__:
            cls.env_prefix = f"{ENV_PREFIX}{cls.table.upper()}_"

    def __post_init__(self) -> None:
        hints = type_hints(type(self))
        for name, hint in hints.items():
            object.__setattr__(self, name, _normalise(getattr(self, name), hint))
        self.prepare()
        problems = self.problems()
        if problems:
            raise SettingsError(problems)

    def prepare(self) -> None:
        """Hook: reshape values before they are checked (use object.__setattr__ if frozen)."""

    def check(self) -> list[str]:
        """Hook: problems across fields, or beyond types, choices and bounds. Types are right here."""
        return []

    def problems(self) -> list[str]:
        """Wrong types first; every value that breaks its choices or bounds; then `check()`."""
        wrong_type, bad_value = [], []
        for f in dataclasses.fields(self):
            value, hint = getattr(self, f.name), type_hints(type(self))[f.name]
            if not _is_a(value, hint):
                wrong_type.append(f"{f.name} must be {_type_name(hint)}, got {value!r}")
            elif problem := _value_problem(f, value):
                bad_value.append(problem)
        return wrong_type + bad_value + ([] if wrong_type else self.check())

    def replace(self, **changes: Any) -> typing.Self:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in dataclasses.fields(cls)]

    @classmethod
    def load(cls, path: str | Path | None = None, overrides: Mapping[str, Any] | None = None,
             environ: Mapping[str, str] | None = None, defaults: Mapping[str, Any] | None = None) -> typing.Self:
        """defaults < `defaults` < TOML file < environment < `overrides` (flags; None = not given)."""
        problems: list[str] = []
        values = cls._known(((k, v, "defaults") for k, v in (defaults or {}).items()), problems)
        if path:
            table = _flatten(read_toml_table(path, cls.table), cls.names())
            values |= cls._known(((k, v, f"file {path}") for k, v in table.items()), problems)
        values |= cls._known(cls._environment(environ or {}), problems, parse=True)
        given = ((k, v, "flags") for k, v in (overrides or {}).items() if v is not None)
        values |= cls._known(given, problems)
        try:
            config = cls(**values)
        except SettingsError as exc:
            problems += exc.problems
        if problems:
            raise SettingsError(problems)
        return config

    @classmethod
    def from_args(cls, args: argparse.Namespace, environ: Mapping[str, str],
                  defaults: Mapping[str, Any] | None = None) -> typing.Self:
        """The settings a command line asks for: its --config (or <prefix>CONFIG), environment, flags."""
        given = {name: getattr(args, name) for name in cls.names() if hasattr(args, name)}
        path = getattr(args, "config", None) or environ.get(cls.env_prefix + "CONFIG") or cls.default_file
        return cls.load(path, given, environ, defaults)

    @classmethod
    def add_arguments(cls, parser: argparse.ArgumentParser, only: Iterable[str] | None = None) -> None:
        """--config plus one flag per setting (`--item-timeout-s` for item_timeout_s, and its aliases).

        Unset flags stay out of the namespace, so the file and the environment apply."""
        where = f"its [{cls.table}] table or top level; env {cls.env_prefix}CONFIG"
        default = f"; default {cls.default_file}" if cls.default_file else ""
        parser.add_argument("--config", metavar="TOML", default=argparse.SUPPRESS,
                            help=f"settings file ({where}{default})")
        for group, fields in cls.grouped(only).items():
            target = parser.add_argument_group(f"{group} settings", cls.groups[group]) if group else parser
            for f in fields:
                options = _flag_options(f, type_hints(cls)[f.name])
                target.add_argument(*flag_names(f), **options)
                for name in f.metadata.get("older", ()):  # still read, hidden from --help, and warned about
                    target.add_argument(name, **_older_flag(options, name, flag_names(f)[0]))

    @classmethod
    def grouped(cls, only: Iterable[str] | None = None) -> dict[str, list[dataclasses.Field]]:
        """The fields (those in `only`) under their group, in the order of `groups`; "" first."""
        wanted = None if only is None else set(only)
        chosen = [f for f in dataclasses.fields(cls) if wanted is None or f.name in wanted]
        unknown = {f.metadata.get("group", "") for f in chosen} - {"", *cls.groups}
        if unknown:
            raise TypeError(f"{cls.__name__}: settings name groups it does not declare: {sorted(unknown)}")
        order = ["", *cls.groups]
        by_group = {name: [f for f in chosen if f.metadata.get("group", "") == name] for name in order}
        return {name: fields for name, fields in by_group.items() if fields}

    @classmethod
    def _known(cls, items: Iterable[tuple[str, Any, str]], problems: list[str], parse: bool = False) -> dict:
        """The items that name a setting (parsed from text when `parse`); the rest become problems."""
        hints, known = type_hints(cls), {}
        for name, value, source in items:
            if name not in hints:
                listed = any("known settings:" in p for p in problems)  # the list once is enough
                known_list = "" if listed else f"; known settings: {', '.join(sorted(hints))}"
                label = f"{cls.label} " if cls.label else ""
                guess = closest(name, hints)
                meant = f"; did you mean {guess!r}?" if guess else ""
                problems.append(f"unknown {label}setting {name!r} ({source}){meant}{known_list}")
            elif not parse:
                known[name] = value
            else:
                try:
                    known[name] = from_text(value, hints[name])
                except ValueError:
                    problems.append(f"{name} must be {_type_name(hints[name])}, got {value!r} ({source})")
        return known

    @classmethod
    def _environment(cls, environ: Mapping[str, str]) -> Iterable[tuple[str, str, str]]:
        for var, raw in sorted(environ.items()):
            rest = var[len(cls.env_prefix):]
            if var.startswith(cls.env_prefix) and rest != "CONFIG" and not rest.startswith(cls.env_ignore):
                yield rest.lower(), raw, f"environment {var}"


def read_toml_table(path: str | Path, table: str) -> dict[str, Any]:
    """The [table] of a TOML file (or its top level when it has no such table); typed errors."""
    try:
        doc = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"config file {path} does not exist") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    section = doc.get(table)
    return section if isinstance(section, dict) else doc


def _flatten(table: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """Sub-tables are only for readability: [lora] rank = 32 is lora_rank; [optim] epochs is epochs."""
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if not isinstance(value, dict):
            flat[key] = value
            continue
        for sub, sub_value in value.items():
            flat[f"{key}_{sub}" if f"{key}_{sub}" in names else sub] = sub_value
    return flat


# --- types: what a field's annotation accepts, and how text (environment, flags) becomes a value


@cache
def type_hints(cls: type) -> dict[str, Any]:
    names = {f.name for f in dataclasses.fields(cls)}
    return {name: hint for name, hint in typing.get_type_hints(cls).items() if name in names}


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """(the type, whether None is allowed) for `X` and `X | None`."""
    args = typing.get_args(hint)
    if type(None) in args and len(args) == 2:
        return next(a for a in args if a is not type(None)), True
    return hint, False


def _sequence(hint: Any) -> type | None:
    origin = typing.get_origin(_unwrap(hint)[0])
    return origin if origin in (list, tuple) else None


def _type_name(hint: Any) -> str:
    return hint.__name__ if isinstance(hint, type) else str(hint)


def _is_a(value: Any, hint: Any) -> bool:
    kind, optional = _unwrap(hint)
    if value is None:
        return optional
    if sequence := _sequence(kind):
        return isinstance(value, sequence) and all(isinstance(v, str) for v in value)
    if isinstance(value, bool) or kind is bool:
        return isinstance(value, bool) and kind is bool
    return isinstance(value, (int, float) if kind is float else kind)


def _normalise(value: Any, hint: Any) -> Any:
    """Lists from any source: a string or items may be comma-separated; ints are floats where floats are due."""
    kind, _ = _unwrap(hint)
    sequence = _sequence(kind)
    if sequence and isinstance(value, (str, list, tuple)):
        items = [value] if isinstance(value, str) else value
        if all(isinstance(item, str) for item in items):
            return sequence(part.strip() for item in items for part in item.split(",") if part.strip())
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def from_text(text: str, hint: Any) -> Any:
    """A value from an environment variable or a flag; ValueError when it does not parse."""
    kind, optional = _unwrap(hint)
    word = text.strip().lower()
    if optional and word in ("", "none"):
        return None
    if sequence := _sequence(kind):
        return sequence(part.strip() for part in text.split(",") if part.strip())
    if kind is bool:
        if word in TRUE + FALSE:
            return word in TRUE
        raise ValueError(text)
    return kind(text.strip()) if kind in (int, float) else text


def _value_problem(f: dataclasses.Field, value: Any) -> str | None:
    if value is None or not f.metadata:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return f"{f.name} must be a finite number, got {value!r}"
    choices = f.metadata["choices"]
    bad = [v for v in (value if isinstance(value, (list, tuple)) else [value]) if choices and v not in choices]
    if bad:
        return f"{f.name} = {', '.join(map(repr, bad))} is not one of: {', '.join(choices)}"
    bounds = f.metadata["bounds"]
    if isinstance(value, (int, float)) and not bounds.hold(value):
        kind = "an integer" if isinstance(value, int) else "a number"
        return f"{f.name} must be {kind} {bounds.describe()}, got {value!r}"
    return None


# --- flags


def flag_names(f: dataclasses.Field) -> list[str]:
    return ["--" + f.name.replace("_", "-"), *f.metadata.get("flags", ())]


def allowed(f: dataclasses.Field) -> str:
    """Choices or bounds in words: 'gguf | peft | openai', '>= 1', ''."""
    if f.metadata.get("choices"):
        return " | ".join(f.metadata["choices"])
    bounds = f.metadata.get("bounds")
    return bounds.describe() if bounds else ""


def shown(value: Any) -> str:
    """A default as a user would type it."""
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (list, tuple)):
        return ",".join(value) or "none"
    return str(value) if value != "" else '""'


def default_of(f: dataclasses.Field) -> Any:
    return f.default_factory() if f.default_factory is not dataclasses.MISSING else f.default


def _older_flag(options: dict[str, Any], name: str, current: str) -> dict[str, Any]:
    """The options of an older spelling of a flag: hidden from --help, and using it warns (as trl's
    renamed arguments do), so command lines keep working while people move to the current name."""
    parse = options.get("type")
    if parse is None:
        raise TypeError(f"{name}: an older flag name is kept only for settings that take one value")

    def warn_then_parse(text: str) -> Any:
        warnings.warn(f"{name} is an older name of {current}: it still works, but write {current}",
                      FutureWarning, stacklevel=2)
        return parse(text)

    warn_then_parse.__name__ = parse.__name__
    return {**options, "type": warn_then_parse, "help": argparse.SUPPRESS}


def _flag_options(f: dataclasses.Field, hint: Any) -> dict[str, Any]:
    limits = f"; {allowed(f)}" if allowed(f) and not f.metadata.get("choices") else ""
    help_text = f"{f.metadata.get('help', '')} (default: {shown(default_of(f))}{limits})"
    options: dict[str, Any] = {"dest": f.name, "default": argparse.SUPPRESS, "help": help_text.replace("%", "%%")}
    kind, _ = _unwrap(hint)
    if kind is bool:
        options["action"] = argparse.BooleanOptionalAction
    elif _sequence(kind):
        options.update(nargs="+", action="extend", metavar="VALUE")
    else:
        def parse(text: str) -> Any:
            return from_text(text, hint)

        parse.__name__ = _type_name(hint)  # argparse names it: "invalid int value: 'x'"
        options["type"] = parse
        if f.metadata.get("choices"):
            options["choices"] = f.metadata["choices"]
        else:
            options["metavar"] = {int: "N", float: "NUMBER"}.get(kind, "TEXT")
    return options
