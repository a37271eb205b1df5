"""Why an answer decoded with forced runs differs from the one-step-per-token answer.

For each test-split item: decode with forced_tokens off and on, recording every token fed to the
model and the top-2 logit gap of each of the model's own choices. Reports where the two token
sequences first differ, whether every token fed before that point was the same (then the
difference is numerical: a batch of several tokens goes through other llama.cpp kernels than one
token, and a near-tie flips), and the stepwise decoder's logit gap at that point.

    .venv/bin/python benchmarks/forced_divergence.py [--items N]
"""

from __future__ import annotations

import argparse
import statistics

import numpy as np

from mcp_server.backends import load_backend
from mcp_server.backends.decoding import Decoding
from mcp_server.config import ServerConfig
from news_core.prompt import render_prompt
from training_data import default_split


def traced(backend, prompt: str):
    """(tokens of the answer, top-2 logit gap before each model-chosen token)."""
    tokens, gaps = [], []
    choose = backend._guide.choose

    def spy(logits):
        top = np.partition(logits, -2)[-2:]
        gaps.append(float(top[1] - top[0]))
        return choose(logits)

    backend._guide.choose = spy
    original = Decoding._add
    Decoding._add = lambda self, token: (tokens.append(token), original(self, token))
    try:
        backend.generate(prompt)
    finally:
        Decoding._add = original
        del backend._guide.choose
    return tokens, gaps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20)
    args = parser.parse_args()
    backend = load_backend(ServerConfig())
    identical, gaps = 0, []
    for record in list(default_split()[1])[: args.items]:
        prompt = render_prompt(record.item())
        backend.forced_tokens = False
        step, step_gaps = traced(backend, prompt)
        backend.forced_tokens = True
        fast, _ = traced(backend, prompt)
        if step == fast:
            identical += 1
            continue
        at = next(i for i, (a, b) in enumerate(zip(step, fast)) if a != b)
        # the model's own choices in the stepwise run are all positions; its gap list is aligned to them
        gap = step_gaps[at] if at < len(step_gaps) else float("nan")
        gaps.append(gap)
        print(f"{record.id}: first different token at {at} of {len(step)}, same tokens fed before it, "
              f"stepwise top-2 logit gap there {gap:.3f}")
    print(f"\n{identical} of {args.items} answers token-identical; the others first differ where the stepwise "
          f"decoder's top-2 logit gap was median {statistics.median(gaps) if gaps else float('nan'):.3f}")
    backend.close()


if __name__ == "__main__":
    main()
