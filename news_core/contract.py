"""The output contract: one JSON Schema and one pydantic model, used by every package.

Serving, training, evaluation and export import these names; nothing else defines the shape.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import jsonschema
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from .errors import ContractError

# Canonical order of the completion: the score comes last, after the model has written what the
# item is (an ad, a funding round...); scored first it collapsed to 6-7 (relevance MAE 2.00 -> 1.44).
FIELDS = ("summary", "key_insights", "company_names", "relevance_score")
MAX_SUMMARY_CHARS = 1000
MAX_INSIGHTS = 10

OUTPUT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "NewsItemMetadata",
    "type": "object",
    "properties": {
        "summary": {"type": "string", "maxLength": MAX_SUMMARY_CHARS, "description": "One sentence; may be empty."},
        "key_insights": {
            "type": "array",
            "maxItems": MAX_INSIGHTS,
            "items": {"type": "string", "minLength": 1, "pattern": r"\S"},
            "description": "Main takeaways.",
        },
        "company_names": {
            "type": "array",
            "uniqueItems": True,
            "items": {"type": "string", "minLength": 1, "pattern": r"\S"},
            "description": "Organisations named in the item.",
        },
        "relevance_score": {
            "type": "integer",
            "minimum": 1,
            "maximum": 10,
            "description": "How much the item matters to someone tracking the AI industry (1-10).",
        },
    },
    "required": list(FIELDS),
    "additionalProperties": False,
}

_VALIDATOR = jsonschema.Draft202012Validator(OUTPUT_SCHEMA)
NonEmpty = Annotated[str, StringConstraints(min_length=1, pattern=r"\S")]


class NewsMetadata(BaseModel):
    """The structured metadata for one newsletter item (mirrors OUTPUT_SCHEMA)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    summary: str = Field(max_length=MAX_SUMMARY_CHARS, description="One sentence; may be empty.")
    key_insights: list[NonEmpty] = Field(max_length=MAX_INSIGHTS, description="Main takeaways.")
    company_names: list[NonEmpty] = Field(description="Organisations named in the item, each once.")
    relevance_score: int = Field(ge=1, le=10, description=OUTPUT_SCHEMA["properties"]["relevance_score"]["description"])

    @field_validator("company_names")
    @classmethod
    def _unique(cls, names: list[str]) -> list[str]:
        if len(set(names)) != len(names):
            raise ValueError("company_names must be unique")
        return names


def schema_errors(doc: Any) -> list[str]:
    """All schema violations of `doc`, as readable strings (empty when valid)."""
    errors = sorted(_VALIDATOR.iter_errors(doc), key=lambda e: list(e.path))
    return [f"{'/'.join(map(str, e.path)) or '<root>'}: {e.message}" for e in errors]


def validate(doc: Any) -> NewsMetadata:
    """Check `doc` against the JSON Schema and return the pydantic model, or raise ContractError."""
    problems = schema_errors(doc)
    if problems:
        raise ContractError("output does not follow the contract: " + "; ".join(problems))
    return NewsMetadata.model_validate(doc)


def parse(text: str) -> NewsMetadata:
    """Model text -> normalised, validated metadata, or ContractError. The one parser of answers."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ContractError(f"output is not valid JSON ({exc.msg} at position {exc.pos})") from exc
    if not isinstance(doc, dict):
        raise ContractError(f"output is a JSON {type(doc).__name__}, not an object")
    return validate(normalise(doc))


def normalise(doc: dict[str, Any]) -> dict[str, Any]:
    """Repair what the grammar cannot express: trim strings, drop empty and repeated names.

    Used on model output and on imported annotations; never changes the score.
    """
    out = dict(doc)
    if isinstance(out.get("summary"), str):
        out["summary"] = out["summary"].strip()[:MAX_SUMMARY_CHARS]
    for key in ("key_insights", "company_names"):
        if isinstance(out.get(key), list):
            seen: list[str] = []
            for value in out[key]:
                if isinstance(value, str) and value.strip() and value.strip() not in seen:
                    seen.append(value.strip())
            out[key] = seen[:MAX_INSIGHTS] if key == "key_insights" else seen
    return out
