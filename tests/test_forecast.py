"""Simulated paths: the date grid, bounds, determinism, province sums and the baselines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cdsanalysis.data.dataset import Dataset
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.baselines import linear_trend
from cdsanalysis.model.hazard import simulate_paths
from cdsanalysis.model.hazard_results import ParameterDraws
from cdsanalysis.model.projection import Forecast, forecast, forecast_dates
from cdsanalysis.model.registry import StartState
from tests.builders import make_dataset

HALF_YEARS = ["2022-12-31", "2023-06-30", "2023-12-31", "2024-06-30"]


def province_dataset() -> Dataset:
    """Five districts with real movement, one at 0 and one already complete."""
    counts = {"01": [0, 3, 7, 12], "02": [1, 2, 6, 9], "03": [0, 5, 9, 16], "04": [2, 4, 5, 8],
              "05": [0, 0, 0, 0], "06": [3, 8, 10, 10]}
    totals = {"01": 20, "02": 15, "03": 25, "04": 12, "05": 9, "06": 10}
    observations = [(code, date, n) for code, values in counts.items()
                    for date, n in zip(HALF_YEARS, values, strict=False)]
    targets = [("01", "2025-03-31", 18, "commune_quota"), ("", "2025-12-31", 91, "all_communes")]
    return make_dataset(totals, observations, targets)


def test_grid_is_origin_half_year_ends_and_deadlines_in_range():
    dates = forecast_dates("2024-03-15", "2025-12-31",
                           ["2025-03-31", "2024-06-30", "2024-01-01", "2026-06-30"])
    expected = ["2024-03-15", "2024-06-30", "2024-12-31", "2025-03-31", "2025-06-30", "2025-12-31"]
    assert list(dates) == list(pd.to_datetime(expected))
    assert list(forecast_dates("2024-06-30", "2024-06-30")) == [pd.Timestamp("2024-06-30")]
    with pytest.raises(CdsAnalysisError, match="before as_of"):
        forecast_dates("2024-06-30", "2024-01-01")


def test_forecast_puts_target_deadlines_on_the_grid():
    result = forecast(province_dataset(), draws=10)
    assert pd.Timestamp("2025-03-31") in result.dates
    assert result.dates[0] == pd.Timestamp("2024-06-30")


@pytest.mark.parametrize("model", ["hazard", "hazard_rw", "hazard_indep", "steady", "ets", "linear", "last"])
def test_paths_are_integer_non_decreasing_and_between_start_and_total(model):
    result = forecast(province_dataset(), model=model, draws=500)
    paths = result.paths
    assert np.issubdtype(paths.dtype, np.integer)
    assert np.array_equal(paths[:, :, 0], np.broadcast_to(result.start, paths.shape[:2]))
    assert (np.diff(paths, axis=2) >= 0).all()
    assert (paths <= result.communes_total[None, :, None]).all()
    complete = result.district_codes.index("06")
    assert (paths[:, complete, :] == 10).all()
    summary = result.summary()
    assert (summary["lower"] <= summary["median"]).all() and (summary["median"] <= summary["upper"]).all()
    assert (summary["median"] == summary["median"].round()).all()  # inverted_cdf: whole communes


def test_same_seed_same_numbers_other_seed_other_numbers():
    dataset = province_dataset()
    first, again = forecast(dataset, draws=300, seed=7), forecast(dataset, draws=300, seed=7)
    assert first.paths.tobytes() == again.paths.tobytes()
    pd.testing.assert_frame_equal(first.summary(), again.summary())
    assert not np.array_equal(first.paths, forecast(dataset, draws=300, seed=8).paths)


def fixed_draws(alpha: np.ndarray, beta: np.ndarray, u: np.ndarray, sigma: float = 0.0,
                structure: str | None = None) -> ParameterDraws:
    """Parameter draws given by hand; no observed half-year, so every shock is a future one."""
    return ParameterDraws(alpha=alpha, beta=beta, u=u, sigma=np.full(len(alpha), sigma),
                          shocks_observed=np.zeros((len(alpha), 0)), periods=np.zeros(0, dtype=np.int64),
                          structure=structure)


def test_first_step_runs_from_the_districts_own_last_observation():
    # Hazard 1 per year, no trend: a district last seen a year before the origin has
    # P(complete by the next half-year end) = 1 - exp(-1.5) instead of 1 - exp(-0.5).
    as_of = pd.Timestamp("2024-06-30")
    state = StartState(as_of=as_of, district_codes=("A", "B"), communes_total=np.array([1000, 1000]),
                       start=np.array([0, 0]),
                       start_dates=pd.DatetimeIndex([as_of, as_of - pd.Timedelta(days=365.25 * 1.0)]))
    dates = pd.DatetimeIndex([as_of, as_of + pd.Timedelta(days=365.25 / 2)])
    draws = 200
    paths = simulate_paths(fixed_draws(np.zeros(draws), np.zeros(draws), np.zeros((draws, 2))), state, dates,
                           np.random.default_rng(0))
    mean_new = paths[:, :, 1].mean(axis=0)
    assert mean_new[0] == pytest.approx(1000 * (1 - np.exp(-0.5)), rel=0.01)
    assert mean_new[1] == pytest.approx(1000 * (1 - np.exp(-1.5)), rel=0.01)


def hand_made_forecast(paths_a: list[int], paths_b: list[int]) -> Forecast:
    dataset = make_dataset({"A": 5, "B": 5}, [("A", "2024-06-30", 0), ("B", "2024-06-30", 0)])
    dates = pd.DatetimeIndex(["2024-06-30", "2024-12-31"])
    paths = np.zeros((len(paths_a), 2, 2), dtype=np.int32)
    paths[:, 0, 1], paths[:, 1, 1] = paths_a, paths_b
    return Forecast(dataset=dataset, as_of=dates[0], model="hand", seed=None, dates=dates,
                    district_codes=("A", "B"), communes_total=np.array([5, 5]), start=np.array([0, 0]),
                    start_dates=pd.DatetimeIndex([dates[0], dates[0]]), paths=paths)


def test_province_is_the_sum_of_paths_not_of_quantiles():
    result = hand_made_forecast([0, 0, 1, 1, 1], [1, 1, 0, 0, 0])
    summary = result.summary(level=0.8).set_index(["district_code", "date"])
    end = pd.Timestamp("2024-12-31")
    # Each district's 10 % quantile is 0, but every summed path is exactly 1.
    assert summary.loc[("A", end), "lower"] == 0 and summary.loc[("B", end), "lower"] == 0
    assert summary.loc[("", end), ["lower", "median", "upper", "mean"]].tolist() == [1, 1, 1, 1]
    assert np.array_equal(result.province_paths()[:, 1], [1, 1, 1, 1, 1])
    assert result.p_at_least("", end, 1) == 1.0
    assert result.p_at_least("A", end, 1) == pytest.approx(0.6)


def test_summary_and_tidy_frame_layout():
    result = hand_made_forecast([0, 0, 1, 1, 2], [1, 1, 0, 0, 0])
    summary = result.summary()
    assert summary.columns.tolist() == ["district_code", "date", "mean", "median", "lower", "upper"]
    assert summary["district_code"].tolist() == ["", "", "A", "A", "B", "B"]
    tidy = result.to_frame()
    assert tidy.columns.tolist() == ["draw", "district_code", "date", "completed"]
    assert len(tidy) == 5 * 3 * 2
    a_end = tidy[(tidy["district_code"] == "A") & (tidy["date"] == "2024-12-31")]
    assert a_end["completed"].tolist() == [0, 0, 1, 1, 2]
    with pytest.raises(CdsAnalysisError, match="not a forecast date"):
        result.p_at_least("A", "2024-09-30", 1)
    assert "Forecast" in result._repr_html_()


def test_district_without_data_has_no_forecast_and_no_province_sum():
    dataset = make_dataset({"A": 10, "B": 10, "C": 10},
                           [("A", "2023-12-31", 0), ("A", "2024-06-30", 4),
                            ("B", "2023-12-31", 1), ("B", "2024-06-30", 3),
                            ("C", "2024-09-30", 2)])  # C is only seen after the origin
    result = forecast(dataset, as_of="2024-06-30", draws=50)
    assert result.has_data.tolist() == [True, True, False] and not result.complete
    summary = result.summary().set_index("district_code")
    assert summary.loc["C", "median"].isna().all() and summary.loc["", "mean"].isna().all()
    assert summary.loc["A", "median"].notna().all()
    assert np.isnan(result.p_at_least("C", "2024-12-31", 1))


def test_linear_baseline_by_hand():
    # 0, 2, 4 communes at equal 183-day steps: slope 2 per 183 days (about 4 per year).
    dates = ["2023-06-30", "2023-12-30", "2024-06-30"]
    observations = [(code, d, n) for code in ("A", "B") for d, n in zip(dates, [0, 2, 4], strict=False)]
    observations += [("C", "2024-06-30", 3)]  # one observation: flat
    dataset = make_dataset({"A": 20, "B": 9, "C": 10}, observations)
    state = StartState.from_dataset(dataset, pd.Timestamp("2024-06-30"))
    trend = linear_trend(dataset, state).set_index("district_code")
    assert trend.loc["A", "slope"] == pytest.approx(2 / 183 * 365.25)
    assert trend.loc["A", "intercept"] == pytest.approx(4.0)
    assert trend.loc["C", "slope"] == 0.0

    result = forecast(dataset, as_of="2024-06-30", until="2025-12-31", model="linear")
    # 184, 365 and 549 days after the origin: 4 + 2 * days / 183 = 6.01, 7.99, 10.0.
    assert result.paths.shape == (1, 3, 4)
    assert result.paths[0, 0].tolist() == [4, 6, 8, 10]
    assert result.paths[0, 1].tolist() == [4, 6, 8, 9]  # clipped at the 9 communes
    assert result.paths[0, 2].tolist() == [3, 3, 3, 3]
    assert result.fit_results is None


def test_last_value_baseline_and_unknown_model():
    dataset = province_dataset()
    result = forecast(dataset, model="last")
    assert (result.paths == result.start[None, :, None]).all()
    with pytest.raises(CdsAnalysisError, match="unknown model"):
        forecast(dataset, model="prophet")


def test_bundled_data_forecast_meets_the_acceptance_rules():
    from cdsanalysis.data.dataset import load_dataset

    result = forecast(load_dataset(), as_of="2024-06-30")
    assert len(result.district_codes) == 27 and result.draws == 4000
    summary = result.summary()
    gone = summary["median"].isna()  # issue 22: Đông Sơn, merged into Thanh Hóa city from 1/12/2024
    assert set(summary.loc[gone, "district_code"]) == {"405"}
    assert (summary.loc[gone, "date"] > pd.Timestamp("2024-11-30")).all()
    summary = summary[~gone]
    assert (summary["lower"] <= summary["median"]).all() and (summary["median"] <= summary["upper"]).all()
    assert (np.diff(result.paths, axis=2) >= 0).all()
    assert (result.paths >= result.start[None, :, None]).all()
    assert (result.paths <= result.communes_total[None, :, None]).all()


def test_steady_holds_the_rate_of_as_of():
    """With a rising trend, holding today's rate gives fewer completions; with no trend, the same."""
    state = StartState(as_of=pd.Timestamp("2024-06-30"), district_codes=("01",),
                       communes_total=np.array([10_000]), start=np.array([0]),
                       start_dates=pd.DatetimeIndex(["2024-06-30"]))
    dates = pd.DatetimeIndex(["2024-06-30", "2024-12-31", "2025-06-30", "2025-12-31"])
    alpha, u = np.array([-1.0]), np.zeros((1, 1))

    def run(beta: float, hold: bool) -> np.ndarray:
        return simulate_paths(fixed_draws(alpha, np.array([beta]), u), state, dates, np.random.default_rng(5),
                              hold_rate=hold)[0, 0]

    np.testing.assert_array_equal(run(0.0, True), run(0.0, False))
    assert run(1.5, True)[-1] < run(1.5, False)[-1]
    # Held rate: each half-year completes about 1 - exp(-exp(-1) / 2) of what is left.
    steady = run(1.5, True)
    share = 1 - np.exp(-np.exp(-1.0) * 0.5)
    assert abs(steady[1] / 10_000 - share) < 0.02


def test_shared_shocks_move_every_district_together():
    """A future half-year's shock hits all districts of a path at once, so districts co-move."""
    state = StartState(as_of=pd.Timestamp("2024-06-30"), district_codes=("A", "B"),
                       communes_total=np.array([2000, 2000]), start=np.array([0, 0]),
                       start_dates=pd.DatetimeIndex(["2024-06-30", "2024-06-30"]))
    dates = pd.DatetimeIndex(["2024-06-30", "2024-12-31"])
    n = 2000
    alpha, beta, u = np.full(n, -2.0), np.zeros(n), np.zeros((n, 2))
    shared = simulate_paths(fixed_draws(alpha, beta, u, 0.8, "iid"), state, dates, np.random.default_rng(1))
    alone = simulate_paths(fixed_draws(alpha, beta, u), state, dates, np.random.default_rng(1))
    assert np.corrcoef(shared[:, 0, 1], shared[:, 1, 1])[0, 1] > 0.8
    assert abs(np.corrcoef(alone[:, 0, 1], alone[:, 1, 1])[0, 1]) < 0.1
    province = lambda paths: paths[:, :, 1].sum(axis=1)  # noqa: E731
    assert province(shared).std() > 5 * province(alone).std()


def test_the_horizon_follows_the_targets_and_outlives_them():
    # Issue 19 (point 10): once every deadline has passed the forecast still runs, a year ahead.
    from cdsanalysis import load_dataset
    from cdsanalysis.model.projection import forecast

    dataset = load_dataset()
    assert forecast(dataset, as_of="2024-06-30", draws=50).dates[-1] == pd.Timestamp("2025-12-31")
    late = forecast(dataset, as_of="2030-01-01", draws=50)
    assert late.dates[0] == pd.Timestamp("2030-01-01") and late.dates[-1] == pd.Timestamp("2030-12-31")
    assert (late.paths[:, :, -1] >= late.start[None, :]).all()
    assert forecast(dataset, as_of="2024-06-30", until="2026-06-30", draws=50).dates[-1] == pd.Timestamp("2026-06-30")
