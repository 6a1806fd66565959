"""Simulated paths of each district's completed communes, and their summaries.

``forecast()`` fits a model on what was known at ``as_of`` and simulates integer paths
(draws x districts x dates). Everything a reader sees is computed from those paths:
quantiles per district, and the province as the *sum of district paths* (never a sum
of district quantiles, which would overstate the spread).

Quantiles use numpy's ``inverted_cdf`` method (the smallest value whose empirical CDF
reaches the level), so summaries of integer paths are whole communes and
``lower <= median <= upper`` always holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from numbers import Integral
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cdsanalysis.data.dates import parse_date
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.registry import StartState, get_simulator
from cdsanalysis.settings import DEFAULT_THRESHOLDS, check_draws, check_path_memory, province_name
from cdsanalysis.wording.messages import said

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset

QUANTILE_METHOD = "inverted_cdf"
SUMMARY_COLUMNS = ["district_code", "date", "mean", "median", "lower", "upper"]


def default_until(dataset: Dataset, as_of: pd.Timestamp) -> pd.Timestamp:
    """The last target deadline after ``as_of``; a year after it (a month end) when there is none."""
    deadlines = pd.DatetimeIndex(dataset.targets["deadline"])
    future = deadlines[deadlines > as_of]
    return future.max() if len(future) else as_of + pd.offsets.MonthEnd(12)


def forecast_dates(as_of: object, until: object, extra_dates: Iterable[object] = ()) -> pd.DatetimeIndex:
    """The grid: as_of, every 30 June and 31 December in (as_of, until], and extra dates in that range."""
    start, end = parse_date(as_of, "as_of"), parse_date(until, "until")
    if end < start:
        raise CdsAnalysisError(said("until_before", until=end, as_of=start))
    half_years = [pd.Timestamp(year, month, day) for year in range(start.year, end.year + 1)
                  for month, day in ((6, 30), (12, 31))]
    extra = [parse_date(value, "a forecast date") for value in extra_dates]
    inside = [d for d in half_years + extra if start < d <= end]
    return pd.DatetimeIndex(sorted({start, *inside}), name="date").astype("datetime64[ns]")


@dataclass(frozen=True, eq=False)
class Forecast:
    """Simulated paths and what they say; made by `forecast`.

    ``paths[draw, district, date]`` counts completed communes (an integer array; one
    draw for the deterministic baselines). ``paths[:, j, 0]`` is ``start[j]``, the last
    observation on or before ``as_of``. Districts with no observation by then have
    ``has_data`` False: their paths are zeros and carry no meaning, and their
    summaries are NaN.
    """

    dataset: Dataset
    as_of: pd.Timestamp
    model: str
    seed: int | None
    dates: pd.DatetimeIndex
    district_codes: tuple[str, ...]
    communes_total: np.ndarray
    start: np.ndarray
    start_dates: pd.DatetimeIndex
    paths: np.ndarray
    fit_results: Any = None

    @property
    def draws(self) -> int:
        return int(self.paths.shape[0])

    @property
    def has_data(self) -> np.ndarray:
        return np.asarray(~self.start_dates.isna())

    @property
    def complete(self) -> bool:
        """True when every district has data, so the province sum is meaningful."""
        return bool(self.has_data.all())

    def _district_index(self, district: object) -> int | None:
        """Position of a district (code or name); None for the province ("")."""
        if district == "" or district is None:
            return None
        code = district if district in self.district_codes else self.dataset.district_code(district)
        return self.district_codes.index(code)

    def _date_index(self, date: object) -> int:
        stamp = parse_date(date, "date")
        position = self.dates.get_indexer([stamp])[0]
        if position < 0:
            listed = ", ".join(f"{d:%Y-%m-%d}" for d in self.dates)
            raise CdsAnalysisError(said("not_forecast_date", date=stamp, dates=listed))
        return int(position)

    def province_paths(self) -> np.ndarray:
        """Sum of the district paths, draws x dates (int64); over districts with data only."""
        return self.paths[:, self.has_data, :].sum(axis=1, dtype=np.int64)

    def district_paths(self, district: object) -> np.ndarray:
        """Paths of one district (code or name; "" = the province), draws x dates."""
        index = self._district_index(district)
        return self.province_paths() if index is None else self.paths[:, index, :]

    def p_at_least(self, district: object, date: object, k: int) -> float:
        """Share of paths with at least ``k`` communes completed on ``date`` (a forecast date)."""
        index, position = self._district_index(district), self._date_index(date)
        if (index is None and not self.complete) or (index is not None and not self.has_data[index]):
            return float("nan")
        return float(np.mean(self.district_paths(district)[:, position] >= k))

    def summary(self, level: float = DEFAULT_THRESHOLDS.interval_level) -> pd.DataFrame:
        """Mean, median and central ``level`` interval per district and date; province first ("")."""
        if not 0.0 < level < 1.0:
            raise CdsAnalysisError(said("level_between", level=level))
        probabilities = [(1 - level) / 2, 0.5, (1 + level) / 2]
        stacked = np.concatenate([self.province_paths()[:, None, :], self.paths], axis=1)
        quantiles = np.quantile(stacked, probabilities, axis=0, method=QUANTILE_METHOD).astype(float)
        mean = stacked.mean(axis=0)
        valid = np.r_[self.complete, self.has_data]
        mean[~valid], quantiles[:, ~valid] = np.nan, np.nan
        ceased = self.ceased()  # a district that ceased is not forecast past its end (its communes live on)
        mean[1:][ceased], quantiles[:, 1:][:, ceased] = np.nan, np.nan
        n_dates = len(self.dates)
        return pd.DataFrame({
            "district_code": np.repeat(np.array(("",) + self.district_codes, dtype=object), n_dates),
            "date": np.tile(self.dates.to_numpy(), len(valid)),
            "mean": mean.ravel(),
            "median": quantiles[1].ravel(),
            "lower": quantiles[0].ravel(),
            "upper": quantiles[2].ravel(),
        }, columns=SUMMARY_COLUMNS)

    def ceased(self) -> np.ndarray:
        """districts x dates: True where the district no longer existed (merged into another by then).

        Its paths still count its communes (the province's sum keeps them); its own summary stops.
        """
        ends = self.dataset.group_ends().set_index("district_code")["last_day"]
        last = pd.Series(self.district_codes).map(ends).to_numpy(dtype="datetime64[ns]")
        return ~pd.isna(last)[:, None] & (self.dates.to_numpy()[None, :] > last[:, None])

    def to_frame(self) -> pd.DataFrame:
        """Every path, tidy: ``draw, district_code, date, completed``; province ("") first.

        Districts without data are left out, and so is the province when any is missing.
        """
        codes = np.array(("",) + self.district_codes, dtype=object)
        stacked = np.concatenate([self.province_paths()[:, None, :], self.paths], axis=1)
        keep = np.r_[self.complete, self.has_data]
        stacked, codes = stacked[:, keep, :], codes[keep]
        draws, n_units, n_dates = stacked.shape
        return pd.DataFrame({
            "draw": np.repeat(np.arange(draws), n_units * n_dates),
            "district_code": np.tile(np.repeat(codes, n_dates), draws),
            "date": np.tile(self.dates.to_numpy(), draws * n_units),
            "completed": stacked.ravel().astype(np.int64),
        })

    def _repr_html_(self) -> str:
        table = self.summary()
        table = table[table["date"] == self.dates[-1]]
        districts = self.dataset.districts()
        names = dict(zip(districts["district_code"], districts["short_name"], strict=True))
        table.insert(1, "district", table["district_code"].map(names).fillna(province_name()))
        head = (f"<b>Forecast</b> model={self.model}, as of {self.as_of:%Y-%m-%d}, {self.draws} draws, "
                f"seed={self.seed}, {len(self.district_codes)} districts, dates "
                f"{self.dates[0]:%Y-%m-%d} to {self.dates[-1]:%Y-%m-%d}; "
                f"{DEFAULT_THRESHOLDS.interval_level:.0%} intervals on the last date:")
        return head + table.to_html(index=False, max_rows=60, float_format="{:.1f}".format)

    def __repr__(self) -> str:
        return (f"Forecast(model={self.model!r}, as_of={self.as_of:%Y-%m-%d}, draws={self.draws}, "
                f"districts={len(self.district_codes)}, dates={len(self.dates)})")


def forecast(
    dataset: Dataset,
    as_of: object = None,
    until: object = None,
    model: str = "hazard",
    draws: int = DEFAULT_THRESHOLDS.draws,
    seed: int | np.random.Generator | None = 0,
    *,
    extra_dates: Iterable[object] = (),
) -> Forecast:
    """Fit ``model`` on what was known at ``as_of`` and simulate paths up to ``until``.

    ``until`` defaults to the last target deadline after ``as_of``, or a year after ``as_of`` when
    every deadline has passed (a folder whose targets are all past still forecasts).

    Dates: ``as_of`` (default: the latest date in the data), every half-year end after
    it, every target deadline in (as_of, until], and ``extra_dates`` (e.g. held-out
    observation dates in a backtest; dates after ``until`` are dropped). Same data,
    arguments and seed give the same paths. Raises `CdsAnalysisError` when nothing is known
    by ``as_of`` or the model cannot be fitted (e.g. the hazard model before any completion).
    """
    from cdsanalysis.data.dataset import Dataset  # noqa: F811 - the class itself, for the check

    if not isinstance(dataset, Dataset):
        raise CdsAnalysisError(said("forecast_needs_dataset", kind=type(dataset).__name__))
    draws = check_draws(draws)
    if not (seed is None or isinstance(seed, np.random.Generator)
            or (isinstance(seed, Integral) and not isinstance(seed, bool) and 0 <= seed < 2**128)):
        raise CdsAnalysisError(said("seed_kind", value=seed))
    simulate = get_simulator(model)
    origin = dataset.latest_date() if as_of is None else parse_date(as_of, "as_of")
    known = dataset.until(origin)
    if (known.progress["district_code"] != "").sum() == 0:
        raise CdsAnalysisError(said("no_progress_before", date=origin))
    deadlines = dataset.targets["deadline"].tolist()
    dates = forecast_dates(origin, default_until(dataset, origin) if until is None else until,
                           [*deadlines, *extra_dates])
    state = StartState.from_dataset(known, origin)
    check_path_memory(int(draws), len(state.district_codes), len(dates))  # issue 20 T6: before allocating
    rng = seed if isinstance(seed, np.random.Generator) else np.random.default_rng(seed)
    paths, fit_results = simulate(known, state, dates, int(draws), rng)
    return Forecast(
        dataset=known, as_of=origin, model=model, seed=int(seed) if isinstance(seed, Integral) else None,
        dates=dates, district_codes=state.district_codes, communes_total=state.communes_total,
        start=np.where(state.has_data, state.start, 0), start_dates=state.start_dates, paths=paths,
        fit_results=fit_results,
    )
