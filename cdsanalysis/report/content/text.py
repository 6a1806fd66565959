"""The rules behind a report's sentences: how sure a forecast is in words, the progress-ratio note, status colours.

The words themselves live in `cdsanalysis.wording` (``report`` and ``ratio`` keys); this module
decides which sentence applies. `ratio_label` is the Open SDG progress measure; its note is a note,
not a second status: its words differ from every status label, and pages never colour it as one.
Light on purpose: the report kernel imports this module, so it needs nothing beyond numpy.
"""

from __future__ import annotations

import numpy as np

from cdsanalysis.settings import PROGRESS_RATIO_BANDS, ProgressRatioBands
from cdsanalysis.wording import words

STATUS_COLORS = {
    "achieved": ("#1a7f37", "#ffffff"),
    "achieved_late": ("#8fbf9f", "#1f2328"),
    "on_track": ("#b7e4c7", "#0b3d1f"),
    "at_risk": ("#ffe08a", "#5c4400"),
    "off_track": ("#f4a6a6", "#5c0a0a"),
    "missed": ("#b42318", "#ffffff"),
    "no_figure": ("#e4e4e4", "#333333"),
    "beyond_horizon": ("#e4e4e4", "#333333"),
    "closed": ("#d0d7de", "#1f2328"),
    "insufficient_data": ("#e4e4e4", "#333333"),
}
"""Status -> (fill, text) colours, shared by the HTML tables, index.html and summary.xlsx."""


WIDE_SHARE = 0.25
"""An 80 % interval is called wide when it spans at least this share of the communes still pending."""


def interval_text(lang: str, *, place: str, rows: list[tuple[str, float, float, float]], pending: int,
                  periods: int, province: bool, own: int | None = None) -> str:
    """How sure the forecast is, in words: one sentence per (date, median, lower, upper), dates formatted.

    When any 80 % interval is wide (at least `WIDE_SHARE` of the ``pending`` communes, and 3),
    one sentence says why: province-wide rounds and a trend resting on ``periods`` figures (for a
    district, its ``own`` dated figures among them: one figure must not read as five).
    Rows with a missing number are left out; no rows give "".
    """
    text = words(lang)["report"]
    lines, wide = [], False
    for date, median, lower, upper in rows:
        if any(v is None or not np.isfinite(v) for v in (median, lower, upper)):
            continue
        lines.append(text["interval_line"].format(date=date, place=place, median=int(median), lower=int(lower),
                                                  upper=int(upper)))
        wide = wide or (upper - lower >= 3 and upper - lower >= WIDE_SHARE * pending)
    if lines and wide:
        key = "wide_province" if province else "wide_district" if own is None or own >= periods else \
            "wide_district_own"
        lines.append(text[key].format(periods=periods, own=own))
    return " ".join(lines)


def ratio_label(ratio: float, bands: ProgressRatioBands = PROGRESS_RATIO_BANDS) -> str:
    """Open SDG label of a progress ratio; ``not_applicable`` when it is undefined (NaN)."""
    if ratio is None or not np.isfinite(ratio):
        return "not_applicable"
    if ratio >= bands.on_track:
        return "on_track"
    if ratio >= bands.limited:
        return "acceleration_needed"
    return "limited_progress" if ratio >= 0 else "deterioration"
