"""How the reports write numbers, percentages and dates, in each language.

One home for formatting (as `cdsanalysis.data.dates` is for parsing): every page, table, chart
and workbook calls these, so a fix lands everywhere at once.
"""

from __future__ import annotations

import pandas as pd


def format_date(value: object, lang: str = "vi") -> str:
    """30/06/2024 in Vietnamese, 2024-06-30 in English; "—" if missing."""
    if value is None or pd.isna(value):
        return "—"
    stamp = pd.Timestamp(value)
    return f"{stamp:%d/%m/%Y}" if lang == "vi" else f"{stamp:%Y-%m-%d}"


def format_number(value: float, lang: str, digits: int = 1) -> str:
    """A number as the report writes it: ``1 234,5`` in Vietnamese, ``1,234.5`` in English; "—" if missing."""
    if value is None or pd.isna(value):
        return "—"
    text = f"{value:,.{digits}f}"
    return text.replace(",", " ").replace(".", ",") if lang == "vi" else text


def format_percent(value: float, lang: str, digits: int = 0) -> str:
    """A share as a percentage: ``27 %`` in Vietnamese, ``27%`` in English; "—" if missing."""
    if value is None or pd.isna(value):
        return "—"
    text = f"{100 * value:.{digits}f}"
    smallest = 10.0 ** -digits  # a chance that rounds to 0 or 100 but is not: "<1 %", ">99 %"
    if 0 < 100 * value < smallest:
        text = f"<{smallest:g}"
    elif 100 - smallest < 100 * value < 100:
        text = f">{100 - smallest:g}"
    return f"{text.replace('.', ',')} %" if lang == "vi" else f"{text}%"
