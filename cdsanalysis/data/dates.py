"""Dates given by people (a CLI flag, a notebook parameter, a spreadsheet cell), read one way everywhere.

Vietnamese offices write dates day first ("30/6/2024", "ngày 30 tháng 6 năm 2024"), so an
ambiguous "1/7/2024" is 1 July 2024, on the command line as in a spreadsheet. ISO dates
("2024-06-30") are always accepted. Only ASCII digits count ("٣٠/٦/٢٠٢٤" is refused), and
years outside `YEAR_RANGE` are refused with the value quoted, before pandas can overflow.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Union

import numpy as np
import pandas as pd

from cdsanalysis.data.names import name_key
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording.messages import said

DateLike = Union[str, dt.date, dt.datetime, pd.Timestamp, np.datetime64]
"""What the API accepts as a date: ISO or day-first text, a date, a datetime or a Timestamp."""

YEAR_RANGE = (1900, 2199)
"""Years a date may have: wide for any plan, narrow enough to stay far from pandas' 1677–2262 limits."""

DATE_HINT = said("date_hint")

_ISO_DATETIME = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9:.]+$", re.ASCII)
# Patterns over an accent-free key (cdsanalysis.data.names.name_key turns punctuation into spaces).
_DATE_PATTERNS = (
    (re.compile(r"\b([0-9]{4}) ([0-9]{1,2}) ([0-9]{1,2})\b", re.ASCII), ("y", "m", "d")),
    (re.compile(r"\b([0-9]{1,2}) thang ([0-9]{1,2}) nam ([0-9]{4})\b", re.ASCII), ("d", "m", "y")),
    (re.compile(r"\b([0-9]{1,2}) ([0-9]{1,2}) ([0-9]{4})\b", re.ASCII), ("d", "m", "y")),
)


def _key(text: str) -> str:
    return name_key(text)


def find_date(key: str) -> tuple[pd.Timestamp | None, tuple[int, int] | None]:
    """The first valid date (day first, or ISO) in an accent-free key, and where it was found."""
    found = []
    for pattern, order in _DATE_PATTERNS:
        for match in pattern.finditer(key):
            parts = dict(zip(order, map(int, match.groups()), strict=False))
            if not YEAR_RANGE[0] <= parts["y"] <= YEAR_RANGE[1]:
                continue
            try:
                found.append((match.start(), pd.Timestamp(dt.date(parts["y"], parts["m"], parts["d"])),
                              match.span()))
            except ValueError:
                continue
    if not found:
        return None, None
    _, date, span = min(found, key=lambda f: f[0])
    return date, span


def text_date(text: str) -> pd.Timestamp | None:
    """A whole text that is one date: "30/6/2024", "2024-06-30", "ngày 30 tháng 6 năm 2024"; else None."""
    key = re.sub(r"^ngay ", "", _key(str(text)))
    key = re.sub(r"( 00){2,3}$", "", key)  # "2024-06-30 00:00:00"
    date, span = find_date(key)
    return date if date is not None and span == (0, len(key)) else None


_NUMERIC_DATE = (
    (re.compile(r"\b([0-9]{1,2}) thang ([0-9]{1,2}) nam ([0-9]{1,4})\b", re.ASCII), ("d", "m", "y")),
    (re.compile(r"\b([0-9]{4}) ([0-9]{1,2}) ([0-9]{1,2})\b", re.ASCII), ("y", "m", "d")),
    (re.compile(r"\b([0-9]{1,2}) ([0-9]{1,2}) ([0-9]{4})\b", re.ASCII), ("d", "m", "y")),
)
FIRST_FORM_YEAR = 2000
"""No district form reports on a date before this year (CĐS of communes began in the 2020s)."""


def date_problem(text: str) -> str | None:
    """What is wrong with a written date that is not one: "31 is not a month; write day/month/year (31/3/2025)".

    None when the text holds no day-month-year numbers to explain (or when it is a valid date).
    """
    key = re.sub(r"^ngay ", "", _key(str(text)))
    for pattern, order in _NUMERIC_DATE:
        match = pattern.search(key)
        if not match:
            continue
        parts = dict(zip(order, map(int, match.groups()), strict=True))
        day, month, year = parts["d"], parts["m"], parts["y"]
        if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
            return said("year_range", year=year, low=YEAR_RANGE[0], high=YEAR_RANGE[1])
        if month > 12:
            fixed = f" ({month}/{day}/{year})" if day <= 12 else ""
            return said("not_a_month", month=month, fixed=fixed)
        try:
            dt.date(year, month, day)
        except ValueError:
            return said("no_such_day", day=day, month=month, year=year)
        return None
    return None


def implausible_year(date: pd.Timestamp, today: dt.date | None = None) -> str | None:
    """Why a form's date cannot be right (31/12/2199, 1/1/1900: typing slips), or None.

    A form reports on a past or current date: its year lies between `FIRST_FORM_YEAR` and next year.
    """
    high = (today or dt.date.today()).year + 1
    if FIRST_FORM_YEAR <= date.year <= high:
        return None
    return said("implausible_year", year=date.year, low=FIRST_FORM_YEAR, high=high)


def parse_date(value: object, what: str = "date") -> pd.Timestamp:
    """A midnight timestamp from ISO or day-first text, a date or a timestamp; a clear error otherwise.

    A timezone-aware value keeps its own calendar date (the zone is dropped, not converted):
    "as of 30 June" means 30 June wherever it was written.
    """
    if isinstance(value, str):
        if _ISO_DATETIME.match(value.strip()):
            value = value.strip()[:10]  # "2024-06-30T00:00:00" from a notebook or JSON
        stamp = text_date(value)
        if stamp is None:
            raise CdsAnalysisError(said("not_a_date_years", what=what, value=value, low=YEAR_RANGE[0],
                                        high=YEAR_RANGE[1]))
        return stamp
    if isinstance(value, (bool, int, float, np.number)) or value is None or pd.isna(value) is True:
        raise CdsAnalysisError(said("not_a_date", what=what, value=value))
    year = getattr(value, "year", None)
    if isinstance(value, np.datetime64):
        year = int(str(np.datetime_as_string(value, unit="Y")).lstrip("+") or 0) if not np.isnat(value) else None
    if year is not None and not YEAR_RANGE[0] <= int(year) <= YEAR_RANGE[1]:
        raise CdsAnalysisError(said("outside_years", what=what, value=str(value), low=YEAR_RANGE[0],
                                    high=YEAR_RANGE[1]))
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError, OverflowError) as err:
        raise CdsAnalysisError(said("not_a_date", what=what, value=value)) from err
    if pd.isna(stamp):
        raise CdsAnalysisError(said("not_a_date", what=what, value=value))
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp.normalize()
