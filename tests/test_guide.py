"""docs/huong-dan.md, the Vietnamese guide to the monthly round: every command in it runs as written.

The commands run in order in a scratch folder holding a copy of the repository's ``data/`` and a
link to this environment's ``.venv``, exactly as the guide shows them, with two additions a person
does by hand: the district offices fill the form after ``template``, and ``render`` gets few draws
and one district to keep the test short.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from cdsanalysis.data.bundled import REPOSITORY_DATA
from cdsanalysis.data.form import COUNT_COLUMN, HEADER_ROW

pytestmark = pytest.mark.slow  # runs every command of the user guide

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "huong-dan.md"
RENDER_FAST = ["--draws", "100", "--districts", "399", "--jobs", "1", "--quiet"]


def commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip() and not line.strip().startswith("#")]


def fill_form(path: Path) -> None:
    """What the offices do: type each district's cumulative count (one more than its last figure)."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if isinstance(sheet.cell(row, 3).value, int) and sheet.cell(row, 2).value:
            sheet.cell(row, COUNT_COLUMN, 12 if "Hoằng Hóa" in sheet.cell(row, 2).value else 1)
    workbook.save(path)


def test_the_guide_is_vietnamese_and_linked_first_from_the_readme():
    text = GUIDE.read_text(encoding="utf-8")
    assert text == unicodedata.normalize("NFC", text)
    assert "Hướng dẫn" in text and "số liệu minh họa" in text
    readme = (GUIDE.parents[1] / "README.md").read_text(encoding="utf-8")
    first_link = re.search(r"\]\(([^)]+)\)", readme)
    assert first_link and first_link.group(1) == "docs/huong-dan.md"


def test_every_command_of_the_guide_runs(tmp_path):
    steps = commands()
    assert [s.split()[1] for s in steps if s.startswith("cdsanalysis")] == \
        ["validate", "template", "import", "import", "validate", "progress", "render"]
    shutil.copytree(REPOSITORY_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("sources"))
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("CDSANALYSIS_DATA", None)
    for step in steps:
        argv = shlex.split(step)
        if argv[:2] == ["cdsanalysis", "render"]:
            argv += RENDER_FAST
        command = ["bash", "-c", step] if argv[0] == "." else argv
        run = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, f"{step}\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
        assert "Traceback" not in run.stderr, step
        if argv[:2] == ["cdsanalysis", "template"]:
            fill_form(tmp_path / argv[argv.index("--out") + 1])
        if "--dry-run" in argv:
            assert "dry run: nothing was written" in run.stdout
        if argv[:2] == ["cdsanalysis", "import"] and "--dry-run" not in argv:
            assert "of them illustrative" in run.stdout  # the guide's promise: real figures replace them
    assert list((tmp_path / "bao-cao").rglob("index.html")), "render wrote no index"
    progress = (tmp_path / "du-lieu" / "progress.csv").read_text(encoding="utf-8")
    assert "399,Huyện Hoằng Hóa,2024-12-31,12," in progress
    assert (tmp_path / "data" / "progress.csv").read_bytes() == (REPOSITORY_DATA / "progress.csv").read_bytes()


@pytest.mark.parametrize("phrase", ["--dry-run", "valid", "bao-cao/2024-12-31/index.html", "summary.xlsx"])
def test_the_guide_names_what_the_user_sees(phrase):
    assert phrase in GUIDE.read_text(encoding="utf-8")
