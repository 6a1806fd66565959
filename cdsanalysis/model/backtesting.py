"""How well would each model have done? Rolling-origin evaluation and its scores.

At each origin the model is refitted on what was known then (`Dataset.until`), and its
paths are compared with the counts observed later. Everything is scored from the paths:

- **Brier score** of "target met": (P(count >= target) - 1{actual >= target})^2, for every
  target whose deadline falls on a later observed date of its district.
- **Ranked probability score** of the count: RPS = sum_{k=0..N} (F(k) - 1{actual <= k})^2,
  F being the empirical CDF of the paths. Unnormalised, so it is in communes: for
  integer counts it equals the CRPS, and for a deterministic forecast it is |forecast - actual|.
- **Coverage** of the central ``level`` interval (the paths' ``inverted_cdf`` quantiles,
  closed at both ends): integer counts make it conservative when few communes are pending.
- **MAE** of the median.

Scores pool districts (the province rows are in the table, not in the pooled scores by
default: the province is the sum of the districts, so counting it would count them twice).
When a model cannot be fitted at an origin, that origin is left out of every model's
scores, so the models are always compared on the same forecasts.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.data.dates import parse_date
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.metrics import ranked_probability_scores, reliability_table
from cdsanalysis.model.projection import forecast
from cdsanalysis.model.registry import get_simulator
from cdsanalysis.settings import DEFAULT_THRESHOLDS
from cdsanalysis.wording.messages import said

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.model.projection import Forecast

DEFAULT_MODELS: tuple[str, ...] = ("hazard", "steady", "ets", "linear", "last")

TABLE_COLUMNS = [
    "model", "origin", "district_code", "date", "horizon_days", "actual", "mean", "median", "lower",
    "upper", "covered", "rps", "cdf_below", "cdf_at", "target", "kind", "p_meet", "met",
]
"""One row per forecast (model, origin, district, date) and target due on that date.

``cdf_below`` = P(count < actual) and ``cdf_at`` = P(count <= actual) under the paths;
``target``, ``kind``, ``p_meet`` (P(count >= target)) and ``met`` are empty when no
target of the district falls due on ``date``. A date with two targets gives two rows.
"""

SCORE_COLUMNS = ["model", "brier", "rps", "coverage", "mae", "n_brier", "n_rps"]
FAILURE_COLUMNS = ["model", "origin", "reason"]
COVERAGE_LEVELS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)

_FORECAST_KEY = ["model", "origin", "district_code", "date"]


def observed_dates(dataset: Dataset) -> pd.DatetimeIndex:
    """Sorted distinct dates of the district observations (province rows left out)."""
    progress = dataset.progress
    dates = progress.loc[progress["district_code"] != "", "as_of"].unique()
    return pd.DatetimeIndex(sorted(dates), name="origin").astype("datetime64[ns]")


def default_origins(dataset: Dataset) -> pd.DatetimeIndex:
    """Observed dates with an earlier one (an interval to fit) and a later one (something to score)."""
    dates = observed_dates(dataset)
    if len(dates) < 3:
        listed = ", ".join(f"{d:%Y-%m-%d}" for d in dates) or said("none_listed")
        raise CdsAnalysisError(said("backtest_few_dates", n=len(dates), dates=listed))
    return dates[1:-1]


def _origin_seed(seed: int, origin: pd.Timestamp) -> np.random.SeedSequence:
    """A seed per origin that does not depend on which other origins are run."""
    return np.random.SeedSequence([int(seed), origin.toordinal()])


def _actuals(dataset: Dataset) -> pd.DataFrame:
    """Observed counts, province included: ``district_code, date, actual``."""
    progress = dataset.progress
    return pd.DataFrame({
        "district_code": progress["district_code"].to_numpy(dtype=object),
        "date": progress["as_of"].to_numpy(dtype="datetime64[ns]"),
        "actual": progress["completed"].to_numpy(dtype=np.int64),
    })


def _score_forecast(result: Forecast, actuals: pd.DataFrame, targets: pd.DataFrame,
                    level: float) -> pd.DataFrame:
    """The rows of one (model, origin): each observed later count, scored; targets due then."""
    later = actuals[actuals["date"] > result.as_of]
    codes = np.array(("",) + result.district_codes, dtype=object)
    valid = np.r_[result.complete, result.has_data]
    unit_of = {code: i for i, code in enumerate(codes) if valid[i]}
    unit = later["district_code"].map(unit_of)
    position = pd.Series(result.dates.get_indexer(pd.DatetimeIndex(later["date"])), index=later.index)
    keep = unit.notna() & (position >= 0)
    later = later[keep].reset_index(drop=True)
    unit = unit[keep].to_numpy(dtype=np.intp)
    position = position[keep].to_numpy(dtype=np.intp)
    if later.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)

    stacked = np.concatenate([result.province_paths()[:, None, :], result.paths], axis=1)
    at_date = stacked[:, unit, position]  # draws x forecasts
    quantiles = np.quantile(at_date, [(1 - level) / 2, 0.5, (1 + level) / 2], axis=0,
                            method="inverted_cdf").astype(float)
    actual = later["actual"].to_numpy(dtype=np.int64)
    rps, cdf_below, cdf_at = ranked_probability_scores(at_date, actual)
    rows = pd.DataFrame({
        "model": result.model,
        "origin": result.as_of,
        "district_code": later["district_code"].to_numpy(dtype=object),
        "date": later["date"].to_numpy(dtype="datetime64[ns]"),
        "horizon_days": (later["date"] - result.as_of).dt.days.to_numpy(dtype=np.int64),
        "actual": actual,
        "mean": at_date.mean(axis=0),
        "median": quantiles[1], "lower": quantiles[0], "upper": quantiles[2],
        "covered": (quantiles[0] <= actual) & (actual <= quantiles[2]),
        "rps": rps, "cdf_below": cdf_below, "cdf_at": cdf_at,
        "_column": np.arange(len(later)),
    })
    due = targets.rename(columns={"deadline": "date"})
    rows = rows.merge(due, on=["district_code", "date"], how="left", sort=False)
    has_target = rows["target"].notna().to_numpy()
    p_meet = np.full(len(rows), np.nan)
    if has_target.any():
        column = rows["_column"].to_numpy()[has_target]
        p_meet[has_target] = np.mean(at_date[:, column] >= rows["target"].to_numpy()[has_target], axis=0)
    rows["p_meet"] = p_meet
    rows["target"] = rows["target"].astype("Int64")
    met = pd.Series(pd.NA, index=rows.index, dtype="boolean")
    met[has_target] = rows["actual"].to_numpy()[has_target] >= rows["target"].to_numpy()[has_target]
    rows["met"] = met
    return rows.drop(columns="_column")


@dataclass(frozen=True, eq=False)
class Backtest:
    """Rolling-origin forecasts compared with what happened; made by `backtest`.

    ``table`` has the columns `TABLE_COLUMNS`; ``failures`` lists (model, origin, reason)
    for fits that could not be made (those origins are left out of every model's scores).
    """

    table: pd.DataFrame
    models: tuple[str, ...]
    origins: pd.DatetimeIndex
    level: float
    draws: int
    seed: int
    failures: pd.DataFrame

    def _scored(self, province: bool) -> pd.DataFrame:
        table = self.table
        if len(self.failures):
            table = table[~table["origin"].isin(self.failures["origin"])]
        if not province:
            table = table[table["district_code"] != ""]
        return table

    def scores(self, *, by: str | Sequence[str] | None = None, province: bool = False) -> pd.DataFrame:
        """Per model (and per ``by`` column, e.g. "horizon_days"): the pooled scores.

        ``brier`` over targets due on an observed date (``n_brier`` of them), ``rps``,
        ``coverage`` (of the ``level`` interval) and ``mae`` over forecasts (``n_rps``).
        Lower is better except coverage, which should be near ``level``.
        """
        groups = ["model"] + ([by] if isinstance(by, str) else list(by or []))
        table = self._scored(province)
        forecasts = table.drop_duplicates(_FORECAST_KEY)
        events = table[table["p_meet"].notna()]
        count_scores = forecasts.assign(error=(forecasts["median"] - forecasts["actual"]).abs()).groupby(
            groups, sort=False).agg(rps=("rps", "mean"), coverage=("covered", "mean"), mae=("error", "mean"),
                                    n_rps=("rps", "size"))
        squared = (events["p_meet"] - events["met"].astype(float)) ** 2
        event_scores = events.assign(squared=squared).groupby(groups, sort=False).agg(
            brier=("squared", "mean"), n_brier=("squared", "size"))
        out = count_scores.join(event_scores, how="outer").reset_index()
        out["n_brier"] = out["n_brier"].fillna(0).astype(np.int64)
        out["n_rps"] = out["n_rps"].fillna(0).astype(np.int64)
        out["coverage"] = out["coverage"].astype(float)
        order = {name: i for i, name in enumerate(self.models)}
        out = out.sort_values(groups, key=lambda s: s.map(order) if s.name == "model" else s, kind="stable")
        return out[groups + SCORE_COLUMNS[1:]].reset_index(drop=True)

    def skill(self, reference: str = "linear", *, province: bool = False) -> pd.DataFrame:
        """Skill scores 1 - score / score(reference) for Brier, RPS and MAE (positive = better).

        NaN where the reference scores 0: nothing can improve on a perfect score, and a
        ratio to 0 says nothing about how much worse the other model is.
        """
        if reference not in self.models:
            raise CdsAnalysisError(said("reference_not_in_backtest", reference=reference,
                                        models=", ".join(self.models)))
        scores = self.scores(province=province).set_index("model")[["brier", "rps", "mae"]]
        base = scores.loc[reference]
        skill = 1 - scores / base.where(base > 0)
        return skill.add_suffix("_skill").reset_index()

    def coverage(self, levels: Iterable[float] = COVERAGE_LEVELS, *, province: bool = False) -> pd.DataFrame:
        """Empirical coverage of central intervals at each nominal level, per model.

        Uses ``cdf_below``/``cdf_at``: actual is in the closed ``inverted_cdf`` interval at
        level a iff P(X <= actual) >= (1 - a)/2 and P(X < actual) < (1 + a)/2.
        """
        forecasts = self._scored(province).drop_duplicates(_FORECAST_KEY)
        frames = []
        for level in levels:
            if not 0.0 < level < 1.0:
                raise CdsAnalysisError(said("levels_between", level=level))
            inside = (forecasts["cdf_at"] >= (1 - level) / 2 - 1e-12) & (forecasts["cdf_below"] < (1 + level) / 2
                                                                          - 1e-12)
            frames.append(inside.groupby(forecasts["model"], sort=False).agg(["mean", "size"])
                          .rename(columns={"mean": "coverage", "size": "n"}).reset_index()
                          .assign(level=float(level)))
        columns = ["model", "level", "coverage", "n"]
        return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)

    def calibration(self, bins: int = 10, *, province: bool = False) -> pd.DataFrame:
        """Reliability table of P(meet): per model and probability bin, mean forecast vs observed share.

        Columns ``model, bin, bin_lower, bin_upper, predicted, observed, count`` (the layout
        of `cdsanalysis.model.plots.calibration_chart`); bins are [lower, upper), the last closed.
        """
        return reliability_table(self._scored(province), bins, self.models)

    def plot_calibration(self, bins: int = 10, *, lang: str = "vi"):
        """Reliability diagram of P(meet) (`cdsanalysis.model.plots.calibration_chart`)."""
        from cdsanalysis.model.plots import calibration_chart

        return calibration_chart(self.calibration(bins), lang=lang)

    def plot_coverage(self, levels: Iterable[float] = COVERAGE_LEVELS, *, lang: str = "vi"):
        """Observed against nominal coverage of the central intervals, one line per model."""
        from cdsanalysis.model.plots import coverage_chart

        return coverage_chart(self.coverage(levels), lang=lang)

    def summary(self) -> pd.DataFrame:
        """The pooled scores per model (see `scores`)."""
        return self.scores()

    def to_frame(self) -> pd.DataFrame:
        """The long table (a copy)."""
        return self.table.copy()

    def _describe(self) -> str:
        origins = ", ".join(f"{d:%Y-%m-%d}" for d in self.origins)
        text = (f"models {', '.join(self.models)}; origins {origins}; {self.draws} draws, seed={self.seed}; "
                f"{self.level:.0%} intervals")
        if len(self.failures):
            failed = "; ".join(f"{m} at {o:%Y-%m-%d}" for m, o in zip(self.failures["model"],
                                                                     self.failures["origin"], strict=True))
            text += f"; not fitted (origins left out of the scores): {failed}"
        return text

    def _repr_html_(self) -> str:
        return (f"<b>Backtest</b> {self._describe()}:"
                + self.scores().to_html(index=False, float_format="{:.4f}".format))

    def __repr__(self) -> str:
        return f"Backtest({self._describe()})"


def backtest(
    dataset: Dataset,
    origins: Iterable[object] | None = None,
    models: Sequence[str] = DEFAULT_MODELS,
    draws: int = DEFAULT_THRESHOLDS.draws,
    seed: int = 0,
    level: float = DEFAULT_THRESHOLDS.interval_level,
) -> Backtest:
    """Refit each model at each origin and score its forecasts of the later observed dates.

    ``origins`` default to `default_origins`. Each origin draws from its own seed
    (derived from ``seed`` and the origin date), so results do not depend on which
    other origins are run, and the same arguments give the same table.
    """
    models = tuple(models)
    if not models:
        raise CdsAnalysisError(said("backtest_needs_model"))
    for name in models:
        get_simulator(name)  # an unknown name fails now, with the list of models
    if not 0.0 < level < 1.0:
        raise CdsAnalysisError(said("level_between", level=level))
    if int(draws) != draws or draws < 1:
        raise CdsAnalysisError(said("whole_at_least", name="draws", low=1, value=draws))
    dates = observed_dates(dataset)
    if origins is None:
        origin_index = default_origins(dataset)
    else:
        origin_index = pd.DatetimeIndex(sorted({parse_date(o, "origin") for o in origins}))
        late = [f"{o:%Y-%m-%d}" for o in origin_index if len(dates) == 0 or o >= dates[-1]]
        if late:
            raise CdsAnalysisError(said("origins_too_late", origins=", ".join(late)))
    origin_index = origin_index.astype("datetime64[ns]").rename("origin")

    actuals = _actuals(dataset)
    targets = dataset.targets[["district_code", "deadline", "target", "kind"]]
    rows, failures = [], []
    for origin in origin_index:
        later = dates[dates > origin]
        for name in models:
            rng = np.random.default_rng(_origin_seed(seed, origin))
            try:
                result = forecast(dataset, as_of=origin, until=later[-1], model=name, draws=int(draws), seed=rng,
                                  extra_dates=later)
            except CdsAnalysisError as err:
                failures.append((name, origin, str(err)))
                continue
            scored = _score_forecast(result, actuals, targets, level)
            if len(scored):
                rows.append(scored)
    failure_frame = pd.DataFrame(failures, columns=FAILURE_COLUMNS)
    if len(failures):
        warnings.warn("backtest: could not fit " + "; ".join(f"{m} at {o:%Y-%m-%d} ({r})" for m, o, r in failures)
                      + "; those origins are left out of every model's scores", RuntimeWarning, stacklevel=2)
    if not rows:
        raise CdsAnalysisError(said("nothing_to_score"))
    table = pd.concat(rows, ignore_index=True)[TABLE_COLUMNS]
    return Backtest(table=table, models=models, origins=origin_index, level=float(level), draws=int(draws),
                    seed=int(seed), failures=failure_frame)
