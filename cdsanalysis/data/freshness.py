"""Whether the figures are too old for the date a result speaks of, for the folder and per district.

``forecast --as-of 2025-03-01`` on data whose latest figure is from mid-2024 shows the mid-2024
counts as if they were current. Every command and report that takes an as-of date says so when
it is more than `STALE_AFTER_MONTHS` after the latest figure; report writers call
`stale_data_note` too, so the terminal and the pages say the same thing.

A partial return (three districts of 27 report for 31/12/2024) makes the folder current and most
districts not: `district_freshness` is each district's own latest figure and date, and whether it
is behind the folder's latest round, so every page, index, summary and CLI table can say
"no figure since 30/6/2024" for the districts that did not report (issue 19).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cdsanalysis.data.dates import parse_date
from cdsanalysis.data.measures import measure_series
from cdsanalysis.data.schema import RECOGNISED
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


FRESHNESS_COLUMNS = ["district_code", "district_name", "latest_date", "latest_count", "latest_status", "round_date",
                     "behind"]


def district_freshness(dataset, as_of: object = None) -> pd.DataFrame:
    """Each district's latest recognised figure, its date and status, on or before ``as_of`` (default: all rows).

    One row per district of the frame (``dataset.districts()``), in its order. ``round_date`` is the
    latest date any district reported (the folder's current round); ``behind`` is True when the
    district's own latest figure is older than that round, or when it has no figure at all
    (``latest_date`` NaT, ``latest_count`` <NA>). The province rows are not districts and are left out.
    """
    cutoff = None if as_of is None else parse_date(as_of, "as_of")
    rows = measure_series(dataset.progress, RECOGNISED)
    rows = rows[rows["district_code"] != ""]
    if cutoff is not None:
        rows = rows[rows["as_of"] <= cutoff]
    latest = rows.groupby("district_code", sort=False).tail(1).set_index("district_code")
    round_date = rows["as_of"].max() if len(rows) else pd.NaT
    frame = dataset.districts()[["district_code", "district_name"]].reset_index(drop=True)
    statuses = latest["status"].astype(str).to_dict()
    # mapped through dicts: an empty Series (no figure on or before as_of) would map as float64, not as dates
    out = frame.assign(latest_date=pd.to_datetime(frame["district_code"].map(latest["as_of"].to_dict())),
                       latest_count=frame["district_code"].map(latest["completed"].to_dict()).astype("Int64"),
                       latest_status=frame["district_code"].map(lambda code: statuses.get(code, "")),
                       round_date=round_date)
    out["behind"] = out["latest_date"].isna() | (out["latest_date"] < out["round_date"])
    return out[FRESHNESS_COLUMNS]


def no_figure_since(latest_date: object, lang: str = DEFAULT_LANG) -> str:
    """"no figure since 30/6/2024" in ``lang``; "no figure yet" when the district never reported."""
    if latest_date is None or pd.isna(latest_date):
        return words(lang)["freshness"]["no_figure_yet"]
    return words(lang)["freshness"]["no_figure_since"].format(date=format_date(pd.Timestamp(latest_date), lang))
