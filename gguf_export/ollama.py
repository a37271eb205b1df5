"""Ollama Modelfiles written beside the exported GGUF files.

The template passes the prompt through untouched: callers send the text rendered by
news_core.prompt.render_prompt, as training did. BOS comes from the GGUF's add_bos_token, so
the template must not write it. Ollama's defaults would change greedy answers (repeat_penalty
1.1, temperature 0.8), so both are pinned.
"""

from __future__ import annotations

import os
from pathlib import Path

HEADER = """# {name} ({fmt}), written by `news-enhancer export`.
# Prompt: the raw text of news_core.prompt.render_prompt(item); no chat markup, no system prompt.
# Answer: one JSON line (relevance_score, summary, key_insights, company_names), then EOS.
"""
PARAMETERS = """TEMPLATE \"\"\"{{{{ .Prompt }}}}\"\"\"
PARAMETER temperature 0
PARAMETER top_k 1
PARAMETER repeat_penalty 1.0
PARAMETER stop "{eos}"
PARAMETER num_ctx {n_ctx}
PARAMETER num_predict {max_tokens}
"""


def modelfile_text(gguf: Path, fmt: str, name: str, eos: str, base: Path | None = None,
                   n_ctx: int = 2048, max_tokens: int = 384) -> str:
    """FROM the merged model, or FROM the base + ADAPTER the LoRA file for fmt == "lora"."""
    if fmt == "lora":
        if base is None:
            raise ValueError("a LoRA Modelfile needs the base GGUF path")
        source = f"FROM {_ref(base, gguf.parent)}\nADAPTER ./{gguf.name}\n"
    else:
        source = f"FROM ./{gguf.name}\n"
    return (HEADER.format(name=name, fmt=fmt) + source
            + PARAMETERS.format(eos=eos.replace('"', '\\"'), n_ctx=n_ctx, max_tokens=max_tokens))


def write_modelfile(gguf: Path, fmt: str, name: str, eos: str, base: Path | None = None) -> Path:
    path = gguf.parent / f"Modelfile.{fmt}"
    path.write_text(modelfile_text(gguf, fmt, name, eos, base), encoding="utf-8")
    return path


def _ref(path: Path, folder: Path) -> str:
    """A path as a Modelfile line names it: relative when it lies under the Modelfile's folder."""
    path = path.resolve()
    try:
        return "./" + str(path.relative_to(folder.resolve()))
    except ValueError:
        return os.fspath(path)
