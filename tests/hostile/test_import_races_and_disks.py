"""Issue 20, D1 and T5: two imports at once keep both rows; a full disk or a read-only data folder
is a one-line message with the data intact.

These run the real command (`.venv/bin/cdsanalysis`) in separate processes, side by side, as an
analyst's two terminals would. The disk cases mount small tmpfs folders, which needs root (and a
machine that allows mounts, as CI here does); elsewhere they skip and say why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cdsanalysis.data.bundled import REPOSITORY_DATA
from cdsanalysis.data.progress_history import progress_lock
from cdsanalysis.exceptions import CdsAnalysisError
from tests.hostile.make_corpus import _sheet
from tests.test_render_interrupts import tmpfs

CLI = str(Path(sys.executable).parent / "cdsanalysis")
TRIALS = 5


def _form(path: Path, name: str, count: int, total: int) -> Path:
    workbook, _ = _sheet([[1, name, total, count, None]], date="31/12/2024")
    workbook.save(path)
    return path


def _copy_data(folder: Path) -> Path:
    return Path(shutil.copytree(REPOSITORY_DATA, folder, ignore=shutil.ignore_patterns("sources", "frames")))


def _state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("trial", range(TRIALS))
def test_two_imports_started_together_keep_both_rows(tmp_path, trial):
    data = _copy_data(tmp_path / "data")
    forms = [_form(tmp_path / "a.xlsx", "Huyện Hoằng Hóa", 18, 37), _form(tmp_path / "b.xlsx", "Huyện Hậu Lộc", 12, 23)]
    runs = [subprocess.Popen([CLI, "import", str(form), "--out", str(data), "--lang", "en"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for form in forms]
    results = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    for code, out, err in results:
        assert code == 0, err
        assert "Traceback" not in err and "added 1 row(s)" in out
    progress = (data / "progress.csv").read_text(encoding="utf-8")
    assert "399,Huyện Hoằng Hóa,2024-12-31,18," in progress
    assert "400,Huyện Hậu Lộc,2024-12-31,12," in progress
    assert len(list((data / "history").iterdir())) == 2  # each write kept the version it replaced


def test_an_import_that_waits_too_long_refuses_clearly(tmp_path):
    folder = _copy_data(tmp_path / "data")
    with progress_lock(folder, lang="en"):
        with pytest.raises(CdsAnalysisError, match="another import is still writing"):
            with progress_lock(folder, wait=0.2, lang="en"):
                pass


def _import(form: Path, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, "import", str(form), "--out", str(data), "--lang", "en"], capture_output=True,
                          text=True, timeout=300)


def _one_line_message(done: subprocess.CompletedProcess, words: str) -> None:
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert words in done.stderr and "nothing was changed" in done.stderr, done.stderr


def test_a_read_only_data_folder_is_a_message_and_the_data_stay_intact(tmp_path):
    form = _form(tmp_path / "form.xlsx", "Huyện Hoằng Hóa", 18, 37)
    with tmpfs(tmp_path / "ro", "size=2m") as mount:
        data = _copy_data(mount / "data")
        before = _state(data)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        done = _import(form, data)
        after = _state(data)
    _one_line_message(done, "read-only")
    assert after == before


def test_a_full_disk_is_a_message_and_the_data_stay_intact(tmp_path):
    form = _form(tmp_path / "form.xlsx", "Huyện Hoằng Hóa", 18, 37)
    with tmpfs(tmp_path / "small", "size=512k") as mount:
        data = _copy_data(mount / "data")
        before = _state(data)
        handle = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
        try:  # fill every block left
            while os.write(handle, b"x" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(handle)
        done = _import(form, data)
        after = _state(data)
        left = sorted(p.name for p in data.iterdir())
    _one_line_message(done, "disk is full")
    assert after == before
    # no history folder, no temp file
    assert left == ["README.md", "changes.csv", "progress.csv", "recognitions.csv", "targets.csv", "units.csv"], left
