# news-enhancer as a container: `docker build -t news-enhancer .` then
# `docker run -i --rm news-enhancer` speaks MCP over stdio (stdin/stdout), CPU only, offline.
# Two stages: llama-cpp-python is compiled once in `build` (compiler and cmake stay there);
# the runtime stage gets only the finished virtualenv.

# Any image with Python 3.11+ as `python` (with venv) and apt: --build-arg PYTHON_IMAGE=<mirror>/python:3.11-slim
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential cmake \
    && rm -rf /var/lib/apt/lists/*
# GGML_NATIVE=OFF: no -march=native, so the image runs on other x86-64 CPUs than the build host's.
ENV CMAKE_ARGS="-DGGML_NATIVE=OFF" \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY news_core news_core
COPY newsletters newsletters
COPY digest digest
COPY training_data training_data
COPY finetune finetune
COPY gguf_export gguf_export
COPY mcp_server mcp_server
COPY evaluation evaluation
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --upgrade pip \
    && /opt/venv/bin/pip wheel --no-deps -w /wheels . \
    && /opt/venv/bin/pip install /wheels/*.whl

FROM ${PYTHON_IMAGE}
LABEL io.modelcontextprotocol.server.name="io.github.news-enhancer/news-enhancer"
# libgomp1: llama.cpp's CPU backend is built with OpenMP.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 app
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    HF_HUB_OFFLINE=1 \
    PYTHONUNBUFFERED=1
USER app
WORKDIR /home/app
# The base model is assembled now, into the app user's cache, and the short output layer written
# (head_words), so the container starts offline and without first-use work.
RUN news-enhancer serve --prepare
ENTRYPOINT ["news-enhancer", "serve"]
