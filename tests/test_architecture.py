"""The house's shape: packages stand in layers, each importing only the layers below it.

news_core (contract, prompt, grammar, errors, settings, bundled models) is the floor; the server
and evaluation stand at the top. Every import counts, lazy ones inside functions included.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Lowest first. A package may import any package before it in this list, none after it.
LAYERS = ["news_core", "newsletters", "digest", "training_data", "finetune", "gguf_export", "mcp_server", "evaluation"]


def imported_packages(path: Path) -> set[str]:
    """Top-level project packages `path` imports (relative imports stay in its own package)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & set(LAYERS)


def package_imports() -> dict[str, dict[str, list[str]]]:
    """package -> imported package -> the files that import it."""
    graph: dict[str, dict[str, list[str]]] = {p: {} for p in LAYERS}
    for package in LAYERS:
        for path in sorted((ROOT / package).rglob("*.py")):
            for target in imported_packages(path) - {package}:
                graph[package].setdefault(target, []).append(str(path.relative_to(ROOT)))
    return graph


def test_every_product_package_is_in_a_layer():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages == set(LAYERS), "a new package needs its place in LAYERS"


def test_no_package_imports_a_package_above_it():
    upward = [f"{package} -> {target} in {', '.join(files)}"
              for package, targets in package_imports().items()
              for target, files in targets.items() if LAYERS.index(target) > LAYERS.index(package)]
    assert not upward, "upward imports:\n" + "\n".join(upward)


def test_no_two_packages_import_each_other():
    graph = package_imports()
    loops = sorted({tuple(sorted((a, b))) for a in graph for b in graph[a] if a in graph.get(b, {})})
    assert not loops, f"package loops: {loops}"


def test_the_core_imports_no_other_package():
    assert package_imports()["news_core"] == {}


def test_each_package_registers_its_own_commands():
    """news_core's dispatcher names no package: commands come from entry points, one module each."""
    import importlib

    from news_core.cli import commands

    found = commands()
    assert set(found) == {"serve", "enhance", "demo", "models", "digest", "split", "data", "train", "export", "eval"}
    for name, entry in found.items():
        module = importlib.import_module(entry.value)
        assert callable(module.register) and callable(module.run) and module.HELP, name
        assert entry.value.split(".")[0] in LAYERS
    assert not ({"mcp_server", "finetune", "gguf_export", "evaluation", "training_data"}
                & imported_packages(ROOT / "news_core" / "cli.py"))


def module_imports() -> dict[str, set[str]]:
    """module -> the project modules it imports (lazy and relative imports included). `from . import x`
    of a submodule x counts as an import of x, not of the package."""
    modules = {}
    for package in LAYERS:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {}
    for name, path in modules.items():
        home = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = home[: len(home) - node.level + 1] if node.level else []
                target = ".".join(base + ([node.module] if node.module else []))
                subs = [f"{target}.{alias.name}" for alias in node.names]
                found.update(subs if all(s in modules for s in subs) else [target, *subs])
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {m for m in found if m in modules and m != name}
    return graph


def test_no_modules_import_each_other_in_a_circle():
    """Inside a package too: a circle of modules (a imports b, b imports a, lazily or not) is one
    module split in two, and breaks as soon as someone moves an import to the top."""
    graph = module_imports()
    circles = []
    for start in graph:  # depth-first search for a path back to start; the graph has ~200 modules
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in graph[node]:
                if nxt == start:
                    circles.append(" -> ".join([*path, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert not circles, "module circles:\n" + "\n".join(sorted(set(circles))[:10])
