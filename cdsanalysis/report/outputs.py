"""What a render run writes once the notebooks ran: summary.csv/.xlsx, index.html and run.json.

The summary table is `cdsanalysis.model.assessment.assess` for the province and the rendered districts,
with the provenance of each figure and how each district's report went; index.html ranks the
districts by their chance of meeting the next target and lists the failures last; run.json
records the parameters, the data, the versions and the timings of the run. Every HTML page
of a run (this index and the district pages of `cdsanalysis.report.batch`) shares `html_page`.
"""

from __future__ import annotations

import html
import json
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.report.outcomes import DistrictOutcome


PAGE_CSS = """
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif; color: #1a1a1a;
       max-width: 1100px; margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.25rem; margin-top: 2rem;
     border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
blockquote { background: #fff4e5; border-left: 5px solid #e07b00; margin: 1rem 0; padding: .6rem 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; } td.num { text-align: right; }
img { max-width: 100%; height: auto; }
.jp-OutputPrompt, .jp-InputPrompt { display: none; }
.failed { background: #f4a6a6; } .muted { color: #666; font-size: .9rem; }
pre { white-space: pre-wrap; }
a.anchor-link { display: none; }
"""


def html_page(title: str, body: str, lang: str) -> str:
    """A whole offline page around ``body``: its own stylesheet, nothing from the network."""
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{PAGE_CSS}</style>\n</head>\n<body>\n{body}\n"
            "</body>\n</html>\n")


def summary_table(forecast, codes: list[str], outcomes: dict[str, DistrictOutcome]) -> pd.DataFrame:
    """`assess` rows of the province and the rendered districts, with provenance and report columns."""
    from cdsanalysis.model.assessment import assess

    dataset = forecast.dataset
    table = assess(forecast)
    table = table[table["district_code"].isin(["", *codes])].copy()
    targets = dataset.targets
    status_of = {(c, d, k, t): s for c, d, k, t, s in zip(targets["district_code"], targets["deadline"],
                                                           targets["kind"], targets["target"], targets["status"])}
    table["target_status"] = [status_of.get(key, "target") for key in
                              zip(table["district_code"], table["deadline"], table["kind"], table["target"])]
    progress = dataset.progress.sort_values("as_of", kind="stable")
    latest = progress.groupby("district_code").tail(1).set_index("district_code")["status"]
    table["data_status"] = table["district_code"].map(latest).fillna("")
    table["report"] = [("" if c == "" else "ok" if outcomes[c].ok else "failed") for c in table["district_code"]]
    table["error"] = [("" if c == "" else outcomes[c].error) for c in table["district_code"]]
    table["html"] = [("" if c == "" or not outcomes[c].ok else f"{outcomes[c].stem}.html")
                     for c in table["district_code"]]
    for column in ("p_meet", "expected", "lower", "upper", "current_pace", "required_pace", "pace_ratio"):
        table[column] = table[column].astype(float).round(4)
    order = {code: i for i, code in enumerate(["", *codes])}
    table = table.sort_values(["district_code", "deadline", "kind"], key=lambda s: s.map(order)
                              if s.name == "district_code" else s, kind="stable")
    return table.reset_index(drop=True)


INDEX_TEXT = {
    "vi": {"title": "Dự báo chuyển đổi số cấp xã theo đơn vị cấp huyện — số liệu đến {as_of}",
           "rank": "Hạng", "district": "Đơn vị", "completed": "Đã hoàn thành", "p": "Xác suất đạt mục tiêu {d}",
           "status": "Đánh giá {d}", "province": "Toàn tỉnh", "failed": "Lỗi: không tạo được báo cáo",
           "ranking": "Xếp hạng theo xác suất đạt mục tiêu {d} (cao xuống thấp).",
           "files": "Tệp: summary.xlsx (bảng tổng hợp), summary.csv, run.json (thông số lần chạy).",
           "illustrative": ("⚠️ Lưu ý: nhiều số liệu tiến độ và mục tiêu cấp huyện là số liệu minh họa (không "
                            "chính thức). Các báo cáo minh họa phương pháp; không dùng làm kết luận về từng đơn vị.")},
    "en": {"title": "Digital transformation forecasts per district — data as of {as_of}",
           "rank": "Rank", "district": "District", "completed": "Completed", "p": "P(meet) {d}",
           "status": "Status {d}", "province": "Province", "failed": "Error: report not rendered",
           "ranking": "Ranked by the probability of meeting the {d} target (highest first).",
           "files": "Files: summary.xlsx (summary table), summary.csv, run.json (run parameters).",
           "illustrative": ("⚠️ Note: many district progress figures and targets are illustrative (not "
                            "official). The reports illustrate the method; they are not findings about a district.")},
}


def index_html(table: pd.DataFrame, outcomes: list[DistrictOutcome], as_of: pd.Timestamp, lang: str,
               illustrative: bool) -> str:
    """The ranking page: districts by P(meet) of the next deadline, with links; failures listed last."""
    from cdsanalysis.report.formats import format_date
    from cdsanalysis.report.text import STATUS_COLORS

    text = INDEX_TEXT[lang]
    status_col = "status_vi" if lang == "vi" else "status_en"
    open_rows = table[table["deadline"] > as_of]
    deadlines = sorted(open_rows["deadline"].unique())
    key = deadlines[0] if deadlines else None
    esc = html.escape

    def p_cell(rows: pd.DataFrame, deadline) -> str:
        row = rows[rows["deadline"] == deadline]
        if row.empty:
            return "<td>—</td><td>—</td>"
        r = row.iloc[0]
        fill, ink = STATUS_COLORS.get(r["status"], ("#ffffff", "#000000"))
        p = "—" if pd.isna(r["p_meet"]) else f"{100 * r['p_meet']:.0f}%"
        return (f'<td class="num">{int(r["target"])}: {p}</td>'
                f'<td style="background:{fill};color:{ink}">{esc(str(r[status_col]))}</td>')

    def row_for(code: str) -> tuple[float, float, str]:
        rows = open_rows[open_rows["district_code"] == code]
        values = [rows.loc[rows["deadline"] == d, "p_meet"].max() for d in deadlines]
        values = [-1.0 if pd.isna(v) else float(v) for v in values]
        return (-values[0] if values else 0.0, -values[-1] if values else 0.0, code)

    ok = [o for o in outcomes if o.ok]
    ranked = sorted(ok, key=lambda o: row_for(o.district_code))
    head = "".join(f"<th>{esc(text['p'].format(d=format_date(d, lang)))}</th><th>{esc(text['status'].format(d=''))}</th>"
                   for d in deadlines)
    lines = [f"<h1>{esc(text['title'].format(as_of=format_date(as_of, lang)))}</h1>"]
    if illustrative:
        lines.append(f"<blockquote><strong>{esc(text['illustrative'])}</strong></blockquote>")
    if key is not None:
        lines.append(f"<p>{esc(text['ranking'].format(d=format_date(key, lang)))}</p>")
    lines.append(f"<table><thead><tr><th>{text['rank']}</th><th>{text['district']}</th>"
                 f"<th>{text['completed']}</th>{head}</tr></thead><tbody>")
    province = table[table["district_code"] == ""]
    if len(province):
        first = province.iloc[0]
        lines.append(f"<tr><td></td><td><strong>{esc(text['province'])}</strong></td>"
                     f'<td class="num">{first["completed"]}/{first["communes_total"]}</td>'
                     + "".join(p_cell(open_rows[open_rows["district_code"] == ""], d) for d in deadlines) + "</tr>")
    for rank, outcome in enumerate(ranked, start=1):
        rows = table[table["district_code"] == outcome.district_code]
        done = f'{rows.iloc[0]["completed"]}/{rows.iloc[0]["communes_total"]}' if len(rows) else "—"
        lines.append(f'<tr><td class="num">{rank}</td><td><a href="{esc(outcome.stem)}.html">'
                     f"{esc(outcome.district_name)}</a></td><td class=\"num\">{done}</td>"
                     + "".join(p_cell(open_rows[open_rows["district_code"] == outcome.district_code], d)
                               for d in deadlines) + "</tr>")
    for outcome in (o for o in outcomes if not o.ok):
        lines.append(f'<tr class="failed"><td></td><td><a href="{esc(outcome.stem)}.ipynb">'
                     f"{esc(outcome.district_name)}</a></td><td colspan=\"{1 + 2 * len(deadlines)}\">"
                     f"{esc(text['failed'])} — {esc(outcome.error)}</td></tr>")
    lines.append("</tbody></table>")
    lines.append(f'<p class="muted">{esc(text["files"])}</p>')
    return html_page(text["title"].format(as_of=format_date(as_of, lang)), "\n".join(lines), lang)


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
                    as_of: pd.Timestamp, lang: str) -> None:
    """Write ``summary.csv``, ``summary.xlsx`` and ``index.html`` of a run into ``folder``.

    The index carries the illustrative-data warning when any progress figure or target of
    ``dataset`` (the data as loaded, not cut at ``as_of``) is illustrative.
    """
    from cdsanalysis.data.io import atomic_write_text
    from cdsanalysis.data.provenance import illustrative_note
    from cdsanalysis.report.excel import write_assessment_xlsx, write_summary_csv

    write_summary_csv(table, folder / "summary.csv", lang=lang, as_of=as_of)
    write_assessment_xlsx(table, folder / "summary.xlsx", lang=lang, as_of=as_of,
                          caveat=illustrative_note(dataset, lang=lang))
    illustrative = bool((dataset.progress["status"] == "illustrative").any()
                        or (dataset.targets["status"] == "illustrative").any())
    atomic_write_text(folder / "index.html", index_html(table, list(outcomes), as_of, lang, illustrative))


def write_run_record(folder: Path, parameters: dict[str, Any], dataset: Dataset, timings: dict[str, float],
                     outcomes: Sequence[DistrictOutcome]) -> None:
    """Write ``run.json``: the run's parameters, its data, the versions used, timings and each district."""
    from cdsanalysis.data.io import atomic_write_text

    record = {
        "parameters": parameters,
        "data": {"source": dataset.source, "hash": dataset.data_hash},
        "versions": _versions(),
        "timings": timings,
        "districts": [{"code": o.district_code, "name": o.district_name, "ok": o.ok, "error": o.error,
                       "attempts": o.attempts, "seconds": round(o.seconds, 3), "phases": o.phases,
                       "files": o.files}
                      for o in outcomes],
        "failed": [o.district_code for o in outcomes if not o.ok],
    }
    atomic_write_text(folder / "run.json", json.dumps(record, ensure_ascii=False, indent=2) + "\n")
