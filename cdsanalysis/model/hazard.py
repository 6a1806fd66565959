"""The default model: a pooled discrete-time hazard model with province-wide period shocks.

Between two observations (t1, t2] of a district d, each commune not yet completed at
t1 is "at risk"; the number completing is Binomial(at_risk, p) with

    cloglog(p) = log(t2 - t1) + alpha + beta * x + e_k + u_d,    u_d ~ N(0, tau^2),

x being the interval's midpoint in years from the reference date (the forecast origin)
and k the calendar half-year that holds the midpoint (Allison 1982's grouped-time
proportional-hazards model; irregular dates enter through the offset). ``e_k`` is a
shock shared by every district in half-year k: the province appraises in rounds, so a
surge or a lull hits all districts at once. Two structures (``shocks``):

- ``"iid"``: e_k ~ N(0, sigma^2) around the trend; a future half-year draws a fresh shock;
- ``"rw"``: e_k is a random walk (steps N(0, sigma^2) per half-year) anchored at 0 in the
  last observed half-year; the future keeps walking, so its spread grows with the horizon;
- ``None``: no shocks (the model of earlier versions; kept for tests and comparison).

The default forecast (`simulate`) pools equal shares of paths from the iid and the rw fits
(`COMBINED_SHOCKS`): neither reading wins on every process (docs/assumptions.md M10).

Fitting (`hazard_fit`): for each (tau, sigma) on a grid, the posterior mode of
[alpha, beta, e, u] by Newton, and the Laplace approximation of p(y | tau, sigma)
integrating e, u and beta (N(0, 1) prior; alpha flat). The grid weights are that
marginal times weakly informative priors (tau: half-normal; sigma: half-Cauchy(1.0), a heavy
tail for real waves and the luck of the rounds; `SIGMA_PRIOR_SCALE`), so
neither is fixed at an estimate:
`HazardResults.sample` first draws a grid cell by weight, then the parameters from that
cell's Gaussian approximation. With three or four half-years sigma is barely identified
and its prior matters; that is honest, and docs/assumptions.md (M8) says so.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError, ForecastWarning
from cdsanalysis.model.anchors import anchor_rows, open_segments, recognised_rows, round_timing
from cdsanalysis.model.halfyear_paths import half_year_bounds, simulate_half_years
from cdsanalysis.model.hazard_fit import ETA_RANGE, PenalisedCloglog
from cdsanalysis.model.hazard_results import HazardResults, ParameterDraws, half_year
from cdsanalysis.settings import DAYS_PER_YEAR
from cdsanalysis.wording.messages import said

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.model.registry import StartState

SHOCKS = ("iid", "rw")
DEFAULT_SHOCKS = "iid"
"""Structure of the period effects of a fit when none is named (the fit the default forecast shows)."""
COMBINED_SHOCKS = ("iid", "rw")
"""The default forecast (`simulate`) pools equal shares of paths from fits with each structure."""

BETA_PRIOR_SD = 1.0
"""sd of the N(0, sd^2) prior on the trend beta (log-hazard change per year)."""
TAU_PRIOR_SCALE = 1.0
"""Scale of the half-normal prior on tau, the sd of the district effects (log-hazard)."""
SIGMA_PRIOR_SCALE = 1.0
SIGMA_PRIOR_KIND = "half-cauchy"
"""Prior on sigma, the sd of a half-year's shared shock (log-hazard): half-Cauchy(1.0), median 1.0,
P(sigma > 2) = 0.30. Issue 8 chose 0.5 for half-yearly reports; with rates read between half-year
anchors (issue 17) a half-year also holds the luck of the rounds (how many, how large, whether the
December round fell before or after the report), and 1.0 was the scale that met every goal of issue
17 on the scenario families with a tuning seed (1; 0.5 left the irregular family at 0.70);
docs/calibration.md reports another seed (0). Never chosen on the bundled data or the real case;
docs/assumptions.md (M8) gives the figures."""
SEASON_PRIOR_SD = 1.0
"""sd of the N(0, sd^2) prior on the second half-year's effect (a year-end rush, log-hazard)."""
DEPLETION_PRIOR_MEAN = 0.5
DEPLETION_PRIOR_SD = 0.5
"""Prior N(0.5, 0.5^2) on the depletion coefficient v: the hazard of the pending communes is
multiplied by (share pending)^v, as under gamma-distributed readiness with variance v (the ready
go first, the hard core stays). 0.5: a district half done runs at 0.71 of its first pace, one nine
tenths done at 0.32; docs/assumptions.md (M11) says why."""
TAU_GRID = tuple(np.geomspace(0.05, 3.0, 9))
SIGMA_GRID = tuple(np.geomspace(0.02, 3.0, 9))
"""Grids of tau and sigma; the posterior over them is carried into the forecast. sigma reaches 3, so the
half-Cauchy(1.0) prior is not cut where lumpy rounds put the posterior (docs/assumptions.md M8)."""
TAU_SCREEN = 1e-3
"""tau values below this posterior weight at the middle sigma get no sigma grid (`HazardModel._screen_taus`)."""
MIN_WEIGHT = 1e-4
"""Grid cells below this posterior weight are dropped (their mass is spread over the rest)."""


def at_risk_table(progress: pd.DataFrame, communes_total: Mapping[str, int],
                  reference_date: object) -> pd.DataFrame:
    """One row per district and pair of consecutive observations with communes at risk.

    Columns: ``district_code, start, end, at_risk, events, duration`` (years),
    ``midpoint`` (years from ``reference_date``), ``period`` (the calendar half-year
    of the midpoint, as `half_year` numbers it), ``second_half`` (1 when that half-year is
    July-December; for an interval across a half-year end, the share of its days in July-December)
    and ``log_pending`` (log of the share of the district's communes still
    pending at the start: the depletion covariate). Province rows (code "") and claims
    are not used; intervals with nothing at risk (district already complete) are dropped.
    """
    reference = pd.Timestamp(reference_date)
    rows = recognised_rows(progress)[["district_code", "as_of", "completed"]]
    rows = rows.sort_values(["district_code", "as_of"], kind="stable")
    previous = rows.groupby("district_code", sort=False)[["as_of", "completed"]].shift(1)
    keep = previous["as_of"].notna().to_numpy()
    rows, previous = rows[keep], previous[keep]
    totals = rows["district_code"].map(communes_total).to_numpy(dtype=np.int64)
    start_days = (previous["as_of"] - reference).dt.days.to_numpy(dtype=float)
    end_days = (rows["as_of"] - reference).dt.days.to_numpy(dtype=float)
    middle = reference + pd.to_timedelta((start_days + end_days) / 2, unit="D")
    at_risk = totals - previous["completed"].to_numpy(dtype=np.int64)
    period = half_year(pd.DatetimeIndex(middle))
    table = pd.DataFrame({
        "district_code": rows["district_code"].to_numpy(dtype=object),
        "start": previous["as_of"].to_numpy(),
        "end": rows["as_of"].to_numpy(),
        "at_risk": at_risk,
        "events": rows["completed"].to_numpy(dtype=np.int64) - previous["completed"].to_numpy(dtype=np.int64),
        "duration": (end_days - start_days) / DAYS_PER_YEAR,
        "midpoint": (start_days + end_days) / 2 / DAYS_PER_YEAR,
        "period": period,
        "second_half": _second_half_share(previous["as_of"], rows["as_of"]),
        "log_pending": np.log(np.maximum(at_risk, 1) / np.maximum(totals, 1)),
    })
    return table[table["at_risk"] > 0].reset_index(drop=True)


def _second_half_share(start: pd.Series, end: pd.Series) -> np.ndarray:
    periods, shares = period_shares(start, end)
    return shares[:, periods % 2 == 1].sum(axis=1) if len(periods) else np.zeros(len(start))


def period_shares(start: pd.Series, end: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Calendar half-years touched by the intervals (start, end] and each interval's share of days in each.

    An interval that straddles a half-year end (an irregular report in October, the next in
    April) belongs partly to each: its shock and its season are the shares' weighted average
    (a first-order approximation of its cumulative hazard), not the midpoint's half-year alone.
    """
    begin = pd.DatetimeIndex(start).to_numpy(dtype="datetime64[D]").astype(np.int64)
    finish = pd.DatetimeIndex(end).to_numpy(dtype="datetime64[D]").astype(np.int64)
    if len(begin) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0))
    first = int(half_year(pd.DatetimeIndex(start).min() + pd.Timedelta(days=1))[0])
    last = int(half_year(pd.DatetimeIndex(end).max())[0])
    periods = np.arange(first, last + 1, dtype=np.int64)
    shares = np.zeros((len(begin), len(periods)))
    for j, period in enumerate(periods):
        low, high = (np.datetime64(d, "D").astype(np.int64) for d in half_year_bounds(int(period)))
        shares[:, j] = np.clip(np.minimum(finish, high) - np.maximum(begin, low), 0, None)
    shares /= np.maximum(finish - begin, 1)[:, None]
    used = shares.sum(axis=0) > 0
    return periods[used], shares[:, used]


def _log_prior(values: np.ndarray, scale: float, kind: str = "half-normal") -> np.ndarray:
    """log density of a half-normal or half-Cauchy on a log-spaced grid (with the Jacobian of log)."""
    if kind == "half-cauchy":
        return -np.log1p((values / scale) ** 2) + np.log(values)
    return -0.5 * (values / scale) ** 2 + np.log(values)


class HazardModel:
    """The pooled hazard model of a dataset; ``fit()`` returns `HazardResults`.

    ``reference_date`` (default: the latest date in the data) is where time x = 0, so
    alpha is the log hazard there. ``shocks``: "iid", "rw" or None (see the module).
    ``beta_prior_sd=None`` removes the prior on the trend. ``anchored``: read rates only
    between anchors (`anchors`; False: between every pair of observations, as before issue
    17). ``season``: an effect of the second half-year; ``depletion``: the log share of
    communes pending as a covariate (the hard core). ``split_periods``: an interval across a
    half-year end takes each half-year's shock and season by its share of days (False: its
    midpoint's half-year only, as before issue 17).
    """

    def __init__(self, dataset: Dataset, reference_date: object = None, *,
                 shocks: str | None = DEFAULT_SHOCKS, beta_prior_sd: float | None = BETA_PRIOR_SD,
                 tau_grid: tuple[float, ...] = TAU_GRID, sigma_grid: tuple[float, ...] = SIGMA_GRID,
                 anchored: bool = True, season: bool = True, depletion: bool = True, split_periods: bool = True):
        if shocks not in (*SHOCKS, None):
            raise CdsAnalysisError(said("shocks_choice", choices=", ".join(SHOCKS), value=repr(shocks)))
        self.dataset = dataset
        self.reference_date = (dataset.latest_date() if reference_date is None
                               else pd.Timestamp(reference_date).normalize())
        districts = dataset.districts()
        self.district_codes: tuple[str, ...] = tuple(districts["district_code"])
        totals = dict(zip(districts["district_code"], districts["communes_total"], strict=True))
        rows = anchor_rows(dataset.progress, self.reference_date) if anchored else dataset.progress
        self.table = at_risk_table(rows, totals, self.reference_date)
        self.anchored, self.season, self.depletion = anchored, season, depletion
        self.shocks = shocks
        self.beta_prior_sd = beta_prior_sd
        self.tau_grid, self.sigma_grid = tuple(tau_grid), tuple(sigma_grid)
        self.periods, self._shares = period_shares(self.table["start"], self.table["end"])
        # a half-year not ended by the origin has no shock of its own: a few weeks of it (a round
        # reported in January) would set it, and the forecast would carry that lump over its rest
        ended = np.array([half_year_bounds(int(p))[1] <= self.reference_date for p in self.periods], dtype=bool)
        self.periods, self._shares = self.periods[ended], self._shares[:, ended]
        if not split_periods:  # one half-year per interval: its midpoint's
            self.periods = np.array(sorted(set(self.table["period"])), dtype=np.int64)
            self._shares = (self.table["period"].to_numpy()[:, None] == self.periods[None, :]).astype(float)
            self.table["second_half"] = (self.table["period"] % 2).astype(float)

    def _check_estimable(self) -> None:
        table = self.table
        if table.empty:
            raise CdsAnalysisError(said("forecast_needs_two_figures"))
        if table["events"].sum() == 0:
            raise CdsAnalysisError(said("forecast_nothing_recognised", intervals=len(table)))
        if (table["events"] == table["at_risk"]).all():
            raise CdsAnalysisError(said("forecast_all_recognised_each_time"))

    def fixed_effects(self) -> tuple[str, ...]:
        """Names of the province-level effects before the shocks, in the order of ``f``."""
        names = ["alpha", "beta"]
        if self.season:
            names.append("season")
        if self.depletion:
            names.append("depletion")
        return tuple(names)

    def _design(self) -> tuple[np.ndarray, np.ndarray]:
        """Columns [fixed effects..., shocks...] and, per shock column, the sigma power of its prior variance.

        iid: one column per observed half-year (the interval's share of days in it). rw: one step per gap
        between consecutive
        observed half-years (variance sigma^2 x gap), the last half-year anchored at 0.
        """
        x = self.table["midpoint"].to_numpy(dtype=float)
        source = {"alpha": np.ones_like(x), "beta": x, "season": self.table["second_half"].to_numpy(dtype=float),
                  "depletion": self.table["log_pending"].to_numpy(dtype=float)}
        fixed = self.fixed_effects()
        columns, gaps = [source[name] for name in fixed], [0.0] * len(fixed)
        if self.shocks == "iid":  # each half-year's shock, weighted by the interval's share of days in it
            columns += [self._shares[:, j] for j in range(len(self.periods))]
            gaps += [1.0] * len(self.periods)
        elif self.shocks == "rw":
            for j in range(1, len(self.periods)):  # level of half-year k: minus the steps after it
                columns.append(-self._shares[:, :j].sum(axis=1))
                gaps.append(float(self.periods[j] - self.periods[j - 1]))
        return np.column_stack(columns), np.array(gaps)

    def _prior_mean(self, size: int) -> np.ndarray:
        mean = np.zeros(size)
        if self.depletion:
            mean[self.fixed_effects().index("depletion")] = DEPLETION_PRIOR_MEAN
        return mean

    def _prior(self, gaps: np.ndarray, sigma: float) -> np.ndarray:
        """Prior precisions: alpha flat, beta, season and depletion fixed, shocks 1 / (sigma^2 gap)."""
        fixed = self.fixed_effects()
        n = len(fixed)
        prior = np.zeros(len(gaps))
        precision = {"alpha": 0.0, "beta": 0.0 if self.beta_prior_sd is None else 1.0 / self.beta_prior_sd**2,
                     "season": 1.0 / SEASON_PRIOR_SD**2, "depletion": 1.0 / DEPLETION_PRIOR_SD**2}
        prior[:n] = [precision[name] for name in fixed]
        prior[n:] = 1.0 / (sigma**2 * gaps[n:])
        return prior

    def fit(self, tau: float | None = None, sigma: float | None = None, *, maxiter: int = 100,
            tol: float = 1e-9) -> HazardResults:
        """The grid posterior over (tau, sigma) and each cell's mode; tau or sigma fixed if given."""
        self._check_estimable()
        for name, value in (("tau", tau), ("sigma", sigma)):
            if value is not None and not (np.isfinite(value) and value > 0):
                raise CdsAnalysisError(said("positive_finite", name=name, value=value))
        codes = {code: i for i, code in enumerate(self.district_codes)}
        design, gaps = self._design()
        problem = PenalisedCloglog(
            n=self.table["at_risk"], y=self.table["events"], offset=np.log(self.table["duration"]),
            design=design, group=self.table["district_code"].map(codes), n_groups=len(codes),
            prior_mean=self._prior_mean(design.shape[1]))
        taus = np.array([tau] if tau is not None else self.tau_grid, dtype=float)
        n_fixed = len(self.fixed_effects())
        has_shocks = design.shape[1] > n_fixed
        sigmas = np.array([sigma] if sigma is not None else (self.sigma_grid if has_shocks else [np.nan]),
                          dtype=float)
        rate = self.table["events"].sum() / np.sum(self.table["at_risk"] * self.table["duration"])
        f = np.r_[np.log(rate), np.zeros(design.shape[1] - 1)] + self._prior_mean(design.shape[1])
        u = np.zeros(len(codes))
        if tau is None and len(sigmas) > 1:
            taus = self._screen_taus(problem, gaps, taus, sigmas[len(sigmas) // 2], f, u, maxiter, tol)
        cells, rows = [], []
        for t in taus:
            start_f, start_u = f, u
            for s in sigmas:
                mode = problem.mode(start_f, start_u, self._prior(gaps, s if has_shocks else 1.0), t,
                                    maxiter=maxiter, tol=tol)
                start_f, start_u = mode.f, mode.u
                cells.append(mode)
                rows.append((t, s, mode.log_marginal, mode.converged))
            f, u = cells[-len(sigmas)].f, cells[-len(sigmas)].u
        grid = pd.DataFrame(rows, columns=["tau", "sigma", "log_marginal", "converged"])
        log_post = grid["log_marginal"].to_numpy()
        if tau is None:
            log_post = log_post + _log_prior(grid["tau"].to_numpy(), TAU_PRIOR_SCALE)
        if sigma is None and has_shocks:
            log_post = log_post + _log_prior(grid["sigma"].to_numpy(), SIGMA_PRIOR_SCALE,
                                           SIGMA_PRIOR_KIND)
        weight = np.exp(log_post - np.max(log_post))
        weight = np.where(weight / weight.sum() >= MIN_WEIGHT, weight, 0.0)
        grid["weight"] = weight / weight.sum()
        used = grid["weight"].to_numpy() > 0
        if not grid.loc[used, "converged"].all():
            warnings.warn(f"hazard model: Newton did not converge in {maxiter} iterations for some (tau, sigma); "
                          "estimates may be inaccurate", RuntimeWarning, stacklevel=2)
        return HazardResults(
            district_codes=self.district_codes, reference_date=self.reference_date, table=self.table,
            shocks=self.shocks if has_shocks else None, periods=self.periods, grid=grid, cells=tuple(cells),
            beta_prior_sd=self.beta_prior_sd, fixed_effects=self.fixed_effects())


    def _screen_taus(self, problem: PenalisedCloglog, gaps: np.ndarray, taus: np.ndarray, sigma: float,
                     f: np.ndarray, u: np.ndarray, maxiter: int, tol: float) -> np.ndarray:
        """The tau values worth a full sigma grid: posterior weight >= `TAU_SCREEN` at the middle sigma.

        tau is identified by the spread between districts and sigma by the co-movement of all of
        them, so tau's posterior barely depends on sigma; screening first halves the fits.
        """
        log_post = []
        for t in taus:
            mode = problem.mode(f, u, self._prior(gaps, sigma), t, maxiter=maxiter, tol=tol)
            f, u = mode.f, mode.u
            log_post.append(mode.log_marginal)
        log_post = np.array(log_post) + _log_prior(taus, TAU_PRIOR_SCALE)
        weight = np.exp(log_post - np.max(log_post))
        return taus[weight / weight.sum() >= TAU_SCREEN]


def simulate_paths(draws: ParameterDraws, state: StartState, dates: pd.DatetimeIndex,
                   rng: np.random.Generator, *, hold_rate: bool = False) -> np.ndarray:
    """Step the pending communes forward: Binomial(pending, p_step) per draw, district and step.

    The first step of a district runs from its own last observation (possibly before
    ``dates[0]``). Each step takes the shared shock of the half-year holding its midpoint
    (`ParameterDraws.shock_table`). ``hold_rate``: after ``as_of`` the trend stops (the
    "steady" sensitivity); shocks still come.
    """
    n_draws, n_districts = draws.u.shape
    has_data = state.has_data
    days_from_origin = (dates - state.as_of).days.to_numpy(dtype=float)
    start_days = np.where(has_data, (state.start_dates - state.as_of).days.to_numpy(dtype=float,
                                                                                      na_value=0.0), 0.0)
    begins = [start_days] + [np.full(n_districts, days_from_origin[k - 1]) for k in range(2, len(dates))]
    ends = days_from_origin[1:]
    buckets = [half_year(state.as_of + pd.to_timedelta((b + e) / 2, unit="D"))
               for b, e in zip(begins, ends, strict=True)]
    first = min([int(np.min(b)) for b in buckets], default=0)
    last = max([int(np.max(b)) for b in buckets], default=0)
    shock, offset = draws.shock_table(first, last, rng)
    paths = np.zeros((n_draws, n_districts, len(dates)), dtype=np.int32)
    current = np.repeat(np.where(has_data, state.start, 0)[None, :], n_draws, axis=0).astype(np.int64)
    pending_cap = np.where(has_data, state.communes_total, 0)
    paths[:, :, 0] = current
    for k in range(1, len(dates)):
        begin, end = begins[k - 1], ends[k - 1]
        duration = np.maximum(end - begin, 1e-9) / DAYS_PER_YEAR
        midpoint = (begin + end) / 2 / DAYS_PER_YEAR
        if hold_rate:
            midpoint = np.minimum(midpoint, 0.0)
        eta = (draws.alpha[:, None] + draws.beta[:, None] * midpoint + draws.u + np.log(duration)
               + shock[:, np.asarray(buckets[k - 1]) - offset])
        p_step = -np.expm1(-np.exp(np.minimum(eta, ETA_RANGE[1])))
        current += rng.binomial(pending_cap - current, p_step)
        paths[:, :, k] = current
    return paths


def fit_hazard(dataset: Dataset, as_of: pd.Timestamp, *, shocks: str | None = DEFAULT_SHOCKS) -> HazardResults:
    """The default fit: rates read between anchors; every interval, with a warning, when anchors leave none."""
    try:
        return HazardModel(dataset, reference_date=as_of, shocks=shocks).fit()
    except CdsAnalysisError:
        results = HazardModel(dataset, reference_date=as_of, shocks=shocks, anchored=False).fit()
    warnings.warn(ForecastWarning(said("forecast_short_intervals")), stacklevel=3)
    return results


def simulate(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
             rng: np.random.Generator, *, hold_rate: bool = False) -> tuple[np.ndarray, HazardResults]:
    """The default forecast: equal shares of the paths from each reading of the shared shocks.

    The iid reading (a half-year's luck passes) is right for rounds whose yield comes and goes;
    the random walk (the latest pace persists and drifts) for a programme whose pace shifts for
    good (new criteria, a stall). Neither wins everywhere (docs/calibration.md), so the forecast
    pools them, as forecast combination does. The fit returned is the iid one (`DEFAULT_SHOCKS`).
    """
    start = _segments_and_timing(dataset, state)  # the same for both readings: read once
    whole, extra = divmod(int(draws), len(COMBINED_SHOCKS))
    parts, fits = [], {}
    for i, shocks in enumerate(COMBINED_SHOCKS):
        size = whole + (i < extra)
        if size:
            paths, fits[shocks] = simulate_shocks(dataset, state, dates, size, rng, hold_rate=hold_rate,
                                                  shocks=shocks, start=start)
            parts.append(paths)
    return np.concatenate(parts, axis=0), fits.get(DEFAULT_SHOCKS) or next(iter(fits.values()))


def _segments_and_timing(dataset: Dataset, state: StartState) -> tuple[pd.DataFrame, float]:
    """Each district's open segment (`anchors.open_segments`) and the timing concentration within a half-year."""
    return (open_segments(dataset.progress, state.district_codes, state.as_of),
            round_timing(dataset.progress, dataset.recognitions, state.as_of))


def simulate_shocks(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
                    rng: np.random.Generator, *, hold_rate: bool = False, shocks: str | None = DEFAULT_SHOCKS,
                    start: tuple[pd.DataFrame, float] | None = None) -> tuple[np.ndarray, HazardResults]:
    """Fit with one structure of shocks on ``dataset`` (already cut at the origin), then simulate ``draws`` paths.

    Rates come from anchored intervals (`anchors`), what was recognised since the last anchor
    is conditioned on, and recognitions are timed within each half-year as the data's own
    lumpiness says (`halfyear_paths`). ``start``: `_segments_and_timing`, when the caller has it.
    """
    results = fit_hazard(dataset, state.as_of, shocks=shocks)
    if results.district_codes != state.district_codes:  # pragma: no cover - both from dataset.districts()
        raise CdsAnalysisError("internal error: district order differs between fit and simulation")
    segments, concentration = start if start is not None else _segments_and_timing(dataset, state)
    paths = simulate_half_years(results.sample(draws, rng), segments, state.communes_total, state.as_of, dates,
                                rng, concentration=concentration, hold_rate=hold_rate)
    return paths, results


def simulate_steady(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
                    rng: np.random.Generator) -> tuple[np.ndarray, HazardResults]:
    """The default model with each district's completion rate held at its ``as_of`` level (a sensitivity)."""
    return simulate(dataset, state, dates, draws, rng, hold_rate=True)


def simulate_rw(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
                rng: np.random.Generator) -> tuple[np.ndarray, HazardResults]:
    """One reading of the default: random-walk period shocks alone (docs/calibration.md compares it)."""
    return simulate_shocks(dataset, state, dates, draws, rng, shocks="rw")


def simulate_iid(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
                 rng: np.random.Generator) -> tuple[np.ndarray, HazardResults]:
    """One reading of the default: iid period shocks alone (the default before the combination)."""
    return simulate_shocks(dataset, state, dates, draws, rng, shocks="iid")


def simulate_independent(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
                         rng: np.random.Generator) -> tuple[np.ndarray, HazardResults]:
    """The default model without period shocks, for comparison."""
    return simulate_shocks(dataset, state, dates, draws, rng, shocks=None)


def simulate_interval(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
                      rng: np.random.Generator) -> tuple[np.ndarray, HazardResults]:
    """The default of issue 8: a rate read from every interval, steps between forecast dates.

    Kept for comparison: a short interval that held a round is read as a steady pace, which
    is what issue 17 found (docs/calibration.md shows it on the monthly families).
    """
    results = HazardModel(dataset, reference_date=state.as_of, anchored=False, season=False,
                          depletion=False, split_periods=False).fit()
    return simulate_paths(results.sample(draws, rng), state, dates, rng), results

