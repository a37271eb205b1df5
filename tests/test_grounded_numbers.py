"""Grounded numbers (`ground_numbers`): the decoder writes a number in summary or key_insights only
as a copy of one in the item's title or content (mcp_server/backends/grounding.py, decoding.py).

The checks first, on bytes; then the real decoder on the real grammar and tokenizer of the bundled
model, steered by hand-made logits that push for numbers the item lacks (every path: the model's
own token, a top-64 alternative, the next digit of the text's number, a digit-free token); then
the shipped model on items full of numbers."""

from __future__ import annotations

import json

import numpy as np
import pytest

from mcp_server.backends.grounding import INSIGHTS, ItemNumbers, numbers_grounded, open_element, open_number, title_and_content
from news_core.contract import schema_errors
from news_core.facts import numbers, ungrounded_numbers
from news_core.items import NewsItem
from news_core.prompt import render_prompt

ITEM = NewsItem(title="Acme raises $12M for 3.5x faster chips", source="TLDR 2025",
                published="2025-03-04", content="Acme sold 1,500 boards in 2024.")
NUMBERS = ItemNumbers(title_and_content(render_prompt(ITEM)))
SUMMARY = b'{"summary": "'


def test_the_numbers_come_from_title_and_content_not_source_or_date():
    assert numbers(title_and_content(render_prompt(ITEM))) == {"12", "3.5", "1500", "2024"}


@pytest.mark.parametrize("out, new, ok", [
    (SUMMARY + b"Raised $", b"1", True),  # 1 begins 12 and 1500
    (SUMMARY + b"Raised $1", b"2", True),
    (SUMMARY + b"Raised $12", b"M", True),  # closes 12: a number of the text
    (SUMMARY + b"Raised $1", b" ", False),  # closes 1: not one
    (SUMMARY + b"Raised $", b"4", False),  # no number of the text begins with 4
    (SUMMARY + b"Sold 1,", b"5", True),  # 1,5 begins 1500 (commas dropped)
    (SUMMARY + b"Sold 1500", b".", True),  # a full stop may end a sentence...
    (SUMMARY + b"Made 3.", b"5", True),  # ...or go on into a decimal
    (SUMMARY + b"Made 3.5", b"0", False),
    (SUMMARY + b"Raised $1", b".", False),  # 1. is neither a whole number of the item nor begins a decimal
    (SUMMARY + b"Made 3", b",", False),  # 3, begins no thousands (3.5 is not 3,5)
    (SUMMARY + b"Sold 1", b",", True),  # 1,500
    (SUMMARY + b"In 202", b"4", True),
    (SUMMARY + b"In 202", b"5", False),  # the date's 2025 is not the item's text
    (SUMMARY + b"Up 202.", b"\xc2", False),  # a byte token (half of a no-break space) closes 202 too
    (SUMMARY + b'Ok", "key_insights": ["Up ', b"9", False),  # insights are checked too
    (SUMMARY + b'Ok", "key_insights": [], "company_names": ["3', b"M", True),  # names are not
    (SUMMARY + b"No digits", b" here", True),
])
def test_a_token_fits_when_every_number_it_touches_is_or_begins_one_of_the_item(out, new, ok):
    assert numbers_grounded(out, new, NUMBERS) is ok


def test_the_open_number_and_its_completions():
    assert open_number(SUMMARY + b"Sold 1,") == "1," and NUMBERS.completions("1,") == ["12", "1500"]
    assert NUMBERS.completions("3,") == [] and NUMBERS.may_end_or_grow("12.") and not NUMBERS.may_end_or_grow("1.")
    assert open_number(SUMMARY + b"Made 3.") == "3." and NUMBERS.completions("3.") == ["3.5"]
    assert open_number(SUMMARY + b"Made 3 ") == "" and open_number(SUMMARY + b"x") == ""


# -- the real decoder, steered ------------------------------------------------------------------------

def _token(llm, text: str) -> int:
    ids = llm.tokenize(text.encode(), add_bos=False, special=False)
    assert len(ids) == 1, (text, ids)
    return ids[0]


def _decode(backend, item: NewsItem, wanted: dict[str, float], flood: list[int] = ()) -> object:
    """Drive one Decoding of the real grammar with hand-made logits: `wanted` texts get their
    logits, `flood` tokens 15 (above them), a string closes after a few characters, each list
    keeps one element. No model call: the logits are the test's."""
    llm = backend._llm
    prompt = render_prompt(item)
    answer = backend._decoding(backend._guide, prompt, len(llm.tokenize(prompt.encode(), add_bos=True)))
    quote, bracket = _token(llm, '"'), _token(llm, "]")
    answer.start()
    for _ in range(400):
        logits = np.zeros(llm.n_vocab(), dtype=np.float32)
        for text, value in wanted.items():
            logits[_token(llm, text)] = value
        logits[list(flood)] = 15.0
        out = bytes(answer.out)
        if b'"key_insights"' not in out:
            logits[quote] = 20.0 if len(out) > 40 else logits[quote]
        elif b'"company_names"' in out:
            logits[bracket] = 20.0
        else:
            element = open_element(out, INSIGHTS)
            if element is None:
                logits[quote if out.endswith(b"[") else bracket] = 20.0
            elif len(element) >= 12:
                logits[quote] = 20.0
        if not answer.advance(logits).feed:
            return answer
    raise AssertionError(f"the steered answer did not finish: {answer.text}")


def _claims(text: str) -> list[str]:
    doc = json.loads(text)
    assert schema_errors(doc) == []
    return [doc["summary"], *doc["key_insights"]]


@pytest.fixture
def grounded_backend(base_backend, monkeypatch):
    monkeypatch.setattr(base_backend, "ground_numbers", True)
    return base_backend


def test_a_model_that_wants_a_number_the_item_lacks_gets_the_text_number_it_begins(grounded_backend):
    """It wants 1s forever; the item holds 12. The 2 is never among its top 64 (logit -100), so the
    decoder writes it itself (the next digit of the text's number) before the number may close."""
    item = NewsItem(title="Acme raises $12M", content="Acme raised 12 million dollars.")
    answer = _decode(grounded_backend, item, {"1": 10.0, "2": -100.0, " the": 5.0})
    claims = _claims(answer.text)
    assert ungrounded_numbers(claims, title_and_content(render_prompt(item))) == []
    assert "12" in claims[0] and answer.regrounded > 0


def test_with_every_top_candidate_refused_a_digit_free_token_is_written(grounded_backend):
    """The model's top 64 are tokens the grammar refuses inside a string (control characters), then a 7 the
    item lacks: neither may be written, so a digit-free token is, and the answer still finishes."""
    llm = grounded_backend._llm
    control = [t for t in range(llm.n_vocab()) if any(b < 0x20 for b in llm.detokenize([t], special=False))][:80]
    assert len(control) >= 64
    item = NewsItem(title="A database release", content="The new version adds JSON functions.")
    answer = _decode(grounded_backend, item, {"7": 10.0}, flood=control)
    assert numbers(" ".join(_claims(answer.text))) == set() and answer.regrounded > 0


def test_a_model_stuck_on_a_number_the_item_lacks_gets_its_string_closed(grounded_backend):
    """It wants a 7 at every step (the base model does this: "grow by $ $ $ ..." to the token
    limit); after the third refusal in one string the string is closed."""
    item = NewsItem(title="A database release", content="The new version adds JSON functions.")
    answer = _decode(grounded_backend, item, {"7": 10.0, " the": 5.0})
    summary = json.loads(answer.text)["summary"]
    assert summary.split() == ["the", "the"] and answer.regrounded >= 3  # refused 3 times, then closed


def test_off_the_same_steering_writes_the_invented_number(base_backend, monkeypatch):
    monkeypatch.setattr(base_backend, "ground_numbers", False)
    item = NewsItem(title="A database release", content="The new version adds JSON functions.")
    answer = _decode(base_backend, item, {"7": 10.0})
    assert "7" in json.loads(answer.text)["summary"]


# -- the shipped model -------------------------------------------------------------------------------

NUMBERED = [
    NewsItem(title="Nvidia posts $57B quarter as data-center sales jump 66%",
             content="Nvidia reported revenue of $57 billion for the quarter, with data-center revenue of $51.2 billion, "
                     "up 66% from a year earlier, and guided to $65 billion next quarter."),
    NewsItem(title="Mistral raises €1.7B led by ASML (3 minute read)",
             content="ASML invested €1.3 billion in Mistral AI's €1.7 billion round, which values the company at "
                     "€11.7 billion. ASML will hold about 11% of the startup."),
    NewsItem(title="Postgres 18 ships asynchronous I/O",
             content="PostgreSQL 18 adds an asynchronous I/O subsystem that speeds up sequential scans by up to 3x, "
                     "plus virtual generated columns and OAuth 2.0 support."),
]


def test_the_shipped_model_with_grounded_numbers_writes_only_numbers_of_the_item(default_backend, monkeypatch):
    monkeypatch.setattr(default_backend, "ground_numbers", True)
    for item in NUMBERED:
        gen = default_backend.generate(render_prompt(item))
        claims = _claims(gen.text)
        assert ungrounded_numbers(claims, title_and_content(render_prompt(item))) == [], gen.text
