"""The package's folders are its layers, and imports run one way: report → model → data → wording.

Every import counts: at the top, deferred inside a function, or under ``if TYPE_CHECKING`` (an
annotation is still a dependency a reader follows, and the one that hid the district ↔ sections
circle). Inside a layer split into sub-layers (``report/``: content → writers → run, once split),
imports run one way too.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cdsanalysis"
LAYERS = {"wording": 0, "data": 1, "model": 2, "report": 3}
"""Rank of each layer: a module may import only from layers of lower or equal rank."""
SUBLAYERS = {"report": {"content": 0, "writers": 1, "run": 2}}
"""Rank of each sub-layer inside a layer: the same one-way rule, one level down."""
BASE = {"cdsanalysis.exceptions": 0, "cdsanalysis.settings": 1}
"""Top-level modules every layer may use; they may import `wording` and lower BASE modules, no other layer."""


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Modules of ours that ``path`` imports anywhere, ``TYPE_CHECKING`` blocks included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("cdsanalysis"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cdsanalysis"):
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)  # `from pkg import module`
    return found


def _deferred_own_imports(path: Path) -> list[int]:
    """Lines of imports of our own modules inside a function body (they belong at the top)."""
    lines = []
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(function):
                names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                         else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
                if any(n.startswith("cdsanalysis") for n in names):
                    lines.append(node.lineno)
    return sorted(set(lines))


@functools.cache
def import_graph(package: Path | None = None) -> dict[str, set[str]]:
    """Every module of ``package`` (default: `PACKAGE`) → the modules of ours it imports (computed once)."""
    package = package or PACKAGE
    modules = {_module_name(p, package): p for p in package.rglob("*.py")}
    return {name: {m for m in _imports(path) if m in modules and m != name} for name, path in modules.items()}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def _sublayer(module: str) -> str | None:
    parts = module.split(".")
    subs = SUBLAYERS.get(parts[1] if len(parts) > 1 else "", {})
    return parts[2] if len(parts) > 2 and parts[2] in subs else None


def test_the_graph_sees_the_known_edges():
    """Guard the guard: the parser finds imports we know exist, deferred and TYPE_CHECKING ones included."""
    graph = import_graph()
    assert "cdsanalysis.data.schema" in graph["cdsanalysis.data.dataset"]
    assert "cdsanalysis.model.projection" in graph["cdsanalysis.report.run.batch"]
    assert "cdsanalysis.report.run.changes" in graph["cdsanalysis.report.run.index"]  # under TYPE_CHECKING
    assert len(graph) > 25


@pytest.mark.parametrize("module", sorted(import_graph()))
def test_imports_run_one_way(module):
    imported = import_graph()[module]
    layer = _layer(module)
    if layer is None:
        if module in BASE:
            above = {m for m in imported if (_layer(m) and _layer(m) != "wording")
                     or (m in BASE and BASE[m] >= BASE[module])}
            assert above == set(), f"{module} must stay below the layers (it may use wording/ only)"
        return
    upward = sorted(m for m in imported if _layer(m) and LAYERS[_layer(m)] > LAYERS[layer])
    assert upward == [], f"{module} ({layer}) imports a higher layer"
    top = sorted(m for m in imported if _layer(m) is None and m not in BASE and m != "cdsanalysis")
    assert top == [], f"{module} imports a top-level module other than settings/exceptions"
    if layer == "wording":
        assert {m for m in imported if m in BASE} <= {"cdsanalysis.exceptions"}, "wording/ uses no settings"
    sub = _sublayer(module)
    if sub is not None:
        ranks = SUBLAYERS[layer]
        up = sorted(m for m in imported if _layer(m) == layer and _sublayer(m) and ranks[_sublayer(m)] > ranks[sub])
        assert up == [], f"{module} ({layer}/{sub}) imports a higher sub-layer"


def test_no_import_circle():
    _assert_no_circle(import_graph())


def _assert_no_circle(graph: dict[str, set[str]]) -> None:
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


def test_the_circle_finder_sees_a_type_checking_circle(tmp_path):
    """Guard the guard: a circle closed only under ``if TYPE_CHECKING`` is still a circle."""
    package = tmp_path / "cdsanalysis"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from cdsanalysis import b\n")
    (package / "b.py").write_text("from typing import TYPE_CHECKING\n"
                                  "if TYPE_CHECKING:\n    from cdsanalysis.a import X\n")
    with pytest.raises(pytest.fail.Exception, match="import circle"):
        _assert_no_circle(import_graph(package))


def test_nothing_in_the_package_imports_the_old_entry_path():
    """`cdsanalysis.report.district` is kept for the template notebook and outside callers only."""
    graph = import_graph()
    assert [m for m in graph if "cdsanalysis.report.district" in graph[m]] == []


DEFERRED_ALLOWED = {
    "model/backtesting.py": "its charts import altair (1.3 s) only when a chart is drawn",
    "model/projection.py": "Dataset (pandera, 0.8 s) for a type check; the model loads in every report kernel",
    "model/scenarios.py": "Dataset (pandera) only when a scenario is built",
    "model/synthetic.py": "Dataset and the writers only when a synthetic folder is built or written",
    "model/store.py": "Dataset and Forecast only when a saved forecast is read or written (a kernel's first call)",
    "report/run/notebook.py": "load_dataset pulls pandera (0.8 s) into every kernel; only the no-file path needs it",
}
"""Modules that may still import our own modules inside functions, and why (each is a debt to pay)."""


def test_our_own_modules_are_imported_at_the_top():
    """A deferred import hides an edge from readers and linters; only heavy third-party imports wait."""
    deferred = {p.relative_to(PACKAGE).as_posix(): lines for p in sorted(PACKAGE.rglob("*.py"))
                if (lines := _deferred_own_imports(p))}
    assert {name: lines for name, lines in deferred.items() if name not in DEFERRED_ALLOWED} == {}
