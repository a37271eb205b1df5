"""Dispatch a validated TrainConfig to its trainer; trainers are imported only when they run."""

from __future__ import annotations

import logging
from pathlib import Path

from news_core.errors import ConfigError
from news_core.relevance_head import FILE as HEAD_FILE
from news_core.relevance_head import fit_examples
from news_core.vocabulary import Vocabulary

from .artifacts import RunSummary
from .config import TrainConfig
from .data import Example, load_examples

log = logging.getLogger(__name__)


def run_training(config: TrainConfig, examples: list[Example] | None = None, progress: bool = True,
                 tinker_api_key: str | None = None) -> RunSummary:
    """Train on `examples` (default: the config's data) and return the run's figures."""
    if config.trainer == "unsloth":  # fail on a missing GPU before loading anything
        from .trainers.unsloth_trainer import require_gpu

        require_gpu()
    if examples is None:
        examples = load_examples(config.data)
    log.info("training %s on %d examples with the %s trainer -> %s", config.base_model, len(examples),
             config.trainer, config.output_dir)
    summary = _train(config, examples, progress, tinker_api_key)
    Vocabulary.from_completions(completion for _, completion in examples).save(config.output_dir)
    write_relevance_head(examples, Path(config.output_dir))
    return summary


def write_relevance_head(examples: list[Example], folder: Path) -> Path | None:
    """relevance_head.json beside the adapter, fitted on the same examples (news_core/relevance_head.py):
    the server reads relevance_score from it (setting relevance_head). Too few examples: none, said."""
    try:
        path = fit_examples(examples).save(folder / HEAD_FILE)
    except ConfigError as exc:
        log.warning("no relevance head beside this adapter: %s", exc)
        return None
    log.info("relevance head -> %s", path)
    return path


def _train(config: TrainConfig, examples: list[Example], progress: bool, tinker_api_key: str | None) -> RunSummary:
    if config.trainer == "trl":
        try:
            from .trainers.trl_trainer import train_trl
        except ImportError as exc:
            raise ConfigError(f"the trl trainer needs the training extras ({exc.name} is missing): "
                              "pip install 'news-enhancer[train]'") from exc

        return train_trl(config, examples, progress=progress)
    if config.trainer == "unsloth":
        from .trainers.unsloth_trainer import train_unsloth

        return train_unsloth(config, examples, progress=progress)
    from .trainers.tinker_trainer import train_tinker

    return train_tinker(config, examples, api_key=tinker_api_key, progress=progress)
