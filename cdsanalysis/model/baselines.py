"""Baselines shown beside the hazard model: what an analyst would do without it.

``last``: the last observed count carried forward. ``linear``: the least-squares line
through a district's cumulative counts against time (Excel's FORECAST.LINEAR), clipped
to [last value, communes total], rounded half up to whole communes and made
non-decreasing. Both are deterministic, so they return a single draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.settings import DAYS_PER_YEAR

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.model.registry import StartState


def simulate_last(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
                  rng: np.random.Generator) -> tuple[np.ndarray, None]:
    """The count at the origin, at every date."""
    start = np.where(state.has_data, state.start, 0).astype(np.int32)
    return np.repeat(start[None, :, None], len(dates), axis=2), None


def linear_trend(dataset: Dataset, state: StartState) -> pd.DataFrame:
    """Per district: OLS intercept (count at the origin) and slope (communes per year).

    Time is in years from ``state.as_of``; a district with one observation has slope 0.
    """
    progress = dataset.progress
    rows = progress[(progress["district_code"] != "") & (progress["as_of"] <= state.as_of)]
    years = (rows["as_of"] - state.as_of).dt.days.to_numpy(dtype=float) / DAYS_PER_YEAR
    frame = pd.DataFrame({"district_code": rows["district_code"].to_numpy(dtype=object), "x": years,
                          "y": rows["completed"].to_numpy(dtype=float)})
    means = frame.groupby("district_code")[["x", "y"]].transform("mean")
    frame["sxy"] = (frame["x"] - means["x"]) * (frame["y"] - means["y"])
    frame["sxx"] = (frame["x"] - means["x"]) ** 2
    sums = frame.groupby("district_code").agg(x=("x", "mean"), y=("y", "mean"), sxy=("sxy", "sum"),
                                              sxx=("sxx", "sum"))
    sums = sums.reindex(list(state.district_codes))
    slope = np.where(sums["sxx"] > 0, sums["sxy"] / sums["sxx"].where(sums["sxx"] > 0, 1.0), 0.0)
    return pd.DataFrame({"district_code": list(state.district_codes),
                         "intercept": (sums["y"] - slope * sums["x"]).to_numpy(),
                         "slope": slope})


def as_count_paths(line: np.ndarray, state: StartState) -> np.ndarray:
    """A deterministic forecast as one path of counts: the contract every model keeps.

    Clipped to [the count at the origin, the district's total], rounded half up, never falling,
    the origin keeping the observed count, zeros for a district with no data (shared by
    `simulate_linear` and `ets.simulate_ets`).
    """
    start = np.where(state.has_data, state.start, 0)
    low, high = start[:, None].astype(float), state.communes_total[:, None].astype(float)
    values = np.floor(np.clip(np.nan_to_num(line, nan=0.0), low, high) + 0.5)
    values[:, 0] = start
    values = np.maximum.accumulate(values, axis=1)
    values[~state.has_data, :] = 0
    return values.astype(np.int32)[None, :, :]


def simulate_linear(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
                    rng: np.random.Generator) -> tuple[np.ndarray, None]:
    """The trend line at each date after the origin; the origin itself keeps the observed count."""
    trend = linear_trend(dataset, state)
    years = (dates - state.as_of).days.to_numpy(dtype=float) / DAYS_PER_YEAR
    line = trend["intercept"].to_numpy()[:, None] + trend["slope"].to_numpy()[:, None] * years[None, :]
    return as_count_paths(line, state), None
