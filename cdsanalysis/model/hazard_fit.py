"""The penalised cloglog binomial fit behind the hazard model: Newton on block-arrow Hessians.

Rows are (district, interval) pairs with ``n`` communes at risk and ``y`` completions;
the linear predictor is ``offset + X @ f + u[group]``. ``f`` holds the province-level
parameters (alpha, beta, the fixed effects and the period effects) with independent normal
priors of precision ``prior`` (0 = flat) around ``prior_mean`` (0 unless given), and ``u`` the
district effects, N(0, tau^2). The
negative Hessian is arrow-shaped: a small dense block for ``f``, a diagonal block for
``u`` and their cross terms, so a Newton step costs O(rows x p^2 + districts x p) and
nothing of size rows x districts or districts x districts is ever built.

The cloglog binomial log-likelihood is concave in the linear predictor, so the observed
Hessian plus the prior precisions is positive definite and Newton with step halving is safe.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.wording.messages import said

ETA_RANGE = (-50.0, 30.0)
"""Clip of the linear predictor: keeps exp() finite, far outside any fitted value."""


@dataclass(frozen=True, eq=False)
class Mode:
    """A posterior mode and the pieces of its Gaussian approximation.

    ``cov_f``: covariance of ``f`` (inverse Schur complement); ``loading``: districts x p,
    E[u | f] = u + loading @ (f - f_mode); ``u_sd``: sd of each u_d given f.
    """

    f: np.ndarray
    u: np.ndarray
    cov_f: np.ndarray
    loading: np.ndarray
    u_sd: np.ndarray
    loglike: float
    log_marginal: float
    converged: bool
    iterations: int

    def u_marginal_sd(self) -> np.ndarray:
        """Posterior sd of each u_d, f integrated out (diagonal only: O(districts x p^2))."""
        extra = np.einsum("dp,pq,dq->d", self.loading, self.cov_f, self.loading)
        return np.sqrt(self.u_sd**2 + extra)

    def covariance(self) -> np.ndarray:
        """The full covariance of [f, u] (p + districts square): for small problems and tests."""
        p = len(self.f)
        cov = np.empty((p + len(self.u), p + len(self.u)))
        cov[:p, :p] = self.cov_f
        cov[p:, :p] = self.loading @ self.cov_f
        cov[:p, p:] = cov[p:, :p].T
        cov[p:, p:] = self.loading @ self.cov_f @ self.loading.T + np.diag(self.u_sd**2)
        return cov


class PenalisedCloglog:
    """Log-likelihood, score and observed Hessian of the cloglog binomial model with priors."""

    def __init__(self, n: np.ndarray, y: np.ndarray, offset: np.ndarray, design: np.ndarray,
                 group: np.ndarray, n_groups: int, prior_mean: np.ndarray | None = None):
        self.n, self.y = np.asarray(n, dtype=float), np.asarray(y, dtype=float)
        self.offset = np.asarray(offset, dtype=float)
        self.design = np.asarray(design, dtype=float)
        self.group = np.asarray(group, dtype=np.intp)
        self.n_groups = int(n_groups)
        self.prior_mean = (np.zeros(self.design.shape[1]) if prior_mean is None
                           else np.asarray(prior_mean, dtype=float))

    def _sum(self, values: np.ndarray) -> np.ndarray:
        return np.bincount(self.group, weights=values, minlength=self.n_groups)

    def _mu_p(self, f: np.ndarray, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        eta = self.offset + self.design @ f + u[self.group]
        mu = np.exp(np.clip(eta, *ETA_RANGE))
        return mu, -np.expm1(-mu)

    def objective(self, f: np.ndarray, u: np.ndarray, prior: np.ndarray, tau: float) -> tuple[float, float]:
        """(penalised log-likelihood, log-likelihood), both without binomial constants."""
        mu, p = self._mu_p(f, u)
        loglike = float(np.sum(self.y * np.log(np.maximum(p, 1e-300)) - (self.n - self.y) * mu))
        penalty = 0.5 * float(u @ u) / tau**2 + 0.5 * float(np.sum(prior * (f - self.prior_mean) ** 2))
        return loglike - penalty, loglike

    def curvature(self, f: np.ndarray, u: np.ndarray, prior: np.ndarray, tau: float) -> dict:
        """Scores and the blocks of the negative Hessian (h: its diagonal u block)."""
        mu, p = self._mu_p(f, u)
        ratio_minus_one = np.where(mu < 1e-5, mu / 2 + mu**2 / 12, mu / np.maximum(p, 1e-300) - 1)
        ratio = 1 + ratio_minus_one  # mu / (1 - exp(-mu))
        score = self.y * ratio - self.n * mu
        weight = (self.n - self.y) * mu + self.y * ratio * np.exp(-mu) * ratio_minus_one
        weighted = self.design * weight[:, None]
        h_fu = np.stack([self._sum(column) for column in weighted.T]) if self.design.shape[1] else \
            np.zeros((0, self.n_groups))
        w = self._sum(weight)
        return {
            "score_f": self.design.T @ score - prior * (f - self.prior_mean),
            "score_u": self._sum(score) - u / tau**2,
            "h_ff": self.design.T @ weighted + np.diag(prior),
            "h_fu": h_fu, "w": w, "h": w + 1.0 / tau**2,
        }

    @staticmethod
    def _schur(c: dict) -> np.ndarray:
        return c["h_ff"] - (c["h_fu"] / c["h"]) @ c["h_fu"].T

    def newton_step(self, f: np.ndarray, u: np.ndarray, prior: np.ndarray,
                    tau: float) -> tuple[np.ndarray, np.ndarray]:
        c = self.curvature(f, u, prior, tau)
        rhs = c["score_f"] - c["h_fu"] @ (c["score_u"] / c["h"])
        try:
            step_f = np.linalg.solve(self._schur(c), rhs)
        except np.linalg.LinAlgError as err:
            raise CdsAnalysisError(said("forecast_effects_confounded")) from err
        step_u = (c["score_u"] - c["h_fu"].T @ step_f) / c["h"]
        return step_f, step_u

    def mode(self, f: np.ndarray, u: np.ndarray, prior: np.ndarray, tau: float, *,
             maxiter: int = 100, tol: float = 1e-9) -> Mode:
        """Newton with step halving to the posterior mode, then its Gaussian approximation."""
        value, _ = self.objective(f, u, prior, tau)
        converged, iteration = False, 0
        for iteration in range(1, maxiter + 1):  # noqa: B007 - the count is reported
            step_f, step_u = self.newton_step(f, u, prior, tau)
            for _ in range(40):
                new_f, new_u = f + step_f, u + step_u
                new_value, _ = self.objective(new_f, new_u, prior, tau)
                if new_value >= value - 1e-12 * abs(value):
                    break
                step_f, step_u = step_f / 2, step_u / 2
            f, u, value = new_f, new_u, new_value
            if max(np.max(np.abs(step_f), initial=0.0), np.max(np.abs(step_u), initial=0.0)) < tol:
                converged = True
                break
        return self._approximation(f, u, prior, tau, converged, iteration)

    def _approximation(self, f: np.ndarray, u: np.ndarray, prior: np.ndarray, tau: float,
                       converged: bool, iterations: int) -> Mode:
        c = self.curvature(f, u, prior, tau)
        schur = self._schur(c)
        cov_f = np.linalg.inv(schur)
        value, loglike = self.objective(f, u, prior, tau)
        # Laplace: integrate u and every f with a proper prior; flat-prior entries add a constant.
        sign, logdet_schur = np.linalg.slogdet(schur)
        proper = prior > 0
        log_marginal = (value - 0.5 * float(np.sum(np.log(c["h"]))) - self.n_groups * np.log(tau)
                        - 0.5 * logdet_schur + 0.5 * float(np.sum(np.log(prior[proper]))))
        return Mode(f=f, u=u, cov_f=cov_f, loading=-(c["h_fu"] / c["h"]).T, u_sd=1.0 / np.sqrt(c["h"]),
                    loglike=loglike, log_marginal=float(log_marginal) if sign > 0 else -np.inf,
                    converged=converged, iterations=iterations)
