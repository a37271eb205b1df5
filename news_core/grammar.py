"""GBNF grammar for the canonical completion, built from the contract's limits.

It admits exactly the layout `render_completion` writes (json.dumps, fixed key order, ", " and
": " separators), so the model never spends tokens on whitespace and training and serving agree.
Bounds are stricter than the schema where that keeps generation short; everything it admits
passes the schema once `contract.normalise` has removed repeated company names.
The score is an alternation, not a numeric range: llama.cpp's converter ignores min/max.
"""

from __future__ import annotations

from .contract import MAX_INSIGHTS

# Caps on generation only (the schema allows more); they bound a runaway base model.
SUMMARY_CHARS = 300
INSIGHT_CHARS = 120
COMPANY_CHARS = 60
GRAMMAR_MAX_COMPANIES = 10


def _list_rule(name: str, item: str, max_items: int) -> str:
    return f'{name} ::= "[]" | "[" {item} (", " {item}){{0,{max_items - 1}}} "]"'


def completion_grammar() -> str:
    """The GBNF text; root is the whole completion."""
    return "\n".join(
        [
            'root ::= "{\\"summary\\": " summary ", \\"key_insights\\": " insights '
            '", \\"company_names\\": " companies ", \\"relevance_score\\": " score "}"',
            'score ::= "10" | [1-9]',
            f'summary ::= "\\"" char{{0,{SUMMARY_CHARS}}} "\\""',
            f'insight ::= "\\"" solid char{{0,{INSIGHT_CHARS - 1}}} "\\""',
            f'company ::= "\\"" solid char{{0,{COMPANY_CHARS - 1}}} "\\""',
            _list_rule("insights", "insight", MAX_INSIGHTS),
            _list_rule("companies", "company", GRAMMAR_MAX_COMPANIES),
            # A string must start with a visible character, so it can never be blank.
            'solid ::= [^"\\\\\\x00-\\x20] | escape',
            'char ::= [^"\\\\\\x00-\\x1F] | escape',
            'escape ::= "\\\\" (["\\\\/bfnrt] | "u" [0-9a-fA-F]{4})',
        ]
    )
