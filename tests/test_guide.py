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
from cdsanalysis.wording import words

pytestmark = pytest.mark.slow  # runs every command of the user guide

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "huong-dan.md"
RENDER_FAST = ["--draws", "100", "--districts", "399", "--jobs", "1", "--quiet"]


def commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines()
            if line.strip() and not line.strip().startswith("#")]


PARTIAL_RETURN = {"Huyện Hoằng Hóa": 18, "Huyện Hậu Lộc": 12, "Huyện Thạch Thành": 13}


def fill_form(path: Path) -> None:
    """What the offices do in an ordinary month (issue 19): three districts report, 24 leave column D blank."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if sheet.cell(row, 2).value in PARTIAL_RETURN:
            sheet.cell(row, COUNT_COLUMN, PARTIAL_RETURN[sheet.cell(row, 2).value])
    workbook.save(path)


def decision_list(path: Path, folder: Path) -> None:
    """A decision's list of three Hoằng Hóa communes not yet recognised in ``folder``, typed without accents."""
    import pandas as pd

    units = pd.read_csv(folder / "units.csv", dtype=str, keep_default_na=False)
    done = set(pd.read_csv(folder / "recognitions.csv", dtype=str)["commune_code"])
    names = units[(units["district_code"] == "399") & ~units["commune_code"].isin(done)]["commune_name"][:3]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Tên xã", "Huyện"])
    for i, name in enumerate(names, 1):
        plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
        sheet.append([i, plain.encode("ascii", "ignore").decode(), "Hoang Hoa"])
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
        ["validate", "template", "import", "import", "import-decision", "import-decision", "validate", "progress",
         "render", "import"]
    shutil.copytree(REPOSITORY_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("sources"))
    (tmp_path / ".venv").symlink_to(Path(sys.prefix))
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("CDSANALYSIS_DATA", None)
    for step in steps:
        argv = shlex.split(step)
        if argv[:2] == ["cdsanalysis", "render"]:
            argv += RENDER_FAST
        command = ["bash", "-c", step] if argv[0] == "." else argv
        if argv[:2] == ["cdsanalysis", "import-decision"]:
            decision_list(tmp_path / argv[2], tmp_path / "du-lieu")
            before = (tmp_path / "du-lieu" / "recognitions.csv").read_bytes()
        run = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, f"{step}\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}"
        assert "Traceback" not in run.stderr, step
        if argv[:2] == ["cdsanalysis", "template"]:
            fill_form(tmp_path / argv[argv.index("--out") + 1])
        if "--dry-run" in argv:
            assert "chạy thử: không ghi gì" in run.stdout
        if argv[:2] == ["cdsanalysis", "import"]:
            assert "24 huyện không báo cáo cho ngày 31/12/2024" in run.stdout or "--undo" in argv
        if argv[:2] == ["cdsanalysis", "import"] and not {"--dry-run", "--undo"} & set(argv):
            # the guide's promise: real figures replace the illustrative ones
            assert "dòng trong đó là số liệu minh họa" in run.stdout
            progress = (tmp_path / "du-lieu" / "progress.csv").read_text(encoding="utf-8")
            assert "399,Huyện Hoằng Hóa,2024-12-31,18," in progress
        if argv[:2] == ["cdsanalysis", "progress"]:
            province = next(line for line in run.stdout.splitlines() if "Toàn tỉnh" in line)
            assert int(re.search(r"Toàn tỉnh\s+(\d+)", province).group(1)) >= 95, province
        if argv[:2] == ["cdsanalysis", "import-decision"]:
            after = (tmp_path / "du-lieu" / "recognitions.csv").read_bytes()
            assert (after == before) == ("--dry-run" in argv) and "3 xã" in run.stdout
        if "--undo" in argv:
            assert "đã khôi phục" in run.stdout
    assert list((tmp_path / "bao-cao").rglob("index.html")), "render wrote no index"
    # the undo at the end put back the file as copied from data/, byte for byte
    assert (tmp_path / "du-lieu" / "progress.csv").read_bytes() == (REPOSITORY_DATA / "progress.csv").read_bytes()
    assert (tmp_path / "data" / "progress.csv").read_bytes() == (REPOSITORY_DATA / "progress.csv").read_bytes()


VALID = words("vi")["command"]["valid"].split(": ", 1)[1].split(" —")[0]  # what `validate` says of a good folder


@pytest.mark.parametrize("phrase", ["--dry-run", VALID, "bao-cao/2024-12-31/index.html", "summary.xlsx",
                                    "--lang en", "CDSANALYSIS_LANG"])
def test_the_guide_names_what_the_user_sees(phrase):
    assert phrase in GUIDE.read_text(encoding="utf-8")
