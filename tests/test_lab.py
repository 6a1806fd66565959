"""`make lab`: JupyterLab on the repository root, --allow-root only as root, notebooks trusted first."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def lab():
    spec = importlib.util.spec_from_file_location("lab_script", ROOT / "scripts" / "lab.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("uid", "allowed"), [(0, True), (1000, False)])
def test_allow_root_only_as_root(lab, uid, allowed):
    command = lab.lab_command(uid=uid)
    assert ("--allow-root" in command) is allowed
    assert command[1] == "lab" and f"--ServerApp.root_dir={ROOT}" in command  # data/, reports/, notebooks/
    assert "--LabApp.default_url=/lab/tree/notebooks/explore.ipynb" in command


def test_the_committed_notebooks_are_trusted_before_the_lab_starts(lab):
    command = lab.trust_command()
    assert command[1] == "trust" and str(ROOT / "notebooks" / "explore.ipynb") in command


def test_the_lab_extra_comes_from_pyproject(lab):
    command = lab.install_command()
    assert command[1:4] == ["-m", "pip", "install"] and any(r.startswith("jupyterlab") for r in command)


def test_make_lab_runs_the_script():
    recipe = re.search(r"^lab:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    assert "scripts/lab.py" in recipe and "notebooks" not in recipe.replace("scripts/lab.py", "")
