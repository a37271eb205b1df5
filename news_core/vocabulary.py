"""What a training set's answers say again and again: its key_insights tags and company names.

Written beside every trained adapter (vocabulary.json) and copied beside its GGUF export, so that
a server can prefer the tags the model was trained on (the `insight_vocabulary` setting). In data
whose key_insights are topic tags (the reference study's: 312 distinct tags, 80% of the test
items' tags seen in training) that steers free text toward the labels; in data whose insights are
free-text takeaways (this project's own) almost nothing repeats, which `repeat_share` shows.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

FILE = "vocabulary.json"


@dataclass
class Vocabulary:
    insights: dict[str, int] = field(default_factory=dict)  # tag as written -> answers that use it
    companies: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_completions(cls, completions: Iterable[str]) -> "Vocabulary":
        insights, companies = Counter(), Counter()
        for completion in completions:
            doc = json.loads(completion)
            insights.update(dict.fromkeys(doc.get("key_insights", []), 1))
            companies.update(dict.fromkeys(doc.get("company_names", []), 1))
        return cls(dict(insights.most_common()), dict(companies.most_common()))

    def repeat_share(self) -> float:
        """Share of insight uses whose tag other answers use too (near 0 for free text)."""
        total = sum(self.insights.values())
        return sum(n for n in self.insights.values() if n > 1) / total if total else 0.0

    def save(self, folder: str | Path) -> Path:
        path = Path(folder) / FILE
        body = {"repeat_share": round(self.repeat_share(), 4), "insights": self.insights, "companies": self.companies}
        path.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> "Vocabulary":
        body = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(dict(body.get("insights", {})), dict(body.get("companies", {})))
