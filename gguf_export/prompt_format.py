"""The prompt format an exported model carries, so llama.cpp and Ollama prompt it as training did.

Training feeds `news_core.prompt.render_prompt(item)` as raw text after one BOS token, and
the model answers with the canonical JSON line followed by EOS. There is no chat markup: the
exported chat template renders a single user message (the rendered prompt) as itself.
"""

from __future__ import annotations

from gguf import GGUFValueType

from news_core.prompt import RESPONSE_MARKER

# bos_token is written by the template because llama-cpp-python's Jinja formatter adds no BOS
# itself; llama.cpp's server strips a leading BOS from the rendered text before adding its own.
CHAT_TEMPLATE = (
    "{%- if messages | length != 1 or messages[0]['role'] != 'user' -%}"
    "{{ raise_exception('news-enhancer models take exactly one user message: the prompt rendered by "
    "news_core.prompt.render_prompt') }}"
    "{%- endif -%}"
    "{{ bos_token }}{{ messages[0]['content'] }}"
)
DESCRIPTION = (
    "news-enhancer: raw-text prompt from news_core.prompt.render_prompt (instructions, the item, "
    f"then {RESPONSE_MARKER!r}); BOS added once by the tokenizer; the answer is one JSON line "
    "(relevance_score, summary, key_insights, company_names) ended by EOS. Greedy decoding."
)


def prompt_metadata() -> list[tuple[str, object, GGUFValueType, None]]:
    """Key/values written into merged models (they replace the base's)."""
    return [
        ("tokenizer.chat_template", CHAT_TEMPLATE, GGUFValueType.STRING, None),
        ("tokenizer.ggml.add_bos_token", True, GGUFValueType.BOOL, None),
        ("tokenizer.ggml.add_eos_token", False, GGUFValueType.BOOL, None),
        ("general.description", DESCRIPTION, GGUFValueType.STRING, None),
    ]


REPLACED_KEYS = tuple(key for key, *_ in prompt_metadata())
