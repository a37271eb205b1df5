"""f16 GGUF -> Q8_0 / Q4_K_M with llama.cpp's own quantizer, through llama-cpp-python."""

from __future__ import annotations

import ctypes
import logging
from pathlib import Path

from news_core.errors import ModelError

FTYPES = {"q8_0": "LLAMA_FTYPE_MOSTLY_Q8_0", "q4_k_m": "LLAMA_FTYPE_MOSTLY_Q4_K_M"}


def quantize(source: Path, out: Path, fmt: str, threads: int = 0) -> Path:
    import llama_cpp
    from llama_cpp._utils import suppress_stdout_stderr

    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, FTYPES[fmt])
    params.nthread = threads  # <= 0: all cores
    partial = out.with_name(out.name + ".partial")
    quiet = not logging.getLogger(__name__).isEnabledFor(logging.DEBUG)  # llama.cpp prints every tensor
    with suppress_stdout_stderr(disable=not quiet):
        rc = llama_cpp.llama_model_quantize(str(source).encode(), str(partial).encode(), ctypes.byref(params))
    if rc != 0 or not partial.is_file():
        partial.unlink(missing_ok=True)
        raise ModelError(f"llama.cpp could not quantize {source.name} to {fmt} (return code {rc}); "
                         "run with -v to see llama.cpp's log")
    partial.replace(out)
    return out
