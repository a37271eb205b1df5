"""The parity check: its scoring definitions, its items, and `news-enhancer export parity` end to
end on a tiny Gemma 3 made decisive (tiny.sharpen), the way a trained model is."""

from __future__ import annotations

import json

import pytest
from test_export_support import build_tiny

from gguf_export import parity_run
from gguf_export.parity import Answer, load_items, score, table
from news_core.errors import ConfigError, InputError

DOC = {"relevance_score": 7, "summary": "s", "key_insights": ["a"], "company_names": ["OpenAI"]}


def answer(doc_or_text, tokens, prompt=(2, 5)) -> Answer:
    text = doc_or_text if isinstance(doc_or_text, str) else json.dumps(doc_or_text)
    return Answer(list(tokens), text, list(prompt))


def test_score_definitions():
    reference = [answer(DOC, [1, 2, 3, 9]), answer(DOC, [4, 5, 6, 9]), answer("not json", [7, 8])]
    got = [answer(DOC, [1, 2, 3, 9]),  # identical
           answer({**DOC, "relevance_score": 3}, [4, 0, 6, 6, 9]),  # differs from token 2, one field of four
           answer("not json either", [7, 8], prompt=(2, 2, 5))]  # same tokens, different text, other prompt
    s = score("q4_k_m", reference, got)
    assert s.identical == 2 and s.items == 3
    assert s.token_agreement == pytest.approx((4 + 1 + 2) / (4 + 5 + 2))
    assert s.field_agreement == pytest.approx((4 + 3 + 0) / 12)  # non-JSON reference: texts must match
    assert s.prompt_equal == 2 and s.json_valid == 2
    assert s.next_token_agreement == 0.0  # no teacher-forced pass was run for these answers
    got[1].forced_agree = 3  # fed the reference's tokens, it chose 3 of its 4
    assert score("q4_k_m", reference, got).next_token_agreement == pytest.approx(3 / 10)
    assert not s.meets_target and "BELOW TARGET" in table([s])


def test_load_items(tmp_path):
    rows = [{"item": {"title": "A", "content": "a"}}, {"title": "B", "content": "b", "annotation": {}}]
    path = tmp_path / "items.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows))
    assert [i.title for i in load_items(str(path), 5)] == ["A", "B"]
    (tmp_path / "items.json").write_text(json.dumps(rows))
    assert len(load_items(str(tmp_path / "items.json"), 1)) == 1
    held_out = load_items("", 3)
    assert len(held_out) == 3 and all(i.title for i in held_out)
    (tmp_path / "bad.json").write_text(json.dumps([{"url": "x"}]))
    with pytest.raises(InputError, match="neither title nor content"):
        load_items(str(tmp_path / "bad.json"), 3)
    with pytest.raises(ConfigError, match="does not exist"):
        load_items(str(tmp_path / "missing.jsonl"), 3)


@pytest.mark.slow
def test_parity_command_on_a_decisive_tiny_model(tmp_path, monkeypatch, capsys):
    from support.tiny import LlamaCppTokenizer

    from news_core.cli import main

    tiny = build_tiny(tmp_path / "tiny", "gemma3", sharpen_steps=32)
    tokenizer = LlamaCppTokenizer(tiny.base)  # the byte vocabulary has no HF tokenizer
    monkeypatch.setattr(parity_run, "load_reference", lambda adapter_dir, base: (tiny.peft, tokenizer))
    items = tmp_path / "items.json"
    items.write_text((parity_run.Path(__file__).parents[1] / "mcp_server" / "samples" / "items.json").read_text())
    out = tmp_path / "out"
    rc = main(["export", "parity", "--adapter", str(tiny.adapter), "--base", str(tiny.base), "--out", str(out),
               "--items", str(items), "--n", "6", "--max-tokens", "32"])
    printed = capsys.readouterr().out
    tokenizer.close()
    details = json.loads((out / "parity.json").read_text())
    scores = {s["format"]: s for s in details["scores"]}
    assert list(scores) == ["lora", "f16", "q8_0", "q4_k_m", "lora@f16"]
    for fmt in ("lora", "f16", "q8_0", "lora@f16"):  # exact enough to meet the targets on a decisive model
        assert scores[fmt]["identical"] / scores[fmt]["items"] >= scores[fmt]["target"], (fmt, printed)
    assert scores["lora@f16"]["next_token_agreement"] == 1.0  # teacher-forced: every position agrees
    assert all(s["next_token_agreement"] >= s["token_agreement"] for s in scores.values())
    assert all(s["prompt_equal"] == 6 for s in scores.values())
    assert rc == (0 if all(s["identical"] / s["items"] >= s["target"] for s in scores.values()) else 1)
    assert "items identical" in printed and (out / "parity.png").stat().st_size > 0
    assert len(details["reference"]) == 6 and all(len(a["tokens"]) > 1 for a in details["reference"])
