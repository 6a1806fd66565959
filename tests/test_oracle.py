"""The oracle forecast: it must know exactly the process behind a scenario, and be calibrated because of it.

The oracle is the floor docs/calibration.md sets the collapsed goal against; if its replay of a scenario's
hidden process drifted from the generator, or its draws of the future were too narrow, that floor would be
false. Few replicates here; `make calibration` runs 30 a family on three seeds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model import scenarios
from cdsanalysis.model.oracle import DECEMBER_ROUND, _truth_counts, _year_rounds, oracle_paths, oracle_scores
from cdsanalysis.model.scenarios import ORACLE_FAMILIES, hidden_process, make_scenario


@pytest.mark.parametrize("seed", [0, 7])
def test_the_replayed_hazard_process_regenerates_the_truth_exactly(seed):
    # The generator's next draws after the replayed parameters are the monthly steps: same truth, bit for bit.
    counts = _truth_counts(make_scenario("hazard", seed))
    rng, sizes = scenarios._province("hazard", seed)
    process = scenarios._hazard_process(sizes, rng)
    np.testing.assert_array_equal(process.trend, hidden_process("hazard", seed).trend)
    np.testing.assert_array_equal(scenarios._step(sizes, process.trend, rng), counts)


@pytest.mark.parametrize("family", ["rounds", "irregular"])
def test_the_replayed_round_schedule_is_the_one_the_truth_followed(family):
    # Recognitions happen only in round months, and the replayed schedule names the months they happened in.
    for seed in range(5):
        counts = _truth_counts(make_scenario(family, seed))
        rises = set(np.flatnonzero(np.diff(counts.sum(axis=0)) > 0).tolist())
        process = hidden_process(family, seed)
        assert rises <= process.rounds
        assert rises, "a province with no round at all would test nothing"


def test_other_families_have_no_hidden_process_to_give():
    with pytest.raises(CdsAnalysisError, match="capacity"):
        hidden_process("capacity", 0)


def test_a_year_of_rounds_keeps_what_was_held_and_draws_the_rest_by_the_rule():
    rng = np.random.default_rng(0)
    # Year 1 (months 12-23): a round in its March (month 14) seen by an origin at the end of June.
    schedule = _year_rounds(1, {14}, 6, 8000, rng)
    assert schedule[:, 2].all() and not schedule[:, [0, 1, 3, 4, 5]].any()
    assert set(schedule[:, :11].sum(axis=1)) == {1, 2}
    assert schedule[:, 11].mean() == pytest.approx(DECEMBER_ROUND, abs=0.02)
    # No round by June: the one or two extra rounds are all to come, and two is less likely than the prior's
    # one in two (5 of the 11 single months are left, 10 of the 55 pairs): 2/7.
    quiet = _year_rounds(1, set(), 6, 8000, rng)
    assert not quiet[:, :6].any()
    assert (quiet[:, :11].sum(axis=1) == 2).mean() == pytest.approx(2 / 7, abs=0.02)
    # A year wholly before the origin is what was held, with nothing drawn.
    past = _year_rounds(0, {3, 11}, 12, 50, rng)
    assert past[:, [3, 11]].all() and past.sum() == 100


def test_oracle_paths_start_from_the_truth_and_never_fall_or_pass_the_total():
    scenario, process = make_scenario("rounds", 2), hidden_process("rounds", 2)
    counts = _truth_counts(scenario)
    paths = oracle_paths(process, counts, 30, 18, 500, np.random.default_rng(1))
    assert paths.shape == (500, len(process.sizes), 18)
    assert (paths[:, :, 0] >= counts[:, 30]).all()
    assert (np.diff(paths, axis=2) >= 0).all() and (paths <= process.sizes[None, :, None]).all()


def test_the_oracle_is_calibrated_and_its_narrow_intervals_miss_too():
    # The forecast that knows the process covers about 80 % of province totals (randomised), and some of its
    # intervals are narrow and miss: a calibrated forecast has "collapsed" intervals (docs/calibration.md).
    table = oracle_scores(ORACLE_FAMILIES, replicates=8, draws=600, seed=0).set_index("family")
    assert list(table.index) == list(ORACLE_FAMILIES)
    # pooled: one province's twelve cases move together (a slow 2024 misses at every origin), so eight provinces
    # a family are too few for each family's share; the pooled share is 0.76 here, 0.75-0.80 per family with 30
    assert 0.65 <= table["province_randomised"].mean() <= 0.92, table
    assert table["n_province"].eq(8 * 4 * 3).all()
    assert (table["collapsed"] <= table["narrow"]).all()
    assert table["collapsed"].max() > 0
    # P(meet) of the district targets due by the last horizon: one per target and origin, and sharp (the oracle
    # knows the process; the default scores 0.06-0.15 on these families, the linear baseline 0.13-0.20)
    assert (table["n_brier"] > 0).all() and (table["brier"] < 0.12).all(), table
    again = oracle_scores(("shock",), replicates=2, draws=200, seed=0)
    pd.testing.assert_frame_equal(again, oracle_scores(("shock",), replicates=2, draws=200, seed=0))


def test_the_oracle_scores_the_same_district_targets_as_the_evaluation():
    # Its Brier score is the floor of the default's only if both are taken over the same events.
    from cdsanalysis.model.evaluation import evaluate

    mine = evaluate(("rounds",), ("linear",), replicates=2, draws=50, seed=0).scores().set_index("family")
    oracle = oracle_scores(("rounds",), replicates=2, draws=50, seed=0).set_index("family")
    assert oracle.loc["rounds", "n_brier"] == mine.loc["rounds", "n_brier"] > 0
    assert oracle.loc["rounds", "n_province"] == mine.loc["rounds", "n_province"]
