"""Ctrl-C, a read-only --out and a full disk end in a message, never a traceback (issue 9).

A read-only folder and a full disk are made with small tmpfs mounts, which needs root (and a
machine that allows mounts, as CI here does); elsewhere these tests skip and say why.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from tests.builders import small_tables, write_tables

pytestmark = pytest.mark.slow  # interrupts whole renders (signals, full disks)

CLI = str(Path(sys.executable).parent / "cdsanalysis")


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A tmpfs mounted at ``folder`` with ``options`` (e.g. "ro" or "size=200k")."""
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"this machine does not allow a tmpfs mount: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _render(data: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([CLI, "render", "--data", str(data), "--out", str(out), "--draws", "50", "--quiet",
                           *extra], capture_output=True, text=True, timeout=600)


def test_a_read_only_out_is_a_message_not_a_traceback(tmp_path):
    data = write_tables(tmp_path / "data", small_tables())
    with tmpfs(tmp_path / "ro", "ro,size=1m") as out:
        done = _render(data, out, "--districts", "901", "--lang", "en")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "read-only" in done.stderr.lower() or "cannot write" in done.stderr, done.stderr[-2000:]


def test_a_full_disk_is_a_message_not_a_traceback_and_leaves_nothing_half_written(tmp_path):
    data = write_tables(tmp_path / "data", small_tables())
    with tmpfs(tmp_path / "small", "size=64k") as out:
        done = _render(data, out, "--jobs", "1")
        left = sorted(p.name for p in out.iterdir())
    assert done.returncode != 0
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "space" in done.stderr.lower(), done.stderr[-2000:]
    assert [n for n in left if not n.startswith(".")] == [], left  # no half-written report folder in place


def test_ctrl_c_stops_the_render_with_a_message_and_no_orphan(tmp_path):
    """Ctrl-C in a terminal sends SIGINT to the whole foreground process group."""
    data = write_tables(tmp_path / "data", small_tables())
    render = subprocess.Popen([CLI, "render", "--data", str(data), "--out", str(tmp_path / "out"), "--jobs", "2",
                               "--draws", "50", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    deadline, family = time.monotonic() + 60, []
    while time.monotonic() < deadline and render.poll() is None:
        family = psutil.Process(render.pid).children(recursive=True)
        if any("ipykernel" in " ".join(_cmdline(p)) for p in family):
            break
        time.sleep(0.1)
    assert render.poll() is None, "the render ended before any kernel started"
    family = psutil.Process(render.pid).children(recursive=True)
    os.killpg(render.pid, signal.SIGINT)
    render.wait(timeout=60)
    stderr = render.stderr.read().decode(errors="replace")
    _, alive = psutil.wait_procs(family, timeout=20)
    assert not alive, [(p.pid, _cmdline(p)) for p in alive]
    assert render.returncode != 0 and "Traceback" not in stderr, stderr[-2000:]


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []
