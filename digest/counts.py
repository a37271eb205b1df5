"""Topics and companies, counted by story: a story that three newsletters carried counts once.

Topics come from the items' key_insights, without a model: the content words and two-word phrases
that the insights of at least MIN_STORIES stories share. A word is left out when a phrase that holds
it is counted for as many stories (the phrase says more), and so are company names (they have a
table of their own) and everyday English words (the EVERYDAY_WORDS most frequent words of the shipped
list in news_core/words.py: exactly those with a wordfreq Zipf frequency of 5.4 or more: "long",
"support", "year", which insights use on any subject; "model" and "data", at 5.1 and 5.3, stay).
Companies come from company_names, matched case-insensitively and shown in
their most frequent spelling.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from news_core.words import common_words

from .stories import STOP, WORD

MIN_STORIES = 2
EVERYDAY_WORDS = 394  # the first word of the list below Zipf 5.4 is its 395th ('almost', 5.39)
MAX_TOPICS = 15
MAX_COMPANIES = 20


# Words of reporting, not of a subject.
VERBS = frozenset("""announced announces argues added adds built claims compared launched launches made makes
released releases reports runs said says shows shown shared uses used using""".split())


def fold(word: str) -> str:
    """A crude plural fold ('models' -> 'model'), so one topic is not counted twice."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith(("ss", "is", "us")) else word


@cache
def _everyday() -> frozenset[str]:
    return frozenset(common_words(EVERYDAY_WORDS))


def everyday(word: str) -> bool:
    return word in _everyday()


def terms(text: str) -> set[str]:
    """The content words (four letters or more, or with a digit) and two-word phrases of `text`."""
    tokens = [fold(t) for t in WORD.findall(text.lower()) if t not in VERBS]
    found = {t for t in tokens if t not in STOP and (len(t) >= 4 or any(c.isdigit() for c in t)) and not everyday(t)}
    found |= {f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if a not in STOP and b not in STOP
              and len(a) > 1 and len(b) > 1}
    return found


def topics(stories: list[dict], items: dict[str, dict], company_words: set[str]) -> list[dict]:
    """[{topic, stories, items}] most stories first; `stories` as build makes them."""
    behind: dict[str, list[str]] = {}
    for story in stories:
        found = set()
        for item_id in story["items"]:
            for insight in (items[item_id].get("metadata") or {}).get("key_insights", []):
                found |= terms(insight)
        for term in found - company_words:
            behind.setdefault(term, []).append(story["id"])
    kept = {term: ids for term, ids in behind.items() if len(ids) >= MIN_STORIES}
    phrases = [term for term in kept if " " in term]
    kept = {term: ids for term, ids in kept.items()
            if " " in term or not any(term in p.split() and len(kept[p]) == len(ids) for p in phrases)}
    ranked = sorted(kept.items(), key=lambda pair: (-len(pair[1]), pair[0]))[:MAX_TOPICS]
    return [{"topic": term, "stories": ids} for term, ids in ranked]


def companies(stories: list[dict], items: dict[str, dict]) -> list[dict]:
    """[{name, stories}] most stories first, each name in its most frequent spelling."""
    spellings: dict[str, Counter] = {}
    behind: dict[str, list[str]] = {}
    for story in stories:
        seen = set()
        for item_id in story["items"]:
            for name in (items[item_id].get("metadata") or {}).get("company_names", []):
                key = " ".join(name.split()).casefold()
                if not key:
                    continue
                spellings.setdefault(key, Counter())[name.strip()] += 1
                if key not in seen:
                    seen.add(key)
                    behind.setdefault(key, []).append(story["id"])
    named = [(min(spellings[key], key=lambda s: (-spellings[key][s], s)), ids) for key, ids in behind.items()]
    ranked = sorted(named, key=lambda pair: (-len(pair[1]), pair[0].casefold(), pair[0]))[:MAX_COMPANIES]
    return [{"name": name, "stories": ids} for name, ids in ranked]


def company_words(found: list[dict]) -> set[str]:
    """The words of the companies' names, so that a topic is not a company again."""
    return {word for company in found for word in WORD.findall(company["name"].lower())} | \
        {company["name"].lower() for company in found}
