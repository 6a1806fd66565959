"""The README's layout table lists every module where it is, and the house rules exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cdsanalysis"
FOLDERS = ["wording", "data", "model", "report/content", "report/writers", "report/run"]


def _layout_row(folder: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Layout"):]
    row = next(line for line in section.splitlines() if line.startswith(f"| `cdsanalysis/{folder}/` |"))
    return row.split("|")[2]


@pytest.mark.parametrize("folder", FOLDERS)
def test_the_readme_layout_lists_every_module_of_a_folder(folder):
    named = set(re.findall(r"`([a-z_]+)`", _layout_row(folder)))
    modules = {p.stem for p in (PACKAGE / folder).glob("*.py")} - {"__init__"}
    assert sorted(modules - named) == [], f"README layout row of {folder}/ misses these modules"


def test_every_package_folder_has_a_layout_row():
    folders = {p.parent.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("__init__.py")} - {"."}
    assert sorted(folders - set(FOLDERS) - {"report"}) == []


def test_the_house_rules_name_the_owners():
    rules = (ROOT / "docs" / "house-rules.md").read_text(encoding="utf-8")
    for owner in ("cdsanalysis/wording/vi.py", "cdsanalysis/settings.py", "cdsanalysis/report/run/layout.py"):
        assert owner in rules
