"""Atomic writes leave either the old file or the new one, never a partial file or a temp file."""

from __future__ import annotations

import pandas as pd
import pytest

from cdsanalysis.data.io import atomic_write_csv, atomic_write_text


def test_atomic_write_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    atomic_write_csv(target, pd.DataFrame({"a": ["0380"], "d": pd.to_datetime(["2024-06-30"])}))
    assert target.read_text(encoding="utf-8") == "a,d\n0380,2024-06-30\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")

    class Boom:
        def __str__(self):
            raise RuntimeError("boom")

    with pytest.raises(TypeError):
        atomic_write_text(target, Boom())  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_gives_ordinary_permissions(tmp_path):
    import os
    import stat

    mask = os.umask(0o022)
    try:
        path = atomic_write_text(tmp_path / "report.html", "<p>ok</p>")
    finally:
        os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
