"""Where the papermill template of a district report lives.

The source is ``notebooks/district_forecast.ipynb`` in the repository (the notebook people open);
a wheel carries the same file as ``cdsanalysis/report/district_forecast.ipynb`` (copied by the build
configuration, see pyproject.toml) and it is found with `importlib.resources`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

TEMPLATE_NAME = "district_forecast.ipynb"
REPOSITORY_TEMPLATE = Path(__file__).resolve().parents[3] / "notebooks" / TEMPLATE_NAME


def template_path() -> Path:
    """The district template: the packaged copy in a wheel, else the repository's notebook."""
    packaged = files("cdsanalysis.report") / TEMPLATE_NAME
    return Path(str(packaged)) if packaged.is_file() else REPOSITORY_TEMPLATE
