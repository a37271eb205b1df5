"""A 200-item batch through the real stdio server, with the server's resident memory measured.

NEWS_ENHANCER_MAX_TOKENS=4 (CHEAP) keeps it to a couple of minutes on 2 CPU cores: every item is
validated, rendered, tokenized, prefilled through the model with its answer's 3 forced opening
tokens and decoded for one more, then returned as its own error ('did not finish within max_tokens=4'). Full answers run at about
1 s per item here, so 200 of them would take over 3 minutes. (500 items until 2026-12-06, 250 until
2026-12-07: the growth limit below is what a leak of 0.75 MiB per item would cross at 200; at 250 the test
took 47-56 s of make test.)
"""

import time

import pytest
from test_hardening_helpers import CHEAP, RssSampler, assert_batch_complete, peak_rss_mb, served

pytestmark = [pytest.mark.slow, pytest.mark.model]

ITEMS = 200
GROWTH_LIMIT_MB = 150


def test_a_200_item_batch_completes_with_bounded_memory():
    items = [{"id": f"m{n}", "title": f"Headline {n}: a lab ships model {n}",
              "content": f"Item {n}. An AI lab released model number {n} with better coding and longer context."}
             for n in range(ITEMS)]
    with served(**CHEAP) as server:
        assert_batch_complete(server.call("batch_enhance", {"items": items[:5]}), items[:5])  # warm: model paged in
        baseline = server.process.memory_info().rss / 2**20
        start = time.perf_counter()
        with RssSampler(server.process) as sampler:
            result = server.call("batch_enhance", {"items": items}, timeout=600)
        seconds = time.perf_counter() - start
        peak = peak_rss_mb(server.process)
    assert_batch_complete(result, items)
    print(f"\n{ITEMS} items in {seconds:.1f}s ({ITEMS / seconds:.1f} items/s); server RSS after warm-up "
          f"{baseline:.0f} MiB, sampled peak {sampler.peak_mb:.0f} MiB, kernel high-water mark {peak:.0f} MiB")
    assert sampler.peak_mb - baseline < GROWTH_LIMIT_MB
    assert peak - baseline < GROWTH_LIMIT_MB
