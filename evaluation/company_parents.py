"""Would parent names learned from the training data raise company F1? An offline check.

    python -m evaluation.company_parents TRAIN.jsonl DEV.jsonl PREDICTIONS.jsonl [--min-count 2] [--min-share 0.5]

Some reference company names are not in the item's text: parents (Google for NotebookLM,
Anthropic for MCP). This learns rules "term T in the text -> company C" from training records
where C is annotated but absent from the text and T (a capitalised word of the text) came with
it at least `min-count` times and in at least `min-share` of the rows that contain T; then adds
each rule's company to the predictions of the dev records whose text has T, and prints company
F1 before and after with the paired tests. Records are dataset records (training_data's format,
`annotation` holding the reference); predictions are `eval` prediction rows (`parsed`).
Measured on the seed data's dev split (evaluation/README.md): no gain, so the server has no such
setting.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from .inputs import iter_jsonl
from .metrics import norm_set, set_scores
from .paired import paired_test

TERM = re.compile(r"[A-Za-z][A-Za-z0-9.\-]*[A-Za-z0-9]")


def terms(text: str) -> set[str]:
    """Capitalised words of three or more characters: names of products, models, people."""
    return {w for w in TERM.findall(text) if len(w) >= 3 and any(c.isupper() for c in w)}


def record_text(record: dict) -> str:
    return f"{record.get('title', '')} {record.get('content', '')}"


def learn_rules(records: Iterable[dict], min_count: int = 2, min_share: float = 0.5) -> dict[str, list[str]]:
    """term -> companies annotated without appearing in the text, seen often enough with the term."""
    with_term: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    for record in records:
        text = record_text(record)
        found = terms(text)
        with_term.update(found)
        for company in record["annotation"]["company_names"]:
            if company.casefold() not in text.casefold():
                together.update((term, company) for term in found)
    rules: dict[str, list[str]] = defaultdict(list)
    for (term, company), n in sorted(together.items()):
        if n >= min_count and n / with_term[term] >= min_share and term.casefold() != company.casefold():
            rules[term].append(company)
    return dict(rules)


def apply_rules(rules: dict[str, list[str]], text: str, companies: list[str]) -> list[str]:
    out = list(companies)
    for term in sorted(terms(text)):
        for company in rules.get(term, []):
            if company.casefold() not in norm_set(out):
                out.append(company)
    return out


def check(train: list[dict], dev: list[dict], predictions: dict[str, dict], min_count: int,
          min_share: float) -> dict:
    rules = learn_rules(train, min_count, min_share)
    before, after, changed = [], [], 0
    for record in dev:
        predicted = predictions.get(str(record["id"])) or {"company_names": []}
        ref = norm_set(record["annotation"]["company_names"])
        grown = apply_rules(rules, record_text(record), list(predicted.get("company_names") or []))
        changed += len(grown) != len(predicted.get("company_names") or [])
        before.append(set_scores(norm_set(predicted.get("company_names") or []), ref).f1)
        after.append(set_scores(norm_set(grown), ref).f1)
    return {"rules": len(rules), "items_changed": changed, "items": len(dev),
            "f1_before": sum(before) / max(len(before), 1), "f1_after": sum(after) / max(len(after), 1),
            "paired": paired_test(before, after)}


def _rows(path: str) -> list[dict]:
    return [row for _, row in iter_jsonl(path)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("train")
    parser.add_argument("dev")
    parser.add_argument("predictions")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--min-share", type=float, default=0.5)
    args = parser.parse_args(argv)
    predictions = {str(row["id"]): row.get("parsed") or {} for row in _rows(args.predictions)}
    result = check(_rows(args.train), _rows(args.dev), predictions, args.min_count, args.min_share)
    p = result["paired"]
    print(f"{result['rules']} rules; {result['items_changed']}/{result['items']} items changed; company F1 "
          f"{result['f1_before']:.3f} -> {result['f1_after']:.3f} (t-test p = {p['ttest']['pvalue']}, "
          f"Wilcoxon p = {p['wilcoxon']['pvalue']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
