"""The workbook and the CSV officials open: a one-page overview, the detailed table, notes.

`write_assessment_xlsx` takes the frame `assess` returns (with the batch summary's extra columns
such as ``report`` or ``html`` when present) and writes, atomically:

1. **Tổng hợp** — one row per unit (province first), the deadlines side by side (target, chance,
   status) as on the index page, under a title row with the as-of date and a row with the
   provenance caveat, so a workbook e-mailed alone still says what it is. A4 landscape, one page
   wide, header rows repeated on every page; "—" where a chance no longer applies (past deadline).
2. **Chi tiết** — the long table, one row per unit and target, every number native.
3. **Thay đổi** — what changed since the previous render, when the caller passes it.
4. **Ghi chú** — what the columns and statuses mean.

`write_summary_csv` writes the long table for Excel: UTF-8 with a BOM (so Excel on Windows reads
Vietnamese), headers and labels in the reader's language. Every text cell of both passes through
`cdsanalysis.data.formulas`: no name from a data file can become a live formula.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from cdsanalysis.data.formulas import csv_safe, csv_safe_frame, set_cell
from cdsanalysis.data.io import atomic_write_bytes, atomic_write_text
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.report.writers.sheets import (
    CAVEAT_MARK,
    LINE_HEIGHT,
    column_letter,
    header_cell,
    plain_value,
    print_setup,
    status_style,
    title_rows,
    wrapped_lines,
    write_frame,
)
from cdsanalysis.settings import DEFAULT_THRESHOLDS, PROVINCE_CODE
from cdsanalysis.wording import DEFAULT_LANG, status_label, words
from cdsanalysis.wording.formats import format_chance, format_date, format_percent

if TYPE_CHECKING:  # pragma: no cover
    from openpyxl.worksheet.worksheet import Worksheet

# column -> (number format, width); the headers are the catalogue's ``workbook_columns``
COLUMNS: dict[str, tuple[str | None, int]] = {
    "district_code": (None, 9),
    "district_name": (None, 24),
    "communes_total": ("0", 9),
    "completed": ("0", 11),
    "data_status": (None, 14),
    "latest_date": ("DD/MM/YYYY", 11),
    "freshness": (None, 30),
    "deadline": ("DD/MM/YYYY", 11),
    "target": ("0", 10),
    "kind": (None, 15),
    "target_status": (None, 12),
    "p_meet": ("0.0000", 11),
    "expected": ("0.0", 11),
    "median": ("0", 11),
    "lower": ("0", 9),
    "upper": ("0", 9),
    "current_pace": ("0.00", 12),
    "required_pace": ("0.00", 12),
    "pace_ratio": ("0.00", 10),
    "status": (None, 17),
    "next_deadline": ("DD/MM/YYYY", 11),
    "shortfall": ("0", 11),
    "pace_needed_per_month": ("0.00", 13),
    "last_deadline": ("DD/MM/YYYY", 11),
    "last_target": ("0", 11),
    "last_deadline_result": (None, 17),
    "report": (None, 10),
    "html": (None, 22),
    "error": (None, 40),
}
"""Columns of the long table, in this order, when present (and not wholly empty) in the table."""

DATE_COLUMNS = ("deadline", "latest_date", "next_deadline", "last_deadline")
STALE_COLOR = "9A3412"
"""The overview's date of a figure older than the latest round (the detail sheet says "no figure since …")."""

ALWAYS = ("district_code", "district_name", "deadline", "target", "status")
"""Columns written even when empty (an assessment without them is refused)."""

PAST_WIDTH = 34
"""Width of the overview's one column for every past deadline (one line each)."""

GROUP = ("target", "p_meet", "status")
"""The overview's columns under each deadline, and their widths below."""
GROUP_WIDTHS = (10, 11, 17)


def _words(lang: str) -> Mapping:
    """The workbook's own words (titles, sheet names) in ``lang``."""
    return words(lang)["workbook"]


def _header(column: str, lang: str) -> str:
    return words(lang)["workbook_columns"][column]


def _cell_value(column: str, value: object, lang: str) -> object:
    """What a cell of the long table holds: translated labels, None for missing numbers, native dates."""
    value = plain_value(value)
    if value is None:
        return None
    text = words(lang)["report"]
    if column in DATE_COLUMNS:
        return pd.Timestamp(value).to_pydatetime()
    if column in ("status", "last_deadline_result"):
        return status_label(value, lang) if value else None
    if column in ("kind", "target_status", "data_status"):
        key = {"kind": "target_kind", "target_status": "target_status", "data_status": "data_kind"}[column]
        return text[key].get(value, value)
    if column == "report":
        return _words(lang)["report"].get(value, value)
    if column in ("communes_total", "completed", "target", "shortfall", "last_target"):
        return int(value)
    return value


def _unit_name(row: pd.Series | dict, lang: str) -> str:
    return _words(lang)["province"] if row["district_code"] == PROVINCE_CODE else str(row["district_name"])


def _without_past_chances(table: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The table with no P(meet) for deadlines on or before ``as_of``: the event is settled, its status says how."""
    if "p_meet" not in table.columns:
        return table
    out = table.copy()
    out["p_meet"] = out["p_meet"].astype(float).where(pd.to_datetime(out["deadline"]) > as_of)
    return out


def _present_columns(table: pd.DataFrame) -> list[str]:
    """Long-table columns present and not wholly empty (no empty column is printed)."""
    keep = []
    for column in (c for c in COLUMNS if c in table.columns):
        values = table[column]
        empty = values.isna() | values.astype(str).isin(["", "nan", "NaT", "<NA>"])
        if column in ALWAYS or not empty.all():
            keep.append(column)
    return keep


# ---- sheet 1: one row per unit, deadlines side by side ------------------------------------------

def _deadline_groups(table: pd.DataFrame, as_of: pd.Timestamp) -> tuple[list[str], list[tuple]]:
    """The overview's column groups: one per deadline still ahead, or per (deadline, kind) when a unit has
    two targets on one deadline (past deadlines fold into one column). Returns the key columns and keys."""
    per_kind = "kind" in table.columns and table[["district_code", "deadline"]].duplicated().any()
    columns = ["deadline", "kind"] if per_kind else ["deadline"]
    ahead = table[pd.to_datetime(table["deadline"]) > as_of]
    groups = ahead[columns].drop_duplicates().sort_values(columns, kind="stable")
    return columns, [tuple(row) for row in groups.itertuples(index=False)]


UNIT_FIXED = ("district_code", "district_name", "completed", "communes_total", "data_status", "latest_date",
              "shortfall", "pace_needed_per_month", "current_pace")
"""The overview's unit columns, when present: the unit, its count and what it needs for the next deadline."""


def _overview_header(sheet: Worksheet, fixed: list[str], keys: list[tuple], extra: list[tuple[int, str]],
                     lang: str) -> None:
    """Rows 3–4: the unit columns and ``extra`` ones (merged down), one merged "Hạn dd/mm/yyyy" over each group."""
    own = _words(lang)
    singles = [(j, _header(c, lang)) for j, c in enumerate(fixed, start=1)] + extra
    for j, label in singles:
        header_cell(set_cell(sheet, 3, j, label))
        header_cell(sheet.cell(row=4, column=j))
        sheet.merge_cells(start_row=3, start_column=j, end_row=4, end_column=j)
    for g, key in enumerate(keys):
        first = len(fixed) + 1 + len(GROUP) * g + 1
        label = own["deadline"].format(date=format_date(key[0], lang))
        if len(key) > 1:
            label += f" ({words(lang)['report']['target_kind'].get(key[1], key[1])})"
        header_cell(set_cell(sheet, 3, first, label))
        for k, word in enumerate(GROUP):
            header_cell(sheet.cell(row=3, column=first + k))
            header_cell(set_cell(sheet, 4, first + k, own[word]))
        sheet.merge_cells(start_row=3, start_column=first, end_row=3, end_column=first + len(GROUP) - 1)
    sheet.row_dimensions[4].height = 45


def _overview_group(sheet: Worksheet, i: int, first: int, row: pd.Series | None, as_of: pd.Timestamp,
                    lang: str) -> None:
    """One unit's target, chance and status under one deadline ("—" where there is none)."""
    from openpyxl.styles import Alignment

    none = _words(lang)["none"]
    if row is None:
        for k in range(len(GROUP)):
            set_cell(sheet, i, first + k, none).alignment = Alignment(horizontal="center")
        return
    set_cell(sheet, i, first, int(row["target"])).number_format = "0"
    past = pd.Timestamp(row["deadline"]) <= as_of
    chance = set_cell(sheet, i, first + 1, none if past else format_chance(row["p_meet"], lang, status=row["status"]))
    chance.alignment = Alignment(horizontal="center" if past or chance.value == none else "right")
    status = set_cell(sheet, i, first + 2, _cell_value("status", row["status"], lang))
    status.fill, status.font = status_style(str(row["status"]))


def _past_cell(sheet: Worksheet, i: int, j: int, rows: pd.DataFrame, as_of: pd.Timestamp, lang: str) -> int:
    """The unit's past deadlines in one cell, one line each (newest last), coloured by the newest one's status;
    returns the number of lines."""
    from openpyxl.styles import Alignment

    past = rows[pd.to_datetime(rows["deadline"]) <= as_of].sort_values(["deadline", "target"], kind="stable")
    past = past.groupby("deadline", sort=False).tail(1)  # the stricter target of a date, as the index judges
    if past.empty:
        set_cell(sheet, i, j, _words(lang)["none"]).alignment = Alignment(horizontal="center")
        return 1
    lines = [_words(lang)["past_line"].format(date=format_date(r["deadline"], lang), target=int(r["target"]),
                                              status=status_label(r["status"], lang)) for _, r in past.iterrows()]
    cell = set_cell(sheet, i, j, "\n".join(lines))
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.fill, cell.font = status_style(str(past.iloc[-1]["status"]))
    return len(lines)


def _write_overview(sheet: Worksheet, table: pd.DataFrame, as_of: pd.Timestamp, lang: str, title: str,
                    caveat: str) -> None:
    from openpyxl.styles import Alignment, Font

    present = _present_columns(table)
    fixed = [c for c in UNIT_FIXED if c in present or (c == "current_pace" and "shortfall" in present)]
    key_columns, keys = _deadline_groups(table, as_of)
    error = "error" in present
    past_column = len(fixed) + 1
    width = past_column + len(GROUP) * len(keys) + (1 if error else 0)
    for j, column in enumerate(fixed, start=1):
        sheet.column_dimensions[column_letter(j)].width = COLUMNS[column][1] + (4 if column == "district_name" else 0)
    sheet.column_dimensions[column_letter(past_column)].width = PAST_WIDTH
    for g in range(len(keys)):
        for k, size in enumerate(GROUP_WIDTHS):
            sheet.column_dimensions[column_letter(past_column + len(GROUP) * g + k + 1)].width = size
    if error:
        sheet.column_dimensions[column_letter(width)].width = COLUMNS["error"][1]
    title_rows(sheet, width, title, caveat)
    extra = [(past_column, _words(lang)["past"])] + ([(width, _header("error", lang))] if error else [])
    _overview_header(sheet, fixed, keys, extra, lang)

    for i, (code, rows) in enumerate(table.groupby("district_code", sort=False), start=5):
        unit = rows.iloc[0]
        for j, column in enumerate(fixed, start=1):
            value = _unit_name(unit, lang) if column == "district_name" else _cell_value(column, unit[column], lang)
            cell = set_cell(sheet, i, j, value)
            if COLUMNS[column][0] and column not in ("district_code",):
                cell.number_format = COLUMNS[column][0]
            if column == "latest_date" and code != PROVINCE_CODE and str(unit.get("freshness", "") or ""):
                cell.font = Font(italic=True, color=STALE_COLOR)  # the round left it behind
            if column == "district_name" and str(unit.get("html", "") or ""):
                cell.hyperlink = str(unit["html"])  # a link that prints as plain text (no blue, no underline)
                cell.font = Font(bold=code == PROVINCE_CODE, color="000000", underline=None)
            elif code == PROVINCE_CODE:
                cell.font = Font(bold=True)
        lines = _past_cell(sheet, i, past_column, rows, as_of, lang)
        for g, key in enumerate(keys):
            match = rows
            for column, value in zip(key_columns, key, strict=False):
                match = match[match[column] == value]
            _overview_group(sheet, i, past_column + len(GROUP) * g + 1, None if match.empty else match.iloc[0],
                            as_of, lang)
        if error and str(unit.get("error", "") or ""):
            message = f"{_words(lang)['report']['failed']}: {unit['error']}"
            set_cell(sheet, i, width, message).alignment = Alignment(wrap_text=True, vertical="top")
            lines = max(lines, wrapped_lines(message, COLUMNS["error"][1]))
        sheet.row_dimensions[i].height = LINE_HEIGHT * max(1, lines)  # wrapped cells print whole
    sheet.freeze_panes = sheet.cell(row=5, column=min(3, len(fixed) + 1))
    print_setup(sheet, "3:4", lang)


# ---- sheet 2: the long table ----------------------------------------------------------------

def _write_detail(sheet: Worksheet, table: pd.DataFrame, lang: str, title: str, caveat: str) -> None:
    from openpyxl.styles import Alignment, Font

    columns = _present_columns(table)
    for j, column in enumerate(columns, start=1):
        sheet.column_dimensions[column_letter(j)].width = COLUMNS[column][1]
    title_rows(sheet, len(columns), title, caveat)
    for j, column in enumerate(columns, start=1):
        header_cell(set_cell(sheet, 3, j, _header(column, lang)))
    sheet.row_dimensions[3].height = 45
    for i, row in enumerate(table.to_dict("records"), start=4):
        for j, column in enumerate(columns, start=1):
            value = _unit_name(row, lang) if column == "district_name" else _cell_value(column, row[column], lang)
            cell = set_cell(sheet, i, j, value)
            if COLUMNS[column][0]:
                cell.number_format = COLUMNS[column][0]
            if column == "status":
                cell.fill, cell.font = status_style(str(row["status"]))
            elif column == "html" and value:
                cell.hyperlink = str(value)  # prints as plain text
            elif column in ("error", "freshness"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if row["district_code"] == PROVINCE_CODE:
                cell.font = Font(bold=True, color=cell.font.color, underline=cell.font.underline)
    sheet.freeze_panes = "C4"
    sheet.auto_filter.ref = f"A3:{column_letter(len(columns))}{len(table) + 3}"
    print_setup(sheet, "3:3", lang)


def _write_notes(sheet: Worksheet, lang: str) -> None:
    """One note a row, wrapped in a column a page wide, each row as tall as its lines: the sheet prints whole."""
    from openpyxl.styles import Alignment

    sheet.column_dimensions["A"].width = NOTES_WIDTH
    on_track = format_percent(DEFAULT_THRESHOLDS.on_track, lang)
    at_risk = format_percent(DEFAULT_THRESHOLDS.at_risk, lang)
    for i, note in enumerate(words(lang)["workbook_notes"], start=1):
        text = note.format(on_track=on_track, at_risk=at_risk)
        set_cell(sheet, i, 1, text).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[i].height = LINE_HEIGHT * wrapped_lines(text, NOTES_WIDTH) + 4
    print_setup(sheet, "", lang)
    sheet.page_setup.orientation = "portrait"


NOTES_WIDTH = 100
"""The notes' column, in character widths: an A4 portrait page's printable width at 11 points."""


# ---- the entry points -------------------------------------------------------------------------

def _checked(table: pd.DataFrame, lang: str, as_of: object) -> pd.Timestamp:
    _words(lang)
    missing = [c for c in ALWAYS if c not in table.columns]
    if missing:
        raise CdsAnalysisError(f"the table lacks the column(s) {', '.join(missing)}: pass the frame assess() returns")
    if as_of is None:
        raise CdsAnalysisError("as_of is needed: the workbook's title gives the date of its figures")
    return pd.Timestamp(as_of)


def write_assessment_xlsx(table: pd.DataFrame, path: str | os.PathLike, lang: str = DEFAULT_LANG, *, as_of: object,
                          caveat: str = "", changes: pd.DataFrame | None = None) -> Path:
    """Write an `assess()` frame (or the batch summary) as the officials' workbook at ``path``.

    ``as_of`` is the date of the figures (in every sheet's title); ``caveat`` the provenance
    sentence under the title (e.g. `cdsanalysis.data.provenance.illustrative_note`; empty: every
    figure has a source); ``changes``, when given, becomes the "what changed" sheet.
    """
    from openpyxl import Workbook

    as_of = _checked(table, lang, as_of)
    own = _words(lang)
    title = own["title"].format(as_of=format_date(as_of, lang))
    caveat = f"{CAVEAT_MARK}{caveat}" if caveat else own["official"]
    table = _without_past_chances(table, as_of)

    book = Workbook()
    book.active.title = own["overview"]
    _write_overview(book.active, table, as_of, lang, title, caveat)
    _write_detail(book.create_sheet(own["detail"]), table, lang, title, caveat)
    if changes is not None:
        write_frame(book.create_sheet(own["changes"]), changes, lang,
                    own["changes_title"].format(as_of=format_date(as_of, lang)))
    _write_notes(book.create_sheet(own["notes"]), lang)
    book.properties.title = title
    buffer = io.BytesIO()
    book.save(buffer)
    return atomic_write_bytes(path, buffer.getvalue())


def write_summary_csv(table: pd.DataFrame, path: str | os.PathLike, lang: str = DEFAULT_LANG, *, as_of: object) -> Path:
    """The long table as CSV for Excel: UTF-8 with a BOM, headers and labels in ``lang``, codes kept,
    ISO dates, no chance for a past deadline, formula-like text neutralised (a leading apostrophe)."""
    as_of = _checked(table, lang, as_of)
    table = _without_past_chances(table, as_of)
    records = table.to_dict("records")
    out = csv_safe_frame(pd.DataFrame({_header(c, lang): [_csv_value(c, r, lang) for r in records]
                                       for c in _present_columns(table)}))
    if "district_code" in table.columns:  # after the formula guard: this formula is ours and holds only the code
        code = _header("district_code", lang)
        out[csv_safe(code)] = out[csv_safe(code)].map(excel_text)
    return atomic_write_text(path, "\ufeff" + out.to_csv(index=False, lineterminator="\r\n"))


_EXCEL_WOULD_CHANGE = re.compile(r"0\d+|\d{16,}|\d+[-/.:]\d+([-/.:]\d+)?|\d+[eE][+-]?\d+|[+-]\d+|\d+%")
"""Codes Excel turns into something else when it opens a CSV: leading zeros dropped (``001``), dates
(``1-2``, ``1/2``), times, scientific notation (``1E5``), long numbers rounded, signs, percentages."""


def excel_text(value: object) -> object:
    """A plain code Excel would change, written as ``="001"`` so Excel shows it as the text it is
    (summary.xlsx stores codes as text cells); every other value as it is."""
    if isinstance(value, str) and _EXCEL_WOULD_CHANGE.fullmatch(value):
        return f'="{value}"'
    return value


def _csv_value(column: str, row: dict, lang: str) -> object:
    if column == "district_name":
        return _unit_name(row, lang)
    value = _cell_value(column, row[column], lang)
    if column in DATE_COLUMNS and value is not None:
        return f"{value:%Y-%m-%d}"
    return "" if value is None else value
