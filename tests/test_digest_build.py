"""The model-free digest (digest/): stories, periods, counts, the Markdown, on the sample
newsletters with the fake model's answers (the model is not the point here)."""

import time
from datetime import date
from itertools import combinations

import pytest

from digest_support import PLANTED, SPONSORED, planted_word, sample_digest

from digest import Letter, Options, build_digest, render_markdown
from digest.collect import read_sources
from digest.periods import period_key
from digest.stories import TEXT_JACCARD, Features, group, same_story, similarity, words
from digest_support import ROOT, SAMPLES


def sample_lines():
    return [line for letter in read_sources([str(SAMPLES)]) for line in letter.lines if not line["sponsored"]]


def test_the_thresholds_keep_the_planted_duplicates_apart_from_the_rest():
    lines = sample_lines()
    features = [Features(line["title"], line["content"], line["url"]) for line in lines]
    planted, other = [], []
    for i, j in combinations(range(len(lines)), 2):
        a, b = planted_word(lines[i]["title"]), planted_word(lines[j]["title"])
        (planted if a and a == b else other).append((i, j))
    assert {planted_word(lines[i]["title"]) for i, _ in planted} == PLANTED
    assert all(same_story(features[i], features[j]) for i, j in planted)
    assert not any(same_story(features[i], features[j]) for i, j in other)
    texts = sorted(similarity(features[i], features[j])[1] for i, j in other)
    assert texts[-1] < TEXT_JACCARD  # the nearest different stories (0.21 when measured) stay under it
    linked_apart = [similarity(features[i], features[j])[1] for i, j in planted
                    if features[i].page != features[j].page]
    assert min(linked_apart) >= TEXT_JACCARD
    print(f"\nplanted under different links: text Jaccard {min(linked_apart):.2f}..{max(linked_apart):.2f}; "
          f"other pairs ..{texts[-1]:.2f}")


@pytest.mark.slow  # (it splits every text part of the corpus, which grows with each blind set: make test holds it)
def test_grouping_the_fixture_corpus_carried_three_times_is_quick_and_merges_each_copy():
    """Every item of the fixture corpus (other layouts than the samples) as three newsletters would carry it.
    Titles with fewer than two content words are left out: two titles must share two to merge, and the
    corpus's text parts still yield a few such scraps (a caption, a poll answer) that are no story; an item
    the same newsletter prints twice word for word is counted once."""
    paths = sorted(str(p) for p in (ROOT / "tests" / "fixtures" / "newsletters").glob("*/*/newsletter.txt"))
    found = [line for letter in read_sources(paths) for line in letter.lines if len(words(line["title"])) >= 2]
    lines = list({(line["title"], line["content"], line["url"]): line for line in found}.values())
    many = [Features(f"{line['title']} {tag}", line["content"], line["url"] + tag)
            for tag in ("", "/a", "/b") for line in lines]
    start = time.process_time()  # CPU time: the machine is shared (parallel test workers), wall time says little
    groups = group(many)
    took = time.process_time() - start
    print(f"\ngrouping {len(many)} items: {took:.2f} s")
    assert took < 5.0
    where = {i: n for n, members in enumerate(groups) for i in members}
    assert all(where[i] == where[i + len(lines)] == where[i + 2 * len(lines)] for i in range(len(lines)))


def test_a_digest_of_the_samples_lists_every_item_merges_the_planted_duplicates_and_leaves_sponsors_out():
    letters, digest = sample_digest()
    split = [(letter.name, line["id"]) for letter in letters for line in letter.lines]
    assert [(item["newsletter"], item["id"]) for item in digest["items"]] == split
    assert digest["read"]["items"] == len(split) == digest["read"]["enhanced"]
    (period,) = digest["periods"]
    assert period["key"] == "2025-W24" and digest["read"]["sponsored"] == SPONSORED
    items = {item["id"]: item for item in digest["items"]}
    merged = [story for story in period["stories"] if len(story["items"]) > 1]
    assert sorted(planted_word(story["title"]) for story in merged) == sorted(PLANTED)
    assert all(len({planted_word(items[i]["title"]) for i in story["items"]}) == 1 for story in merged)
    stories = {story["id"]: story for story in period["stories"]}
    top_items = [i for story_id in period["top"] for i in stories[story_id]["items"]]
    assert len(period["top"]) == 10 and not any(items[i]["sponsored"] for i in top_items)
    assert sorted(period["sponsored"]) == sorted(i for i, item in items.items() if item["sponsored"])
    markdown = render_markdown(digest)
    by_newsletter = markdown.split("### By newsletter", 1)[1]
    assert all(f"[{item['title']}]" in by_newsletter.replace("\\", "") for item in digest["items"])


def test_day_periods_and_the_dates_asked_for():
    options = Options(period="day", since=date(2025, 6, 11), until=date(2025, 6, 12))
    _, digest = sample_digest(options)
    assert [p["key"] for p in digest["periods"]] == ["2025-06-11", "2025-06-12"]
    outside = [item for item in digest["items"] if item["status"] == "outside_dates"]
    assert {item["date"] for item in outside} == {"2025-06-10", "2025-06-13"}
    assert digest["read"]["outside_dates"] == len(outside) > 0
    assert digest["read"]["items"] == sum(p["read"]["items"] for p in digest["periods"]) + len(outside)
    assert period_key(date(2025, 12, 29), "week") == "2026-W01"  # ISO weeks cross the year


def test_errors_are_listed_never_lost():
    bad = Letter("bad.eml", error="raw must be the newsletter as text")
    empty = Letter("empty.txt", reason="no item found: one paragraph of prose")
    undated = Letter("undated.md", subject="Notes", lines=[
        {"id": "undated.md:nl-1", "title": "A | b *c*", "content": "x", "url": "", "source": "", "published": "",
         "subject": "Notes", "section": None, "sponsored": False, "read_time": None, "author": None},
        {"id": "undated.md:nl-2", "title": "Second", "content": "y", "url": "", "source": "", "published": "",
         "subject": "Notes", "section": None, "sponsored": False, "read_time": None, "author": None}])
    outcomes = {"undated.md:nl-1": {"ok": False, "error": "the answer did not finish within max_tokens=2"}}
    digest = build_digest([bad, empty, undated], outcomes, Options(), "m")
    assert [p["key"] for p in digest["periods"]] == ["undated"]
    assert [i["status"] for i in digest["items"]] == ["failed", "failed"]
    assert digest["items"][1]["error"] == "not enhanced: no result came back for this item"
    markdown = render_markdown(digest)
    errors = markdown.split("## Errors", 1)[1]
    for text in ("`bad.eml`: raw must be", "`empty.txt`: no items found", "`undated.md:nl-1` (A \\| b \\*c\\*)",
                 "max\\_tokens=2", "`undated.md:nl-2`"):
        assert text in errors, text
    assert digest["read"]["unreadable"] == 1 and digest["read"]["without_items"] == 1


def test_the_committed_example_is_what_the_code_makes_of_its_answers(monkeypatch):
    """docs/digest-example was made with the bundled model; its items keep the model's answers, from
    which the current code must make the same digest.md and digest.json (else: rerun the command in
    docs/digest.md, which takes the answers from the committed cache)."""
    import json

    from digest.files import to_json

    example = ROOT / "docs" / "digest-example"
    committed = json.loads((example / "digest.json").read_text(encoding="utf-8"))
    outcomes = {item["id"]: {"ok": item["status"] == "enhanced", "metadata": item["metadata"], "error": item["error"],
                             "content_truncated": item["content_truncated"]} for item in committed["items"]}
    monkeypatch.chdir(ROOT)  # the example names its inputs by their paths from the repository's root
    letters = read_sources(["mcp_server/samples/newsletters"])
    digest = build_digest(letters, outcomes, Options(), committed["model"])
    assert to_json({**digest, "plots": committed["plots"]}) == (example / "digest.json").read_text(encoding="utf-8")
    assert render_markdown(digest, committed["plots"]) == (example / "digest.md").read_text(encoding="utf-8")
    assert (example / "items.jsonl").read_text(encoding="utf-8").count("\n") == len(digest["items"]) == 40
