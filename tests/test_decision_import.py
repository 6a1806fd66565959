"""Issue 21, `import-decision`: a decision's list typed as offices type it, every problem named, nothing half-done."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from cdsanalysis.cli import main
from cdsanalysis.data.bundled import REPOSITORY_DATA
from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.decision_import import import_decision
from cdsanalysis.data.io import read_text_table
from cdsanalysis.exceptions import DataValidationError

# Twenty communes of Hoằng Hóa as an office types them: prefixes or none, accents or none, and three problems.
TYPED = ["TT Bút Sơn", "xa Hoang Giang", "Xã Hoằng Xuân", "X. Hoằng Phượng", "Hoằng Phú", "Hoằng Quỳ",
         "xã hoang kim", "Hoang Trung", "Hoằng Trinh", "Xa Hoang Son", "Hoằng Cát", "hoang xuyen", "Xã Hoằng Hợp",
         "Hoằng Đức", "Xã Hoằng Hà", "hoang dat",
         "Hoằng Thịng",  # misspelt: Hoằng Thịnh
         "Xã Đồng Lộc",  # a commune of Hậu Lộc, on a Hoằng Hóa row
         "Xã Hoằng Lộc",  # already recognised
         "Hoằng Trạch"]
FIXED = {"Hoằng Thịng": "Hoằng Thịnh", "Xã Đồng Lộc": "xa Hoang Phong", "Xã Hoằng Lộc": "Hoằng Lưu"}
DISTRICTS = ["H. Hoằng Hoá", "hoang hoa", "Huyện Hoằng Hóa", "Hoằng Hóa"]


def _decision_list(path: Path, names: list[str], title: bool = True) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    if title:
        sheet["A1"] = "Kèm theo Quyết định số 5/QĐ-UBND ngày 2/1/2025 của Chủ tịch UBND tỉnh Thanh Hóa"
    sheet["A3"], sheet["B3"], sheet["C3"] = "STT", "Tên xã, phường, thị trấn", "Huyện, thị xã, thành phố"
    for i, name in enumerate(names):
        sheet.cell(4 + i, 1, i + 1)
        sheet.cell(4 + i, 2, name)
        sheet.cell(4 + i, 3, DISTRICTS[i % len(DISTRICTS)])
    workbook.save(path)
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """The bundled data, with one Hoằng Hóa commune already recognised."""
    folder = tmp_path / "data"
    shutil.copytree(REPOSITORY_DATA, folder, ignore=shutil.ignore_patterns("sources", "history", "recognitions.csv"))
    (folder / "recognitions.csv").write_text(
        "commune_code,commune_name,decision,decision_date,credited_year,source,note\n"
        "15964,Xã Hoằng Lộc,1/QĐ-UBND,2024-03-01,2023,test,\n", encoding="utf-8")
    return folder


def _state(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_typed_list_names_each_problem_once_and_writes_nothing(data, tmp_path, capsys):
    """Acceptance: one misspelt, one of another district, one already recognised: three messages, no write."""
    form = _decision_list(tmp_path / "qd5.xlsx", TYPED)
    before, source = _state(data), form.read_bytes()
    code = main(["import-decision", str(form), "--out", str(data), "--credited-year", "2023", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert _state(data) == before and form.read_bytes() == source
    with pytest.raises(DataValidationError) as caught:
        import_decision(form, read_text_table(data / "units.csv"), data, credited_year=2023)
    cases = caught.value.failure_cases
    assert list(cases["check"]) == ["unknown_commune", "other_district", "recognised_twice"]
    assert list(cases["row"]) == [20, 21, 22]
    assert set(cases["column"]) == {"Tên xã, phường, thị trấn (B)"}
    assert "did you mean" in cases["message"].iloc[0] and "Xã Hoằng Thịnh (15958)" in cases["message"].iloc[0]
    assert "Xã Đồng Lộc (16015) of Huyện Hậu Lộc, not of Huyện Hoằng Hóa" in cases["message"].iloc[1]
    assert "decision 1/QĐ-UBND of 1/3/2024 (recognitions.csv row 2)" in cases["message"].iloc[2]
    for case in cases.itertuples():
        assert f"row {case.row}" in err


def test_the_corrected_list_imports_and_the_counts_move_by_twenty(data, tmp_path, capsys):
    before = load_dataset(data)
    form = _decision_list(tmp_path / "qd5.xlsx", [FIXED.get(n, n) for n in TYPED])
    assert main(["import-decision", str(form), "--out", str(data), "--credited-year", "2023"]) == 0
    out = capsys.readouterr().out
    assert "đã thêm 20 xã" in out and "5/QĐ-UBND" in out and "tính cho năm 2023" in out
    after = load_dataset(data)
    records = after.recognitions
    assert len(records) == len(before.recognitions) + 20
    new = records[records["decision"] == "5/QĐ-UBND"]
    assert set(new["decision_date"]) == {pd.Timestamp("2025-01-02")} and set(new["credited_year"]) == {2023}
    by_date = after.recognised_by_date()
    hoang_hoa = by_date[by_date["district_code"] == "399"]
    assert list(hoang_hoa["recognised"]) == [1, 21]
    province_before = before.recognised_by_date().query("district_code == ''")["recognised"].max()
    assert by_date.query("district_code == ''")["recognised"].max() == province_before + 20
    # The decision of 2/1/2025 credits them to 2023: by credited year 21 count for 2023, by date 1 by end-2023.
    by_year = after.credited_by_year()
    assert by_year.query("district_code == '399' and year == 2023")["recognised_cumulative"].item() == 21
    assert hoang_hoa[hoang_hoa["as_of"] <= "2023-12-31"].empty
    remaining = after.communes_remaining("Hoằng Hóa")
    assert len(remaining) == 37 - 21 and "15958" not in set(remaining["commune_code"])
    # The history keeps the file as it was, and undo puts it back byte for byte.
    original = (data / "history").glob("recognitions-*.csv")
    assert len(list(original)) == 1
    assert main(["import-decision", "--undo", "--out", str(data)]) == 0
    assert len(load_dataset(data).recognitions) == 1


def test_a_dry_run_writes_nothing_and_a_first_decision_can_be_undone(data, tmp_path, capsys):
    (data / "recognitions.csv").unlink()
    form = _decision_list(tmp_path / "qd5.xlsx", [FIXED.get(n, n) for n in TYPED])
    before = _state(data)
    assert main(["import-decision", str(form), "--out", str(data), "--credited-year", "2023", "--dry-run",
                 "--lang", "en"]) == 0
    assert "would add 20" in capsys.readouterr().out and _state(data) == before
    assert main(["import-decision", str(form), "--out", str(data), "--credited-year", "2023"]) == 0
    assert (data / "recognitions.csv").exists()
    assert main(["import-decision", "--undo", "--out", str(data)]) == 0
    assert not (data / "recognitions.csv").exists()


def test_the_number_date_and_year_must_be_known(data, tmp_path):
    form = _decision_list(tmp_path / "list.xlsx", ["Hoằng Phú"], title=False)
    with pytest.raises(DataValidationError) as caught:
        import_decision(form, read_text_table(data / "units.csv"), data)
    assert set(caught.value.failure_cases["column"]) == {"--decision", "--date", "--credited-year"}


def test_a_csv_list_without_a_district_column_and_an_ambiguous_name(data, tmp_path):
    form = tmp_path / "list.csv"
    form.write_text("STT,Tên xã\n1,hoang quy\n2,Hoằng Phú\n", encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        import_decision(form, read_text_table(data / "units.csv"), data, decision="7/QĐ-UBND", date="1/7/2024",
                        credited_year=2024)
    case = caught.value.failure_cases.iloc[0]
    assert (case["row"], case["check"]) == (2, "ambiguous")
    assert "Hoằng Quỳ" in case["message"] and "Hoằng Quý" in case["message"]
    form.write_text("STT,Tên xã\n1,Hoằng Quý\n2,Hoằng Phú\n", encoding="utf-8")
    result = import_decision(form, read_text_table(data / "units.csv"), data, decision="7/QĐ-UBND",
                             date="1/7/2024", credited_year=2024)
    assert result.written and list(result.added["commune_code"]) == ["15916", "15883"]
