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
from cdsanalysis.wording import DEFAULT_LANG, words
from cdsanalysis.wording.formats import format_date

STALE_AFTER_MONTHS = 3
"""An as-of date more than this many calendar months after the latest figure gets a warning."""


@dataclass(frozen=True)
class Staleness:
    """The latest figure's date, the as-of date, and whether the gap is past the limit."""

    latest: pd.Timestamp
    as_of: pd.Timestamp

    @property
    def stale(self) -> bool:
        return self.as_of > self.latest + pd.DateOffset(months=STALE_AFTER_MONTHS)

    def note(self, lang: str = DEFAULT_LANG) -> str:
        """The warning in ``lang`` ("vi" or "en"), or "" when the figures are recent enough."""
        if not self.stale:
            return ""
        return words(lang)["stale_note"].format(latest=format_date(self.latest, lang),
                                                as_of=format_date(self.as_of, lang), months=STALE_AFTER_MONTHS)


def staleness(dataset, as_of: object = None) -> Staleness:
    """How old the latest progress figure of ``dataset`` (a `Dataset`) is at ``as_of``."""
    latest = dataset.latest_date()
    return Staleness(latest=latest, as_of=latest if as_of is None else parse_date(as_of, "as_of"))


def stale_data_note(dataset, as_of: object = None, lang: str = DEFAULT_LANG) -> str:
    """A warning when ``as_of`` is more than three months after the latest figure; "" otherwise."""
    return staleness(dataset, as_of).note(lang)
