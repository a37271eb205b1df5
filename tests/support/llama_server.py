"""A real llama.cpp OpenAI-compatible server on loopback, for the openai-backend tests and the
backend benchmark (test support: not part of the product)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LlamaServer:
    """`python -m llama_cpp.server` on 127.0.0.1 and a free port, as a context manager."""

    def __init__(self, model: str | Path, *, lora: str | Path | None = None, n_ctx: int = 2048, n_threads: int = 1,
                 api_key: str | None = None, startup_timeout_s: float = 300.0):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.api_key = api_key
        self.args = [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
                     "--port", str(self.port), "--n_ctx", str(n_ctx), "--n_threads", str(n_threads),
                     "--n_threads_batch", str(n_threads)]
        if lora:
            self.args += ["--lora_path", str(lora)]
        if api_key:
            self.args += ["--api_key", api_key]
        self.startup_timeout_s = startup_timeout_s
        self.process: subprocess.Popen | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="llama-server-", suffix=".log", delete=False)

    def __enter__(self) -> "LlamaServer":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
        self.process = subprocess.Popen(self.args, stdout=self._log, stderr=subprocess.STDOUT, env=env)
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        limit = time.monotonic() + self.startup_timeout_s
        while time.monotonic() < limit:
            if self.process.poll() is not None:
                raise RuntimeError(f"llama.cpp server exited with code {self.process.returncode}:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.base_url}/models", headers=headers, timeout=2.0, trust_env=False).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.25)
        tail = self.log_tail()
        self.stop()
        raise RuntimeError(f"llama.cpp server not ready after {self.startup_timeout_s:.0f}s:\n{tail}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        self._log.close()
        Path(self._log.name).unlink(missing_ok=True)

    def log_tail(self, chars: int = 3000) -> str:
        return Path(self._log.name).read_text(errors="replace")[-chars:]
