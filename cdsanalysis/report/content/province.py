"""The province's report: the same parts as a district's, for the sum of the district paths.

The province is reported like a district (`unit_report` with code ``PROVINCE_CODE``): its own
figures and targets, the sum of the district paths as its forecast (never the sum of district
quantiles). `province_interval_line` is the CLI's sentence on how sure the province total is.
"""

from __future__ import annotations

import os

from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.model.projection import Forecast, forecast
from cdsanalysis.model.store import load_forecast
from cdsanalysis.report.content.district import DistrictReport, fitted_periods, unit_report
from cdsanalysis.report.content.text import interval_text
from cdsanalysis.settings import DEFAULT_DRAWS, PROVINCE_CODE
from cdsanalysis.wording import DEFAULT_LANG, words
from cdsanalysis.wording.formats import format_date


def build_province_report(forecast_file: str | os.PathLike | None = None, as_of: object = None,
                          data_dir: str | os.PathLike | None = None, draws: int = DEFAULT_DRAWS, seed: int = 0,
                          lang: str = DEFAULT_LANG) -> DistrictReport:
    """The province's report: the same parts as a district's, for the sum of the district paths.

    From ``forecast_file`` (saved by `render`) when given, else fitted here on ``data_dir``.
    Its history is the province rows of progress.csv (else the districts' sum on the dates
    every district has a figure); `DistrictReport.district_code` is "".
    """
    if forecast_file:
        result, source = load_forecast(forecast_file), "file"
    else:
        result, source = forecast(load_dataset(data_dir), as_of=as_of, draws=draws, seed=seed), "fitted"
    return unit_report(result, PROVINCE_CODE, lang, forecast_file=forecast_file, source=source)


def province_interval_line(result: Forecast, lang: str = DEFAULT_LANG) -> str:
    """The province's median and 80 % interval at each of its open target deadlines, in words.

    For the province line of the CLI; "" when a district has no data (then the province total is
    not forecast). Deadlines: the province's targets after ``as_of`` (else the last forecast date).
    """
    if not result.complete:
        return ""
    targets = result.dataset.targets
    deadlines = sorted(d for d in targets.loc[targets["district_code"] == PROVINCE_CODE, "deadline"].unique()
                       if result.as_of < d <= result.dates[-1]) or [result.dates[-1]]
    summary = result.summary()
    province = summary[summary["district_code"] == PROVINCE_CODE].set_index("date")
    rows = [(format_date(d, lang), *province.loc[d, ["median", "lower", "upper"]].astype(float)) for d in deadlines]
    periods = fitted_periods(result)
    pending = int(result.communes_total.sum() - result.start.sum())
    return interval_text(lang, place=words(lang)["report"]["province_place"], rows=rows, pending=pending,
                         periods=periods, province=True)
