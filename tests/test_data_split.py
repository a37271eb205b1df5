"""Temporal split (determinism, ratio, ordering) and leakage / duplicate detection."""

from __future__ import annotations

import random
import time

import pytest

from news_core.errors import ConfigError
from training_data import Record, check_leakage, find_duplicates, split
from training_data.leakage import normalise_text
from training_data.split import count_test


def rec(
    id, title="A headline", content="Some content about a thing.", published="2025-03-01", sponsored=False, score=5
):
    return Record.model_validate(
        {
            "id": id,
            "title": title,
            "content": content,
            "source": "TLDR AI",
            "published": published,
            "url": "",
            "sponsored": sponsored,
            "annotation": {"relevance_score": score, "summary": "", "key_insights": [], "company_names": []},
        }
    )


def dated(n, seed=0):
    rng = random.Random(seed)
    return [rec(f"item-{k:03d}", published=f"2025-{rng.randint(1, 9):02d}-{rng.randint(1, 28):02d}") for k in range(n)]


@pytest.mark.parametrize("n, expected_test", [(10, 2), (7, 1), (13, 3), (100, 20), (1, 0), (0, 0)])
def test_split_is_80_20(n, expected_test):
    train, test = split(dated(n))
    assert (len(train), len(test)) == (n - expected_test, expected_test) and count_test(n) == expected_test


def test_split_is_temporal_and_deterministic():
    records = dated(50)
    train, test = split(records)
    assert max((r.published, r.id) for r in train) < min((r.published, r.id) for r in test)
    assert train == sorted(train, key=lambda r: (r.published, r.id))
    for seed in range(5):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert split(shuffled) == (train, test)
    assert [len(part) for part in split(records, 0.3)] == [35, 15]


def test_same_day_ties_break_by_id_and_undated_go_first_to_train():
    records = [
        rec("b", published="2025-05-01"),
        rec("a", published="2025-05-01"),
        rec("undated", published=""),
        rec("c", published="2025-04-01"),
        rec("z", published="2025-05-01"),
    ]
    train, test = split(records, 0.4)
    assert [r.id for r in train] == ["undated", "c", "a"] and [r.id for r in test] == ["b", "z"]


@pytest.mark.parametrize("fraction", [0, 1, -0.1, 1.5, True, "0.2"])
def test_split_rejects_bad_fractions(fraction):
    with pytest.raises(ConfigError, match="test_fraction"):
        split(dated(5), fraction)


def test_normalised_titles_drop_newsletter_noise():
    plain = normalise_text("OpenAI ships o3-mini")
    for noisy in (
        "**OpenAI ships o3-mini 🚀 (4 minute read)**",
        "  openai SHIPS o3 mini!  ",
        "OpenAI ships o3-mini (GitHub Repo)",
        "🤖 **OpenAI ships o3‑mini** (12 min read)",
    ):
        assert normalise_text(noisy) == plain == "openai ships o3 mini"


LONG = (
    "Mistral AI released a new open-weights coding model that runs on a single GPU and beats larger models "
    "on common programming benchmarks while keeping a permissive licence for commercial use by developers."
)


def test_leakage_finds_crafted_near_duplicates():
    train = [
        rec("t-id", title="Unrelated one", content="Alpha beta gamma delta epsilon."),
        rec("t-title", title="**Anthropic releases Claude 4 🚀 (5 minute read)**", content="First text here."),
        rec("t-word", title="Nvidia unveils its Blackwell Ultra chips for data centers", content="Chips chips chips."),
        rec(
            "t-order",
            title="Google is using Anthropic's Claude to improve its Gemini AI",
            content="Ordering test text.",
        ),
        rec("t-edit", title="Coding model one", content=LONG),
        rec(
            "t-cut",
            title="Cut copy one",
            content=LONG + " It is available today on the company's platform and on Hugging Face.",
        ),
        rec("t-number", title="Bitcoin tops $100,000 for the first time", content="Crypto rally one."),
        rec(
            "t-clean",
            title="Apple reports quarterly earnings",
            content="Revenue rose slightly on iPhone sales in Asia.",
        ),
    ]
    test = [
        rec("t-id", title="Another unrelated", content="Zeta eta theta iota kappa."),
        rec("x-title", title="Anthropic Releases Claude 4", content="Second text there."),
        rec("x-word", title="Nvidia unveils its Blackwell Ultra chip for data centers", content="GPUs GPUs GPUs."),
        rec("x-order", title="Google Gemini is using Claude to improve its AI", content="Different body entirely."),
        rec(
            "x-edit",
            title="Coding model two",
            content=LONG.replace("single GPU", "single graphics card").replace("common", "popular"),
        ),
        rec("x-cut", title="Cut copy two", content=LONG[:150] + " and the company said it would"),
        rec("x-number", title="Bitcoin tops $120,000 for the first time 📈", content="Crypto rally two."),
        rec(
            "x-clean",
            title="SpaceX launches another Starship test",
            content="The rocket reached orbit and returned safely.",
        ),
    ]
    found = {(f.kind, f.first.id, f.second.id) for f in check_leakage(train, test)}
    assert found == {
        ("same_id", "t-id", "t-id"),
        ("same_title", "t-title", "x-title"),
        ("similar_title", "t-word", "x-word"),
        ("similar_title", "t-order", "x-order"),
        ("similar_content", "t-edit", "x-edit"),
        ("similar_content", "t-cut", "x-cut"),
        ("similar_content", "t-edit", "x-cut"),
    }
    assert check_leakage(train[-1:], test[-1:]) == []


def test_find_duplicates_reports_each_pair_once_in_order():
    records = [
        rec("a", title="Meta releases Llama 4"),
        rec("b", title="Something else", content="Other words entirely here."),
        rec("c", title="**Meta releases Llama 4** (3 minute read)", content="Yet another body of text."),
    ]
    findings = find_duplicates(records)
    assert [(f.kind, f.first.id, f.second.id) for f in findings] == [("same_title", "a", "c")]
    assert "same_title (1.00)" in str(findings[0]) and "[a]" in str(findings[0])
    assert find_duplicates(records[:2]) == []


def test_leakage_check_is_fast_on_450_by_450():
    rng = random.Random(1)
    words = [f"w{k}" for k in range(3000)]

    def fake(k):
        return rec(f"id-{k}", title=" ".join(rng.choices(words, k=9)), content=" ".join(rng.choices(words, k=60)))

    train, test = [fake(k) for k in range(450)], [fake(k) for k in range(450, 900)]
    start = time.process_time()  # CPU time: the machine is shared (parallel test workers), wall time says little
    assert check_leakage(train, test) == []
    assert find_duplicates(train + test) == []
    assert time.process_time() - start < 3.0
