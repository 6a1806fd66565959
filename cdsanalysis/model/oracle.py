"""The forecast that knows the process: the floor of what the calibration suite can ask of a model.

A scenario's truth is drawn from a process with hidden parameters (`scenarios.hidden_process`). The
oracle knows them and every district's true count at the origin, reported or not, and draws only what
is still to come: the monthly steps, the shocks of half-years not begun, the rounds not yet held (from
the schedule's rule, given the rounds already held this year) and their yields. Its intervals are
calibrated by construction, so its scores say what a perfect forecast of the family scores: above all
how often a calibrated province interval is narrow (under 3 % of the communes) and misses, the
"collapsed" share that issue 17 asks to be zero. A province next to its commune total has honest
narrow intervals, and they miss as often as any other.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from math import comb

import numpy as np
import pandas as pd

from cdsanalysis.model.evaluation import COLLAPSE_SHARE, scenario_origins
from cdsanalysis.model.metrics import randomised_coverage, ranked_probability_scores
from cdsanalysis.model.scenarios import (
    DECEMBER_ROUND,
    DT,
    EXTRA_ROUNDS,
    HORIZON_MONTHS,
    MONTHS,
    ORACLE_FAMILIES,
    YIELD_SD,
    HiddenProcess,
    Scenario,
    hidden_process,
    make_scenario,
    month_ends,
)


def _year_rounds(year: int, held: Set[int], first_unseen: int, draws: int, rng: np.random.Generator) -> np.ndarray:
    """Per path, 0/1 over the year's 12 months: the rounds held before ``first_unseen`` (month of the year) and a
    draw of the rest from the schedule's rule given them (December with 0.85; one or two more rounds at months
    0-10, a subset drawn uniformly)."""
    schedule = np.zeros((draws, 12), dtype=bool)
    seen = sorted(m - 12 * year for m in held if 12 * year <= m < 12 * year + min(first_unseen, 11))
    schedule[:, seen] = True
    unseen = np.arange(first_unseen, 11)
    weights = np.array([comb(len(unseen), k - len(seen)) / comb(11, k) if k >= len(seen) else 0.0
                        for k in EXTRA_ROUNDS])
    extra = rng.choice(EXTRA_ROUNDS, size=draws, p=weights / weights.sum()) - len(seen)
    for path in np.flatnonzero(extra > 0):
        schedule[path, rng.choice(unseen, size=extra[path], replace=False)] = True
    schedule[:, 11] = rng.random(draws) < DECEMBER_ROUND if first_unseen <= 11 else 12 * year + 11 in held
    return schedule


def oracle_paths(process: HiddenProcess, counts: np.ndarray, origin_month: int, months_ahead: int, draws: int,
                 rng: np.random.Generator) -> np.ndarray:
    """Counts (draws x districts x months_ahead) at the month ends after ``origin_month``, given the true
    ``counts`` (districts x month ends) up to it."""
    m0, last = origin_month, origin_month + months_ahead
    sizes = np.asarray(process.sizes, dtype=np.int64)
    shocks = np.broadcast_to(process.shocks, (draws, len(process.shocks))).copy()
    begun = -(-m0 // 6)  # half-years with a month before the origin: their shock has been drawn
    shocks[:, begun:] = rng.normal(0.0, process.shock_sd, size=(draws, len(process.shocks) - begun))
    done = np.broadcast_to(counts[:, m0], (draws, len(sizes))).copy()
    if process.rounds is not None:
        schedule = np.concatenate([_year_rounds(year, process.rounds, max(m0 - 12 * year, 0), draws, rng)
                                   for year in range(MONTHS // 12 + 1)], axis=1)
        since = max([m for m in process.rounds if m < m0], default=-1) + 1
        accrued = np.broadcast_to(process.hazard()[:, since:m0].sum(axis=1) * DT, (draws, len(sizes))).copy()
    paths = np.zeros((draws, len(sizes), months_ahead), dtype=np.int64)
    for m in range(m0, last):
        hazard = process.trend[None, :, m] * np.exp(shocks[:, m // 6])[:, None]
        if process.rounds is None:
            done += rng.binomial(sizes - done, -np.expm1(-hazard * DT))
        else:
            accrued += hazard * DT
            held = schedule[:, m]
            yields = np.exp(rng.normal(0.0, YIELD_SD, size=(int(held.sum()), 1)))
            done[held] += rng.binomial(sizes - done[held], -np.expm1(-accrued[held] * yields))
            accrued[held] = 0.0
        paths[:, :, m - m0] = done
    return paths


def _truth_counts(scenario: Scenario) -> np.ndarray:
    """districts x month ends of the scenario's truth (the province row left out)."""
    districts = scenario.truth[scenario.truth["district_code"] != ""]
    return districts["actual"].to_numpy(dtype=np.int64).reshape(-1, len(month_ends()))


def oracle_scores(families: Sequence[str] = ORACLE_FAMILIES, *, replicates: int = 30, draws: int = 1000,
                  seed: int = 0, level: float = 0.8) -> pd.DataFrame:
    """Per family, the oracle's province intervals and P(meet) scored as `evaluation.Evaluation.scores` scores a
    model's: the same provinces, origins, horizons and district targets. Columns: ``family, province_randomised,
    province_coverage, narrow, collapsed, n_province`` (shares of ``n_province`` intervals), ``brier`` (of P(meet)
    over the district targets due by the last horizon) and ``n_brier``."""
    ends = month_ends()
    lower_q, upper_q = (1 - level) / 2, (1 + level) / 2
    rows, events = [], []
    for family in families:
        for replicate in range(int(replicates)):
            scenario_seed = seed * 100_003 + replicate
            scenario, process = make_scenario(family, scenario_seed), hidden_process(family, scenario_seed)
            counts = _truth_counts(scenario)
            communes = int(np.sum(process.sizes))
            targets = _district_targets(scenario)
            for origin in scenario_origins(replicate):
                m0 = int(np.flatnonzero(ends == origin)[0])
                rng = np.random.default_rng([seed, replicate, origin.toordinal(), 17])
                paths = oracle_paths(process, counts, m0, max(HORIZON_MONTHS), draws, rng)
                due = targets[(targets["month"] > m0) & (targets["month"] <= m0 + max(HORIZON_MONTHS))]
                chance = (paths[:, due["unit"], due["month"] - m0 - 1] >= due["target"].to_numpy()).mean(axis=0)
                met = counts[due["unit"], due["month"]] >= due["target"].to_numpy()
                events += [(family, float(p), bool(m)) for p, m in zip(chance, met, strict=True)]
                columns = np.array(HORIZON_MONTHS) - 1
                sample = paths[:, :, columns].sum(axis=1)
                actual = counts.sum(axis=0)[m0 + np.array(HORIZON_MONTHS)]
                lower = np.quantile(sample, lower_q, axis=0, method="inverted_cdf")
                upper = np.quantile(sample, upper_q, axis=0, method="inverted_cdf")
                _, below, at = ranked_probability_scores(sample, actual)
                for h in range(len(columns)):
                    rows.append((family, float(below[h]), float(at[h]), bool(lower[h] <= actual[h] <= upper[h]),
                                 bool(upper[h] - lower[h] < COLLAPSE_SHARE * communes)))
    table = pd.DataFrame(rows, columns=["family", "cdf_below", "cdf_at", "covered", "narrow"])
    table["randomised"] = randomised_coverage(table["cdf_below"], table["cdf_at"], level)
    table["collapsed"] = table["narrow"] & ~table["covered"]
    scores = table.groupby("family", sort=False).agg(
        province_randomised=("randomised", "mean"), province_coverage=("covered", "mean"),
        narrow=("narrow", "mean"), collapsed=("collapsed", "mean"), n_province=("covered", "size"))
    chances = pd.DataFrame(events, columns=["family", "p_meet", "met"])
    chances["squared"] = (chances["p_meet"] - chances["met"].astype(float)) ** 2
    scores = scores.join(chances.groupby("family", sort=False).agg(brier=("squared", "mean"),
                                                                   n_brier=("squared", "size")))
    return scores.reset_index()


def _district_targets(scenario: Scenario) -> pd.DataFrame:
    """The scenario's district targets as ``unit`` (row of the truth's counts), ``month`` (index of the deadline
    among the month ends) and ``target``."""
    codes = scenario.truth.loc[scenario.truth["district_code"] != "", "district_code"].unique()
    targets = scenario.dataset.targets
    targets = targets[targets["district_code"] != ""]
    return pd.DataFrame({
        "unit": pd.Index(codes).get_indexer(targets["district_code"]),
        "month": month_ends().get_indexer(pd.DatetimeIndex(targets["deadline"])),
        "target": targets["target"].to_numpy(dtype=np.int64)})
