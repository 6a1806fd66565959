"""environment.yml (conda) and pyproject.toml (pip) list the same dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _normalise(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    name, spec = match.group(1), match.group(2).replace(" ", "")
    return re.sub(r"[-_.]+", "-", name).lower(), spec


def pip_dependencies() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    return dict(_normalise(r) for r in requirements)


def conda_dependencies() -> dict[str, str]:
    """The conda packages of environment.yml (a flat list: no YAML library needed)."""
    deps: dict[str, str] = {}
    in_deps = False
    for line in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        if in_deps and re.match(r"^  - [^\s]", line) and not line.strip().endswith(":"):
            name, spec = _normalise(line.strip()[2:].split("#")[0])
            if name not in ("python", "pip"):
                deps[name] = spec
    return deps


def test_environment_yml_matches_pyproject():
    pip, conda = pip_dependencies(), conda_dependencies()
    assert sorted(set(pip) - set(conda)) == [], "in pyproject.toml but not environment.yml"
    assert sorted(set(conda) - set(pip)) == [], "in environment.yml but not pyproject.toml"
    assert {k: v for k, v in pip.items() if conda[k] != v} == {}, "version specs differ"


def test_parser_sees_the_real_lists():
    """Guard the guard: both parsers find the core packages."""
    for deps in (pip_dependencies(), conda_dependencies()):
        assert {"pandas", "statsmodels", "altair", "papermill", "nbval", "jupyterlab"} <= set(deps)


def test_environment_installs_the_project_itself():
    assert "- -e ." in (ROOT / "environment.yml").read_text(encoding="utf-8")


def locked_versions() -> dict[str, set[str]]:
    """Package → pinned versions in requirements.lock (a package may have one pin per marker)."""
    pins: dict[str, set[str]] = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)", line)
        if match:
            pins.setdefault(re.sub(r"[-_.]+", "-", match.group(1)).lower(), set()).add(match.group(2))
    return pins


def test_lock_is_in_sync_with_pyproject():
    """Every runtime and test requirement is pinned, with hashes, at a version its spec allows.

    After changing a spec in pyproject.toml, `make lock` brings the lock back in step.
    """
    from packaging.specifiers import SpecifierSet

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = dict(_normalise(r) for r in project["dependencies"] + project["optional-dependencies"]["test"])
    pins = locked_versions()
    assert sorted(set(wanted) - set(pins)) == [], "required but not in requirements.lock: run `make lock`"
    wrong = {name: sorted(pins[name]) for name, spec in wanted.items()
             if not all(SpecifierSet(spec).contains(v) for v in pins[name])}
    assert wrong == {}, "pinned versions outside pyproject.toml's specs: run `make lock`"
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert text.count("==") <= text.count("--hash=sha256:"), "every pin carries a hash"


def test_make_installs_from_the_lock():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "--require-hashes -r requirements.lock" in makefile
    assert "--no-deps" in makefile  # the project itself adds nothing unpinned
