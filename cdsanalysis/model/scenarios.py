"""Synthetic provinces from processes the default model was not built from, for its evaluation.

Each family draws its own parameters from stated ranges, a random number of districts of
5 to 40 communes, four observed half-year ends and three held out (the forecast origin is
the fourth). Targets at the two year-ends after the origin ask for a random share of what
each district has left, so "will it be met?" is a real question that the generator answers
without looking at the future. Families (`FAMILIES`):

- ``hazard``: the model's own process (district hazards with a log-linear trend);
- ``shock``: the same, plus a province-wide shock per half-year (policy waves);
- ``readiness``: every commune has its own hazard multiplier (gamma frailty): ready ones go first;
- ``capacity``: the province recognises an overdispersed batch each half-year around a drifting
  mean, shared among districts by what they have left;
- ``scurve``: each district follows a logistic curve with noise;
- ``stall``: like ``shock`` until the origin, then recognition nearly stops (not scored for coverage).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.synthetic import half_year_ends

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset

FAMILIES: tuple[str, ...] = ("hazard", "shock", "readiness", "capacity", "scurve", "stall")
OBSERVED, HELD_OUT = 4, 3
FIRST_DATE = "2022-12-31"
SIZE_RANGE = (5, 40)
DISTRICT_RANGE = (6, 30)
SOURCE = "synthetic: cdsanalysis.model.scenarios"


def origin() -> pd.Timestamp:
    """The forecast origin of every scenario: the fourth half-year end."""
    return half_year_ends(FIRST_DATE, OBSERVED)[-1]


def _hazard_counts(sizes: np.ndarray, rng: np.random.Generator, *, shock_sd: float = 0.0,
                   stall: bool = False) -> np.ndarray:
    """Cumulative counts (districts x half-years, one lead half-year first) of a hazard process."""
    periods = 1 + OBSERVED + HELD_OUT
    rate = np.exp(rng.uniform(np.log(0.04), np.log(0.5)))  # per commune-year, first half-year
    beta = rng.uniform(-0.3, 1.2)
    effects = rng.normal(0.0, rng.uniform(0.2, 0.9), size=len(sizes))
    shocks = rng.normal(0.0, shock_sd, size=periods)
    slowdown = rng.uniform(0.0, 0.15)
    counts, done = np.zeros((len(sizes), periods), dtype=np.int64), np.zeros(len(sizes), dtype=np.int64)
    for k in range(periods):
        hazard = rate * np.exp(beta * 0.5 * k + shocks[k] + effects)
        if stall and k > OBSERVED:
            hazard = hazard * slowdown
        done = done + rng.binomial(sizes - done, -np.expm1(-0.5 * hazard))
        counts[:, k] = done
    return counts


def _readiness_counts(sizes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Each commune's hazard times its own gamma(k, 1/k) readiness: the ready complete first."""
    periods = 1 + OBSERVED + HELD_OUT
    shape = rng.uniform(0.4, 2.0)
    rate = np.exp(rng.uniform(np.log(0.08), np.log(0.8)))
    beta = rng.uniform(-0.2, 0.8)
    district = np.repeat(np.arange(len(sizes)), sizes)
    effects = rng.normal(0.0, rng.uniform(0.2, 0.7), size=len(sizes))[district]
    frailty = rng.gamma(shape, 1.0 / shape, size=len(district))
    completed_at = np.full(len(district), periods)
    for k in range(periods):
        hazard = rate * np.exp(beta * 0.5 * k + effects) * frailty
        now = (completed_at == periods) & (rng.random(len(district)) < -np.expm1(-0.5 * hazard))
        completed_at[now] = k
    return np.stack([np.bincount(district[completed_at <= k], minlength=len(sizes)) for k in range(periods)],
                    axis=1)


def _capacity_counts(sizes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An overdispersed province batch per half-year, drawn from what each district has left."""
    periods = 1 + OBSERVED + HELD_OUT
    mean = rng.uniform(0.02, 0.10) * sizes.sum()
    growth, dispersion = rng.uniform(-0.1, 0.35), rng.uniform(2.0, 10.0)
    counts, done = np.zeros((len(sizes), periods), dtype=np.int64), np.zeros(len(sizes), dtype=np.int64)
    for k in range(periods):
        batch = rng.negative_binomial(dispersion, dispersion / (dispersion + mean))
        batch = min(int(batch), int((sizes - done).sum()))
        done = done + rng.multivariate_hypergeometric(sizes - done, batch)
        counts[:, k] = done
        mean *= np.exp(rng.normal(growth, 0.25))
    return counts


def _scurve_counts(sizes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Logistic levels per district, with noise, made whole, capped and non-decreasing."""
    periods = 1 + OBSERVED + HELD_OUT
    t = 0.5 * np.arange(periods)
    middle = rng.uniform(1.0, 5.0, size=len(sizes))
    scale = rng.uniform(0.3, 1.2, size=len(sizes))
    level = sizes[:, None] / (1 + np.exp(-(t[None, :] - middle[:, None]) / scale[:, None]))
    noisy = np.rint(level + rng.normal(0.0, 0.04, size=level.shape) * sizes[:, None])
    return np.maximum.accumulate(np.clip(noisy, 0, sizes[:, None]), axis=1).astype(np.int64)


def _targets(sizes: np.ndarray, at_origin: np.ndarray, deadlines: pd.DatetimeIndex,
             rng: np.random.Generator) -> pd.DataFrame:
    """Per district and year-end deadline: the count at the origin plus a random share of the rest."""
    share = rng.uniform(0.05, 0.6, size=len(sizes))
    rows = []
    for deadline in deadlines:
        left = sizes - at_origin
        rows.append(np.clip(np.ceil(at_origin + share * left), 1, sizes).astype(np.int64))
        share = np.minimum(share + rng.uniform(0.05, 0.4, size=len(sizes)), 1.0)
    return pd.DataFrame({"deadline": np.repeat(deadlines, len(sizes)), "target": np.concatenate(rows),
                         "index": np.tile(np.arange(len(sizes)), len(deadlines))})


def scenario_dataset(family: str, seed: int, *, validate: bool = False) -> Dataset:
    """A synthetic province of ``family`` (seeded): four observed and three held-out half-years.

    ``validate``: run the full schema checks (the tests do; the evaluation skips them for speed).
    """
    from cdsanalysis.data.dataset import Dataset

    if family not in FAMILIES:
        raise CdsAnalysisError(f"unknown scenario family {family!r}; choose one of: {', '.join(FAMILIES)}")
    rng = np.random.default_rng([FAMILIES.index(family), int(seed)])
    sizes = rng.integers(SIZE_RANGE[0], SIZE_RANGE[1] + 1, size=rng.integers(*DISTRICT_RANGE, endpoint=True))
    if family in ("hazard", "shock", "stall"):
        counts = _hazard_counts(sizes, rng, shock_sd=0.0 if family == "hazard" else rng.uniform(0.3, 0.9),
                                stall=family == "stall")
    else:
        counts = {"readiness": _readiness_counts, "capacity": _capacity_counts,
                  "scurve": _scurve_counts}[family](sizes, rng)
    counts = counts[:, 1:]  # the lead half-year only seeds the first observation
    dates = half_year_ends(FIRST_DATE, OBSERVED + HELD_OUT)
    codes = [f"{i + 1:03d}" for i in range(len(sizes))]
    units = pd.DataFrame({
        "district_code": np.repeat(codes, sizes), "district_name": np.repeat([f"Huyện Mẫu {c}" for c in codes], sizes),
        "district_type": "huyện", "commune_code": [f"{i + 1:05d}" for i in range(sizes.sum())],
        "commune_name": [f"Xã Mẫu {c}-{j + 1:02d}" for c, n in zip(codes, sizes) for j in range(n)],
        "commune_type": "xã", "source": SOURCE})
    progress = pd.DataFrame({
        "district_code": np.r_[np.repeat(codes, len(dates)), np.full(len(dates), "", dtype=object)],
        "district_name": "", "as_of": np.tile(dates.strftime("%Y-%m-%d"), len(codes) + 1),
        "completed": np.r_[counts.ravel(), counts.sum(axis=0)],
        "source": SOURCE, "status": "illustrative", "note": f"{family} {seed}"})
    deadlines = pd.DatetimeIndex([d for d in dates[OBSERVED:] if d.month == 12])
    targets = _targets(sizes, counts[:, OBSERVED - 1], deadlines, rng)
    targets["district_code"] = np.array(codes, dtype=object)[targets.pop("index")]
    province = targets.groupby("deadline", as_index=False)["target"].sum().assign(district_code="")
    targets = pd.concat([targets, province], ignore_index=True).assign(
        district_name="", kind="commune_quota", source=SOURCE, status="illustrative", note=f"{family} {seed}")
    targets["deadline"] = pd.DatetimeIndex(targets["deadline"]).strftime("%Y-%m-%d")
    targets = targets[["district_code", "district_name", "deadline", "target", "kind", "source", "status", "note"]]
    return Dataset.from_frames(units, progress, targets, validate=validate, source=f"scenario {family} {seed}")
