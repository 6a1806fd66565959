"""Forecast models behind one small interface, looked up by name.

A model is a function ``simulate(dataset, state, dates, draws, rng) -> (paths, fit_results)``:
it fits on ``dataset`` (already cut at ``state.as_of``), then returns integer paths of
shape (draws, districts, dates) that start at ``state.start`` on ``dates[0]`` (= as_of),
never fall and never pass ``state.communes_total``. Deterministic models may return a
single draw; ``fit_results`` is None when there is nothing fitted to show.

Modules are imported only when their model is asked for, so ``import cdsanalysis``
stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.anchors import recognised_rows
from cdsanalysis.wording.messages import said

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset

MODELS: dict[str, tuple[str, str]] = {
    "hazard": ("cdsanalysis.model.hazard", "simulate"),
    "steady": ("cdsanalysis.model.hazard", "simulate_steady"),
    "hazard_iid": ("cdsanalysis.model.hazard", "simulate_iid"),
    "hazard_rw": ("cdsanalysis.model.hazard", "simulate_rw"),
    "hazard_indep": ("cdsanalysis.model.hazard", "simulate_independent"),
    "hazard_interval": ("cdsanalysis.model.hazard", "simulate_interval"),
    "ets": ("cdsanalysis.model.ets", "simulate_ets"),
    "linear": ("cdsanalysis.model.baselines", "simulate_linear"),
    "last": ("cdsanalysis.model.baselines", "simulate_last"),
}
"""Model name -> (module, function). ``hazard`` is the default; ``steady`` is the same fit with
today's completion rate held constant (a sensitivity); ``linear`` and ``last`` are baselines."""

MODEL_NAMES: tuple[str, ...] = tuple(MODELS)
POOLED_MODELS = ("hazard", "steady")
"""Models whose paths pool the iid and random-walk readings (`hazard.simulate`): half of them expect a backlog
since the province's last round to come in the next one (`halfyear_paths`), as the reports say."""
MODEL_REVISION = "2026-12-05b"
"""Changed whenever a model gives other numbers for the same data, seed and draws (here: a half-year whose
last report came before its end is closed by a report within a month after it; "2026-12-05": a district's first
figure does not show a quiet stretch; "2026-12-04b": a quiet stretch after the last round is a backlog for
the next; "2026-12-04": the default pools the iid and the random-walk
readings). A partial render updates only a run of the same revision,
and "what changed" says so when the previous run was made by another one."""


@dataclass(frozen=True, eq=False)
class StartState:
    """Where each district stands at the forecast origin: the last observation on or before it.

    ``start_dates`` is NaT and ``start`` 0 for a district with no observation on or
    before ``as_of``; such a district has ``has_data`` False and no forecast.
    """

    as_of: pd.Timestamp
    district_codes: tuple[str, ...]
    communes_total: np.ndarray
    start: np.ndarray
    start_dates: pd.DatetimeIndex

    @property
    def has_data(self) -> np.ndarray:
        return np.asarray(~self.start_dates.isna())

    @classmethod
    def from_dataset(cls, dataset: Dataset, as_of: pd.Timestamp) -> StartState:
        """Last district observation on or before ``as_of`` (province rows are not used)."""
        districts = dataset.districts()
        codes = tuple(districts["district_code"])
        progress = dataset.progress
        rows = recognised_rows(progress[progress["as_of"] <= as_of])  # claims are not recognitions
        last = rows.sort_values(["district_code", "as_of"], kind="stable").groupby("district_code").tail(1)
        last = last.set_index("district_code").reindex(list(codes))
        return cls(
            as_of=as_of,
            district_codes=codes,
            communes_total=districts["communes_total"].to_numpy(dtype=np.int64),
            start=last["completed"].fillna(0).to_numpy(dtype=np.int64),
            start_dates=pd.DatetimeIndex(last["as_of"].to_numpy(dtype="datetime64[ns]")),
        )


Simulator = Callable[["Dataset", StartState, pd.DatetimeIndex, int, np.random.Generator],
                     tuple[np.ndarray, Any]]


def get_simulator(name: str) -> Simulator:
    """The simulate function of a model, by name (``hazard``, ``linear``, ``last``)."""
    try:
        module, function = MODELS[name]
    except (KeyError, TypeError):
        raise CdsAnalysisError(said("unknown_model", name=name, models=", ".join(MODEL_NAMES))) from None
    return getattr(import_module(module), function)
