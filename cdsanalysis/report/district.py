"""The template notebook's entry point at its old path (kept one release after the report/ split).

``notebooks/district_forecast.ipynb`` imports `build_district_report` from here, so rendered notebooks
and hand-run ``papermill`` calls keep working unchanged. New code imports from
`cdsanalysis.report.run.notebook` (the entry point) and `cdsanalysis.report.content.district` (the
report's facts). Nothing inside the package imports this module.
"""

from cdsanalysis.report.content.district import DistrictReport, band_of, fitted_periods, forecast_band, unit_report
from cdsanalysis.report.content.province import province_interval_line
from cdsanalysis.report.run.notebook import NotebookReport, build_district_report, prepare_report

__all__ = ["DistrictReport", "NotebookReport", "band_of", "build_district_report", "fitted_periods", "forecast_band",
           "prepare_report", "province_interval_line", "unit_report"]
