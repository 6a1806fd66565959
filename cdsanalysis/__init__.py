"""cdsanalysis: where each district stands on digital transformation, and where it is heading.

Imports are lazy (PEP 562) so ``import cdsanalysis`` stays cheap in a notebook kernel:
statsmodels and altair load only when a forecast or a chart is asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_EXPORTS = {
    "CdsAnalysisError": "cdsanalysis.exceptions",
    "DataValidationError": "cdsanalysis.exceptions",
    "NameLookupError": "cdsanalysis.exceptions",
    "Dataset": "cdsanalysis.dataset",
    "load_dataset": "cdsanalysis.dataset",
    "validate": "cdsanalysis.schema",
    "standing": "cdsanalysis.standing",
    "read_progress_sheet": "cdsanalysis.spreadsheet",
    "import_sheet": "cdsanalysis.spreadsheet",
    "forecast": "cdsanalysis.forecast",
    "Forecast": "cdsanalysis.forecast",
    "assess": "cdsanalysis.assess",
    "Status": "cdsanalysis.assess",
    "Thresholds": "cdsanalysis.settings",
    "backtest": "cdsanalysis.backtest",
    "Backtest": "cdsanalysis.backtest",
    "synthetic_dataset": "cdsanalysis.synthetic",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str):
    try:
        module = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'cdsanalysis' has no attribute {name!r}") from None
    return getattr(import_module(module), name)


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.dataset import Dataset, load_dataset
    from cdsanalysis.exceptions import CdsAnalysisError, DataValidationError, NameLookupError
    from cdsanalysis.assess import Status, assess
    from cdsanalysis.backtest import Backtest, backtest
    from cdsanalysis.synthetic import synthetic_dataset
    from cdsanalysis.forecast import Forecast, forecast
    from cdsanalysis.schema import validate
    from cdsanalysis.settings import Thresholds
    from cdsanalysis.spreadsheet import import_sheet, read_progress_sheet
    from cdsanalysis.standing import standing
