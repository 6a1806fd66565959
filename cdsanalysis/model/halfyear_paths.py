"""Simulated paths by calendar half-year, recognitions timed within each half-year as in rounds.

The hazard model gives each district's chance that a pending commune is recognised within a
half-year (`hazard`); this module turns parameter draws into paths:

1. **What has been recognised since the last anchor is conditioned on.** A district's open
   segment runs from its last anchor (count c) to the end of the half-year after its last
   report (count x on that date). Its recognitions H over the segment are Binomial(pending,
   p) *given H >= x - c*: a round already held shows up as a large x - c and leaves little to
   come; a quiet first months leaves the whole half-year's chance. Nothing is read as a pace.
   When the province's last round came before the anchor (`anchors.last_round_date`), the months
   since it are a backlog the next round brings: the segment also counts them, at the trend's pace.
2. **Each later half-year** draws Binomial(pending, p_k) with that half-year's shared shock,
   season and depletion (the pending share at its start); within a step the pending communes'
   readiness is unequal (`completion_chance`), so no step finishes a district for certain.
3. **Timing inside a half-year.** A forecast date inside a half-year gets the share of that
   half-year's recognitions made by then: one Dirichlet(kappa/6, ...) split of the half-year
   over its six months per path, shared by every district (the province decides in rounds);
   kappa is estimated from past reports (`anchors.timing_concentration`), or from the decisions'
   own dates when the folder has recognition records (`anchors.round_timing`): small when the
   data come in rounds, large when they flow. The expected share is the share of time gone.

A district whose last report is months old is simulated from that report: the months since
are forecast, not assumed to have passed without change.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import binom

from cdsanalysis.model.hazard_fit import ETA_RANGE
from cdsanalysis.model.hazard_results import ParameterDraws, half_year
from cdsanalysis.settings import DAYS_PER_YEAR

MONTHS_PER_HALF = 6
TREND_PERSISTENCE_YEARS: float | None = 1.0
"""Mean of the exponential number of years, drawn per path, after which the fitted trend stops moving
the hazard (None: it never stops). A trend carried forward for ever turns acceleration into
saturation; a random stop is the damped trend of forecasting practice, path by path: a third of the
paths still follow the trend a year on. The scenario families score the same with 1, 2 or no stop
(within 0.01, tuning seed 1); on the real case (docs/calibration.md) an undamped trend gave P >= 0.9
to a target that was missed. docs/assumptions.md M4."""
TAIL_FLOOR = 1e-12
"""Below this chance of reaching what was already recognised, the segment ends where it stands."""


def half_year_bounds(period: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """(start, end] of half-year ``period`` (`half_year` numbering): 31 Dec / 30 Jun to 30 Jun / 31 Dec."""
    year, second = divmod(int(period), 2)
    end = pd.Timestamp(year, 12, 31) if second else pd.Timestamp(year, 6, 30)
    start = pd.Timestamp(year, 6, 30) if second else pd.Timestamp(year - 1, 12, 31)
    return start, end


def truncated_binomial(rng: np.random.Generator, n: np.ndarray, p: np.ndarray, at_least: np.ndarray) -> np.ndarray:
    """Binomial(n, p) draws given the draw is at least ``at_least`` (inverse CDF; exact)."""
    n = np.asarray(n, dtype=np.int64)
    at_least = np.minimum(np.asarray(at_least, dtype=np.int64), n)
    p = np.clip(np.asarray(p, dtype=float), 0.0, 1.0)
    out = rng.binomial(n, p)
    truncated = at_least > 0
    if not truncated.any():
        return out
    nt, pt, mt = n[truncated], p[truncated], at_least[truncated]
    below = binom.cdf(mt - 1, nt, pt)
    tail = binom.sf(mt - 1, nt, pt)
    uniform = below + rng.random(len(nt)) * tail
    drawn = np.where(tail > TAIL_FLOOR, binom.ppf(np.minimum(uniform, 1.0), nt, pt), mt)
    out[truncated] = np.clip(np.nan_to_num(drawn, nan=mt), mt, nt).astype(np.int64)
    return out


def completion_chance(cumulative_hazard: np.ndarray, depletion: np.ndarray) -> np.ndarray:
    """P(a pending commune is recognised) over a step with this cumulative hazard, readiness unequal.

    The depletion coefficient v is read as the variance of gamma-distributed readiness among the
    pending communes (`hazard.DEPLETION_PRIOR_MEAN`): their survival over the step is then
    (1 + v x hazard)^(-1/v), not exp(-hazard), so a large hazard leaves the least ready communes
    pending instead of finishing every one (the hard core). v <= 0 gives the exponential.
    """
    v = np.broadcast_to(np.asarray(depletion, dtype=float)[:, None], cumulative_hazard.shape)
    plain = -np.expm1(-cumulative_hazard)
    safe = np.where(v > 1e-6, v, 1.0)
    frail = -np.expm1(-np.log1p(safe * cumulative_hazard) / safe)
    return np.where(v > 1e-6, frail, plain)


def _month_edges(period: int) -> np.ndarray:
    """Day numbers (days since epoch) of the half-year's start and its six month ends."""
    start, _ = half_year_bounds(period)
    edges = [start + pd.offsets.MonthEnd(i) for i in range(MONTHS_PER_HALF + 1)]
    return pd.DatetimeIndex(edges).to_numpy(dtype="datetime64[D]").astype(np.int64)


def _timing(rng: np.random.Generator, draws: int, concentration: float) -> np.ndarray:
    """Cumulative shares at the half-year's start and month ends: draws x 7, from 0 to 1."""
    gamma = np.maximum(rng.gamma(concentration / MONTHS_PER_HALF, size=(draws, MONTHS_PER_HALF)), 1e-300)
    shares = gamma / gamma.sum(axis=1, keepdims=True)
    return np.concatenate([np.zeros((draws, 1)), np.cumsum(shares, axis=1)], axis=1)


def _share_by(cumulative: np.ndarray, edges: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Share of the half-year's recognitions made by ``day`` (draws x districts, or draws x 1)."""
    day = np.clip(day, edges[0], edges[-1])
    month = np.clip(np.searchsorted(edges, day, side="left") - 1, 0, MONTHS_PER_HALF - 1)
    fraction = (day - edges[month]) / (edges[month + 1] - edges[month])
    low = np.take_along_axis(cumulative, np.broadcast_to(month, (cumulative.shape[0], month.shape[-1])), axis=1)
    high = np.take_along_axis(cumulative, np.broadcast_to(month + 1, (cumulative.shape[0], month.shape[-1])), axis=1)
    return low + fraction * (high - low)


def simulate_half_years(draws: ParameterDraws, segments: pd.DataFrame, communes_total: np.ndarray,
                        as_of: pd.Timestamp, dates: pd.DatetimeIndex, rng: np.random.Generator, *,
                        concentration: float, hold_rate: bool = False) -> np.ndarray:
    """Paths (draws x districts x dates) from each district's open segment (`anchors.open_segments`).

    ``hold_rate``: the trend stops at ``as_of`` (the "steady" sensitivity); shocks still come.
    """
    n_draws, n_districts = draws.u.shape
    totals = np.asarray(communes_total, dtype=np.int64)
    has_data = ~pd.isna(segments["last_date"]).to_numpy()
    anchor_day = _days(segments["anchor_date"], as_of)
    last_day = _days(segments["last_date"], as_of)
    anchor_count = segments["anchor_count"].to_numpy(dtype=np.int64)
    last_count = np.maximum(segments["last_count"].to_numpy(dtype=np.int64), anchor_count)
    paths = np.zeros((n_draws, n_districts, len(dates)), dtype=np.int32)
    if not has_data.any():
        return paths
    epoch_as_of = int(np.datetime64(as_of, "D").astype(np.int64))
    # the half-year closing each open segment; the first half-year any segment touches
    closing = half_year(as_of + pd.to_timedelta(np.where(has_data, last_day, 0) + 1, unit="D"))
    opening = half_year(as_of + pd.to_timedelta(np.where(has_data, anchor_day, 0) + 1, unit="D"))
    last_period = int(half_year(dates[-1])[0])
    first_period = int(min(opening[has_data].min(), closing[has_data].min()))
    shock, offset = draws.shock_table(first_period, max(last_period, int(closing[has_data].max())), rng)
    season, depletion = draws.effect("season"), draws.effect("depletion")
    if hold_rate:
        trend_stop = np.zeros(n_draws)
    elif TREND_PERSISTENCE_YEARS is None:
        trend_stop = np.full(n_draws, np.inf)
    else:
        trend_stop = rng.exponential(TREND_PERSISTENCE_YEARS, size=n_draws)
    base = draws.alpha[:, None] + draws.u

    def log_hazard(period: int, pending: np.ndarray, *, shocked: bool = True) -> np.ndarray:
        """draws x districts log hazard per year in ``period`` with ``pending`` communes (draws x districts).

        ``shocked=False``: the trend's level, without the half-year's shock (the backlog's pace)."""
        start, end = half_year_bounds(period)
        middle = ((start - as_of).days + (end - as_of).days) / 2 / DAYS_PER_YEAR
        moved = np.where(middle > 0, np.minimum(middle, trend_stop), middle)  # the past keeps its trend
        share = np.log(np.maximum(pending, 1) / np.maximum(totals, 1)[None, :])
        level = shock[:, period - offset] if shocked else 0.0
        eta = (base + (draws.beta * moved + season * (period % 2) + level)[:, None]
               + depletion[:, None] * share)
        return np.minimum(eta, ETA_RANGE[1])

    # 1. the open segment: cumulative hazard from the anchor to the closing half-year's end, plus the
    # backlog since the province's last round at the trend's pace (its quiet half-year's shock was timing)
    pending_at_anchor = np.broadcast_to(np.where(has_data, totals - anchor_count, 0), (n_draws, n_districts))
    backlog_day = np.minimum(_days(segments["backlog_from"], as_of), anchor_day)
    first_day = int(np.where(has_data, backlog_day, anchor_day)[has_data].min())
    cumulative = np.zeros((n_draws, n_districts))
    periods = range(int(half_year(as_of + pd.Timedelta(days=first_day + 1))[0]), int(closing[has_data].max()) + 1)
    for shocked in (False, True):  # the backlog before the anchor, then the segment after it
        for period in periods:
            start, end = ((day - as_of).days for day in half_year_bounds(period))
            if shocked:
                days = np.where(period <= closing, end, start) - np.maximum(start, anchor_day)
            else:
                days = np.minimum(end, anchor_day) - np.maximum(start, backlog_day)
            overlap = np.where(has_data, np.maximum(days, 0), 0) / DAYS_PER_YEAR
            if overlap.any():
                cumulative += np.exp(log_hazard(period, pending_at_anchor, shocked=shocked)) * overlap[None, :]
    already = np.where(has_data, last_count - anchor_count, 0)
    segment_total = truncated_binomial(rng, pending_at_anchor,
                                       completion_chance(cumulative, depletion),
                                       np.broadcast_to(already, cumulative.shape))
    remainder = segment_total - already[None, :]
    # state per district: count at the start of the current piece, its size, what has been placed
    count_start = np.broadcast_to(np.where(has_data, last_count, 0), (n_draws, n_districts)).astype(np.int64)
    size, placed = remainder.astype(np.int64), np.zeros((n_draws, n_districts), dtype=np.int64)
    share_done = np.zeros((n_draws, n_districts))
    paths[:] = np.where(has_data, last_count, 0)[None, :, None]  # dates before any segment closes
    date_days = dates.to_numpy(dtype="datetime64[D]").astype(np.int64)
    date_period = half_year(dates)
    for period in range(int(closing[has_data].min()), last_period + 1):
        edges = _month_edges(period)
        timing = _timing(rng, n_draws, concentration)
        fresh = has_data & (period > closing)
        if fresh.any():  # a whole half-year after the open segment
            count_start = np.where(fresh[None, :], count_start + size, count_start)
            pending = totals[None, :] - count_start
            eta = log_hazard(period, pending)
            half = (edges[-1] - edges[0]) / DAYS_PER_YEAR
            drawn = rng.binomial(np.maximum(pending, 0), completion_chance(np.exp(eta) * half, depletion))
            size = np.where(fresh[None, :], drawn, size)
            placed = np.where(fresh[None, :], 0, placed)
            share_done = np.where(fresh[None, :], 0.0, share_done)
        # the share already gone at the open segment's last report, for districts closing here
        closing_here = has_data & (closing == period)
        start_share = _share_by(timing, edges, (last_day + epoch_as_of)[None, :]) if closing_here.any() else None
        for k in np.flatnonzero(date_period == period):
            by_date = _share_by(timing, edges, np.array([[date_days[k]]]))  # draws x 1
            if start_share is not None:
                left = 1.0 - start_share
                relative = np.where(left > 1e-9, (by_date - start_share) / np.where(left > 1e-9, left, 1.0),
                                    _linear(date_days[k], last_day + epoch_as_of, edges[-1])[None, :])
                target = np.where(closing_here[None, :], np.clip(relative, 0.0, 1.0), by_date)
            else:
                target = np.broadcast_to(by_date, share_done.shape)
            active = has_data[None, :] & (date_days[k] > last_day + epoch_as_of)[None, :]
            step = np.where(share_done < 1.0, (target - share_done) / np.maximum(1.0 - share_done, 1e-12), 1.0)
            step = np.where(active, np.clip(step, 0.0, 1.0), 0.0)
            placed = placed + rng.binomial(size - placed, step)
            share_done = np.where(active, np.maximum(share_done, target), share_done)
            paths[:, :, k] = np.where(has_data[None, :], count_start + placed, 0)
    return paths


def _days(column: pd.Series, as_of: pd.Timestamp) -> np.ndarray:
    """Days from ``as_of`` (0 where missing)."""
    values = (pd.DatetimeIndex(column) - as_of).days.to_numpy(dtype=float, na_value=0.0)
    return values.astype(np.int64)


def _linear(day: int, begin: np.ndarray, end: int) -> np.ndarray:
    """Share of (begin, end] gone by ``day``: the timing when the drawn split has nothing left there."""
    return np.clip((day - begin) / np.maximum(end - begin, 1), 0.0, 1.0)
