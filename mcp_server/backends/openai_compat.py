"""Backend `openai`: any OpenAI-compatible server (llama.cpp's server, vLLM, Ollama, OpenAI).

Why `/v1/completions` by default: the adapter was trained on the raw text of `render_prompt`, with
no chat template, and training and serving must see byte-identical prompts. The completions
endpoint sends that text as is. `api = "chat"` (`/v1/chat/completions`) lets the server wrap the
prompt in its chat template: only for servers that speak nothing else.

Constrained output is requested in the server's own dialect (`constraint`), and every answer is
validated here anyway: a server that ignores the request yields a ModelError, never bad metadata.
The item deadline is the request timeout; cancellation is checked before each attempt and during
backoff (a request already in flight runs until it answers or times out).
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

import httpx

from news_core.contract import OUTPUT_SCHEMA
from news_core.errors import Cancelled, ConfigError, ItemTimeout, ModelError
from news_core.grammar import completion_grammar

from ..config import OPENAI_CONSTRAINTS
from .base import Backend, Generation

log = logging.getLogger(__name__)

APIS = {"completions": "/completions", "chat": "/chat/completions"}
RETRY_STATUS = {429, 500, 502, 503, 504}


def constraint_fields(constraint: str, gbnf: str) -> dict:
    """Request fields that ask the server for output in our format.

    grammar             llama.cpp server and llama-cpp-python: GBNF, the exact canonical layout
    json_schema         OpenAI, vLLM, llama.cpp server, Ollama (chat only): response_format
    structured_outputs  vLLM >= 0.10
    guided_json         vLLM < 0.12
    none                nothing: rely on the prompt and on local validation
    """
    schema = {k: v for k, v in OUTPUT_SCHEMA.items() if k != "$schema"}
    if constraint == "grammar":
        # llama.cpp defaults to repeat_penalty 1.1, which is not the greedy decoding we trained for
        return {"grammar": gbnf, "repeat_penalty": 1.0}
    if constraint == "json_schema":
        return {"response_format": {"type": "json_schema",
                                    "json_schema": {"name": "news_metadata", "strict": True, "schema": schema}}}
    if constraint == "structured_outputs":
        return {"structured_outputs": {"json": schema}}
    if constraint == "guided_json":
        return {"guided_json": schema}
    return {}


def normalise_base_url(url: str) -> str:
    """'http://host:8000' and 'http://host:8000/v1/' -> 'http://host:8000/v1'."""
    if not url:
        raise ConfigError("base_url is required for backend 'openai', e.g. http://127.0.0.1:8080/v1")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"base_url = {url!r} is not an http(s) URL, e.g. http://127.0.0.1:8080/v1")
    url = url.rstrip("/")
    return url if parts.path.strip("/") else url + "/v1"


class OpenAIBackend(Backend):
    name = "openai"

    @property
    def items_at_once(self) -> int:
        return self.max_in_flight

    def __init__(self, base_url: str, model: str | None = None, *, api_key: str = "", api: str = "completions",
                 constraint: str = "grammar", grammar: str | None = None, max_tokens: int = 768,
                 max_in_flight: int = 4, retries: int = 3, backoff_s: float = 0.5, timeout_s: float = 120.0):
        if api not in APIS:
            raise ConfigError(f"openai_api = {api!r} is not one of: {', '.join(APIS)}")
        if constraint not in OPENAI_CONSTRAINTS:
            raise ConfigError(f"openai_constraint = {constraint!r} is not one of: {', '.join(OPENAI_CONSTRAINTS)}")
        self.base_url = normalise_base_url(base_url)
        self.model = model or None
        self.model_id = f"{self.model or 'default model'}@{self.base_url}"
        self.api, self.constraint, self.max_tokens, self.max_in_flight = api, constraint, max_tokens, max_in_flight
        self.retries, self.backoff_s, self.timeout_s = retries, backoff_s, timeout_s
        self._fields = constraint_fields(constraint, grammar or completion_grammar())
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        limits = httpx.Limits(max_connections=max_in_flight, max_keepalive_connections=max_in_flight)
        self._client = httpx.Client(headers=headers, limits=limits, timeout=timeout_s)
        self._slots = threading.BoundedSemaphore(max_in_flight)  # across every caller, not per batch

    @classmethod
    def from_config(cls, config) -> "OpenAIBackend":
        backend = cls(
            config.base_url, config.remote_model, api_key=config.api_key,
            api=config.openai_api, constraint=config.openai_constraint,
            max_tokens=config.max_tokens, max_in_flight=config.max_in_flight, timeout_s=float(config.item_timeout_s),
        )
        if backend.model is None:
            backend.use_served_model()  # also fails fast when the server is unreachable
        log.info("using %s (api %s, constraint %s)", backend.model_id, backend.api, backend.constraint)
        return backend

    def use_served_model(self) -> str:
        """Name the server's first model in requests (vLLM and Ollama need a name; llama.cpp takes any)."""
        self.model = self.served_models()[0]
        self.model_id = f"{self.model}@{self.base_url}"
        return self.model

    def served_models(self) -> list[str]:
        """GET /models: the ids the server serves (ModelError naming the URL when it cannot be reached)."""
        body = self._request("GET", "/models", None, time.monotonic() + self.timeout_s, None)
        ids = [entry.get("id") for entry in body.get("data", []) if isinstance(entry, dict) and entry.get("id")]
        if not ids:
            raise ModelError(f"the server at {self.base_url} lists no models; set remote_model")
        return ids

    # -- the Backend protocol -------------------------------------------------------------
    def generate(self, prompt: str, *, deadline: float | None = None, cancel: threading.Event | None = None) -> Generation:
        start = time.perf_counter()
        body = self._request("POST", APIS[self.api], self._payload(prompt), deadline, cancel)
        text, finish, usage = self._answer(body)
        if finish == "length":
            raise ModelError(f"the answer did not finish within max_tokens={self.max_tokens}; raw output: {text[:300]!r}", text)
        metadata = self.parse_answer(text)
        return Generation(text, metadata, int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0),
                          time.perf_counter() - start, {})

    def generate_many(self, prompts, *, deadline=None, cancel=None):
        def one(prompt):
            try:
                return self.generate(prompt, deadline=deadline, cancel=cancel)
            except (ModelError, Cancelled) as exc:
                return exc

        if len(prompts) <= 1:
            return [one(p) for p in prompts]
        with ThreadPoolExecutor(max_workers=min(self.max_in_flight, len(prompts)), thread_name_prefix="openai") as pool:
            return list(pool.map(one, prompts))  # map keeps input order

    def close(self) -> None:
        self._client.close()

    # -- HTTP ---------------------------------------------------------------------------------
    def _payload(self, prompt: str) -> dict:
        payload = {"max_tokens": self.max_tokens, "temperature": 0.0, "stream": False, **self._fields}
        if self.model:
            payload["model"] = self.model
        if self.api == "chat":
            payload["messages"] = [{"role": "user", "content": prompt}]
        else:
            payload["prompt"] = prompt
        return payload

    def _answer(self, body: dict) -> tuple[str, str | None, dict]:
        try:
            choice = body["choices"][0]
            text = choice["message"]["content"] if self.api == "chat" else choice["text"]
        except (KeyError, IndexError, TypeError) as exc:
            raise ModelError(f"unexpected answer from {self.base_url}: {str(body)[:300]}") from exc
        return text or "", choice.get("finish_reason"), body.get("usage") or {}

    def _request(self, method: str, path: str, payload: dict | None, deadline: float | None,
                 cancel: threading.Event | None) -> dict:
        """One call with retries on connection errors, 429 and 5xx (exponential backoff)."""
        url = self.base_url + path
        for attempt in range(self.retries + 1):
            if cancel is not None and cancel.is_set():
                raise Cancelled("cancelled by the caller")
            try:
                response = self._send(method, url, payload, deadline)
            except (httpx.ReadTimeout, httpx.WriteTimeout) as exc:
                # no retry: the server is busy with this request and would redo it from scratch
                raise ItemTimeout(f"the server at {self.base_url} did not answer within the item's time limit") from exc
            except httpx.TransportError as exc:  # connection refused or dropped, connect/pool timeouts
                problem = f"{type(exc).__name__}: {exc}"
            else:
                if response.status_code < 400:
                    return _json(response, url)
                if response.status_code not in RETRY_STATUS:
                    raise ModelError(f"{method} {url} answered HTTP {response.status_code}: {response.text[:300]}")
                problem = f"HTTP {response.status_code}: {response.text[:200]}"
            if attempt == self.retries:
                break
            pause = self.backoff_s * 2 ** attempt
            log.warning("%s %s failed (%s); retry %d/%d in %.1fs", method, url, problem, attempt + 1, self.retries, pause)
            _pause(pause, deadline, cancel)
        raise ModelError(f"cannot get an answer from the OpenAI-compatible server at {self.base_url} "
                         f"after {self.retries + 1} attempts ({problem}); check that it is running and that base_url is right")

    def _send(self, method: str, url: str, payload: dict | None, deadline: float | None) -> httpx.Response:
        """The deadline is the request timeout; waiting for a free slot counts against it too."""
        remaining = lambda: self.timeout_s if deadline is None else deadline - time.monotonic()  # noqa: E731
        if remaining() <= 0:
            raise ItemTimeout("item exceeded its time limit before the request was sent")
        if not self._slots.acquire(timeout=remaining()):
            raise ItemTimeout(f"item exceeded its time limit waiting for one of {self.max_in_flight} request slots")
        try:
            return self._client.request(method, url, json=payload, timeout=max(0.001, remaining()))
        finally:
            self._slots.release()


def _pause(seconds: float, deadline: float | None, cancel: threading.Event | None) -> None:
    if deadline is not None and time.monotonic() + seconds >= deadline:
        raise ItemTimeout("item exceeded its time limit while waiting to retry")
    if cancel is not None:
        if cancel.wait(seconds):
            raise Cancelled("cancelled by the caller")
    else:
        time.sleep(seconds)


def _json(response: httpx.Response, url: str) -> dict:
    try:
        body = response.json()
    except ValueError as exc:
        raise ModelError(f"{url} answered HTTP {response.status_code} with a body that is not JSON: {response.text[:200]!r}") from exc
    if not isinstance(body, dict):
        raise ModelError(f"{url} answered with JSON that is not an object: {str(body)[:200]}")
    return body
