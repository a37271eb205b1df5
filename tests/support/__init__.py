"""Test support, kept out of the product packages: fakes, tiny models and a loopback llama.cpp server.

Importable as `support` from tests (pytest puts tests/ on sys.path: the suite has no __init__.py)
and from benchmarks (which add tests/ to sys.path themselves). No tests here.
"""
