"""The monthly update: real figures evict illustrative ones, nothing is written unless the result validates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from cdsanalysis.data.bundled import REPOSITORY_DATA
from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.io import read_text_table
from cdsanalysis.data.progress_update import import_sheet, merge_progress
from cdsanalysis.exceptions import CdsAnalysisError, DataValidationError

SHEETS = Path(__file__).parent / "fixtures" / "sheets"
COLUMNS = ["district_code", "district_name", "as_of", "completed", "source", "status", "note"]


def rows(*records: tuple[str, str, str, str]) -> pd.DataFrame:
    return pd.DataFrame([dict(district_code=c, district_name="", as_of=d, completed=n, source="s", status=s, note="")
                         for c, d, n, s in records], columns=COLUMNS)


def test_a_real_figure_evicts_every_illustrative_row_of_its_district_only():
    old = rows(("1", "2023-06-30", "3", "illustrative"), ("1", "2023-12-31", "4", "illustrative"),
               ("1", "2022-12-31", "2", "claim"), ("2", "2023-12-31", "5", "illustrative"))
    new = rows(("1", "2024-06-30", "6", "actual"))
    merged, added, replaced = merge_progress(old, new)
    assert list(zip(merged["district_code"], merged["as_of"], merged["status"], strict=False)) == [
        ("1", "2022-12-31", "claim"), ("1", "2024-06-30", "actual"), ("2", "2023-12-31", "illustrative")]
    assert sorted(replaced["as_of"]) == ["2023-06-30", "2023-12-31"] and len(added) == 1


def test_an_illustrative_import_replaces_only_its_own_dates():
    old = rows(("1", "2023-06-30", "3", "illustrative"), ("1", "2023-12-31", "4", "illustrative"))
    merged, _, replaced = merge_progress(old, rows(("1", "2023-12-31", "5", "illustrative")))
    assert list(merged["completed"]) == ["3", "5"] and list(replaced["completed"]) == ["4"]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(REPOSITORY_DATA, target)
    return target


def units(folder: Path) -> pd.DataFrame:
    return read_text_table(folder / "units.csv")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_the_issue_example_now_validates_after_import(data):
    """merged_header.xlsx (30/9/2024) used to leave a progress.csv that no longer validated."""
    update = import_sheet(SHEETS / "merged_header.xlsx", units(data), data)
    assert update.written and len(update.added) == 4
    assert set(update.replaced["status"]) == {"illustrative"}
    assert set(update.replaced["district_code"]) == {"380", "399", "396"}
    load_dataset(data)  # raises if the folder no longer validates


def test_an_import_that_would_be_invalid_writes_nothing_and_lists_the_problems(data, tmp_path):
    before = snapshot(data)
    form = tmp_path / "falls.xlsx"
    from openpyxl import Workbook
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["(Số liệu tính đến ngày 30/6/2024)"])
    sheet.append(["STT", "Đơn vị", "Số xã hoàn thành"])
    sheet.append([1, "Hoằng Hóa", 37])  # with the others' illustrative rows: above the province's 95
    workbook.save(form)
    with pytest.raises(DataValidationError) as caught:
        import_sheet(form, units(data), data)
    assert "nothing was written" in str(caught.value)
    assert set(caught.value.failure_cases["check"]) == {"province_sum"}
    assert snapshot(data) == before


def test_a_dry_run_reports_and_writes_nothing(data):
    before = snapshot(data)
    update = import_sheet(SHEETS / "merged_header.xlsx", units(data), data, dry_run=True)
    assert not update.written and len(update.added) == 4
    assert "would replace" in update.describe() and "dry run" in update.describe()
    assert set(update.summary()["action"]) == {"add", "replace"}
    assert snapshot(data) == before


def test_a_read_only_progress_file_is_refused(data):
    target = data / "progress.csv"
    os.chmod(target, 0o444)
    before = target.read_bytes()
    with pytest.raises(CdsAnalysisError, match="read-only"):
        import_sheet(SHEETS / "merged_header.xlsx", units(data), data)
    assert target.read_bytes() == before and oct(target.stat().st_mode & 0o777) == "0o444"


def test_a_symlinked_progress_file_stays_a_symlink(data, tmp_path):
    elsewhere = tmp_path / "shared-progress.csv"
    shutil.move(data / "progress.csv", elsewhere)
    (data / "progress.csv").symlink_to(elsewhere)
    import_sheet(SHEETS / "merged_header.xlsx", units(data), data)
    assert (data / "progress.csv").is_symlink()
    assert "2024-09-30" in elsewhere.read_text(encoding="utf-8")
