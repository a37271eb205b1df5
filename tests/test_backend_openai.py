"""The openai backend against a real llama.cpp server (llama-cpp-python's own), started on loopback.

No mock HTTP: every request goes to `python -m llama_cpp.server` serving the bundled Gemma 3 270M,
or to a loopback port where nothing listens. The tight grammar (the production layout with the smallest
caps) keeps the untrained base model's answers to about 40 tokens; the decoding guarantee and the local
validation are the production ones, and one test goes through the production grammar itself.
"""

import logging
import threading
import time

import pytest
from support.grammar import tight_grammar
from support.llama_server import LlamaServer, free_port

from mcp_server.backends import load_backend
from mcp_server.backends.openai_compat import OpenAIBackend, normalise_base_url
from mcp_server.config import ServerConfig, load_config
from news_core.bundled import bundled_base_path
from news_core.contract import schema_errors
from news_core.errors import Cancelled, ConfigError, ItemTimeout, ModelError
from news_core.items import NewsItem
from news_core.prompt import render_prompt

KEY = "test-key-123"
MAX_TOKENS = 256
SLOW = 900.0  # request timeout: a starved shared CPU must not turn into spurious timeouts
ITEMS = [
    NewsItem(title="OpenAI ships o3-mini", content="OpenAI released o3-mini, a cheaper reasoning model, in ChatGPT and the API."),
    NewsItem(title="Nvidia and TSMC expand packaging", content="Nvidia said demand for its data-center GPUs still exceeds "
             "supply, and TSMC is adding advanced packaging lines to ease the bottleneck for AI accelerators next year."),
    NewsItem(title="Mistral", content="Mistral AI released a model."),
]


@pytest.fixture(scope="module")
def server():
    with LlamaServer(bundled_base_path(), api_key=KEY, n_threads=1) as running:
        yield running


@pytest.fixture(scope="module")
def backend(server):
    backend = OpenAIBackend(server.base_url, api_key=KEY, grammar=tight_grammar(), max_tokens=MAX_TOKENS,
                            max_in_flight=2, timeout_s=SLOW)
    yield backend
    backend.close()


@pytest.fixture(scope="module")
def singles(backend):
    return [backend.generate(render_prompt(item)) for item in ITEMS]


def refused_url() -> str:
    return f"http://127.0.0.1:{free_port()}/v1"  # bound then released: nothing listens there


@pytest.mark.model
def test_answers_are_schema_valid_and_counted(singles):
    for gen in singles:
        assert schema_errors(gen.metadata.model_dump()) == []
        assert gen.text.startswith('{"summary": ')
        assert gen.prompt_tokens > 20 and 0 < gen.completion_tokens <= MAX_TOKENS


@pytest.mark.model
def test_batch_keeps_order_with_requests_in_flight(backend, singles):
    """The server answers one request at a time, in arrival order; results still come back in input order.

    Texts may differ from the single calls (llama.cpp's prompt-cache reuse changes float sums),
    so order is checked on each answer's prompt token count, distinct per item."""
    prompts = [render_prompt(item) for item in reversed(ITEMS)]
    expected = [g.prompt_tokens for g in reversed(singles)]
    assert len(set(expected)) == len(expected)
    results = backend.generate_many(prompts)
    assert [r.prompt_tokens for r in results] == expected
    assert all(schema_errors(r.metadata.model_dump()) == [] for r in results)


@pytest.mark.model
def test_in_flight_requests_are_bounded_across_callers(server):
    """Four callers at once (the MCP server runs tool calls in threads), two slots: never more than
    two requests on the wire, and both slots used."""
    backend = OpenAIBackend(server.base_url, api_key=KEY, grammar=tight_grammar(),
                            max_tokens=MAX_TOKENS, max_in_flight=2, timeout_s=SLOW)
    send, lock, counts = backend._client.request, threading.Lock(), {"now": 0, "peak": 0}

    def counted(*args, **kwargs):  # the real client's request, counted
        with lock:
            counts["now"] += 1
            counts["peak"] = max(counts["peak"], counts["now"])
        try:
            return send(*args, **kwargs)
        finally:
            with lock:
                counts["now"] -= 1

    backend._client.request = counted
    results = [None] * 4

    def work(k):
        results[k] = backend.generate_many([render_prompt(ITEMS[k % 3])])[0]

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    backend.close()
    assert all(not isinstance(r, Exception) for r in results), results
    assert counts["peak"] == 2


@pytest.mark.model
def test_chat_endpoint_for_servers_that_speak_only_chat(server):
    chat = OpenAIBackend(server.base_url, api_key=KEY, api="chat", grammar=tight_grammar(), max_tokens=MAX_TOKENS,
                         timeout_s=SLOW)
    gen = chat.generate(render_prompt(ITEMS[2]))
    assert schema_errors(gen.metadata.model_dump()) == []
    chat.close()


@pytest.mark.model
def test_unconstrained_answers_are_still_validated_locally(server):
    loose = OpenAIBackend(server.base_url, api_key=KEY, constraint="none", max_tokens=40, timeout_s=SLOW)
    with pytest.raises(ModelError) as info:
        loose.generate(render_prompt(ITEMS[0]))
    assert info.value.text  # the raw answer travels with the error
    loose.close()


@pytest.mark.model
def test_per_item_error_leaves_the_others_alone(backend):
    too_long = render_prompt(NewsItem(title="Long", content="word " * 3000))
    results = backend.generate_many([render_prompt(ITEMS[2]), too_long])
    assert not isinstance(results[0], Exception)
    assert isinstance(results[1], ModelError) and "HTTP 400" in str(results[1]) and "context" in str(results[1])


@pytest.mark.model
def test_api_key_is_sent_as_bearer_token(server):
    anonymous = OpenAIBackend(server.base_url, grammar=tight_grammar(), max_tokens=8, timeout_s=SLOW)
    with pytest.raises(ModelError, match="HTTP 401"):
        anonymous.generate(render_prompt(ITEMS[2]))
    anonymous.close()


@pytest.mark.model
def test_from_config_discovers_the_served_model(server):
    config = ServerConfig(backend="openai", base_url=server.base_url, api_key=KEY, max_tokens=8, item_timeout_s=SLOW)
    backend = load_backend(config)
    assert backend.model.endswith(".gguf") and backend.model_id.endswith("@" + server.base_url)
    backend.close()


@pytest.mark.model
def test_unfinished_answer_is_a_model_error_quoting_the_text(server):
    short = OpenAIBackend(server.base_url, api_key=KEY, max_tokens=5, timeout_s=SLOW)
    with pytest.raises(ModelError, match="max_tokens=5.*raw output"):
        short.generate(render_prompt(ITEMS[0]))
    short.close()


@pytest.mark.model
def test_deadline_is_the_request_timeout(server):
    # the server finishes an abandoned answer anyway: keep it short so later tests do not queue behind it
    slow = OpenAIBackend(server.base_url, api_key=KEY, grammar=tight_grammar(), max_tokens=MAX_TOKENS)
    start = time.monotonic()
    with pytest.raises(ItemTimeout):
        slow.generate(render_prompt(ITEMS[1]), deadline=time.monotonic() + 0.5)
    assert time.monotonic() - start < 5
    with pytest.raises(ItemTimeout):
        slow.generate(render_prompt(ITEMS[1]), deadline=time.monotonic() - 1)
    slow.close()


@pytest.mark.model
def test_cancel_stops_before_sending(backend):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        backend.generate(render_prompt(ITEMS[0]), cancel=cancel)


@pytest.mark.slow  # a few seconds of CPU: out of make test-fast
def test_unreachable_server_fails_at_start_naming_the_url():
    url = refused_url()
    start = time.monotonic()
    with pytest.raises(ModelError, match=f"server at {url}.*check that it is running"):
        load_backend(ServerConfig(backend="openai", base_url=url))
    assert time.monotonic() - start < 30


def test_connection_refused_is_retried_with_backoff(caplog):
    url = refused_url()
    backend = OpenAIBackend(url, retries=3, backoff_s=0.1)
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="mcp_server.backends.openai_compat"):
        with pytest.raises(ModelError, match="after 4 attempts.*Connection ?refused|after 4 attempts.*ConnectError"):
            backend.generate(render_prompt(ITEMS[0]))
    elapsed = time.monotonic() - start
    retries = [r for r in caplog.records if "retry" in r.getMessage()]
    assert [r.getMessage().split("retry ")[1][:3] for r in retries] == ["1/3", "2/3", "3/3"]
    assert elapsed >= 0.1 + 0.2 + 0.4
    backend.close()


@pytest.mark.model
def test_retries_outlast_a_server_that_is_still_starting():
    """Connection refused at first, then the real server comes up: the backoff waits it out."""
    late = LlamaServer(bundled_base_path(), n_threads=1)
    backend = OpenAIBackend(late.base_url, grammar=tight_grammar(),
                            max_tokens=MAX_TOKENS, retries=6, backoff_s=0.5, timeout_s=SLOW)
    starter = threading.Thread(target=late.start)
    try:
        starter.start()
        gen = backend.generate(render_prompt(ITEMS[2]))
        assert schema_errors(gen.metadata.model_dump()) == []
    finally:
        starter.join()
        late.stop()
        backend.close()


@pytest.mark.parametrize("url, expected", [
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080/v1"),
    ("http://127.0.0.1:8080/v1/", "http://127.0.0.1:8080/v1"),
    ("https://example.org/api/v1", "https://example.org/api/v1"),
])
def test_base_url_is_normalised(url, expected):
    assert normalise_base_url(url) == expected


@pytest.mark.parametrize("base_url, message", [
    ("", "base_url is required"),
    ("127.0.0.1:8080", "base_url = '127.0.0.1:8080' is not an http"),
])
def test_bad_settings_fail_naming_the_setting(base_url, message):
    with pytest.raises(ConfigError, match=message):
        load_backend(ServerConfig(backend="openai", base_url=base_url))


@pytest.mark.parametrize("settings, message", [
    ({"openai_api": "responses"}, "openai_api = 'responses' is not one of: completions, chat"),
    ({"openai_constraint": "regex"}, "openai_constraint = 'regex' is not one of: grammar"),
])
def test_bad_choices_fail_when_the_config_is_built(settings, message):
    """At start-up, from the config file or environment, before any backend is loaded."""
    with pytest.raises(ConfigError, match=message):
        load_config(overrides={"backend": "openai", "base_url": "http://127.0.0.1:1", **settings})


@pytest.mark.slow
@pytest.mark.model
def test_mcp_tools_through_the_openai_backend(server):
    """`python -m mcp_server` with backend = openai, configured only by environment variables, driven
    by the MCP SDK's client over stdio; the model answers from the llama.cpp server (production grammar)."""
    import sys

    import anyio
    from conftest import ROOT, server_env
    from mcp import Client
    from mcp.client.stdio import StdioServerParameters

    env = server_env(NEWS_ENHANCER_BACKEND="openai", NEWS_ENHANCER_BASE_URL=server.base_url, NEWS_ENHANCER_API_KEY=KEY,
                     NEWS_ENHANCER_ITEM_TIMEOUT_S=str(SLOW))
    params = StdioServerParameters(command=sys.executable, args=["-m", "mcp_server"], cwd=str(ROOT), env=env)
    short = {"title": "Mistral", "content": "Mistral AI released a model."}  # the base model answers it in ~150 tokens

    async def main():
        async with Client(params) as client:
            return await client.call_tool("batch_enhance", {"items": [short, {"title": " ", "content": ""}]})

    result = anyio.run(main)
    assert not result.is_error, result.content
    entries = result.structured_content["items"]
    assert [e["ok"] for e in entries] == [True, False] and "empty title" in entries[1]["error"]
    assert schema_errors(entries[0]["metadata"]) == []
    assert result.structured_content["model"].endswith("@" + server.base_url)
