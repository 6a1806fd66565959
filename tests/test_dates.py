"""One date parser for every date a person types: day first, ISO always, bad values quoted back."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from cdsanalysis.data.dates import parse_date, text_date
from cdsanalysis.exceptions import CdsAnalysisError


@pytest.mark.parametrize("text, expected", [
    ("1/7/2024", "2024-07-01"),  # day first: 1 July, never 7 January
    ("01/07/2024", "2024-07-01"),
    ("30.6.2024", "2024-06-30"),
    ("2024-06-30", "2024-06-30"),  # ISO always
    ("2023-6-30", "2023-06-30"),
    ("2024-06-30T00:00:00", "2024-06-30"),
    ("ngày 30 tháng 6 năm 2024", "2024-06-30"),
])
def test_text_is_read_day_first_or_iso(text, expected):
    assert parse_date(text) == pd.Timestamp(expected)


@pytest.mark.parametrize("text", ["31/12/2999", "1/1/1600", "32/1/2024", "٣٠/٦/٢٠٢٤", "３０/６/２０２４", "soon", ""])
def test_a_bad_date_is_quoted_in_the_message(text):
    with pytest.raises(CdsAnalysisError) as caught:
        parse_date(text, "as_of")
    assert repr(text) in str(caught.value) and "as_of" in str(caught.value)


@pytest.mark.parametrize("value", [float("inf"), float("nan"), None, 20240630, pd.NaT,
                                   dt.datetime(9999, 1, 1), np.datetime64("1600-01-01")])
def test_values_that_are_no_usable_date_raise_our_error(value):
    with pytest.raises(CdsAnalysisError):
        parse_date(value)


def test_a_timezone_aware_date_keeps_its_own_calendar_day():
    late_evening = pd.Timestamp("2024-06-30 23:30", tz="Asia/Ho_Chi_Minh")
    assert parse_date(late_evening) == pd.Timestamp("2024-06-30")
    assert parse_date(late_evening).tzinfo is None


def test_dates_and_numpy_dates_are_accepted():
    assert parse_date(dt.date(2024, 1, 2)) == parse_date(np.datetime64("2024-01-02")) == pd.Timestamp("2024-01-02")


def test_text_date_is_none_for_text_around_a_date():
    assert text_date("Hà Nội, 30/6/2024") is None
    assert text_date("30/6/2024") == pd.Timestamp("2024-06-30")
