"""The summary workbook officials open: one row per district and target, Vietnamese headers, statuses coloured.

`write_assessment_xlsx` takes the frame `cdsanalysis.model.assessment.assess` returns (extra columns
of the batch summary, such as ``report`` or ``html``, are written when present) and writes
a formatted sheet plus a sheet of notes, atomically.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError

# column -> (Vietnamese header, English header, number format, width)
COLUMNS: dict[str, tuple[str, str, str | None, int]] = {
    "district_code": ("Mã đơn vị", "Code", None, 10),
    "district_name": ("Đơn vị", "District", None, 24),
    "communes_total": ("Tổng số xã", "Communes", "0", 11),
    "completed": ("Đã hoàn thành", "Completed", "0", 13),
    "data_status": ("Loại số liệu", "Kind of figure", None, 16),
    "deadline": ("Hạn", "Deadline", "DD/MM/YYYY", 12),
    "target": ("Mục tiêu (lũy kế)", "Target (cumulative)", "0", 12),
    "kind": ("Loại mục tiêu", "Kind of target", None, 16),
    "target_status": ("Nguồn mục tiêu", "Target source", None, 14),
    "p_meet": ("Xác suất đạt", "P(meet)", "0.0%", 12),
    "expected": ("Dự báo (trung bình)", "Forecast (mean)", "0.0", 12),
    "lower": ("Cận dưới 80 %", "80% lower", "0", 10),
    "upper": ("Cận trên 80 %", "80% upper", "0", 10),
    "current_pace": ("Tốc độ hiện tại (xã/tháng)", "Current pace (communes/month)", "0.00", 14),
    "required_pace": ("Tốc độ cần thiết (xã/tháng)", "Required pace (communes/month)", "0.00", 14),
    "pace_ratio": ("Tỷ số tiến độ", "Progress ratio", "0.00", 11),
    "status": ("Đánh giá", "Status", None, 18),
    "report": ("Báo cáo", "Report", None, 10),
    "html": ("Tệp báo cáo", "Report file", None, 24),
    "error": ("Lỗi", "Error", None, 40),
}
"""Columns written, in this order, when present in the table."""

VALUE_TEXT = {
    "vi": {"report": {"ok": "đã tạo", "failed": "lỗi"}, "province": "Toàn tỉnh"},
    "en": {"report": {"ok": "rendered", "failed": "failed"}, "province": "Province"},
}

NOTES = {
    "vi": [
        "Mỗi dòng là một mục tiêu của một đơn vị (dòng đầu: toàn tỉnh). Xác suất đạt = tỷ lệ đường mô phỏng đạt "
        "mục tiêu vào ngày hạn.",
        "Đánh giá: Đã đạt; Đạt muộn (đạt sau ngày hạn); Đúng tiến độ (xác suất ≥ {on_track}); Có nguy cơ "
        "(≥ {at_risk}); Chậm tiến độ (thấp hơn); Không đạt (đã qua hạn mà chưa đạt); Ngoài tầm dự báo (hạn sau "
        "kỳ dự báo); Thiếu dữ liệu (chưa có số liệu của đơn vị).",
        "Số liệu và mục tiêu ghi \"minh họa\" là số liệu giả định để bù chỗ thiếu trong nguồn công khai, "
        "không phải số liệu chính thức.",
    ],
    "en": [
        "Each row is one target of one unit (first rows: the whole province). P(meet) = the share of simulated "
        "paths reaching the target by its deadline.",
        "Status: Achieved; Achieved late (reached after the deadline); On track (P ≥ {on_track}); At risk "
        "(≥ {at_risk}); Off track (below); Missed (deadline passed, target not reached); Beyond forecast horizon "
        "(deadline after the horizon); Insufficient data (no figure for the unit yet).",
        "Figures and targets marked \"illustrative\" are made up to fill gaps in the public record; they are "
        "not official.",
    ],
}


def _cell_value(column: str, value: object, lang: str) -> object:
    """What a cell holds: translated labels, None for missing numbers, native dates."""
    from cdsanalysis.report.text import TEXT

    text = TEXT[lang]
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if column == "deadline":
        return pd.Timestamp(value).to_pydatetime()
    if column == "kind":
        return text["target_kind"].get(value, value)
    if column == "target_status":
        return text["target_status"].get(value, value)
    if column == "data_status":
        return text["data_kind"].get(value, value)
    if column == "report":
        return VALUE_TEXT[lang]["report"].get(value, value)
    if column in ("communes_total", "completed", "target"):
        return int(value)
    if hasattr(value, "item"):
        return value.item()
    return value


def write_assessment_xlsx(table: pd.DataFrame, path: str | os.PathLike, lang: str = "vi") -> Path:
    """Write an `assess()` frame (or the batch summary) as a formatted workbook at ``path``.

    Status cells take the colours of `cdsanalysis.report.text.STATUS_COLORS`; the
    ``status`` column shows the label in ``lang``; a second sheet explains the columns.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from cdsanalysis.model.assessment import STATUS_LABELS, Status
    from cdsanalysis.data.io import atomic_write_bytes
    from cdsanalysis.report.text import STATUS_COLORS
    from cdsanalysis.settings import DEFAULT_THRESHOLDS

    if lang not in VALUE_TEXT:
        raise CdsAnalysisError(f"lang must be 'vi' or 'en'; got {lang!r}")
    missing = [c for c in ("district_code", "deadline", "target", "status") if c not in table.columns]
    if missing:
        raise CdsAnalysisError(f"the table lacks the column(s) {', '.join(missing)}: pass the frame assess() returns")
    columns = [c for c in COLUMNS if c in table.columns]
    header_index = 0 if lang == "vi" else 1

    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp" if lang == "vi" else "Summary"
    header_fill = PatternFill("solid", fgColor="1F5FA8")
    for j, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=j, value=COLUMNS[column][header_index])
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = header_fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(j)].width = COLUMNS[column][3]
    sheet.row_dimensions[1].height = 45

    fills = {status: (PatternFill("solid", fgColor=fill.lstrip("#").upper()), Font(color=ink.lstrip("#").upper()))
             for status, (fill, ink) in STATUS_COLORS.items()}
    for i, row in enumerate(table.itertuples(index=False), start=2):
        values = row._asdict()
        for j, column in enumerate(columns, start=1):
            value = values[column]
            if column == "status":
                value = STATUS_LABELS[Status(value)][lang]
            elif column == "district_name" and values.get("district_code", "") == "":
                value = VALUE_TEXT[lang]["province"]
            else:
                value = _cell_value(column, value, lang)
            cell = sheet.cell(row=i, column=j, value=value)
            number_format = COLUMNS[column][2]
            if number_format:
                cell.number_format = number_format
            if column == "status" and values["status"] in fills:
                cell.fill, cell.font = fills[values["status"]]
            if column == "html" and value:
                cell.hyperlink = str(value)
                cell.font = Font(color="1F5FA8", underline="single")
            if values.get("district_code", "x") == "":
                cell.font = Font(bold=True, color=cell.font.color, underline=cell.font.underline)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(table) + 1)}"

    notes = book.create_sheet("Ghi chú" if lang == "vi" else "Notes")
    notes.column_dimensions["A"].width = 120
    on_track = f"{DEFAULT_THRESHOLDS.on_track:.0%}"
    at_risk = f"{DEFAULT_THRESHOLDS.at_risk:.0%}"
    for i, note in enumerate(NOTES[lang], start=1):
        notes.cell(row=i, column=1, value=note.format(on_track=on_track, at_risk=at_risk)).alignment = Alignment(
            wrap_text=True)

    buffer = io.BytesIO()
    book.save(buffer)
    return atomic_write_bytes(path, buffer.getvalue())
