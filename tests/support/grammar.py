"""The production completion grammar with tighter bounds, so that an untrained base model answers
in few tokens: tests and benchmarks exercise the real machinery without waiting on long answers."""

from __future__ import annotations

from news_core.contract import MAX_INSIGHTS
from news_core.grammar import COMPANY_CHARS, GRAMMAR_MAX_COMPANIES, INSIGHT_CHARS, SUMMARY_CHARS, completion_grammar


def quick_grammar(summary_chars: int = 60, insight_chars: int = 40, insights: int = 2,
                  company_chars: int = 30, companies: int = 3) -> str:
    """The production grammar with smaller caps (same layout, same rules, still schema-valid)."""
    text = completion_grammar()
    swaps = {
        f"char{{0,{SUMMARY_CHARS}}}": f"char{{0,{summary_chars}}}",
        f"solid char{{0,{INSIGHT_CHARS - 1}}}": f"solid char{{0,{insight_chars - 1}}}",
        f"solid char{{0,{COMPANY_CHARS - 1}}}": f"solid char{{0,{company_chars - 1}}}",
        f'(", " insight){{0,{MAX_INSIGHTS - 1}}}': f'(", " insight){{0,{insights - 1}}}',
        f'(", " company){{0,{GRAMMAR_MAX_COMPANIES - 1}}}': f'(", " company){{0,{companies - 1}}}',
    }
    for old, new in swaps.items():
        if text.count(old) != 1:
            raise AssertionError(f"the completion grammar changed: {old!r} found {text.count(old)} times")
        text = text.replace(old, new)
    return text


def tight_grammar() -> str:
    """quick_grammar at its smallest caps: a 10-character summary, one short insight, one company;
    about 40 tokens an answer, most of them the layout's own. For llama.cpp's server, whose grammar check
    over Gemma's 262k-token vocabulary costs about 0.1 s a token on 2 cores."""
    return quick_grammar(summary_chars=10, insight_chars=12, insights=1, company_chars=12, companies=1)
