# Two commands for a newcomer: `make run` and `make test`. Both create .venv when missing and
# install only what changed (a stamp file per dependency set), so a second run rebuilds nothing.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check -q
STAMP := $(VENV)/.stamp
# torch first and pinned: this version is a local CPU build; an unpinned torch pulls GBs of CUDA.
TORCH := torch==2.13.0

.PHONY: run test test-fast lint check-install check-docker mcpb bench docs devsplit yardstick install install-dev clean-venv

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip setuptools wheel

# Core install: llama-cpp-python builds from source once (~10 min on 2 cores); pip's wheel
# cache makes later installs reuse that build.
$(STAMP)-core: pyproject.toml | $(PY)
	$(PIP) install -e .
	$(VENV)/bin/news-enhancer serve --prepare
	touch $@

$(STAMP)-dev: pyproject.toml $(STAMP)-core
	$(PIP) install $(TORCH)
	$(PIP) install -e '.[train,eval,dev,digest]'
	touch $@

$(STAMP)-bench: pyproject.toml $(STAMP)-core
	$(PIP) install -e '.[bench]'
	touch $@

install: $(STAMP)-core
install-dev: $(STAMP)-dev

run: $(STAMP)-core
	$(VENV)/bin/news-enhancer demo

# Two workers (pytest-xdist) on the two cores the suite is timed on: it is nearly all one-threaded CPU.
# --dist loadfile keeps a test file on one worker, so a module's server or model starts once;
# --no-loadscope-reorder hands files out heavy ones first (tests/conftest.py orders them), so the
# workers finish together. TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2
test: lint
	$(PY) -m pytest -q --durations=15 -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

# ruff over the whole tree ([tool.ruff] in pyproject.toml): fails on the first problem it lists.
lint: $(STAMP)-dev
	$(VENV)/bin/ruff check .

# The inner loop: no test that needs the real model and none that takes more than a few seconds
# (markers in tests/conftest.py); the server is tested in memory on a fake backend. On a quiet 2-core
# machine (2026-12-06): 57 s in two workers, 116 s in one process (80 s of CPU, the rest waits on
# subprocesses and sockets). Under other load two workers gain little.
test-fast: lint
	$(PY) -m pytest -q -m "not slow and not model" -n $(TEST_WORKERS) --dist loadfile

# Install without a clone, end to end (docs/install.md): build the wheel, install it
# into a fresh virtualenv (needs PyPI; pip's wheel cache reuses the llama-cpp-python build), start the
# Dockerfile's entry point from it offline and call it over MCP. About 1 minute here.
check-install: $(STAMP)-core
	$(PY) packaging/check_install.py

# The same through the image: docker build, then MCP over `docker run -i --rm --network=none`.
# DOCKER_BUILD_ARGS passes e.g. --build-arg PYTHON_IMAGE=<a mirror's python:3.11-slim>.
check-docker: $(STAMP)-core
	docker build $(DOCKER_BUILD_ARGS) -t news-enhancer .
	$(PY) packaging/check_install.py --docker news-enhancer

# The Claude Desktop extension: packaging/mcpb packed by the official CLI (from npm) into dist/.
mcpb:
	mkdir -p dist
	npx -y @anthropic-ai/mcpb@2.1.2 pack packaging/mcpb dist/news-enhancer.mcpb

# Every copy of a setting's description, from the config dataclasses: docs/configuration.md,
# server.example.toml, and the descriptions in server.json and packaging/mcpb/manifest.json.
docs: $(STAMP)-core
	$(PY) -m news_core.settings_doc --write

# One table: decoding speed, per-item latency, a newsletter and a 100-item batch over MCP, cold
# start and resident memory (benchmarks/bench.py; BENCH_ARGS="--items 5 --batch-items 20" for a short run).
bench: $(STAMP)-bench
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

# The dev split of ../shared/seed_data and import -> train -> export -> eval on it, into
# ~/.cache/news-enhancer/devsplit (evaluation/README.md); about 35 min on 2 cores. A smoke run:
# make devsplit DEVSPLIT_RUN=smoke DEVSPLIT_ARGS="--max-steps 2 --limit 4 --no-bertscore"
DEVSPLIT_RUN ?= default
devsplit: $(STAMP)-dev
	$(PY) -m evaluation.devsplit run $(DEVSPLIT_RUN) $(DEVSPLIT_ARGS)

# The outside yardstick: the shipped model (or YARDSTICK_ARGS="--model lora:PATH.gguf") on the 364 rows a real
# reader annotated, in ../shared/seed_data, into ~/.cache/news-enhancer/yardstick (evaluation/README.md);
# skipped when the file is absent.
YARDSTICK_RUN ?= shipped
yardstick: $(STAMP)-dev
	$(PY) -m evaluation.yardstick run $(YARDSTICK_RUN) $(YARDSTICK_ARGS)
	$(PY) -m evaluation.yardstick table

clean-venv:
	rm -rf $(VENV)
