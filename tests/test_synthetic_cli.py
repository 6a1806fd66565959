"""`cdsanalysis synthetic`: a made-up data folder of any size that validates, says it is made up, never overwrites."""

from __future__ import annotations

import csv
from pathlib import Path

from cdsanalysis.cli import main
from cdsanalysis.data.dataset import load_dataset

TABLES = ("units.csv", "progress.csv", "targets.csv")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_a_60_district_folder_validates_and_every_figure_is_marked(tmp_path, capsys):
    out = tmp_path / "nation"
    assert main(["synthetic", "--districts", "60", "--out", str(out), "--seed", "3"]) == 0
    assert main(["validate", str(out), "--lang", "en"]) == 0
    assert "60 districts" in capsys.readouterr().out
    dataset = load_dataset(out)
    assert dataset.units["district_code"].nunique() == 60
    for name in ("progress.csv", "targets.csv"):
        rows = _rows(out / name)
        assert rows and {row["status"] for row in rows} == {"illustrative"}
        assert all(row["source"].startswith("synthetic") for row in rows)
    assert all(row["source"].startswith("synthetic") for row in _rows(out / "units.csv"))
    readme = (out / "README.md").read_text(encoding="utf-8")
    assert "không phải số liệu thật" in readme and "seed 3" in readme and "60" in readme


def test_same_seed_same_bytes_other_seed_other_figures(tmp_path):
    for name, seed in (("a", "1"), ("b", "1"), ("c", "2")):
        assert main(["synthetic", "--districts", "5", "--out", str(tmp_path / name), "--seed", seed]) == 0
    same = [(tmp_path / "a" / t).read_bytes() == (tmp_path / "b" / t).read_bytes() for t in TABLES]
    assert all(same)
    assert (tmp_path / "a" / "progress.csv").read_bytes() != (tmp_path / "c" / "progress.csv").read_bytes()


def test_communes_spread_over_the_districts(tmp_path):
    assert main(["synthetic", "--districts", "7", "--communes", "100", "--out", str(tmp_path / "d")]) == 0
    units = _rows(tmp_path / "d" / "units.csv")
    assert len(units) == 100 and len({row["district_code"] for row in units}) == 7


def test_an_existing_data_folder_is_never_overwritten(data_copy, capsys):
    before = {name: (data_copy / name).read_bytes() for name in TABLES}
    assert main(["synthetic", "--districts", "5", "--out", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "units.csv" in err and "Traceback" not in err
    assert {name: (data_copy / name).read_bytes() for name in TABLES} == before


def test_misuse_exits_2(tmp_path, capsys):
    assert main(["synthetic", "--districts", "0", "--out", str(tmp_path / "x")]) == 2
    assert main(["synthetic", "--out", str(tmp_path / "x")]) == 2  # --districts is required
    assert main(["synthetic", "--districts", "9", "--communes", "4", "--out", str(tmp_path / "x")]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "x").exists()
