"""The province report's files: province.html, province.png and province.docx, beside the districts' pages.

The report itself comes from `cdsanalysis.report.content.province`. The page is
`cdsanalysis.report.writers.html.report_page`, the PNG the wide chart (for Word); the index shows
the chart on top and links the province's row here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cdsanalysis.data.io import atomic_write_bytes, atomic_write_text
from cdsanalysis.report.content.district import DistrictReport
from cdsanalysis.report.content.sections import chart
from cdsanalysis.report.run.layout import INDEX_PAGE, PROVINCE_DOCX, PROVINCE_PAGE, PROVINCE_PNG
from cdsanalysis.report.writers.html import report_page
from cdsanalysis.report.writers.word import write_report_docx


def write_province(folder: Path, report: DistrictReport, index: str = INDEX_PAGE) -> dict:
    """Write ``province.html``, ``province.png`` and ``province.docx`` into ``folder``; return the
    chart for the index."""
    report = replace(report, prepared_png=report.chart_png(), prepared_compact_png=report.compact_chart_png())
    back = {"href": index, "text": report.text["back"]}
    atomic_write_text(folder / PROVINCE_PAGE, report_page(report, back=back))
    atomic_write_bytes(folder / PROVINCE_PNG, report.chart_png())
    write_report_docx(report, folder / PROVINCE_DOCX, chart_png=report.chart_png())
    return chart(report).context()
