import json

from news_core.contract import FIELDS, parse
from news_core.items import MAX_CONTENT_CHARS, NewsItem, clip
from news_core.prompt import INSTRUCTIONS, render_completion, render_example, render_prompt

ITEM = NewsItem(title="**Big launch** 🚀", content="A lab shipped a model.\nIt is fast.", source="TLDR AI",
                published="2025-01-02", url="https://example.com/x")
META = {"relevance_score": 8, "summary": "A lab shipped a fast model.", "key_insights": ["Fast"], "company_names": ["Lab"]}


def test_instructions_come_first_and_item_last():
    prompt = render_prompt(ITEM)
    assert prompt.startswith(INSTRUCTIONS)
    assert prompt.endswith("Content: A lab shipped a model.\nIt is fast.\nJSON: ")
    assert "Title: **Big launch** 🚀\nSource: TLDR AI\nPublished: 2025-01-02\nContent: " in prompt


def test_the_url_is_not_shown_to_the_model():
    assert "example.com" not in render_prompt(ITEM)


def test_consecutive_prompts_share_the_instruction_prefix():
    other = render_prompt(NewsItem(title="Other", content="Else"))
    assert other.startswith(INSTRUCTIONS) and render_prompt(ITEM).startswith(INSTRUCTIONS)


def test_optional_fields_are_left_out_when_empty():
    prompt = render_prompt(NewsItem(title="T", content="C"))
    assert "Source:" not in prompt and "URL:" not in prompt and "Published:" not in prompt


def test_completion_is_canonical_json_in_contract_order():
    text = render_completion(META)
    assert list(json.loads(text)) == list(FIELDS)
    assert text == json.dumps({k: META[k] for k in FIELDS}, ensure_ascii=False)
    assert parse(text).relevance_score == 8


def test_example_equals_serving_prompt_byte_for_byte():
    prompt, completion = render_example(ITEM, META)
    assert prompt == render_prompt(ITEM)
    assert completion == render_completion(META)


def test_unicode_is_kept_not_escaped():
    assert "Zürich" in render_completion({**META, "company_names": ["Zürich AI"]})


def test_clip_flags_truncation():
    long_item = NewsItem(title="t", content="x" * (MAX_CONTENT_CHARS + 10))
    clipped, cut = clip(long_item)
    assert cut and len(clipped.content) == MAX_CONTENT_CHARS
    assert clip(ITEM) == (ITEM, False)


def test_published_date_times_reach_the_prompt_as_dates_like_the_training_data():
    from news_core.items import item_date

    assert item_date("2025-06-11T13:40:02+00:00") == "2025-06-11"
    assert item_date("2025-06-11 23:59") == "2025-06-11"
    assert item_date("Wed, 11 Jun 2025 23:40:02 -0700") == "2025-06-11"  # its own time zone, as the importer
    assert item_date("2025-06-11") == "2025-06-11"
    for kept in ("", "June 2025", "2025-02-30", "yesterday"):
        assert item_date(kept) == kept
    item = NewsItem(title="t", content="c", published="2025-06-11T13:40:02+00:00")
    assert "Published: 2025-06-11\n" in render_prompt(item)
