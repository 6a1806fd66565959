"""What changed since the previous render: new or changed figures, statuses that moved, chances that moved.

Every render leaves ``snapshot.json`` in its folder: the progress rows it read and, per target,
P(meet) and the status (plain JSON, never a pickle). The next render compares itself with the
run it replaces (same as-of date), else with the latest earlier ``<out>/<YYYY-MM-DD>/`` folder,
or with the folder given as ``compare``. The index shows the result; `RunChanges.to_frame` is the
same table for the workbook.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from cdsanalysis.data.io import read_bounded
from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.model.registry import MODEL_REVISION
from cdsanalysis.report.run.layout import SNAPSHOT_FILE
from cdsanalysis.wording import words
from cdsanalysis.wording.messages import said

SNAPSHOT_FORMAT = 1
CHANCE_STEP = 0.10
"""A chance that moved by this much or more (10 points) is listed."""

SETTLED = ("achieved", "achieved_late", "missed", "no_figure")
"""Statuses the figures settle: their chance is 1 or 0 (or unknown) and never listed as a move."""
CHANGE_KINDS = ("data_new", "data_changed", "data_removed", "status", "chance")
CHANGE_COLUMNS = ["change", "district_code", "district_name", "date", "kind", "target", "before", "after", "reason",
                  "sources"]
REASONS = ("own", "others", "province", "as_of", "model", "none")
"""Why a status or chance moved (issue 19, obs. 5): the unit's own new figures; no new figure of its own
but new figures elsewhere moved the province-wide pace (``others``; for the province, its sum moved);
only the as-of date moved; nothing in the data (the forecast's settings differ). Data rows have ""."""
SNAPSHOT_MAX_BYTES = 64 * 1024 * 1024
"""Largest snapshot.json read back (5,000 districts' rows are a few MB)."""
TARGET_STATUSES = frozenset(words("en")["status"])
"""Statuses a snapshot may hold: those the catalogue can name."""
_RUN_FOLDER = re.compile(r"\d{4}-\d{2}-\d{2}")


def snapshot(dataset, table: pd.DataFrame, as_of: pd.Timestamp, model: str | None = None) -> dict[str, Any]:
    """What the next render needs to compare itself with this one (JSON-ready); ``model``: the forecast's
    model name, kept with `MODEL_REVISION` so that a later run can tell a new model from new figures."""
    names = dict(zip(dataset.units["district_code"], dataset.units["district_name"], strict=False))
    progress = dataset.progress.sort_values(["district_code", "as_of"], kind="stable")
    return {
        "format": SNAPSHOT_FORMAT,
        "as_of": f"{pd.Timestamp(as_of):%Y-%m-%d}",
        "model": None if model is None else {"name": str(model), "revision": MODEL_REVISION},
        "progress": [{"district_code": str(c), "district_name": names.get(c, ""),
                      "as_of": f"{pd.Timestamp(d):%Y-%m-%d}", "completed": int(n), "status": str(s)}
                     for c, d, n, s in zip(progress["district_code"], progress["as_of"], progress["completed"],
                                           progress["status"], strict=False)],
        "targets": [{"district_code": str(c), "district_name": str(name), "deadline": f"{pd.Timestamp(d):%Y-%m-%d}",
                     "kind": str(k), "target": int(t), "p_meet": None if pd.isna(p) else round(float(p), 4),
                     "status": str(s)}
                    for c, name, d, k, t, p, s in zip(table["district_code"], table["district_name"],
                                                      table["deadline"], table["kind"], table["target"],
                                                      table["p_meet"], table["status"], strict=False)],
    }


def check_compare(folder: str | Path) -> Path:
    """``folder`` if it holds an earlier run's snapshot; else a message saying what to give instead."""
    folder = Path(folder)
    if not (folder / SNAPSHOT_FILE).is_file():
        raise CdsAnalysisError(said("no_snapshot", folder=folder, file=SNAPSHOT_FILE))
    return folder


def previous_run(root: Path, as_of: pd.Timestamp, compare: str | Path | None = None) -> Path | None:
    """The folder to compare with: ``compare``, else ``root/<as_of>``, else the latest earlier run."""
    if compare is not None:
        return check_compare(compare)
    day = f"{pd.Timestamp(as_of):%Y-%m-%d}"
    if (root / day / SNAPSHOT_FILE).is_file():
        return root / day
    if not root.is_dir():
        return None
    earlier = sorted(p.name for p in root.iterdir()
                     if _RUN_FOLDER.fullmatch(p.name) and p.name < day and (p / SNAPSHOT_FILE).is_file())
    return root / earlier[-1] if earlier else None


@dataclass(frozen=True, eq=False)
class RunChanges:
    """The changes against one earlier run (``previous`` None: nothing to compare with)."""

    table: pd.DataFrame
    previous: str | None = None
    previous_as_of: str | None = None
    problem: str = ""

    @property
    def compared(self) -> bool:
        return self.previous is not None and not self.problem

    def to_frame(self) -> pd.DataFrame:
        """One row per change: ``change`` (one of `CHANGE_KINDS`), unit, date, kind, target, before, after."""
        return self.table.copy()

    def counts(self) -> dict[str, int]:
        return {kind: int((self.table["change"] == kind).sum()) for kind in CHANGE_KINDS}


def _load(folder: Path) -> dict[str, Any]:
    """The previous snapshot, or a `CdsAnalysisError` naming it: a planted or broken file (a FIFO, a
    bomb, nesting deep enough to overflow the parser) must cost the comparison, never the render."""
    path = folder / SNAPSHOT_FILE
    try:
        data = json.loads(read_bounded(path, SNAPSHOT_MAX_BYTES).decode("utf-8"))
    except (OSError, ValueError, RecursionError) as err:
        raise CdsAnalysisError(f"{path}: cannot be read ({type(err).__name__}: {err})") from None
    if not isinstance(data, dict) or data.get("format") != SNAPSHOT_FORMAT:
        raise CdsAnalysisError(f"{folder / SNAPSHOT_FILE}: not a snapshot of format {SNAPSHOT_FORMAT}")
    for key in ("progress", "targets"):
        if not isinstance(data.get(key), list) or not all(isinstance(r, dict) for r in data[key]):
            raise CdsAnalysisError(f"{folder / SNAPSHOT_FILE}: '{key}' is not a list of rows")
    unknown = sorted({str(r.get("status")) for r in data["targets"] if r.get("status") not in TARGET_STATUSES})
    if unknown:
        raise CdsAnalysisError(f"{folder / SNAPSHOT_FILE}: unknown status {', '.join(map(repr, unknown[:3]))} "
                               "(not written by this program)")
    return data


def compare_runs(current: dict[str, Any], previous_folder: Path | None) -> RunChanges:
    """The changes from the run in ``previous_folder`` to ``current`` (a `snapshot`)."""
    empty = pd.DataFrame(columns=CHANGE_COLUMNS)
    if previous_folder is None:
        return RunChanges(empty)
    try:
        before = _load(previous_folder)
        data = _data_changes(before["progress"], current["progress"])
        moves = _target_changes(before["targets"], current["targets"])
        rows = data + _with_reasons(moves, data, str(before.get("as_of", "")), str(current.get("as_of", "")),
                                    model_change(before, current))
    except (CdsAnalysisError, KeyError, TypeError, ValueError) as err:
        problem = str(err) if isinstance(err, CdsAnalysisError) else f"{previous_folder / SNAPSHOT_FILE}: {err!r}"
        return RunChanges(empty, previous=str(previous_folder), problem=problem)
    table = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    order = {kind: i for i, kind in enumerate(CHANGE_KINDS)}
    table = table.sort_values(["change", "district_code", "date"], key=lambda s: s.map(order) if s.name == "change"
                              else s, kind="stable").reset_index(drop=True)
    return RunChanges(table, previous=str(previous_folder), previous_as_of=str(before.get("as_of", "")))


def _data_changes(before: list[dict], after: list[dict]) -> list[dict]:
    old = {(str(r["district_code"]), str(r["as_of"])): r for r in before}
    new = {(str(r["district_code"]), str(r["as_of"])): r for r in after}
    rows = []
    for key, r in new.items():
        if key not in old:
            rows.append(_row("data_new", r, r["as_of"], "", None, "", _figure(r)))
        elif (int(old[key]["completed"]), old[key]["status"]) != (int(r["completed"]), r["status"]):
            rows.append(_row("data_changed", r, r["as_of"], "", None, _figure(old[key]), _figure(r)))
    for key, r in old.items():
        if key not in new:
            rows.append(_row("data_removed", r, r["as_of"], "", None, _figure(r), ""))
    return rows


def _target_changes(before: list[dict], after: list[dict]) -> list[dict]:
    def key(r: dict) -> tuple:
        return str(r["district_code"]), str(r["deadline"]), str(r["kind"]), int(r["target"])

    old = {key(r): r for r in before}
    rows = []
    for k, r in ((key(r), r) for r in after):
        if k not in old:
            continue
        o = old[k]
        if o["status"] != r["status"]:
            rows.append(_row("status", r, r["deadline"], r["kind"], r["target"], o["status"], r["status"]))
        p, q = _chance(o.get("p_meet")), _chance(r.get("p_meet"))
        settled = r["status"] in SETTLED  # a deadline the figures settle has no chance, only a status
        if not settled and p is not None and q is not None and abs(q - p) >= CHANCE_STEP - 1e-9:
            rows.append(_row("chance", r, r["deadline"], r["kind"], r["target"], p, q))
    return rows


def model_change(before: dict[str, Any], current: dict[str, Any]) -> tuple[str, str] | None:
    """(previous, current) model revision when the two runs' models differ, else None.

    A snapshot written before revisions were kept has none: it reads as "earlier". A snapshot that
    does not say its model (a caller without one) is not compared."""
    now = current.get("model")
    if not isinstance(now, dict):
        return None
    then = before.get("model")
    then = then if isinstance(then, dict) else {}
    old = (str(then.get("name", "")), str(then.get("revision", "")))
    new = (str(now.get("name", "")), str(now.get("revision", "")))
    if old == new:
        return None
    return " ".join(part for part in old if part) or "—", " ".join(part for part in new if part)


def _with_reasons(moves: list[dict], data: list[dict], before_as_of: str, after_as_of: str,
                  model: tuple[str, str] | None = None) -> list[dict]:
    """Each moved status or chance with why it moved (`REASONS`) and the new figures behind it.

    ``sources`` are (unit code, unit name, date) of the figures that changed: the unit's own for
    ``own``, every unit's otherwise (newest first), so "no new figure; the province-wide pace
    changed with the new figures of Hoằng Hóa (31/03/2025)" can be written in any language.
    """
    changed: dict[str, tuple[str, str, pd.Timestamp]] = {}
    for r in data:
        code, date = r["district_code"], pd.Timestamp(r["date"])
        if code not in changed or date > changed[code][2]:
            changed[code] = (code, r["district_name"], date)
    every = tuple(sorted(changed.values(), key=lambda s: (-s[2].value, s[0])))
    out = []
    for move in moves:
        code = move["district_code"]
        if model is not None:  # another model: its numbers differ even where no figure did
            reason, sources = "model", (("", model[0], pd.NaT), ("", model[1], pd.NaT))
        elif code in changed and code != "":
            reason, sources = "own", (changed[code],)
        elif every:
            reason, sources = ("province" if code == "" else "others"), every
        elif before_as_of and before_as_of != after_as_of:  # sources: the two dates
            reason, sources = "as_of", (("", "", pd.Timestamp(before_as_of)), ("", "", pd.Timestamp(after_as_of)))
        else:
            reason, sources = "none", ()
        out.append({**move, "reason": reason, "sources": sources})
    return out


def _chance(value: object) -> float | None:
    """A probability read back from a snapshot, or None (missing): the file may have been edited, so
    anything but a finite number from 0 to 1 (``Infinity``, ``NaN``, ``-5``, a string) is not a chance."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    value = float(value)
    return value if math.isfinite(value) and 0.0 <= value <= 1.0 else None


def _figure(r: dict) -> str:
    return f"{int(r['completed'])} ({r['status']})"


def _row(change: str, r: dict, date: str, kind: str, target: object, before: object, after: object) -> dict:
    return {"change": change, "district_code": str(r["district_code"]),
            "district_name": str(r.get("district_name", "")), "date": pd.Timestamp(date), "kind": kind,
            "target": target, "before": before, "after": after, "reason": "", "sources": ()}
