"""What a cell of a district progress sheet says: text, whole numbers and dates as offices type them.

Counts arrive as numbers or as text ("12", " 12 ", "12,0"); dates as Excel dates, Excel day
numbers or text written day first ("30/6/2024", "ngày 30 tháng 6 năm 2024"). Text is matched
through its accent-free key (`cdsanalysis.data.names.name_key`), so punctuation is already spaces.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from cdsanalysis.data.names import name_key, nfc

# Dates in accent-free keys (punctuation is already spaces): day first, ISO, or "30 thang 6 nam 2024".
_DATE_PATTERNS = (
    (re.compile(r"\b(\d{4}) (\d{1,2}) (\d{1,2})\b"), ("y", "m", "d")),
    (re.compile(r"\b(\d{1,2}) thang (\d{1,2}) nam (\d{4})\b"), ("d", "m", "y")),
    (re.compile(r"\b(\d{1,2}) (\d{1,2}) (\d{4})\b"), ("d", "m", "y")),
)
_DATE_CONTEXT = re.compile(r"\b(tinh den|den ngay|den het|thoi diem|so lieu)\b")
_EXCEL_SERIALS = (36526, 73051)  # 2000-01-01 .. 2099-12-31 as Excel day numbers
_WHOLE_NUMBER = re.compile(r"^\d+(?:[.,]0+)?$")


def cell_date(value) -> pd.Timestamp | None:
    """A date cell: an Excel date, an Excel day number of 2000–2099, or date text; else None."""
    if isinstance(value, (dt.datetime, dt.date)):
        return pd.Timestamp(value).normalize()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if _EXCEL_SERIALS[0] <= value <= _EXCEL_SERIALS[1]:
            from openpyxl.utils.datetime import from_excel

            return pd.Timestamp(from_excel(value)).normalize()
        return None
    return text_date(str(value))


def text_date(text: str) -> pd.Timestamp | None:
    """A whole cell of date text: "30/6/2024", "30/06/2024", "2024-06-30", "ngày 30 tháng 6 năm 2024"."""
    key = re.sub(r"^ngay ", "", name_key(text))
    key = re.sub(r"( 00){2,3}$", "", key)  # "2024-06-30 00:00:00"
    date, span = find_date(key)
    return date if date is not None and span == (0, len(key)) else None


def find_date(key: str) -> tuple[pd.Timestamp | None, tuple[int, int] | None]:
    """The first valid date in an accent-free key, and where it was found."""
    found = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(key):
            parts = dict(zip(order, map(int, match.groups())))
            try:
                found.append((match.start(), pd.Timestamp(dt.date(parts["y"], parts["m"], parts["d"])),
                              match.span()))
            except ValueError:
                continue
    if not found:
        return None, None
    _, date, span = min(found, key=lambda f: f[0])
    return date, span


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
        return int(value) if float(value).is_integer() and value >= 0 else None
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
