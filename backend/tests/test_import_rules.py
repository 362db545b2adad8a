"""The package's import rules (docs/architecture.md): no import circle, imports only go down the layers, and an
import inside a function is there for a reason written beside it (an optional or heavy dependency)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "vibecraft"
PURE = ("audio", "planning", "pipeline", "providers", "render", "video", "storage", "analysis_result")
UPPER = ("services", "jobs", "api")
# Imports inside functions, without a reason yet, in modules other engineers are changing now (the lyrics
# engines); each gets its reason or moves to the top with their work. No other module may add one.
PENDING: set[tuple[str, str]] = set()


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = ["vibecraft", *path.relative_to(PACKAGE).with_suffix("").parts]
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = _modules()


def _owner(name: str) -> str | None:
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _top_level_imports(path: Path) -> set[str]:
    """The package's modules this file imports when it is imported (not inside functions, not for type checking)."""
    found: set[str] = set()

    def visit(body: list[ast.stmt]) -> None:
        for node in body:
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.update(f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                             for a in node.names)
            elif isinstance(node, ast.If) and "TYPE_CHECKING" not in ast.unparse(node.test):
                visit(node.body)
                visit(node.orelse)
            elif isinstance(node, ast.Try):
                visit(node.body)
                for handler in node.handlers:
                    visit(handler.body)

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return {m for m in map(_owner, (n for n in found if n.startswith("vibecraft"))) if m}


def _graph() -> dict[str, set[str]]:
    # A module's own package __init__ runs first anyway; an edge to it is no circle of ours.
    return {name: {d for d in _top_level_imports(path) if d != name and not name.startswith(d + ".")}
            for name, path in MODULES.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in graph:
        if v not in index:
            strong(v)
    return out


def test_the_checker_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_no_import_circle():
    graph = _graph()
    assert len(graph) > 100 and sum(map(len, graph.values())) > 300  # the graph was really read
    assert _circles(graph) == []


def test_pure_packages_never_import_the_request_or_job_side():
    def layer(name: str) -> str:
        return (name.split(".") + [""])[1]

    graph = _graph()
    upward = [(name, dep) for name, deps in graph.items() if layer(name) in PURE for dep in deps if layer(dep) in UPPER]
    assert any(layer(name) in PURE for name in graph) and upward == []


def _bare_inner_imports(source: str) -> set[str]:
    """Imports inside functions with no comment on their line or just above their group of imports."""
    lines = source.splitlines()
    bare = set()
    for fn in ast.walk(ast.parse(source)):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(fn):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            own = any("#" in lines[i] for i in range(node.lineno - 1, node.end_lineno))
            i = node.lineno - 2
            while i >= 0 and (lines[i].strip().startswith(("from ", "import ")) or not lines[i].strip()):
                i -= 1
            above = i >= 0 and (lines[i].strip().startswith("#") or lines[i].strip().startswith("try:") and "#" in lines[i])
            if not (own or above):
                bare.add(lines[node.lineno - 1].strip())
    return bare


def test_the_checker_finds_an_import_without_a_reason():
    source = """
def a():
    import json
    return json


def b():
    # Lazy: heavy.
    import numpy
    from scipy import signal
    import redis  # optional
    return numpy, signal, redis
"""
    assert _bare_inner_imports(source) == {"import json"}


def test_every_import_inside_a_function_says_why():
    bare = {(path.relative_to(PACKAGE).as_posix(), line) for path in MODULES.values()
            for line in _bare_inner_imports(path.read_text(encoding="utf-8"))}
    assert bare - PENDING == set()
