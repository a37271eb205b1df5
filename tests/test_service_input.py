"""Input checks of the enhancement service that need no model."""

import pytest

from mcp_server.config import ServerConfig
from mcp_server.errors import InputError
from mcp_server.service import Enhancer


def test_lone_surrogates_are_a_clear_input_error_not_an_internal_one():
    enhancer = Enhancer(backend=None, config=ServerConfig())
    with pytest.raises(InputError, match="content is not valid Unicode .* character 3"):
        enhancer.check_item({"title": "ok", "content": "abc\ud800def"}, 2)
    entry = enhancer.enhance_entry({"title": "\udfff", "content": "c", "id": "x"}, 0)
    assert (entry.ok, entry.id) == (False, "x") and "title is not valid Unicode" in entry.error
