"""Input checks of the enhancement service that need no model."""

import pytest

from mcp_server.config import ServerConfig
from mcp_server.service import Enhancer
from news_core.errors import InputError


def test_lone_surrogates_are_a_clear_input_error_not_an_internal_one():
    enhancer = Enhancer(backend=None, config=ServerConfig())
    with pytest.raises(InputError, match="content is not valid Unicode .* character 3"):
        enhancer.check_item({"title": "ok", "content": "abc\ud800def"}, 2)
    entry = enhancer.enhance_entries([{"title": "\udfff", "content": "c", "id": "x"}], 0)[0]
    assert (entry.ok, entry.id) == (False, "x") and "title is not valid Unicode" in entry.error


def test_every_metadata_field_has_a_limit_checked_before_anything_else():
    """source, published, url and id: refused with the field and its setting named; the value is
    never parsed (a 1 MB published would otherwise go through the date parser) nor echoed."""
    enhancer = Enhancer(backend=None, config=ServerConfig(max_url_chars=50))
    for name, setting, size in (("source", "max_source_chars", 201), ("published", "max_published_chars", 101),
                                ("url", "max_url_chars", 51), ("id", "max_id_chars", 257)):
        raw = {"title": "T", "content": "C", name: "x" * size}
        with pytest.raises(InputError, match=f"item 4: {name} is {size} characters, over the limit of .* \\({setting}\\)"):
            enhancer.check_item(raw, 4)
        enhancer.check_item({**raw, name: "x" * (size - 1)}, 4)  # at the limit: accepted
    entry = enhancer.enhance_entries([{"title": "T", "content": "C", "id": "i" * 1_000_000}], 7)[0]
    assert entry.id == "item-7" and "max_id_chars" in entry.error and "iii" not in entry.error


@pytest.mark.parametrize("title, content", [("   ", "\u200b\u200d"), ("\ufeff\t", "\x00\x1b\u2060 \u202e"), ("", "\n\u3164")])
def test_a_blank_item_is_refused_like_an_empty_one(title, content):
    with pytest.raises(InputError, match="empty title and empty content"):
        Enhancer(backend=None, config=ServerConfig()).check_item({"title": title, "content": content})


def test_blank_means_no_visible_character_in_the_whole_of_unicode():
    import sys
    import unicodedata

    from news_core.items import is_blank

    invisible = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000
                 and (unicodedata.category(chr(c)) in ("Cc", "Cf", "Zs", "Zl", "Zp") or chr(c).isspace())]
    assert is_blank("".join(invisible))
    assert not is_blank("\u200b" * 10_000 + "a") and not is_blank("日本") and not is_blank("🤖")


def test_generated_ids_never_collide_with_the_callers_ids():
    enhancer = Enhancer(backend=None, config=ServerConfig())
    items = [{"title": "a", "id": "item-1"}, {"title": "b"}, {"title": "c", "id": "item-1-2"}, {"title": "d", "id": "x" * 300}]
    ids = enhancer.item_ids(items)
    assert ids == ["item-1", "item-1-3", "item-1-2", "item-3"] and len(set(ids)) == len(ids)
    assert enhancer.item_ids([{"title": "a"}] * 3, first_index=10) == ["item-10", "item-11", "item-12"]


def test_type_errors_read_as_one_sentence_without_internal_urls():
    enhancer = Enhancer(backend=None, config=ServerConfig())
    with pytest.raises(InputError) as info:
        enhancer.check_item({"title": 5, "content": ["x"]}, 0)
    message = str(info.value)
    assert message == ("item 0 is invalid: title must be a string, not an integer; content must be a string, "
                       "not a list")
    with pytest.raises(InputError) as info:
        enhancer.check_item({"title": 5, "content": ["x"], "extra": 1}, 0)  # an unknown key is named first
    assert str(info.value) == ("item 0 has a field that is not read: 'extra'; the accepted fields are title, "
                               "content, source, url, published, id")
    with pytest.raises(InputError, match="item 1 must be an object with title and content, got a list"):
        enhancer.check_item([1], 1)


class CountingBackend:
    """count_tokens = characters; sets `cancel` after `cancel_after` counts."""

    max_prompt_tokens = 600

    def __init__(self, cancel=None, cancel_after=None):
        self.calls, self.cancel, self.cancel_after = 0, cancel, cancel_after

    def count_tokens(self, prompt):
        self.calls += 1
        if self.cancel is not None and self.calls >= self.cancel_after:
            self.cancel.set()
        return len(prompt)


def test_token_fitting_checks_cancel_and_time_limit_between_steps():
    import threading
    import time

    from news_core.errors import Cancelled, ItemTimeout
    from news_core.items import NewsItem

    item = NewsItem(title="T", content="word " * 800)
    cancel = threading.Event()
    backend = CountingBackend(cancel, cancel_after=2)
    with pytest.raises(Cancelled):
        Enhancer(backend, ServerConfig()).prepare(item, None, cancel)
    assert backend.calls == 2  # stopped at the next step, not after the whole bisection
    with pytest.raises(ItemTimeout, match="time limit .*item_timeout_s"):
        Enhancer(CountingBackend(), ServerConfig()).prepare(item, time.monotonic() - 1, None)
    prompt, cut = Enhancer(CountingBackend(), ServerConfig()).prepare(item)
    assert cut and len(prompt) <= 600


def test_a_header_that_alone_overflows_names_its_fields_not_max_content_chars():
    from news_core.items import NewsItem

    item = NewsItem(title="T" * 500, source="S" * 200, content="c")
    backend = CountingBackend()
    backend.max_prompt_tokens = 300
    with pytest.raises(InputError) as info:
        Enhancer(backend, ServerConfig()).prepare(item)
    assert "max_title_chars" in str(info.value) and "max_source_chars" in str(info.value)
    assert "max_content_chars" not in str(info.value)
