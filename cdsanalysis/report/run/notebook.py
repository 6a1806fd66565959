"""What the template notebook calls: `build_district_report`, and the reports prepared ahead for it.

Given a forecast file saved by `save_forecast` (`cdsanalysis.model.store`; what `cdsanalysis
render` does once for all districts), the kernel only loads arrays and small tables: no model
fit, no validation, no statsmodels; altair loads only when the chart is drawn. What every
district takes from the file (the forecast, its interval summaries, the baselines) is kept for
the next district built in the same process. Without a file, it loads the data and fits the
model itself, so the raw papermill CLI works on the template.

The template imports this from its old path, `cdsanalysis.report.district` (kept so that rendered
notebooks and hand-run papermill calls stay the same), and shows one `NotebookReport.part` per cell.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

import pandas as pd

from cdsanalysis.data.io import atomic_write_text
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.projection import forecast
from cdsanalysis.model.store import forecast_file_info, saved_levels
from cdsanalysis.report.content.district import DistrictReport, unit_report
from cdsanalysis.report.content.forecast_cache import saved_forecasts, shared_forecasts
from cdsanalysis.report.run.prepared import prepared_path, report_from_json, report_to_json
from cdsanalysis.report.writers.html import HtmlPart, part
from cdsanalysis.settings import DEFAULT_DRAWS
from cdsanalysis.wording import DEFAULT_LANG, check_lang
from cdsanalysis.wording.levels import set_levels
from cdsanalysis.wording.messages import said


@dataclass(frozen=True, eq=False)
class NotebookReport(DistrictReport):
    """A district's report as the template notebook shows it: one `part` per cell."""

    @classmethod
    def of(cls, report: DistrictReport) -> NotebookReport:
        return report if isinstance(report, cls) else cls(**{f.name: getattr(report, f.name) for f in fields(report)})

    def part(self, name: str) -> HtmlPart:
        """One part of the report as HTML (a notebook cell's output; see `cdsanalysis.report.writers.html`)."""
        return part(self, name)


# --------------------------------------------------------------------------------------------
# Reports prepared ahead by the renderer's warm workers, for the kernels to pick up
# --------------------------------------------------------------------------------------------

def prepare_report(forecast_file: str | os.PathLike, district_code: str, lang: str = DEFAULT_LANG) -> DistrictReport:
    """Build a district's report and draw its chart now, for the template kernel to pick up.

    `cdsanalysis render` calls this in its warm worker processes (where pandas, altair and
    vl-convert are already loaded), so a kernel spends its time on nothing but starting and
    displaying: about 0.4 s of CPU less per district than building and drawing itself. The
    numbers are those the kernel would compute (same function, same forecast file). The
    hand-over is JSON (`cdsanalysis.report.run.prepared`), never a pickle. Returns the report (with its
    chart), which the worker also writes as the Word document.
    """
    report = build_district_report(district_code, forecast_file=forecast_file, lang=lang)
    report = replace(report, prepared_png=report.chart_png(), prepared_compact_png=report.compact_chart_png())
    atomic_write_text(prepared_path(forecast_file, district_code, lang), report_to_json(report))
    return report


def _load_prepared(forecast_file: str | os.PathLike, district: object, lang: str) -> NotebookReport | None:
    """The report `prepare_report` left for this forecast, district code and language, if any."""
    if not Path(forecast_file).is_file() or not isinstance(district, (str, int)):
        return None
    path = prepared_path(forecast_file, str(district), lang)
    if not path.is_file():
        return None
    try:
        return report_from_json(path.read_text(encoding="utf-8"), NotebookReport)
    except (ValueError, KeyError, TypeError):  # not a report we wrote: build it here instead
        return None


def _forecast_info(forecast_file: str | os.PathLike) -> dict:
    """`forecast_file_info`, but a file that is no forecast (``-p forecast_file=/etc/passwd``, a truncated
    download) is said to be one, not left to numpy's hint about pickles."""
    import zipfile

    path = Path(forecast_file)
    if path.is_file() and not zipfile.is_zipfile(path):
        raise CdsAnalysisError(said("not_forecast_file_hint", path=forecast_file))
    try:
        return forecast_file_info(path)
    except (ValueError, KeyError, OSError, zipfile.BadZipFile) as err:
        raise CdsAnalysisError(said("not_forecast_file_kind", path=forecast_file, kind=type(err).__name__)) from None


def build_district_report(
    district: object,
    as_of: object = None,
    data_dir: str | os.PathLike | None = None,
    forecast_file: str | os.PathLike | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
    lang: str = DEFAULT_LANG,
) -> NotebookReport:
    """Everything the district template shows, for ``district`` (code, int code or any spelling of a name).

    With ``forecast_file`` (from `save_forecast`), its forecast is used as is and ``draws``
    and ``seed`` are those it was made with; ``as_of`` and ``data_dir``, when given, must
    agree with it. Without, the data are loaded from ``data_dir`` (default: the bundled data)
    and the hazard model is fitted here. Raises `NameLookupError` for an unknown district
    (naming the nearest) and `CdsAnalysisError` when the district has no figure by ``as_of``.
    """
    check_lang(lang)
    if forecast_file:
        info = _forecast_info(forecast_file)
        set_levels(saved_levels(info))  # this process (a render's kernel or worker) reports on this dataset
        if data_dir and info.get("data_dir") and Path(data_dir).resolve() != Path(info["data_dir"]):
            raise CdsAnalysisError(said("forecast_other_data", path=forecast_file, made_from=info["data_dir"],
                                        given=data_dir))
        if as_of is not None and pd.Timestamp(as_of).normalize() != pd.Timestamp(info["as_of"]):
            raise CdsAnalysisError(said("forecast_other_date", path=forecast_file, made_on=info["as_of"], given=as_of))
        prepared = _load_prepared(forecast_file, district, lang)
        if prepared is not None:
            return prepared
        shared = saved_forecasts(forecast_file)
        source = "file"
    else:
        # Deferred on purpose: loading data means validating it, and pandera costs a kernel 0.8 s to import;
        # a kernel given a forecast file (every render) never needs it.
        from cdsanalysis.data.dataset import load_dataset

        shared = shared_forecasts(forecast(load_dataset(data_dir), as_of=as_of, draws=draws, seed=seed), None)
        source = "fitted"
    if district is None or str(district).strip() == "":
        raise CdsAnalysisError(said("no_group_given", parameter="district"))
    result = shared.result
    set_levels(result.dataset.levels)
    return NotebookReport.of(unit_report(result, result.dataset.district_code(district), lang,
                                         forecast_file=forecast_file, source=source, shared=shared))


