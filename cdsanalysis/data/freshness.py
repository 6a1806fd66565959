"""Whether the figures are too old for the date a result speaks of.

``forecast --as-of 2025-03-01`` on data whose latest figure is from mid-2024 shows the mid-2024
counts as if they were current. Every command and report that takes an as-of date says so when
it is more than `STALE_AFTER_MONTHS` after the latest figure; report writers call
`stale_data_note` too, so the terminal and the pages say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cdsanalysis.data.dates import parse_date

STALE_AFTER_MONTHS = 3
"""An as-of date more than this many calendar months after the latest figure gets a warning."""

_NOTES = {
    "vi": ("Cảnh báo: số liệu mới nhất là ngày {latest}, cũ hơn {months} tháng so với ngày tính "
           "{as_of}; các con số dưới đây là tình hình tại {latest}, không phải hiện tại. Hãy nhập số "
           "liệu mới (cdsanalysis import) trước khi dùng."),
    "en": ("Warning: the latest figure is from {latest}, more than {months} months before the as-of date "
           "{as_of}; the counts shown are those of {latest}, not current ones. Import newer figures "
           "(cdsanalysis import) before relying on them."),
}


@dataclass(frozen=True)
class Staleness:
    """The latest figure's date, the as-of date, and whether the gap is past the limit."""

    latest: pd.Timestamp
    as_of: pd.Timestamp

    @property
    def stale(self) -> bool:
        return self.as_of > self.latest + pd.DateOffset(months=STALE_AFTER_MONTHS)

    def note(self, lang: str = "vi") -> str:
        """The warning in ``lang`` ("vi" or "en"), or "" when the figures are recent enough."""
        if not self.stale:
            return ""
        fmt = "%d/%m/%Y" if lang == "vi" else "%Y-%m-%d"
        return _NOTES[lang].format(latest=f"{self.latest:{fmt}}", as_of=f"{self.as_of:{fmt}}",
                                   months=STALE_AFTER_MONTHS)


def staleness(dataset, as_of: object = None) -> Staleness:
    """How old the latest progress figure of ``dataset`` (a `Dataset`) is at ``as_of``."""
    latest = dataset.latest_date()
    return Staleness(latest=latest, as_of=latest if as_of is None else parse_date(as_of, "as_of"))


def stale_data_note(dataset, as_of: object = None, lang: str = "vi") -> str:
    """A warning when ``as_of`` is more than three months after the latest figure; "" otherwise."""
    return staleness(dataset, as_of).note(lang)
