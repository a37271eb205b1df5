"""Numbers and company names an annotation may state: only those its item's own text contains.

One definition, used by `data validate` (training_data), by the grounded-number decoder
(mcp_server/backends/grounding.py) and by the yardstick's invented-number share (evaluation).

A number is a run of ASCII digits with `.` or `,` between digits ("40", "3.5", "1,000"); commas are
dropped before comparing ("1,000" = "1000"), so a number is grounded when the same digits occur
as a number in the title or content. "$2 billion" holds the number 2, "GPT-4o" the number 4,
"H100" the number 100. Numbers are compared as written: a summary that rounds, converts or
computes ("about 1,000" from "987") states a number the text does not.
"""

from __future__ import annotations

import re
from typing import Iterable

NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)*")

# Product or unit names the item may name instead of the company (training_data/README.md,
# "Company names"): a company is grounded when its name or one of these occurs in the text.
PARENT_NAMES: dict[str, tuple[str, ...]] = {
    "Google": ("Gemini", "YouTube", "Android", "Gemma", "Waymo", "Chrome", "Bard"),
    "Google DeepMind": ("DeepMind",),
    "Anthropic": ("Claude",),
    "Meta": ("Llama", "Instagram", "WhatsApp", "Facebook"),
    "OpenAI": ("ChatGPT", "Sora", "Codex", "GPT-", "DALL-E"),
    "Microsoft": ("Copilot", "Azure", "Windows", "Bing", "Phi-"),
    "GitHub": ("Copilot",),
    "Alibaba": ("Qwen",),
    "xAI": ("Grok",),
    "Apple": ("iPhone", "Siri", "iOS", "macOS"),
    "Amazon": ("AWS", "Alexa", "Bedrock"),
    "AWS": ("Bedrock", "Amazon Web Services"),
    "Mistral AI": ("Mistral",),
    "Cursor": ("Anysphere",),
    "Qualcomm": ("Snapdragon",),
    "Figure AI": ("Figure",),
    "Snap": ("Snapchat",),
    "Epic Games": ("Epic",),
    "Rockstar Games": ("Rockstar",),
    "NBCUniversal": ("Universal",),
    # agencies as a newsletter names them
    "US Department of Defense": ("Defense Department", "Department of Defense", "Pentagon"),
    "US Justice Department": ("Justice Department", "Department of Justice"),
    "US Commerce Department": ("Commerce Department", "Department of Commerce"),
    "US Senate": ("Senate",),
}


def canonical(number: str) -> str:
    return number.replace(",", "")


def numbers(text: str) -> set[str]:
    """The numbers in `text`, commas dropped."""
    return {canonical(n) for n in NUMBER.findall(text)}


def ungrounded_numbers(claims: Iterable[str], text: str) -> list[str]:
    """Each number of the claims (summary, insights) that `text` does not contain, in order, repeats kept."""
    have = numbers(text)
    return [canonical(n) for claim in claims for n in NUMBER.findall(claim) if canonical(n) not in have]


def count_numbers(claims: Iterable[str]) -> int:
    return sum(len(NUMBER.findall(claim)) for claim in claims)


def company_grounded(name: str, text: str) -> bool:
    """Whether `text` names the company, by its name or one of its products or units (case-insensitive)."""
    folded = text.casefold()
    return name.casefold() in folded or any(alias.casefold() in folded for alias in PARENT_NAMES.get(name, ()))
