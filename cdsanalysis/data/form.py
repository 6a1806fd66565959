"""The district form: an .xlsx that offices fill in and `import` reads back as it is.

It is laid out the way offices already write their reports (title, a "Số liệu tính đến ngày …"
line, the header "STT | Đơn vị | Tổng số xã | Số xã hoàn thành (lũy kế) | Ghi chú", a "Tổng cộng"
row), with every district of the units list pre-filled, so nobody retypes a name. Each district's
latest figure of any status is shown beside the blank as a reminder, with its date and what kind
of figure it is ("30/6/2024, minh họa"): an office checks its count against what the province
holds, and a made-up figure says so rather than hiding (issue 19, obs. 9: the column was empty
for 26 of 27 districts when only real figures were shown).
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path

import pandas as pd

from cdsanalysis.data.dates import parse_date
from cdsanalysis.data.formulas import set_cell
from cdsanalysis.data.io import atomic_write_bytes
from cdsanalysis.data.limits import MAX_SHEET_CELLS, MAX_SHEET_ROWS
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.settings import PROVINCE_CODE
from cdsanalysis.wording import words

FORM_LANG = "vi"
"""The form is written in Vietnamese: offices fill it in, and `import` reads its headers back."""
COUNT_COLUMN = 4
"""The column (D) the office fills: the cumulative number of communes recognised by provincial decisions
(issue 21: the measure the model fits; a district's own claim is another measure, imported apart)."""
HEADER_ROW = 4
ROWS_BELOW = 4
"""Rows under the districts: the total, a blank row and the two lines of guidance."""
_WIDTHS = (6, 30, 12, 18, 14, 26, 40)


def default_form_date(today: dt.date | None = None) -> pd.Timestamp:
    """The last day of the previous month: the date a monthly round reports on."""
    today = today or dt.date.today()
    return pd.Timestamp(today.replace(day=1)) - pd.Timedelta(days=1)


def write_form(dataset, out: str | os.PathLike, as_of: object = None) -> Path:
    """Write the district form for ``dataset``'s units (a `Dataset`) as ``out`` (.xlsx), atomically."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise CdsAnalysisError(f"{out}: the form is an Excel workbook; give a file name ending in .xlsx")
    date = default_form_date() if as_of is None else parse_date(as_of, "as_of")
    return atomic_write_bytes(out, form_bytes(dataset, date))


def form_bytes(dataset, date: pd.Timestamp) -> bytes:
    """The form as .xlsx bytes (see the module docstring for its layout)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    text = words(FORM_LANG)["form"]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = text["sheet"]
    last = get_column_letter(len(text["headers"]))
    _text(sheet, 1, 1, text["title"]).font = Font(bold=True, size=13)
    _text(sheet, 2, 1, text["as_of"].format(day=date.day, month=date.month, year=date.year)).font = Font(italic=True)
    for row in (1, 2):
        sheet.merge_cells(f"A{row}:{last}{row}")
        sheet.cell(row, 1).alignment = Alignment(horizontal="center")
    for column, label in enumerate(text["headers"], 1):
        cell = _text(sheet, HEADER_ROW, column, label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    districts = dataset.districts()
    _check_fits(len(districts), len(text["headers"]))
    previous = _previous_figures(dataset, date)
    first = HEADER_ROW + 1
    for number, district in enumerate(districts.itertuples(index=False), 1):
        row = HEADER_ROW + number
        sheet.cell(row, 1, number)
        _text(sheet, row, 2, district.district_name)
        sheet.cell(row, 3, int(district.communes_total))
        if district.district_code in previous.index:
            count, when, status = previous.loc[district.district_code]
            sheet.cell(row, 5, int(count))
            label = text["kinds"].get(status, status)
            _text(sheet, row, 6, f"{when.day}/{when.month}/{when.year}, {label}")
    end = HEADER_ROW + len(districts)
    total = end + 1
    _text(sheet, total, 1, text["total"]).font = Font(bold=True)
    sheet.cell(total, 3, f"=SUM(C{first}:C{end})")
    sheet.cell(total, COUNT_COLUMN, f"=SUM(D{first}:D{end})")
    counts = DataValidation(type="whole", operator="between", formula1="0", formula2=f"C{first}",
                            showErrorMessage=True, errorTitle=text["error_title"],
                            error=text["error"])
    sheet.add_data_validation(counts)
    for row in range(first, end + 1):
        counts.add(f"D{row}")  # the bound follows each row's own total through relative references
    _text(sheet, total + ROWS_BELOW - 2, 1, text["guide"])
    _text(sheet, total + ROWS_BELOW - 1, 1, text["claims"])
    for column, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(first, 1)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _check_fits(districts: int, columns: int) -> None:
    """A form `import` would refuse is never written (issue 20, U3): its rows within the sheet limits."""
    rows = HEADER_ROW + districts + ROWS_BELOW
    if rows > MAX_SHEET_ROWS or rows * max(columns, len(_WIDTHS)) > MAX_SHEET_CELLS:
        raise CdsAnalysisError(
            f"{districts:,} districts make a form of {rows:,} rows, beyond what import reads ({MAX_SHEET_ROWS:,} "
            f"rows, {MAX_SHEET_CELLS:,} cells); split the data folder by region and send each its own form")


def _text(sheet, row: int, column: int, value: str):
    """A text cell that stays text, even if it starts with '=' (never a formula from data; see
    `cdsanalysis.data.formulas`)."""
    return set_cell(sheet, row, column, value)


def _previous_figures(dataset, date: pd.Timestamp) -> pd.DataFrame:
    """Each district's latest count of any status on or before ``date``, with its date and status."""
    progress = dataset.progress
    known = progress[(progress["district_code"] != PROVINCE_CODE) & (progress["as_of"] <= date)]
    latest = known.sort_values("as_of", kind="stable").groupby("district_code").tail(1)
    return latest.set_index("district_code")[["completed", "as_of", "status"]]
