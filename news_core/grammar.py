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


# The completion's fixed skeleton, in order: literal text, or a slot the model fills.
_LAYOUT = ('{"summary": ', "string", ', "key_insights": ', "list", ', "company_names": ', "list",
           ', "relevance_score": ', "score", "}")
_OPENS = {"string": '"', "list": "["}


def forced_continuation(text: str) -> tuple[str, bool]:
    """What the grammar forces next after the completion prefix `text`: (forced text, whether
    the model's next token may merge with its end). ("", False) when the model chooses next.

    Follows the layout `completion_grammar` admits: keys and separators, a string's opening
    quote, a list's `[` and the `, "` between elements are forced; string contents, `]` against
    `, ` and the score are the model's. Only the score follows its forced text unmerged
    (digits are single tokens). Text off the layout gives ("", False)."""
    pos = 0
    for index, part in enumerate(_LAYOUT):
        if part == "score":
            return "", False
        if part in _OPENS:
            if pos == len(text):
                return _OPENS[part], True
            pos = _string_end(text, pos) if part == "string" else _list_end(text, pos)
            if isinstance(pos, str) or pos is None:
                return (pos, True) if pos else ("", False)
            continue
        rest = text[pos:pos + len(part)]
        if not part.startswith(rest):
            return "", False
        if len(rest) < len(part):
            following = _LAYOUT[index + 1]
            return part[len(rest):] + _OPENS.get(following, ""), following != "score"
        pos += len(part)
    return "", False


def _string_end(text: str, pos: int) -> int | None:
    """Position after the JSON string that opens at `pos`; None while it is still open."""
    i = pos + 1
    while i < len(text):
        if text[i] == "\\":
            i += 2
        elif text[i] == '"':
            return i + 1
        else:
            i += 1
    return None


def _list_end(text: str, pos: int) -> int | str | None:
    """For the list that opens at `pos`: the position after its `]`; or the text forced inside
    it now (the rest of `, "`); or None when the model chooses next."""
    i = pos + 1
    while i < len(text) and text[i] != "]":
        end = _string_end(text, i) if text[i] == '"' else None
        if end is None or end == len(text):
            return None  # inside an element, or just after one (`, ` or `]` next)
        i = end
        separator = text[i:i + 3]
        if text[i] == "]":
            break
        if not ', "'.startswith(separator):
            return None
        if len(separator) < 3:
            return ', "'[len(separator):]
        i += 2
    return i + 1 if i < len(text) else None
