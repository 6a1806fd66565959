"""Numbers as reports write them: a chance never rounds to a certainty it is not."""

from __future__ import annotations

import math

import pytest

from cdsanalysis.wording.formats import NBSP, format_chance, format_percent


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
    # Vietnamese puts a no-break space before "%", so the sign never wraps onto a line alone.
    assert format_percent(value, lang, digits) == text.replace(" %", f"{NBSP}%")


@pytest.mark.parametrize("p, lang, status, certain, text", [
    (0.0, "vi", "off_track", False, "<1 %"),     # no simulated path met it: still not impossible
    (1.0, "vi", "on_track", False, ">99 %"),     # every path met it: still not certain
    (0.004, "en", "off_track", False, "<1%"),
    (0.005, "en", "off_track", False, "1%"),     # 0.5 rounds up to 1 here, never down to 0
    (0.994, "en", "on_track", False, "99%"),
    (0.995, "en", "on_track", False, ">99%"),
    (0.27, "vi", "at_risk", False, "27 %"),
    (0.0, "vi", "off_track", True, "0 %"),       # certain: a target above the number of communes
    (1.0, "vi", "achieved", False, "—"),         # settled by the figures: no chance to show
    (0.0, "en", "missed", False, "—"),
    (1.0, "en", "achieved_late", False, "—"),
    (math.nan, "vi", "beyond_horizon", False, "—"),
])
def test_format_chance_is_never_a_false_certainty(p, lang, status, certain, text):
    assert format_chance(p, lang, status=status, certain=certain) == text.replace(" %", f"{NBSP}%")


def test_interval_text_gives_each_interval_and_explains_a_wide_one():
    from cdsanalysis.report.content.text import interval_text

    rows = [("31/12/2024", 224.0, 139.0, 286.0), ("31/12/2025", 527.0, 314.0, 557.0)]
    text = interval_text("vi", place="toàn tỉnh", rows=rows, pending=464, periods=4, province=True)
    assert "Đến 31/12/2024, toàn tỉnh dự kiến có 224 xã hoàn thành" in text
    assert "từ 314 đến 557 xã" in text
    assert text.count("Khoảng này rộng") == 1  # one reason, however many wide intervals
    assert "theo từng đợt chung của cả tỉnh" in text and "4 mốc số liệu" in text
    # 10 communes wide of 464 pending is not wide; nor is a missing number shown.
    narrow = interval_text("en", place="the province", rows=[("31 Dec 2024", 100.0, 95.0, 105.0),
                                                             ("30 Jun 2025", math.nan, 1.0, 2.0)],
                           pending=464, periods=4, province=True)
    assert narrow == ("By 31 Dec 2024, the province is expected to have 100 communes completed (median); "
                      "80% interval (four chances in five): 95 to 105.")
    district = interval_text("en", place="An Bình", rows=[("2025", 5.0, 2.0, 6.0)], pending=6, periods=3,
                             province=False)
    assert "every district feels it" in district and "3 half-yearly figures" in district
    assert interval_text("vi", place="x", rows=[], pending=5, periods=2, province=False) == ""
