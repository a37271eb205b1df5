"""Fit the relevance probe (news_core/probe.py) of a GGUF LoRA adapter on annotated records.

    python -m mcp_server.probe_fit --adapter news_core/assets/news-enhancer-lora.gguf   # shipped train split
    python -m mcp_server.probe_fit --adapter runs/x/news-enhancer-lora.gguf --data train.jsonl

For each record the model reads the prompt and the record's own answer up to `"relevance_score": `
(teacher forcing, tokenized as training tokenizes it), on the same head the server decodes with
(`head_words`), and the final hidden state there is kept. A ridge regression from those states to
the records' scores is fitted, its strength chosen by 5-fold cross-validation (MAE of the
rounded score), and written beside the adapter as relevance_probe.json with the adapter's
sha256, where the gguf backend finds it (`relevance_probe = "auto"`). Fit it on training
records only: records it is later measured on must not be among them.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import sys
import time
from pathlib import Path

import numpy as np

from news_core.contract import FIELDS
from news_core.errors import NewsEnhancerError
from news_core.probe import FILE, cross_validate, fit_ridge

ALPHAS = (1.0, 10.0, 100.0, 1000.0, 10000.0)
SCORE_KEY = '"relevance_score": '


def states(backend, records, progress=None) -> tuple[np.ndarray, np.ndarray]:
    """(hidden states at the score position, reference scores) of the records."""
    rows, scores = [], []
    for i, record in enumerate(records):
        prompt, completion = record.example()
        rows.append(backend.hidden_at(prompt, completion[:completion.index(SCORE_KEY) + len(SCORE_KEY)]))
        scores.append(record.annotation.relevance_score)
        if progress and (i + 1) % 50 == 0:
            progress(f"{i + 1}/{len(records)} states")
    return np.stack(rows).astype(np.float64), np.array(scores, dtype=np.float64)


def fit(adapter: Path, records, out: Path | None = None, head_words: int | None = None) -> Path:
    """Read the states, cross-validate, fit on every record and write the probe file."""
    from mcp_server.backends.gguf import GGUFBackend
    from mcp_server.config import ServerConfig

    assert FIELDS[-1] == "relevance_score"  # the states are read where the score is written, after the rest
    settings = {"adapter": str(adapter), "relevance_probe": "off"}
    if head_words is not None:
        settings["head_words"] = head_words
    backend = GGUFBackend.from_config(ServerConfig(**settings))
    started = time.monotonic()
    try:
        x, y = states(backend, records, progress=lambda text: print(text, file=sys.stderr, flush=True))
    finally:
        backend.close()
    seconds = round(time.monotonic() - started, 1)
    cv = cross_validate(x, y, ALPHAS)
    digest = hashlib.sha256(adapter.read_bytes()).hexdigest()
    probe = fit_ridge(x, y, cv["alpha"], digest)
    out = out or adapter.parent / FILE
    probe.save(out, alpha=cv["alpha"], cv=cv, fitted_on={"records": len(records), "seconds": seconds,
                                                         "score_mean": float(y.mean())})
    print(f"probe: alpha {cv['alpha']:g}, cross-validated MAE {cv['mae_by_alpha'][cv['alpha']]:.3f} on "
          f"{len(records)} records ({seconds} s of states) -> {out}", file=sys.stderr)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mcp_server.probe_fit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--adapter", required=True, type=Path, help="the GGUF LoRA adapter")
    parser.add_argument("--data", nargs="*", default=["train"],
                        help="train (the shipped train split, the default) or JSONL files of records")
    parser.add_argument("--out", type=Path, help=f"the probe file (default: {FILE} beside the adapter)")
    parser.add_argument("--head-words", type=int, help="the server's head_words, if not its default")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from training_data import default_split, load_records

    try:
        records = default_split()[0] if args.data == ["train"] else load_records([Path(p) for p in args.data])
        fit(args.adapter, list(records), args.out, args.head_words)
        return 0
    except NewsEnhancerError as exc:
        print(f"probe_fit: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
