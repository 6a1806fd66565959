"""Text from user data that a spreadsheet would run as a formula, written so that it stays text.

Names and other strings come from district offices by e-mail; written raw into a workbook or
a CSV that Excel opens, ``=HYPERLINK(...)``, ``+cmd|...``, ``-2+3`` or ``@SUM(...)`` become live
formulas (CSV injection, OWASP). Every xlsx and csv this package writes for people passes its
cells through here:

- **xlsx**: a string is always stored as a string cell (never a formula), and one that starts
  like a formula also gets Excel's "quote prefix" flag, so editing the cell keeps it text. The
  reader sees the name unchanged.
- **csv**: a string that starts like a formula is prefixed with an apostrophe, the usual
  guidance for CSV files, since a CSV has no way to say "this is text".

Numbers stay numbers: only ``str`` values are ever changed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make Excel or LibreOffice read a cell as a formula (OWASP's list)."""


_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what the xlsx format cannot hold (openpyxl refuses)


def starts_like_formula(value: object) -> bool:
    """True for a string a spreadsheet would evaluate (``=1+1``, ``@SUM(A1)``, a leading tab...)."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_safe(value: object) -> object:
    """``value`` for a CSV cell: a formula-like string gets a leading apostrophe; anything else unchanged."""
    return "'" + value if starts_like_formula(value) else value


def csv_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and headers) are `csv_safe`; numeric columns untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(csv_safe)
    out.columns = [csv_safe(c) for c in out.columns]
    return out


def set_cell(sheet: Worksheet, row: int, column: int, value: object) -> Cell:
    """Write ``value`` at (row, column) of an openpyxl sheet; a string is always text, never a formula.

    Control characters the format cannot hold become U+FFFD (terminal colour codes are dropped),
    so a stray one in an error message never makes the whole workbook fail.
    """
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):  # a kernel's error text carries colour codes; the format cannot hold them
        value = _ILLEGAL.sub("\ufffd", _ANSI.sub("", value))
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would store "=..." as a formula
        if starts_like_formula(value):
            cell.quotePrefix = True
    return cell
