"""What a hazard fit returns: the grid posterior over (tau, sigma), its summaries and draws."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from cdsanalysis.model.hazard_fit import Mode


def half_year(dates: pd.DatetimeIndex | pd.Timestamp) -> np.ndarray:
    """Calendar half-year number of each date: 2 x year, plus 1 from July (consecutive integers)."""
    index = pd.DatetimeIndex(np.atleast_1d(np.asarray(dates, dtype="datetime64[ns]")))
    return (index.year.to_numpy() * 2 + (index.month.to_numpy() >= 7)).astype(np.int64)


def half_year_label(period: int) -> str:
    """"2024-H1" for the first half of 2024."""
    return f"{period // 2}-H{period % 2 + 1}"


def _weighted_quantile(values: np.ndarray, weights: np.ndarray, q: float) -> float:
    """The smallest grid value whose cumulative posterior weight reaches ``q``."""
    order = np.argsort(values, kind="stable")
    cdf = np.cumsum(weights[order])
    return float(values[order][min(np.searchsorted(cdf, q), len(cdf) - 1)])


@dataclass(frozen=True, eq=False)
class ParameterDraws:
    """Parameter draws for the simulation: one row per path.

    ``shocks_observed`` (draws x observed half-years) are the fitted shocks of ``periods``;
    `shock_table` adds the future (and any unobserved) half-years.
    """

    alpha: np.ndarray
    beta: np.ndarray
    u: np.ndarray
    sigma: np.ndarray
    shocks_observed: np.ndarray
    periods: np.ndarray
    structure: str | None
    season: np.ndarray | None = None
    depletion: np.ndarray | None = None

    def effect(self, name: str) -> np.ndarray:
        """One draw per path of ``season`` or ``depletion`` (zeros when the fit had no such effect)."""
        value = getattr(self, name)
        return np.zeros(len(self.alpha)) if value is None else value

    def shock_table(self, first: int, last: int, rng: np.random.Generator) -> tuple[np.ndarray, int]:
        """Shocks of half-years ``first..last`` (and every observed one): (draws x half-years, first number).

        iid: an unobserved half-year draws N(0, sigma^2). rw: after the last observed
        half-year the walk goes on with N(0, sigma^2) steps; an unobserved earlier one takes
        the next observed half-year's value. No shocks: zeros.
        """
        n = len(self.alpha)
        low = min(first, int(self.periods[0])) if len(self.periods) else first
        high = max(last, int(self.periods[-1])) if len(self.periods) else last
        table = np.zeros((n, high - low + 1))
        if self.structure is None:
            return table, low
        observed = {int(p): i for i, p in enumerate(self.periods)}
        noise = rng.standard_normal((n, high - low + 1)) * self.sigma[:, None]
        latest = int(self.periods[-1]) if len(self.periods) else low - 1
        for b in range(low, high + 1):
            column = b - low
            if b in observed:
                table[:, column] = self.shocks_observed[:, observed[b]]
            elif self.structure == "iid":
                table[:, column] = noise[:, column]
            elif b > latest:  # the walk goes on from the last observed half-year (0 with none)
                table[:, column] = (table[:, column - 1] if column > 0 else 0.0) + noise[:, column]
            else:
                after = int(self.periods[np.searchsorted(self.periods, b)])
                table[:, column] = self.shocks_observed[:, observed[after]]
        return table, low


@dataclass(frozen=True, eq=False)
class HazardResults:
    """The fitted hazard model: a posterior over a (tau, sigma) grid and each cell's mode.

    ``grid`` has one row per cell (``tau, sigma, log_marginal, converged, weight``) and
    ``cells`` the matching `hazard_fit.Mode` (f = [fixed effects, shock parameters], u; the fixed
    effects are named by ``fixed_effects``: alpha, beta, then season and depletion when fitted).
    The point estimates (``alpha``, ``u`` ...) are those of the most probable cell;
    `summary` averages over the grid; `sample` draws from the whole posterior.
    """

    district_codes: tuple[str, ...]
    reference_date: pd.Timestamp
    table: pd.DataFrame
    shocks: str | None
    periods: np.ndarray
    grid: pd.DataFrame
    cells: tuple[Mode, ...]
    beta_prior_sd: float | None
    fixed_effects: tuple[str, ...] = ("alpha", "beta")

    @property
    def n_fixed(self) -> int:
        return len(self.fixed_effects)

    def fixed_value(self, name: str) -> float:
        """The most probable cell's estimate of a fixed effect (0 when not fitted)."""
        return float(self.best.f[self.fixed_effects.index(name)]) if name in self.fixed_effects else 0.0

    @property
    def best(self) -> Mode:
        return self.cells[int(np.argmax(self.grid["weight"].to_numpy()))]

    def _best_row(self) -> pd.Series:
        return self.grid.iloc[int(np.argmax(self.grid["weight"].to_numpy()))]

    alpha = property(lambda self: float(self.best.f[0]))
    beta = property(lambda self: float(self.best.f[1]))
    u = property(lambda self: self.best.u)
    tau = property(lambda self: float(self._best_row()["tau"]))
    sigma = property(lambda self: float(self._best_row()["sigma"]))
    converged = property(lambda self: bool(self.best.converged))
    iterations = property(lambda self: int(self.best.iterations))
    loglike = property(lambda self: float(self.best.loglike))
    log_marginal = property(lambda self: float(self.best.log_marginal))

    @property
    def cov(self) -> np.ndarray:
        """Covariance of [alpha, beta, shock parameters, u] in the most probable cell."""
        return self.best.covariance()

    def _shock_matrix(self) -> np.ndarray:
        """Half-year shocks = matrix @ shock parameters (identity for iid; sums of steps for rw)."""
        k = len(self.periods)
        if self.shocks == "iid":
            return np.eye(k)
        if self.shocks == "rw":
            return -(np.arange(k)[:, None] < np.arange(1, k)[None, :]).astype(float)
        return np.zeros((k, 0))

    def period_effects(self) -> pd.DataFrame:
        """Per observed half-year: the shared shock e_k and its sd (most probable cell)."""
        matrix, best = self._shock_matrix(), self.best
        n = self.n_fixed
        cov = best.cov_f[n:, n:]
        return pd.DataFrame({"period": [half_year_label(int(p)) for p in self.periods],
                             "shock": matrix @ best.f[n:],
                             "se": np.sqrt(np.maximum(np.diag(matrix @ cov @ matrix.T), 0.0))})

    def _mixture(self) -> tuple[np.ndarray, np.ndarray]:
        """Posterior mean and sd of the fixed effects over the grid (law of total variance)."""
        w = self.grid["weight"].to_numpy()
        n = self.n_fixed
        means = np.array([c.f[:n] for c in self.cells])
        variances = np.array([np.diag(c.cov_f)[:n] for c in self.cells])
        mean = w @ means
        return mean, np.sqrt(w @ (variances + (means - mean) ** 2))

    def summary(self, level: float = 0.95) -> pd.DataFrame:
        """alpha, beta, tau and sigma over the posterior: mean, sd and a central interval."""
        z = NormalDist().inv_cdf(0.5 + level / 2)
        mean, sd = self._mixture()
        rows = [(mean[i], sd[i], mean[i] - z * sd[i], mean[i] + z * sd[i]) for i in range(self.n_fixed)]
        w = self.grid["weight"].to_numpy()
        for name in ("tau", "sigma"):
            values = self.grid[name].to_numpy(dtype=float)
            if np.isnan(values).all():
                rows.append((np.nan, np.nan, np.nan, np.nan))
                continue
            m = float(w @ values)
            rows.append((m, float(np.sqrt(w @ (values - m) ** 2)), _weighted_quantile(values, w, (1 - level) / 2),
                         _weighted_quantile(values, w, (1 + level) / 2)))
        frame = pd.DataFrame(rows, columns=["estimate", "std_error", "lower", "upper"])
        meanings = {
            "alpha": f"log hazard per year of a typical district on {self.reference_date:%Y-%m-%d}",
            "beta": "change of the log hazard per year (trend)",
            "season": "log hazard of July-December against January-June (a year-end rush)",
            "depletion": "power of the share of communes pending (the hard core: hazard x share^v)",
        }
        frame.insert(0, "parameter", [*self.fixed_effects, "tau", "sigma"])
        frame["meaning"] = [meanings[name] for name in self.fixed_effects] + [
            "sd of the district effects u_d",
            f"sd of the province-wide shock of a half-year ({self.shocks or 'none'})",
        ]
        return frame

    @property
    def params(self) -> pd.Series:
        """alpha, beta, tau, sigma, then u[code] per district (most probable cell)."""
        names = ["alpha", "beta", "tau", "sigma"] + [f"u[{code}]" for code in self.district_codes]
        return pd.Series(np.r_[self.alpha, self.beta, self.tau, self.sigma, self.u], index=names, name="estimate")

    @property
    def bse(self) -> pd.Series:
        """Posterior sd of alpha, beta and each u_d in the most probable cell; tau and sigma: NaN."""
        best = self.best
        sd = np.r_[np.sqrt(np.diag(best.cov_f)[:2]), np.nan, np.nan, best.u_marginal_sd()]
        return pd.Series(sd, index=self.params.index, name="std_error")

    def to_frame(self) -> pd.DataFrame:
        """Per district: effect u_d, its sd, hazard per year now, P(a pending commune completes in a year)."""
        hazard = np.exp(self.alpha + self.u)
        return pd.DataFrame({
            "district_code": list(self.district_codes),
            "u": self.u,
            "se": self.best.u_marginal_sd(),
            "hazard_per_year": hazard,
            "p_complete_year": -np.expm1(-hazard),
        })

    def sample(self, draws: int, rng: np.random.Generator) -> ParameterDraws:
        """Draw a grid cell per path by weight, then (f, u) from its Gaussian: O(draws x districts)."""
        counts = rng.multinomial(draws, self.grid["weight"].to_numpy())
        parts = []
        for cell, count, sigma in zip(self.cells, counts, self.grid["sigma"].to_numpy(), strict=True):
            if count == 0:
                continue
            root = np.linalg.cholesky(cell.cov_f + 1e-12 * np.eye(len(cell.f)))
            f = cell.f + rng.standard_normal((count, len(cell.f))) @ root.T
            noise = rng.standard_normal((count, len(cell.u))) * cell.u_sd
            u = cell.u + (f - cell.f) @ cell.loading.T + noise
            parts.append((f, u, np.full(count, sigma if np.isfinite(sigma) else 0.0)))
        f = np.concatenate([p[0] for p in parts])
        shocks = f[:, self.n_fixed:] @ self._shock_matrix().T
        named = {name: f[:, i] for i, name in enumerate(self.fixed_effects)}
        return ParameterDraws(alpha=f[:, 0], beta=f[:, 1], u=np.concatenate([p[1] for p in parts]),
                              sigma=np.concatenate([p[2] for p in parts]), shocks_observed=shocks,
                              periods=self.periods, structure=self.shocks, season=named.get("season"),
                              depletion=named.get("depletion"))

    def _repr_html_(self) -> str:
        head = (f"<b>HazardResults</b> reference date {self.reference_date:%Y-%m-%d}, "
                f"{len(self.district_codes)} districts, {len(self.table)} at-risk intervals, "
                f"{int(self.table['events'].sum())} completions, shocks: {self.shocks or 'none'}; "
                f"{'converged' if self.converged else '<b>not converged</b>'}")
        return head + self.summary().to_html(index=False, float_format="{:.4g}".format)

    def __repr__(self) -> str:
        return (f"HazardResults(alpha={self.alpha:.4g}, beta={self.beta:.4g}, tau={self.tau:.4g}, "
                f"sigma={self.sigma:.4g}, shocks={self.shocks!r}, districts={len(self.district_codes)})")
