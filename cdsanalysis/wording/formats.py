"""How every output writes numbers, percentages, chances and dates, in each language.

One home for formatting (as `cdsanalysis.data.dates` is for parsing): every page, table, chart,
workbook, terminal line and data notice calls these, so a fix lands everywhere at once. The
separators and the date pattern of each language are words of the catalogue.
"""

from __future__ import annotations

import math

import pandas as pd

from cdsanalysis.wording import DEFAULT_LANG, words

NBSP = "\u00a0"
"""Between a number and "%" in Vietnamese: the sign never wraps onto a line of its own."""

SETTLED_STATUSES = frozenset({"achieved", "achieved_late", "missed", "closed"})
"""Statuses the recorded figures settle: no chance is involved, so none is shown ("—")."""

MISSING = "—"
"""What a missing number, date or chance reads, in every language."""


def format_date(value: object, lang: str = DEFAULT_LANG) -> str:
    """30/06/2024 in Vietnamese, 2024-06-30 in English; "—" if missing."""
    if value is None or pd.isna(value):
        return MISSING
    return pd.Timestamp(value).strftime(words(lang)["date_format"])


def _localise(text: str, lang: str) -> str:
    """``1,234.5`` as ``lang`` writes it (both separators swapped at once)."""
    w = words(lang)
    return text.translate(str.maketrans({",": w["thousands_separator"], ".": w["decimal_separator"]}))


def format_number(value: float, lang: str, digits: int = 1) -> str:
    """A number as the report writes it: ``1 234,5`` in Vietnamese, ``1,234.5`` in English; "—" if missing."""
    if value is None or pd.isna(value):
        return MISSING
    return _localise(f"{value:,.{digits}f}", lang)


def _percent(text: str, lang: str) -> str:
    return words(lang)["percent"].format(value=_localise(text, lang))


def format_percent(value: float, lang: str, digits: int = 0) -> str:
    """A share as a percentage: ``27 %`` in Vietnamese (no-break space), ``27%`` in English; "—" if missing.

    A value that would round to 0 or 100 but is neither reads "<1 %" / ">99 %".
    """
    if value is None or pd.isna(value):
        return MISSING
    text = f"{100 * value:.{digits}f}"
    smallest = 10.0 ** -digits
    if 0 < 100 * value < smallest:
        text = f"<{smallest:g}"
    elif 100 - smallest < 100 * value < 100:
        text = f">{100 - smallest:g}"
    return _percent(text, lang)


def format_chance(p: float, lang: str, *, status: str | None = None, certain: bool = False) -> str:
    """A chance of meeting a target, the one way every page, table, workbook and terminal writes it.

    Whole percentages. "—" when it is missing or when ``status`` says the recorded figures
    settle the target (achieved, achieved late, missed). A simulated 0 or 1 is not a certainty:
    it reads "<1 %" / ">99 %" unless ``certain`` (e.g. a target above the number of communes).
    """
    if p is None or pd.isna(p) or (status is not None and str(status) in SETTLED_STATUSES):
        return MISSING
    value = 100 * float(p)
    if certain and value in (0.0, 100.0):
        text = f"{value:.0f}"
    elif value < 0.5:
        text = "<1"
    elif value >= 99.5:
        text = ">99"
    else:
        text = str(math.floor(value + 0.5))  # half up: 0.5 % reads 1 %, never 0 %
    return _percent(text, lang)
