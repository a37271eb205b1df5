"""Pydantic validation errors as one plain sentence: the field, what it must be, what it was."""

from __future__ import annotations

from pydantic import ValidationError

_MUST_BE = {
    "string_type": "must be a string", "list_type": "must be a list", "dict_type": "must be an object",
    "model_type": "must be an object", "model_attributes_type": "must be an object", "int_type": "must be an integer",
    "int_parsing": "must be an integer", "float_type": "must be a number", "float_parsing": "must be a number",
    "bool_type": "must be true or false", "bool_parsing": "must be true or false",
    "missing": "is required", "extra_forbidden": "is not an accepted field",
}
_JSON_KINDS = ((bool, "a boolean"), (int, "an integer"), (float, "a number"), (str, "a string"), (list, "a list"),
               (tuple, "a list"), (dict, "an object"), (type(None), "null"))


def json_kind(value) -> str:
    return next((name for kind, name in _JSON_KINDS if isinstance(value, kind)), type(value).__name__)


def problems(exc: ValidationError) -> str:
    """'title must be a string, not an integer; items is required' - no values, no internal URLs."""
    parts: list[str] = []
    for error in exc.errors(include_url=False):
        where = ".".join(str(part) for part in error["loc"]) or "the value"
        rule = _MUST_BE.get(error["type"])
        if rule is None:
            text = f"{where}: {error['msg'][:200]}"
        elif error["type"].endswith(("_type", "_parsing")):
            text = f"{where} {rule}, not {json_kind(error.get('input'))}"
        else:
            text = f"{where} {rule}"
        if text not in parts:
            parts.append(text)
    return "; ".join(parts)
