"""The fake backend keeps the parts of the Backend contract the server tests lean on: schema-valid,
deterministic answers for any item, per-item failures, and deadline and cancel between steps."""

import threading
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.fake_backend import FakeBackend

from mcp_server.backends.base import Backend
from news_core.contract import schema_errors
from news_core.errors import Cancelled, ItemTimeout, ModelError
from news_core.items import NewsItem
from news_core.prompt import render_prompt

ITEM = NewsItem(title="OpenAI ships o3-mini", content="OpenAI released o3-mini. It is cheaper.")


def prompt(title: str, content: str = "c") -> str:
    return render_prompt(NewsItem(title=title, content=content))


def test_follows_the_backend_protocol(fake_backend):
    assert isinstance(fake_backend, Backend)


@settings(max_examples=60, deadline=None, database=None, derandomize=True)
@given(title=st.text(max_size=80), content=st.text(max_size=400))
def test_any_item_gets_a_schema_valid_answer_and_always_the_same_one(title, content):
    text = prompt(title, content)
    first, second = FakeBackend().generate(text), FakeBackend().generate(text)
    assert schema_errors(first.metadata.model_dump()) == []
    assert first.metadata == second.metadata and first.text == second.text


def test_failing_and_slow_items_are_chosen_by_title():
    backend = FakeBackend(fail={"Bad": ModelError("gave up")}, slow={"Slow": 0.1})
    good, bad, slow = backend.generate_many([prompt("Good"), prompt("Bad"), prompt("Slow")])
    assert isinstance(bad, ModelError) and str(bad) == "gave up"
    assert good.seconds < 0.05 <= 0.1 <= slow.seconds
    assert backend.calls == ["Good", "Bad", "Slow"]


def test_deadline_and_cancel_stop_a_slow_item_between_steps():
    backend = FakeBackend(slow={"Slow": 30})
    with pytest.raises(ItemTimeout):
        backend.generate(prompt("Slow"), deadline=time.monotonic() + 0.05)
    cancel = threading.Event()
    threading.Timer(0.05, cancel.set).start()
    with pytest.raises(Cancelled):
        backend.generate_many([prompt("Slow"), prompt("Never")], cancel=cancel)
    assert backend.cancelled == ["Slow"] and "Never" not in backend.calls and backend.running == 0
