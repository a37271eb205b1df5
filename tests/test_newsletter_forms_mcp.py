"""The forms of test_newsletter_forms through the real MCP server's enhance_newsletter tool, in
memory through the SDK's own Client (the fake backend in place of the model, as in test_server_memory):
what an agent sends is what the splitter reads."""

import json

import pytest
from support.gmail_resource import resource
from test_newsletter_forms import FORMS, TLDR
from test_server_memory import call, text

from newsletters import split_newsletter

pytestmark = pytest.mark.anyio


async def test_a_gmail_full_resource_sent_as_json_text(fake_backend):
    raw = json.dumps(resource(TLDR.read_bytes()))
    result = await call(fake_backend, "auto", "enhance_newsletter", {"raw": raw})
    assert not result.is_error, text(result)
    out, expected = result.structured_content, split_newsletter(TLDR.read_bytes())
    assert (out["subject"], out["date"], out["source"], out["format"]) == (
        expected.subject, expected.date, "TLDR AI", "email")
    assert [e["title"] for e in out["items"]] == [i.title for i in expected.items] and out["succeeded"] == 18


async def test_an_rss_feed(fake_backend):
    result = await call(fake_backend, "auto", "enhance_newsletter", {"raw": (FORMS / "ai-wire.rss").read_text()})
    out = result.structured_content
    assert (out["format"], out["source"], out["succeeded"]) == ("feed", "AI Wire", 5)
    assert [e["sponsored"] for e in out["items"]] == [False, False, False, True, False]


async def test_a_metadata_resource_is_a_tool_error_that_says_which_format_to_request(fake_backend):
    raw = json.dumps(resource(TLDR.read_bytes(), "metadata"))
    result = await call(fake_backend, "auto", "enhance_newsletter", {"raw": raw})
    assert result.is_error and "format=full" in text(result) and not fake_backend.calls


async def test_a_gmail_full_resource_sent_as_a_json_object(fake_backend):
    """Agents pass the resource their Gmail tool returned as it came: an object, not its text."""
    result = await call(fake_backend, "auto", "enhance_newsletter", {"raw": resource(TLDR.read_bytes())})
    assert not result.is_error, text(result)
    out = result.structured_content
    assert (out["format"], out["source"], out["succeeded"]) == ("email", "TLDR AI", 18)


async def test_feed_entries_keep_their_own_date_and_author(fake_backend):
    result = await call(fake_backend, "auto", "enhance_newsletter", {"raw": (FORMS / "ai-wire.rss").read_text()})
    expected = split_newsletter((FORMS / "ai-wire.rss").read_text()).items
    assert [(e["published"], e["author"]) for e in result.structured_content["items"]] == [
        (i.published, i.author) for i in expected]
    assert any(i.author for i in expected) and any(i.published for i in expected)


async def test_a_forwarded_newsletter_over_the_tool_names_the_original_and_the_list_numbers(fake_backend):
    """What the Gmail agent sends when a reader forwards a newsletter: the tool's answer says whose it
    is and keeps each headline's list number beside a clean title."""
    from test_newsletter_generalise import FORWARDED_TEXT, WANTED

    result = await call(fake_backend, "auto", "enhance_newsletter", {"raw": FORWARDED_TEXT})
    out = result.structured_content
    assert (out["source"], out["date"], out["forward"]) == ("Frontier Brief", "2026-09-15T07:05:00", "gmail")
    assert [(e["title"], e["sponsored"], e["number"]) for e in out["items"]] == WANTED
