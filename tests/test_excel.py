"""The summary workbook: Vietnamese headers, coloured statuses, native numbers and dates."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from cdsanalysis.report.text import STATUS_COLORS
from cdsanalysis.report.excel import write_assessment_xlsx
from cdsanalysis.exceptions import CdsAnalysisError


def _table(**extra) -> pd.DataFrame:
    frame = pd.DataFrame({
        "district_code": ["", "399"],
        "district_name": ["Toàn tỉnh", "Huyện Hoằng Hóa"],
        "communes_total": [559, 37],
        "completed": pd.array([95, 10], dtype="Int64"),
        "deadline": pd.to_datetime(["2025-12-31", "2024-12-31"]),
        "target": [477, 28],
        "kind": ["commune_quota", "all_communes"],
        "p_meet": [0.96475, np.nan],
        "expected": [536.0875, np.nan],
        "lower": [504.0, np.nan], "upper": [558.0, np.nan],
        "current_pace": [6.57688, 0.0], "required_pace": [21.178734, 2.98], "pace_ratio": [0.310542, 0.0],
        "status": ["on_track", "off_track"],
        "status_vi": ["Đúng tiến độ", "Chậm tiến độ"], "status_en": ["On track", "Off track"],
    })
    for name, values in extra.items():
        frame[name] = values
    return frame


def _rows(path, sheet=0):
    book = load_workbook(path)
    ws = book.worksheets[sheet]
    return book, ws, {cell.value: cell.column for cell in ws[1]}


def test_headers_values_and_formats_in_vietnamese(tmp_path):
    path = write_assessment_xlsx(_table(), tmp_path / "s.xlsx")
    book, ws, columns = _rows(path)
    assert ws.title == "Tổng hợp" and book.sheetnames[1] == "Ghi chú"
    assert list(columns)[:4] == ["Mã đơn vị", "Đơn vị", "Tổng số xã", "Đã hoàn thành"]
    p_cell = ws.cell(row=2, column=columns["Xác suất đạt"])
    assert p_cell.value == pytest.approx(0.96475) and p_cell.number_format == "0.0%"
    assert ws.cell(row=3, column=columns["Xác suất đạt"]).value is None  # NaN -> empty, not "nan"
    deadline = ws.cell(row=3, column=columns["Hạn"])
    assert deadline.value == dt.datetime(2024, 12, 31) and deadline.number_format == "DD/MM/YYYY"
    assert ws.cell(row=3, column=columns["Loại mục tiêu"]).value == "toàn bộ số xã"
    assert ws.cell(row=2, column=columns["Đơn vị"]).font.bold  # the province row stands out
    assert ws.freeze_panes == "C2"


def test_status_cells_show_the_label_in_the_status_colour(tmp_path):
    path = write_assessment_xlsx(_table(), tmp_path / "s.xlsx")
    _, ws, columns = _rows(path)
    for row, status, label in ((2, "on_track", "Đúng tiến độ"), (3, "off_track", "Chậm tiến độ")):
        cell = ws.cell(row=row, column=columns["Đánh giá"])
        assert cell.value == label
        assert cell.fill.fgColor.rgb.endswith(STATUS_COLORS[status][0].lstrip("#").upper())


def test_english_and_the_batch_columns(tmp_path):
    table = _table(report=["", "failed"], error=["", "NameLookupError: x"], html=["", "399-hoang-hoa.html"],
                   target_status=["target", "illustrative"], data_status=["actual", "illustrative"])
    path = write_assessment_xlsx(table, tmp_path / "s.xlsx", lang="en")
    _, ws, columns = _rows(path)
    assert ws.title == "Summary"
    assert ws.cell(row=2, column=columns["District"]).value == "Province"
    assert ws.cell(row=3, column=columns["Status"]).value == "Off track"
    assert ws.cell(row=3, column=columns["Report"]).value == "failed"
    assert ws.cell(row=3, column=columns["Target source"]).value == "illustrative"
    assert ws.cell(row=3, column=columns["Report file"]).hyperlink.target == "399-hoang-hoa.html"
    assert "status_vi" not in columns and "Trạng thái" not in columns


def test_a_frame_that_is_not_an_assessment_is_refused(tmp_path):
    with pytest.raises(CdsAnalysisError, match="status"):
        write_assessment_xlsx(_table().drop(columns="status"), tmp_path / "s.xlsx")
    with pytest.raises(CdsAnalysisError, match="lang"):
        write_assessment_xlsx(_table(), tmp_path / "s.xlsx", lang="fr")
    assert not (tmp_path / "s.xlsx").exists()
