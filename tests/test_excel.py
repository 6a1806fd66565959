"""The officials' workbook and CSV: a dated one-page overview, the long table, print set-up, BOM."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.report.content.text import STATUS_COLORS
from cdsanalysis.report.writers.excel import write_assessment_xlsx, write_summary_csv
from cdsanalysis.wording import words

AS_OF = pd.Timestamp("2024-06-30")
NOTE = "Note: one district's progress is illustrative."
VI = words("vi")
BOOK, HEAD = VI["workbook"], VI["workbook_columns"]
"""The workbook's own words and its column headers: tests name them by key, never by copied text."""


def _table(**extra) -> pd.DataFrame:
    """Province (two deadlines), 399 (a past and an open deadline), 401 (only the open one)."""
    frame = pd.DataFrame({
        "district_code": ["", "", "399", "399", "401"],
        "district_name": ["", "", "Huyện Hoằng Hóa", "Huyện Hoằng Hóa", "Huyện Nga Sơn"],
        "communes_total": [559, 559, 37, 37, 24],
        "completed": pd.array([95, 95, 10, 10, 3], dtype="Int64"),
        "deadline": pd.to_datetime(["2023-12-31", "2025-12-31", "2023-12-31", "2025-12-31", "2025-12-31"]),
        "target": [226, 477, 8, 37, 20],
        "kind": ["commune_quota", "commune_quota", "commune_quota", "all_communes", "commune_quota"],
        "p_meet": [0.0, 0.96475, 1.0, np.nan, 0.0004],
        "expected": [95.0, 536.0875, 10.0, np.nan, 9.5],
        "lower": [95.0, 504.0, 10.0, np.nan, 5.0], "upper": [95.0, 558.0, 10.0, np.nan, 14.0],
        "current_pace": [6.57688, 6.57688, 0.5, 0.5, -0.25], "required_pace": [np.nan, 21.18, np.nan, 1.5, 0.9],
        "pace_ratio": [np.nan, 0.310542, np.nan, 0.33, -0.28],
        "status": ["missed", "on_track", "achieved_late", "insufficient_data", "off_track"],
    })
    for name, values in extra.items():
        frame[name] = values
    return frame


def _headers(sheet, row: int) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[row] if cell.value is not None}


def test_first_sheet_is_one_dated_row_per_unit_with_deadlines_side_by_side(tmp_path):
    book = load_workbook(write_assessment_xlsx(_table(), tmp_path / "s.xlsx", as_of=AS_OF, caveat=NOTE))
    sheet = book.worksheets[0]
    assert sheet.title == BOOK["overview"] and book.sheetnames == [BOOK["overview"], BOOK["detail"], BOOK["notes"]]
    assert "30/06/2024" in sheet["A1"].value and sheet["A2"].value == f"⚠ {NOTE}"
    groups = _headers(sheet, 3)
    assert list(groups)[:2] == [HEAD["district_code"], HEAD["district_name"]]
    # Past deadlines fold into one column (issue 19, obs. 11); deadlines ahead keep target, chance, status.
    assert BOOK["deadline"].format(date="31/12/2023") not in groups
    open_ = BOOK["deadline"].format(date="31/12/2025")
    assert BOOK["past"] in groups and open_ in groups
    assert [sheet.cell(row=r, column=2).value for r in range(5, sheet.max_row + 1)] == [
        BOOK["province"], "Huyện Hoằng Hóa", "Huyện Nga Sơn"]
    past, open_ = groups[BOOK["past"]], groups[open_]
    assert sheet.max_column == open_ + 2  # one column for every past deadline, three for the one ahead
    assert [sheet.cell(row=4, column=open_ + k).value for k in range(3)] == [BOOK["target"], BOOK["p_meet"],
                                                                              BOOK["status"]]
    # A settled deadline shows its result, no chance; open ones the formatter's text.
    settled = sheet.cell(row=6, column=past)
    assert settled.value == BOOK["past_line"].format(date="31/12/2023", target=8,
                                                      status=VI["status"]["achieved_late"])
    assert settled.fill.fgColor.rgb.endswith(STATUS_COLORS["achieved_late"][0].lstrip("#").upper())
    assert settled.alignment.wrap_text
    assert sheet.cell(row=5, column=open_ + 1).value == "96\u00a0%"  # the pages' one chance formatter
    assert sheet.cell(row=7, column=open_ + 1).value == "<1\u00a0%"
    assert sheet.cell(row=7, column=past).value == "—"  # 401 has no target at the end of 2023
    status = sheet.cell(row=5, column=open_ + 2)
    assert status.fill.fgColor.rgb.endswith(STATUS_COLORS["on_track"][0].lstrip("#").upper())
    assert sheet.cell(row=5, column=2).font.bold  # the province row stands out


def test_first_sheet_has_no_empty_column_and_prints_on_a4_landscape_one_page_wide(tmp_path):
    table = _table(error=["", "", "", "", ""], html=["", "", "399-hoang-hoa.html", "399-hoang-hoa.html", ""])
    sheet = load_workbook(write_assessment_xlsx(table, tmp_path / "s.xlsx", as_of=AS_OF)).worksheets[0]
    for column in range(1, sheet.max_column + 1):
        values = [sheet.cell(row=r, column=column).value for r in range(5, sheet.max_row + 1)]
        assert any(v not in (None, "") for v in values), column
    assert HEAD["error"] not in _headers(sheet, 3)  # no failure: no error column
    assert sheet.cell(row=6, column=2).hyperlink.target == "399-hoang-hoa.html"
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize, setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$4"
    assert sheet["A2"].value == BOOK["official"]  # no caveat given: the figures are all sourced


def test_detail_sheet_keeps_native_numbers_dates_and_no_chance_for_past_deadlines(tmp_path):
    sheet = load_workbook(write_assessment_xlsx(_table(), tmp_path / "s.xlsx", as_of=AS_OF)).worksheets[1]
    columns = _headers(sheet, 3)
    assert "30/06/2024" in sheet["A1"].value
    p_cell = sheet.cell(row=5, column=columns[HEAD["p_meet"]])
    assert p_cell.value == pytest.approx(0.96475) and p_cell.number_format == "0.0000"
    assert sheet.cell(row=4, column=columns[HEAD["p_meet"]]).value is None  # past deadline
    deadline = sheet.cell(row=6, column=columns[HEAD["deadline"]])
    assert deadline.value == dt.datetime(2023, 12, 31) and deadline.number_format == "DD/MM/YYYY"
    assert sheet.cell(row=7, column=columns[HEAD["kind"]]).value == VI["report"]["target_kind"]["all_communes"]
    assert sheet.cell(row=8, column=columns[HEAD["pace_ratio"]]).value == pytest.approx(-0.28)
    assert sheet.print_title_rows == "$3:$3" and sheet.page_setup.orientation == "landscape"


def test_english_the_batch_columns_and_a_failed_report(tmp_path):
    table = _table(report=["", "", "failed", "failed", "ok"], error=["", "", "\x1b[31mNameLookupError\x1b[0m: x",
                                                                      "NameLookupError: x", ""],
                   html=["", "", "", "", "401-nga-son.html"], target_status=["target"] * 4 + ["illustrative"],
                   data_status=["actual"] * 4 + ["illustrative"])
    book = load_workbook(write_assessment_xlsx(table, tmp_path / "s.xlsx", lang="en", as_of=AS_OF))
    overview, detail = book.worksheets[0], book.worksheets[1]
    assert book.sheetnames == ["Summary", "Detail", "Notes"] and "2024-06-30" in overview["A1"].value
    assert overview.cell(row=5, column=2).value == "Province"
    assert overview.cell(row=6, column=_headers(overview, 3)["Error"]).value == "failed: NameLookupError: x"
    columns = _headers(detail, 3)
    assert detail.cell(row=6, column=columns["Status"]).value == "Achieved late"
    assert detail.cell(row=6, column=columns["Report"]).value == "failed"
    assert detail.cell(row=8, column=columns["Target source"]).value == "illustrative"
    assert detail.cell(row=8, column=columns["Report file"]).hyperlink.target == "401-nga-son.html"
    assert "status_vi" not in columns and "status" not in columns  # labels only, never machine columns


def test_changes_sheet_only_when_given(tmp_path):
    changes = pd.DataFrame({"Đơn vị": ["Huyện Nga Sơn"], "Thay đổi": ["Xác suất đạt 31/12/2025: 40 % → 12 %"]})
    book = load_workbook(write_assessment_xlsx(_table(), tmp_path / "s.xlsx", as_of=AS_OF, changes=changes))
    assert book.sheetnames == [BOOK["overview"], BOOK["detail"], BOOK["changes"], BOOK["notes"]]
    sheet = book[BOOK["changes"]]
    assert sheet["A4"].value == "Huyện Nga Sơn" and "30/06/2024" in sheet["A1"].value


def test_a_frame_that_is_not_an_assessment_or_has_no_date_is_refused(tmp_path):
    with pytest.raises(CdsAnalysisError, match="status"):
        write_assessment_xlsx(_table().drop(columns="status"), tmp_path / "s.xlsx", as_of=AS_OF)
    with pytest.raises(CdsAnalysisError, match="lang"):
        write_assessment_xlsx(_table(), tmp_path / "s.xlsx", lang="fr", as_of=AS_OF)
    with pytest.raises(CdsAnalysisError, match="as_of"):
        write_assessment_xlsx(_table(), tmp_path / "s.xlsx", as_of=None)
    assert not (tmp_path / "s.xlsx").exists()


def test_csv_has_a_bom_vietnamese_headers_and_no_chance_for_past_deadlines(tmp_path):
    path = write_summary_csv(_table(), tmp_path / "s.csv", as_of=AS_OF)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(frame.columns)[:3] == [HEAD["district_code"], HEAD["district_name"], HEAD["communes_total"]]
    assert frame[HEAD["district_name"]].tolist()[0] == BOOK["province"]
    assert frame[HEAD["district_code"]].tolist() == ["", "", "399", "399", "401"]
    assert frame[HEAD["status"]].tolist()[2] == VI["status"]["achieved_late"]
    assert frame[HEAD["deadline"]].tolist()[0] == "2023-12-31"
    assert frame[HEAD["p_meet"]].tolist()[:2] == ["", "0.96475"]
    assert frame[HEAD["pace_ratio"]].tolist()[4] == "-0.28"  # a negative number stays a number
    english = pd.read_csv(write_summary_csv(_table(), tmp_path / "e.csv", lang="en", as_of=AS_OF),
                          encoding="utf-8-sig")
    assert list(english.columns)[:2] == ["Code", "District"] and english["Status"].tolist()[1] == "On track"
