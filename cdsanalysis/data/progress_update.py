"""The monthly update: merge a district form's rows into progress.csv, only if the result is valid.

A real figure (actual, claim, derived) for a district replaces every illustrative row of that
district: made-up history must not sit beside, or above, what an office reports. A row for a
(district, date) already in the file replaces it. The merged table is validated against the
units list and the targets *before* anything is written; when it would be invalid nothing is
written and every problem is listed, pointing at the form's row and cell (or at the row of
progress.csv as it is now). A district left blank on the form did not report: it is skipped and
listed. The province's figure never falls below an earlier official (``actual``) province total.
The read-merge-replace runs under the folder's lock, and the replaced file is kept in
``history/`` (`cdsanalysis.data.progress_history`). A read-only progress.csv is refused, a
symlinked one stays a symlink (the file it points to is replaced atomically).
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from cdsanalysis.data.dataset import _as_text
from cdsanalysis.data.io import read_text_table, replaceable_target
from cdsanalysis.data.progress_history import progress_lock, replace_keeping_history
from cdsanalysis.data.schema import CLAIMED, ILLUSTRATIVE, MEASURES, RECOGNISED, derive_measures, validate_tables
from cdsanalysis.data.sheet_import import PROGRESS_COLUMNS, NotReported, SheetRows, read_sheet
from cdsanalysis.exceptions import FAILURE_COLUMNS, MAX_LISTED_PROBLEMS, CdsAnalysisError, DataValidationError
from cdsanalysis.wording import words

KEY = ["district_code", "as_of", "measure"]
"""A row's identity: one figure per district, date and measure (a claim never replaces a recognition)."""
TARGET_COLUMNS = ["district_code", "district_name", "deadline", "target", "kind", "source", "status", "note"]
OFFICIAL = "actual"
"""The status of a province total the province's figures may never fall below."""
_ORIGIN = "_origin"  # where a merged row comes from: ("form", Excel row) or ("file", line of progress.csv)

# The messages of a refused import, by language (failure messages are English today, as in the rest
# of the data layer; the wording catalogue will carry the Vietnamese).
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "title": "import refused, nothing was written: the merged progress table would be invalid (fix the "
                 "form's cells named below, or the rows of {name} named below, then import again)",
        "floor": "the province's figure on {date} would be {figure} (each district's latest figure added up), "
                 "below the official province total of {official} on {official_date} ({file}, row {row}, status "
                 "actual): an import never lowers the province's figures.{lowered} A district that did not "
                 "report must be left blank (a blank is 'not reported'; 0 means no commune completed)",
        "lowered": " Form rows below that district's earlier figure: {rows}.",
        "lowered_row": "row {row} {name} {new} (was {old} on {date})",
    },
}


@dataclass(frozen=True)
class ProgressUpdate:
    """What an import added to, corrected in, replaced in, and (unless a dry run) wrote to progress.csv.

    ``added`` holds the rows new to the file; ``corrected`` the rows whose (district, date) was
    already there with another figure (``old_completed``, ``old_status`` beside the new ones);
    ``unchanged`` the rows already there as they are; ``replaced`` every old row that left the file
    (illustrative rows a real figure evicts, and the old side of each correction).
    """

    path: Path
    sheet: str
    added: pd.DataFrame
    replaced: pd.DataFrame
    merged: pd.DataFrame
    written: bool
    notes: tuple[str, ...] = field(default=())
    corrected: pd.DataFrame = field(default_factory=pd.DataFrame)
    unchanged: pd.DataFrame = field(default_factory=pd.DataFrame)
    not_reported: tuple[NotReported, ...] = field(default=())
    dry_run: bool = False
    history: Path | None = None
    lang: str = "vi"

    @property
    def changed(self) -> bool:
        """Whether the merged table differs from the file as it was."""
        return bool(len(self.added) or len(self.replaced))

    def summary(self) -> pd.DataFrame:
        """One row per row added, corrected, unchanged or replaced: action, district, date, count, status."""
        columns = ["action", "district_code", "district_name", "as_of", "completed", "status", "old_completed",
                   "old_status"]
        parts = [frame.assign(action=action).reindex(columns=columns)
                 for action, frame in (("add", self.added), ("correct", self.corrected),
                                       ("unchanged", self.unchanged), ("replace", self._evicted()))
                 if len(frame)]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)

    def _evicted(self) -> pd.DataFrame:
        """Old rows that left the file other than through a correction of the same (district, date)."""
        if self.replaced.empty or self.corrected.empty:
            return self.replaced
        corrected = set(_keys(self.corrected))
        keep = [key not in corrected for key in _keys(self.replaced)]
        return self.replaced[keep]

    def describe(self, lang: str | None = None) -> str:
        """What happened (or would, in a dry run): every row added, corrected, unchanged, replaced."""
        w = words(lang or self.lang)["import_summary"]
        done = self.written
        lines = [f"{self.path}: {w['added' if done or not self.dry_run else 'would_add'].format(n=len(self.added))}"]
        lines.extend(_row_lines(self.added, w))
        if len(self.corrected):
            lines.append("  " + w["corrected" if done else "would_correct"].format(n=len(self.corrected)))
            lines.extend(_correction_lines(self.corrected, w))
        if len(self.unchanged):
            lines.append("  " + w["unchanged"].format(n=len(self.unchanged)))
            lines.extend(_row_lines(self.unchanged, w))
        evicted = self._evicted()
        if len(evicted):
            illustrative = int(evicted["status"].eq(ILLUSTRATIVE).sum())
            lines.append("  " + w["replaced" if done else "would_replace"].format(n=len(evicted), k=illustrative))
            lines.extend(_row_lines(evicted, w))
        for date, names in _by_date(self.not_reported).items():
            shown = ", ".join(names[:MAX_LISTED_PROBLEMS])  # 5,000 blank districts print as 50 names, not a page
            if len(names) > MAX_LISTED_PROBLEMS:
                shown += " " + w["and_more"].format(n=len(names) - MAX_LISTED_PROBLEMS)
            lines.append("  " + w["not_reported"].format(n=len(names), date=date, names=shown))
        lines.extend(f"  {w['note']}: {note}" for note in self.notes)
        if not self.dry_run and not self.changed:
            lines.append("  " + w["nothing"].format(path=self.path))
        if self.history is not None:
            lines.append("  " + words(lang or self.lang)["import_history"]["kept"].format(version=self.history,
                                                                              folder=self.path.parent))
        if self.dry_run:
            lines.append("  " + w["dry_run"])
        return "\n".join(lines)

    def __repr__(self) -> str:
        state = "written" if self.written else "dry run" if self.dry_run else "unchanged"
        return (f"ProgressUpdate({str(self.path)!r}, sheet={self.sheet!r}, added={len(self.added)}, "
                f"corrected={len(self.corrected)}, replaced={len(self.replaced)}, {state})")

    def _repr_html_(self) -> str:
        state = "written" if self.written else "dry run" if self.dry_run else "unchanged"
        head = html.escape(f"{self.path}, sheet {self.sheet}: {state}")
        return f"<b>ProgressUpdate</b> {head}" + self.summary().to_html(index=False)


def _who(row, w: dict) -> str:
    return f"{row.district_code} {row.district_name}".strip() or w["province"]


def _status(status: str, w: dict) -> str:
    label = w["status"].get(status)
    return f"{status}: {label}" if label and label != status else status


def _row_lines(rows: pd.DataFrame, w: dict) -> list[str]:
    return [f"    - {_who(r, w)}, {r.as_of}: {r.completed} ({_status(r.status, w)})"
            for r in rows.itertuples(index=False)]


def _correction_lines(rows: pd.DataFrame, w: dict) -> list[str]:
    return [f"    - {_who(r, w)}, {r.as_of}: {r.old_completed} ({_status(r.old_status, w)}) → {r.completed} "
            f"({_status(r.status, w)})" for r in rows.itertuples(index=False)]


def _by_date(missing: tuple[NotReported, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in missing:
        date = f"{item.date.day}/{item.date.month}/{item.date.year}" if item.date is not None else "?"
        out.setdefault(date, []).append(item.name)
    return out


def import_sheet(
    path: str | os.PathLike,
    units: pd.DataFrame,
    out_dir: str | os.PathLike,
    *,
    sheet: str | int | None = None,
    as_of: object = None,
    source: str | None = None,
    status: str = "actual",
    measure: str | None = None,
    include_hidden: bool = False,
    targets: pd.DataFrame | None = None,
    dry_run: bool = False,
    lang: str = "vi",
    report=None,
) -> ProgressUpdate:
    """Read a district form and merge its rows into ``out_dir/progress.csv`` if the result validates.

    ``targets`` (text or typed, canonical layout) join the validation; by default those of
    ``out_dir/targets.csv`` when it exists. Raises `DataValidationError` listing every problem
    of the sheet, or of the merged table, with nothing written. ``report`` (a callable taking one
    line) hears that the import waits for another one writing into the same folder. ``measure``
    (recognised, claimed, registered) says what the form's counts are; without it, it follows the
    status (``claim`` -> claimed, else recognised) and progress.csv keeps its columns.
    """
    if measure is not None and measure not in MEASURES:
        raise CdsAnalysisError(f"unknown measure '{measure}': give one of {', '.join(MEASURES)}")
    if measure is not None and status == "actual" and measure == CLAIMED:
        status = "claim"  # a district's own statement, not a provincial decision
    out_dir = Path(out_dir)
    target = out_dir / "progress.csv"
    real_target, _ = replaceable_target(target)  # refuse a read-only file before reading anything
    read = read_sheet(path, units, sheet=sheet, as_of=as_of, source=source, status=status,
                      include_hidden=include_hidden)
    new = read.rows.assign(as_of=read.rows["as_of"].dt.strftime("%Y-%m-%d"),
                           completed=read.rows["completed"].astype(str)).astype(str)
    if measure is not None:
        new["measure"] = measure
    new[_ORIGIN] = [("form", row) for row in read.origins] if read.origins else [("form", "")] * len(new)
    if targets is None:
        targets = read_text_table(out_dir / "targets.csv") if (out_dir / "targets.csv").exists() else \
            pd.DataFrame(columns=TARGET_COLUMNS)
    with progress_lock(real_target.parent, lang=lang, report=report):
        old = read_text_table(real_target) if real_target.exists() else pd.DataFrame(columns=PROGRESS_COLUMNS)
        keep_measure = "measure" in old.columns or measure is not None
        old = old.reindex(columns=PROGRESS_COLUMNS + [c for c in old.columns if c not in PROGRESS_COLUMNS],
                          fill_value="")
        old[_ORIGIN] = [("file", line) for line in old.index]
        merged, added, replaced = merge_progress(old, new)
        merged.index = pd.RangeIndex(2, len(merged) + 2, name="row")
        origins = merged.pop(_ORIGIN)
        plain_old = derive_measures(old.drop(columns=_ORIGIN))
        _validate_merged(merged, origins, units, targets, target, Path(path), read)
        _check_province_floor(merged, plain_old, target, Path(path), read)
        added, corrected, unchanged = _classify(added.drop(columns=_ORIGIN), plain_old)
        replaced = replaced.drop(columns=_ORIGIN)
        changed = bool(len(added) or len(corrected) or len(replaced) - len(corrected) - len(unchanged))
        replaced = _without_unchanged(replaced, unchanged)
        written = merged if keep_measure else merged.drop(columns="measure")
        history = _write(out_dir, real_target, target, written) if not dry_run and changed else None
    return ProgressUpdate(path=target, sheet=read.sheet, added=added, replaced=replaced, merged=merged,
                          written=not dry_run and changed, notes=tuple(read.notes), corrected=corrected,
                          unchanged=unchanged, not_reported=read.not_reported, dry_run=dry_run, history=history,
                          lang=lang)


def _write(out_dir: Path, real_target: Path, target: Path, merged: pd.DataFrame) -> Path | None:
    """Keep the current file in history/, then replace it (`progress_history.replace_keeping_history`)."""
    return replace_keeping_history(out_dir, real_target, target, merged)


def merge_progress(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(merged, added, replaced): ``new`` rows win on (district, date); real rows evict illustrative ones.

    Text tables in, text tables out; the merged table is sorted by district and date, and has a
    ``measure`` column (derived from the status where a table has none). A real figure evicts the
    illustrative rows of its own district and measure only: a claim leaves the recognitions alone.
    """
    old, new = derive_measures(old), derive_measures(new)
    real = new[new["status"] != ILLUSTRATIVE]
    real_pairs = set(zip(real["district_code"], real["measure"], strict=False))
    evicted = pd.Series([pair in real_pairs for pair in zip(old["district_code"], old["measure"], strict=False)],
                        index=old.index, dtype=bool) & old["status"].eq(ILLUSTRATIVE)
    new_keys = set(_keys(new))
    same_key = pd.Series([key in new_keys for key in _keys(old)], index=old.index, dtype=bool)
    gone = evicted | same_key
    replaced = old[gone].reset_index(drop=True)
    merged = pd.concat([old[~gone], new.reindex(columns=old.columns, fill_value="")], ignore_index=True)
    text = [c for c in merged.columns if c != _ORIGIN]
    merged[text] = merged[text].fillna("").astype(str)
    merged = merged.sort_values(KEY, kind="stable").reset_index(drop=True)
    return merged, new.reset_index(drop=True), replaced


def _classify(new: pd.DataFrame, old: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The form's rows as (new to the file, corrections with the old figure beside, already there as they are)."""
    fields = [c for c in PROGRESS_COLUMNS if c not in KEY]
    old = derive_measures(old)
    previous = {(r.district_code, r.as_of, r.measure): r for r in old.itertuples(index=False)}
    added, corrected, unchanged = [], [], []
    for row in derive_measures(new).itertuples(index=False):
        before = previous.get((row.district_code, row.as_of, row.measure))
        record = row._asdict()
        if before is None:
            added.append(record)
        elif all(str(getattr(before, f)) == str(getattr(row, f)) for f in fields):
            unchanged.append(record)
        else:
            corrected.append({**record, "old_completed": before.completed, "old_status": before.status})
    columns = list(derive_measures(new).columns)
    return (pd.DataFrame(added, columns=columns), pd.DataFrame(corrected, columns=columns + ["old_completed",
                                                                                           "old_status"]),
            pd.DataFrame(unchanged, columns=columns))


def _without_unchanged(replaced: pd.DataFrame, unchanged: pd.DataFrame) -> pd.DataFrame:
    """The old rows that really left the file (an unchanged row was replaced by itself)."""
    if unchanged.empty:
        return replaced
    same = set(_keys(unchanged))
    keep = [key not in same for key in _keys(replaced)]
    return replaced[keep].reset_index(drop=True)


def _validate_merged(merged: pd.DataFrame, origins: pd.Series, units: pd.DataFrame, targets: pd.DataFrame,
                     target: Path, form: Path, read: SheetRows) -> None:
    """Validate the merged table with the units and targets; problems point at the form's cells.

    A problem on a row that came from the form names the form's row and column; one on a row
    already in progress.csv names that row of the file as it is now (never a row of the table
    as it would be after the import, which nobody can open).
    """
    merged_file = f"{target} (merged)"
    raw = {"units": _as_text(units), "progress": _as_text(merged), "targets": _as_text(targets)}
    files = {"units": "units", "progress": merged_file, "targets": "targets"}
    try:
        validate_tables(raw, files)
    except DataValidationError as err:
        cases = _point_at_sources(err.failure_cases, merged_file, origins, target, form, dict(read.columns),
                                  _form_rows_by_date(read))
        raise DataValidationError(cases, title=MESSAGES["en"]["title"].format(name=target.name)) from None


def _where(origin: tuple, target: Path, form: Path) -> tuple[str, object]:
    kind, row = origin
    return (str(form), row) if kind == "form" else (str(target), row)


_FORM_FIELDS = {"completed": "completed", "district_code": "unit", "district_name": "unit", "as_of": "date",
                "note": "note"}
_OPTIONS = {"source": "--source", "status": "--status", "as_of": "--as-of or the date line"}


def _form_rows_by_date(read: SheetRows) -> dict[str, list[int]]:
    """The form's Excel rows per date (ISO), to name them beside a problem of that date."""
    out: dict[str, list[int]] = {}
    for row, date in zip(read.origins, read.rows["as_of"], strict=False):
        out.setdefault(f"{date:%Y-%m-%d}", []).append(row)
    return out


def _point_at_sources(cases: pd.DataFrame, merged_file: str, origins: pd.Series, target: Path, form: Path,
                      columns: dict[str, str], form_rows: dict[str, list[int]] | None = None) -> pd.DataFrame:
    """Failure cases of the merged table rewritten to the form's cell or progress.csv's row."""
    def place(row: object) -> tuple[str, object] | None:
        number = pd.to_numeric(pd.Series([row]), errors="coerce").iloc[0]
        if pd.isna(number) or int(number) not in origins.index:
            return None
        return _where(origins[int(number)], target, form)

    def cross_reference(match: re.Match) -> str:
        found = place(match.group(1))
        if found is None:
            return match.group(0)
        file, row = found
        return f"({Path(file).name} row {row}, "

    out = []
    for case in cases.to_dict("records"):
        if case["file"] == merged_file:
            found = place(case["row"])
            case["file"], case["row"] = found if found is not None else (str(target), "")
            if found is not None and found[0] == str(form):
                field_ = _FORM_FIELDS.get(str(case["column"]))
                case["column"] = columns.get(field_, _OPTIONS.get(str(case["column"]), case["column"])) \
                    if field_ else _OPTIONS.get(str(case["column"]), case["column"])
            case["message"] = re.sub(r"\(row (\d+), ", cross_reference, str(case["message"]))
            dated = re.search(r"on ([0-9]{4}-[0-9]{2}-[0-9]{2})", str(case["message"]))
            rows = (form_rows or {}).get(dated.group(1), []) if dated and case["check"] == "province_sum" else []
            if rows and case["file"] != str(form):
                shown = ", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else "")
                case["message"] += f" (this form's rows for that date: {form.name} row {shown})"
        out.append(case)
    return pd.DataFrame(out, columns=FAILURE_COLUMNS)


def _province_figures(progress: pd.DataFrame, dates: list[pd.Timestamp]) -> pd.Series:
    """The province's figure at each date: its own row there, else each district's latest figure added up."""
    if progress.empty:
        return pd.Series(0, index=pd.DatetimeIndex(dates), dtype="int64")
    districts = progress[progress["district_code"] != ""]
    grid = (districts.pivot_table(index="as_of", columns="district_code", values="completed", aggfunc="max")
            .reindex(pd.DatetimeIndex(sorted(set(dates) | set(districts["as_of"])))).ffill().fillna(0))
    summed = grid.sum(axis=1).reindex(pd.DatetimeIndex(dates)).fillna(0).astype("int64")
    own = progress[progress["district_code"] == ""].groupby("as_of")["completed"].max()
    for date, value in own.items():
        if date in summed.index:
            summed[date] = int(value)
    return summed


def _keys(frame: pd.DataFrame) -> list[tuple[str, str, str]]:
    """(district, date, measure) of each row of a text table (the measure derived where missing)."""
    frame = derive_measures(frame)
    return list(zip(frame["district_code"], frame["as_of"], frame["measure"], strict=False))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The recognitions of a text table, typed: the province's floor is about recognised figures only."""
    frame = derive_measures(frame)
    frame = frame[frame["measure"] == RECOGNISED]
    out = frame[["district_code", "district_name", "as_of", "completed", "status"]].copy()
    out["as_of"] = pd.to_datetime(out["as_of"], format="%Y-%m-%d", errors="coerce")
    out["completed"] = pd.to_numeric(out["completed"], errors="coerce")
    return out.dropna(subset=["as_of", "completed"]).astype({"completed": "int64"})


def _check_province_floor(merged: pd.DataFrame, old: pd.DataFrame, target: Path, form: Path,
                          read: SheetRows) -> None:
    """Refuse an import that makes the province's figure fall below an earlier official total, at any date.

    Checked at every date of the merged table after each official (``actual``) province total;
    a date whose figure this import does not lower is not held against it (the folder may have
    been that way before).
    """
    after, before = _typed(merged), _typed(old)
    official = before[(before["district_code"] == "") & (before["status"] == OFFICIAL)]
    official = pd.concat([official, after[(after["district_code"] == "") & (after["status"] == OFFICIAL)]])
    if official.empty:
        return
    dates = sorted(set(after["as_of"]))
    now, then = _province_figures(after, dates), _province_figures(before, dates)
    line = {(r.district_code, r.as_of): row for row, r in zip(old.index, old.itertuples(index=False), strict=False)}
    count_column = dict(read.columns).get("completed", "completed")
    problems = []
    for floor in official.sort_values("as_of").drop_duplicates(["as_of"], keep="last").itertuples(index=False):
        for date in dates:
            if date <= floor.as_of or now[date] >= floor.completed or now[date] >= then[date]:
                continue
            row = line.get(("", floor.as_of.strftime("%Y-%m-%d")), "?")
            message = MESSAGES["en"]["floor"].format(
                date=_day(date), figure=int(now[date]), official=int(floor.completed), official_date=_day(floor.as_of),
                file=target.name, row=row, lowered=_lowered(read, before))
            problems.append(dict(file=str(form), row="", column=count_column, value=str(int(now[date])),
                                 check="province_floor", message=message))
            break
    if problems:
        raise DataValidationError(pd.DataFrame(problems, columns=FAILURE_COLUMNS),
                                  title=MESSAGES["en"]["title"].format(name=target.name))


def _lowered(read: SheetRows, before: pd.DataFrame) -> str:
    """The form's rows whose count is below the district's latest earlier figure (at most ten named)."""
    found = []
    districts = before[before["district_code"] != ""].sort_values("as_of")
    for row, record in zip(read.origins, read.rows.itertuples(index=False), strict=False):
        if not record.district_code:
            continue
        earlier = districts[(districts["district_code"] == record.district_code) & (districts["as_of"] <= record.as_of)]
        if len(earlier) and int(earlier["completed"].iloc[-1]) > int(record.completed):
            found.append(MESSAGES["en"]["lowered_row"].format(
                row=row, name=record.district_name, new=record.completed, old=int(earlier["completed"].iloc[-1]),
                date=_day(earlier["as_of"].iloc[-1])))
    if not found:
        return ""
    shown = "; ".join(found[:10]) + (f"; and {len(found) - 10} more" if len(found) > 10 else "")
    return MESSAGES["en"]["lowered"].format(rows=shown)


def _day(date: pd.Timestamp) -> str:
    return f"{date.day}/{date.month}/{date.year}"
