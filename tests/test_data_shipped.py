"""The shipped dataset (training_data/data/*.jsonl) must validate: >= 400 items, >= 4% sponsored, no leakage.

Fails, with the counts and every problem, until the dataset is complete.
"""

from __future__ import annotations

from training_data import default_split
from training_data.config import DataConfig
from training_data.load import DATA_DIR, dataset_files
from training_data.validate import validate_dataset


def test_shipped_dataset_validates():
    assert dataset_files(), f"no dataset files in {DATA_DIR}"
    result = validate_dataset(DataConfig())
    n, sponsored = len(result.records), sum(r.sponsored for r in result.records)
    counts = f"{n} records ({sponsored} sponsored) in {', '.join(p.name for p in dataset_files())}"
    assert result.ok, f"{counts}; {len(result.problems)} problem(s):\n" + "\n".join(result.problems)


def test_default_split_is_the_validated_split():
    train, test = default_split()
    assert len(test) == round(0.2 * (len(train) + len(test)))
    assert max(r.published for r in train) <= min(r.published for r in test)
    prompts = {r.example()[0] for r in train + test}
    assert len(prompts) == len(train) + len(test), "two records render the same prompt"
