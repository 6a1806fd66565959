"""How every sheet of our workbooks looks and prints: title rows, header cells, A4 page set-up.

Shared by the summary workbook (`cdsanalysis.report.writers.excel`) and any other sheet a report
writes, so that all of them carry the date of their figures in a title row, print on A4 one
page wide with their header rows repeated, and colour a status the same way. Every value goes
in through `cdsanalysis.data.formulas.set_cell` (text never becomes a formula).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from cdsanalysis.data.formulas import set_cell
from cdsanalysis.report.content.text import STATUS_COLORS
from cdsanalysis.wording import words

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.worksheet import Worksheet

HEADER_FILL = "1F5FA8"
"""The header rows' blue (the forecast median's colour in the charts)."""
CAVEAT_FILL = "FFF4E5"
CAVEAT_INK = "7A3E00"
CAVEAT_MARK = "⚠ "
"""A caveat row that starts with this mark is shaded like the warning box of the HTML pages."""
LINE_HEIGHT = 15
"""Points a line of 11-point text takes: wrapped cells get this times their lines (Excel and LibreOffice do
not grow a row for wrapped text written by openpyxl, so a printed cell would be cut)."""


def column_letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(column)


def title_rows(sheet: Worksheet, width: int, title: str, caveat: str) -> None:
    """Row 1: the title (with the as-of date); row 2: the provenance caveat; both merged across
    ``width`` columns, so a sheet printed or e-mailed alone still says what its figures are.

    Set the column widths first: the caveat row's height follows the width it wraps in.
    """
    from openpyxl.styles import Alignment, Font, PatternFill

    set_cell(sheet, 1, 1, title).font = Font(bold=True, size=14)
    cell = set_cell(sheet, 2, 1, caveat)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if caveat.startswith(CAVEAT_MARK):
        cell.fill = PatternFill("solid", fgColor=CAVEAT_FILL)
        cell.font = Font(bold=True, color=CAVEAT_INK)
    if width > 1:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.row_dimensions[1].height = 22
    characters = sum(sheet.column_dimensions[column_letter(j)].width or 10 for j in range(1, width + 1))
    lines = -(-len(caveat) // max(20, int(characters * 1.1)))  # a bold line holds about 1.1 chars per unit
    sheet.row_dimensions[2].height = 16 * max(1, lines)


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped at word boundaries in a column ``width`` characters wide (a line
    of 11-point Calibri holds about 0.9 characters per width unit: a margin for wide letters)."""
    room = max(10, int(width * 0.9))
    lines = 0
    for paragraph in text.split("\n"):
        line = 0
        lines += 1
        for word in paragraph.split():
            if line and line + 1 + len(word) > room:
                lines += 1
                line = len(word)
            else:
                line += (1 if line else 0) + len(word)
    return max(1, lines)


def header_cell(cell: Cell) -> Cell:
    """White bold text on the header blue, centred and wrapped."""
    from openpyxl.styles import Alignment, Font, PatternFill

    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    return cell


def print_setup(sheet: Worksheet, repeat_rows: str, lang: str) -> None:
    """A4 landscape, fit to one page wide (as many pages down as needed), ``repeat_rows`` (e.g.
    ``"3:4"``) printed at the top of every page, centred, page numbers in the footer."""
    from openpyxl.worksheet.page import PageMargins

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if repeat_rows:
        sheet.print_title_rows = repeat_rows
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.6)
    sheet.oddFooter.center.text = words(lang)["sheet_footer"]


def status_style(status: str) -> tuple[PatternFill, Font]:
    """Fill and font of a status cell: the colours every output gives that status."""
    from openpyxl.styles import Font, PatternFill

    fill, ink = STATUS_COLORS.get(status, ("#ffffff", "#000000"))
    return PatternFill("solid", fgColor=fill.lstrip("#").upper()), Font(color=ink.lstrip("#").upper())


def plain_value(value: object) -> object:
    """A value openpyxl can store: None for missing, Python dates and numbers for numpy/pandas ones."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if hasattr(value, "item"):
        return value.item()
    return value


FRAME_WIDTH = 20
"""Each column of a `write_frame` sheet, in character widths."""


def write_frame(sheet: Worksheet, frame: pd.DataFrame, lang: str, title: str, caveat: str = "") -> None:
    """Any small table (headers as given) under the title rows, dates as dates, printed like the others."""
    from openpyxl.styles import Alignment

    width = max(1, len(frame.columns))
    for j in range(1, width + 1):
        sheet.column_dimensions[column_letter(j)].width = FRAME_WIDTH
    title_rows(sheet, width, title, caveat)
    for j, column in enumerate(frame.columns, start=1):
        header_cell(set_cell(sheet, 3, j, str(column)))
    for i, row in enumerate(frame.itertuples(index=False), start=4):
        lines = 1
        for j, value in enumerate(row, start=1):
            value = plain_value(value)
            cell = set_cell(sheet, i, j, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if hasattr(value, "year"):
                cell.number_format = words(lang)["sheet_date_format"]
            elif isinstance(value, str):
                lines = max(lines, wrapped_lines(value, FRAME_WIDTH))
        sheet.row_dimensions[i].height = LINE_HEIGHT * lines  # wrapped cells print whole
    sheet.freeze_panes = "A4"
    print_setup(sheet, "3:3", lang)
