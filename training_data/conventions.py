"""Dataset conventions that the schema cannot express (checked by `news-enhancer data validate`)."""

from __future__ import annotations

from news_core.facts import company_grounded, ungrounded_numbers

from .records import Record

SPONSOR_TAG = "(Sponsor)"
# Spellings seen in the wild -> the canonical company name (see training_data/README.md).
CANONICAL_COMPANIES = {
    "Open AI": "OpenAI",
    "Openai": "OpenAI",
    "Google Deepmind": "Google DeepMind",
    "DeepMind": "Google DeepMind",
    "Deepmind": "Google DeepMind",
    "Facebook": "Meta",
    "Meta AI": "Meta",
    "Meta Platforms": "Meta",
    "NVIDIA": "Nvidia",
    "nVidia": "Nvidia",
    "Amazon Web Services": "AWS",
    "Mistral": "Mistral AI",
    "Anysphere": "Cursor",
    "HuggingFace": "Hugging Face",
    "XAI": "xAI",
    "X.AI": "xAI",
    "Deepseek": "DeepSeek",
    "Bytedance": "ByteDance",
    "Moonshot": "Moonshot AI",
    "Figure": "Figure AI",
    "Github": "GitHub",
    "Stability": "Stability AI",
    "Anthropic PBC": "Anthropic",
}


def plain_title(title: str) -> str:
    """The title without markdown bold markers and surrounding whitespace."""
    return title.replace("**", "").replace("__", "").strip()


def convention_problems(record: Record) -> list[tuple[str, str]]:
    """(field, message) for each convention the record breaks."""
    problems = []
    tagged = plain_title(record.title).endswith(SPONSOR_TAG)
    if record.sponsored and not tagged:
        problems.append(("title", f"sponsored item: the title must end with ' {SPONSOR_TAG}'"))
    if tagged and not record.sponsored:
        problems.append(("sponsored", f"the title ends with '{SPONSOR_TAG}' but sponsored is false"))
    if record.sponsored and record.annotation.relevance_score != 1:
        problems.append(
            ("annotation.relevance_score", f"sponsored item: must be 1, got {record.annotation.relevance_score}")
        )
    for name in record.annotation.company_names:
        if name in CANONICAL_COMPANIES:
            problems.append(("annotation.company_names", f"write {CANONICAL_COMPANIES[name]!r}, not {name!r}"))
    return problems + grounding_problems(record)


def grounding_problems(record: Record) -> list[tuple[str, str]]:
    """Numbers and companies the annotation states that the item's title and content do not
    (news_core/facts.py: numbers as written, companies by name or a listed product or unit)."""
    text = f"{record.title}\n{record.content}"
    notes = record.annotation
    problems = [(field, f"the number {number} does not occur in the title or content")
                for field, claims in (("annotation.summary", [notes.summary]),
                                      ("annotation.key_insights", notes.key_insights))
                for number in dict.fromkeys(ungrounded_numbers(claims, text))]
    problems += [("annotation.company_names", f"{name!r} is not named in the title or content (nor a product "
                  "or unit listed for it in news_core/facts.py)")
                 for name in notes.company_names if not company_grounded(name, text)]
    return problems
