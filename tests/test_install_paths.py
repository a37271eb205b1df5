"""Install without a clone: server.json (MCP Registry), the MCP bundle manifest and the Dockerfile.

Each file is checked against what it describes: the published schema (vendored in
tests/fixtures/schemas/, see its README), the project's version, the server's real settings and
tools, and the console script the Dockerfile starts. The end-to-end install (wheel -> fresh
virtualenv -> `news-enhancer serve` offline over MCP) needs PyPI, so it is a script outside this
offline suite: `make check-install` (packaging/check_install.py).
"""

import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT
from mcp import Client

from mcp_server.config import BACKENDS, ServerConfig
from mcp_server.server import create_server

SCHEMAS = ROOT / "tests" / "fixtures" / "schemas"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
VERSION = PYPROJECT["project"]["version"]
SERVER_JSON = json.loads((ROOT / "server.json").read_text())
MCPB = ROOT / "packaging" / "mcpb"
MANIFEST = json.loads((MCPB / "manifest.json").read_text())
DOCKERFILE = (ROOT / "Dockerfile").read_text()
PREFIX = "NEWS_ENHANCER_"


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text())


def validate(document: dict, schema_doc: dict) -> None:
    jsonschema.validators.validator_for(schema_doc)(schema_doc, format_checker=jsonschema.FormatChecker()).validate(
        document)


def js_string(value) -> str:
    """How a host substitutes a user_config value into an env string (JavaScript's String())."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- server.json (MCP Registry)

def test_server_json_is_valid_against_the_registry_schema_it_names():
    published = schema("server.schema.2025-12-11.json")
    assert SERVER_JSON["$schema"] == published["$id"]
    validate(SERVER_JSON, published)


def test_a_server_json_breach_is_caught_by_the_vendored_schema():
    too_long = {**SERVER_JSON, "description": "x" * 101}
    with pytest.raises(jsonschema.ValidationError):
        validate(too_long, schema("server.schema.2025-12-11.json"))


def test_server_json_versions_are_the_project_version():
    assert SERVER_JSON["version"] == VERSION
    pypi, oci = SERVER_JSON["packages"]
    assert (pypi["registryType"], pypi["identifier"], pypi["version"]) == ("pypi", PYPROJECT["project"]["name"], VERSION)
    assert oci["registryType"] == "oci" and oci["identifier"].endswith(f"/news-enhancer:{VERSION}")


def test_server_json_runs_the_console_script_serve_command_over_stdio():
    pypi = SERVER_JSON["packages"][0]
    assert PYPROJECT["project"]["scripts"]["news-enhancer"] == "news_core.cli:main"
    assert [a["value"] for a in pypi["packageArguments"]] == ["serve"]
    assert "serve" in PYPROJECT["project"]["entry-points"]["news_enhancer.commands"]
    assert all(p["transport"] == {"type": "stdio"} for p in SERVER_JSON["packages"])


def test_server_json_repository_is_the_projects_source_url():
    assert SERVER_JSON["repository"]["url"] == PYPROJECT["project"]["urls"]["Source"] == MANIFEST["repository"]["url"]


def test_registry_ownership_markers_name_the_server():
    """PyPI: the README (the wheel's description) carries 'mcp-name: <name>'; OCI: the image label."""
    name = SERVER_JSON["name"]
    assert re.search(rf"^<!-- mcp-name: {re.escape(name)} -->$", (ROOT / "README.md").read_text(), re.M)
    assert f'LABEL io.modelcontextprotocol.server.name="{name}"' in DOCKERFILE
    assert PYPROJECT["project"]["readme"] == "README.md"


@pytest.mark.parametrize("package", SERVER_JSON["packages"], ids=lambda p: p["registryType"])
def test_server_json_environment_variables_are_real_settings_with_their_defaults(package):
    names = set(ServerConfig.names())
    env = {}
    for var in package["environmentVariables"]:
        setting = var["name"].removeprefix(PREFIX).lower()
        assert var["name"].startswith(PREFIX) and setting in names, var["name"]
        assert var["description"]
        if "default" in var:
            assert var["default"] == js_string(getattr(ServerConfig(), setting)), var["name"]
            env[var["name"]] = var["default"]
        assert set(var.get("choices", [])) <= set(BACKENDS)
    assert ServerConfig.load(environ=env) == ServerConfig()  # every default parses back to the setting's own


# --- the MCP bundle (Claude Desktop extension)

def test_mcpb_manifest_is_valid_against_the_published_schema():
    published = schema("mcpb-manifest-v0.4.schema.json")
    assert MANIFEST["manifest_version"] == published["properties"]["manifest_version"]["const"] == "0.4"
    validate(MANIFEST, published)


def test_mcpb_manifest_and_its_project_pin_the_project_version():
    bundle = tomllib.loads((MCPB / "pyproject.toml").read_text())
    assert MANIFEST["version"] == bundle["project"]["version"] == VERSION
    assert bundle["project"]["dependencies"] == [f"{PYPROJECT['project']['name']}=={VERSION}"]
    assert MANIFEST["server"]["type"] == "uv" and (MCPB / MANIFEST["server"]["entry_point"]).is_file()


def test_mcpb_user_config_maps_each_value_to_its_setting():
    env = MANIFEST["server"]["mcp_config"]["env"]
    user_config = MANIFEST["user_config"]
    assert set(env.values()) == {f"${{user_config.{key}}}" for key in user_config}
    for var, value in env.items():
        key = value.removeprefix("${user_config.").removesuffix("}")
        assert var == PREFIX + key.upper() and key in ServerConfig.names()
        default = getattr(ServerConfig(), key)
        assert user_config[key]["type"] == ("number" if isinstance(default, (int, float)) else "string"), key
        assert user_config[key]["default"] == default, key
    assert user_config["api_key"]["sensitive"] is True


def test_mcpb_env_with_every_default_substituted_is_the_default_config():
    """What the host writes when the user changes nothing must start the server as configured by default."""
    user_config = MANIFEST["user_config"]
    env = {var: js_string(user_config[value[len("${user_config."):-1]]["default"])
           for var, value in MANIFEST["server"]["mcp_config"]["env"].items()}
    assert ServerConfig.load(environ=env) == ServerConfig()
    changed = {**env, "NEWS_ENHANCER_ITEM_TIMEOUT_S": "30", "NEWS_ENHANCER_BACKEND": "openai"}
    assert ServerConfig.load(environ=changed).item_timeout_s == 30.0


@pytest.mark.anyio
async def test_mcpb_manifest_lists_exactly_the_servers_tools(fake_backend):
    async with Client(create_server(ServerConfig(), fake_backend)) as client:
        tools = {t.name: " ".join(t.description.split()) for t in (await client.list_tools()).tools}
    assert {t["name"]: t["description"] for t in MANIFEST["tools"]} == tools  # docstrings' line breaks aside


def test_mcpb_entry_point_is_the_serve_command():
    out = subprocess.run([sys.executable, str(MCPB / "src" / "server.py"), "--help"], capture_output=True,
                         text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("usage: news-enhancer serve") and "--item-timeout-s" in out.stdout


# --- Dockerfile

def stages() -> list[list[str]]:
    out: list[list[str]] = []
    for line in DOCKERFILE.replace("\\\n", " ").splitlines():
        if line.startswith("FROM "):
            out.append([])
        if out and line.strip() and not line.startswith("#"):
            out[-1].append(line)
    return out


def test_dockerfile_builds_in_one_stage_and_runs_as_non_root_in_another():
    build, runtime = stages()
    assert build[0].endswith(" AS build") and any("pip install" in line for line in build)
    assert not any("cmake" in line or "build-essential" in line for line in runtime)  # no compiler in the image
    assert any(line.startswith("COPY --from=build /opt/venv") for line in runtime)
    user = [line.split()[1] for line in runtime if line.startswith("USER ")]
    assert user and user[-1] not in ("root", "0")
    entry = runtime.index(next(line for line in runtime if line.startswith("ENTRYPOINT ")))
    assembled = runtime.index(next(line for line in runtime if "serve --prepare" in line))
    assert runtime.index(f"USER {user[-1]}") < assembled < entry  # assembled into the app user's cache


def test_dockerfile_copies_every_package_the_wheel_has_and_nothing_dockerignore_drops():
    sources = {name for line in stages()[0] if line.startswith("COPY ") for name in line.split()[1:-1]}
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.startswith("#")}
    for package in PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"]:
        assert package.rstrip("*") in sources, package
    for name in sources:
        assert (ROOT / name).exists() and name not in ignored, name
    assert {".venv", ".git", "tests"} <= ignored


def test_dockerfile_entrypoint_is_the_installed_serve_command():
    (line,) = [line for line in DOCKERFILE.splitlines() if line.startswith("ENTRYPOINT ")]
    entry = json.loads(line.removeprefix("ENTRYPOINT "))
    assert entry == ["news-enhancer", "serve"]
    script = Path(sys.executable).parent / entry[0]  # the console script pip installed, as in the image
    out = subprocess.run([str(script), *entry[1:], "--help"], capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("usage: news-enhancer serve")


@pytest.mark.model
def test_dockerfile_prepare_command_leaves_the_bundled_gguf_and_the_short_layer_in_the_cache():
    (line,) = [line for line in DOCKERFILE.splitlines() if "--prepare" in line]
    command = line.removeprefix("RUN ").split()
    assert command == ["news-enhancer", "serve", "--prepare"]
    script = Path(sys.executable).parent / command[0]  # the console script pip installed, as in the image
    out = subprocess.run([str(script), *command[1:]], capture_output=True, text=True, timeout=300, cwd=ROOT,
                         stdin=subprocess.DEVNULL)
    assert out.returncode == 0, out.stderr[-2000:]
    from news_core.base_model import cache_root
    from news_core.bundled import bundled_base_path

    with bundled_base_path().open("rb") as f:
        assert f.read(4) == b"GGUF"
    assert list((cache_root() / "heads").glob("*.gguf"))


# --- the wheel (built here; installing it needs PyPI, so that part is `make check-install`)

def check_install():
    import importlib.util

    spec = importlib.util.spec_from_file_location("check_install", ROOT / "packaging" / "check_install.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_the_wheel_carries_the_adapter_the_serve_command_and_the_registry_marker(tmp_path):
    check = check_install()
    wheel = check.build_wheel(ROOT, tmp_path)
    check.check_wheel(wheel, SERVER_JSON["name"])  # raises SystemExit naming what is missing
    with pytest.raises(SystemExit, match="lacks 'mcp-name: io.github.someone-else/x'"):
        check.check_wheel(wheel, "io.github.someone-else/x")


def test_make_install_prepares_the_first_use_files_after_installing():
    """docs/install.md: `make install` runs `news-enhancer serve --prepare`, so the first client start does not
    write the short output layer while the client waits for initialize."""
    makefile = (ROOT / "Makefile").read_text()
    recipe = makefile.split("$(STAMP)-core:", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    steps = [line.strip() for line in recipe]
    assert steps.index("$(PIP) install -e .") < steps.index("$(VENV)/bin/news-enhancer serve --prepare") < len(steps) - 1
    assert steps[-1] == "touch $@"  # a failed prepare leaves the stamp unwritten: the next make retries


def test_mcpb_manifest_claims_only_the_platform_the_project_is_tested_on():
    """Linux only: nothing was tested on macOS or Windows, so neither the bundle nor PyPI claims them."""
    assert MANIFEST["compatibility"]["platforms"] == ["linux"]
    assert [c for c in PYPROJECT["project"]["classifiers"] if c.startswith("Operating System")] == [
        "Operating System :: POSIX :: Linux"]  # PyPI too
