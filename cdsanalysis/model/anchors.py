"""Which observations the hazard model reads as rates, and what it only conditions on.

Communes are recognised by decisions, mostly in rounds: a month can hold half a year's
recognitions and the next five nothing. A constant hazard fitted to a one-month interval
that held a round reads it as a pace twelve times a half-year's, so the fitted intervals
must be long enough for the rounds to average out, and the same whatever the cadence of the
reports. The model therefore reads rates only between **anchors**: per district, its first
observation and then the last observation of each calendar half-year that has ended by the
origin (`ANCHOR_WINDOW_DAYS` before its end at most; the first one after the end when it comes
within `GRACE_DAYS`) that is at least `MIN_INTERVAL_DAYS` after the previous anchor, or any
observation `LONG_INTERVAL_DAYS` after it. Monthly, quarterly and
half-yearly reports of the same process give the
same anchors at the half-year ends.

What a district reported after its last anchor (the **open segment**) is not read as a
rate: the simulation conditions on it (the half-year's total is at least what has been
recognised so far; `halfyear_paths`). Reports inside past half-years tell how lumpy the
recognitions are within a half-year (`timing_concentration`); the decisions' own dates tell it
better when the folder has recognition records (`round_timing`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

ANCHOR_WINDOW_DAYS = 184
"""How long before a half-year's end its last observation may be and still close it (184: anywhere in
the half-year; an interval that straddles a half-year end shares its days between the two, see
`hazard.period_shares`). A tighter window leaves districts that report rarely with no interval at
all (the real case of docs/calibration.md: 2017 to 2019 has one figure in March and one in
September); docs/assumptions.md M12."""
LONG_INTERVAL_DAYS = 183
"""An observation a half-year or more after the previous anchor is one too, even inside the current
half-year: an interval that long is read as a rate anyway, and leaving it open would turn two years
of slow progress into a mere lower bound (the real case, origin 23/7/2021)."""
GRACE_DAYS = 31
"""A half-year whose last report came before its end is closed by the first report after the end instead, when
that one comes within a month: a decision of late December (the year-end round) reaches the reports of
January, and closing the half-year on a report of mid-December read that round as the next half-year's
(the irregular family's fitted season went to -1.5). Reports on the half-year end itself are unaffected,
so monthly, quarterly and half-yearly reports keep their anchors (docs/assumptions.md M12)."""
MIN_INTERVAL_DAYS = 120
"""Shortest interval read as a rate (about four months): shorter ones are too lumpy."""
DEFAULT_CONCENTRATION = 1.0
"""Lumpiness within a half-year when the data cannot tell (Dirichlet concentration over 6 months:
1.0 puts most of a half-year's recognitions in one or two months)."""
CONCENTRATION_RANGE = (0.2, 50.0)
"""Bounds of the estimated concentration (0.2: one round a half-year; 50: a smooth flow)."""
MIN_EVENTS_FOR_TIMING = 5
"""A half-year informs the timing estimate only when this many recognitions fell in it."""


def half_year_end(dates: pd.DatetimeIndex | pd.Series) -> pd.DatetimeIndex:
    """The 30 June or 31 December that closes the half-year holding each date."""
    index = pd.DatetimeIndex(dates)
    month = np.where(index.month <= 6, 6, 12)
    day = np.where(month == 6, 30, 31)
    return pd.to_datetime(pd.DataFrame({"year": index.year, "month": month, "day": day}))


def half_years_covered(dates: pd.Series | pd.DatetimeIndex) -> int:
    """How many calendar half-years hold at least one of ``dates``: the points a half-yearly trend rests on."""
    return int(half_year_end(dates).nunique()) if len(dates) else 0


def recognised_rows(progress: pd.DataFrame) -> pd.DataFrame:
    """District rows the model may read: claims (a district's own statement) are not recognitions."""
    rows = progress[progress["district_code"] != ""]
    if "status" in rows.columns:
        rows = rows[rows["status"] != "claim"]
    if "measure" in rows.columns:  # only recognitions are fitted (issue 21): not claims, not registrations
        rows = rows[rows["measure"] == "recognised"]
    return rows


def _district_anchor_mask(dates: np.ndarray, ends: np.ndarray, origin: int) -> np.ndarray:
    """Anchors among one district's sorted dates (days as int64) given each date's half-year end."""
    keep = np.zeros(len(dates), dtype=bool)
    if len(dates) == 0:
        return keep
    closes = np.zeros(len(dates), dtype=bool)
    for i in range(len(dates)):
        is_last_of_half = i == len(dates) - 1 or ends[i + 1] != ends[i]
        if not is_last_of_half or ends[i] > origin or ends[i] - dates[i] > ANCHOR_WINDOW_DAYS:
            continue
        after = i + 1 < len(dates) and dates[i] < ends[i] and dates[i + 1] - ends[i] <= GRACE_DAYS \
            and dates[i + 1] <= origin
        closes[i + 1 if after else i] = True
    keep[0] = True
    last = dates[0]
    for i in range(1, len(dates)):
        long_enough = dates[i] - last >= MIN_INTERVAL_DAYS
        if long_enough and (closes[i] or dates[i] - last >= LONG_INTERVAL_DAYS):
            keep[i] = True
            last = dates[i]
    return keep


def _origin_day(rows: pd.DataFrame, as_of: object) -> int:
    stamp = rows["as_of"].max() if as_of is None else pd.Timestamp(as_of)
    return int(np.datetime64(stamp, "D").astype(np.int64)) if pd.notna(stamp) else 0


def anchor_mask(rows: pd.DataFrame, as_of: object = None) -> np.ndarray:
    """Per row of ``rows`` (district rows sorted by code and date): True for an anchor.

    Only half-years that ended by ``as_of`` (default: the latest date in ``rows``) have anchors:
    the current one is the open segment.
    """
    origin = _origin_day(rows, as_of)
    days = (rows["as_of"].to_numpy(dtype="datetime64[D]")).astype(np.int64)
    ends = half_year_end(rows["as_of"]).to_numpy(dtype="datetime64[D]").astype(np.int64)
    codes = rows["district_code"].to_numpy()
    mask = np.zeros(len(rows), dtype=bool)
    boundaries = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1], True])
    for start, stop in zip(boundaries[:-1], boundaries[1:], strict=True):
        mask[start:stop] = _district_anchor_mask(days[start:stop], ends[start:stop], origin)
    return mask


def sorted_rows(progress: pd.DataFrame) -> pd.DataFrame:
    """Recognised district rows sorted by district and date (one row per pair)."""
    rows = recognised_rows(progress)[["district_code", "as_of", "completed"]]
    rows = rows.sort_values(["district_code", "as_of"], kind="stable")
    return rows.drop_duplicates(["district_code", "as_of"], keep="last").reset_index(drop=True)


def anchor_rows(progress: pd.DataFrame, as_of: object = None) -> pd.DataFrame:
    """The observations whose intervals the model reads as rates (see the module)."""
    rows = sorted_rows(progress)
    return rows[anchor_mask(rows, as_of)].reset_index(drop=True)


def open_segments(progress: pd.DataFrame, codes: tuple[str, ...], as_of: object = None) -> pd.DataFrame:
    """Per district (in ``codes`` order): its last anchor and its last observation.

    Columns ``anchor_date, anchor_count, last_date, last_count``; NaT and 0 for a district
    with no recognised observation. Between the two lies what the forecast conditions on.
    ``backlog_from``: the province's last round (`last_round_date`) when it came before the
    district's anchor and reports seen quiet reach that anchor (`quiet_until`), else the anchor:
    communes made ready since the last round wait for the next.
    """
    rows = sorted_rows(progress)
    anchors = rows[anchor_mask(rows, as_of)].groupby("district_code").tail(1).set_index("district_code")
    last = rows.groupby("district_code").tail(1).set_index("district_code")
    frame = pd.DataFrame({
        "anchor_date": anchors["as_of"].reindex(list(codes)).to_numpy(dtype="datetime64[ns]"),
        "anchor_count": anchors["completed"].reindex(list(codes)).fillna(0).to_numpy(dtype=np.int64),
        "last_date": last["as_of"].reindex(list(codes)).to_numpy(dtype="datetime64[ns]"),
        "last_count": last["completed"].reindex(list(codes)).fillna(0).to_numpy(dtype=np.int64),
    }, index=pd.Index(list(codes), name="district_code"))
    last_round = last_round_date(rows)
    waiting = (frame["anchor_date"] > last_round) & (frame["anchor_date"] <= quiet_until(rows)) \
        if last_round is not None else pd.Series(False, index=frame.index)
    frame["backlog_from"] = frame["anchor_date"].mask(waiting, last_round)
    return frame


def quiet_until(rows: pd.DataFrame) -> pd.Timestamp:
    """The latest date a district's report, after one of its own, showed its count (`sorted_rows`); NaT if none.

    After the last round nothing rose, so such a report shows the months before it quiet. A district's
    first figure shows nothing of the kind (a partial return whose history was illustrative): the
    stretch is quiet only as far as reports that can show a rise reach.
    """
    follows = rows["district_code"].eq(rows["district_code"].shift())
    return pd.Timestamp(rows.loc[follows, "as_of"].max()) if follows.any() else pd.NaT


def backlog_since(progress: pd.DataFrame, as_of: object = None) -> pd.Timestamp | None:
    """The province's last round when the forecast counts a backlog since it (`open_segments`), else None.

    That is when some district's last anchor is later than the last rise anywhere: a quiet stretch
    the reports should name, since half the default's paths expect the next round to bring it.
    """
    if as_of is not None:
        progress = progress[progress["as_of"] <= pd.Timestamp(as_of)]
    segments = open_segments(progress, tuple(recognised_rows(progress)["district_code"].unique()), as_of)
    waiting = segments.loc[segments["backlog_from"] < segments["anchor_date"], "backlog_from"]
    return pd.Timestamp(waiting.iloc[0]) if len(waiting) else None


def last_round_date(rows: pd.DataFrame) -> pd.Timestamp | None:
    """The latest report date on which any district's recognised count rose (`sorted_rows`); None if none rose.

    Under rounds a quiet stretch after it is a backlog building up, not a stop: the communes
    made ready since wait for the next decision. The report date is the latest the round can
    have been, so the backlog is never overstated.
    """
    rose = rows["completed"].diff().gt(0) & rows["district_code"].eq(rows["district_code"].shift())
    return pd.Timestamp(rows.loc[rose, "as_of"].max()) if rose.any() else None


def timing_concentration(progress: pd.DataFrame) -> float:
    """How evenly a half-year's recognitions spread over its months (Dirichlet concentration).

    For each past half-year and each date inside it on which districts reported, the share
    w of the half-year's recognitions (over the districts observed at its start, that date
    and its end) already made, against the share f of the half-year gone. If the months'
    shares are Dirichlet(kappa/6, ..., kappa/6), E(w) = f and Var(w) = f(1 - f)/(kappa + 1):
    the moment estimate is kappa + 1 = mean f(1 - f) / mean (w - f)^2. Binomial noise makes
    it lumpier than it is (the safe side). `DEFAULT_CONCENTRATION` when nothing tells.
    """
    estimate = _concentration(progress)
    return DEFAULT_CONCENTRATION if estimate is None else estimate


def round_timing(progress: pd.DataFrame, records: pd.DataFrame | None, as_of: object) -> float:
    """The timing concentration from the recognition decisions' own dates when the folder has them.

    A decision has a date, so the records say exactly how a past half-year's recognitions fell
    over its months, whatever the cadence of the reports (half-yearly reports alone cannot show a
    December round). The records are read as month-end counts (`records_as_month_ends`); when
    they cover no past half-year with `MIN_EVENTS_FOR_TIMING` recognitions, the reports decide.
    The model does not need the records: without them this is `timing_concentration`.
    """
    if records is not None and len(records):
        estimate = _concentration(records_as_month_ends(records, as_of))
        if estimate is not None:
            return estimate
    return timing_concentration(progress)


def records_as_month_ends(records: pd.DataFrame, as_of: object) -> pd.DataFrame:
    """Recognition records (``district_code``, ``decision_date``) as cumulative counts per district at
    every month end, from the month before the first decision's half-year to ``as_of``: progress rows
    as if every district had reported monthly. Decisions after ``as_of`` are left out."""
    cutoff = pd.Timestamp(as_of)
    dated = records[records["decision_date"] <= cutoff]
    if dated.empty:
        return pd.DataFrame(columns=["district_code", "as_of", "completed"])
    first = half_year_end(pd.DatetimeIndex([dated["decision_date"].min()]))[0] - pd.offsets.MonthEnd(6)
    grid = pd.date_range(first, cutoff, freq="ME")
    frames = []
    for code, part in dated.groupby("district_code", sort=True):
        days = np.sort(part["decision_date"].to_numpy(dtype="datetime64[ns]"))
        counts = np.searchsorted(days, grid.to_numpy(dtype="datetime64[ns]"), side="right")
        frames.append(pd.DataFrame({"district_code": code, "as_of": grid, "completed": counts.astype(np.int64)}))
    return pd.concat(frames, ignore_index=True)


def _concentration(progress: pd.DataFrame) -> float | None:
    """`timing_concentration`'s estimate, or None when no past half-year informs it."""
    rows = sorted_rows(progress)
    if rows.empty:
        return None
    rows = rows.assign(end=half_year_end(rows["as_of"]).to_numpy())
    rows["start"] = (rows["end"] - pd.offsets.MonthEnd(6)).to_numpy()
    values = rows.set_index(["district_code", "as_of"])["completed"]
    starts = pd.MultiIndex.from_arrays([rows["district_code"], rows["start"]])
    ends = pd.MultiIndex.from_arrays([rows["district_code"], rows["end"]])
    rows["at_start"] = values.reindex(starts).to_numpy()
    rows["at_end"] = values.reindex(ends).to_numpy()
    inside = rows[(rows["as_of"] < rows["end"]) & rows["at_start"].notna() & rows["at_end"].notna()]
    if inside.empty:
        return None
    inside = inside.assign(done=inside["completed"] - inside["at_start"], total=inside["at_end"] - inside["at_start"])
    pooled = inside.groupby(["end", "as_of"], sort=True)[["done", "total"]].sum()
    pooled = pooled[pooled["total"] >= MIN_EVENTS_FOR_TIMING]
    if pooled.empty:
        return None
    end = pooled.index.get_level_values("end")
    date = pooled.index.get_level_values("as_of")
    span = (end - (end - pd.offsets.MonthEnd(6))).days.to_numpy(dtype=float)
    f = 1.0 - (end - date).days.to_numpy(dtype=float) / span
    w = (pooled["done"] / pooled["total"]).to_numpy(dtype=float)
    spread = float(np.mean((w - f) ** 2))
    expected = float(np.mean(f * (1 - f)))
    if spread <= 0:
        return CONCENTRATION_RANGE[1]
    return float(np.clip(expected / spread - 1.0, *CONCENTRATION_RANGE))
