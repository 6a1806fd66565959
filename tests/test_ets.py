"""The damped-trend exponential smoothing baseline: statsmodels' recursion, pooled fit, clipping."""

from __future__ import annotations

import numpy as np
import pytest

from cdsanalysis.model.ets import fit_parameters, holt_damped
from cdsanalysis.model.projection import forecast
from tests.builders import make_dataset

HALF_YEARS = ["2022-12-31", "2023-06-30", "2023-12-31", "2024-06-30"]


def test_recursion_matches_statsmodels_exponential_smoothing():
    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    y = np.array([3.0, 5, 9, 16, 20, 27])
    a, g, phi = 0.7, 0.3, 0.9
    fitted, level, trend = holt_damped(y[None, :], a, g, phi)
    reference = ExponentialSmoothing(y, trend="add", damped_trend=True, initialization_method="known",
                                     initial_level=2 * y[0] - y[1], initial_trend=y[1] - y[0]).fit(
        smoothing_level=a, smoothing_trend=g, damping_trend=phi, optimized=False)
    assert fitted[0, 1:] == pytest.approx(reference.fittedvalues[1:], rel=1e-12)
    assert level[0] == pytest.approx(reference.level[-1]) and trend[0] == pytest.approx(reference.trend[-1])
    horizon = np.arange(1, 4)
    assert level[0] + np.cumsum(phi**horizon) * trend[0] == pytest.approx(reference.forecast(3), rel=1e-12)


def test_shorter_series_are_padded_and_parameters_stay_in_bounds():
    series = np.array([[np.nan, 1.0, 3.0, 6.0], [0.0, 2.0, 4.0, 8.0]])
    fitted, _, _ = holt_damped(series, 0.5, 0.5, 0.9)
    alone, _, _ = holt_damped(series[:1, 1:], 0.5, 0.5, 0.9)
    assert np.isnan(fitted[0, :2]).all()
    assert fitted[0, 2:] == pytest.approx(alone[0, 1:])
    a, g, phi = fit_parameters(series)
    assert 0.05 <= a <= 1 and 0.01 <= g <= 1 and 0.8 <= phi <= 0.98


def test_ets_forecast_is_damped_clipped_and_non_decreasing():
    counts = {"A": [0, 4, 8, 12], "B": [2, 6, 9, 10], "C": [5, 5, 5, 5]}
    totals = {"A": 40, "B": 11, "C": 9}
    observations = [(code, date, n) for code, values in counts.items()
                    for date, n in zip(HALF_YEARS, values, strict=False)]
    result = forecast(make_dataset(totals, observations), model="ets", until="2026-12-31")
    paths = result.paths[0]
    assert result.draws == 1
    assert (np.diff(paths, axis=1) >= 0).all() and (paths <= np.array([40, 11, 9])[:, None]).all()
    assert paths[1, -1] == 11 and (paths[2] == 5).all()
    steps = np.diff(paths[0])
    assert steps[0] > 0 and steps[-1] < steps[0]  # the trend is damped: later half-years add less
