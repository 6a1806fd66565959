"""What each part of a district's or the province's report says: heading, notices, chart, tables.

The one producer of the heading and of the notices (stale data, illustrative figures or the
sources line), and of each section's heading, paragraphs, table and notes. Writers render them:
`cdsanalysis.report.writers.html` as notebook cells and pages, `cdsanalysis.report.writers.word`
as a document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from cdsanalysis.data.provenance import illustrative_rows
from cdsanalysis.report.content.blocks import Cell, Chart, Column, Heading, Notice, Row, Section, Table
from cdsanalysis.report.content.charts import labels
from cdsanalysis.report.content.current import UNIT_KEYS
from cdsanalysis.wording import words
from cdsanalysis.wording.formats import format_date

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.report.content.district import DistrictReport

PARTS = ("heading", "provenance", "standing", "trajectory", "targets", "pace", "baselines", "units", "method")
"""The parts of a report, in page order (``units``, each district's latest figure, is the province's only)."""


def report_parts(report: DistrictReport) -> tuple[str, ...]:
    """The parts ``report`` has, in page order: `PARTS` without ``units`` for a district."""
    return tuple(name for name in PARTS if name != "units" or report.units is not None)

_NUMERIC = {"completed", "target", "p_meet", "forecast", "current_pace", "required_pace", "pace_ratio", "model",
            "model_meets", "steady_meets"}


def frame_table(frame: pd.DataFrame, name: str, keys: list[str], statuses: list[str] | None = None) -> Table:
    """A display frame as a `Table`; ``keys`` name its columns (numeric ones right-aligned), ``statuses``
    the machine status of each row, which colours the ``status`` column."""
    columns = tuple(Column(str(label), num=key in _NUMERIC) for label, key in zip(frame.columns, keys, strict=False))
    rows = []
    for i, values in enumerate(frame.itertuples(index=False)):
        cells = tuple(Cell(str(v), num=key in _NUMERIC, status=statuses[i] if key == "status" and statuses else None)
                      for v, key in zip(values, keys, strict=False))
        rows.append(Row(cells))
    return Table(name, columns, tuple(rows))


def heading_context(report: DistrictReport) -> Heading:
    """The title, and the date line (with the district's code; the province has none)."""
    t = report.text
    line = t["as_of"].format(date=format_date(report.as_of, report.lang))
    if report.district_code:
        line += f" · {report.district_code}"
    return Heading(title=t["heading"].format(name=report.district_name), as_of_line=line)


def notices(report: DistrictReport) -> list[Notice]:
    """The warnings a reader must see first: stale data, then illustrative figures (or the sources line)."""
    t = report.text
    out = []
    if report.stale:
        out.append(Notice("stale", report.stale))
    if report.behind:
        out.append(Notice("stale", report.behind))
    if report.closed:  # issue 22: the district ceased; shown like a stale-data warning
        out.append(Notice("stale", report.closed))
    if report.illustrative:
        items = t["illustrative_items"]
        n_hist = int(illustrative_rows(report.history["status"]).sum())
        n_targ = int(illustrative_rows(report.targets["status"]).sum())
        counts = {"progress": (n_hist, len(report.history)), "targets": (n_targ, len(report.targets)),
                  "model": (0, 0)}
        out.append(Notice("", "⚠️ " + t["illustrative_title"],
                          tuple(items[k].format(n=counts[k][0], m=counts[k][1]) for k in report.illustrative),
                          t["illustrative_end"]))
    else:
        out.append(Notice("official", t["official"]))
    return out


def chart(report: DistrictReport) -> Chart:
    """The trajectory chart, wide and compact, with its alternative text."""
    alt_text = labels(report.lang)["trajectory_title"].format(name=report.district_name)
    return Chart(report.chart_png(), alt_text, compact=report.compact_chart_png())


def _make(name: str, heading: str, *, paragraphs: tuple[str, ...] | list[str] = (), chart: Chart | None = None,
          table: Table | None = None, notes: tuple[str, ...] | list[str] = ()) -> Section:
    return Section(id=name, heading=heading, paragraphs=tuple(paragraphs), chart=chart, table=table,
                   notes=tuple(notes))


def section_context(report: DistrictReport, name: str) -> Section:
    """One section below the heading and notices (only what it needs is computed: no chart for a table):
    its heading, paragraphs, chart, table and notes, for the page templates and the Word document."""
    t = report.text
    if name == "standing":
        return _make(name, t["standing"], paragraphs=[*report.standing_lines(), *report.records])
    if name == "trajectory":
        return _make(name, t["trajectory"], chart=chart(report), notes=[report.chart_note] if report.chart_note else [])
    if name == "targets":
        sureness = report.interval_line()  # how sure, in words (issue 8)
        ahead = (pd.to_datetime(report.assessment["deadline"]) > report.as_of).any()
        said = [sureness] if sureness else []
        if not ahead:  # a folder whose deadlines have all passed still renders, and says why there is no chance
            said.append(t["no_future_target"].format(as_of=format_date(report.as_of, report.lang)))
        return _make(name, t["targets"], paragraphs=said,
                     table=frame_table(report.targets_frame(), name, report.TARGET_KEYS,
                                                            report.assessment["status"].tolist()))
    if name == "pace":
        return _make(name, t["pace"], paragraphs=[t["pace_intro"]],
                     table=frame_table(report.pace_frame(), name, report.PACE_KEYS))
    if name == "baselines":
        return _make(name, t["baselines"], table=frame_table(report.baselines_frame(), name, report.BASELINE_KEYS))
    if name == "units" and report.units is not None:
        return _make(name, words(report.lang)["current"]["units"],
                     table=frame_table(report.units, name, UNIT_KEYS))
    if name == "method":
        return _make(name, t["method"], notes=report.method_note_list())
    raise KeyError(f"no report part {name!r}; parts are {', '.join(PARTS)}")
