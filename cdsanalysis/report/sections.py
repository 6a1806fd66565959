"""A district's or the province's report as HTML parts: heading, notices, chart and tables.

The template notebook shows these parts one per cell (nbconvert then exports them as the
district page); the province page puts the same parts into ``report.html.j2``. Both go
through the Jinja2 templates, so a name from a data file is always escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import pandas as pd

from cdsanalysis.report.charts import labels
from cdsanalysis.report.html import Cell, Chart, Column, HtmlPart, Row, Table, render_template
from cdsanalysis.wording.formats import format_date


class DistrictReport(Protocol):
    """What the parts read of a report (`cdsanalysis.report.district.DistrictReport` is one).

    A protocol, not an import: the report calls `part`, so importing it here would close a circle.
    """

    district_code: str
    district_name: str
    lang: str
    as_of: pd.Timestamp
    stale: str
    illustrative: tuple[str, ...]
    history: pd.DataFrame
    targets: pd.DataFrame
    assessment: pd.DataFrame
    TARGET_KEYS: list[str]
    PACE_KEYS: list[str]
    BASELINE_KEYS: list[str]

    @property
    def text(self) -> Mapping[str, Any]: ...
    def standing_line(self) -> str: ...
    def interval_line(self) -> str: ...
    def method_note_list(self) -> list[str]: ...
    def targets_frame(self) -> pd.DataFrame: ...
    def pace_frame(self) -> pd.DataFrame: ...
    def baselines_frame(self) -> pd.DataFrame: ...
    def chart_png(self) -> bytes: ...
    def compact_chart_png(self) -> bytes: ...

PARTS = ("heading", "provenance", "standing", "trajectory", "targets", "pace", "baselines", "method")
"""The parts of a report, in page order."""

_NUMERIC = {"target", "p_meet", "forecast", "current_pace", "required_pace", "pace_ratio", "model", "model_meets",
            "steady_meets"}


def frame_table(frame: pd.DataFrame, name: str, keys: list[str], statuses: list[str] | None = None) -> Table:
    """A display frame as a `Table`; ``keys`` name its columns (numeric ones right-aligned), ``statuses``
    the machine status of each row, which colours the ``status`` column."""
    columns = tuple(Column(str(label), num=key in _NUMERIC) for label, key in zip(frame.columns, keys))
    rows = []
    for i, values in enumerate(frame.itertuples(index=False)):
        cells = tuple(Cell(str(v), num=key in _NUMERIC, status=statuses[i] if key == "status" and statuses else None)
                      for v, key in zip(values, keys))
        rows.append(Row(cells))
    return Table(name, columns, tuple(rows))


def heading_context(report: DistrictReport) -> dict[str, str]:
    t = report.text
    line = t["as_of"].format(date=format_date(report.as_of, report.lang))
    if report.district_code:
        line += f" · {report.district_code}"
    return {"title": t["heading"].format(name=report.district_name), "as_of_line": line}


def notices(report: DistrictReport) -> list[dict[str, Any]]:
    """The warnings a reader must see first: stale data, then illustrative figures (or the sources line)."""
    t = report.text
    out = []
    if report.stale:
        out.append({"kind": "stale", "title": report.stale, "items": [], "end": ""})
    if report.illustrative:
        items = t["illustrative_items"]
        n_hist = int((report.history["status"] == "illustrative").sum())
        n_targ = int((report.targets["status"] == "illustrative").sum())
        counts = {"progress": (n_hist, len(report.history)), "targets": (n_targ, len(report.targets)),
                  "model": (0, 0)}
        out.append({"kind": "", "title": "⚠️ " + t["illustrative_title"],
                    "items": [items[k].format(n=counts[k][0], m=counts[k][1]) for k in report.illustrative],
                    "end": t["illustrative_end"]})
    else:
        out.append({"kind": "official", "title": t["official"], "items": [], "end": ""})
    return out


def chart(report: DistrictReport) -> dict[str, Any]:
    alt_text = labels(report.lang)["trajectory_title"].format(name=report.district_name)
    return Chart(report.chart_png(), alt_text, compact=report.compact_chart_png()).context()


def _make(name: str, heading: str, *, paragraphs: tuple[str, ...] | list[str] = (), chart: dict | None = None,
          table: Table | None = None, notes: tuple[str, ...] | list[str] = ()) -> dict[str, Any]:
    return {"id": name, "heading": heading, "paragraphs": list(paragraphs), "chart": chart, "table": table,
            "notes": list(notes)}


def section_context(report: DistrictReport, name: str) -> dict[str, Any]:
    """One section below the heading and notices (only what it needs is computed: no chart for a table):
    its heading, paragraphs, chart, table and notes, for the page templates and the Word document."""
    t = report.text
    if name == "standing":
        return _make(name, t["standing"], paragraphs=[report.standing_line()])
    if name == "trajectory":
        return _make(name, t["trajectory"], chart=chart(report))
    if name == "targets":
        sureness = report.interval_line()  # how sure, in words (issue 8)
        return _make(name, t["targets"], paragraphs=[sureness] if sureness else [],
                     table=frame_table(report.targets_frame(), name, report.TARGET_KEYS,
                                                            report.assessment["status"].tolist()))
    if name == "pace":
        return _make(name, t["pace"], paragraphs=[t["pace_intro"]],
                     table=frame_table(report.pace_frame(), name, report.PACE_KEYS))
    if name == "baselines":
        return _make(name, t["baselines"], table=frame_table(report.baselines_frame(), name, report.BASELINE_KEYS))
    if name == "method":
        return _make(name, t["method"], notes=report.method_note_list())
    raise KeyError(f"no report part {name!r}; parts are {', '.join(PARTS)}")


def part(report: DistrictReport, name: str) -> HtmlPart:
    """One part of the report, for a notebook cell (the district page is the export of these cells)."""
    if name == "heading":
        context = heading_context(report)
        return HtmlPart(render_template("fragment.html.j2", kind="heading", **context),
                        f"{context['title']}\n{context['as_of_line']}")
    if name == "provenance":
        found = notices(report)
        html = "".join(render_template("fragment.html.j2", kind="notice", notice=n) for n in found)
        return HtmlPart(html, "\n".join(line for n in found for line in (n["title"], *n["items"], n["end"]) if line))
    s = section_context(report, name)
    html = render_template("fragment.html.j2", kind="section", section=s)
    text = "\n".join([s["heading"], *s["paragraphs"], *([s["table"].to_text()] if s["table"] else []), *s["notes"]])
    return HtmlPart(html, text, png=report.chart_png() if name == "trajectory" else None)


def report_page(report: DistrictReport, back: dict[str, str] | None = None) -> str:
    """The whole report as one offline page (the province page; districts come through their notebook)."""
    heading = heading_context(report)
    return render_template("report.html.j2", lang=report.lang, title=heading["title"], heading=heading,
                           notices=notices(report), sections=[section_context(report, name) for name in PARTS[2:]],
                           back=back)
