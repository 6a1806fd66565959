"""The pooled hazard model: at-risk table, Newton fit against statsmodels, pooling, edge cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cdsanalysis.data.dataset import Dataset
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.hazard import HazardModel, at_risk_table
from cdsanalysis.model.hazard_results import HazardResults, ParameterDraws, half_year
from cdsanalysis.wording.messages import error_text
from tests.builders import make_dataset

PLAIN = {"anchored": False, "season": False, "depletion": False, "split_periods": False}
"""The fit machinery alone: every interval, alpha, beta, shocks and u (the GLM-comparable model)."""

HALF_YEARS = ["2022-12-31", "2023-06-30", "2023-12-31", "2024-06-30", "2024-12-31"]


def series(code: str, counts: list[int], dates: list[str] = HALF_YEARS) -> list[tuple[str, str, int]]:
    return [(code, date, count) for date, count in zip(dates, counts, strict=False)]


def test_at_risk_table_by_hand():
    totals = {"A": 10, "B": 5}
    observations = [
        ("A", "2023-01-01", 0), ("A", "2023-07-02", 3), ("A", "2024-01-01", 10), ("A", "2024-07-01", 10),
        ("B", "2024-01-01", 2),  # one observation: no interval
        ("", "2024-01-01", 12),  # province rows are not used
    ]
    dataset = make_dataset(totals, observations)
    table = at_risk_table(dataset.progress, totals, "2024-01-01")
    # (0 -> 3]: 10 at risk, 3 events, 182 days; (3 -> 10]: 7 at risk, 7 events, 183 days;
    # (10 -> 10]: nothing at risk, dropped.
    assert table["district_code"].tolist() == ["A", "A"]
    assert table["at_risk"].tolist() == [10, 7]
    assert table["events"].tolist() == [3, 7]
    assert table["duration"].to_numpy() == pytest.approx([182 / 365.25, 183 / 365.25])
    # Midpoints in years from 2024-01-01: (-365 - 183) / 2 and (-183 + 0) / 2 days.
    assert table["midpoint"].to_numpy() == pytest.approx([-274 / 365.25, -91.5 / 365.25])
    # Midpoints 2023-04-01 and 2023-10-01: the first and second half-years of 2023.
    assert table["period"].tolist() == [2023 * 2, 2023 * 2 + 1]


RICH = {"A": 400, "B": 300, "C": 500}
RICH_DATES = ["2022-12-31", "2023-05-15", "2023-12-31", "2024-04-30", "2024-12-31"]
RICH_COUNTS = {"A": [0, 40, 95, 150, 230], "B": [10, 30, 60, 100, 130], "C": [5, 80, 160, 250, 330]}


def rich_dataset() -> Dataset:
    return make_dataset(RICH, [row for code, counts in RICH_COUNTS.items()
                               for row in series(code, counts, RICH_DATES)])


def test_newton_matches_statsmodels_glm_when_pooling_is_off():
    """With tau huge (no pooling) and no prior on beta, the fit is the GLM with district dummies."""
    from statsmodels.genmod.families import Binomial
    from statsmodels.genmod.families.links import CLogLog
    from statsmodels.genmod.generalized_linear_model import GLM

    model = HazardModel(rich_dataset(), shocks=None, beta_prior_sd=None, **PLAIN)
    results = model.fit(tau=1e3)
    table = model.table
    exog = pd.get_dummies(table["district_code"], dtype=float)
    exog["x"] = table["midpoint"]
    endog = np.c_[table["events"], table["at_risk"] - table["events"]]
    glm = GLM(endog, exog, family=Binomial(link=CLogLog()), offset=np.log(table["duration"]))
    reference = glm.fit(method="newton", tol=1e-12, maxiter=200)  # observed-information covariance

    assert results.converged
    levels = results.alpha + results.u
    assert levels == pytest.approx(reference.params[["A", "B", "C"]].to_numpy(), abs=1e-6)
    assert results.beta == pytest.approx(reference.params["x"], abs=1e-6)
    # Standard errors of each district level alpha + u_d and of beta agree too.
    for j, code in enumerate(["A", "B", "C"]):
        contrast = np.zeros(len(results.cov))
        contrast[[0, 2 + j]] = 1.0
        assert np.sqrt(contrast @ results.cov @ contrast) == pytest.approx(reference.bse[code], rel=1e-5)
    assert np.sqrt(results.cov[1, 1]) == pytest.approx(reference.bse["x"], rel=1e-5)


def _reference_objective(dataset: Dataset, shocks: str, tau: float, sigma: float):
    """The penalised log-likelihood written out plainly, for a generic optimiser to check Newton against.

    Parameters: alpha, beta, the shock parameters (iid: one per half-year; rw: one step per
    gap, the last half-year at 0), then u per district.
    """
    model = HazardModel(dataset, shocks=shocks, **PLAIN)
    table = model.table
    periods = sorted(set(table["period"]))
    k = len(periods)
    n_shock = k if shocks == "iid" else k - 1
    codes = list(model.district_codes)
    group = table["district_code"].map({c: i for i, c in enumerate(codes)}).to_numpy()
    period = table["period"].map({p: i for i, p in enumerate(periods)}).to_numpy()
    n, y = table["at_risk"].to_numpy(float), table["events"].to_numpy(float)
    x, offset = table["midpoint"].to_numpy(), np.log(table["duration"].to_numpy())

    def shocks_of(theta):
        s = theta[2:2 + n_shock]
        if shocks == "iid":
            return s
        return np.array([-s[j:].sum() for j in range(k)])  # e_j = -(steps after j); e_last = 0

    def value(theta):
        e = shocks_of(theta)
        u = theta[2 + n_shock:]
        mu = np.exp(offset + theta[0] + theta[1] * x + e[period] + u[group])
        loglike = np.sum(y * np.log(-np.expm1(-mu)) - (n - y) * mu)
        return loglike - 0.5 * theta[1] ** 2 - 0.5 * np.sum(theta[2:2 + n_shock] ** 2) / sigma**2 \
            - 0.5 * np.sum(u**2) / tau**2

    return value, model, 2 + n_shock + len(codes), shocks_of


@pytest.mark.parametrize("shocks", ["iid", "rw"])
def test_newton_with_period_shocks_matches_a_generic_optimiser(shocks):
    """The mode, its covariance and the Laplace marginal against scipy and numerical derivatives."""
    from scipy.optimize import minimize
    from statsmodels.tools.numdiff import approx_hess3

    tau, sigma = 0.4, 0.3
    value, model, size, shocks_of = _reference_objective(rich_dataset(), shocks, tau, sigma)
    reference = minimize(lambda t: -value(t), np.r_[-1.0, np.zeros(size - 1)], method="BFGS",
                         options={"gtol": 1e-9, "maxiter": 10_000})
    results = model.fit(tau=tau, sigma=sigma)
    theta = np.r_[results.best.f, results.u]
    assert theta == pytest.approx(reference.x, abs=1e-4)
    assert results.period_effects()["shock"].to_numpy() == pytest.approx(shocks_of(reference.x), abs=1e-4)
    hessian = -approx_hess3(theta, value)
    assert results.cov == pytest.approx(np.linalg.inv(hessian), rel=1e-3, abs=1e-5)
    # Laplace: value at the mode - log det(H) / 2 + the normalising constants of the proper priors
    # (beta: N(0, 1); shock parameters: N(0, sigma^2); u: N(0, tau^2)); alpha's flat prior adds nothing.
    n_shock = size - 2 - len(results.u)
    expected = (value(theta) - 0.5 * np.linalg.slogdet(hessian)[1] - n_shock * np.log(sigma)
                - len(results.u) * np.log(tau))
    assert results.log_marginal == pytest.approx(expected, abs=1e-3)


def test_grid_posterior_is_the_marginal_times_the_priors():
    """Weights: Laplace marginal x half-normal(tau) x half-Cauchy(sigma), on log-spaced grids."""
    from cdsanalysis.model import hazard

    results = HazardModel(rich_dataset(), **PLAIN).fit()
    grid = results.grid
    # Every tau kept by the screen gets the whole sigma grid; the screen keeps the likely ones.
    assert set(grid["tau"]) <= set(hazard.TAU_GRID) and grid["tau"].nunique() >= 2
    assert len(grid) == grid["tau"].nunique() * len(hazard.SIGMA_GRID)
    assert set(grid["sigma"]) == set(hazard.SIGMA_GRID)
    assert grid["weight"].sum() == pytest.approx(1.0)
    log_post = (grid["log_marginal"] - 0.5 * (grid["tau"] / hazard.TAU_PRIOR_SCALE) ** 2 + np.log(grid["tau"])
                - np.log1p((grid["sigma"] / hazard.SIGMA_PRIOR_SCALE) ** 2) + np.log(grid["sigma"]))
    kept = grid["weight"] > 0
    ratio = np.log(grid.loc[kept, "weight"]) - log_post[kept]
    assert ratio.max() - ratio.min() < 1e-8  # proportional, up to the dropped cells' mass
    assert results.tau == grid.loc[grid["weight"].idxmax(), "tau"]


def shrinkage_dataset() -> Dataset:
    # Six typical districts lose a fifth of their pending communes each half-year; L and S lose
    # 30 %: L over four half-years, S over its only observed half-year.
    typical = [0, 10, 18, 24, 29]
    observations = [row for i in range(6) for row in series(f"T{i}", typical)]
    observations += series("L", [0, 30, 51, 66, 76])
    observations += series("S", [0, 30], HALF_YEARS[3:])
    totals = {f"T{i}": 50 for i in range(6)} | {"L": 100, "S": 100}
    return make_dataset(totals, observations)


def test_district_with_one_interval_is_pulled_harder_toward_the_province():
    results = HazardModel(shrinkage_dataset(), **PLAIN).fit()
    effects = results.to_frame().set_index("district_code")["u"]
    assert 0 < effects["S"] < effects["L"]
    # And its effect is the less certain of the two.
    se = results.to_frame().set_index("district_code")["se"]
    assert se["S"] > se["L"]


def test_districts_at_zero_and_at_the_total_do_not_break_the_fit():
    observations = [row for i in range(4) for row in series(f"T{i}", [0, 5, 9, 12, 14])]
    observations += series("Z", [0, 0, 0, 0, 0])  # never moves
    observations += series("F", [0, 10, 10, 10, 10])  # all done in the first half-year
    totals = {f"T{i}": 25 for i in range(4)} | {"Z": 20, "F": 10}
    results = HazardModel(make_dataset(totals, observations), **PLAIN).fit()
    frame = results.to_frame().set_index("district_code")
    assert results.converged
    assert np.isfinite(results.cov).all() and np.isfinite(frame.to_numpy(dtype=float)).all()
    assert frame["u"].idxmin() == "Z" and frame["u"].idxmax() == "F"


def test_one_district_still_fits():
    results = HazardModel(make_dataset({"A": 30}, series("A", [0, 4, 9, 15, 20])), **PLAIN).fit()
    assert results.converged and np.isfinite(results.params).all()


@pytest.mark.parametrize("shocks", ["iid", "rw", None])
def test_trend_with_one_interval_comes_from_its_prior_alone(shocks):
    # Every district observed on the same two dates: x is the same for all rows, so the
    # likelihood sees only alpha + beta * x (+ the one shock) and beta's posterior is its N(0, 1) prior.
    observations = [("A", "2023-12-31", 0), ("A", "2024-06-30", 5),
                    ("B", "2023-12-31", 2), ("B", "2024-06-30", 4)]
    results = HazardModel(make_dataset({"A": 20, "B": 10}, observations), shocks=shocks, **PLAIN).fit()
    assert results.beta == pytest.approx(0.0, abs=1e-8)
    assert np.sqrt(results.cov[1, 1]) == pytest.approx(1.0, rel=1e-6)


@pytest.mark.parametrize("observations, message", [
    (series("A", [0, 0, 0]) + series("B", [3, 3, 3]), "no commune was recognised in any of the 4 intervals"),
    ([("A", "2024-06-30", 3), ("B", "2024-06-30", 1)], "figures on two different dates"),
    (series("A", [0, 10]) + series("B", [0, 10]), "every pending commune was recognised"),
])
def test_data_that_cannot_be_fitted_raise_a_clear_error(observations, message):
    with pytest.raises(CdsAnalysisError, match=message) as raised:
        HazardModel(make_dataset({"A": 10, "B": 10}, observations), **PLAIN).fit()
    # the command line reads it in Vietnamese, with advice a command-line user can follow
    vietnamese = error_text(raised.value, "vi")
    assert vietnamese.startswith("chưa dự báo được") and "cdsanalysis forecast --model" in vietnamese


def test_non_convergence_warns():
    with pytest.warns(RuntimeWarning, match="did not converge"):
        results = HazardModel(rich_dataset(), **PLAIN).fit(tau=0.5, sigma=0.3, maxiter=1)
    assert not results.converged


def test_sample_has_the_mode_and_covariance_of_the_fit():
    results = HazardModel(shrinkage_dataset(), shocks="iid", **PLAIN).fit(tau=0.5, sigma=0.3)  # one grid cell
    sample = results.sample(40_000, np.random.default_rng(1))
    assert isinstance(sample, ParameterDraws)
    draws = np.column_stack([sample.alpha, sample.beta, sample.shocks_observed, sample.u])
    sd = np.sqrt(np.diag(results.cov))
    mode = np.r_[results.best.f, results.u]
    assert np.all(np.abs(draws.mean(axis=0) - mode) < 4 * sd / np.sqrt(len(draws)))
    correlation = results.cov / np.outer(sd, sd)
    assert np.abs(np.corrcoef(draws, rowvar=False) - correlation).max() < 0.03
    assert draws.std(axis=0) == pytest.approx(sd, rel=0.03)
    assert (sample.sigma == 0.3).all()


def test_sample_mixes_the_grid_cells_by_weight():
    results = HazardModel(shrinkage_dataset(), **PLAIN).fit()
    sample = results.sample(20_000, np.random.default_rng(2))
    weights = results.grid.groupby("sigma")["weight"].sum()
    shares = pd.Series(sample.sigma).value_counts(normalize=True).reindex(weights.index, fill_value=0.0)
    assert np.abs(shares - weights).max() < 0.02


def _draws(structure, n=20_000, sigma=0.5):
    rng = np.random.default_rng(3)
    return ParameterDraws(alpha=np.zeros(n), beta=np.zeros(n), u=np.zeros((n, 1)), sigma=np.full(n, sigma),
                          shocks_observed=rng.normal(1.0, 0.1, size=(n, 2)), periods=np.array([10, 11]),
                          structure=structure)


def test_future_shocks_iid_are_fresh_and_rw_keeps_walking():
    rng = np.random.default_rng(4)
    iid, first = _draws("iid").shock_table(10, 14, rng)
    assert first == 10 and iid.shape == (20_000, 5)
    assert iid[:, :2].mean() == pytest.approx(1.0, abs=0.01)  # observed half-years keep their shocks
    assert iid[:, 2:].mean(axis=0) == pytest.approx([0, 0, 0], abs=0.02)
    assert iid[:, 2:].std(axis=0) == pytest.approx([0.5] * 3, rel=0.03)
    rw, _ = _draws("rw").shock_table(10, 14, rng)
    assert rw[:, 2:].mean(axis=0) == pytest.approx([1.0] * 3, abs=0.02)  # from the last observed value
    variance = rw[:, 2:].var(axis=0) - 0.1**2
    assert variance == pytest.approx([0.25, 0.5, 0.75], rel=0.05)  # grows with the horizon
    none, _ = _draws(None).shock_table(10, 14, rng)
    assert (none == 0).all()


def test_half_years_are_consecutive_numbers():
    dates = pd.DatetimeIndex(["2023-06-30", "2023-07-01", "2023-12-31", "2024-01-01"])
    assert half_year(dates).tolist() == [4046, 4047, 4047, 4048]


def test_results_tables_and_display():
    results = HazardModel(rich_dataset(), **PLAIN).fit()
    assert isinstance(results, HazardResults)
    summary = results.summary()
    assert summary["parameter"].tolist() == ["alpha", "beta", "tau", "sigma"]
    assert (summary["lower"] < summary["estimate"]).all() and (summary["estimate"] < summary["upper"]).all()
    frame = results.to_frame()
    assert frame.columns.tolist() == ["district_code", "u", "se", "hazard_per_year", "p_complete_year"]
    assert frame["hazard_per_year"].to_numpy() == pytest.approx(np.exp(results.alpha + results.u))
    assert list(results.params.index[:4]) == ["alpha", "beta", "tau", "sigma"]
    assert results.period_effects()["period"].tolist() == ["2023-H1", "2023-H2", "2024-H1", "2024-H2"]
    assert "HazardResults" in results._repr_html_()
