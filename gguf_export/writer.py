"""Writing GGUF files with the `gguf` package: metadata copied from a base, tensors streamed.

Tensors are computed one at a time while the file is written, so exporting never holds more
than one dequantized weight in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from news_core.errors import ModelError

# Keys the writer produces itself, or that must describe the new file rather than the base.
NOT_COPIED = ("GGUF.", "general.architecture", "general.file_type", "general.alignment")


@dataclass
class PlannedTensor:
    name: str
    shape: tuple[int, ...]  # numpy order
    dtype: type  # np.float16 or np.float32
    compute: Callable[[], np.ndarray]


def copy_metadata(reader, skip: Iterable[str] = ()) -> list[tuple[str, object, object, object]]:
    """(key, value, type, sub_type) of every key/value of a GGUFReader, ready for add_key_value."""
    from gguf import GGUFValueType

    skipped = tuple(NOT_COPIED) + tuple(skip)
    out = []
    for key, field in reader.fields.items():
        if key.startswith(skipped):
            continue
        main = field.types[0]
        if main == GGUFValueType.ARRAY:
            sub = field.types[-1]
            if len(field.types) != 2:
                raise ModelError(f"metadata {key} is a nested array; copying those is not supported")
            if sub == GGUFValueType.STRING:
                value = [bytes(field.parts[i]) for i in field.data]
            else:
                value = np.concatenate([field.parts[i] for i in field.data]).tolist() if field.data else []
            out.append((key, value, main, sub))
        elif main == GGUFValueType.STRING:
            out.append((key, bytes(field.parts[-1]), main, None))
        else:
            out.append((key, field.parts[-1][0].item(), main, None))
    return out


def write_gguf(path: Path, arch: str, metadata: list[tuple], tensors: list[PlannedTensor], desc: str) -> Path:
    """Write a GGUF file; each tensor is computed just before it is written (progress bar)."""
    from gguf import GGUFWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    writer = GGUFWriter(partial, arch)
    for key, value, vtype, sub in metadata:
        writer.add_key_value(key, value, vtype, sub)
    for t in tensors:
        nbytes = int(np.prod(t.shape)) * np.dtype(t.dtype).itemsize
        writer.add_tensor_info(t.name, t.shape, np.dtype(t.dtype), nbytes)
    try:
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        for t in tqdm(tensors, desc=desc, unit="tensor", leave=False):
            data = np.ascontiguousarray(t.compute(), dtype=t.dtype)
            if data.shape != t.shape:
                raise ModelError(f"{t.name}: computed shape {data.shape}, planned {t.shape}")
            if not np.isfinite(data).all():
                raise ModelError(f"{t.name}: non-finite values after conversion to {np.dtype(t.dtype).name} "
                                 "(a weight beyond float16 range?)")
            writer.write_tensor_data(data)
        writer.close()
    except BaseException:
        writer.close()
        partial.unlink(missing_ok=True)
        raise
    partial.replace(path)
    return path
