"""The province's report: province.html, province.png and province.docx, beside the districts' pages.

The province is reported like a district (`cdsanalysis.report.content.district.unit_report` with code
""): its own figures and targets, the sum of the district paths as its forecast. The page is
`cdsanalysis.report.content.sections.report_page`, the PNG the wide chart (for Word); the index shows
the chart on top and links the "Toàn tỉnh" row here.
"""

from __future__ import annotations

import os
from pathlib import Path

from cdsanalysis.data.dataset import load_dataset
from cdsanalysis.data.io import atomic_write_bytes, atomic_write_text
from cdsanalysis.model.projection import forecast
from cdsanalysis.model.store import load_forecast
from cdsanalysis.report.content.district import DistrictReport, unit_report
from cdsanalysis.report.content.sections import chart
from cdsanalysis.report.run.layout import INDEX_PAGE, PROVINCE_DOCX, PROVINCE_PAGE, PROVINCE_PNG
from cdsanalysis.report.writers.html import report_page
from cdsanalysis.report.writers.word import write_report_docx
from cdsanalysis.settings import DEFAULT_DRAWS
from cdsanalysis.wording import DEFAULT_LANG


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
    return unit_report(result, "", lang, forecast_file=forecast_file, source=source)


def write_province(folder: Path, report: DistrictReport, index: str = INDEX_PAGE) -> dict:
    """Write ``province.html``, ``province.png`` and ``province.docx`` into ``folder``; return the
    chart for the index."""
    from dataclasses import replace

    report = replace(report, prepared_png=report.chart_png(), prepared_compact_png=report.compact_chart_png())
    back = {"href": index, "text": report.text["back"]}
    atomic_write_text(folder / PROVINCE_PAGE, report_page(report, back=back))
    atomic_write_bytes(folder / PROVINCE_PNG, report.chart_png())
    write_report_docx(report, folder / PROVINCE_DOCX, chart_png=report.chart_png())
    return chart(report).context()
