"""The default model: a pooled discrete-time hazard model of communes completing.

Between two observations (t1, t2] of a district d, each commune not yet completed at
t1 is "at risk"; the number completing is Binomial(at_risk, p) with

    cloglog(p) = log(t2 - t1) + alpha + beta * x + u_d,    u_d ~ N(0, tau^2),

x being the interval's midpoint in years relative to the reference date (the forecast
origin), so exp(alpha + u_d) is district d's hazard per year *now* (Allison 1982's
grouped-time proportional-hazards model; irregular dates enter through the offset).

The district effects are shrunk toward the province (partial pooling): the fit is the
posterior mode of [alpha, beta, u] under the penalty u'u / (2 tau^2), by Newton's method
on the exact (observed) Hessian, and tau maximises the Laplace approximation of the
marginal likelihood, as lme4's ``glmer`` does (with the joint mode for the fixed effects,
like ``nAGQ=0``). beta carries a weak N(0, 1) prior so that a single observation interval
(every district observed on the same two dates) still gives a finite, honestly wide trend.
The cloglog binomial log-likelihood is concave in the linear predictor, so the observed
Hessian is positive definite and Newton with step halving is safe. The Hessian is
arrow-shaped (two fixed effects plus one diagonal entry per district), so every step
costs O(rows + districts) and nothing of size rows x districts is ever built.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.settings import DAYS_PER_YEAR

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.model.registry import StartState

TAU_BOUNDS = (0.01, 5.0)
"""Search range of tau, the sd of the district effects on the log-hazard scale."""

BETA_PRIOR_SD = 1.0
"""sd of the N(0, sd^2) prior on the trend beta (log-hazard change per year)."""

_ETA_RANGE = (-50.0, 30.0)  # keeps exp() finite; far outside any fitted value


def at_risk_table(progress: pd.DataFrame, communes_total: Mapping[str, int],
                  reference_date: object) -> pd.DataFrame:
    """One row per district and pair of consecutive observations with communes at risk.

    Columns: ``district_code, start, end, at_risk, events, duration`` (years) and
    ``midpoint`` (years from ``reference_date``). Province rows (code "") are not used;
    intervals with nothing at risk (district already complete) are dropped.
    """
    reference = pd.Timestamp(reference_date)
    rows = progress.loc[progress["district_code"] != "", ["district_code", "as_of", "completed"]]
    rows = rows.sort_values(["district_code", "as_of"], kind="stable")
    previous = rows.groupby("district_code", sort=False)[["as_of", "completed"]].shift(1)
    keep = previous["as_of"].notna().to_numpy()
    rows, previous = rows[keep], previous[keep]
    totals = rows["district_code"].map(communes_total).to_numpy(dtype=np.int64)
    start_days = (previous["as_of"] - reference).dt.days.to_numpy(dtype=float)
    end_days = (rows["as_of"] - reference).dt.days.to_numpy(dtype=float)
    table = pd.DataFrame({
        "district_code": rows["district_code"].to_numpy(dtype=object),
        "start": previous["as_of"].to_numpy(),
        "end": rows["as_of"].to_numpy(),
        "at_risk": totals - previous["completed"].to_numpy(dtype=np.int64),
        "events": rows["completed"].to_numpy(dtype=np.int64) - previous["completed"].to_numpy(dtype=np.int64),
        "duration": (end_days - start_days) / DAYS_PER_YEAR,
        "midpoint": (start_days + end_days) / 2 / DAYS_PER_YEAR,
    })
    return table[table["at_risk"] > 0].reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class HazardResults:
    """The fitted hazard model: posterior mode, its covariance and the district effects.

    ``cov`` is the inverse of the penalised Hessian, ordered [alpha, beta, u_1..u_D]
    like ``district_codes``. ``u_conditional_sd`` is the sd of each u_d given (alpha,
    beta) (1/sqrt of its Hessian diagonal), which lets ``sample`` draw in O(districts).
    ``loglike`` omits the binomial coefficients (a constant).
    """

    district_codes: tuple[str, ...]
    alpha: float
    beta: float
    tau: float
    u: np.ndarray
    cov: np.ndarray
    u_conditional_sd: np.ndarray
    reference_date: pd.Timestamp
    table: pd.DataFrame
    loglike: float
    log_marginal: float
    converged: bool
    iterations: int
    beta_prior_sd: float | None

    @property
    def params(self) -> pd.Series:
        """alpha, beta, tau, then u[code] per district."""
        names = ["alpha", "beta", "tau"] + [f"u[{code}]" for code in self.district_codes]
        return pd.Series(np.r_[self.alpha, self.beta, self.tau, self.u], index=names, name="estimate")

    @property
    def bse(self) -> pd.Series:
        """Standard errors (posterior sd) of alpha, beta and each u_d; tau's is not estimated."""
        sd = np.sqrt(np.diag(self.cov))
        names = ["alpha", "beta", "tau"] + [f"u[{code}]" for code in self.district_codes]
        return pd.Series(np.r_[sd[:2], np.nan, sd[2:]], index=names, name="std_error")

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """The province-level parameters with intervals; district effects are in ``to_frame``."""
        z = NormalDist().inv_cdf(0.5 + level / 2)
        sd = np.sqrt(np.diag(self.cov)[:2])
        estimate = np.array([self.alpha, self.beta, self.tau])
        std_error = np.r_[sd, np.nan]
        return pd.DataFrame({
            "parameter": ["alpha", "beta", "tau"],
            "estimate": estimate,
            "std_error": std_error,
            "lower": estimate - z * std_error,
            "upper": estimate + z * std_error,
            "meaning": [
                f"log hazard per year of a typical district on {self.reference_date:%Y-%m-%d}",
                "change of the log hazard per year (trend)",
                "sd of the district effects u_d (chosen by Laplace marginal likelihood)",
            ],
        })

    def to_frame(self) -> pd.DataFrame:
        """Per district: effect u_d, its sd, hazard per year now, P(a pending commune completes in a year)."""
        hazard = np.exp(self.alpha + self.u)
        return pd.DataFrame({
            "district_code": list(self.district_codes),
            "u": self.u,
            "se": np.sqrt(np.diag(self.cov)[2:]),
            "hazard_per_year": hazard,
            "p_complete_year": -np.expm1(-hazard),
        })

    def sample(self, draws: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Draw (alpha, beta, u) from N(mode, cov): the fixed pair first, then u given the pair.

        Exact for the Gaussian, O(draws x districts): u_d given (alpha, beta) is
        independent across districts because the Hessian's district block is diagonal.
        """
        mode = np.array([self.alpha, self.beta])
        cov_ff = self.cov[:2, :2]
        cov_uf = self.cov[2:, :2]
        fixed = mode + rng.standard_normal((draws, 2)) @ np.linalg.cholesky(cov_ff).T
        loading = np.linalg.solve(cov_ff, cov_uf.T).T  # E[u | f] = u + loading (f - mode)
        noise = rng.standard_normal((draws, len(self.u))) * self.u_conditional_sd
        u = self.u + (fixed - mode) @ loading.T + noise
        return fixed[:, 0], fixed[:, 1], u

    def _repr_html_(self) -> str:
        head = (f"<b>HazardResults</b> reference date {self.reference_date:%Y-%m-%d}, "
                f"{len(self.district_codes)} districts, {len(self.table)} at-risk intervals, "
                f"{int(self.table['events'].sum())} completions; "
                f"{'converged' if self.converged else '<b>not converged</b>'} in {self.iterations} iterations")
        return head + self.summary().to_html(index=False, float_format="{:.4g}".format)

    def __repr__(self) -> str:
        return (f"HazardResults(alpha={self.alpha:.4g}, beta={self.beta:.4g}, tau={self.tau:.4g}, "
                f"districts={len(self.district_codes)}, converged={self.converged})")


class _PenalisedCloglog:
    """Log-likelihood, score and observed Hessian of the cloglog binomial model with penalties."""

    def __init__(self, table: pd.DataFrame, codes: tuple[str, ...], beta_prior_sd: float | None):
        index = {code: i for i, code in enumerate(codes)}
        self.group = table["district_code"].map(index).to_numpy(dtype=np.intp)
        self.n = table["at_risk"].to_numpy(dtype=float)
        self.y = table["events"].to_numpy(dtype=float)
        self.x = table["midpoint"].to_numpy(dtype=float)
        self.offset = np.log(table["duration"].to_numpy(dtype=float))
        self.n_groups = len(codes)
        self.beta_precision = 0.0 if beta_prior_sd is None else 1.0 / beta_prior_sd**2

    def _sum(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.group, weights=values, minlength=self.n_groups)

    def _mu_p(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        eta = self.offset + theta[0] + theta[1] * self.x + theta[2:][self.group]
        mu = np.exp(np.clip(eta, *_ETA_RANGE))
        return mu, -np.expm1(-mu)

    def objective(self, theta: np.ndarray, tau: float) -> tuple[float, float]:
        """(penalised log-likelihood, log-likelihood), both without binomial constants."""
        mu, p = self._mu_p(theta)
        loglike = float(np.sum(self.y * np.log(p) - (self.n - self.y) * mu))
        penalty = 0.5 * float(theta[2:] @ theta[2:]) / tau**2 + 0.5 * self.beta_precision * theta[1] ** 2
        return loglike - penalty, loglike

    def curvature(self, theta: np.ndarray, tau: float) -> dict[str, np.ndarray]:
        """Score and the arrow blocks of the negative Hessian, summed per district."""
        mu, p = self._mu_p(theta)
        ratio = mu / p  # mu / (1 - exp(-mu)) = 1 + mu/2 + mu^2/12 + ...
        ratio_minus_one = np.where(mu < 1e-5, mu / 2 + mu**2 / 12, ratio - 1)
        score = self.y * ratio - self.n * mu
        weight = (self.n - self.y) * mu + self.y * ratio * np.exp(-mu) * ratio_minus_one
        eps = 1.0 / tau**2
        w, wx = self._sum(weight), self._sum(weight * self.x)
        return {
            "score_u": self._sum(score) - eps * theta[2:],
            "score_f": np.array([score.sum(), score @ self.x - self.beta_precision * theta[1]]),
            "w": w, "wx": wx, "wxx": self._sum(weight * self.x**2), "h": w + eps, "eps": eps,
        }

    def _schur(self, c: dict) -> np.ndarray:
        """H_ff - H_fu H_uu^-1 H_uf, written so that nothing cancels when tau is large."""
        shrink = c["eps"] / c["h"]  # 1 - w/h
        s00 = np.sum(c["w"] * shrink)
        s01 = np.sum(c["wx"] * shrink)
        s11 = np.sum(c["wxx"] - c["wx"] ** 2 / c["h"]) + self.beta_precision
        return np.array([[s00, s01], [s01, s11]])

    def newton_step(self, theta: np.ndarray, tau: float) -> np.ndarray:
        c = self.curvature(theta, tau)
        score_u, h = c["score_u"], c["h"]
        rhs = np.array([
            np.sum(c["eps"] * (score_u + c["eps"] * theta[2:] + c["w"] * theta[2:]) / h),
            c["score_f"][1] - np.sum(c["wx"] * score_u / h),
        ])
        try:
            step_f = np.linalg.solve(self._schur(c), rhs)
        except np.linalg.LinAlgError as err:
            raise CdsAnalysisError("the hazard model's trend and level cannot be told apart in these data "
                                   "(keep the prior on beta)") from err
        step_u = (score_u - c["w"] * step_f[0] - c["wx"] * step_f[1]) / h
        return np.r_[step_f, step_u]

    def mode(self, theta: np.ndarray, tau: float, maxiter: int = 100,
             tol: float = 1e-9) -> tuple[np.ndarray, bool, int]:
        """Newton with step halving to the posterior mode; (theta, converged, iterations)."""
        value, _ = self.objective(theta, tau)
        for iteration in range(1, maxiter + 1):
            step = self.newton_step(theta, tau)
            for _ in range(40):
                candidate = theta + step
                new_value, _ = self.objective(candidate, tau)
                if new_value >= value - 1e-12 * abs(value):
                    break
                step = step / 2
            theta, value = candidate, new_value
            if np.max(np.abs(step)) < tol:
                return theta, True, iteration
        return theta, False, maxiter

    def covariance(self, theta: np.ndarray, tau: float) -> tuple[np.ndarray, np.ndarray]:
        """Inverse of the penalised Hessian, by blocks; and sd of u_d given the fixed effects."""
        c = self.curvature(theta, tau)
        s_inv = np.linalg.inv(self._schur(c))
        loading = np.vstack([c["w"], c["wx"]]) / c["h"]  # H_fu H_uu^-1, 2 x D
        cov = np.empty((self.n_groups + 2, self.n_groups + 2))
        cov[:2, :2] = s_inv
        cov[:2, 2:] = -s_inv @ loading
        cov[2:, :2] = cov[:2, 2:].T
        cov[2:, 2:] = loading.T @ s_inv @ loading
        cov[2:, 2:][np.diag_indices(self.n_groups)] += 1.0 / c["h"]
        return cov, 1.0 / np.sqrt(c["h"])

    def log_marginal(self, theta: np.ndarray, tau: float) -> float:
        """Laplace approximation of log p(y | alpha, beta, tau), integrating u at the mode."""
        value, _ = self.objective(theta, tau)
        w = self.curvature(theta, tau)["w"]
        return value - 0.5 * float(np.sum(np.log1p(w * tau**2)))


class HazardModel:
    """The pooled hazard model of a dataset; ``fit()`` returns `HazardResults`.

    ``reference_date`` (default: the latest date in the data) is where time x = 0, so
    alpha is the log hazard there. ``beta_prior_sd=None`` removes the prior on the trend.
    """

    def __init__(self, dataset: Dataset, reference_date: object = None, *,
                 beta_prior_sd: float | None = BETA_PRIOR_SD,
                 tau_bounds: tuple[float, float] = TAU_BOUNDS):
        self.dataset = dataset
        self.reference_date = (dataset.latest_date() if reference_date is None
                               else pd.Timestamp(reference_date).normalize())
        districts = dataset.districts()
        self.district_codes: tuple[str, ...] = tuple(districts["district_code"])
        totals = dict(zip(districts["district_code"], districts["communes_total"]))
        self.table = at_risk_table(dataset.progress, totals, self.reference_date)
        self.beta_prior_sd = beta_prior_sd
        self.tau_bounds = tau_bounds

    def _check_estimable(self) -> None:
        table = self.table
        if table.empty:
            raise CdsAnalysisError(
                "the hazard model needs at least one district observed twice with communes still pending; "
                "these data have none (use model='last' or 'linear')")
        if table["events"].sum() == 0:
            raise CdsAnalysisError(
                f"no commune completed in any of the {len(table)} observed intervals, so the completion "
                "rate cannot be estimated (it would be zero); use model='last'")
        if (table["events"] == table["at_risk"]).all():
            raise CdsAnalysisError(
                "every pending commune completed within every observed interval, so the completion "
                "rate has no finite estimate")

    def fit(self, tau: float | None = None, *, maxiter: int = 100, tol: float = 1e-9) -> HazardResults:
        """Posterior mode and covariance; tau fixed if given, else by Laplace marginal likelihood."""
        self._check_estimable()
        problem = _PenalisedCloglog(self.table, self.district_codes, self.beta_prior_sd)
        rate = self.table["events"].sum() / np.sum(self.table["at_risk"] * self.table["duration"])
        theta = np.r_[np.log(rate), 0.0, np.zeros(len(self.district_codes))]
        if tau is None:
            tau, theta = self._choose_tau(problem, theta, maxiter)
        elif not (np.isfinite(tau) and tau > 0):
            raise CdsAnalysisError(f"tau must be a positive finite number; got {tau}")
        theta, converged, iterations = problem.mode(theta, tau, maxiter, tol)
        if not converged:
            warnings.warn(f"hazard model: Newton did not converge in {maxiter} iterations (tau={tau:.4g}); "
                          "estimates may be inaccurate", RuntimeWarning, stacklevel=2)
        cov, u_conditional_sd = problem.covariance(theta, tau)
        _, loglike = problem.objective(theta, tau)
        return HazardResults(
            district_codes=self.district_codes, alpha=float(theta[0]), beta=float(theta[1]),
            tau=float(tau), u=theta[2:].copy(), cov=cov, u_conditional_sd=u_conditional_sd,
            reference_date=self.reference_date, table=self.table, loglike=loglike,
            log_marginal=problem.log_marginal(theta, tau), converged=converged,
            iterations=iterations, beta_prior_sd=self.beta_prior_sd)

    def _choose_tau(self, problem: _PenalisedCloglog, theta: np.ndarray,
                    maxiter: int) -> tuple[float, np.ndarray]:
        from scipy.optimize import minimize_scalar

        state = {"theta": theta}

        def negative_log_marginal(log_tau: float) -> float:
            tau = float(np.exp(log_tau))
            mode, converged, _ = problem.mode(state["theta"], tau, maxiter, tol=1e-8)
            state["theta"] = mode
            return -problem.log_marginal(mode, tau) if converged else np.inf

        low, high = np.log(self.tau_bounds[0]), np.log(self.tau_bounds[1])
        result = minimize_scalar(negative_log_marginal, bounds=(low, high), method="bounded",
                                 options={"xatol": 1e-4})
        if not result.success or not np.isfinite(result.fun):
            warnings.warn(f"hazard model: the search for tau did not converge ({result.message})",
                          RuntimeWarning, stacklevel=3)
        return float(np.exp(result.x)), state["theta"]


def simulate_paths(alpha: np.ndarray, beta: np.ndarray, u: np.ndarray, state: StartState,
                   dates: pd.DatetimeIndex, rng: np.random.Generator, *,
                   hold_rate: bool = False) -> np.ndarray:
    """Step the pending communes forward: Binomial(pending, p_step) per draw, district and step.

    ``alpha``, ``beta`` have one value per draw and ``u`` is draws x districts. The first
    step of a district runs from its own last observation (possibly before ``dates[0]``).
    ``hold_rate``: after ``as_of`` the completion rate stays at its ``as_of`` level instead
    of following the trend (the "steady" sensitivity).
    """
    draws, n_districts = u.shape
    has_data = state.has_data
    days_from_origin = (dates - state.as_of).days.to_numpy(dtype=float)
    start_days = np.where(has_data, (state.start_dates - state.as_of).days.to_numpy(dtype=float,
                                                                                      na_value=0.0), 0.0)
    paths = np.zeros((draws, n_districts, len(dates)), dtype=np.int32)
    current = np.repeat(np.where(has_data, state.start, 0)[None, :], draws, axis=0).astype(np.int64)
    pending_cap = np.where(has_data, state.communes_total, 0)
    paths[:, :, 0] = current
    for k in range(1, len(dates)):
        begin = start_days if k == 1 else np.full(n_districts, days_from_origin[k - 1])
        end = days_from_origin[k]
        duration = (end - begin) / DAYS_PER_YEAR
        midpoint = (begin + end) / 2 / DAYS_PER_YEAR
        if hold_rate:
            midpoint = np.minimum(midpoint, 0.0)
        eta = alpha[:, None] + beta[:, None] * midpoint + u + np.log(duration)
        p_step = -np.expm1(-np.exp(np.minimum(eta, _ETA_RANGE[1])))
        current += rng.binomial(pending_cap - current, p_step)
        paths[:, :, k] = current
    return paths


def simulate(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
             rng: np.random.Generator, *, hold_rate: bool = False) -> tuple[np.ndarray, HazardResults]:
    """Fit on ``dataset`` (already cut at the origin), then simulate ``draws`` paths."""
    results = HazardModel(dataset, reference_date=state.as_of).fit()
    if results.district_codes != state.district_codes:  # pragma: no cover - both from dataset.districts()
        raise CdsAnalysisError("internal error: district order differs between fit and simulation")
    alpha, beta, u = results.sample(draws, rng)
    return simulate_paths(alpha, beta, u, state, dates, rng, hold_rate=hold_rate), results


def simulate_steady(dataset: Dataset, state: StartState, dates: pd.DatetimeIndex, draws: int,
                    rng: np.random.Generator) -> tuple[np.ndarray, HazardResults]:
    """The hazard model with each district's completion rate held at its ``as_of`` level.

    A sensitivity beside the default: the default carries the fitted time trend forward,
    which on short, accelerating histories drives most of a long-range forecast.
    """
    return simulate(dataset, state, dates, draws, rng, hold_rate=True)
