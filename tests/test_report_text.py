"""Numbers as reports write them: a chance never rounds to a certainty it is not."""

from __future__ import annotations

import math

import pytest

from cdsanalysis.report.formats import NBSP, format_chance, format_percent


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
