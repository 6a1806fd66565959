"""Rolling-origin backtest: scoring rules by hand, origins, determinism, the bundled data."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from cdsanalysis.data.dataset import Dataset, load_dataset
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.backtesting import TABLE_COLUMNS, _origin_seed, backtest, default_origins
from cdsanalysis.model.metrics import brier_score, ranked_probability_scores
from cdsanalysis.model.projection import forecast
from tests.builders import make_dataset

D0, D1, D2, D3 = "2022-12-31", "2023-06-30", "2023-12-31", "2024-06-30"


def tiny_dataset() -> Dataset:
    """Two districts, three dates; one origin (D1), one held-out date (D2).

    A: 0, 2, 5 of 10; B: 1, 1, 1 of 4; province 1, 3, 6. Targets due on D2: A 4 (met),
    B 2 (missed), province 6 (met).
    """
    observations = [("A", D0, 0), ("A", D1, 2), ("A", D2, 5), ("B", D0, 1), ("B", D1, 1), ("B", D2, 1),
                    ("", D0, 1), ("", D1, 3), ("", D2, 6)]
    return make_dataset({"A": 10, "B": 4}, observations, [("A", D2, 4), ("B", D2, 2), ("", D2, 6)])


# --- scoring rules by hand -------------------------------------------------------------------

def test_rps_of_a_four_draw_forecast_by_hand():
    # Draws 0, 1, 1, 3; actual 1. F = .25, .75, .75, 1 at k = 0..3; 1{1 <= k} = 0, 1, 1, 1.
    # RPS = .25^2 + .25^2 + .25^2 + 0 = 0.1875; P(X < 1) = .25, P(X <= 1) = .75.
    rps, below, at = ranked_probability_scores(np.array([[0], [1], [1], [3]]), np.array([1]))
    assert rps == pytest.approx([0.1875])
    assert below == pytest.approx([0.25]) and at == pytest.approx([0.75])


@pytest.mark.parametrize(("value", "actual", "expected"), [(2, 5, 3.0), (5, 2, 3.0), (0, 0, 0.0), (7, 7, 0.0)])
def test_rps_of_a_deterministic_forecast_is_the_absolute_error(value, actual, expected):
    rps, below, at = ranked_probability_scores(np.array([[value]]), np.array([actual]))
    assert rps == pytest.approx([expected])
    assert at == pytest.approx([float(value <= actual)])
    assert below == pytest.approx([float(value < actual)])


def test_rps_columns_are_independent_and_match_the_crps_identity():
    """For integer counts RPS = CRPS = E|X - y| - E|X - X'| / 2 (an independent formula)."""
    rng = np.random.default_rng(3)
    paths = rng.binomial([[5, 20, 40]], [[0.2, 0.5, 0.9]], size=(500, 3))
    actual = np.array([0, 12, 40])
    rps, _, _ = ranked_probability_scores(paths, actual)
    for j in range(3):
        x = paths[:, j].astype(float)
        crps = np.mean(np.abs(x - actual[j])) - 0.5 * np.mean(np.abs(x[:, None] - x[None, :]))
        assert rps[j] == pytest.approx(crps, rel=1e-12)


def test_brier_score_by_hand():
    assert brier_score([0.9, 0.2], [1, 0]) == pytest.approx((0.01 + 0.04) / 2)
    assert np.isnan(brier_score([], []))


# --- the backtest on a hand-built dataset ------------------------------------------------------

def test_baseline_scores_by_hand():
    result = backtest(tiny_dataset(), models=("last", "linear"))
    table = result.table
    assert list(table.columns) == TABLE_COLUMNS
    assert set(table["origin"]) == {pd.Timestamp(D1)} and set(table["date"]) == {pd.Timestamp(D2)}

    # last: A stays at 2 (actual 5), B at 1 (actual 1). linear: A's line through (D0, 0), (D1, 2)
    # reaches 2 + 2 * 184/181 = 4.03 -> 4 at D2; B's is flat at 1.
    rows = table.set_index(["model", "district_code"])
    assert rows.loc[("last", "A"), "median"] == 2 and rows.loc[("linear", "A"), "median"] == 4
    assert rows.loc[("last", "B"), "median"] == 1 and rows.loc[("linear", "B"), "median"] == 1
    assert rows.loc[("last", ""), "median"] == 3  # the province is the sum of the district paths
    assert rows.loc[("linear", "A"), "p_meet"] == 1.0 and rows.loc[("last", "A"), "p_meet"] == 0.0
    assert bool(rows.loc[("last", "A"), "met"]) and not bool(rows.loc[("last", "B"), "met"])

    scores = result.scores().set_index("model")
    assert list(scores.index) == ["last", "linear"]
    # Brier: last (0-1)^2 and (0-0)^2 -> 0.5; linear (1-1)^2 and (0-0)^2 -> 0.
    assert scores.loc["last", "brier"] == pytest.approx(0.5)
    assert scores.loc["linear", "brier"] == pytest.approx(0.0)
    # RPS = MAE for point forecasts: last (3 + 0)/2, linear (1 + 0)/2; only B's point is right.
    assert scores.loc["last", ["rps", "mae"]].tolist() == pytest.approx([1.5, 1.5])
    assert scores.loc["linear", ["rps", "mae"]].tolist() == pytest.approx([0.5, 0.5])
    assert scores["coverage"].tolist() == pytest.approx([0.5, 0.5])
    assert scores["n_brier"].tolist() == [2, 2] and scores["n_rps"].tolist() == [2, 2]

    with_province = result.scores(province=True).set_index("model")
    # Province: last 3 vs 6 -> RPS 3, P(meet 6) = 0 though met; linear 5 vs 6 -> RPS 1, P = 0.
    assert with_province.loc["last", "rps"] == pytest.approx((3 + 0 + 3) / 3)
    assert with_province.loc["linear", "brier"] == pytest.approx(1 / 3)
    assert with_province["n_brier"].tolist() == [3, 3]

    skill = result.skill("linear").set_index("model")
    assert skill.loc["last", "rps_skill"] == pytest.approx(1 - 1.5 / 0.5)
    assert np.isnan(skill.loc["last", "brier_skill"])  # the reference is perfect: no ratio


def test_calibration_bins_by_hand():
    table = backtest(tiny_dataset(), models=("last", "linear")).calibration(bins=10)
    last = table[table["model"] == "last"]
    assert last[["bin", "predicted", "observed", "count"]].values.tolist() == [[0, 0.0, 0.5, 2]]
    linear = table[table["model"] == "linear"].set_index("bin")
    assert list(linear.index) == [0, 9]  # p = 1 falls in the last bin, closed on the right
    assert linear.loc[9, ["bin_lower", "bin_upper", "observed"]].tolist() == pytest.approx([0.9, 1.0, 1.0])
    assert linear.loc[0, "observed"] == 0.0
    with pytest.raises(CdsAnalysisError):
        backtest(tiny_dataset(), models=("last",)).calibration(bins=0)


def test_two_targets_due_on_one_date_give_two_events_but_one_count_forecast():
    observations = [("A", D0, 0), ("A", D1, 2), ("A", D2, 5)]
    dataset = make_dataset({"A": 10}, observations, [("A", D2, 4)])
    targets = dataset.targets
    second = targets.assign(target=6, kind="all_communes")
    dataset = Dataset(dataset.units, dataset.progress, pd.concat([targets, second], ignore_index=True))
    result = backtest(dataset, models=("last",))
    assert len(result.table) == 2
    scores = result.scores().iloc[0]
    assert scores["n_brier"] == 2 and scores["n_rps"] == 1
    assert scores["brier"] == pytest.approx(0.5)  # met 4 with p = 0, missed 6 with p = 0


# --- origins -------------------------------------------------------------------------------------

def test_default_origins_leave_an_earlier_and_a_later_observed_date():
    observations = [("A", D0, 0), ("A", D1, 1), ("A", D2, 2), ("A", D3, 4), ("B", "2023-03-31", 0),
                    ("", "2024-12-31", 4)]  # province dates do not count
    origins = default_origins(make_dataset({"A": 10, "B": 5}, observations))
    assert list(origins) == list(pd.to_datetime(["2023-03-31", D1, D2]))

    with pytest.raises(CdsAnalysisError, match="at least 3 dates"):
        default_origins(make_dataset({"A": 10}, [("A", D0, 0), ("A", D1, 1)]))


def test_an_origin_with_nothing_later_is_refused():
    with pytest.raises(CdsAnalysisError, match="no later observation"):
        backtest(tiny_dataset(), origins=[D2], models=("last",))
    with pytest.raises(CdsAnalysisError, match="origin is not a date"):
        backtest(tiny_dataset(), origins=["mid-2023"], models=("last",))
    with pytest.raises(CdsAnalysisError, match="unknown model"):
        backtest(tiny_dataset(), models=("prophet",))


def test_a_model_that_cannot_fit_leaves_its_origin_out_of_every_score():
    # Before D2 nothing completed anywhere: the hazard model cannot be fitted at D1.
    observations = [("A", D0, 0), ("A", D1, 0), ("A", D2, 3), ("A", D3, 6),
                    ("B", D0, 0), ("B", D1, 0), ("B", D2, 1), ("B", D3, 2)]
    dataset = make_dataset({"A": 10, "B": 8}, observations)
    with pytest.warns(RuntimeWarning, match="hazard at 2023-06-30"):
        result = backtest(dataset, models=("hazard", "last"), draws=200)
    assert result.failures[["model", "origin"]].values.tolist() == [["hazard", pd.Timestamp(D1)]]
    assert pd.Timestamp(D1) in set(result.table["origin"])  # last's rows are kept in the table...
    assert result.scores()["n_rps"].tolist() == [2, 2]  # ...but only the D2 origin is scored
    assert "not fitted" in repr(result)


# --- hazard rows, determinism --------------------------------------------------------------------

def small_province() -> Dataset:
    counts = {"01": [0, 3, 7, 12], "02": [1, 2, 6, 9], "03": [0, 5, 9, 16], "04": [2, 4, 5, 8]}
    totals = {"01": 20, "02": 15, "03": 25, "04": 12}
    observations = [(code, date, n) for code, values in counts.items()
                    for date, n in zip([D0, D1, D2, D3], values, strict=False)]
    return make_dataset(totals, observations, [("01", D2, 8), ("03", D2, 8), ("04", D3, 7)])


def test_hazard_rows_are_the_forecast_of_that_origin():
    dataset = small_province()
    result = backtest(dataset, origins=[D1], models=("hazard",), draws=500, seed=7)
    rng = np.random.default_rng(_origin_seed(7, pd.Timestamp(D1)))
    direct = forecast(dataset, as_of=D1, until=D3, draws=500, seed=rng, extra_dates=[D2, D3])
    rows = result.table.set_index(["district_code", "date"])
    for code, date, target in [("01", D2, 8), ("03", D2, 8), ("04", D3, 7)]:
        assert rows.loc[(code, pd.Timestamp(date)), "p_meet"] == direct.p_at_least(code, date, target)
    summary = direct.summary().set_index(["district_code", "date"])
    joined = rows[["median", "lower", "upper"]].join(summary[["median", "lower", "upper"]].add_suffix("_direct"))
    assert np.array_equal(joined[["median", "lower", "upper"]].to_numpy(),
                          joined[["median_direct", "lower_direct", "upper_direct"]].to_numpy())
    assert (rows["lower"] <= rows["median"]).all() and (rows["median"] <= rows["upper"]).all()
    # p_meet only where a target falls due on that date.
    assert rows["p_meet"].notna().sum() == 3


def test_same_seed_same_table_and_origins_do_not_depend_on_each_other():
    dataset = small_province()
    first = backtest(dataset, draws=300, seed=1)
    again = backtest(dataset, draws=300, seed=1)
    pd.testing.assert_frame_equal(first.table, again.table)
    other = backtest(dataset, draws=300, seed=2)
    hazard = first.table["model"] == "hazard"
    assert not np.array_equal(first.table.loc[hazard, "rps"], other.table.loc[hazard, "rps"])

    alone = backtest(dataset, origins=[D2], draws=300, seed=1).table
    subset = first.table[first.table["origin"] == pd.Timestamp(D2)].reset_index(drop=True)
    pd.testing.assert_frame_equal(alone, subset)


def test_coverage_curve_agrees_with_the_interval_column():
    result = backtest(small_province(), draws=400, seed=0)
    curve = result.coverage(levels=(0.5, 0.8, 0.95))
    at_80 = curve[curve["level"] == 0.8].set_index("model")["coverage"]
    scores = result.scores().set_index("model")["coverage"]
    assert at_80.to_dict() == pytest.approx(scores.to_dict())
    hazard = curve[curve["model"] == "hazard"]["coverage"].to_numpy()
    assert np.all(np.diff(hazard) >= 0)  # wider intervals never cover less


def test_charts_are_altair_specs():
    result = backtest(tiny_dataset(), models=("last", "linear"))
    calibration = result.plot_calibration().to_dict()
    assert calibration["layer"][1]["encoding"]["x"]["field"] == "predicted"
    coverage = result.plot_coverage(levels=(0.5, 0.8)).to_dict()
    lines = coverage["layer"][1]
    assert lines["encoding"]["y"]["field"] == "coverage"
    data = coverage["datasets"][lines["data"]["name"]]
    assert {(row["model"], row["level"]) for row in data} == {(m, lv) for m in ("last", "linear") for lv in (0.5, 0.8)}
    english = result.plot_coverage(lang="en").to_dict()
    assert english["layer"][0]["encoding"]["x"]["title"] == "Nominal coverage of the interval"
    assert "<b>Backtest</b>" in result._repr_html_()
    pd.testing.assert_frame_equal(result.summary(), result.scores())
    frame = result.to_frame()
    frame.loc[:, "actual"] = -1  # a copy: the result is unchanged
    assert (result.table["actual"] >= 0).all()


# --- the bundled data (acceptance) ---------------------------------------------------------------

@pytest.fixture(scope="module")
def bundled_backtest():
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # every model must fit at every default origin
        return backtest(load_dataset())


def test_bundled_backtest_reports_every_default_model(bundled_backtest):
    scores = bundled_backtest.scores()
    assert scores["model"].tolist() == ["hazard", "steady", "ets", "linear", "last"]
    assert list(bundled_backtest.origins) == list(pd.to_datetime([D1, D2]))
    # 27 districts x (2 held-out dates from 2023-06-30 + 1 from 2023-12-31); the end-2023 quotas.
    assert scores["n_rps"].tolist() == [81] * 5
    assert scores["n_brier"].tolist() == [27] * 5
    assert scores[["brier", "rps", "coverage", "mae"]].notna().all().all()


def test_bundled_hazard_brier_is_no_worse_than_linear(bundled_backtest):
    scores = bundled_backtest.scores().set_index("model")
    # Every Brier event is a miss, so the deterministic baselines score exactly 0. The hazard
    # model carries province-wide shocks and an uncertain trend, so it keeps a small chance of a
    # surge (and, since issue 17, an uncertain season and hard core): "no worse" is read as P(meet)
    # under 10 % on every event and a Brier score under 2e-3.
    table = bundled_backtest.table
    events = table[(table["model"] == "hazard") & table["p_meet"].notna() & (table["district_code"] != "")]
    assert not events["met"].astype(bool).any()
    assert (events["p_meet"] < 0.10).all(), events["p_meet"].max()
    assert scores.loc["hazard", "brier"] < 2e-3, scores.loc["hazard", "brier"]
    # The count forecasts are where the models differ: the hazard model's RPS is the best.
    assert scores.loc["hazard", "rps"] < scores.loc["linear", "rps"] < scores.loc["last", "rps"]
