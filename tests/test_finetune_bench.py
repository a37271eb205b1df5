"""finetune.bench: each variant adds exactly one lever, and the table shows every variant."""

from __future__ import annotations

from finetune.bench import VARIANTS, format_table, lever_settings


def test_each_variant_adds_one_lever():
    previous = None
    for variant in VARIANTS:
        levers = lever_settings(variant)
        if previous is not None:
            changed = [k for k in levers if levers[k] != previous[k]]
            assert len(changed) == 1, (variant, changed)
        previous = levers
    assert lever_settings("dropout0") == {"completion_only_output": True, "bf16": True, "share_prefix": True,
                                          "lora_dropout": 0.0}


def test_table_lists_every_variant_with_its_speedups():
    variants = {v: {"median_s_per_step": 1.0, "tokens_per_s": 900.0, "speedup_vs_previous": 1.2,
                    "speedup_vs_first": 1.5} for v in VARIANTS[1:]}
    table = format_table({"threads": 2, "batch_size": 4, "steps_counted": 7, "tokens_per_step": 950,
                          "load_average_before": 0.1, "load_average_after": 1.9, "variants": variants})
    assert table.count("\n| ") == len(variants) + 1  # header + one row each
    assert "| bf16 | 1.0 | 900.0 | 1.2x | 1.5x |" in table
