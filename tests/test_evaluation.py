"""The scenario families and the evaluation suite, fast: a few replicates, looser bounds than docs/calibration.md.

`make calibration` runs the full suite (30+ replicates a family) and writes docs/calibration.md;
here two replicates a family (four month-end origins each) check that the machinery works and that the
default model is not grossly off. Bounds are looser than issue 8's goals because a few replicates are noisy: district
coverage within [0.6, 0.99] pooled over the scored families (randomised: [0.6, 0.95], and below the
closed interval's), province coverage at least 0.5, and a mean Brier score below the linear
baseline's.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.evaluation import SCORE_COLUMNS, evaluate
from cdsanalysis.model.scenarios import CADENCE, FAMILIES, ORIGINS, make_scenario, scenario_dataset


@pytest.mark.parametrize("family", FAMILIES)
def test_scenarios_are_valid_provinces_with_real_questions(family):
    scenario = make_scenario(family, 3, validate=True)  # raises if the schema checks fail
    dataset, truth = scenario.dataset, scenario.truth
    districts = dataset.districts()
    assert districts["communes_total"].between(5, 40).all()
    # The truth: every district and the province at every month end, never falling, never past the total.
    wide = truth[truth["district_code"] != ""].pivot(index="district_code", columns="date", values="actual")
    assert (wide.diff(axis=1).iloc[:, 1:] >= 0).all().all()
    totals = districts.set_index("district_code")["communes_total"]
    assert (wide.max(axis=1) <= totals.reindex(wide.index)).all()
    assert (truth[truth["district_code"] == ""].set_index("date")["actual"] == wide.sum(axis=0)).all()
    # The reports: on the family's cadence, never after the last origin, and equal to the truth at month ends.
    progress = dataset.progress[dataset.progress["district_code"] != ""]
    assert progress["as_of"].max() <= ORIGINS[-1]
    dates = pd.DatetimeIndex(sorted(progress["as_of"].unique()))
    months = {"half-year": {6, 12}, "quarter": {3, 6, 9, 12}, "month": set(range(1, 13))}.get(CADENCE[family])
    if months is None:
        assert not dates.is_month_end.all()
    else:
        assert set(dates.month) == months and dates.is_month_end.all()
        reported = progress.set_index(["district_code", "as_of"])["completed"]
        expected = truth.set_index(["district_code", "date"])["actual"].reindex(reported.index)
        assert (reported.to_numpy() == expected.to_numpy()).all()
    targets = dataset.targets
    assert set(targets["deadline"]) == {pd.Timestamp("2024-12-31"), pd.Timestamp("2025-12-31")}
    district_targets = targets[targets["district_code"] != ""]
    province = targets[targets["district_code"] == ""].set_index("deadline")["target"]
    assert (district_targets.groupby("deadline")["target"].sum() == province).all()
    # Same seed, same province; another seed, another one.
    again = scenario_dataset(family, 3)
    pd.testing.assert_frame_equal(again.progress, dataset.progress)
    assert not scenario_dataset(family, 4).progress["completed"].equals(dataset.progress["completed"])


def test_unknown_family_is_a_clear_error():
    with pytest.raises(CdsAnalysisError, match="unknown scenario family"):
        scenario_dataset("tsunami", 0)


@pytest.fixture(scope="module")
def small_evaluation():
    return evaluate(models=("hazard", "linear"), replicates=2, draws=300, jobs=2)


def test_scores_table_has_every_family_and_model(small_evaluation):
    scores = small_evaluation.scores()
    assert scores.columns.tolist() == SCORE_COLUMNS
    assert len(scores) == len(FAMILIES) * 2
    assert (scores["n"] > 0).all() and (scores["n_brier"] > 0).all()
    linear = scores[scores["model"] == "linear"]
    assert (linear["width"] == 0).all()  # deterministic: an interval of one value
    assert (linear["narrow"] == 1).all()  # ... so narrow, and collapsed whenever it misses
    assert linear["collapsed"].to_numpy() == pytest.approx(1 - linear["province_coverage"].to_numpy())
    assert (scores["collapsed"] <= scores["narrow"]).all()  # a collapsed interval is a narrow one that missed
    pit = small_evaluation.pit()
    shares = pit.groupby(["family", "model"])["share"].sum()
    assert shares.to_numpy() == pytest.approx(np.ones(len(shares)))


def test_default_model_is_roughly_calibrated_and_beats_linear(small_evaluation):
    scores = small_evaluation.scores()
    hazard = scores[(scores["model"] == "hazard") & (scores["family"] != "stall")]
    coverage = np.average(hazard["coverage"], weights=hazard["n"])
    province = np.average(hazard["province_coverage"], weights=hazard["n_province"])
    assert 0.6 <= coverage <= 0.99, coverage
    randomised = np.average(hazard["randomised"], weights=hazard["n"])
    assert 0.6 <= randomised <= 0.95 and randomised < coverage, (randomised, coverage)
    assert province >= 0.5, province
    assert hazard["collapsed"].max() <= 0.1, hazard[["family", "collapsed"]]
    brier = scores.groupby("model")["brier"].mean()
    assert brier["hazard"] < brier["linear"], brier.to_dict()
    goals = small_evaluation.goals()
    assert set(goals["family"]) == set(FAMILIES) | {"all"}


def test_randomised_coverage_is_eighty_percent_for_a_calibrated_count_forecast():
    # Forecasts of small counts (binomial, 1-6 communes left), each actual drawn from its own forecast:
    # the closed interval covers well over 80 %, the randomised coverage 80 %.
    from cdsanalysis.model.metrics import randomised_coverage

    rng = np.random.default_rng(5)
    left = rng.integers(1, 7, size=20_000)
    p = rng.uniform(0.1, 0.9, size=left.size)
    actual = rng.binomial(left, p)
    from scipy.stats import binom

    below, at = binom.cdf(actual - 1, left, p), binom.cdf(actual, left, p)
    lower, upper = binom.ppf(0.1, left, p), binom.ppf(0.9, left, p)
    closed = ((lower <= actual) & (actual <= upper)).mean()
    randomised = randomised_coverage(below, at, 0.8).mean()
    assert closed > 0.9
    assert randomised == pytest.approx(0.8, abs=0.01)
    # A forecast too narrow (a point at the actual's wrong neighbour) scores 0; a point forecast that hits, 0.8.
    assert randomised_coverage(np.array([1.0]), np.array([1.0]), 0.8)[0] == 0.0
    assert randomised_coverage(np.array([0.0]), np.array([1.0]), 0.8)[0] == pytest.approx(0.8)


def test_readme_calibration_table_matches_docs_calibration_csv():
    # The README's per-family table is copied from `make calibration`'s output: it must say what the file says.
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    scores = pd.read_csv(root / "docs" / "calibration.csv").set_index(["family", "model"])
    readme = (root / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\w+) \| ([\d.]+) \(([\d.]+)\) \| ([\d.]+) \(([\d.]+)\) \| ([\d.]+) \|$", readme, re.M)
    assert {row[0] for row in rows} == set(FAMILIES)
    for family, *values in rows:
        mine, linear = scores.loc[(family, "hazard")], scores.loc[(family, "linear")]
        expected = [mine["randomised"], mine["coverage"], mine["province_randomised"], mine["province_coverage"],
                    mine["brier"] / linear["brier"]]
        assert [float(v) for v in values] == pytest.approx(expected, abs=0.0051), family
