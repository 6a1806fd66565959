"""Numbers as reports write them: a chance never rounds to a certainty it is not."""

from __future__ import annotations

import math

import pytest

from cdsanalysis.report.formats import format_percent


@pytest.mark.parametrize("value, lang, digits, text", [
    (0.0, "vi", 0, "0 %"),
    (0.0002, "vi", 0, "<1 %"),          # would round to 0: not impossible
    (0.27, "vi", 0, "27 %"),
    (0.996, "vi", 0, ">99 %"),          # would round to 100: not certain
    (1.0, "vi", 0, "100 %"),
    (0.0004, "en", 1, "<0.1%"),
    (0.9996, "en", 1, ">99.9%"),
    (0.125, "vi", 1, "12,5 %"),
    (math.nan, "en", 0, "—"),
])
def test_format_percent(value, lang, digits, text):
    assert format_percent(value, lang, digits) == text
