"""evaluation.company_parents: rules come only from names absent from the text, and are measured."""

from __future__ import annotations

from evaluation.company_parents import apply_rules, check, learn_rules


def rec(i, title, companies, content=""):
    return {"id": str(i), "title": title, "content": content,
            "annotation": {"company_names": companies, "key_insights": [], "summary": "", "relevance_score": 5}}


TRAIN = [rec(1, "NotebookLM gets audio", ["Google"]), rec(2, "NotebookLM adds sources", ["Google"]),
         rec(3, "NotebookLM review", []), rec(4, "OpenAI ships", ["OpenAI"]), rec(5, "OpenAI again", ["OpenAI"])]


def test_rules_learn_parents_absent_from_the_text_only():
    rules = learn_rules(TRAIN, min_count=2, min_share=0.5)
    assert rules == {"NotebookLM": ["Google"]}  # OpenAI is in its own text: grounding, not a parent
    assert learn_rules(TRAIN, min_count=2, min_share=0.7) == {}  # 2 of 3 NotebookLM rows
    assert apply_rules(rules, "NotebookLM on phones", ["google"]) == ["google"]  # no duplicate, any case
    assert apply_rules(rules, "NotebookLM on phones", []) == ["Google"]


def test_check_reports_f1_before_and_after():
    dev = [rec(10, "NotebookLM on phones", ["Google"]), rec(11, "Unrelated", [])]
    result = check(TRAIN, dev, {"10": {"company_names": []}, "11": {"company_names": []}}, 2, 0.5)
    assert result["items_changed"] == 1 and result["f1_before"] == 0.5 and result["f1_after"] == 1.0
