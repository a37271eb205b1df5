"""Does a URL line in the prompt change the shipped model's relevance scores?

The test split's 86 items, served path (gguf, shipped adapter, greedy, grammar-guided), each
rendered three ways: as `render_prompt` does (no URL line), and with a 'URL: ...' line before
the content, either the item's own URL or, where it has none, one made from its id (newsletter
items always carry a URL; the training data rarely does). Prints MAE, mean score, sponsored items
scored 1, and paired tests. This is the measurement behind `render_prompt` leaving URLs out.

    .venv/bin/python benchmarks/url_line.py [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics

from scipy import stats
from tqdm import tqdm

from mcp_server.backends import load_backend
from mcp_server.config import ServerConfig
from news_core.prompt import render_prompt
from training_data.split import default_split


def with_url_line(prompt: str, url: str) -> str:
    head, marker, content = prompt.rpartition("\nContent: ")
    return f"{head}\nURL: {url}{marker}{content}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", help="write the per-item scores here")
    args = parser.parse_args()
    backend = load_backend(ServerConfig())
    rows = []
    for record in tqdm(default_split()[1], desc="items", unit="item"):
        prompt = render_prompt(record.item())
        url = record.url or "https://www.example.com/news/" + re.sub(r"^\d{4}-\d{2}-\d{2}-", "", record.id)
        scores = {name: backend.generate(p).metadata.relevance_score
                  for name, p in (("no URL line", prompt), ("URL line", with_url_line(prompt, url)))}
        rows.append({"id": record.id, "gold": record.annotation.relevance_score, "sponsored": record.sponsored, **scores})
    report(rows)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=1)


def report(rows: list[dict]) -> None:
    errors = {}
    for name in ("no URL line", "URL line"):
        errors[name] = [abs(r[name] - r["gold"]) for r in rows]
        sponsored = [r for r in rows if r["sponsored"]]
        print(f"{name:12s} MAE {statistics.mean(errors[name]):.3f}  mean score "
              f"{statistics.mean(r[name] for r in rows):.2f}  sponsored scored 1: "
              f"{sum(r[name] == 1 for r in sponsored)}/{len(sponsored)}")
    a, b = errors["URL line"], errors["no URL line"]
    print(f"paired t-test p = {stats.ttest_rel(a, b).pvalue:.3f}, "
          f"Wilcoxon p = {stats.wilcoxon(a, b, zero_method='zsplit').pvalue:.3f} (n = {len(rows)})")


if __name__ == "__main__":
    main()
