"""Dataset statistics as Markdown tables (and a plot), and the README sections generated from them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from news_core.errors import ConfigError

from .records import Record
from .split import DEFAULT_TEST_FRACTION, split

README = Path(__file__).resolve().parent / "README.md"
COMPANY_BUCKETS = ("0", "1", "2-3", "4+")
# Relevance bands of rubric v2 (README): (low, high, label).
BANDS = (
    (10, 10, "landmark AI news"),
    (9, 9, "substantive AI news"),
    (8, 8, "AI tools, analysis, applied AI"),
    (6, 7, "tech with an AI angle"),
    (4, 5, "weak AI tie"),
    (2, 3, "tech unrelated to AI"),
    (1, 1, "sponsored or off-topic"),
)


def company_bucket(count: int) -> str:
    return "0" if count == 0 else "1" if count == 1 else "2-3" if count <= 3 else "4+"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def stats_markdown(records: Sequence[Record], test_fraction: float = DEFAULT_TEST_FRACTION) -> str:
    """Overview, relevance histogram, items per month and companies per item, as Markdown."""
    n = len(records)
    sponsored = sum(r.sponsored for r in records)
    dates = sorted(r.published for r in records if r.published)
    train, test = split(records, test_fraction)
    sources = Counter(r.source or "(none)" for r in records).most_common()
    overview = [
        ("items", n),
        ("sponsored", f"{sponsored} ({_share(sponsored, n)})"),
        ("published", f"{dates[0]} to {dates[-1]}" if dates else "-"),
        ("undated", n - len(dates)),
        ("with a URL", f"{sum(bool(r.url) for r in records)} ({_share(sum(bool(r.url) for r in records), n)})"),
        ("sources", ", ".join(f"{name} {count}" for name, count in sources)),
        (f"split (test fraction {test_fraction:g})", f"train {len(train)} / test {len(test)}" + _cut(train, test)),
    ]
    scores = Counter(r.annotation.relevance_score for r in records)
    months = Counter(r.published[:7] or "undated" for r in records)
    sponsored_months = Counter(r.published[:7] or "undated" for r in records if r.sponsored)
    companies = Counter(company_bucket(len(r.annotation.company_names)) for r in records)
    names = Counter(name for r in records for name in r.annotation.company_names).most_common(10)
    sections = [
        ("Overview", _table(("measure", "value"), overview)),
        (
            "Relevance scores",
            _table(("score", "items", "share"), [(s, scores[s], _share(scores[s], n)) for s in range(1, 11)]),
        ),
        (
            "Items per month",
            _table(("month", "items", "sponsored"), [(m, months[m], sponsored_months[m]) for m in sorted(months)]),
        ),
        (
            "Companies per item",
            _table(
                ("companies", "items", "share"), [(b, companies[b], _share(companies[b], n)) for b in COMPANY_BUCKETS]
            ),
        ),
        ("Most named companies", _table(("company", "items"), names)),
    ]
    return "\n\n".join(f"**{title}**\n\n{table}" for title, table in sections)


def _cut(train: Sequence[Record], test: Sequence[Record]) -> str:
    if not train or not test:
        return ""
    return f" (train up to {train[-1].published or 'undated'}, test from {test[0].published or 'undated'})"


def band_examples(records: Sequence[Record]) -> str:
    """One example item per relevance band (the earliest by date, then id), as a Markdown list."""
    lines = []
    for low, high, label in BANDS:
        pool = sorted(
            (r for r in records if low <= r.annotation.relevance_score <= high and r.sponsored == (high == 1)),
            key=lambda r: (r.published, r.id),
        )
        band = f"{low}" if low == high else f"{low}-{high}"
        if not pool:
            lines.append(f"- **{band} ({label})**: no item yet")
            continue
        r = pool[0]
        title = " ".join(r.title.replace("**", "").split())
        companies = ", ".join(r.annotation.company_names) or "none"
        lines.append(
            f"- **{band} ({label})**: score {r.annotation.relevance_score}, *{title}* ({r.source or 'no source'}, "
            f"{r.published or 'undated'}; companies: {companies}). {r.annotation.summary}".rstrip()
        )
    return "\n".join(lines)


def replace_section(text: str, name: str, body: str) -> str:
    """Replace what lies between <!-- name:start --> and <!-- name:end --> with `body`."""
    pattern = re.compile(rf"(<!-- {name}:start -->).*?(<!-- {name}:end -->)", re.DOTALL)
    if not pattern.search(text):
        raise ConfigError(
            f"the README has no '<!-- {name}:start -->' ... '<!-- {name}:end -->' markers; "
            "add them on lines of their own"
        )
    return pattern.sub(lambda m: f"{m.group(1)}\n{body}\n{m.group(2)}", text, count=1)


def write_readme(records: Sequence[Record], test_fraction: float = DEFAULT_TEST_FRACTION, path: Path = README) -> None:
    text = path.read_text(encoding="utf-8")
    text = replace_section(text, "stats", stats_markdown(records, test_fraction))
    text = replace_section(text, "examples", band_examples(records))
    path.write_text(text, encoding="utf-8")


def plot_stats(records: Sequence[Record], out: Path) -> None:
    """Relevance histogram, items per month and companies per item, as one PNG."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise ConfigError("--plot needs matplotlib: pip install matplotlib") from exc
    scores = Counter(r.annotation.relevance_score for r in records)
    months = Counter(r.published[:7] or "undated" for r in records)
    companies = Counter(company_bucket(len(r.annotation.company_names)) for r in records)
    fig, axes = plt.subplots(1, 3, figsize=(15, 4), gridspec_kw={"width_ratios": [2, 3, 1.3]})
    axes[0].bar(range(1, 11), [scores[s] for s in range(1, 11)], color="tab:blue")
    axes[0].set(title="Relevance scores", xlabel="relevance_score", ylabel="items", xticks=range(1, 11))
    labels = sorted(months)
    axes[1].bar(range(len(labels)), [months[m] for m in labels], color="tab:green")
    axes[1].set_xticks(range(len(labels)), labels, rotation=60)
    axes[1].set(title="Items per month", ylabel="items")
    axes[2].bar(range(len(COMPANY_BUCKETS)), [companies[b] for b in COMPANY_BUCKETS], color="tab:orange")
    axes[2].set_xticks(range(len(COMPANY_BUCKETS)), COMPANY_BUCKETS)
    axes[2].set(title="Companies per item", xlabel="company_names", ylabel="items")
    fig.suptitle(f"{len(records)} items, {sum(r.sponsored for r in records)} sponsored")
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)
