"""What a render run writes once the notebooks ran: the summaries, the province report, the index.

The summary table is `cdsanalysis.model.assessment.assess` for the province and the rendered
districts, with the provenance of each figure, the forecast median and how each district's
report went. `write_summaries` writes summary.csv/.xlsx, province.html/.png
(`cdsanalysis.report.run.province`), snapshot.json and the comparison with the previous run
(`cdsanalysis.report.run.changes`), and index.html (`cdsanalysis.report.run.index`); run.json records
the parameters, the data, the versions and the timings of the run.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from cdsanalysis.data.freshness import district_freshness, stale_data_note
from cdsanalysis.data.io import atomic_write_text
from cdsanalysis.data.provenance import any_illustrative, illustrative_note
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.assessment import assess
from cdsanalysis.report.content.current import with_current_figures
from cdsanalysis.report.content.province import build_province_report
from cdsanalysis.report.run.changes import SNAPSHOT_FILE, compare_runs, previous_run, snapshot
from cdsanalysis.report.run.index import changes_frame, index_html
from cdsanalysis.report.run.layout import INDEX_PAGE, RUN_RECORD, SUMMARY_CSV, SUMMARY_XLSX
from cdsanalysis.report.run.province import write_province
from cdsanalysis.report.writers.excel import write_assessment_xlsx, write_summary_csv
from cdsanalysis.settings import DEFAULT_THRESHOLDS, PROVINCE_CODE
from cdsanalysis.wording import DEFAULT_LANG

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.report.run.changes import RunChanges
    from cdsanalysis.report.run.outcomes import DistrictOutcome


def summary_table(forecast, codes: list[str], outcomes: dict[str, DistrictOutcome],
                  lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """`assess` rows of the province and the rendered districts, with provenance and report columns.

    Each unit's figure carries its date and freshness, and the province's figure is the sum of the
    districts' latest ones (`cdsanalysis.report.content.current.with_current_figures`, which the
    pages read too: the summaries and the pages cannot disagree).
    """

    dataset = forecast.dataset
    table = assess(forecast)
    table = table[table["district_code"].isin(["", *codes])].copy()
    targets = dataset.targets
    status_of = {(c, d, k, t): s for c, d, k, t, s in zip(targets["district_code"], targets["deadline"],
                                                           targets["kind"], targets["target"], targets["status"],
                                                           strict=False)}
    table["target_status"] = [status_of.get(key, "target") for key in
                              zip(table["district_code"], table["deadline"], table["kind"], table["target"],
                                  strict=False)]
    progress = dataset.progress.sort_values("as_of", kind="stable")
    latest = progress.groupby("district_code").tail(1).set_index("district_code")["status"]
    table["data_status"] = table["district_code"].map(latest).fillna("")
    table = with_current_figures(table, dataset, forecast.as_of, lang)
    table["report"] = [("" if c == PROVINCE_CODE else "ok" if outcomes[c].ok else "failed")
                       for c in table["district_code"]]
    table["error"] = [("" if c == PROVINCE_CODE else outcomes[c].error) for c in table["district_code"]]
    table["html"] = [("" if c == PROVINCE_CODE or not outcomes[c].ok else f"{outcomes[c].stem}.html")
                     for c in table["district_code"]]
    band = forecast.summary(DEFAULT_THRESHOLDS.interval_level)[["district_code", "date", "median"]]
    table = table.merge(band.rename(columns={"date": "deadline"}), on=["district_code", "deadline"], how="left")
    table.loc[table["lower"].isna(), "median"] = float("nan")  # past or beyond the horizon: no forecast
    for column in ("p_meet", "expected", "median", "lower", "upper", "current_pace", "required_pace", "pace_ratio"):
        table[column] = table[column].astype(float).round(4)
    table = with_deadline_columns(table, forecast.as_of)  # after rounding: the pace needed as the table has it
    order = {code: i for i, code in enumerate(["", *codes])}
    table = table.sort_values(["district_code", "deadline", "kind"], key=lambda s: s.map(order)
                              if s.name == "district_code" else s, kind="stable")
    return table.reset_index(drop=True)


DEADLINE_COLUMNS = ["next_deadline", "shortfall", "pace_needed_per_month", "last_deadline", "last_target",
                    "last_deadline_result"]
"""Per unit (repeated on each of its rows): the next target's deadline, the communes still needed for it and
the pace that needs (communes a month); the last past deadline, its target and its status as `assess` judged it."""


def _judged(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per unit and deadline: the stricter (larger) target when a unit has two on one date."""
    rows = rows.sort_values(["district_code", "deadline", "target"], kind="stable")
    return rows.groupby(["district_code", "deadline"], sort=False).tail(1)


def with_deadline_columns(table: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """``table`` with `DEADLINE_COLUMNS`: what an official needs first, read from `assess`'s own rows.

    The shortfall is the target less the unit's current count (0 once reached); the pace needed is
    `assess`'s ``required_pace`` for that target; the last deadline's result is `assess`'s status for
    it (met, met late, missed, no figure at the deadline), not judged again here. A unit with no
    future target has no next deadline, shortfall or pace (NaN); one with no past deadline no result.
    """
    judged = _judged(table)
    upcoming = judged[judged["deadline"] > as_of].groupby("district_code", sort=False).head(1)
    past = judged[judged["deadline"] <= as_of].groupby("district_code", sort=False).tail(1)
    remaining = (upcoming["target"].astype(float) - upcoming["completed"].astype(float)).clip(lower=0)
    nxt = pd.DataFrame({"district_code": upcoming["district_code"], "next_deadline": upcoming["deadline"],
                        "shortfall": remaining, "pace_needed_per_month": upcoming["required_pace"].astype(float)})
    last = pd.DataFrame({"district_code": past["district_code"], "last_deadline": past["deadline"],
                         "last_target": past["target"].astype(float), "last_deadline_result": past["status"]})
    out = table.drop(columns=[c for c in DEADLINE_COLUMNS if c in table.columns])
    out = out.merge(nxt, on="district_code", how="left").merge(last, on="district_code", how="left")
    out["last_deadline_result"] = out["last_deadline_result"].fillna("")
    for column in ("next_deadline", "last_deadline"):
        out[column] = pd.to_datetime(out[column])
    return out


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in ("cdsanalysis", "numpy", "pandas", "scipy", "altair", "vl-convert-python", "papermill",
                 "nbconvert", "nbclient", "ipykernel", "openpyxl"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = ""
    return out


def write_summaries(folder: Path, table: pd.DataFrame, outcomes: Sequence[DistrictOutcome], dataset: Dataset,
                    as_of: pd.Timestamp, lang: str, *, forecast_file: str | Path | None = None,
                    compare: str | Path | None = None, root: Path | None = None,
                    province: tuple[dict | None, str] | None = None, model: str | None = None) -> RunChanges:
    """Write the summaries, the province report, snapshot.json and ``index.html`` of a run into ``folder``.

    The run is compared with `previous_run` (``compare``, else the run it replaces or the latest
    earlier one under ``root``, by default ``folder``'s parent). The province report needs the
    saved ``forecast_file``; without it the index has no province chart. ``province``: what
    `write_province_files` returned when the province report was already written (a render writes
    it while the districts run: it needs only the forecast). The index carries the
    illustrative-data warning when any progress figure or target of ``dataset`` (the data as
    loaded, not cut at ``as_of``) is illustrative. Returns the changes (for the workbook too).
    """

    folder = Path(folder)
    state = snapshot(dataset, table, as_of, model)
    changes = compare_runs(state, previous_run(Path(root) if root is not None else folder.parent, as_of, compare))
    atomic_write_text(folder / SNAPSHOT_FILE, json.dumps(state, ensure_ascii=False, indent=1) + "\n")
    stale = stale_warning(dataset, as_of, lang)
    province_chart, province_error = province if province is not None else (None, "")
    if province is None and forecast_file is not None and Path(forecast_file).is_file():
        province_chart, province_error = write_province_files(folder, forecast_file, lang)
    write_summary_csv(table, folder / SUMMARY_CSV, lang=lang, as_of=as_of)
    write_assessment_xlsx(table, folder / SUMMARY_XLSX, lang=lang, as_of=as_of,
                          caveat=illustrative_note(dataset, lang=lang), changes=changes_frame(changes, lang))
    illustrative = any_illustrative(dataset.progress["status"], dataset.targets["status"])
    atomic_write_text(folder / INDEX_PAGE, index_html(table, list(outcomes), as_of, lang, illustrative,
                                                        province_chart=province_chart, changes=changes,
                                                        stale=stale, province_error=province_error,
                                                        freshness=district_freshness(dataset, as_of)))
    return changes


def write_province_files(folder: Path, forecast_file: str | Path, lang: str) -> tuple[dict | None, str]:
    """province.html, .png and .docx; (the chart for the index, ""), or (None, why) for a province that
    cannot be reported: that is said on the index, not fatal."""

    try:
        return write_province(folder, build_province_report(forecast_file, lang=lang)), ""
    except CdsAnalysisError as err:
        return None, str(err)


def stale_warning(dataset: Dataset, as_of: pd.Timestamp, lang: str) -> str:
    """`cdsanalysis.data.freshness.stale_data_note` on what was known at ``as_of`` ("" when recent enough).

    The same note as the terminal's and the district pages' (a report for an earlier as-of date is
    judged on the figures it could use, not on later ones).
    """
    known = dataset.until(as_of)
    return "" if known.progress.empty else stale_data_note(known, as_of, lang=lang)


def write_run_record(folder: Path, parameters: dict[str, Any], dataset: Dataset, timings: dict[str, float],
                     outcomes: Sequence[DistrictOutcome]) -> None:
    """Write ``run.json``: the run's parameters, its data, the versions used, timings and each district."""
    record = {
        "parameters": parameters,
        "data": {"source": dataset.source, "hash": dataset.data_hash},
        "versions": _versions(),
        "timings": timings,
        "districts": [o.to_record() for o in outcomes],
        "failed": [o.district_code for o in outcomes if not o.ok],
    }
    atomic_write_text(folder / RUN_RECORD, json.dumps(record, ensure_ascii=False, indent=2) + "\n")
