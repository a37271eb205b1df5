"""gguf_export: a PEFT LoRA adapter -> GGUF (LoRA adapter, merged f16, Q8_0, Q4_K_M), offline.

No network, no llama.cpp checkout, no external binary: the `gguf` package writes the files and
llama.cpp's own quantizer runs through llama-cpp-python. Heavy imports stay inside functions.
"""
