"""Will each district meet its targets? Probabilities, paces and status labels.

For each target (district or province, deadline, cumulative count) the forecast's paths
give P(meet) = the share of paths at or above the target on the deadline; the status
follows from it by the thresholds in `cdsanalysis.settings.Thresholds`. The province's
paths are the sums of the district paths, and its current count the sum of theirs.

Status rules, first match wins:

0. ``closed``: the target's district ceased before its deadline (merged into another by a reform,
   `Dataset.group_ends`): closed by that reform with its last state, neither missed nor forecast;
1. ``insufficient_data``: the district has no observation on or before as_of (for the
   province: some district has none);
2. ``no_figure``: the deadline is on or before as_of and no count was recorded by it (for
   the province: some district had none): nothing says whether it was met on time, so no
   "achieved" without evidence (issue 19);
3. ``achieved``: the count at as_of already reaches the target and, for a deadline on or
   before as_of, the count recorded by the deadline did too;
   ``achieved_late``: reached now, but the count recorded by the deadline was short;
4. ``missed``: the deadline is on or before as_of and the target is not reached (counts
   never fall, so it cannot have been met);
5. ``beyond_horizon``: the deadline is after the forecast's last date;
6. ``on_track`` if P(meet) >= on_track, ``at_risk`` if P(meet) >= at_risk, else ``off_track``,
   P(meet) taken **as printed** (whole percent, `DISPLAY_DECIMALS`), so that two targets
   printed "80 %" never get two different statuses.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.data.province_series import province_history
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.settings import (
    DAYS_PER_MONTH,
    DAYS_PER_YEAR,
    DEFAULT_LANG,
    DEFAULT_THRESHOLDS,
    PROVINCE_CODE,
    Thresholds,
    province_name,
)
from cdsanalysis.wording import words
from cdsanalysis.wording.formats import format_date
from cdsanalysis.wording.messages import said

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.model.projection import Forecast

DISPLAY_DECIMALS = 2
"""P(meet) is printed in whole percent; the status thresholds apply to it rounded the same way."""

PACE_WINDOW_DAYS = DAYS_PER_YEAR
"""Current pace is measured over the last 12 months of a district's observations."""


class Status(StrEnum):
    """Where a target stands; the values are stable machine names (CSV, JSON, tests)."""

    ACHIEVED = "achieved"
    ACHIEVED_LATE = "achieved_late"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSED = "missed"
    NO_FIGURE = "no_figure"
    BEYOND_HORIZON = "beyond_horizon"
    INSUFFICIENT_DATA = "insufficient_data"
    CLOSED = "closed"


ASSESS_COLUMNS = [
    "district_code", "district_name", "communes_total", "completed", "deadline", "target", "kind",
    "p_meet", "expected", "lower", "upper", "current_pace", "required_pace", "pace_ratio",
    "status",
]


def current_pace(progress: pd.DataFrame, district_codes: tuple[str, ...]) -> np.ndarray:
    """Communes completed per month over each district's last 12 months of observations.

    The count 12 months before the last observation is interpolated linearly between
    the observations around it; with less than 12 months of data, the whole span is
    used. One observation (or none) gives NaN.
    """
    rows = progress.loc[progress["district_code"] != PROVINCE_CODE, ["district_code", "as_of", "completed"]]
    rows = rows.sort_values(["district_code", "as_of"], kind="stable")
    day = (rows["as_of"] - pd.Timestamp("1970-01-01")).dt.days.astype(float)
    frame = pd.DataFrame({"code": rows["district_code"].to_numpy(dtype=object), "day": day.to_numpy(),
                          "count": rows["completed"].to_numpy(dtype=float)})
    by_code = frame.groupby("code", sort=False)
    frame["window_start"] = by_code["day"].transform("max") - PACE_WINDOW_DAYS
    first, last = by_code.head(1).set_index("code"), by_code.tail(1).set_index("code")
    before = frame[frame["day"] <= frame["window_start"]].groupby("code", sort=False).tail(1).set_index("code")
    after = frame[frame["day"] >= frame["window_start"]].groupby("code", sort=False).head(1).set_index("code")
    codes = list(district_codes)
    first, last, before, after = (t.reindex(codes) for t in (first, last, before, after))
    gap = (after["day"] - before["day"]).to_numpy()
    share = np.divide(last["window_start"].to_numpy() - before["day"].to_numpy(), gap,
                      out=np.zeros(len(codes)), where=gap > 0)
    interpolated = before["count"].to_numpy() + share * (after["count"].to_numpy() - before["count"].to_numpy())
    long_enough = before["day"].notna().to_numpy()
    reference_count = np.where(long_enough, interpolated, first["count"].to_numpy())
    span_days = np.where(long_enough, PACE_WINDOW_DAYS, (last["day"] - first["day"]).to_numpy())
    months = span_days / DAYS_PER_MONTH
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(months > 0, (last["count"].to_numpy() - reference_count) / months, np.nan)


def province_pace(dataset: Dataset, as_of: object = None) -> float:
    """Communes a month over the last 12 months of `province_history` (NaN with fewer than two points).

    The districts' pace rule (`current_pace`) on the province's own series
    (`cdsanalysis.data.province_series`): the sum of the district paces would be unknown as soon as
    one district has a single figure, and after a partial return it would mix dates.
    """
    history = province_history(dataset, as_of)
    if len(history) < 2:
        return float("nan")
    series = history.assign(district_code="province")
    return float(current_pace(series, ("province",))[0])


def _targets_frame(targets: pd.DataFrame) -> pd.DataFrame:
    """Targets in the canonical layout, typed; deadlines may be ISO strings or dates."""
    missing = [c for c in ("district_code", "deadline", "target") if c not in targets.columns]
    if missing:
        raise CdsAnalysisError(said("targets_lack_columns", missing=", ".join(missing),
                                    expected="district_code, deadline, target, kind"))
    out = pd.DataFrame({
        "district_code": targets["district_code"].astype(object).where(targets["district_code"].notna(), "")
        .astype(str).str.strip().to_numpy(dtype=object),
        "kind": (targets["kind"].astype(str).to_numpy(dtype=object) if "kind" in targets
                 else np.full(len(targets), "commune_quota", dtype=object)),
    })
    try:
        out.insert(1, "deadline", pd.to_datetime(targets["deadline"]).dt.normalize().to_numpy())
        out.insert(2, "target", pd.to_numeric(targets["target"], errors="raise").to_numpy(dtype=np.int64))
    except (TypeError, ValueError) as err:
        raise CdsAnalysisError(said("targets_types", why=str(err))) from err
    return out


def assess(forecast: Forecast, targets: pd.DataFrame | None = None, *,
           thresholds: Thresholds | None = None) -> pd.DataFrame:
    """One row per target: P(meet), expected count and interval at the deadline, paces, status.

    ``targets`` defaults to the forecast dataset's targets. Paces are communes per month
    (a month is 365.25/12 days); ``required_pace`` is 0 when the target is already met
    and NaN when its deadline has passed; ``pace_ratio`` = current / required (NaN when
    required is 0 or unknown). For deadlines on or before as_of, ``p_meet`` is 1 or 0 and
    the expected count and interval are NaN (the forecast does not cover the past).
    """
    thresholds = thresholds or DEFAULT_THRESHOLDS
    table = _targets_frame(forecast.dataset.targets if targets is None else targets)
    codes = forecast.district_codes
    unknown = sorted(set(table["district_code"]) - set(codes) - {""})
    if unknown:
        raise CdsAnalysisError(said("targets_unknown_codes", codes=", ".join(unknown)))

    # Unit 0 is the province, unit j + 1 district j: the province is the sum of the districts.
    unit_of = {"": 0} | {code: j + 1 for j, code in enumerate(codes)}
    unit = table["district_code"].map(unit_of).to_numpy(dtype=np.intp)
    has_data = np.r_[forecast.complete, forecast.has_data][unit]
    now = np.r_[forecast.start[forecast.has_data].sum(), forecast.start].astype(float)[unit]
    totals = np.r_[forecast.communes_total.sum(), forecast.communes_total][unit]
    pace = current_pace(forecast.dataset.progress, codes)
    current = np.r_[province_pace(forecast.dataset, forecast.as_of), pace][unit]

    deadline = pd.DatetimeIndex(table["deadline"])
    target = table["target"].to_numpy(dtype=float)
    passed = np.asarray(deadline <= forecast.as_of)
    beyond = np.asarray(deadline > forecast.dates[-1])
    position = forecast.dates.get_indexer(deadline)
    off_grid = ~passed & ~beyond & (position < 0)
    if off_grid.any():
        dates = ", ".join(sorted({f"{d:%Y-%m-%d}" for d in deadline[off_grid]}))
        raise CdsAnalysisError(said("deadlines_not_forecast_dates", dates=dates))
    on_grid = ~passed & ~beyond & has_data
    p_meet, expected, lower, upper = _at_deadlines(forecast, unit, position, target, on_grid,
                                                   thresholds.interval_level)
    # Past deadlines are judged on the count recorded by the deadline; with none, nothing is claimed.
    at_deadline = _counts_by(forecast.dataset.progress, codes, unit, deadline)
    recorded = ~np.isnan(at_deadline)
    on_time = recorded & (np.where(recorded, at_deadline, 0.0) >= target)
    known = passed & has_data
    p_meet[known] = np.where(recorded[known], on_time[known].astype(float), np.nan)
    shown = np.round(p_meet, DISPLAY_DECIMALS)  # the chance as the reports print it

    months_left = np.asarray((deadline - forecast.as_of).days, dtype=float) / DAYS_PER_MONTH
    remaining = np.maximum(target - now, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        required = np.where(remaining == 0, 0.0, np.where(passed, np.nan, remaining / months_left))
        ratio = np.where(required > 0, current / required, np.nan)
    required[~has_data] = np.nan

    closed = _closed(forecast.dataset, table["district_code"], deadline)
    p_meet[closed], expected[closed], lower[closed], upper[closed] = np.nan, np.nan, np.nan, np.nan
    required[closed], ratio[closed] = np.nan, np.nan
    status = np.select(
        [closed, ~has_data, passed & ~recorded, (now >= target) & (~passed | on_time), now >= target, passed, beyond,
         shown >= thresholds.on_track, shown >= thresholds.at_risk],
        [Status.CLOSED.value, Status.INSUFFICIENT_DATA.value, Status.NO_FIGURE.value, Status.ACHIEVED.value,
         Status.ACHIEVED_LATE.value,
         Status.MISSED.value, Status.BEYOND_HORIZON.value, Status.ON_TRACK.value, Status.AT_RISK.value],
        default=Status.OFF_TRACK.value,
    )
    districts = forecast.dataset.districts()
    names = dict(zip(districts["district_code"], districts["district_name"], strict=False))
    names[PROVINCE_CODE] = province_name()
    result = pd.DataFrame({
        "district_code": table["district_code"].to_numpy(dtype=object),
        "district_name": table["district_code"].map(names).to_numpy(dtype=object),
        "communes_total": totals.astype(np.int64),
        "completed": pd.Series(now).where(has_data).astype("Int64").to_numpy(),
        "deadline": deadline.to_numpy(),
        "target": table["target"].to_numpy(dtype=np.int64),
        "kind": table["kind"].to_numpy(dtype=object),
        "p_meet": p_meet, "expected": expected, "lower": lower, "upper": upper,
        "current_pace": current, "required_pace": required, "pace_ratio": ratio,
        "status": status.astype(object),
    }, columns=ASSESS_COLUMNS)
    return result.sort_values(["district_code", "deadline", "kind"], kind="stable").reset_index(drop=True)


def _closed(dataset, codes: pd.Series, deadline: pd.DatetimeIndex) -> np.ndarray:
    """Which targets belong to a district that ceased before their deadline."""
    ends = dataset.group_ends().set_index("district_code")["last_day"]
    last = codes.map(ends).to_numpy(dtype="datetime64[ns]")
    return np.asarray(~pd.isna(last) & (last < deadline.to_numpy()))


def closed_note(dataset, code: str, completed: object, total: object, lang: str = DEFAULT_LANG) -> str:
    """Why a closed target is closed, in ``lang``: the reform, its act and date, the district's last state."""
    ends = dataset.group_ends().set_index("district_code")
    if code not in ends.index:
        raise CdsAnalysisError(said("group_not_ceased", code=code))
    end = ends.loc[code]
    into = dataset.groups_at(end["effective"]).set_index("district_code")["district_name"].get(end["into"], end["into"])
    return words(lang)["frames"]["closed_note"].format(
        year=end["effective"].year, act=end["source"], name=dataset.district_name(code), into=into,
        date=format_date(end["effective"], lang), completed=completed, total=total)


def _counts_by(progress: pd.DataFrame, codes: tuple[str, ...], unit: np.ndarray,
               deadline: pd.DatetimeIndex) -> np.ndarray:
    """Each target's count recorded on or before its deadline (NaN if none).

    The province's is the sum of its districts', known only when every district has one.
    """
    rows = progress.loc[progress["district_code"] != PROVINCE_CODE, ["district_code", "as_of", "completed"]]
    table = rows.pivot_table(index="as_of", columns="district_code", values="completed", aggfunc="last")
    table = table.reindex(columns=list(codes)).sort_index().ffill()
    out = np.full(len(unit), np.nan)
    for i, (u, day) in enumerate(zip(unit, deadline, strict=False)):
        known = table[table.index <= day]
        if known.empty:
            continue
        counts = known.iloc[-1].to_numpy(dtype=float)
        out[i] = (np.nan if np.isnan(counts).any() else counts.sum()) if u == 0 else counts[u - 1]
    return out


def _at_deadlines(forecast: Forecast, unit: np.ndarray, position: np.ndarray, target: np.ndarray,
                  rows: np.ndarray, level: float) -> tuple[np.ndarray, ...]:
    """P(meet), mean and central interval of the paths on each deadline, for ``rows``; NaN elsewhere."""
    out = tuple(np.full(len(unit), np.nan) for _ in range(4))
    if not rows.any():
        return out
    unit, position = unit[rows], position[rows]
    values = np.empty((forecast.draws, len(unit)), dtype=np.int64)  # draws x targets
    province = unit == 0
    if province.any():
        values[:, province] = forecast.province_paths()[:, position[province]]
    values[:, ~province] = forecast.paths[:, unit[~province] - 1, position[~province]]
    p_meet, expected, lower, upper = out
    p_meet[rows] = np.mean(values >= target[rows], axis=0)
    expected[rows] = values.mean(axis=0)
    lower[rows], upper[rows] = np.quantile(values, [(1 - level) / 2, (1 + level) / 2], axis=0,
                                           method="inverted_cdf")
    return out
