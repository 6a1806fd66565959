"""The package's folders are its layers, and imports run one way: report → model → data → wording.

Every import counts, deferred (inside a function) or not, except those under ``if TYPE_CHECKING``
(annotations only, never executed).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cdsanalysis"
LAYERS = {"wording": 0, "data": 1, "model": 2, "report": 3}
"""Rank of each layer: a module may import only from layers of lower or equal rank."""
BASE = {"cdsanalysis.exceptions", "cdsanalysis.settings"}
"""Top-level modules every layer may use (they import nothing of the layers)."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(path: Path) -> set[str]:
    """Modules of ours that ``path`` imports at run time."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("cdsanalysis"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cdsanalysis"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)  # `from pkg import module`
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return found


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_the_graph_sees_the_known_edges():
    """Guard the guard: the parser finds imports we know exist, deferred ones included."""
    graph = import_graph()
    assert "cdsanalysis.data.schema" in graph["cdsanalysis.data.dataset"]
    assert "cdsanalysis.model.projection" in graph["cdsanalysis.report.batch"]
    assert len(graph) > 25


@pytest.mark.parametrize("module", sorted(import_graph()))
def test_imports_run_one_way(module):
    layer = _layer(module)
    if layer is None:
        if module in BASE:
            assert {m for m in import_graph()[module] if _layer(m) and _layer(m) != "wording"} == set(), \
                f"{module} must stay below the layers (it may use wording/)"
        return
    upward = sorted(m for m in import_graph()[module] if _layer(m) and LAYERS[_layer(m)] > LAYERS[layer])
    assert upward == [], f"{module} ({layer}) imports a higher layer"
    top = sorted(m for m in import_graph()[module]
                 if _layer(m) is None and m not in BASE and m != "cdsanalysis")
    assert top == [], f"{module} imports a top-level module other than settings/exceptions"


def test_no_import_circle():
    graph = import_graph()
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt):] + [nxt]
                pytest.fail("import circle: " + " → ".join(cycle))
            if nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
