"""Shared by the digest tests: the sample newsletters, their planted duplicates, and a digest of
them made with the fake backend (support/fake_backend.py) through the real service."""

from __future__ import annotations

from pathlib import Path

from support.fake_backend import FakeBackend

from digest import Options, build_digest, model_item, read_sources
from digest.build import wanted_lines
from mcp_server.config import ServerConfig
from mcp_server.service import Enhancer

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "mcp_server" / "samples" / "newsletters"
# The stories written twice into the samples (weekly-model-notes and wire-ai-briefing repeat the TLDR
# samples' stories, under the same link or reworded under another): a title word of each copy.
PLANTED = {"Lumen", "Quill", "Helix", "evalkit", "Harbor", "Meridian", "Orbit", "Kestrel"}
SPONSORED = 6  # one per TLDR sample and two in the third, one in the weekly, one in the briefing


def outcomes(letters, options, backend=None) -> dict:
    """The fake model's outcome for every item within the dates, by id, as the service gives them."""
    lines = wanted_lines(letters, options)
    svc = Enhancer(backend or FakeBackend(), ServerConfig())
    entries = svc.enhance_entries([model_item(line) for line in lines], 0, ids=[line["id"] for line in lines])
    return {entry.id: entry.model_dump(mode="json") for entry in entries}


def sample_digest(options: Options | None = None, backend=None) -> tuple[list, dict]:
    options = options or Options()
    letters = read_sources([str(SAMPLES)])
    return letters, build_digest(letters, outcomes(letters, options, backend), options, "fake-model")


def planted_word(title: str) -> str | None:
    return next((word for word in PLANTED if word in title), None)
