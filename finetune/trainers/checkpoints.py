"""Checkpoints of runs on transformers' Trainer: find the one to resume, clear stale ones."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from news_core.errors import ConfigError

log = logging.getLogger(__name__)


def find_checkpoint(output_dir: Path, resume: bool) -> tuple[str | None, int]:
    """(checkpoint folder to resume from, its step); (None, 0) for a fresh run.

    A fresh run removes the previous run's checkpoint-* folders, so it never mixes with them.
    """
    from transformers.trainer_utils import get_last_checkpoint

    if not resume:
        for old in sorted(output_dir.glob("checkpoint-*")) if output_dir.is_dir() else []:
            log.info("fresh run: removing the previous run's %s", old)
            shutil.rmtree(old)
        return None, 0
    checkpoint = get_last_checkpoint(str(output_dir)) if output_dir.is_dir() else None
    if checkpoint is None:
        raise ConfigError(f"resume: no checkpoint-* folder in {output_dir}; run once without --resume")
    state = json.loads((Path(checkpoint) / "trainer_state.json").read_text())
    return checkpoint, int(state["global_step"])
