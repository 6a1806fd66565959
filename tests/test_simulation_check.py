"""The simulation check: data drawn from a known hazard process, fitted, forecast, scored.

If the model and its simulation are right, its 80 % intervals cover about 80 % of the
held-out counts and its P(meet) beat the linear baseline's. Pooled over replicates of a
synthetic province (no Thanh Hóa codes) with district heterogeneity; fixed seeds.

This process has no province-wide shocks. ``hazard_indep`` (the model without them) must be
calibrated on it; the default ``hazard`` cannot rule shocks out from three intervals, so it
is allowed to be somewhat wider (the scenario families of docs/calibration.md judge it).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.backtesting import backtest, observed_dates
from cdsanalysis.model.synthetic import half_year_ends, synthetic_dataset

REPLICATES = 8
DISTRICTS = 30
COMMUNES = 3000  # about 100 a district: see test_interval_coverage on discreteness
DRAWS = 1000


@pytest.fixture(scope="module")
def replicates() -> pd.DataFrame:
    """Fit on the first 4 of 6 half-years, forecast the last 2; hazard and linear; all replicates."""
    tables = []
    for seed in range(REPLICATES):
        dataset = synthetic_dataset(districts=DISTRICTS, communes=COMMUNES, periods=6, seed=seed,
                                    hazard=0.25, trend=0.3, heterogeneity=0.5, validate=False)
        origin = observed_dates(dataset)[3]
        result = backtest(dataset, origins=[origin], models=("hazard", "hazard_indep", "linear"), draws=DRAWS,
                          seed=seed)
        assert result.failures.empty
        tables.append(result.table.assign(replicate=seed))
    table = pd.concat(tables, ignore_index=True)
    return table[table["district_code"] != ""]


def _pit(table: pd.DataFrame) -> np.ndarray:
    u = np.random.default_rng(0).random(len(table))
    return (table["cdf_below"] + u * (table["cdf_at"] - table["cdf_below"])).to_numpy()


def test_interval_coverage(replicates):
    forecasts = replicates.drop_duplicates(["model", "replicate", "district_code", "date"])
    indep = forecasts[forecasts["model"] == "hazard_indep"]
    assert len(indep) == REPLICATES * DISTRICTS * 2
    assert 0.70 <= indep["covered"].mean() <= 0.90, indep["covered"].mean()
    # The closed interval of an integer count covers a little more than its level (the mass on
    # its end points); a randomised PIT removes that, and should then be close to uniform.
    pit = _pit(indep)
    assert 0.75 <= float(((pit > 0.1) & (pit < 0.9)).mean()) <= 0.85
    assert 0.40 <= float(((pit > 0.25) & (pit < 0.75)).mean()) <= 0.60
    # The default allows for shocks, a season and a hard core this process lacks: wider, but neither narrow
    # nor useless. Since issue 17 (σ prior half-Cauchy(1.0), season, depletion) it is too wide here: its
    # closed interval holds nearly every count (docs/assumptions.md M8 and M11 record the price).
    hazard = forecasts[forecasts["model"] == "hazard"]
    assert hazard["covered"].mean() >= 0.75, hazard["covered"].mean()
    pit = _pit(hazard)
    assert float(((pit > 0.1) & (pit < 0.9)).mean()) >= 0.75
    assert 0.3 <= float(pit.mean()) <= 0.7  # not biased: too wide, not off-centre
    width = lambda t: float((t["upper"] - t["lower"]).mean())  # noqa: E731
    assert width(indep) < width(hazard) < 3 * width(indep), (width(indep), width(hazard))


def test_hazard_brier_beats_linear(replicates):
    events = replicates[replicates["p_meet"].notna()]
    brier = ((events["p_meet"] - events["met"].astype(float)) ** 2).groupby(events["model"]).mean()
    assert events.groupby("model").size().min() >= REPLICATES * DISTRICTS  # the end-2023 targets
    assert 0.2 <= events["met"].astype(float).mean() <= 0.8  # the events are real questions
    assert brier["hazard"] < brier["linear"] and brier["hazard_indep"] < brier["linear"], brier.to_dict()


def test_fit_recovers_the_generating_parameters():
    """Generator and model share one parametrisation: alpha at the last date, beta per year, tau."""
    from cdsanalysis.model.hazard import HazardModel

    hazard, trend, heterogeneity, districts = 0.25, 0.3, 0.5, 200
    dataset = synthetic_dataset(districts=districts, communes=6000, periods=6, seed=0, hazard=hazard, trend=trend,
                                heterogeneity=heterogeneity, validate=False)
    results = HazardModel(dataset).fit()  # reference date: the last observation
    years = (dataset.latest_date() - pd.Timestamp("2021-12-31")).days / 365.25
    alpha = np.log(hazard) + trend * years
    # alpha is the log hazard of u = 0; the realised effects' mean moves it by sd tau / sqrt(D).
    alpha_sd = np.hypot(results.bse["alpha"], heterogeneity / np.sqrt(districts))
    assert abs(results.alpha - alpha) < 3 * alpha_sd
    assert abs(results.beta - trend) < 3 * results.bse["beta"]
    assert 0.35 < results.tau < 0.65


# --- the generator ------------------------------------------------------------------------------

def test_synthetic_dataset_layout_and_determinism():
    dataset = synthetic_dataset(districts=7, communes=90, periods=4, seed=5)  # validated
    districts = dataset.districts()
    assert districts["district_code"].tolist() == [f"{i:03d}" for i in range(1, 8)]
    assert districts["communes_total"].sum() == 90 and districts["communes_total"].min() >= 1
    progress = dataset.progress
    assert sorted(progress["as_of"].unique()) == list(half_year_ends("2021-12-31", 4))
    province = progress[progress["district_code"] == ""].set_index("as_of")["completed"]
    sums = progress[progress["district_code"] != ""].groupby("as_of")["completed"].sum()
    assert province.to_dict() == sums.to_dict()
    by_district = progress[progress["district_code"] != ""].sort_values(["district_code", "as_of"])
    assert (by_district.groupby("district_code")["completed"].diff().dropna() >= 0).all()
    # Targets: every 31 December after the first date up to a year past the last, cumulative.
    assert sorted(dataset.targets["deadline"].unique()) == list(pd.to_datetime(["2022-12-31", "2023-12-31"]))
    targets = dataset.targets[dataset.targets["district_code"] != ""].sort_values(["district_code", "deadline"])
    assert (targets.groupby("district_code")["target"].diff().dropna() >= 0).all()

    again = synthetic_dataset(districts=7, communes=90, periods=4, seed=5)
    pd.testing.assert_frame_equal(dataset.progress, again.progress)
    other = synthetic_dataset(districts=7, communes=90, periods=4, seed=6)
    assert not dataset.progress["completed"].equals(other.progress["completed"])


def test_synthetic_hazard_sets_the_pace():
    """No trend, no heterogeneity: half a year at hazard h completes 1 - exp(-h/2) of the pending."""
    dataset = synthetic_dataset(districts=50, communes=5000, periods=2, seed=0, hazard=0.4, trend=0.0,
                                heterogeneity=0.0, lead_years=0.0, validate=False)
    progress = dataset.progress[dataset.progress["district_code"] == ""].sort_values("as_of")
    assert progress["completed"].iloc[0] == 0  # nothing before the first date
    share = progress["completed"].iloc[1] / 5000
    expected = -np.expm1(-0.4 * 181 / 365.25)
    assert share == pytest.approx(expected, abs=4 * np.sqrt(expected * (1 - expected) / 5000))


def test_synthetic_dataset_refuses_impossible_layouts():
    with pytest.raises(CdsAnalysisError):
        synthetic_dataset(districts=10, communes=5)
    with pytest.raises(CdsAnalysisError, match="30 June or a 31 December"):
        synthetic_dataset(districts=2, start="2022-03-31")
