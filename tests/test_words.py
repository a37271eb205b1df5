"""The shipped English word list (news_core/assets/english_words.txt) that replaced wordfreq."""

import hashlib

import pytest

from mcp_server.config import ServerConfig
from news_core.errors import ConfigError
from news_core.settings import SettingsError
from news_core.words import ENGLISH_WORDS, MAX_WORDS, common_words


def test_the_list_is_wordfreqs_top_words_in_order():
    words = common_words(MAX_WORDS)
    assert len(words) == len(set(words)) == MAX_WORDS
    assert words[:8] == ["the", "to", "and", "of", "a", "in", "i", "is"]
    # wordfreq 3.1.1's top_n_list("en", 20000), digest taken before the package was dropped
    assert hashlib.sha256("\n".join(common_words(20000)).encode()).hexdigest() == (
        "dddf8dbcab5d7999042b10a809dd5fb1162b33c678913a55e35d5c5c7a330ce2")
    assert common_words(20000) == words[:20000] and common_words(0) == []


def test_the_file_names_its_source_and_licence():
    head = [line for line in ENGLISH_WORDS.read_text(encoding="utf-8").splitlines() if line.startswith("# ")]
    assert any("wordfreq" in line and "CC BY-SA 4.0" in line for line in head)
    assert any("packaging/make_word_list.py" in line for line in head)


def test_more_words_than_shipped_are_refused_by_the_setting_and_the_reader():
    with pytest.raises(SettingsError, match="head_words"):
        ServerConfig(head_words=MAX_WORDS + 1)
    with pytest.raises(ConfigError, match=f"at most {MAX_WORDS}"):
        common_words(MAX_WORDS + 1)


def test_wordfreq_is_no_dependency_any_more():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).resolve().parents[1] / "pyproject.toml").read_text())["project"]
    assert not [d for d in project["dependencies"] if d.lower().startswith("wordfreq")]
