"""Reading district progress spreadsheets (.xlsx) into the canonical progress table."""

from __future__ import annotations

import importlib.util
import os
import pickle
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from cdsanalysis.data.progress_update import import_sheet
from cdsanalysis.data.sheet_import import PROGRESS_COLUMNS, read_progress_sheet
from cdsanalysis.exceptions import CdsAnalysisError, DataValidationError

FIXTURES = Path(__file__).parent / "fixtures"
SHEETS = FIXTURES / "sheets"
# All communes of five real districts of Thanh Hóa (GSO code list, 2023): 380 has 34, 381 has 7,
# 396 has 16, 399 has 37, 405 has 14.
UNITS = pd.read_csv(FIXTURES / "units_five_districts.csv", dtype=str, keep_default_na=False)
JUNE_30 = pd.Timestamp("2024-06-30")


def write_book(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    """A one-sheet workbook with ``rows`` from A1 down; None leaves a cell empty."""
    wb = Workbook()
    ws = wb.active
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values, start=1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    for cells in merges:
        ws.merge_cells(cells)
    wb.save(path)
    return path


def failures_of(path: Path, **kwargs) -> pd.DataFrame:
    with pytest.raises(DataValidationError) as caught:
        read_progress_sheet(path, UNITS, **kwargs)
    return caught.value.failure_cases


def as_tuples(frame: pd.DataFrame) -> list[tuple]:
    return list(frame[["district_code", "as_of", "completed"]].itertuples(index=False, name=None))


# --- the fixture workbooks ----------------------------------------------------------------------

def test_clean_province_sheet():
    progress = read_progress_sheet(SHEETS / "clean_province.xlsx", UNITS)

    assert list(progress.columns) == PROGRESS_COLUMNS
    assert as_tuples(progress) == [
        ("380", JUNE_30, 5), ("381", JUNE_30, 2), ("399", JUNE_30, 12), ("396", JUNE_30, 3), ("405", JUNE_30, 6),
    ]
    assert progress["district_name"].tolist() == [
        "Thành phố Thanh Hóa", "Thị xã Bỉm Sơn", "Huyện Hoằng Hóa", "Huyện Thường Xuân", "Huyện Đông Sơn",
    ]
    assert progress["as_of"].dtype == "datetime64[ns]"
    assert progress["completed"].dtype == "int64"
    assert progress["note"].tolist()[2] == "13 xã năm 2023 đang thẩm định"
    assert set(progress["source"]) == {"clean_province.xlsx, sheet Tiến độ"}
    assert set(progress["status"]) == {"actual"}


def test_two_row_merged_header_reads_the_cumulative_column_and_text_numbers():
    progress = read_progress_sheet(SHEETS / "merged_header.xlsx", UNITS)

    # "Lũy kế" (E), not "Trong kỳ" (D); " 7 " and "12,0" are numbers typed as text; the date comes
    # from "tính đến ngày 30 tháng 9 năm 2024", not from the signing date 05/10/2024 above it.
    sept_30 = pd.Timestamp("2024-09-30")
    assert as_tuples(progress) == [("", sept_30, 95), ("380", sept_30, 7), ("399", sept_30, 12), ("396", sept_30, 4)]
    assert progress["district_name"].tolist() == ["", "Thành phố Thanh Hóa", "Huyện Hoằng Hóa", "Huyện Thường Xuân"]
    assert progress["note"].tolist()[2] == "Đã có quyết định công nhận"


def test_as_of_argument_wins_over_the_title_date():
    progress = read_progress_sheet(SHEETS / "merged_header.xlsx", UNITS, as_of="2024-10-01",
                                   source="Sở TT&TT, báo cáo quý III", status="claim")

    assert set(progress["as_of"]) == {pd.Timestamp("2024-10-01")}
    assert set(progress["source"]) == {"Sở TT&TT, báo cáo quý III"}
    assert set(progress["status"]) == {"claim"}


@pytest.mark.parametrize("sheet", [None, "Số liệu", 1])
def test_per_row_dates_are_day_first(sheet):
    progress = read_progress_sheet(SHEETS / "per_row_dates.xlsx", UNITS, sheet=sheet)

    assert as_tuples(progress) == [
        ("399", pd.Timestamp("2023-12-31"), 5),  # "31/12/2023"
        ("399", JUNE_30, 12),  # "30/06/2024"
        ("405", pd.Timestamp("2023-12-31"), 4),  # a real Excel date
        ("405", JUNE_30, 6),  # "2024-06-30"
        ("396", pd.Timestamp("2024-01-05"), 1),  # "5/1/2024" is 5 January
        ("381", JUNE_30, 2),  # 45473, an Excel day number
    ]
    assert set(progress["source"]) == {"per_row_dates.xlsx, sheet Số liệu"}


def test_instructions_sheet_has_no_header():
    cases = failures_of(SHEETS / "per_row_dates.xlsx", sheet="Hướng dẫn")
    assert cases["check"].tolist() == ["header_found"]


def test_every_problem_is_reported_at_once():
    path = SHEETS / "problems.xlsx"
    cases = failures_of(path)

    assert set(cases["file"]) == {str(path)}
    assert list(cases[["row", "column", "value", "check"]].itertuples(index=False, name=None)) == [
        (4, "Đơn vị (B)", "Hoang Hoa X", "known_district"),
        (5, "Số xã hoàn thành (C)", "sáu", "whole_number"),
        (8, "Số xã hoàn thành (C)", "20", "total_matches"),
    ]
    unknown, _, total = cases["message"]
    assert "did you mean Huyện Hoằng Hóa (399)" in unknown
    # The readable rows sum to 12 + 2 + 3 = 17; the "Cộng" row says 20.
    assert "20" in total and "17" in total


def test_no_recognisable_header_lists_the_expected_headers():
    cases = failures_of(SHEETS / "no_header.xlsx")

    assert cases["check"].tolist() == ["header_found"]
    assert cases["row"].tolist() == [""]
    message = cases["message"].iloc[0]
    assert "row 2 of sheet 'Sheet1' has 'STT' and 'Đơn vị'" in message
    assert "Số xã hoàn thành" in message and "Tổng số xã" in message


@pytest.mark.parametrize("name", sorted(p.name for p in SHEETS.glob("*.xlsx")))
def test_the_source_file_is_never_touched(name):
    path = SHEETS / name
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    try:
        read_progress_sheet(path, UNITS)
    except DataValidationError:
        pass
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before


def test_committed_fixtures_match_the_script(tmp_path):
    spec = importlib.util.spec_from_file_location("make_sheets", FIXTURES / "make_sheets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for built in module.build_all(tmp_path):
        assert built.read_bytes() == (SHEETS / built.name).read_bytes(), f"re-run make_sheets.py: {built.name}"


def test_output_is_a_valid_dataset():
    from cdsanalysis.data.dataset import Dataset

    progress = pd.concat([read_progress_sheet(SHEETS / n, UNITS)
                          for n in ("clean_province.xlsx", "merged_header.xlsx")], ignore_index=True)
    targets = pd.DataFrame({"district_code": ["399"], "deadline": ["2025-12-31"], "target": [37],
                            "kind": ["all_communes"], "source": ["test"], "status": ["illustrative"]})
    dataset = Dataset.from_frames(UNITS, progress, targets)
    assert len(dataset.progress) == 9


# --- files that are not progress sheets -----------------------------------------------------------

def test_missing_file_names_the_path(tmp_path):
    path = tmp_path / "khong_co.xlsx"
    with pytest.raises(CdsAnalysisError, match="khong_co.xlsx: file not found") as caught:
        read_progress_sheet(path, UNITS)
    assert not isinstance(caught.value, DataValidationError)


@pytest.mark.parametrize("name, content", [
    ("tien_do.csv", b"STT,Don vi\n"),
    ("tien_do.xls", b"\xd0\xcf\x11\xe0 old Excel"),
])
def test_other_formats_are_refused_with_what_is_read(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CdsAnalysisError, match=r"\.xlsx"):
        read_progress_sheet(path, UNITS)


def test_a_broken_xlsx_is_a_readable_error(tmp_path):
    path = tmp_path / "hong.xlsx"
    path.write_text("not a zip")
    with pytest.raises(CdsAnalysisError, match="not a readable Excel workbook"):
        read_progress_sheet(path, UNITS)


def test_unknown_sheet_lists_the_sheets():
    with pytest.raises(CdsAnalysisError, match="Hướng dẫn, Số liệu"):
        read_progress_sheet(SHEETS / "per_row_dates.xlsx", UNITS, sheet="Data")


# --- cells and rows, on small workbooks built here ----------------------------------------------

HEADER = ["STT", "Đơn vị", "Số xã hoàn thành"]


@pytest.mark.parametrize("cell, expected", [
    (12, 12), (12.0, 12), ("12", 12), (" 12 ", 12), ("12,0", 12), ("12.0", 12), (0, 0), ("\u00a012\u00a0", 12),
])
def test_counts_typed_as_numbers_or_text(tmp_path, cell, expected):
    path = write_book(tmp_path / "s.xlsx", [HEADER, [1, "Hoằng Hóa", cell]])
    assert read_progress_sheet(path, UNITS, as_of="2024-06-30")["completed"].tolist() == [expected]


@pytest.mark.parametrize("cell", ["12,5", -1, "12 xã", "mười hai", True])
def test_counts_that_are_no_whole_number(tmp_path, cell):
    path = write_book(tmp_path / "s.xlsx", [HEADER, [1, "Hoằng Hóa", cell]])
    cases = failures_of(path, as_of="2024-06-30")
    assert cases[["row", "column", "check"]].values.tolist() == [[2, "Số xã hoàn thành (C)", "whole_number"]]


def test_a_blank_count_is_not_reported_and_zero_is_a_figure(tmp_path):
    """Issue 19, obs. 1: a blank is a district that did not report (skipped, listed), never an error or a 0."""
    from cdsanalysis.data.sheet_import import read_sheet

    path = write_book(tmp_path / "s.xlsx", [HEADER, [1, "Hoằng Hóa", None], [2, "Đông Sơn", 3], [3, "Bỉm Sơn", 0],
                                            [4, "Thanh Hóa", "-"]])
    read = read_sheet(path, UNITS, as_of="2024-06-30")
    assert as_tuples(read.rows) == [("405", JUNE_30, 3), ("381", JUNE_30, 0)]
    assert [(m.code, m.row, m.date) for m in read.not_reported] == [("399", 2, JUNE_30), ("380", 5, JUNE_30)]
    assert list(read.origins) == [3, 4]


def test_a_form_with_every_count_blank_says_there_is_nothing_to_import(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [HEADER, [1, "Hoằng Hóa", None], [2, "Đông Sơn", None]])
    cases = failures_of(path, as_of="2024-06-30")
    assert cases["check"].tolist() == ["no_rows"] and "blank" in cases["message"].iloc[0]
    assert "0 if none" not in cases["message"].iloc[0]


def test_no_date_anywhere_is_reported_per_row(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [HEADER, [1, "Hoằng Hóa", 12], [2, "Đông Sơn", 3]])
    cases = failures_of(path)
    assert cases[["row", "check"]].values.tolist() == [[2, "date"], [3, "date"]]
    assert "as_of" in cases["message"].iloc[0]


@pytest.mark.parametrize("cell", ["31/6/2024", "6/30/2024", "hôm qua"])
def test_impossible_or_month_first_dates(tmp_path, cell):
    path = write_book(tmp_path / "s.xlsx", [HEADER + ["Ngày"], [1, "Hoằng Hóa", 12, cell]])
    cases = failures_of(path)
    assert cases[["row", "column", "value", "check"]].values.tolist() == [[2, "Ngày (D)", cell, "date"]]


def test_a_row_date_cell_beats_the_title_date(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [
        ["Số liệu tính đến ngày 31/12/2023", None, None, None],
        HEADER + ["Ngày"],
        [1, "Hoằng Hóa", 12, "30/6/2024"],
        [2, "Đông Sơn", 3, None],
    ], merges=("A1:D1",))
    assert as_tuples(read_progress_sheet(path, UNITS)) == [("399", JUNE_30, 12),
                                                           ("405", pd.Timestamp("2023-12-31"), 3)]


def test_counts_above_the_communes_total(tmp_path):
    # Bỉm Sơn has 7 communes in the units list (the sheet says 9); Đông Sơn 10 by the sheet itself.
    path = write_book(tmp_path / "s.xlsx", [
        ["STT", "Đơn vị", "Tổng số xã", "Số xã hoàn thành"],
        [1, "Bỉm Sơn", 9, 8],
        [2, "Đông Sơn", 10, 11],
    ])
    cases = failures_of(path, as_of="2024-06-30")
    assert cases[["row", "column", "value", "check"]].values.tolist() == [
        [2, "Tổng số xã (C)", "9", "communes_total"], [2, "Số xã hoàn thành (D)", "8", "within_total"],
        [3, "Tổng số xã (C)", "10", "communes_total"], [3, "Số xã hoàn thành (D)", "11", "within_total"]]
    assert "Thị xã Bỉm Sơn 9 communes, the units list 7" in cases["message"].iloc[0]  # W2 (issue 20)
    assert "7 communes of Thị xã Bỉm Sơn" in cases["message"].iloc[1]
    assert "10 communes in Tổng số xã (C)" in cases["message"].iloc[3]


def test_a_form_total_that_differs_from_the_units_list_is_flagged(tmp_path):
    """Issue 20, W2: 9 of 9 on the form, 7 in the units list, must not pass as 9/7."""
    path = write_book(tmp_path / "s.xlsx", [["STT", "Đơn vị", "Tổng số xã", "Số xã hoàn thành"], [1, "Bỉm Sơn", 9, 7]])
    cases = failures_of(path, as_of="2024-06-30")
    assert cases[["row", "column", "check"]].values.tolist() == [[2, "Tổng số xã (C)", "communes_total"]]


def test_a_district_twice_on_one_date(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [HEADER, [1, "Hoằng Hóa", 12], [2, "H. Hoằng Hoá", 13]])
    cases = failures_of(path, as_of="2024-06-30")
    assert cases[["row", "check"]].values.tolist() == [[3, "unique_district"]]
    assert "rows 2 and 3" in cases["message"].iloc[0]


def test_unknown_district_with_nothing_near(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [HEADER, [1, "Quận Ba Đình", 3]])
    cases = failures_of(path, as_of="2024-06-30")
    assert cases["check"].tolist() == ["known_district"]
    assert "Quận Ba Đình" in cases["message"].iloc[0]


def test_skipped_rows_headings_and_footer(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [
        HEADER,
        ["A", "B", "1"],  # column-number row
        ["I", "Khối thành phố, thị xã", None],  # section heading: a name, no count
        [1, "Bỉm Sơn", 2],
        [None, None, None],
        [2, None, None],  # STT only
        ["II", "Khối huyện", None],
        [3, "Hoằng Hóa", 12],
        [None, "Cộng khối huyện", 12],  # subtotal: not checked, not read
        ["Tổng cộng", "Tổng cộng", 14],
        [None, "Người lập biểu", "KT. CHỦ TỊCH"],  # after the total: footer
    ], merges=("A10:B10",))
    assert as_tuples(read_progress_sheet(path, UNITS, as_of="2024-06-30")) == [("381", JUNE_30, 2),
                                                                               ("399", JUNE_30, 12)]


def test_total_row_on_top_is_checked_too(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [HEADER, ["Tổng cộng", None, 15], [1, "Bỉm Sơn", 2],
                                            [2, "Hoằng Hóa", 12]])
    cases = failures_of(path, as_of="2024-06-30")
    assert cases[["row", "value", "check"]].values.tolist() == [[2, "15", "total_matches"]]


def test_total_formula_never_computed_is_not_checked(tmp_path):
    # openpyxl writes formulas without a cached value: the reader sees an empty cell.
    path = write_book(tmp_path / "s.xlsx", [HEADER, [1, "Bỉm Sơn", 2], ["Cộng", None, "=SUM(C2:C2)"]])
    assert as_tuples(read_progress_sheet(path, UNITS, as_of="2024-06-30")) == [("381", JUNE_30, 2)]


def _patched(path: Path, old: bytes, new: bytes) -> Path:
    """``path`` with one part of its first sheet's XML replaced (what Excel or LibreOffice would store)."""
    import io
    import zipfile

    source, out = zipfile.ZipFile(io.BytesIO(path.read_bytes())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, data.replace(old, new) if info.filename.endswith("sheet1.xml") else data)
    path.write_bytes(out.getvalue())
    return path


def test_a_district_formula_never_computed_is_named_not_taken_for_not_reported(tmp_path):
    """Issue 20, U3: a count or date that is a formula with no stored value reads as empty, so it is refused."""
    rows = [HEADER + ["Ngày"], [1, "Hoằng Hóa", "=2+3", None], [2, "Đông Sơn", 3, "=DATE(2024,6,30)"],
            [3, "Bỉm Sơn", 1, None]]
    cases = failures_of(write_book(tmp_path / "s.xlsx", rows), as_of="2024-06-30")
    assert cases["check"].tolist() == ["computed", "computed"]
    assert cases["row"].tolist() == [2, 3]
    assert "cell C2 of sheet 'Sheet'" in cases["message"].iloc[0] and "(=2+3)" in cases["message"].iloc[0]
    assert "open the file in Excel and save it" in cases["message"].iloc[1]


def test_a_formula_excel_computed_is_read_by_its_value(tmp_path):
    from cdsanalysis.data.sheet_import import read_sheet

    path = write_book(tmp_path / "s.xlsx", [HEADER, [1, "Hoằng Hóa", "=2+3"], [2, "Đông Sơn", '=IF(1,"",1)']])
    _patched(path, b"<f>2+3</f><v></v>", b"<f>2+3</f><v>5</v>")
    _patched(path, b'<c r="C3">', b'<c r="C3" t="str">')  # an empty text result is a value: "not reported"
    read = read_sheet(path, UNITS, as_of="2024-06-30")
    assert as_tuples(read.rows) == [("399", JUNE_30, 5)]
    assert [m.code for m in read.not_reported] == ["405"]


def test_province_row_must_equal_the_sum_when_every_district_is_listed(tmp_path):
    rows = [[1, "Thành phố Thanh Hóa", 5], [2, "Bỉm Sơn", 2], [3, "Hoằng Hóa", 12], [4, "Thường Xuân", 3],
            [5, "Đông Sơn", 6]]
    good = write_book(tmp_path / "good.xlsx", [HEADER, *rows, [None, "Toàn tỉnh", 28]])
    progress = read_progress_sheet(good, UNITS, as_of="2024-06-30")
    assert as_tuples(progress)[-1] == ("", JUNE_30, 28)

    bad = write_book(tmp_path / "bad.xlsx", [HEADER, *rows, [None, "Toàn tỉnh", 30]])
    cases = failures_of(bad, as_of="2024-06-30")
    assert cases[["row", "check"]].values.tolist() == [[7, "total_matches"]]


def test_a_group_named_tinh_is_a_group_and_ca_nuoc_is_the_top(tmp_path):
    """Issue 22.3: in a national frame the groups are provinces ("Tỉnh Mẫu 001"): such a row is its group's,
    not the top's; "Cả nước" is the top's row."""
    units = UNITS.assign(district_name=UNITS["district_name"].str.replace("Huyện", "Tỉnh", regex=False))
    path = write_book(tmp_path / "s.xlsx", [HEADER, [1, "Tỉnh Hoằng Hóa", 12], [None, "Cả nước", 40]])
    progress = read_progress_sheet(path, units, as_of="2024-06-30")
    assert as_tuples(progress) == [("399", JUNE_30, 12), ("", JUNE_30, 40)]


def test_province_row_below_the_sum_of_some_districts(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [HEADER, [None, "Toàn tỉnh", 10], [1, "Hoằng Hóa", 12]])
    cases = failures_of(path, as_of="2024-06-30")
    assert cases[["row", "check"]].values.tolist() == [[2, "total_matches"]]
    assert "at least" in cases["message"].iloc[0]


def test_header_aliases(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [
        ["UBND HUYỆN HOẰNG HÓA", None, None, None, None],
        ["TT", "Tên đơn vị", "Tỷ lệ hoàn thành (%)", "Số xã chưa hoàn thành", "Lũy kế hoàn thành"],
        [1, "Hoằng Hóa", "32%", 25, 12],
    ], merges=("A1:E1",))
    assert as_tuples(read_progress_sheet(path, UNITS, as_of="30/6/2024")) == [("399", JUNE_30, 12)]


def test_failures_survive_pickling():
    with pytest.raises(DataValidationError) as caught:
        read_progress_sheet(SHEETS / "problems.xlsx", UNITS)
    again = pickle.loads(pickle.dumps(caught.value))
    assert again.failure_cases.equals(caught.value.failure_cases)


def test_units_are_not_modified():
    units = UNITS.copy()
    read_progress_sheet(SHEETS / "clean_province.xlsx", units)
    assert units.equals(UNITS)


# --- import_sheet ------------------------------------------------------------------------------

def read_csv_text(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_import_into_an_empty_directory(tmp_path):
    written = import_sheet(SHEETS / "per_row_dates.xlsx", UNITS, tmp_path).path

    assert written == tmp_path / "progress.csv"
    assert sorted(os.listdir(tmp_path)) == ["progress.csv"]  # no temp files, no units.csv
    table = read_csv_text(written)
    assert list(table.columns) == PROGRESS_COLUMNS
    assert list(table[["district_code", "as_of", "completed"]].itertuples(index=False, name=None)) == [
        ("381", "2024-06-30", "2"),
        ("396", "2024-01-05", "1"),
        ("399", "2023-12-31", "5"),
        ("399", "2024-06-30", "12"),
        ("405", "2023-12-31", "4"),
        ("405", "2024-06-30", "6"),
    ]


def test_import_replaces_the_same_district_and_date_and_keeps_the_rest(tmp_path):
    existing = pd.DataFrame({
        "district_code": ["0123", "399", "399", ""],
        "district_name": ["Huyện Khác", "Huyện Hoằng Hóa", "Huyện Hoằng Hóa", ""],
        "as_of": ["2024-06-30", "2023-12-31", "2024-06-30", "2024-06-30"],
        "completed": ["1", "5", "10", "29"],  # with every district counted, the province is their sum (W3)
        "source": ["old", "old", "old", "old"],
        "status": ["actual"] * 4,
        "note": ["", "", "", ""],
    })
    existing.to_csv(tmp_path / "progress.csv", index=False)
    other = pd.DataFrame([{"district_code": "0123", "district_name": "Huyện Khác", "commune_code": "01230",
                           "commune_name": "Xã Khác", "commune_type": "xã", "source": "test"}])
    units = pd.concat([UNITS, other], ignore_index=True).fillna("")

    import_sheet(SHEETS / "clean_province.xlsx", units, tmp_path)

    table = read_csv_text(tmp_path / "progress.csv")
    assert list(table[["district_code", "as_of", "completed", "source"]].itertuples(index=False, name=None)) == [
        ("", "2024-06-30", "29", "old"),
        ("0123", "2024-06-30", "1", "old"),  # codes stay strings, leading zero kept
        ("380", "2024-06-30", "5", "clean_province.xlsx, sheet Tiến độ"),
        ("381", "2024-06-30", "2", "clean_province.xlsx, sheet Tiến độ"),
        ("396", "2024-06-30", "3", "clean_province.xlsx, sheet Tiến độ"),
        ("399", "2023-12-31", "5", "old"),
        ("399", "2024-06-30", "12", "clean_province.xlsx, sheet Tiến độ"),  # replaced 10
        ("405", "2024-06-30", "6", "clean_province.xlsx, sheet Tiến độ"),
    ]
    assert sorted(os.listdir(tmp_path)) == ["history", "progress.csv"]  # no temp files, the old file kept
    [kept] = (tmp_path / "history").iterdir()
    assert read_csv_text(kept).equals(existing)


def test_import_of_a_bad_sheet_leaves_the_csv_alone(tmp_path):
    target = tmp_path / "progress.csv"
    target.write_text("district_code,as_of,completed,source,status\n399,2023-12-31,5,old,actual\n", encoding="utf-8")
    before = target.read_bytes()

    with pytest.raises(DataValidationError):
        import_sheet(SHEETS / "problems.xlsx", UNITS, tmp_path)

    assert target.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["progress.csv"]


def test_import_passes_options_through(tmp_path):
    import_sheet(SHEETS / "merged_header.xlsx", UNITS, tmp_path, as_of="2024-10-01", status="claim")
    table = read_csv_text(tmp_path / "progress.csv")
    assert set(table["as_of"]) == {"2024-10-01"} and set(table["status"]) == {"claim"}


# --- hidden content -----------------------------------------------------------------------------

def hidden_book(path: Path) -> Path:
    """A visible sheet with a hidden row (Đông Sơn) and a hidden note column, and a hidden sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Tiến độ"
    for row in (["(Số liệu tính đến ngày 30/6/2024)"], ["STT", "Đơn vị", "Số xã hoàn thành", "Ghi chú"],
                [1, "Hoằng Hóa", 12, "không công bố"], [2, "Đông Sơn", 6, None]):
        ws.append(row)
    ws.row_dimensions[4].hidden = True
    ws.column_dimensions["D"].hidden = True
    old = wb.create_sheet("Cũ")
    old.sheet_state = "veryHidden"
    wb.save(path)
    return path


def test_hidden_rows_columns_and_sheets_are_skipped_and_reported(tmp_path):
    from cdsanalysis.data.sheet_import import read_sheet

    read = read_sheet(hidden_book(tmp_path / "h.xlsx"), UNITS)
    assert as_tuples(read.rows) == [("399", JUNE_30, 12)] and list(read.rows["note"]) == [""]
    assert read.notes == ("skipped hidden sheet(s): Cũ", "skipped hidden rows of sheet 'Tiến độ': 4",
                          "skipped hidden columns of sheet 'Tiến độ': D")


def test_include_hidden_reads_everything(tmp_path):
    from cdsanalysis.data.sheet_import import read_sheet

    read = read_sheet(hidden_book(tmp_path / "h.xlsx"), UNITS, include_hidden=True)
    assert as_tuples(read.rows) == [("399", JUNE_30, 12), ("405", JUNE_30, 6)]
    assert list(read.rows["note"]) == ["không công bố", ""] and read.notes == ()


# --- issue 20, W1: a count for a period is never read as the running total -------------------------

@pytest.mark.parametrize("label", ["Số xã hoàn thành trong tháng", "Số xã hoàn thành năm 2024",
                                   "Số xã hoàn thành 6 tháng đầu năm",
                                   "Số xã được công nhận hoàn thành đợt này"])
def test_a_period_count_column_is_refused_with_what_it_looks_like(tmp_path, label):
    path = write_book(tmp_path / "s.xlsx", [["STT", "Đơn vị", label], [1, "Hoằng Hóa", 3]])
    cases = failures_of(path, as_of="2024-12-31")
    assert cases[["row", "column", "check"]].values.tolist() == [[1, f"{label} (C)", "cumulative"]]
    assert "one period" in cases["message"].iloc[0] and "lũy kế" in cases["message"].iloc[0]


@pytest.mark.parametrize("label", ["Số xã hoàn thành", "Số xã hoàn thành (lũy kế)", "Lũy kế hoàn thành năm 2024",
                                   "Tổng số xã hoàn thành đến nay", "Số xã hoàn thành đến hết năm 2024",
                                   "Số xã hoàn thành (30 tháng 6 năm 2024)"])
def test_cumulative_count_columns_are_read(tmp_path, label):
    path = write_book(tmp_path / "s.xlsx", [["STT", "Đơn vị", label], [1, "Hoằng Hóa", 3]])
    assert read_progress_sheet(path, UNITS, as_of="2024-12-31")["completed"].tolist() == [3]


def test_a_period_column_beside_a_cumulative_one_is_left_alone(tmp_path):
    header = ["STT", "Đơn vị", "Số xã hoàn thành trong tháng", "Số xã hoàn thành lũy kế"]
    path = write_book(tmp_path / "s.xlsx", [header,
                                            [1, "Hoằng Hóa", 3, 14]])
    assert read_progress_sheet(path, UNITS, as_of="2024-12-31")["completed"].tolist() == [14]


# --- issue 19 obs. 9 and issue 20 W4, W5: dates named where they stand --------------------------------

def test_a_month_first_title_date_is_named_at_its_cell_not_on_every_row(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [["(Số liệu tính đến ngày 03/31/2025)"], HEADER, [1, "Hoằng Hóa", 12],
                                            [2, "Đông Sơn", 3]])
    cases = failures_of(path)
    assert cases[["row", "column", "check"]].values.tolist() == [[1, "A", "date"]]
    assert "31 is not a month; write day/month/year (31/3/2025)" in cases["message"].iloc[0]


@pytest.mark.parametrize("cell", [pd.Timestamp("2025-03-31").to_pydatetime(), "31/3/2025", 45747])
def test_a_title_date_in_its_own_cell_is_read(tmp_path, cell):
    """ "Số liệu tính đến ngày" in A1, the date beside it as a real Excel date, text or a day number."""
    path = write_book(tmp_path / "s.xlsx", [["Số liệu tính đến ngày", cell], HEADER, [1, "Hoằng Hóa", 12]])
    assert as_tuples(read_progress_sheet(path, UNITS)) == [("399", pd.Timestamp("2025-03-31"), 12)]


def test_a_month_first_date_cell_says_what_is_wrong(tmp_path):
    path = write_book(tmp_path / "s.xlsx", [HEADER + ["Ngày"], [1, "Hoằng Hóa", 12, "03/31/2025"]])
    cases = failures_of(path)
    assert cases[["row", "column", "check"]].values.tolist() == [[2, "Ngày (D)", "date"]]
    assert "31 is not a month" in cases["message"].iloc[0]


@pytest.mark.parametrize("title", ["31/12/2199", "1/1/1900"])
def test_typo_years_are_refused_at_the_title(tmp_path, title):
    """Issue 20, W5: years within the tables' range but not possible for a form reported now."""
    path = write_book(tmp_path / "s.xlsx", [[f"(Số liệu tính đến ngày {title})"], HEADER, [1, "Hoằng Hóa", 12]])
    cases = failures_of(path)
    assert cases[["row", "column", "check"]].values.tolist() == [[1, "A", "date"]]
    assert "cannot be right" in cases["message"].iloc[0] and title[-4:] in cases["message"].iloc[0]


@pytest.mark.parametrize("cell", ["31/12/2199", pd.Timestamp("1900-01-01").to_pydatetime()])
def test_typo_years_are_refused_in_a_date_cell(tmp_path, cell):
    path = write_book(tmp_path / "s.xlsx", [HEADER + ["Ngày"], [1, "Hoằng Hóa", 12, cell]])
    cases = failures_of(path)
    assert cases[["row", "column", "check"]].values.tolist() == [[2, "Ngày (D)", "date"]]
    assert "cannot be right" in cases["message"].iloc[0]


def test_typo_year_in_as_of_is_refused():
    cases = failures_of(SHEETS / "clean_province.xlsx", as_of="2199-12-31")
    assert cases[["column", "check"]].values.tolist() == [["--as-of", "date"]]


def test_a_1904_workbook_reads_day_numbers_in_its_own_system(tmp_path):
    """Issue 20, W4: 44195 is 31/12/2024 in the 1904 system (30/12/2020 in the 1900 one)."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    wb = Workbook()
    wb.epoch = CALENDAR_MAC_1904
    for row in (HEADER + ["Ngày"], [1, "Hoằng Hóa", 12, 44195]):
        wb.active.append(row)
    wb.save(tmp_path / "mac.xlsx")
    assert as_tuples(read_progress_sheet(tmp_path / "mac.xlsx", UNITS)) == [("399", pd.Timestamp("2024-12-31"), 12)]
    plain = write_book(tmp_path / "pc.xlsx", [HEADER + ["Ngày"], [1, "Hoằng Hóa", 12, 45657]])
    assert as_tuples(read_progress_sheet(plain, UNITS)) == [("399", pd.Timestamp("2024-12-31"), 12)]
