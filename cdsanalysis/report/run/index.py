"""index.html of a run: the province chart on top, the districts ranked, then what changed.

`index_html` turns the summary table into plain rows and cells (`cdsanalysis.report.writers.html`);
the template ``index.html.j2`` writes the markup, escaping every name. Districts are ranked by
their chance of meeting the next deadline's target (then the one after); failed districts
come last with their error. Before the deadlines still ahead, each row says what an official needs
first (issue 19): the date of the unit's latest figure ("no figure since …" when the latest round
left it behind), the last past deadline's result, the communes still needed for the next target and
the pace that needs beside the current pace, all read from the summary table's `DEADLINE_COLUMNS`
(`cdsanalysis.report.run.outputs`) and `cdsanalysis.data.freshness.district_freshness`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from cdsanalysis.data.freshness import no_figure_since
from cdsanalysis.data.names import display_name
from cdsanalysis.report.content.blocks import Cell, Column, Notice, Row, Section, Table
from cdsanalysis.report.run.layout import PROVINCE_PAGE
from cdsanalysis.report.writers.html import render_template
from cdsanalysis.settings import PROVINCE_CODE
from cdsanalysis.wording import status_label, words
from cdsanalysis.wording.formats import format_chance, format_date, format_number

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.report.run.changes import RunChanges
    from cdsanalysis.report.run.outcomes import DistrictOutcome


def _pick(rows: pd.DataFrame, deadline) -> pd.Series | None:
    """The target a unit is judged on at ``deadline``: the stricter (larger) when it has two."""
    rows = rows[rows["deadline"] == deadline]
    return None if rows.empty else rows.sort_values("target", kind="stable").iloc[-1]


def _deadline_cells(rows: pd.DataFrame, deadlines: list, lang: str) -> list[Cell]:
    cells = []
    for deadline in deadlines:
        r = _pick(rows, deadline)
        if r is None:
            cells += [Cell("—", num=True), Cell("—", num=True), Cell("—")]
            continue
        cells += [Cell(str(int(r["target"])), num=True),
                  Cell(format_chance(r["p_meet"], lang, status=r["status"]), num=True),
                  Cell(status_label(r["status"], lang), status=str(r["status"]))]
    return cells


def _unit_cells(code: str, table: pd.DataFrame, freshness: pd.DataFrame | None, first: object,
                lang: str) -> list[Cell]:
    """What an official needs first about a unit: its latest figure's date (or how long it has had none),
    the last past deadline's result, the communes still needed for its next target, the pace that needs
    and its current pace. Read from `summary_table`'s `DEADLINE_COLUMNS` and `district_freshness`."""
    text = words(lang)["index"]
    rows = table[table["district_code"] == code]
    if rows.empty:
        return [Cell("—")] * (len(UNIT_COLUMNS))
    r = rows.iloc[0]
    cells = [_latest_cell(code, freshness, lang)]
    result = str(r.get("last_deadline_result", "") or "")
    if result:
        cells.append(Cell(text["last_deadline_cell"].format(
            status=status_label(result, lang), target=int(r["last_target"]),
            date=format_date(r["last_deadline"], lang)), status=result, css="wrap"))
    else:
        cells.append(Cell(text["no_past_deadline"]))
    shortfall = "—"
    if pd.notna(r.get("shortfall", float("nan"))):
        shortfall = str(int(r["shortfall"]))
        if pd.notna(r["next_deadline"]) and r["next_deadline"] != first:
            shortfall = text["shortfall_by"].format(n=shortfall, date=format_date(r["next_deadline"], lang))
    cells += [Cell(shortfall, num=True), Cell(format_number(r.get("pace_needed_per_month"), lang, 1), num=True),
              Cell(format_number(r.get("current_pace"), lang, 1), num=True)]
    return cells


def _latest_cell(code: str, freshness: pd.DataFrame | None, lang: str) -> Cell:
    """The date of a district's latest figure, "no figure since …" when a later round left it behind;
    for the province, the round's date and how many districts have not reported for it."""
    text = words(lang)["index"]
    if freshness is None or freshness.empty:
        return Cell("—")
    if code == PROVINCE_CODE:
        behind = int(freshness["behind"].sum())
        date = format_date(freshness["round_date"].iloc[0], lang)
        return Cell(text["round_behind"].format(date=date, n=behind) if behind else date, css="stale" if behind
                    else "")
    row = freshness[freshness["district_code"] == code]
    if row.empty:
        return Cell("—")
    row = row.iloc[0]
    if bool(row["behind"]):
        return Cell(no_figure_since(row["latest_date"], lang), css="stale")
    return Cell(format_date(row["latest_date"], lang))


UNIT_COLUMNS = ("latest", "last_deadline", "shortfall", "pace_needed", "current_pace")
"""The unit columns between the current count and the open deadlines (their headers are catalogue words)."""


def ranking_table(table: pd.DataFrame, outcomes: Sequence[DistrictOutcome], as_of: pd.Timestamp,
                  lang: str, freshness: pd.DataFrame | None = None) -> tuple[Table, list]:
    """The ranking: the province first (linked to its report), districts by chance, failures last.

    ``freshness``: `cdsanalysis.data.freshness.district_freshness` at ``as_of`` (each district's latest
    figure and whether the latest round left it behind); without it the latest-figure column reads "—".
    """
    text = words(lang)["index"]
    open_rows = table[table["deadline"] > as_of]
    deadlines = sorted(open_rows["deadline"].unique())
    first = deadlines[0] if deadlines else None

    def chance(code: str, deadline) -> float:
        r = _pick(open_rows[open_rows["district_code"] == code], deadline)
        return -1.0 if r is None or pd.isna(r["p_meet"]) else float(r["p_meet"])

    def done(code: str) -> str:
        rows = table[table["district_code"] == code]
        return "—" if rows.empty or pd.isna(rows.iloc[0]["completed"]) else \
            f'{int(rows.iloc[0]["completed"])}/{int(rows.iloc[0]["communes_total"])}'

    def unit(code: str) -> list[Cell]:
        return _unit_cells(code, table, freshness, first, lang)

    columns = [Column(text["rank"], num=True), Column(text["district"]), Column(text["completed"], num=True),
               *(Column(text["unit_columns"][k], num=k in ("shortfall", "pace_needed", "current_pace"))
                 for k in UNIT_COLUMNS)]
    for d in deadlines:
        columns += [Column(text["target"].format(d=format_date(d, lang)), num=True), Column(text["p"], num=True),
                    Column(text["status"])]
    rows = []
    if (table["district_code"] == PROVINCE_CODE).any():
        rows.append(Row((Cell(""), Cell(text["province"], href=PROVINCE_PAGE), Cell(done(PROVINCE_CODE), num=True),
                         *unit(PROVINCE_CODE),
                         *_deadline_cells(open_rows[open_rows["district_code"] == PROVINCE_CODE], deadlines, lang)),
                        css="province"))
    ok = sorted((o for o in outcomes if o.ok), key=lambda o: (*(-chance(o.district_code, d) for d in deadlines[:2]),
                                                              o.district_code))
    for rank, o in enumerate(ok, start=1):
        rows.append(Row((Cell(str(rank), num=True), Cell(o.district_name, href=f"{o.stem}.html"),
                         Cell(done(o.district_code), num=True), *unit(o.district_code),
                         *_deadline_cells(open_rows[open_rows["district_code"] == o.district_code], deadlines,
                                          lang))))
    for o in (o for o in outcomes if not o.ok):
        error = Cell(f"{text['failed']} — {o.error}")
        rows.append(Row((Cell(""), Cell(o.district_name, href=f"{o.stem}.ipynb"), error,
                         *([Cell("")] * (len(UNIT_COLUMNS) + 3 * len(deadlines)))), css="failed"))
    return Table("ranking", tuple(columns), tuple(rows)), deadlines


def changes_context(changes: RunChanges | None, lang: str) -> Section:
    """The "what changed" section: a sentence, and the table of changes when there are any."""
    text = words(lang)["index"]

    def section(*paragraphs: str, table: Table | None = None) -> Section:
        return Section(id="changes", heading=text["changes_heading"], paragraphs=paragraphs, table=table)

    if changes is None or changes.previous is None:
        return section(text["changes_none"])
    if changes.problem:
        return section(text["changes_problem"].format(problem=changes.problem))
    basis = text["changes_basis"].format(date=format_date(changes.previous_as_of, lang),
                                         folder=Path(changes.previous).name)
    frame = changes.to_frame()
    if frame.empty:
        return section(basis, text["changes_nothing"])
    return section(basis, table=changes_table(frame, lang))


MOVEMENT_SOURCES = 3
"""At most this many units are named as the source of a move, then "and N other units"."""


def movement_reason(reason: str, sources: tuple, lang: str) -> str:
    """Why a status or chance moved, in words (`cdsanalysis.report.run.changes.REASONS`); "" for a data row."""
    if not reason:
        return ""
    text = words(lang)["movement"]
    if reason == "none":
        return text["none"]
    if reason == "model":
        return text["model"].format(before=sources[0][1], after=sources[1][1])
    if reason == "as_of":
        return text["as_of"].format(before=format_date(sources[0][2], lang), after=format_date(sources[1][2], lang))
    names = [text["source"].format(name=words(lang)["index"]["province"] if code == PROVINCE_CODE
                                   else display_name(name) if name else code, date=format_date(date, lang))
             for code, name, date in sources[:MOVEMENT_SOURCES]]
    if len(sources) > MOVEMENT_SOURCES:
        names.append(text["more"].format(n=len(sources) - MOVEMENT_SOURCES))
    return text[reason].format(sources=text["separator"].join(names))


def changes_table(frame: pd.DataFrame, lang: str) -> Table:
    """The changes as a page table, in ``lang`` (figures with their kind, statuses as labels, chances as %)."""
    text = words(lang)["index"]
    kinds = words(lang)["report"]["data_kind"]

    def value(change: str, v: object) -> str:
        if v is None or (isinstance(v, float) and pd.isna(v)) or v == "":
            return "—"
        if change == "status":
            return status_label(str(v), lang)
        if change == "chance":
            return format_chance(float(v), lang)
        number, _, kind = str(v).partition(" (")
        return f"{number} ({kinds.get(kind.rstrip(')'), kind.rstrip(')'))})" if kind else number

    names = {PROVINCE_CODE: text["province"]}
    rows = []
    for r in frame.itertuples(index=False):
        name = names.get(r.district_code, r.district_name or r.district_code)
        target = "" if r.target is None or pd.isna(r.target) else str(int(r.target))
        rows.append(Row((Cell(text["change_kinds"][r.change]), Cell(name), Cell(format_date(r.date, lang)),
                         Cell(target, num=True), Cell(value(r.change, r.before), num=r.change == "chance"),
                         Cell(value(r.change, r.after), num=r.change == "chance"),
                         Cell(movement_reason(r.reason, r.sources, lang)))))
    labels = text["change_columns"]
    columns = (Column(labels[0]), Column(labels[1]), Column(labels[2]), Column(labels[3], num=True),
               Column(labels[4]), Column(labels[5]), Column(labels[6]))
    return Table("changes", columns, tuple(rows))


def changes_frame(changes: RunChanges | None, lang: str) -> pd.DataFrame | None:
    """The changes as the workbook's "what changed" sheet (None when nothing was compared or changed)."""
    if changes is None or not changes.compared or changes.to_frame().empty:
        return None
    table = changes_table(changes.to_frame(), lang)
    return pd.DataFrame([[c.text for c in row.cells] for row in table.rows], columns=[c.label for c in table.columns])


def index_html(table: pd.DataFrame, outcomes: Sequence[DistrictOutcome], as_of: pd.Timestamp, lang: str,
               illustrative: bool, *, province_chart: dict[str, Any] | None = None,
               changes: RunChanges | None = None, stale: str = "", province_error: str = "",
               freshness: pd.DataFrame | None = None) -> str:
    """The index page of a run (see the module docstring); ``freshness`` as for `ranking_table`."""
    text = words(lang)["index"]
    ranking, deadlines = ranking_table(table, outcomes, as_of, lang, freshness)
    notices = []
    if stale:
        notices.append(Notice("stale", stale))
    if illustrative:
        notices.append(Notice("", text["illustrative"]))
    if province_error:
        notices.append(Notice("stale", text["province_failed"].format(error=province_error)))
    title = text["title"].format(as_of=format_date(as_of, lang))
    province = {"heading": text["province_heading"], "href": PROVINCE_PAGE, "chart": province_chart} \
        if province_chart else None
    note = text["ranking"].format(d=format_date(deadlines[0], lang)) if deadlines else \
        text["no_future_target"].format(as_of=format_date(as_of, lang))
    return render_template("index.html.j2", lang=lang, title=title, notices=notices, province=province,
                           ranking={"heading": text["ranking_heading"], "note": note, "table": ranking},
                           changes=changes_context(changes, lang), files=text["files"])
