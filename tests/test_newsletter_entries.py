"""Entries and converter artefacts first seen in the tenth set's layouts, each written here in the forms
pipelines give it: a Chinese digest's '1、' numbered linked entries with '（英文）' notes and short
descriptions, a list entry opening with a linked clause, a sponsor label outside the usual lexicon, a
'Quote of the day', a fenced code block in a Markdown export, a title line right over its description in
a text part, and what html2text does to layout cells (a whole cell on one line; a link glued to its read
time; a bold title run on after the last entry's sentence)."""

import re

import pytest

from newsletters import split_newsletter


def _key(title: str) -> str:
    return re.sub(r"\W", "", title.casefold())


def _keys(letter) -> list[str]:
    return [_key(item.title) for item in letter.items]


# -- '1、' numbered linked entries in Chinese ------------------------------------------------------------

ENTRIES = {"科技动态": [("杭州出现第一条无人驾驶公交线路", "", "这条线路全长 11 公里，设 14 个站点，车上只有一名安全员。"),
                        ("挪威试验用旧油井储存二氧化碳", "", "北海的几口废弃油井被改造成储存罐。")],
           "文章": [("SQLite 为什么不需要服务器", "（英文）", "作者解释了单文件数据库的设计取舍。"),
                    ("浏览器的渲染流水线图解", "（英文）", "用二十多张示意图讲清楚渲染的步骤。")],
           "工具": [("Tidemark", "", "一个命令行工具，比较两个目录的差异，并生成报告。"),
                    ("PalmNote", "", "开源的桌面笔记软件，所有笔记都是本地文件。")]}


def _weekly(form: str) -> str:
    parts = []
    for section, entries in ENTRIES.items():
        rows = []
        for n, (title, note, text) in enumerate(entries, 1):
            url = f"https://example.cn/{section}/{n}"
            rows.append(f"<p>{n}、<a href=\"{url}\">{title}</a>{note}</p><p>{text}</p>" if form == "html"
                        else f"{n}、[{title}]({url}){note}\n\n{text}")
        parts.append(f"<h2>{section}</h2>" + "".join(rows) if form == "html" else f"## {section}\n\n" + "\n\n".join(rows))
    if form == "html":
        return "<html><body><h1>科技爱好者周刊（第 401 期）</h1><p>这里记录每周值得分享的科技内容，周五发布。</p>" + "".join(parts) + "</body></html>"
    return "# 科技爱好者周刊（第 401 期）\n\n这里记录每周值得分享的科技内容，周五发布。\n\n" + "\n\n".join(parts) + "\n"


@pytest.mark.parametrize("form", ["html", "markdown"])
def test_chinese_numbered_entries_are_items_without_number_or_language_note(form):
    letter = split_newsletter(_weekly(form))
    assert _keys(letter) == [_key(title) for entries in ENTRIES.values() for title, _, _ in entries], letter.reason
    assert all(item.number in (1, 2) for item in letter.items)


# -- a list entry that opens with a linked clause -------------------------------------------------------

BITS = [("Vitest 5 ships browser mode by default", ", and says goodbye to jsdom for good."),
        ("Astro acquires a headless CMS", " and promises to keep it open source."),
        ("Why we moved our monorepo back to npm workspaces", " is a refreshingly honest postmortem.")]


def test_each_list_entry_opening_with_a_linked_clause_is_an_item():
    """Titled by its whole first sentence, the linked clause first (the corpus's scoring takes a title that runs
    on past the expected one as that title)."""
    items = "".join(f'<li><a href="https://example.dev/{n}">{title}</a>{rest}</li>' for n, (title, rest) in enumerate(BITS))
    raw = f"<html><body><p>Welcome to #512.</p><p><b>Cool Bits</b></p><ol>{items}</ol></body></html>"
    letter = split_newsletter(raw)
    assert [item.title[:len(title)] for item, (title, _) in zip(letter.items, BITS)] == [t for t, _ in BITS], letter.reason
    assert len(letter.items) == len(BITS)
    assert [item.url for item in letter.items] == [f"https://example.dev/{n}" for n in range(len(BITS))]


# -- a sponsor label outside the usual words; a quote of the day ----------------------------------------


@pytest.mark.parametrize("label", ["Our Friends (With Benefits)", "A word from our friends at Tracelight",
                                   "OUR FRIENDS (WITH BENEFITS)"])
def test_a_sponsor_label_of_friends_flags_the_item_under_it(label):
    raw = (f"<html><body><h2>Node's new package manager has entered the chat</h2><p>Node 26 will ship with its own "
           f"package manager, and the team says it is faster than the rest.</p><p><b>{label}</b></p>"
           f"<p><a href='https://tracelight.example.dev'><b>Stop guessing why your app is slow</b></a></p>"
           f"<p>Tracelight shows the exact line of code behind every slow page load, from browser to database.</p>"
           f"</body></html>")
    letter = split_newsletter(raw)
    assert [(item.title, item.sponsored) for item in letter.items] == [
        ("Node's new package manager has entered the chat", False), ("Stop guessing why your app is slow", True)]


def test_a_quote_of_the_day_is_no_item():
    raw = ("<html><body><h2>A rocket lands for the second time</h2><p>The booster came down on its pad after a "
           "four-minute flight, the second landing this year.</p><h2>Quote of the day</h2><p>“The robot never "
           "complains about the night shift.” —A nurse at the hospital</p><h2>Wildfire smoke confuses sensors</h2>"
           "<p>Cheap air-quality sensors read dangerous air as merely moderate, a study found.</p></body></html>")
    assert _keys(split_newsletter(raw)) == [_key("A rocket lands for the second time"),
                                            _key("Wildfire smoke confuses sensors")]


# -- a fenced code block in a Markdown export ----------------------------------------------------------


def test_a_fenced_code_block_does_not_swallow_the_rest_of_the_newsletter():
    raw = ("# Bytes #518\n\n## The compiler is 10x faster and nobody has to do anything\n\nThe team shipped the "
           "native compiler last week; a large project now checks in 8 seconds.\n\nSPOT THE BUG\n\n```js\n"
           "const valid = emails.filter(e => /^.+@.+$/g.test(e));\n```\n\nCOOL BITS\n\n"
           "1. [jQuery 5 is officially released](https://example.dev/jq), proving nothing ever dies.\n"
           "2. [Deno adds support for Node's test runner](https://example.dev/deno), so tests run on both.\n"
           "3. [A deep dive into how the compiler decides what to memoize](https://example.dev/memo) – with diagrams.\n"
           "4. [Chrome is trying a view transition debugger](https://example.dev/vt) in DevTools.\n")
    letter = split_newsletter(raw, format="markdown")
    assert [item.url for item in letter.items][-4:] == [f"https://example.dev/{k}" for k in ("jq", "deno", "memo", "vt")], \
        letter.reason


# -- a title line right over its description (text part) -------------------------------------------------

TOOLS = [("Ollama adds structured outputs", "Ollama ( https://ollama.example.com/s ) can now force a local model to "
          "return JSON matching a schema, which makes it usable in scripts."),
         ("Phi-5 Mini beats models twice its size", "The new small model ( https://example.com/phi ) scores above "
          "several 8B models on code benchmarks and fits in 3 GB of memory."),
         ("Commit messages from a local model", "Gitmuse ( https://github.com/example/gitmuse ) is a Git hook that "
          "writes commit messages with a local model and never sends your diff anywhere.")]


def test_a_title_line_over_its_description_in_one_paragraph_is_an_item():
    raw = "Local LLMs for developers\n\n🧰 Tools and trends\n\n" + "\n\n".join(f"{t}\n{d}" for t, d in TOOLS) + "\n"
    letter = split_newsletter(raw, format="text")
    assert _keys(letter) == [_key(t) for t, _ in TOOLS], letter.reason


def test_a_wrapped_paragraph_is_no_title_over_text():
    raw = ("## A kidney on a chip predicts drug toxicity\n\nResearchers built a chip lined with human kidney "
           "cells that correctly flagged\n87 percent of drugs that later failed trials because of kidney damage,\n"
           "compared with about half for animal tests.\n")
    assert _keys(split_newsletter(raw, format="text")) == [_key("A kidney on a chip predicts drug toxicity")]


# -- html2text's layout cells ----------------------------------------------------------------------------

CARDS = [("Agents, agents everywhere", "Funding to AI agent startups hit $9.8B in Q2, already more than all of 2025. "
          "We mapped 240 of them across 18 categories, from procurement bots to sales assistants."),
         ("Spreadsheet, meet your replacement", "Finance teams are the early adopters. Mentions of AI in planning "
          "are up 4x on earnings calls, and the CFOs who mention it most mention headcount less."),
         ("Fintech's quiet comeback", "Global fintech funding rose for the third quarter in a row, led by payments "
          "infrastructure in Latin America and Southeast Asia. But deal count is still down."),
         ("Who's buying whom", "Big Tech was the busiest acquirer of AI startups this year, but the surprise is number "
          "four on our list: a 120-year-old industrial company."),
         ("The unicorn graveyard is filling up", "43 unicorns have shut down or sold for less than they raised since "
          "January. We looked at what they had in common. Spoiler: it was not the market.")]


def test_a_layout_cell_on_one_line_gives_its_bold_headlines_back():
    """html2text writes a layout cell's paragraphs with single spaces: the whole issue on one table line."""
    cell = "Hi there, quick poll before we start: which job will agents automate first? [Vote here](https://x.example/v). " + " ".join(
        f"**{title}** [![](https://img.example/{n}.png)](https://x.example/{n}) {text} [Read the analysis.](https://x.example/r{n})"
        for n, (title, text) in enumerate(CARDS))
    raw = f"|  {cell} | \n---|---\n\nI love you all.  \nAnand\n"
    letter = split_newsletter(raw, format="markdown")
    assert _keys(letter) == [_key(title) for title, _ in CARDS], letter.reason


def test_a_link_glued_to_its_read_time_is_a_headline():
    raw = "\n\n".join(
        f"## {section}\n\n[{title}](https://example.com/track/click?u=3f5b9ed4&id={n})8\nminutes read.\"{quote}\" -- the "
        f"author makes the case, and I have started doing this with my leads.  \n"
        for n, (section, title, quote) in enumerate([
            ("This Week's Favorite", "Plans Are Hypotheses, Not Promises", "A roadmap is a bet about the future."),
            ("Culture", "When the Standup Becomes the Status Report", "Nobody listens after the second update."),
            ("Peopleware", "The Manager's Guide to Saying No", "Saying yes to everything is saying no to focus.")]))
    letter = split_newsletter("A weekly newsletter with the best content I found.\n\n" + raw, format="markdown")
    assert _keys(letter) == [_key(t) for t in ("Plans Are Hypotheses, Not Promises",
                                               "When the Standup Becomes the Status Report",
                                               "The Manager's Guide to Saying No")], letter.reason


def test_a_bold_title_run_on_after_the_last_entrys_sentence_starts_its_own_entry():
    entries = [("Patchwise: review agent diffs line by line", "is an open-source viewer that groups an agent's changes "
                "by intent and flags edits outside the files it was asked to touch."),
               ("Llama Code 5 lands with a 1M-token window", "targets repository-scale tasks and ships with a "
                "test-time tool-use harness."),
               ("Evals you can run in CI", "fails a pull request when a prompt change drops your agent's pass rate "
                "below the threshold you set.")]
    body = " ".join(f"**{title}**  \n[It](https://example.com/{n}) {text}" for n, (title, text) in enumerate(entries))
    raw = f"## 🧰 **Software Dev AI tools and trends**\n\n{body}\n"
    letter = split_newsletter(raw, format="markdown")
    assert _keys(letter) == [_key(title) for title, _ in entries], letter.reason
