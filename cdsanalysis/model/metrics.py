"""Scores of probabilistic count forecasts, shared by the backtest and the scenario evaluation.

One home for each score so that the backtest of a real folder (`backtesting`) and the calibration
suite (`evaluation`) can never drift apart: the ranked probability score and the two CDF values
each case needs, the Brier score, the randomised coverage of a central interval, and the
reliability table of P(meet).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording.messages import said


def ranked_probability_scores(paths: np.ndarray, actual: np.ndarray) -> tuple[np.ndarray, ...]:
    """RPS, P(X < actual) and P(X <= actual) of each column of ``paths`` (draws x forecasts).

    Computed from the histogram of each column over 0..max, so it is the textbook sum
    over k; values beyond a district's total contribute 0 (both CDFs are 1 there).
    """
    paths = np.asarray(paths, dtype=np.int64)
    actual = np.asarray(actual, dtype=np.int64)
    draws, n = paths.shape
    if n == 0:
        return np.empty(0), np.empty(0), np.empty(0)
    if paths.min() < 0 or actual.min() < 0:
        raise CdsAnalysisError(said("negative_counts"))
    width = int(max(paths.max(), actual.max())) + 1
    offsets = np.arange(n, dtype=np.int64) * width
    histogram = np.bincount((paths + offsets).ravel(), minlength=n * width).reshape(n, width)
    cdf = np.cumsum(histogram, axis=1) / draws
    step = np.arange(width)[None, :] >= actual[:, None]
    rps = np.sum((cdf - step) ** 2, axis=1)
    rows = np.arange(n)
    cdf_at = cdf[rows, actual]
    cdf_below = np.where(actual > 0, cdf[rows, np.maximum(actual - 1, 0)], 0.0)
    return rps, cdf_below, cdf_at


def brier_score(p: np.ndarray, outcome: np.ndarray) -> float:
    """Mean of (p - outcome)^2; NaN with no events."""
    p, outcome = np.asarray(p, dtype=float), np.asarray(outcome, dtype=float)
    return float(np.mean((p - outcome) ** 2)) if len(p) else float("nan")


def randomised_coverage(cdf_below: np.ndarray, cdf_at: np.ndarray, level: float) -> np.ndarray:
    """Per case, the probability that the randomised PIT falls in the central ``level`` band.

    A count forecast's closed interval [q(0.1), q(0.9)] holds at least 80 % of its own
    probability, and much more for a small count (a district with three communes left), so
    even a perfect forecast "covers" more than 80 % of the time. The randomised PIT,
    uniform on [P(X < actual), P(X <= actual)] (Czado, Gneiting and Held 2009), is uniform
    on [0, 1] for a calibrated forecast, so the share of it inside [0.1, 0.9] is 0.80 in
    expectation whatever the counts' size. Computed exactly (the band's share of that
    segment), not by drawing, so it is deterministic.
    """
    low, high = (1 - level) / 2, (1 + level) / 2
    below, at = np.asarray(cdf_below, dtype=float), np.asarray(cdf_at, dtype=float)
    span = at - below
    overlap = np.clip(np.minimum(at, high) - np.maximum(below, low), 0.0, None)
    point = ((below >= low) & (below <= high)).astype(float)
    return np.where(span > 0, overlap / np.where(span > 0, span, 1.0), point)


def reliability_table(events: pd.DataFrame, bins: int = 10, models: Sequence[str] = ()) -> pd.DataFrame:
    """Per model and P(meet) bin: mean forecast against observed share (``p_meet``, ``met``, ``model``).

    Columns ``model, bin, bin_lower, bin_upper, predicted, observed, count`` (the layout of
    `cdsanalysis.model.plots.calibration_chart`); bins are [lower, upper), the last closed. Models
    come in the order of ``models`` (others after, by name).
    """
    if int(bins) != bins or bins < 1:
        raise CdsAnalysisError(said("whole_at_least", name="bins", low=1, value=bins))
    events = events[events["p_meet"].notna()]
    edges = np.linspace(0.0, 1.0, int(bins) + 1)
    index = np.clip(np.searchsorted(edges, events["p_meet"].to_numpy(), side="right") - 1, 0, int(bins) - 1)
    frame = events.assign(bin=index, met=events["met"].astype(float))
    out = frame.groupby(["model", "bin"], sort=False).agg(
        predicted=("p_meet", "mean"), observed=("met", "mean"), count=("met", "size")).reset_index()
    out.insert(2, "bin_lower", edges[out["bin"].to_numpy(dtype=int)])
    out.insert(3, "bin_upper", edges[out["bin"].to_numpy(dtype=int) + 1])
    order = {name: i for i, name in enumerate(models)}
    rank = lambda s: s.map(lambda m: order.get(m, len(order))) if s.name == "model" else s  # noqa: E731
    return out.sort_values(["model", "bin"], key=rank, kind="stable").reset_index(drop=True)
