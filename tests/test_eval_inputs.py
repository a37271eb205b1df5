"""`eval score` reads prediction files written by other tools (lenient reading).

Integral floats are integers, numeric-string scores are read as numbers and named in a warning,
a bad line becomes its item's invalid prediction with one warning, and strict refuses the file.
"""

from __future__ import annotations

import json
import logging

import pytest
from test_eval_fakes import doc, write_jsonl

from evaluation.inputs import load_predictions, load_references, parse_output, prediction_from_row
from evaluation.lenient import integral_number, read_score, recover_id
from news_core.errors import InputError
from news_core.prompt import render_completion

INSIGHTS = ["AI Model", "GitHub Repo"]


def messy_file(tmp_path):
    """One line of each kind another tool may write; line numbers matter to the warnings."""
    lines = [
        json.dumps({"id": "a", **doc(9.0, "", INSIGHTS), "is_valid_json": True, "example_id": 0}),  # 1: 9.0, flagged valid
        json.dumps({"id": "b", "output": '{"summary": "", "key_insights": [], "company_names": [], "relevance_score": 7.0}'}),
        json.dumps({"id": "c", **doc("6")}),  # 3: numeric string
        '{"id": "d", "output": "{\\"relevance_score\\": 4, \\"summ',  # 4: cut off: not JSON
        json.dumps({"id": "e", "relevance_score": 5, "summary": "x"}),  # 5: fields missing
        "[1, 2]",  # 6: not an object, no id
        json.dumps({"id": "a", **doc(2)}),  # 7: repeated id
        json.dumps({"id": 8, **doc(3)}),  # 8: integer id, as the study writes them
    ]
    path = tmp_path / "preds.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def warnings_of(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


def test_integral_floats_count_as_integers():
    pred = prediction_from_row({"id": "a", **doc(9.0, "s", ["x"]), "is_valid_json": True}, strict=True)
    assert pred.is_valid and pred.doc["relevance_score"] == 9 and type(pred.doc["relevance_score"]) is int
    assert '"relevance_score": 9}' in pred.text and not pred.notes
    out = parse_output(render_completion(doc(9, "s")).replace(": 9}", ": 9.0}"), strict=True)
    assert out == doc(9, "s") and type(out["relevance_score"]) is int
    assert not prediction_from_row({"id": "a", **doc(8.5), "is_valid_json": False}).is_valid
    with pytest.raises(ValueError, match="relevance_score"):  # flagged valid, but not an integer
        prediction_from_row({"id": "a", **doc(8.5), "is_valid_json": True})


def test_numeric_strings_are_read_as_numbers_unless_strict():
    assert [integral_number(t) for t in ("9", " 9 ", "9.0", "8.5", "nine", "nan", "")] == [9, 9, 9, None, None, None, None]
    assert read_score(doc("9"))[0]["relevance_score"] == 9 and read_score(doc("9"))[1]
    assert read_score(doc("9"), strict=True) == (doc("9"), [])
    pred = prediction_from_row({"id": "a", **doc("9", "s")})
    assert pred.is_valid and pred.doc["relevance_score"] == 9 and "'9' was read as 9" in pred.notes[0]
    raw = prediction_from_row({"id": "a", "output": json.dumps(doc("10"))})
    assert raw.is_valid and raw.doc["relevance_score"] == 10 and raw.notes
    assert not prediction_from_row({"id": "a", "output": json.dumps(doc("10"))}, strict=True).is_valid
    assert not prediction_from_row({"id": "a", **doc("11")}).is_valid  # read as 11: out of range


def test_a_bad_line_costs_only_its_item_with_one_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING):
        preds = load_predictions(messy_file(tmp_path))
    assert sorted(preds) == ["8", "a", "b", "c", "d", "e"]
    assert preds["a"].is_valid and preds["a"].doc == doc(9, "", INSIGHTS)  # the first "a" is kept
    assert preds["b"].doc["relevance_score"] == 7 and preds["c"].doc["relevance_score"] == 6
    assert not preds["d"].is_valid and not preds["e"].is_valid and preds["8"].is_valid
    bad, numeric = warnings_of(caplog)
    assert "4 bad line(s)" in bad
    for line in ("line 4: not valid JSON", "line 5: key_insights, company_names: missing",
                 "line 6: <line>: must be a JSON object; no id could be read", "line 7: id 'a' appears more than once"):
        assert line in bad
    assert "line 1" not in bad and "line 3" not in bad
    assert "1 line(s)" in numeric and "line 3: relevance_score: the string '6' was read as 6" in numeric


def test_strict_refuses_the_file_as_before(tmp_path):
    with pytest.raises(InputError, match=r"preds.jsonl:4: not valid JSON"):
        load_predictions(messy_file(tmp_path), strict=True)
    rows = [{"id": "a", **doc(9.0), "is_valid_json": True}, {"id": "b", **doc("6"), "is_valid_json": True},
            {"id": "c", "relevance_score": 5}]
    with pytest.raises(InputError, match="2 bad line") as err:
        load_predictions(write_jsonl(tmp_path / "p.jsonl", rows), strict=True)
    assert ":2: relevance_score" in str(err.value) and ":3: summary" in str(err.value)  # 9.0 on line 1 is fine
    assert load_predictions(write_jsonl(tmp_path / "ok.jsonl", rows[:1]), strict=True)["a"].doc["relevance_score"] == 9


def test_ids_in_broken_lines_and_integer_ids():
    assert recover_id('{"id": "2025-01-x", "output": "{') == "2025-01-x"
    assert recover_id('{"example_id": 3, "id": 26, "relev') == "26"
    assert recover_id('{"output": "no id') is None
    assert prediction_from_row({"id": 0, **doc(2)}).id == "0"
    with pytest.raises(ValueError, match="id"):
        prediction_from_row({"id": True, **doc(2)})


def test_study_shaped_references_with_integer_ids_and_float_scores(tmp_path):
    refs = load_references(write_jsonl(tmp_path / "r.jsonl", [{"id": 26, "example_id": 26, **doc(10.0), "is_valid_json": True}]))
    assert refs[0].id == "26" and refs[0].doc["relevance_score"] == 10
    with pytest.raises(InputError, match="relevance_score"):  # references stay exact: a string score is refused
        load_references(write_jsonl(tmp_path / "s.jsonl", [{"id": 1, **doc("10")}]))
