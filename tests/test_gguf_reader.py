"""gguf_export/reader.py: the fast reader builds exactly GGUFReader's fields (offsets, parts with
their dtypes, shapes and bytes, data indexes, types, contents) and the same tensor list."""

import numpy as np
import pytest
from gguf import GGUFReader, GGUFValueType, GGUFWriter

from gguf_export.reader import open_gguf
from news_core.bundled import bundled_base_path


def assert_same_reading(path):
    fast, ref = open_gguf(path), GGUFReader(path)
    assert list(fast.fields) == list(ref.fields)
    for key, want in ref.fields.items():
        got = fast.fields[key]
        assert (got.offset, got.name, got.data, got.types) == (want.offset, want.name, want.data, want.types), key
        assert len(got.parts) == len(want.parts), key
        for a, b in zip(got.parts, want.parts):
            assert (a.dtype, a.shape, a.tobytes()) == (b.dtype, b.shape, b.tobytes()), key
        assert got.contents() == want.contents(), key
    assert [(t.name, t.data_offset) for t in fast.tensors] == [(t.name, t.data_offset) for t in ref.tensors]


def test_every_kind_of_field_reads_as_gguf_readers(tmp_path):
    path = tmp_path / "kinds.gguf"
    writer = GGUFWriter(str(path), "llama")
    writer.add_array("t.strings", ["", "a", "\u2581héllo", "x" * 300, "<0x0A>"])
    writer.add_array("t.floats", [0.5, -1.25, 3.0])
    writer.add_array("t.ints", [-3, 0, 7])
    writer.add_key_value("t.u64", [1, 2 ** 40], GGUFValueType.ARRAY, GGUFValueType.UINT64)
    writer.add_key_value("t.bools", [True, False], GGUFValueType.ARRAY, GGUFValueType.BOOL)
    writer.add_array("t.empty", [])
    writer.add_array("t.nested", [[1, 2], [3]])
    writer.add_string("t.string", "plain")
    writer.add_uint32("t.u32", 7)
    writer.add_tensor("w", np.arange(8, dtype=np.float32).reshape(2, 4))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    assert_same_reading(path)


@pytest.mark.slow
def test_the_bundled_base_reads_as_gguf_readers():
    """262,144 tokens, their scores and types: the fields every export and short layer copy."""
    assert_same_reading(bundled_base_path())
