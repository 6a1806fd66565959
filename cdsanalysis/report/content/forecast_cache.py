"""What every district's report takes from one forecast, computed once per process.

A district report needs, beside its own rows, things that are the same for every district of
a forecast: the forecast itself, its interval summaries, the steady-rate sensitivity and the
simple baselines. `saved_forecasts` keeps them per forecast file (keyed by the file's inode,
size and time, so a rewritten file is read again), so a process that builds district after
district from one file (a render's kernel) reads the file and computes them once.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from cdsanalysis.model.anchors import backlog_since
from cdsanalysis.model.projection import forecast
from cdsanalysis.model.registry import POOLED_MODELS
from cdsanalysis.model.store import load_forecast
from cdsanalysis.settings import DEFAULT_THRESHOLDS

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.model.projection import Forecast

BASELINES = ("linear", "last")
"""The simple models shown beside the forecast."""


@dataclass(frozen=True, eq=False)
class SharedForecasts:
    """What every district's report takes from one forecast, whichever the district: the model's
    paths and their interval summaries, the steady sensitivity, the simple baselines."""

    result: Forecast
    steady: Forecast
    simple: dict[str, Forecast]
    wide: pd.DataFrame
    narrow: pd.DataFrame
    quiet_since: pd.Timestamp | None = None
    """The province's last round when the forecast counts a backlog since it (`anchors.backlog_since`; pooled
    models only): the same for every page, so read once."""


def shared_forecasts(result: Forecast, steady: Forecast | None) -> SharedForecasts:
    """The parts of ``result`` every unit's report uses; ``steady`` is simulated here when None."""

    dataset, until = result.dataset, result.dates[-1]
    if steady is None:  # the trend extrapolation is the model's strongest assumption: what if today's rate holds?
        steady = forecast(dataset, as_of=result.as_of, until=until, model="steady", draws=result.draws,
                          seed=result.seed if result.seed is not None else 0)
    simple = {model: forecast(dataset, as_of=result.as_of, until=until, model=model, draws=1, seed=0)
              for model in BASELINES}
    quiet_since = backlog_since(dataset.progress, result.as_of) if result.model in POOLED_MODELS else None
    return SharedForecasts(result, steady, simple, result.summary(DEFAULT_THRESHOLDS.interval_level),
                           result.summary(0.5), quiet_since)


@functools.lru_cache(maxsize=2)
def _saved_forecasts(path: str, inode: int, size: int, modified_ns: int) -> SharedForecasts:
    """`shared_forecasts` of a saved forecast, once per file version in a process.

    `cdsanalysis render` builds district after district in one process: the file is then read,
    and the baselines and summaries of every district computed, once per process instead of
    once per district (for 700 districts, most of a report's time). ``inode``, ``size`` and
    ``modified_ns`` are in the key so a rewritten file is read again (atomic writes give a
    rewritten file a new inode).
    """
    return shared_forecasts(load_forecast(path), load_forecast(path, model="steady"))


def saved_forecasts(forecast_file: str | os.PathLike) -> SharedForecasts:
    """`shared_forecasts` of a saved forecast file, from this process's cache when the file is unchanged."""
    path = Path(forecast_file).resolve()
    stat = path.stat()
    return _saved_forecasts(str(path), stat.st_ino, stat.st_size, stat.st_mtime_ns)
