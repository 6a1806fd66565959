"""Synthetic provinces from processes the default model was not built from, for its evaluation.

Every family draws a month-by-month truth (each district's recognised communes at every month
end, December 2021 to June 2026) from its own process and parameters drawn from stated ranges,
for a random number of districts of 5 to 40 communes; the offices then **report** part of it on
the family's cadence. Forecasts start from every month end of 2024 (`ORIGINS`) and are scored
on the truth 6, 12 and 18 months later (`HORIZON_MONTHS`), reported or not, and on targets set
at the end of 2023 for the end of 2024 and of 2025. Families (`FAMILIES`):

- ``hazard``: the hazard model's own kind of process (district hazards with a log-linear trend),
  reported half-yearly;
- ``shock``: the same, plus a province-wide shock per half-year (policy waves);
- ``readiness``: every commune has its own hazard multiplier (gamma frailty): ready ones go first;
- ``capacity``: the province recognises an overdispersed batch each half-year (in June and
  December) around a drifting mean, shared among districts by what they have left;
- ``scurve``: each district follows a logistic curve with noise;
- ``stall``: like ``shock`` until a month of 2024, then recognition nearly stops (not scored for
  coverage: no model can see a stop coming);
- ``rounds``: monthly reports; recognitions only in rounds (a December round in most years, one
  or two more at random months), each round's yield a shock shared by every district;
- ``yearend``: quarterly reports; most of a year's recognitions in its last quarter;
- ``hardcore``: monthly reports of a smooth flow, but a fifth to a third of the communes are far
  from ready;
- ``irregular``: reports on days that are not month ends, gaps of one to five months, from a
  process with half-year shocks and rounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording.messages import said

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset

FAMILIES: tuple[str, ...] = ("hazard", "shock", "readiness", "capacity", "scurve", "stall",
                             "rounds", "yearend", "hardcore", "irregular")
CADENCE = {"hazard": "half-year", "shock": "half-year", "readiness": "half-year", "capacity": "half-year",
           "scurve": "half-year", "stall": "half-year", "rounds": "month", "yearend": "quarter",
           "hardcore": "month", "irregular": "irregular"}
"""How each family's offices report."""
START = pd.Timestamp("2021-12-31")
MONTHS = 54
"""Month ends after `START` in the truth (to 30/6/2026)."""
FIRST_REPORT = 6
"""The first report is at the sixth month end (30/6/2022); what happened before it is the lead."""
ORIGINS = pd.date_range("2024-01-31", "2024-12-31", freq="ME")
HORIZON_MONTHS = (6, 12, 18)
TARGET_BASE = pd.Timestamp("2023-12-31")
DEADLINES = pd.DatetimeIndex(["2024-12-31", "2025-12-31"])
SIZE_RANGE = (5, 40)
DISTRICT_RANGE = (6, 30)
SOURCE = "synthetic: cdsanalysis.model.scenarios"
DT = 1.0 / 12
DECEMBER_ROUND = 0.85
EXTRA_ROUNDS = (1, 2)
"""The rounds families' schedule: a December round with this chance each year, and one or two more (equally
likely) at other months; `oracle` draws the rounds still to come by the same rule."""
YIELD_SD = 0.5
"""sd of a round's log yield, shared by every district (lognormal)."""


@dataclass(frozen=True, eq=False)
class Scenario:
    """One synthetic province: what the offices reported (``dataset``) and the monthly ``truth``.

    ``truth``: ``district_code, date, actual`` for every district and the province ("") at
    every month end.
    """

    family: str
    seed: int
    dataset: Dataset
    truth: pd.DataFrame


def month_ends() -> pd.DatetimeIndex:
    """`START` and the `MONTHS` month ends after it."""
    return pd.date_range(START, periods=MONTHS + 1, freq="ME")


def _trend_hazard(sizes: np.ndarray, rng: np.random.Generator, low: float = 0.04,
                  high: float = 0.5) -> np.ndarray:
    """Per district and month: a hazard per commune-year with a log-linear trend and district effects."""
    rate = np.exp(rng.uniform(np.log(low), np.log(high)))
    beta = rng.uniform(-0.3, 1.2)
    effects = rng.normal(0.0, rng.uniform(0.2, 0.9), size=len(sizes))
    t = np.arange(1, MONTHS + 1) * DT
    return rate * np.exp(beta * t[None, :] + effects[:, None])


def _half_year_shocks(rng: np.random.Generator, sd: float) -> np.ndarray:
    """Per month: the shock of its half-year (N(0, sd^2), one draw per half-year)."""
    shocks = rng.normal(0.0, sd, size=MONTHS // 6 + 1)
    return shocks[np.arange(MONTHS) // 6]


def _step(sizes: np.ndarray, hazard: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Cumulative counts (districts x months + 1) from a monthly hazard (districts x months)."""
    counts = np.zeros((len(sizes), MONTHS + 1), dtype=np.int64)
    done = np.zeros(len(sizes), dtype=np.int64)
    for m in range(MONTHS):
        done = done + rng.binomial(sizes - done, -np.expm1(-hazard[:, m] * DT))
        counts[:, m + 1] = done
    return counts


@dataclass(frozen=True, eq=False)
class HiddenProcess:
    """What a hazard or rounds truth was drawn from before any commune moved (`hidden_process`).

    ``trend``: hazard per commune-year by district and month without the shocks; ``shocks``: the log
    shock of each half-year (month m has ``shocks[m // 6]``); ``rounds``: the months (0-based) holding a
    round (None: recognition flows month by month). The oracle forecast (`oracle`) draws the future
    from these; the generator uses them for the past and the future alike.
    """

    sizes: np.ndarray
    trend: np.ndarray
    shocks: np.ndarray
    shock_sd: float
    rounds: frozenset[int] | None

    def hazard(self) -> np.ndarray:
        """districts x months: the hazard per commune-year of each month, its half-year's shock included."""
        return self.trend * np.exp(self.shocks[np.arange(self.trend.shape[1]) // 6])[None, :]


def _hazard_process(sizes: np.ndarray, rng: np.random.Generator, shock_sd: float = 0.0, *,
                    rounds: bool = False) -> HiddenProcess:
    """Trend, half-year shocks and (``rounds``) the round schedule, in the order the generator has always drawn them."""
    trend = _trend_hazard(sizes, rng)
    shocks = rng.normal(0.0, shock_sd, size=MONTHS // 6 + 1)
    schedule = frozenset(_round_months(rng).tolist()) if rounds else None
    return HiddenProcess(sizes, trend, shocks, float(shock_sd), schedule)


def _hazard_counts(process: HiddenProcess, rng: np.random.Generator, *, stall: bool = False) -> np.ndarray:
    sizes, hazard = process.sizes, process.hazard()
    if stall:
        month = int(np.flatnonzero(month_ends()[1:] == ORIGINS[0])[0]) + int(rng.integers(0, 12))
        hazard[:, month:] *= rng.uniform(0.0, 0.15)
    return _step(sizes, hazard, rng)


def _readiness_counts(sizes, rng):
    shape = rng.uniform(0.4, 2.0)
    hazard = _trend_hazard(sizes, rng, 0.08, 0.8) / 2  # per district; a commune's own multiplier below
    district = np.repeat(np.arange(len(sizes)), sizes)
    frailty = rng.gamma(shape, 1.0 / shape, size=len(district))
    completed_at = np.full(len(district), MONTHS + 1)
    for m in range(MONTHS):
        now = (completed_at > MONTHS) & (rng.random(len(district)) < -np.expm1(-hazard[district, m] * frailty * DT))
        completed_at[now] = m + 1
    return np.stack([np.bincount(district[completed_at <= m], minlength=len(sizes)) for m in range(MONTHS + 1)],
                    axis=1)


def _capacity_counts(sizes, rng):
    mean = rng.uniform(0.02, 0.10) * sizes.sum()
    growth, dispersion = rng.uniform(-0.1, 0.35), rng.uniform(2.0, 10.0)
    counts, done = np.zeros((len(sizes), MONTHS + 1), dtype=np.int64), np.zeros(len(sizes), dtype=np.int64)
    for m in range(MONTHS):
        if (m + 1) % 6 == 0:  # June and December
            batch = rng.negative_binomial(dispersion, dispersion / (dispersion + mean))
            batch = min(int(batch), int((sizes - done).sum()))
            done = done + rng.multivariate_hypergeometric(sizes - done, batch)
            mean *= np.exp(rng.normal(growth, 0.25))
        counts[:, m + 1] = done
    return counts


def _scurve_counts(sizes, rng):
    t = np.arange(MONTHS + 1) * DT
    middle = rng.uniform(1.5, 5.5, size=len(sizes))
    scale = rng.uniform(0.3, 1.2, size=len(sizes))
    level = sizes[:, None] / (1 + np.exp(-(t[None, :] - middle[:, None]) / scale[:, None]))
    noisy = np.rint(level + rng.normal(0.0, 0.04, size=level.shape) * sizes[:, None])
    return np.maximum.accumulate(np.clip(noisy, 0, sizes[:, None]), axis=1).astype(np.int64)


def _round_months(rng: np.random.Generator) -> np.ndarray:
    """Months (0-based, into the truth) holding a recognition round: December mostly, and 1-2 more a year."""
    rounds = []
    for year in range(MONTHS // 12 + 1):
        if rng.random() < DECEMBER_ROUND:
            rounds.append(12 * year + 11)
        extra = rng.choice(11, size=int(rng.integers(EXTRA_ROUNDS[0], EXTRA_ROUNDS[-1] + 1)), replace=False)
        rounds += [12 * year + int(m) for m in extra]
    return np.array(sorted(m for m in rounds if m < MONTHS))


def _rounds_counts(process: HiddenProcess, rng: np.random.Generator) -> np.ndarray:
    """Readiness accrues month by month; a round recognises what has accrued since the last one."""
    sizes, hazard = process.sizes, process.hazard()
    counts = np.zeros((len(sizes), MONTHS + 1), dtype=np.int64)
    done = np.zeros(len(sizes), dtype=np.int64)
    accrued = np.zeros(len(sizes))
    rounds = process.rounds
    for m in range(MONTHS):
        accrued += hazard[:, m] * DT
        if m in rounds:
            yield_factor = np.exp(rng.normal(0.0, YIELD_SD))
            done = done + rng.binomial(sizes - done, -np.expm1(-accrued * yield_factor))
            accrued[:] = 0.0
        counts[:, m + 1] = done
    return counts


def _yearend_counts(sizes, rng):
    hazard = _trend_hazard(sizes, rng) * np.exp(_half_year_shocks(rng, 0.3))[None, :]
    q4 = rng.uniform(0.7, 0.85)
    month_of_year = np.arange(MONTHS) % 12
    weight = np.where(month_of_year >= 9, q4 / 3, (1 - q4) / 9) * 12
    return _step(sizes, hazard * weight[None, :], rng)


def _hardcore_counts(sizes, rng):
    hazard = _trend_hazard(sizes, rng, 0.1, 0.8)
    district = np.repeat(np.arange(len(sizes)), sizes)
    hard = rng.random(len(district)) < rng.uniform(0.2, 1 / 3)
    multiplier = np.where(hard, rng.uniform(0.02, 0.05), 1.0)
    completed_at = np.full(len(district), MONTHS + 1)
    for m in range(MONTHS):
        p = -np.expm1(-hazard[district, m] * multiplier * DT)
        now = (completed_at > MONTHS) & (rng.random(len(district)) < p)
        completed_at[now] = m + 1
    return np.stack([np.bincount(district[completed_at <= m], minlength=len(sizes)) for m in range(MONTHS + 1)],
                    axis=1)


ORACLE_FAMILIES = ("hazard", "shock", "rounds", "irregular")
"""Families whose hidden process `hidden_process` can give back (the others keep state the generator does not)."""


def _province(family: str, seed: int) -> tuple[np.random.Generator, np.ndarray]:
    """The family's generator, seeded, and the province's district sizes (the first draws of every scenario)."""
    rng = np.random.default_rng([FAMILIES.index(family), int(seed)])
    return rng, rng.integers(SIZE_RANGE[0], SIZE_RANGE[1] + 1, size=rng.integers(*DISTRICT_RANGE, endpoint=True))


def hidden_process(family: str, seed: int) -> HiddenProcess:
    """The process behind `make_scenario`'s truth, replayed from the same seed (`ORACLE_FAMILIES` only)."""
    if family not in ORACLE_FAMILIES:
        raise CdsAnalysisError(said("unknown_family", family=family, families=", ".join(ORACLE_FAMILIES)))
    rng, sizes = _province(family, seed)
    return _family_process(family, sizes, rng)


def _family_process(family: str, sizes: np.ndarray, rng: np.random.Generator) -> HiddenProcess:
    """The hazard or rounds process of ``family`` (and the stall's before it stops), drawn in the generator's order."""
    if family == "hazard":
        return _hazard_process(sizes, rng)
    if family in ("shock", "stall"):
        return _hazard_process(sizes, rng, rng.uniform(0.3, 0.9))
    return _hazard_process(sizes, rng, 0.0 if family == "rounds" else rng.uniform(0.2, 0.6), rounds=True)


def _counts(family: str, sizes: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    if family in ("hazard", "shock", "stall"):
        return _hazard_counts(_family_process(family, sizes, rng), rng, stall=family == "stall")
    if family in ("rounds", "irregular"):
        return _rounds_counts(_family_process(family, sizes, rng), rng)
    return {"readiness": _readiness_counts, "capacity": _capacity_counts, "scurve": _scurve_counts,
            "yearend": _yearend_counts, "hardcore": _hardcore_counts}[family](sizes, rng)


def _reports(family: str, counts: np.ndarray, codes: list[str], rng: np.random.Generator) -> pd.DataFrame:
    """What the offices reported: ``district_code, as_of, completed`` on the family's cadence, up to
    the last origin (later reports are never read: forecasts are cut at their origin)."""
    ends = month_ends()
    last = int(np.flatnonzero(ends == ORIGINS[-1])[0])
    step = {"half-year": 6, "quarter": 3, "month": 1}.get(CADENCE[family])
    rows = []
    if step is not None:
        months = np.arange(FIRST_REPORT, last + 1)
        months = months[(months % step) == 0]
        for i, code in enumerate(codes):
            rows += [(code, ends[m], int(counts[i, m])) for m in months]
        return pd.DataFrame(rows, columns=["district_code", "as_of", "completed"])
    for i, code in enumerate(codes):  # irregular: day 3-27 of a month, gaps of 1-5 months
        m = FIRST_REPORT + int(rng.integers(0, 3))
        while m <= last:
            day = ends[m] - pd.Timedelta(days=int(rng.integers(3, 25)))
            rows.append((code, day, int(counts[i, m - 1])))  # the month's recognitions come at its end
            m += int(rng.integers(1, 6))
    return pd.DataFrame(rows, columns=["district_code", "as_of", "completed"])


def _targets(sizes: np.ndarray, at_base: np.ndarray, rng: np.random.Generator) -> pd.DataFrame:
    """Per district and deadline: the count at `TARGET_BASE` plus a growing random share of the rest."""
    share = rng.uniform(0.05, 0.6, size=len(sizes))
    rows = []
    for _ in DEADLINES:
        rows.append(np.clip(np.ceil(at_base + share * (sizes - at_base)), 1, sizes).astype(np.int64))
        share = np.minimum(share + rng.uniform(0.05, 0.4, size=len(sizes)), 1.0)
    return pd.DataFrame({"deadline": np.repeat(DEADLINES, len(sizes)), "target": np.concatenate(rows),
                         "index": np.tile(np.arange(len(sizes)), len(DEADLINES))})


def make_scenario(family: str, seed: int, *, validate: bool = False) -> Scenario:
    """A synthetic province of ``family`` (seeded): reports on its cadence and the monthly truth.

    ``validate``: run the full schema checks (the tests do; the evaluation skips them for speed).
    """
    from cdsanalysis.data.dataset import Dataset

    if family not in FAMILIES:
        raise CdsAnalysisError(said("unknown_family", family=family, families=", ".join(FAMILIES)))
    rng, sizes = _province(family, seed)
    counts = _counts(family, sizes, rng)
    codes = [f"{i + 1:03d}" for i in range(len(sizes))]
    units = pd.DataFrame({
        "district_code": np.repeat(codes, sizes), "district_name": np.repeat([f"Huyện Mẫu {c}" for c in codes], sizes),
        "district_type": "huyện", "commune_code": [f"{i + 1:05d}" for i in range(sizes.sum())],
        "commune_name": [f"Xã Mẫu {c}-{j + 1:02d}" for c, n in zip(codes, sizes, strict=True) for j in range(n)],
        "commune_type": "xã", "source": SOURCE})
    reports = _reports(family, counts, codes, rng)
    by_date = reports.groupby("as_of")
    full = by_date["completed"].transform("size") == len(codes)  # a province row where every district reported
    province = reports[full].groupby("as_of", as_index=False)["completed"].sum().assign(district_code="")
    progress = pd.concat([reports, province], ignore_index=True).assign(
        district_name="", source=SOURCE, status="illustrative", note=f"{family} {seed}")
    progress["as_of"] = pd.DatetimeIndex(progress["as_of"]).strftime("%Y-%m-%d")
    base = int(np.flatnonzero(month_ends() == TARGET_BASE)[0])
    targets = _targets(sizes, counts[:, base], rng)
    targets["district_code"] = np.array(codes, dtype=object)[targets.pop("index")]
    province_targets = targets.groupby("deadline", as_index=False)["target"].sum().assign(district_code="")
    targets = pd.concat([targets, province_targets], ignore_index=True).assign(
        district_name="", kind="commune_quota", source=SOURCE, status="illustrative", note=f"{family} {seed}")
    targets["deadline"] = pd.DatetimeIndex(targets["deadline"]).strftime("%Y-%m-%d")
    targets = targets[["district_code", "district_name", "deadline", "target", "kind", "source", "status", "note"]]
    dataset = Dataset.from_frames(units, progress[["district_code", "district_name", "as_of", "completed", "source",
                                                  "status", "note"]], targets, validate=validate,
                                  source=f"scenario {family} {seed}")
    ends = month_ends()
    truth = pd.DataFrame({
        "district_code": np.r_[np.repeat(np.array(codes, dtype=object), len(ends)),
                               np.full(len(ends), "", dtype=object)],
        "date": np.tile(ends.to_numpy(), len(codes) + 1),
        "actual": np.r_[counts.ravel(), counts.sum(axis=0)].astype(np.int64),
    })
    return Scenario(family=family, seed=int(seed), dataset=dataset, truth=truth)


def scenario_dataset(family: str, seed: int, *, validate: bool = False) -> Dataset:
    """What the offices of a synthetic province reported (`make_scenario`)."""
    return make_scenario(family, seed, validate=validate).dataset
