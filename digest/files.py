"""The output folder: digest.md, digest.json, items.jsonl and plots/*.png, each written whole to a
temporary name and then renamed, so that a killed run never leaves half a report."""

from __future__ import annotations

import json
from pathlib import Path

from .plots import write_plots
from .render import render_markdown

PLOTS = "plots"


def write_digest(digest: dict, folder: Path, *, plots: bool = True) -> list[Path]:
    """Write the report files into `folder`; the paths written, in order."""
    drawn = write_plots(digest, folder / PLOTS) if plots else []
    texts = {"digest.md": render_markdown(digest, drawn),
             "digest.json": to_json({**digest, "plots": drawn}),
             "items.jsonl": "".join(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n"
                                    for item in digest["items"])}
    written = []
    for name, text in texts.items():
        path = folder / name
        partial = folder / f".{name}.partial"
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
        written.append(path)
    return written + [folder / plot["path"] for plot in drawn]


def to_json(digest: dict) -> str:
    return json.dumps(digest, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
