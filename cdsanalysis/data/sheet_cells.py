"""What a cell of a district progress sheet says: text, whole numbers and dates as offices type them.

Counts arrive as numbers or as text ("12", " 12 ", "12,0"); dates as Excel dates, Excel day
numbers or text written day first ("30/6/2024", "ngày 30 tháng 6 năm 2024"). Text is matched
through its accent-free key (`cdsanalysis.data.names.name_key`), so punctuation is already spaces.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd

from cdsanalysis.data.dates import YEAR_RANGE, find_date, text_date
from cdsanalysis.data.limits import MAX_COUNT_DIGITS
from cdsanalysis.data.names import name_key, nfc

_DATE_CONTEXT = re.compile(r"\b(tinh den|den ngay|den het|thoi diem|so lieu)\b")
_SERIAL_YEARS = (2000, 2099)  # a plain number in a date column is a day number only for these years
# ASCII digits, optionally "12,0" / "12.0" (a count typed as a decimal); never "12.000" (twelve thousand).
_WHOLE_NUMBER = re.compile(r"^[0-9]{1,9}(?:[.,]0)?$", re.ASCII)


def cell_date(value, date1904: bool = False) -> pd.Timestamp | None:
    """A date cell: an Excel date, an Excel day number of 2000–2099, or date text; else None.

    ``date1904``: the workbook counts days from 1904 (Excel for Mac's old default, still set in
    some files): a plain day number then means a date 1,462 days later than in the 1900 system.
    """
    if isinstance(value, (dt.datetime, dt.date)):
        if not YEAR_RANGE[0] <= value.year <= YEAR_RANGE[1]:
            return None  # year 1600 or 9999: a typing slip, reported as "not a date"
        return pd.Timestamp(value).normalize()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

        if not 0 < value < 2_958_466 or not math.isfinite(value):  # beyond 9999-12-31 in either system
            return None
        date = pd.Timestamp(from_excel(value, CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900)).normalize()
        return date if _SERIAL_YEARS[0] <= date.year <= _SERIAL_YEARS[1] else None
    return text_date(str(value))


def cell_text(value) -> str:
    """The text of a cell, NFC-normalised ("" for an empty cell)."""
    return "" if value is None else nfc(str(value))


def is_blank(value) -> bool:
    """An empty cell, or one holding only "-"."""
    return value is None or cell_text(value) in ("", "-")


def whole_number(value) -> int | None:
    """A count from a number or from text as offices type it ("12", " 12 ", "12,0"); else None."""
    if isinstance(value, bool) or isinstance(value, (dt.date, dt.time)):
        return None
    if isinstance(value, (int, float)):
        ok = math.isfinite(value) and float(value).is_integer() and 0 <= value < 10**MAX_COUNT_DIGITS
        return int(value) if ok else None
    text = cell_text(value).replace(" ", "")
    return int(re.split(r"[.,]", text)[0]) if _WHOLE_NUMBER.match(text) else None


def looks_numeric(value) -> bool:
    """A number, or text that reads as a whole number (a data row, not a sub-header)."""
    return isinstance(value, (int, float)) or whole_number(value) is not None


def context_date(text: str) -> pd.Timestamp | None:
    """A date that follows "tính đến", "đến ngày", "thời điểm"... (not a signing date)."""
    key = name_key(text)
    match = _DATE_CONTEXT.search(key)
    return find_date(key[match.end():])[0] if match else None


def has_date_context(text: str) -> bool:
    """Whether a text announces a data date ("tính đến ngày", "số liệu đến")."""
    return bool(_DATE_CONTEXT.search(name_key(text)))
