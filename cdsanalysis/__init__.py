"""cdsanalysis: where each district stands on digital transformation, and where it is heading.

The public names below are resolved lazily (PEP 562) so ``import cdsanalysis`` stays cheap in a
notebook kernel: statsmodels and altair load only when a forecast or a chart is asked for. No
public name is also the name of a submodule (the layers are ``data``, ``model`` and ``report``), so
importing any submodule can never rebind ``cdsanalysis.forecast`` or another export.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

_EXPORTS: dict[str, str] = {
    # errors and settings
    "CdsAnalysisError": "cdsanalysis.exceptions",
    "DataValidationError": "cdsanalysis.exceptions",
    "NameLookupError": "cdsanalysis.exceptions",
    "Thresholds": "cdsanalysis.settings",
    # data in
    "Dataset": "cdsanalysis.data.dataset",
    "load_dataset": "cdsanalysis.data.dataset",
    "validate": "cdsanalysis.data.schema",
    "standing": "cdsanalysis.data.snapshot",
    "read_progress_sheet": "cdsanalysis.data.sheet_import",
    "import_sheet": "cdsanalysis.data.progress_update",
    # the model
    "forecast": "cdsanalysis.model.projection",
    "Forecast": "cdsanalysis.model.projection",
    "assess": "cdsanalysis.model.assessment",
    "Status": "cdsanalysis.model.assessment",
    "backtest": "cdsanalysis.model.backtesting",
    "Backtest": "cdsanalysis.model.backtesting",
    "synthetic_dataset": "cdsanalysis.model.synthetic",
    # reports out
    "build_district_report": "cdsanalysis.report.run.notebook",
    "render": "cdsanalysis.report.run.batch",
}
"""Public name → the module that owns it (the single list; `__all__` derives from it)."""

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'cdsanalysis' has no attribute {name!r}") from None
    value = getattr(import_module(module), name)
    globals()[name] = value  # resolved once; later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset, load_dataset
    from cdsanalysis.data.progress_update import import_sheet
    from cdsanalysis.data.schema import validate
    from cdsanalysis.data.sheet_import import read_progress_sheet
    from cdsanalysis.data.snapshot import standing
    from cdsanalysis.exceptions import CdsAnalysisError, DataValidationError, NameLookupError
    from cdsanalysis.model.assessment import Status, assess
    from cdsanalysis.model.backtesting import Backtest, backtest
    from cdsanalysis.model.projection import Forecast, forecast
    from cdsanalysis.model.synthetic import synthetic_dataset
    from cdsanalysis.report.run.batch import render
    from cdsanalysis.report.run.notebook import build_district_report
    from cdsanalysis.settings import Thresholds
