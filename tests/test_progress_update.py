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
    assert "would replace" in update.describe("en") and "dry run" in update.describe("en")
    assert "sẽ thay" in update.describe() and "chạy thử: không ghi gì" in update.describe()
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


# --- issue 19: partial returns, the province floor, history and undo ------------------------------

PARTIAL = {"Hoằng Hóa": 18, "Hậu Lộc": 12, "Thạch Thành": 13}


def partial_form(data: Path, folder: Path, others: object = None) -> Path:
    """The guide's form for 31/12/2024 with three districts filled and the others left as ``others``."""
    import openpyxl

    from cdsanalysis.cli import main
    from cdsanalysis.data.form import COUNT_COLUMN, HEADER_ROW

    form = folder / "bieu-mau.xlsx"
    assert main(["template", "--data", str(data), "--as-of", "31/12/2024", "--out", str(form)]) == 0
    workbook = openpyxl.load_workbook(form)
    sheet = workbook.active
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        name = sheet.cell(row, 2).value
        if isinstance(sheet.cell(row, 3).value, int) and name:
            count = next((n for district, n in PARTIAL.items() if district in name), others)
            sheet.cell(row, COUNT_COLUMN, count)
    workbook.save(form)
    return form


def test_a_partial_return_imports_lists_the_others_and_undo_restores_the_file(data, tmp_path, capsys):
    """The acceptance of issue 19 (obs. 1): 3 districts report, 24 are blank."""
    from cdsanalysis.cli import main
    from cdsanalysis.data.snapshot import standing

    form = partial_form(data, tmp_path)
    before = (data / "progress.csv").read_bytes()
    capsys.readouterr()
    assert main(["import", str(form), "--out", str(data)]) == 0
    out = capsys.readouterr().out
    assert "24 huyện không báo cáo cho ngày 31/12/2024" in out and "Huyện Quan Sơn" in out
    assert "đã thêm 3 dòng" in out and "history" in out
    province = standing(load_dataset(data)).iloc[-1]
    assert province["district_code"] == "" and province["completed"] >= 95
    assert main(["progress", "--data", str(data)]) == 0
    assert "111" in capsys.readouterr().out
    assert main(["import", "--undo", "--out", str(data)]) == 0
    said = capsys.readouterr().out
    assert "đã khôi phục" in said and "progress-" in said
    assert (data / "progress.csv").read_bytes() == before


def test_zeros_for_the_districts_that_did_not_report_are_refused(data, tmp_path):
    """Obs. 1's trap: 24 zeros would put the province at 43, below the official 95 of 30/6/2024."""
    form = partial_form(data, tmp_path, others=0)
    before = snapshot(data)
    with pytest.raises(DataValidationError) as caught:
        import_sheet(form, units(data), data)
    case = caught.value.failure_cases.iloc[0]
    assert case["check"] == "province_floor" and case["file"] == str(form)
    assert "would be 43" in case["message"] and "official province total of 95 on 30/6/2024" in case["message"]
    assert "blank" in case["message"] and "(0 if none)" not in str(caught.value)
    assert "row 5 Thành phố Thanh Hóa 0 (was 8 on 30/6/2024)" in case["message"]
    assert snapshot(data) == before


def one_row_form(path: Path, date: str, name: str, count: int) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for values in ([f"(Số liệu tính đến ngày {date})"], ["STT", "Đơn vị", "Số xã hoàn thành"], [1, name, count]):
        sheet.append(values)
    workbook.save(path)
    return path


def test_the_floor_is_checked_across_dates_not_only_on_one(data, tmp_path):
    """A form dated before the official total can still lower the province at a later date."""
    import_sheet(one_row_form(tmp_path / "a.xlsx", "31/12/2024", "Hoằng Hóa", 11), units(data), data)  # 96
    # Hậu Lộc's real 0 at 31/3/2024 evicts its illustrative 8 of 30/6/2024: 88 on 31/12/2024, the
    # form's own date (before the official 95 of 30/6/2024) being no problem.
    with pytest.raises(DataValidationError) as caught:
        import_sheet(one_row_form(tmp_path / "b.xlsx", "31/3/2024", "Hậu Lộc", 0), units(data), data)
    assert caught.value.failure_cases["check"].tolist() == ["province_floor"]
    assert "31/12/2024 would be 88" in caught.value.failure_cases["message"].iloc[0]


def test_an_unchanged_reimport_and_a_correction_read_differently(data, tmp_path):
    """Obs. 9: the dry run shows old → new values, and says 'unchanged' for rows that do not change."""
    import openpyxl

    form = partial_form(data, tmp_path)
    import_sheet(form, units(data), data)
    kept = sorted((data / "history").iterdir())
    again = import_sheet(form, units(data), data, dry_run=True)
    assert len(again.unchanged) == 3 and again.added.empty and again.corrected.empty
    assert "3 dòng không đổi" in again.describe() and "3 row(s) unchanged" in again.describe("en")
    written = import_sheet(form, units(data), data)
    assert not written.written and "nothing to write" in written.describe("en")
    assert sorted((data / "history").iterdir()) == kept  # no version kept for a write that did not happen
    workbook = openpyxl.load_workbook(form)
    sheet = workbook.active
    row = next(r for r in range(1, sheet.max_row + 1) if "Hậu Lộc" in str(sheet.cell(r, 2).value))
    sheet.cell(row, 4, 14)
    workbook.save(form)
    corrected = import_sheet(form, units(data), data, dry_run=True)
    assert len(corrected.corrected) == 1 and len(corrected.unchanged) == 2
    text = corrected.describe("en")
    assert "would correct 1 row(s) (old → new)" in text and "12 (actual) → 14 (actual)" in text


def test_undo_with_nothing_kept_is_a_clear_error(data, capsys):
    from cdsanalysis.cli import main

    assert main(["import", "--undo", "--out", str(data), "--lang", "en"]) == 1
    assert "no earlier version of progress.csv" in capsys.readouterr().err


def test_each_undo_goes_one_import_further_back(data, tmp_path):
    from cdsanalysis.data.progress_history import undo

    original = (data / "progress.csv").read_bytes()
    import_sheet(one_row_form(tmp_path / "a.xlsx", "31/12/2024", "Hoằng Hóa", 18), units(data), data)
    after_first = (data / "progress.csv").read_bytes()
    import_sheet(one_row_form(tmp_path / "b.xlsx", "31/12/2024", "Hậu Lộc", 12), units(data), data)
    after_second = (data / "progress.csv").read_bytes()
    undo(data)
    assert (data / "progress.csv").read_bytes() == after_first
    undo(data)
    assert (data / "progress.csv").read_bytes() == original
    undone = sorted((data / "history" / "undone").iterdir())
    assert [p.read_bytes() for p in undone] == [after_second, after_first]  # nothing is ever lost
