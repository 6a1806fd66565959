"""The public API works every time: twice in a row, after any submodule import, as the README shows it."""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cdsanalysis

ROOT = Path(__file__).resolve().parent.parent
DRAWS = 50


def _submodules() -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(cdsanalysis.__path__, "cdsanalysis."))


def _call(name: str, dataset):
    """Call one public name the way a user would (classes and errors are checked, not called)."""
    value = getattr(cdsanalysis, name)
    calls = {
        "load_dataset": lambda: value(),
        "validate": lambda: value(dataset.source),
        "standing": lambda: value(dataset),
        "forecast": lambda: value(dataset, draws=DRAWS),
        "assess": lambda: value(cdsanalysis.forecast(dataset, draws=DRAWS)),
        "backtest": lambda: value(dataset, draws=DRAWS, models=("last",)),
        "synthetic_dataset": lambda: value(districts=3, seed=1),
    }
    if name in calls:
        return calls[name]()
    assert callable(value) or isinstance(value, type), name
    return value


def test_every_export_is_listed_once_and_resolves():
    names = [n for n in cdsanalysis.__all__ if n != "__version__"]
    assert len(names) == len(set(names))
    for name in names:
        assert getattr(cdsanalysis, name) is not None


def test_no_public_name_is_also_a_module_name():
    module_leaves = {m.rsplit(".", 1)[-1] for m in _submodules()}
    assert sorted(module_leaves & set(cdsanalysis.__all__)) == []


@pytest.mark.parametrize("name", [n for n in cdsanalysis.__all__ if n != "__version__"])
def test_a_public_name_called_twice_then_after_every_submodule_import(name):
    dataset = cdsanalysis.load_dataset()
    _call(name, dataset)
    _call(name, dataset)
    for module in _submodules():
        importlib.import_module(module)
    _call(name, dataset)
    assert not isinstance(getattr(cdsanalysis, name), type(sys))


@pytest.mark.slow  # a fresh interpreter fits the model
def test_the_issue_one_liner_runs_in_a_fresh_interpreter():
    code = ("import cdsanalysis as c; d=c.load_dataset(); [c.forecast(d) for _ in range(2)]; "
            "[c.assess(c.forecast(d)) for _ in range(2)]; c.standing(d); c.standing(d)")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT.parent)


def test_the_readme_python_block_runs_twice():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"## In Python\s+```python\n(.*?)```", readme, re.S)
    assert match, "README has no '## In Python' python block"
    block = compile(match.group(1), "README.md", "exec")
    namespace: dict = {}
    exec(block, namespace)  # noqa: S102 - the README's own example, run as a reader would
    exec(block, namespace)  # noqa: S102 - and again, as a reader re-running the cell would
