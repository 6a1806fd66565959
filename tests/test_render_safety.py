"""The renderer against hostile names, crashes, kills and concurrent runs (issue 9, render side)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from cdsanalysis.cli import main
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.report.run.executors import LocalPool
from cdsanalysis.report.run.job import DistrictJob
from cdsanalysis.report.run.layout import OutputRoot, RunLayout, inside, mark_run_folder, safe_stem
from cdsanalysis.report.run.outcomes import DistrictOutcome
from tests.builders import small_tables, write_tables

pytestmark = pytest.mark.slow  # kills renders and their workers

HOSTILE_CODES = ["../../escape", "/etc/passwd", "..", ".", "a/b", "a\\b", "", " 12", "x" * 300, "\u202e01",
                 "con", "0380\0x"]


# ---- paths --------------------------------------------------------------------------------

@pytest.mark.parametrize("code", HOSTILE_CODES)
def test_a_hostile_code_becomes_a_plain_file_name_inside_the_folder(code, tmp_path):
    stem = safe_stem(code, "../Huyện <b>Ác</b>/..")
    assert stem and len(stem) <= 80 and all(c.isascii() and (c.isalnum() or c in "-_") for c in stem), stem
    layout = RunLayout(tmp_path)
    for path in (layout.notebook(stem), layout.html(stem), layout.png(stem)):
        assert path.parent == tmp_path and path.resolve().parent == tmp_path.resolve()


def test_stems_of_different_hostile_codes_differ():
    stems = {safe_stem(code, "An Bình") for code in HOSTILE_CODES}
    assert len(stems) == len(HOSTILE_CODES)


def test_plain_codes_keep_their_stem():
    assert safe_stem("399", "Hoằng Hóa") == "399-hoang-hoa"
    assert safe_stem("07", "Đông Sơn") == "07-dong-son"


@pytest.mark.parametrize("name", ["../x.html", "/tmp/x.html", "a/b.png", "..", "", "x\0.png", " x.png"])
def test_a_name_that_would_leave_the_folder_is_refused(name, tmp_path):
    with pytest.raises(CdsAnalysisError, match="refusing to write"):
        inside(tmp_path, name)


def test_a_symlink_out_of_the_folder_is_refused(tmp_path):
    (tmp_path / "run").mkdir()
    (tmp_path / "run" / "x.html").symlink_to(tmp_path / "elsewhere.html")
    with pytest.raises(CdsAnalysisError, match="outside"):
        inside(tmp_path / "run", "x.html")


# ---- the output root: lock, stale work folders, a swap cut short ----------------------------

def test_a_second_render_into_the_same_out_is_refused(tmp_path):
    with OutputRoot(tmp_path):
        with pytest.raises(CdsAnalysisError, match="another render is writing here"):
            OutputRoot(tmp_path).lock()
    with OutputRoot(tmp_path):  # released at the end of the first
        pass


def test_the_next_run_removes_what_a_killed_one_left_and_restores_a_hidden_folder(tmp_path):
    root = OutputRoot(tmp_path)
    work = root.work_folder()
    (work / "2024-01-01").mkdir()
    (work / "2024-01-01" / "x.html").write_text("half", encoding="utf-8")
    hidden = tmp_path / ".2024-02-01.old-abc"  # killed between the two renames of a swap
    hidden.mkdir()
    (hidden / "index.html").write_text("good", encoding="utf-8")
    mark_run_folder(hidden)  # only a folder a render made is put back or removed
    (tmp_path / "2024-03-01").mkdir()
    (tmp_path / ".2024-03-01.old-def").mkdir()  # killed after the swap, before removing the old one
    mark_run_folder(tmp_path / ".2024-03-01.old-def")
    with root:
        done = root.clean_stale()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2024-02-01", "2024-03-01"]
    assert (tmp_path / "2024-02-01" / "index.html").read_text(encoding="utf-8") == "good"
    assert len(done) == 3


def test_an_out_that_is_a_file_is_a_message_not_a_traceback(tmp_path, capsys):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code = main(["render", "--out", str(tmp_path / "file"), "--districts", "901", "--quiet", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1 and "not a folder" in err and "Traceback" not in err
    assert (tmp_path / "file").read_text(encoding="utf-8") == "x"


def test_an_unwritable_out_is_a_message_not_a_traceback(tmp_path, capsys):
    if os.geteuid() == 0:
        pytest.skip("root may write into a read-only folder")
    (tmp_path / "ro").mkdir(mode=0o555)
    code = main(["render", "--out", str(tmp_path / "ro"), "--districts", "901", "--quiet", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1 and "cannot write the reports here" in err and "Traceback" not in err


# ---- a crashing worker costs only its district ------------------------------------------------

def crash_on_second(job: DistrictJob) -> DistrictOutcome:
    """A stand-in worker task: the district coded "2" aborts its process, as vl-convert did."""
    if job.code == "2":
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.2)
    return DistrictOutcome(job.code, job.name, job.stem, ok=True)


def _jobs(n: int) -> list[DistrictJob]:
    return [DistrictJob(code=str(i), name=f"D{i}", stem=f"{i}-d", title="t", lang="vi", folder="/nonexistent",
                        template="/nonexistent", parameters={}) for i in range(n)]


def test_a_worker_crash_costs_only_its_district():
    with LocalPool(2, task=crash_on_second, warm=False) as pool:
        outcomes = {o.district_code: o for o in pool.run(_jobs(6))}
        assert pool.record()["worker_crashes"] >= 1
    assert sorted(outcomes) == ["0", "1", "2", "3", "4", "5"]
    assert [c for c, o in sorted(outcomes.items()) if not o.ok] == ["2"]
    assert "worker process" in outcomes["2"].error and "died" in outcomes["2"].error


# ---- a killed render leaves no process behind ---------------------------------------------------

def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_render_leaves_no_orphan_and_the_next_run_cleans_up(how, tmp_path):
    data = write_tables(tmp_path / "data", small_tables())
    out = tmp_path / "out"
    render = subprocess.Popen([str(Path(sys.executable).parent / "cdsanalysis"), "render", "--data", str(data),
                               "--out", str(out), "--jobs", "2", "--draws", "50", "--quiet"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    deadline, kernels, family = time.monotonic() + 60, [], []
    while time.monotonic() < deadline and render.poll() is None:
        family = _descendants(render.pid)
        kernels = [p for p in family if "ipykernel" in " ".join(_cmdline(p))]
        if kernels:
            break
        time.sleep(0.1)
    assert kernels, "the render finished or failed before any kernel started"
    family = _descendants(render.pid)
    render.send_signal(how)
    render.wait(timeout=30)
    gone, alive = psutil.wait_procs(family, timeout=20)
    assert not alive, [(p.pid, _cmdline(p)) for p in alive]
    if how == signal.SIGTERM:
        assert render.returncode != 0 and b"Traceback" not in render.stderr.read()
    assert main(["render", "--data", str(data), "--out", str(out), "--districts", "Nowhere", "--quiet"]) != 0
    assert [p.name for p in out.iterdir() if p.name.startswith(".rendering-")] == []


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []
