"""A relevance probe measured on answers a model already wrote, without decoding them again.

    python -m evaluation.reprobe --eval-dir DIR --name shipped --items items.jsonl \
        --adapter news_core/assets/news-enhancer-lora.gguf --probe relevance_probe.json --out DIR2 [--as NAME]

The probe (news_core/probe.py) changes only relevance_score, the answer's last field, so the
server's answer with the probe is the answer without it up to `"relevance_score": `. For each
valid prediction of an `eval` folder the model reads the prompt and that answer (teacher forcing)
and the probe reads its final hidden state there: one forward pass per item instead of a decode
(about 5x cheaper on a CPU). The answers with the probe's score are scored with `eval score`
against the folder's references into OUT. The hidden state is the decoder's up to how the answer's
text is tokenized (the decoder's own tokens may be split differently), which tests/test_probe.py
compares with the served probe.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from news_core.errors import NewsEnhancerError
from news_core.probe import RelevanceProbe
from news_core.prompt import render_prompt

SCORE_KEY = '"relevance_score": '


def reprobe(eval_dir: Path, name: str, items: Path, adapter: Path, probe_path: Path, out: Path, new_name: str,
            head_words: int | None = None) -> Path:
    """Write OUT/NEW.reprobed.jsonl (answers with the probe's score) and score them into OUT."""
    from mcp_server.backends.gguf import GGUFBackend
    from mcp_server.config import ServerConfig
    from news_core.cli import main as cli
    from training_data import load_records

    records = {r.id: r for r in load_records([items])}
    probe = RelevanceProbe.load(probe_path)
    settings = {"adapter": str(adapter), "relevance_probe": "off", **({"head_words": head_words} if head_words else {})}
    backend = GGUFBackend.from_config(ServerConfig(**settings))
    rows = [json.loads(line) for line in (eval_dir / "predictions" / f"{name}.jsonl").read_text().splitlines()]
    target = out / f"{new_name}.reprobed.jsonl"  # `eval score` copies it into OUT/predictions/
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(_rescored(row, records, backend, probe), ensure_ascii=False) + "\n")
    finally:
        backend.close()
    code = cli(["eval", "score", "--references", str(eval_dir / "references.jsonl"), "--predictions",
                f"{new_name}={target}", "--no-bertscore", "--no-soft-match", "--out", str(out)])
    if code != 0:
        raise NewsEnhancerError(f"eval score failed on {target}")
    return out


def _rescored(row: dict, records: dict, backend, probe: RelevanceProbe) -> dict:
    """The prediction with the probe's score in its output and parse; invalid ones as they were."""
    text, record = row.get("output"), records.get(str(row["id"]))
    if not row.get("is_valid_json") or not isinstance(text, str) or record is None or SCORE_KEY not in text:
        return row
    hidden = backend.hidden_at(render_prompt(record.item()), text[:text.index(SCORE_KEY) + len(SCORE_KEY)])
    doc = json.loads(text)
    doc["relevance_score"] = probe.score(hidden)
    out = {**row, "output": json.dumps(doc, ensure_ascii=False), "probe_value": round(probe.value(hidden), 4)}
    if out.get("parsed"):
        out["parsed"] = {**out["parsed"], "relevance_score": doc["relevance_score"]}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.reprobe", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", required=True, type=Path, help="an `eval` output folder")
    parser.add_argument("--name", required=True, help="the model's name in it")
    parser.add_argument("--items", required=True, type=Path, help="the records the folder was made from")
    parser.add_argument("--adapter", required=True, type=Path, help="the GGUF LoRA that wrote the answers")
    parser.add_argument("--probe", required=True, type=Path, help="a relevance_probe.json")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--as", dest="new_name", help="the rescored model's name (default NAME-probe)")
    args = parser.parse_args(argv)
    try:
        reprobe(args.eval_dir, args.name, args.items, args.adapter, args.probe, args.out,
                args.new_name or f"{args.name}-probe")
        return 0
    except NewsEnhancerError as exc:
        print(f"reprobe: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
