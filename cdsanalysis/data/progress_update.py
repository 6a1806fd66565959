"""The monthly update: merge a district form's rows into progress.csv, only if the result is valid.

A real figure (actual, claim, derived) for a district replaces every illustrative row of that
district: made-up history must not sit beside, or above, what an office reports. A row for a
(district, date) already in the file replaces it. The merged table is validated against the
units list and the targets *before* anything is written; when it would be invalid nothing is
written and every problem is listed. A read-only progress.csv is refused, a symlinked one stays
a symlink (the file it points to is replaced atomically).
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from cdsanalysis.data.io import atomic_write_csv, read_text_table, replaceable_target
from cdsanalysis.data.schema import ILLUSTRATIVE, validate_tables
from cdsanalysis.data.sheet_import import PROGRESS_COLUMNS, read_sheet
from cdsanalysis.exceptions import DataValidationError

KEY = ["district_code", "as_of"]
TARGET_COLUMNS = ["district_code", "district_name", "deadline", "target", "kind", "source", "status", "note"]


@dataclass(frozen=True)
class ProgressUpdate:
    """What an import added to, replaced in, and (unless a dry run) wrote to progress.csv."""

    path: Path
    sheet: str
    added: pd.DataFrame
    replaced: pd.DataFrame
    merged: pd.DataFrame
    written: bool
    notes: tuple[str, ...] = field(default=())

    def summary(self) -> pd.DataFrame:
        """One row per row added or replaced: action, district, date, count, status (text cells)."""
        columns = ["action", "district_code", "district_name", "as_of", "completed", "status"]
        parts = [frame.assign(action=action).reindex(columns=columns)
                 for action, frame in (("add", self.added), ("replace", self.replaced)) if len(frame)]
        return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)

    def describe(self) -> str:
        """What happened (or would, in a dry run): every row added and replaced, for the terminal."""
        done = self.written
        lines = [f"{self.path}: {'added' if done else 'would add'} {len(self.added)} row(s):"]
        lines.extend(_row_lines(self.added))
        if len(self.replaced):
            illustrative = int(self.replaced["status"].eq(ILLUSTRATIVE).sum())
            lines.append(f"  {'replaced' if done else 'would replace'} {len(self.replaced)} row(s), "
                         f"{illustrative} of them illustrative:")
            lines.extend(_row_lines(self.replaced))
        lines.extend(f"  note: {note}" for note in self.notes)
        if not done:
            lines.append("  (dry run: nothing was written)")
        return "\n".join(lines)


    def __repr__(self) -> str:
        state = "written" if self.written else "dry run"
        return (f"ProgressUpdate({str(self.path)!r}, sheet={self.sheet!r}, added={len(self.added)}, "
                f"replaced={len(self.replaced)}, {state})")

    def _repr_html_(self) -> str:
        head = html.escape(f"{self.path}, sheet {self.sheet}: " + ("written" if self.written else "dry run"))
        return f"<b>ProgressUpdate</b> {head}" + self.summary().to_html(index=False)


def _row_lines(rows: pd.DataFrame) -> list[str]:
    return [f"    - {(f'{r.district_code} {r.district_name}'.strip() or 'province')}, {r.as_of}: "
            f"{r.completed} ({r.status})" for r in rows.itertuples(index=False)]


def import_sheet(
    path: str | os.PathLike,
    units: pd.DataFrame,
    out_dir: str | os.PathLike,
    *,
    sheet: str | int | None = None,
    as_of: object = None,
    source: str | None = None,
    status: str = "actual",
    include_hidden: bool = False,
    targets: pd.DataFrame | None = None,
    dry_run: bool = False,
) -> ProgressUpdate:
    """Read a district form and merge its rows into ``out_dir/progress.csv`` if the result validates.

    ``targets`` (text or typed, canonical layout) join the validation; by default those of
    ``out_dir/targets.csv`` when it exists. Raises `DataValidationError` listing every problem
    of the sheet, or of the merged table, with nothing written.
    """
    out_dir = Path(out_dir)
    target = out_dir / "progress.csv"
    real_target, _ = replaceable_target(target)  # refuse a read-only file before reading anything
    read = read_sheet(path, units, sheet=sheet, as_of=as_of, source=source, status=status,
                      include_hidden=include_hidden)
    new = read.rows.assign(as_of=read.rows["as_of"].dt.strftime("%Y-%m-%d"),
                           completed=read.rows["completed"].astype(str))
    old = read_text_table(real_target) if real_target.exists() else pd.DataFrame(columns=PROGRESS_COLUMNS)
    old = old.reindex(columns=PROGRESS_COLUMNS + [c for c in old.columns if c not in PROGRESS_COLUMNS],
                      fill_value="")
    merged, added, replaced = merge_progress(old, new.astype(str))
    if targets is None:
        targets = read_text_table(out_dir / "targets.csv") if (out_dir / "targets.csv").exists() else \
            pd.DataFrame(columns=TARGET_COLUMNS)
    _validate_merged(merged, units, targets, target)
    if not dry_run:
        atomic_write_csv(target, merged)
    return ProgressUpdate(path=target, sheet=read.sheet, added=added, replaced=replaced, merged=merged,
                          written=not dry_run, notes=tuple(read.notes))


def merge_progress(old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(merged, added, replaced): ``new`` rows win on (district, date); real rows evict illustrative ones.

    Text tables in, text tables out; the merged table is sorted by district and date.
    """
    real = new[new["status"] != ILLUSTRATIVE]
    evicted = old["district_code"].isin(set(real["district_code"])) & old["status"].eq(ILLUSTRATIVE)
    new_keys = set(zip(new["district_code"], new["as_of"]))
    same_key = pd.Series([key in new_keys for key in zip(old["district_code"], old["as_of"])], index=old.index,
                         dtype=bool)
    gone = evicted | same_key
    replaced = old[gone].reset_index(drop=True)
    merged = (pd.concat([old[~gone], new.reindex(columns=old.columns, fill_value="")], ignore_index=True)
              .fillna("").astype(str)
              .sort_values(KEY, kind="stable").reset_index(drop=True))
    return merged, new.reset_index(drop=True), replaced


def _validate_merged(merged: pd.DataFrame, units: pd.DataFrame, targets: pd.DataFrame, target: Path) -> None:
    """Validate the merged table with the units and targets; problems name the rows it would have."""
    from cdsanalysis.data.dataset import _as_text

    raw = {"units": _as_text(units), "progress": _as_text(merged), "targets": _as_text(targets)}
    files = {"units": "units", "progress": f"{target} (as it would be after this import)",
             "targets": "targets"}
    try:
        validate_tables(raw, files)
    except DataValidationError as err:
        raise DataValidationError(
            err.failure_cases,
            title=f"import refused, nothing was written: the merged progress table would be invalid "
                  f"(fix the form, or the rows of {target.name} named below, then import again)",
        ) from None
