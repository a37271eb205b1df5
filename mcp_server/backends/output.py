"""Model text -> validated metadata, shared by the backends that do not decode in-process with llama.cpp."""

from __future__ import annotations

import json

from news_core.contract import NewsMetadata, normalise, validate
from news_core.errors import ContractError, ModelError


def parse_output(text: str) -> NewsMetadata:
    """Parse, normalise and validate one answer; ModelError (quoting the raw text) when it is not valid."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelError(f"the model produced no valid JSON ({exc.msg}); raw output: {text[:300]!r}", text) from exc
    if not isinstance(doc, dict):
        raise ModelError(f"the model produced a JSON {type(doc).__name__}, not an object; raw output: {text[:300]!r}", text)
    try:
        return validate(normalise(doc))
    except ContractError as exc:
        raise ModelError(f"the model produced no valid result ({exc}); raw output: {text[:300]!r}", text) from exc
