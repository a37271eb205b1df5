import json

import pytest

from news_core.contract import OUTPUT_SCHEMA, NewsMetadata, normalise, parse, schema_errors, validate
from news_core.errors import ContractError

GOOD = {"relevance_score": 7, "summary": "A thing happened.", "key_insights": ["One", "Two"], "company_names": ["OpenAI"]}


def test_valid_document_passes_schema_and_model():
    assert schema_errors(GOOD) == []
    assert validate(GOOD) == NewsMetadata(**GOOD)


@pytest.mark.parametrize(
    "change",
    [
        {"relevance_score": 0},
        {"relevance_score": 11},
        {"relevance_score": 7.5},
        {"relevance_score": "7"},
        {"relevance_score": True},
        {"summary": "x" * 1001},
        {"summary": None},
        {"key_insights": ["a"] * 11},
        {"key_insights": [""]},
        {"key_insights": ["   "]},
        {"key_insights": "not a list"},
        {"company_names": ["OpenAI", "OpenAI"]},
        {"company_names": [""]},
        {"extra_field": 1},
    ],
)
def test_invalid_documents_are_rejected_by_schema_and_model(change):
    doc = {**GOOD, **change}
    assert schema_errors(doc), f"schema accepted {change}"
    with pytest.raises(ContractError):
        validate(doc)
    with pytest.raises(Exception):
        NewsMetadata.model_validate(doc)


def test_missing_field_is_rejected():
    for key in GOOD:
        doc = {k: v for k, v in GOOD.items() if k != key}
        with pytest.raises(ContractError, match=key):
            validate(doc)


def test_empty_summary_and_lists_are_allowed():
    validate({"relevance_score": 1, "summary": "", "key_insights": [], "company_names": []})


def test_parse_reports_invalid_json_clearly():
    with pytest.raises(ContractError, match="not valid JSON"):
        parse("relevance: 5")
    assert parse(json.dumps(GOOD)).relevance_score == 7


def test_pydantic_schema_matches_json_schema_fields():
    model_schema = NewsMetadata.model_json_schema()
    assert set(model_schema["properties"]) == set(OUTPUT_SCHEMA["properties"])
    assert set(model_schema["required"]) == set(OUTPUT_SCHEMA["required"])


def test_normalise_trims_and_deduplicates_without_touching_score():
    doc = normalise({"relevance_score": 3, "summary": "  s ", "key_insights": [" a", "a", " "], "company_names": ["X", "X ", ""]})
    assert doc == {"relevance_score": 3, "summary": "s", "key_insights": ["a"], "company_names": ["X"]}
    validate(doc)
