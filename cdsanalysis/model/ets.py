"""Damped-trend exponential smoothing of the cumulative counts: the forecasting-competition baseline.

Holt's additive damped trend (Gardner and McKenzie 1985) on each district's counts, one
observation a step:

    level_t = a y_t + (1 - a)(level_{t-1} + phi trend_{t-1})
    trend_t = g (level_t - level_{t-1}) + (1 - g) phi trend_{t-1}
    forecast_{t+h} = level_t + (phi + ... + phi^h) trend_t

With four observations a district cannot estimate three smoothing parameters, so (a, g,
phi) are shared by the province: they minimise the pooled one-step squared error (phi in
[0.8, 0.98], Hyndman's range). Each series starts from the backcast level 2 y_0 - y_1 and
trend y_1 - y_0. The recursion is vectorised over districts and checked against statsmodels'
``ExponentialSmoothing`` with the same parameters (tests/test_ets.py). Forecasts are
clipped to [last value, communes total], rounded half up and kept non-decreasing, like
``linear``; a horizon counts steps of the district's mean observation spacing.
Deterministic: one draw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.model.baselines import as_count_paths

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.model.registry import StartState

BOUNDS = ((0.05, 1.0), (0.01, 1.0), (0.8, 0.98))
"""Ranges of (a, g, phi) searched by the pooled fit."""
START = (0.8, 0.2, 0.9)


def holt_damped(series: np.ndarray, a: float, g: float, phi: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Run the recursion over ``series`` (districts x steps, NaN-padded on the left).

    Returns (one-step forecasts, last level, last trend); forecasts are NaN where there is
    no observation or no earlier one.
    """
    series = np.asarray(series, dtype=float)
    n, steps = series.shape
    observed = ~np.isnan(series)
    first = np.argmax(observed, axis=1)
    rows = np.arange(n)
    y0 = series[rows, first]
    y1 = series[rows, np.minimum(first + 1, steps - 1)]
    y1 = np.where(np.isnan(y1), y0, y1)
    level, trend = 2 * y0 - y1, y1 - y0
    fitted = np.full((n, steps), np.nan)
    for t in range(steps):
        y = series[:, t]
        here = observed[:, t]
        prediction = level + phi * trend
        fitted[here, t] = prediction[here]
        new_level = a * y + (1 - a) * prediction
        new_trend = g * (new_level - level) + (1 - g) * phi * trend
        level = np.where(here, new_level, level)
        trend = np.where(here, new_trend, trend)
    fitted[rows, first] = np.nan  # the first observation only seeds the state
    return fitted, level, trend


def fit_parameters(series: np.ndarray) -> tuple[float, float, float]:
    """(a, g, phi) minimising the pooled one-step squared error (scipy L-BFGS-B in the bounds)."""
    from scipy.optimize import minimize

    def loss(params: np.ndarray) -> float:
        fitted, _, _ = holt_damped(series, *params)
        error = fitted - series
        return float(np.nansum(error**2))

    if np.sum(~np.isnan(series), axis=1).max() < 3:
        return START
    result = minimize(loss, np.array(START), method="L-BFGS-B", bounds=BOUNDS)
    return tuple(float(v) for v in result.x)


def _series(dataset: Dataset, state: StartState) -> tuple[np.ndarray, np.ndarray]:
    """Counts per district (NaN-padded on the left) and each district's mean spacing in days."""
    progress = dataset.progress
    rows = progress[(progress["district_code"] != "") & (progress["as_of"] <= state.as_of)]
    rows = rows.sort_values(["district_code", "as_of"], kind="stable")
    index = {code: i for i, code in enumerate(state.district_codes)}
    groups = {code: g for code, g in rows.groupby("district_code", sort=False)}
    steps = max((len(g) for g in groups.values()), default=1)
    series = np.full((len(index), steps), np.nan)
    spacing = np.full(len(index), 182.625)
    for code, group in groups.items():
        values = group["completed"].to_numpy(dtype=float)
        series[index[code], steps - len(values):] = values
        if len(values) > 1:
            spacing[index[code]] = (group["as_of"].iloc[-1] - group["as_of"].iloc[0]).days / (len(values) - 1)
    return series, spacing


def simulate_ets(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
                 rng: np.random.Generator) -> tuple[np.ndarray, None]:
    """Damped-trend forecasts of each district at each date; the origin keeps the observed count."""
    series, spacing = _series(dataset, state)
    a, g, phi = fit_parameters(series)
    _, level, trend = holt_damped(series, a, g, phi)
    start_days = (state.start_dates - state.as_of).days.to_numpy(dtype=float, na_value=0.0)
    days = (dates - state.as_of).days.to_numpy(dtype=float)[None, :] - start_days[:, None]
    h = np.maximum(days / spacing[:, None], 0.0)
    damped = np.where(np.isclose(phi, 1.0), h, phi * (1 - phi**h) / (1 - phi))
    line = np.nan_to_num(level[:, None] + damped * trend[:, None], nan=0.0)
    return as_count_paths(line, state), None
