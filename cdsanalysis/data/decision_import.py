"""`import-decision`: a provincial decision's list of communes into ``recognitions.csv``.

A decision lists communes as offices type them ("xa Hoang Quy", "TT. Bút Sơn", "Hoằng Hoá"), often
with their district. Each name is matched with the package's name matching (prefixes, tone
placement, no diacritics); every name that matches no commune, or several, is listed with
suggestions, and so is a commune listed twice, one already recognised, and one that belongs to
another district than its row says. Nothing is written until every row resolves. The write has
the guarantees of `import`: the source file is only read, the folder's lock is held, the previous
``recognitions.csv`` is kept in ``history/`` (undo: ``import-decision --undo``), the new file is
written atomically, and ``--dry-run`` writes nothing.
"""

from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from cdsanalysis.data.dates import YEAR_RANGE, parse_date, text_date
from cdsanalysis.data.formulas import csv_safe
from cdsanalysis.data.io import describe_path, read_text_table, replaceable_target
from cdsanalysis.data.limits import MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, MAX_WORKBOOK_BYTES
from cdsanalysis.data.names import NameIndex, name_key, nfc
from cdsanalysis.data.progress_history import progress_lock, replace_keeping_history
from cdsanalysis.data.recognitions import COLUMNS, RECOGNITIONS_FILE, validate_recognitions
from cdsanalysis.data.sheet_cells import cell_text, is_blank
from cdsanalysis.data.sheet_layout import read_grid
from cdsanalysis.data.workbook import open_workbook
from cdsanalysis.exceptions import FAILURE_COLUMNS, CdsAnalysisError, DataValidationError, NameLookupError
from cdsanalysis.wording import LANGS
from cdsanalysis.wording import words as catalogue
from cdsanalysis.wording.levels import active_levels
from cdsanalysis.wording.messages import Message, in_lang
from cdsanalysis.wording.messages import said as _said

STEM = "recognitions"
_HEADER_ROWS = 30  # a decision's table starts within its first rows (title, number, date above it)
_DECISION_NUMBER = re.compile(r"\b(?:số|so)\s*[:.]?\s*([0-9]+\s*/\s*[^\s,;()]+)", re.IGNORECASE)
_DECISION_DATE = re.compile(r"\b(?:ngày|ngay)\s+([0-9]{1,2}\s*[/.-]\s*[0-9]{1,2}\s*[/.-]\s*[0-9]{4}|"
                            r"[0-9]{1,2}\s+(?:tháng|thang)\s+[0-9]{1,2}\s+(?:năm|nam)\s+[0-9]{4})", re.IGNORECASE)

def _message(key: str, /, **params) -> Message:
    """A refusal of this reader: the catalogue's ``errors`` sentence ``decision_<key>``."""
    return _said(f"decision_{key}", **params)


@dataclass(frozen=True)
class DecisionImport:
    """What an import-decision added (or would, in a dry run) to ``recognitions.csv``."""

    path: Path
    decision: str
    date: pd.Timestamp
    credited_year: int | None
    added: pd.DataFrame  # commune_code, commune_name, district_code, district_name, row
    written: bool
    dry_run: bool = False
    history: Path | None = None
    created: bool = False
    remaining: dict = field(default_factory=dict)  # district_code -> (recognised, communes)
    notes: tuple[str, ...] = ()
    lang: str = "vi"

    def describe(self, lang: str | None = None) -> str:
        w = catalogue(lang or self.lang)["decision_import"]
        year = self.credited_year if self.credited_year is not None else w["year_unknown"]
        key = "added" if self.written or not self.dry_run else "would_add"
        lines = [f"{self.path}: " + w[key].format(n=len(self.added), decision=self.decision,
                                                   date=f"{self.date.day}/{self.date.month}/{self.date.year}",
                                                   year=year)]
        for (code, name), part in self.added.groupby(["district_code", "district_name"], sort=True):
            total, communes = self.remaining.get(code, (0, 0))
            lines.append(w["district"].format(district=f"{code} {name}", n=len(part),
                                              names=", ".join(part["commune_name"]), total=total, communes=communes,
                                              left=communes - total))
        lines.extend(f"  {in_lang(note, lang or self.lang)}" for note in self.notes)
        if self.history is not None:
            if self.created:
                lines.append("  " + w["created"].format(path=self.path, folder=self.path.parent))
            else:
                lines.append("  " + w["kept"].format(name=self.path.name, version=self.history,
                                                     folder=self.path.parent))
        if self.dry_run:
            lines.append("  " + w["dry_run"])
        return "\n".join(lines)


@dataclass
class _Grid:
    """The cells of the list, by file row (Excel's row, or the CSV's line), and what was set aside."""

    rows: dict[int, list]
    notes: list[str] = field(default_factory=list)


def _read_grid(path: Path, sheet: str | None, include_hidden: bool) -> _Grid:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        workbook, visible, hidden = open_workbook(path, include_hidden=include_hidden)
        if sheet is not None and sheet not in visible:
            raise CdsAnalysisError(_message("no_sheet", path=path, sheet=sheet, names=", ".join(visible)))
        if not visible:
            raise CdsAnalysisError(_message("all_hidden", path=path))
        name = sheet if sheet is not None else visible[0]
        grid = read_grid(workbook[name], hidden.rows.get(name, ()), hidden.columns.get(name, ()))
        return _Grid(grid.rows, hidden.notes(name))
    if suffix == ".csv":
        return _Grid(_csv_rows(path))
    raise CdsAnalysisError(_message("suffix", path=path, suffix=path.suffix or _said("no_extension")))


def _csv_rows(path: Path) -> dict[int, list]:
    """A CSV list's rows by line, within the spreadsheet limits (size, rows, columns)."""
    size = path.stat().st_size
    if size > MAX_WORKBOOK_BYTES:
        raise CdsAnalysisError(_message("csv_size", path=path, size=size, limit=MAX_WORKBOOK_BYTES))
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CdsAnalysisError(_message("csv_text", path=path, reason=f"{err.reason} at byte {err.start}")) \
            from None
    rows: dict[int, list] = {}
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), 1):
            if number > MAX_SHEET_ROWS:
                raise CdsAnalysisError(_message("csv_rows", path=path, limit=MAX_SHEET_ROWS))
            if len(cells) > MAX_SHEET_COLUMNS:
                raise CdsAnalysisError(_message("csv_columns", path=path, row=number, n=len(cells),
                                                                                 limit=MAX_SHEET_COLUMNS))
            rows[number] = list(cells)
    except csv.Error as err:
        raise CdsAnalysisError(_said("not_csv", path=path, why=str(err))) from None
    return rows


def _group_keys() -> set[str]:
    """The group level's own words ("tỉnh" in a national frame), so its column is the one a message asks for."""
    levels = active_levels()
    return {name_key(levels.get("group", lang).singular) for lang in LANGS} - {""}


def _classify(label: str) -> str | None:
    """Which column a header names: the commune, its district, the credited year, a note; else None."""
    key = name_key(label)
    if not key:
        return None
    words = set(key.split())
    if "huyen" in words or key.startswith("don vi cap huyen") or key in _group_keys():
        return "district"
    if key in ("stt", "tt", "so tt"):
        return None
    if "nam" in words and ("tinh" in words or "cong nhan" in key or "hoan thanh" in key or key == "nam"):
        return "year"
    if "ghi chu" in key:
        return "note"
    if words & {"xa", "phuong"} or key.startswith(("ten don vi", "don vi", "ten xa")) or "thi tran" in key:
        return "commune"
    return None


def _find_header(grid: _Grid) -> tuple[int, dict[str, int]] | None:
    for row in sorted(grid.rows)[:_HEADER_ROWS]:
        columns: dict[str, int] = {}
        for col, value in enumerate(grid.rows[row], 1):
            kind = _classify(cell_text(value)) if isinstance(value, str) else None
            if kind and kind not in columns:
                columns[kind] = col
        if "commune" in columns:
            return row, columns
    return None


def _title_text(grid: _Grid, header_row: int) -> str:
    return " ".join(cell_text(v) for r in sorted(grid.rows) if r < header_row for v in grid.rows[r] if v is not None)


def _column_name(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def import_decision(
    path: str | os.PathLike,
    units: pd.DataFrame,
    out_dir: str | os.PathLike,
    *,
    decision: str | None = None,
    date: object = None,
    credited_year: int | None = None,
    source: str | None = None,
    sheet: str | None = None,
    include_hidden: bool = False,
    dry_run: bool = False,
    lang: str = "vi",
    report=None,
) -> DecisionImport:
    """Add a decision's communes to ``out_dir/recognitions.csv`` when every row resolves.

    ``decision``, ``date`` and ``credited_year`` win over what the file's title says. Raises
    `DataValidationError` listing every problem (file, row, column), with nothing written.
    """
    path, out_dir = Path(path), Path(out_dir)
    problem = describe_path(path)
    if problem:
        raise CdsAnalysisError(_said("path_problem", path=path, problem=problem))
    target = out_dir / RECOGNITIONS_FILE
    real_target, _ = replaceable_target(target)
    grid = _read_grid(path, sheet, include_hidden)
    failures: list[dict] = []

    def fail(row, column, value, check, message):
        failures.append(dict(file=str(path), row=row, column=column, value=str(value), check=check, message=message))

    found = _find_header(grid)
    if found is None:
        fail("", "", "", "no_header", _message("no_header", rows=_HEADER_ROWS))
        raise DataValidationError(pd.DataFrame(failures, columns=FAILURE_COLUMNS), title=_message("title"))
    header_row, columns = found
    title = _title_text(grid, header_row)
    decision = nfc(decision) if decision else _title_number(title)
    when = parse_date(date, "--date") if date is not None else _title_date(title)
    if not decision:
        fail("", "--decision", "", "decision", _message("need_decision"))
    if when is None:
        fail("", "--date", "", "date", _message("need_date"))
    if credited_year is None and "year" not in columns:
        fail("", "--credited-year", "", "credited_year", _message("need_year"))
    units = units.drop_duplicates("commune_code")
    districts = NameIndex.for_districts(units)
    province = NameIndex.for_communes(units)
    per_district: dict[str, NameIndex] = {}
    existing = _existing(real_target)
    already = {code: (row, r) for row, r in existing.iterrows() for code in [r["commune_code"]]}
    seen: dict[str, int] = {}
    added = []
    label = {kind: f"{_header_label(grid, header_row, col)} ({_column_name(col)})" for kind, col in columns.items()}
    for row in sorted(r for r in grid.rows if r > header_row):
        cells = grid.rows[row]
        value = cells[columns["commune"] - 1] if columns["commune"] - 1 < len(cells) else None
        if is_blank(value) or name_key(cell_text(value)).startswith(("tong cong", "cong")):
            continue
        name = cell_text(value)
        said = None
        district_cell = columns.get("district")
        if district_cell is not None and district_cell - 1 < len(cells) and not is_blank(cells[district_cell - 1]):
            said_name = cell_text(cells[columns["district"] - 1])
            try:
                said = districts.resolve(said_name)
            except NameLookupError as err:
                near = "; ".join(f"{n} ({c})" for c, n in err.suggestions)
                fix = _said("did_you_mean", near=near) if near else _message("check_district")
                fail(row, label["district"], said_name, "known_district",
                     _message("unknown_district", name=said_name, fix=fix))
                continue
        code = _resolve_commune(name, said, units, districts, province, per_district, row, label["commune"], fail)
        if code is None:
            continue
        commune = province.label_of(code)
        if code in seen:
            fail(row, label["commune"], name, "listed_twice", _message("twice", commune=commune, row=seen[code]))
            continue
        seen[code] = row
        if code in already:
            line, record = already[code]
            fail(row, label["commune"], name, "recognised_twice",
                 _message("already", commune=commune, decision=record["decision"],
                                         date=_day(record["decision_date"]), file=RECOGNITIONS_FILE, row=line))
            continue
        year = credited_year
        if "year" in columns:
            cell = cells[columns["year"] - 1] if columns["year"] - 1 < len(cells) else None
            if not is_blank(cell):
                text = cell_text(cell).removesuffix(".0")
                if not (re.fullmatch(r"[0-9]{4}", text) and YEAR_RANGE[0] <= int(text) <= YEAR_RANGE[1]):
                    fail(row, label["year"], text, "credited_year", _message("year", value=text))
                    continue
                year = int(text)
        if year is not None and when is not None and year > when.year:
            fail(row, label.get("year", "--credited-year"), year, "credited_after_decision",
                 _message("year_after", year=year, date=f"{when.day}/{when.month}/{when.year}"))
            continue
        added.append(dict(commune_code=code, row=row, credited_year=year, note=_note(cells, columns)))
    if not failures and not added:
        fail("", label["commune"], "", "no_rows", _message("no_rows"))
    if failures:
        raise DataValidationError(pd.DataFrame(failures, columns=FAILURE_COLUMNS), title=_message("title"))
    source = csv_safe(source or f"Quyết định {decision} ngày {when.day}/{when.month}/{when.year} ({path.name})")
    decision = csv_safe(decision)  # typed on the command line: written as text, never a formula
    info = units.set_index("commune_code")
    new = pd.DataFrame([dict(commune_code=a["commune_code"], commune_name=info.at[a["commune_code"], "commune_name"],
                             decision=decision, decision_date=f"{when:%Y-%m-%d}",
                             credited_year="" if a["credited_year"] is None else str(a["credited_year"]),
                             source=source, note=a["note"]) for a in added], columns=list(COLUMNS))
    shown = pd.DataFrame([dict(commune_code=a["commune_code"], commune_name=info.at[a["commune_code"], "commune_name"],
                               district_code=info.at[a["commune_code"], "district_code"],
                               district_name=info.at[a["commune_code"], "district_name"], row=a["row"])
                          for a in added])
    with progress_lock(real_target.parent, lang=lang, report=report):
        existing = _existing(real_target)  # as it is now, under the lock
        merged = pd.concat([existing.reindex(columns=list(dict.fromkeys(list(COLUMNS) + list(existing.columns))),
                                             fill_value=""), new], ignore_index=True).fillna("")
        merged.index = pd.RangeIndex(2, len(merged) + 2, name="row")
        validate_recognitions(merged, units, f"{target} (with {path.name})")  # never write an invalid file
        history = None
        created = not real_target.exists()
        if not dry_run:
            history = _write(out_dir, real_target, target, merged)
    recognised = (pd.concat([existing["commune_code"], new["commune_code"]]).map(info["district_code"])
                  .value_counts().to_dict())
    totals = units.groupby("district_code").size().to_dict()
    remaining = {code: (int(recognised.get(code, 0)), int(totals[code])) for code in shown["district_code"]}
    return DecisionImport(path=target, decision=decision, date=when, credited_year=credited_year, added=shown,
                          written=not dry_run, dry_run=dry_run, history=history, created=created, remaining=remaining,
                          notes=tuple(grid.notes), lang=lang)


def _day(iso: str) -> str:
    """An ISO date of the records as offices write it (2/1/2025); the text itself if it is not one."""
    try:
        date = pd.Timestamp(iso)
    except (ValueError, TypeError):
        return str(iso)
    return f"{date.day}/{date.month}/{date.year}"


def _header_label(grid: _Grid, row: int, col: int) -> str:
    return cell_text(grid.rows[row][col - 1])


def _note(cells: list, columns: dict[str, int]) -> str:
    col = columns.get("note")
    if col is None or col - 1 >= len(cells) or is_blank(cells[col - 1]):
        return ""
    return csv_safe(cell_text(cells[col - 1]))[:1000]


def _title_number(title: str) -> str | None:
    match = _DECISION_NUMBER.search(title)
    return re.sub(r"\s+", "", match.group(1)) if match else None


def _title_date(title: str) -> pd.Timestamp | None:
    for match in _DECISION_DATE.finditer(title):
        date = text_date(match.group(1))
        if date is not None:
            return date
    return None


def _resolve_commune(name: str, said: str | None, units: pd.DataFrame, districts: NameIndex, province: NameIndex,
                     per_district: dict[str, NameIndex], row: int, column: str, fail) -> str | None:
    """The commune a typed name means (in the district the row names, when it names one); None after a failure."""
    if said is not None:
        index = per_district.setdefault(said, NameIndex.for_communes(units, said))
        try:
            return index.resolve(name)
        except NameLookupError as err:
            try:  # a commune of another district than the row says?
                elsewhere = province.resolve(name)
            except NameLookupError:
                elsewhere = None
            if elsewhere is not None:
                actual = units.loc[units["commune_code"] == elsewhere, "district_code"].iloc[0]
                fail(row, column, name, "other_district", _message("other_district",
                    name=name, commune=f"{province.name_of(elsewhere)} ({elsewhere})",
                    actual=districts.label_of(actual), said=districts.label_of(said)))
            elif err.ambiguous:
                matches = "; ".join(f"{label} ({c})" for c, label in err.suggestions)
                fail(row, column, name, "ambiguous", _message("ambiguous", name=name, matches=matches))
            else:
                near = "; ".join(f"{label} ({c})" for c, label in err.suggestions)
                fix = _said("did_you_mean", near=near) if near else _message("check_name")
                fail(row, column, name, "unknown_commune",
                     _message("unknown", name=name, where=districts.label_of(said), fix=fix))
            return None
    try:
        return province.resolve(name)
    except NameLookupError as err:
        matches = "; ".join(f"{label} ({c})" for c, label in err.suggestions)
        if err.ambiguous:
            fail(row, column, name, "ambiguous", _message("ambiguous", name=name, matches=matches))
        else:
            fix = _said("did_you_mean", near=matches) if matches else _message("check_name")
            fail(row, column, name, "unknown_commune", _message("unknown", name=name, where=_said("the_province"),
                                                                              fix=fix))
        return None


def _existing(real_target: Path) -> pd.DataFrame:
    if not real_target.exists():
        return pd.DataFrame(columns=list(COLUMNS))
    return read_text_table(real_target)


def _write(out_dir: Path, real_target: Path, target: Path, merged: pd.DataFrame) -> Path | None:
    """Keep the current file in history/, then replace it (`progress_history.replace_keeping_history`)."""
    return replace_keeping_history(out_dir, real_target, target, merged, stem=STEM, absent_too=True)
