"""Dates given by a user (a CLI flag, a notebook parameter), read one way everywhere."""

from __future__ import annotations

import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError


def parse_date(value: object, what: str = "date") -> pd.Timestamp:
    """A midnight timestamp from an ISO string, date or timestamp; a clear error naming ``what`` otherwise."""
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as err:
        raise CdsAnalysisError(f"{what} is not a date: {value!r}; write it as YYYY-MM-DD") from err
    if pd.isna(stamp):
        raise CdsAnalysisError(f"{what} is not a date: {value!r}; write it as YYYY-MM-DD")
    return stamp.normalize()
