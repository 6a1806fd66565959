"""Frames that change: which communes exist, and in which group, on any date (issue 22).

Administrative units are merged, split, renamed and moved between groups (Thanh Hóa: 559 communes
in 2023, 558 from 1/2/2024, 547 from 1/12/2024). Two optional pieces of a data folder say so:

- ``units.csv`` may carry ``valid_from`` / ``valid_to`` (ISO dates, both ends included; empty =
  open): a row is the commune as it stood in that span. Without the columns every row is always
  valid, so a folder of one frame reads as before. The same code may repeat in spans that do not
  overlap (a commune renamed, or moved to another group, keeps its code).
- ``changes.csv`` lists the events, each with its legal act (``source``) and the first day of the
  new frame (``effective_date``): ``merge``, ``split`` (``share`` of the old unit), ``rename``,
  ``move`` (a commune to ``new_group``), at ``level`` ``commune`` or ``group``. A change acts on
  every date from its effective date: a commune merged into another is no longer counted, a group
  merged into another hands it its communes. The list of units does not have to repeat it.

The frame in force on a date is the ``units.csv`` rows valid then, with every change of that date or
earlier applied in order (`FrameHistory.frame_at`). The rest of the package works in the *base
frame* (the first one), so a folder's counts, targets and forecasts keep their groups; what a later
frame changes is asked for here: the province total on each date, when a group ceased and by which
act, and the frame to restate history in (`cdsanalysis.data.restate`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from cdsanalysis.data.dates import YEAR_RANGE
from cdsanalysis.data.io import read_text_table
from cdsanalysis.data.limits import CODE_RULE, MAX_NAME_LENGTH, MAX_TEXT_LENGTH, is_safe_code, text_problem
from cdsanalysis.wording import words
from cdsanalysis.wording.formats import format_date

CHANGES_FILE = "changes.csv"
VALIDITY_COLUMNS = ("valid_from", "valid_to")
CHANGE_KINDS = ("merge", "split", "rename", "move")
CHANGE_LEVELS = ("commune", "group")
CHANGE_REQUIRED = ("effective_date", "level", "kind", "old_code", "new_code", "source")
CHANGE_OPTIONAL = ("new_group", "new_group_name", "new_name", "new_type", "share", "note")
UNIT_COLUMNS = ["district_code", "district_name", "commune_code", "commune_name", "commune_type"]
_DAY = pd.Timedelta(days=1)
_FIRST, _LAST = pd.Timestamp(YEAR_RANGE[0], 1, 1), pd.Timestamp(YEAR_RANGE[1], 12, 31)


def has_validity(units: pd.DataFrame) -> bool:
    """True when a units table carries ``valid_from`` or ``valid_to``."""
    return any(column in units.columns for column in VALIDITY_COLUMNS)


def _date(text: str) -> pd.Timestamp | None:
    """An ISO date of the allowed years, or None (empty or not a date)."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-" or not text.replace("-", "").isascii():
        return None
    stamp = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
    return None if pd.isna(stamp) or not _FIRST <= stamp <= _LAST else stamp


def check_validity(units: pd.DataFrame, file: str, failures) -> set:
    """The ``valid_from``/``valid_to`` cells: ISO dates, in order, no commune listed twice on one date.

    Returns the rows that cannot be placed in time. A commune code in two rows whose spans overlap
    would be counted twice (in two groups) on the dates they share: both rows are named.
    """
    bad: set = set()
    spans: dict[str, list[tuple[int, pd.Timestamp, pd.Timestamp, str]]] = {}
    for row, record in units.iterrows():
        ends = []
        for column in VALIDITY_COLUMNS:
            text = str(record.get(column, "") or "")
            stamp = _date(text) if text else None
            if text and stamp is None:
                failures.add(file, row, column, text, "value",
                             f"{column} must be an ISO date YYYY-MM-DD (e.g. 2024-11-30) in the years "
                             f"{YEAR_RANGE[0]}–{YEAR_RANGE[1]}, or empty for an open end")
                bad.add(row)
            ends.append(stamp)
        start, end = ends[0] or _FIRST, ends[1] or _LAST
        if row not in bad and end < start:
            failures.add(file, row, "valid_to", record.get("valid_to", ""), "validity_order",
                         f"valid_to ({end:%Y-%m-%d}) is before valid_from ({start:%Y-%m-%d}); swap them or "
                         f"correct one")
            bad.add(row)
        if row not in bad:
            spans.setdefault(str(record["commune_code"]), []).append((row, start, end, str(record["district_code"])))
    for code, rows in spans.items():
        rows.sort(key=lambda r: (r[1], r[0]))
        for (row_a, _, end_a, group_a), (row_b, start_b, _, group_b) in zip(rows, rows[1:], strict=False):
            if start_b <= end_a:
                where = f"groups {group_a} and {group_b}" if group_a != group_b else f"group {group_a} twice"
                failures.add(file, row_b, "valid_from", f"{start_b:%Y-%m-%d}", "counted_twice",
                             f"commune {code} is listed in row {row_a} and row {row_b} on {start_b:%Y-%m-%d} "
                             f"({where}): a commune belongs to one group on any date; end row {row_a} "
                             f"(valid_to) the day before row {row_b} starts, or correct row {row_b}'s valid_from")
                bad.add(row_b)
    return bad


def base_rows(units: pd.DataFrame) -> pd.DataFrame:
    """The rows of the first frame: open at the start (no ``valid_from``), else those of the earliest one."""
    if not has_validity(units):
        return units
    start = units["valid_from"] if "valid_from" in units.columns else pd.Series("", index=units.index)
    open_start = start.astype(str) == ""
    if open_start.any():
        return units[open_start]
    return units[start == start.min()]


def read_changes(directory: str | os.PathLike) -> pd.DataFrame | None:
    """The raw text table of ``directory/changes.csv``, or None when the folder has none."""
    path = Path(directory) / CHANGES_FILE
    if not path.exists() and not path.is_symlink():
        return None
    return read_text_table(path)


@dataclass(frozen=True)
class Change:
    """One row of changes.csv, typed."""

    row: int
    effective: pd.Timestamp
    level: str
    kind: str
    old: str
    new: str
    new_group: str = ""
    new_group_name: str = ""
    new_name: str = ""
    new_type: str = ""
    share: float | None = None
    source: str = ""


def _typed_changes(raw: pd.DataFrame, file: str, failures) -> list[Change]:
    """Cell checks of changes.csv; the usable rows, typed."""
    missing = [c for c in CHANGE_REQUIRED if c not in raw.columns]
    for column in missing:
        failures.add(file, None, column, "", "missing_column",
                     f"missing column '{column}'; {Path(file).name} needs the columns {', '.join(CHANGE_REQUIRED)} "
                     f"(optional: {', '.join(CHANGE_OPTIONAL)})")
    if missing:
        return []
    out = []
    for row, record in raw.iterrows():
        cell = {c: str(record.get(c, "") or "") for c in (*CHANGE_REQUIRED, *CHANGE_OPTIONAL)}
        ok = True
        effective = _date(cell["effective_date"])
        if effective is None:
            ok = False
            failures.add(file, row, "effective_date", cell["effective_date"], "value",
                         f"effective_date must be an ISO date YYYY-MM-DD, the first day of the new frame "
                         f"(e.g. 2024-12-01), in the years {YEAR_RANGE[0]}–{YEAR_RANGE[1]}")
        for column, allowed in (("level", CHANGE_LEVELS), ("kind", CHANGE_KINDS)):
            if cell[column] not in allowed:
                ok = False
                failures.add(file, row, column, cell[column], "value", f"{column} must be one of: {', '.join(allowed)}")
        for column in ("old_code", "new_code", "new_group"):
            if (cell[column] or column != "new_group") and not is_safe_code(cell[column]):
                ok = False
                failures.add(file, row, column, cell[column], "value", f"{column} must be {CODE_RULE}")
        for column, limit in (("new_name", MAX_NAME_LENGTH), ("new_group_name", MAX_NAME_LENGTH),
                              ("new_type", MAX_NAME_LENGTH), ("source", MAX_TEXT_LENGTH), ("note", MAX_TEXT_LENGTH)):
            problem = text_problem(cell[column], limit)
            if problem:
                ok = False
                failures.add(file, row, column, cell[column], "value", f"{column} {problem}")
        if not cell["source"]:
            ok = False
            failures.add(file, row, "source", "", "required",
                         "source is empty; name the legal act of the change, e.g. NQ 1238/NQ-UBTVQH15")
        share = None
        if cell["share"]:
            try:
                share = float(cell["share"])
            except ValueError:
                share = -1.0
            digits = cell["share"].replace(".", "", 1)
            if not 0.0 < share <= 1.0 or not (digits.isascii() and digits.isdigit()):
                ok = False
                failures.add(file, row, "share", cell["share"], "value",
                             "share must be a decimal number above 0 and at most 1 (e.g. 0.5), the part of "
                             "the old unit that goes to the new one")
        if cell["kind"] == "move" and cell["level"] == "commune" and not cell["new_group"]:
            ok = False
            failures.add(file, row, "new_group", "", "required",
                         "a commune's move needs new_group: the code of the group it moves to")
        if ok:
            out.append(Change(row=int(row), effective=effective, level=cell["level"], kind=cell["kind"],
                              old=cell["old_code"], new=cell["new_code"], new_group=cell["new_group"],
                              new_group_name=cell["new_group_name"], new_name=cell["new_name"],
                              new_type=cell["new_type"], share=share, source=cell["source"]))
    return sorted(out, key=lambda c: (c.effective, c.row))


@dataclass(frozen=True)
class FrameHistory:
    """A units list in time and the changes between its frames.

    ``units`` is the units table (text or typed) with optional ``valid_from``/``valid_to``;
    ``changes`` the typed rows of changes.csv (empty: none).
    """

    units: pd.DataFrame
    changes: tuple[Change, ...] = ()
    _cache: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def _spans(self) -> pd.DataFrame:
        table = self.units.copy()
        for column, default in (("valid_from", _FIRST), ("valid_to", _LAST)):
            text = table[column].astype(str) if column in table.columns else pd.Series("", index=table.index)
            table[f"_{column}"] = text.map(lambda t, d=default: _date(t) if t else d)
        return table

    @cached_property
    def breakpoints(self) -> list[pd.Timestamp]:
        """Every date on which the frame may change: starts, the day after ends, effective dates."""
        spans = self._spans
        dates = {d for d in spans["_valid_from"] if d is not None and d > _FIRST}
        dates |= {d + _DAY for d in spans["_valid_to"] if d is not None and d < _LAST}
        dates |= {c.effective for c in self.changes}
        return sorted(dates)

    @property
    def changes_table(self) -> pd.DataFrame:
        """The changes in the layout of changes.csv (text cells), e.g. to save them beside a forecast."""
        rows = [dict(effective_date=f"{c.effective:%Y-%m-%d}", level=c.level, kind=c.kind, old_code=c.old,
                     new_code=c.new, new_group=c.new_group, new_group_name=c.new_group_name, new_name=c.new_name,
                     new_type=c.new_type, share="" if c.share is None else repr(c.share), source=c.source)
                for c in self.changes]
        return pd.DataFrame(rows, columns=[*CHANGE_REQUIRED, *CHANGE_OPTIONAL[:-1]]).astype(str)

    @property
    def changes_over_time(self) -> bool:
        """True when the frame changes at all (some unit starts or ends, or a change is listed)."""
        return bool(self.breakpoints)

    def frame_at(self, date: object) -> pd.DataFrame:
        """The communes in force on ``date``, one row each: group, code, name, type (and ``row``, the
        units.csv line it comes from)."""
        day = pd.Timestamp(date).normalize()
        key = max([d for d in self.breakpoints if d <= day], default=_FIRST)
        if key not in self._cache:
            self._cache[key] = self._build(key)
        return self._cache[key].copy()

    def _build(self, day: pd.Timestamp) -> pd.DataFrame:
        spans = self._spans
        valid = spans[(spans["_valid_from"] <= day) & (spans["_valid_to"] >= day)]
        communes: dict[str, dict] = {}
        since: dict[str, pd.Timestamp] = {}
        for row, record in valid.iterrows():
            code = str(record["commune_code"])
            if code not in communes:
                communes[code] = {c: str(record[c]) if c in record else "" for c in UNIT_COLUMNS} | {"row": row}
                since[code] = record["_valid_from"]
        for change in self.changes:
            if change.effective > day:
                break
            # A change acts on the units of its day: not on a later unit that reuses an old code.
            _apply({c: r for c, r in communes.items() if since.get(c, _FIRST) < change.effective}, change, communes)
        frame = pd.DataFrame(list(communes.values()), columns=[*UNIT_COLUMNS, "row"])
        return frame.sort_values(["district_code", "commune_code"], kind="stable").reset_index(drop=True)

    def totals_at(self, date: object) -> dict[str, int]:
        """Communes per group on ``date``; the province ("") too."""
        frame = self.frame_at(date)
        totals = frame.groupby("district_code").size().astype(int).to_dict()
        totals[""] = int(len(frame))
        return totals

    def province_totals(self) -> pd.DataFrame:
        """The province's commune and group counts, one row per frame: ``valid_from`` (NaT = from the
        start), ``communes``, ``groups``; a step at each date the frame changes."""
        rows = []
        for day in [_FIRST, *self.breakpoints]:
            frame = self.frame_at(day)
            entry = (len(frame), frame["district_code"].nunique())
            if not rows or (rows[-1][1], rows[-1][2]) != entry:
                rows.append((pd.NaT if day == _FIRST else day, *entry))
        return pd.DataFrame(rows, columns=["valid_from", "communes", "groups"]).astype(
            {"valid_from": "datetime64[ns]", "communes": "int64", "groups": "int64"})

    def group_ends(self) -> pd.DataFrame:
        """Groups of the base frame that ceased: ``district_code``, ``last_day`` (the last day it existed),
        ``into`` (the group that took most of its communes), ``source`` and ``effective`` of the act."""
        base = set(self.frame_at(_FIRST)["district_code"])
        rows = []
        alive = set(base)
        for day in self.breakpoints:
            now = self.frame_at(day)
            present = set(now["district_code"])
            for code in sorted(alive - present):
                before = self.frame_at(day - _DAY)
                moved = now[now["commune_code"].isin(before.loc[before["district_code"] == code, "commune_code"])]
                into = moved["district_code"].mode().iloc[0] if len(moved) else ""
                acts = [c for c in self.changes if c.effective == day and (
                    c.old == code or c.old in set(before.loc[before["district_code"] == code, "commune_code"]))]
                group_act = [c for c in acts if c.level == "group"]
                act = (group_act or acts or [None])[0]
                rows.append(dict(district_code=code, last_day=day - _DAY, into=into,
                                 into_name=_group_name(now, into), source=act.source if act else "",
                                 effective=day))
            alive &= present
        return pd.DataFrame(rows, columns=["district_code", "last_day", "into", "into_name", "source", "effective"])


def _group_name(frame: pd.DataFrame, code: str) -> str:
    names = frame.loc[frame["district_code"] == code, "district_name"]
    return str(names.iloc[0]) if len(names) else ""


def _apply(communes: dict[str, dict], change: Change, frame: dict[str, dict] | None = None) -> None:
    """Apply one change to the units ``communes`` (code -> record) it may act on, in place in ``frame``
    (the whole frame; default ``communes`` itself)."""
    frame = communes if frame is None else frame
    if change.level == "group":
        members = [c for c, r in communes.items() if r["district_code"] == change.old]
        target = [r for r in frame.values() if r["district_code"] == change.new]
        name = change.new_name or (target[0]["district_name"] if target else "")
        if change.kind in ("merge", "rename"):
            for code in members:
                communes[code]["district_code"] = change.new
                communes[code]["district_name"] = name or communes[code]["district_name"]
        return
    record = communes.get(change.old)
    if record is None:
        return
    if change.kind == "move":
        group = [r for r in frame.values() if r["district_code"] == change.new_group]
        record["district_code"] = change.new_group
        record["district_name"] = change.new_group_name or (group[0]["district_name"] if group else "")
    if change.kind in ("merge", "split") and change.new != change.old:
        frame.pop(change.old, None)
        return
    if change.kind == "rename" and change.new != change.old:
        frame.pop(change.old, None)
        frame[change.new] = record | {"commune_code": change.new}
        record = frame[change.new]
    if change.new_name:
        record["commune_name"] = change.new_name
    if change.new_type:
        record["commune_type"] = change.new_type


def check_changes(raw: pd.DataFrame, units: pd.DataFrame, file: str, failures) -> FrameHistory:
    """Check changes.csv against the units list; the history with the usable changes.

    Each change must point at units that exist on both sides: the old one on the day before its
    effective date, the new one on that date. The changes of one date may not form a cycle (A into B
    and B into A), and on no date may a commune be counted twice.
    """
    changes = _typed_changes(raw, file, failures)
    history = FrameHistory(units, tuple(changes))
    for change in changes:
        before, after = history.frame_at(change.effective - _DAY), history.frame_at(change.effective)
        column = "district_code" if change.level == "group" else "commune_code"
        what = "group" if change.level == "group" else "commune"
        if change.old not in set(before[column]):
            failures.add(file, change.row, "old_code", change.old, "known_unit",
                         f"{what} '{change.old}' does not exist on {change.effective - _DAY:%Y-%m-%d}, the day before "
                         f"this change; write the code of a {what} in force then (see units.csv and the earlier "
                         f"rows of {Path(file).name})")
        if change.new not in set(after[column]):
            failures.add(file, change.row, "new_code", change.new, "known_unit",
                         f"{what} '{change.new}' does not exist on {change.effective:%Y-%m-%d}, when this change "
                         f"takes effect; add it to units.csv (valid_from {change.effective:%Y-%m-%d}) or write "
                         f"the code of a {what} in force then")
        if change.level == "commune" and change.kind == "move" and change.new_group not in set(after["district_code"]):
            failures.add(file, change.row, "new_group", change.new_group, "known_unit",
                         f"group '{change.new_group}' has no commune on {change.effective:%Y-%m-%d}; write the code "
                         f"of the group the commune moves to")
    _check_cycles(changes, file, failures)
    shares: dict[tuple[str, pd.Timestamp], list[Change]] = {}
    for change in changes:
        if change.kind == "split" and change.share is not None:
            shares.setdefault((change.old, change.effective), []).append(change)
    for (old, day), parts in shares.items():
        total = sum(p.share for p in parts)
        if total > 1.0 + 1e-9:
            failures.add(file, parts[-1].row, "share", parts[-1].share, "split_shares",
                         f"the shares of {old}'s split on {day:%Y-%m-%d} (rows {', '.join(str(p.row) for p in parts)}) "
                         f"sum to {total:g}, above 1: a unit cannot give away more than all of itself")
    for day in history.breakpoints:
        frame = history.frame_at(day)
        twice = frame[frame["commune_code"].duplicated(keep=False)]
        for code, rows in twice.groupby("commune_code"):
            acts = [c.row for c in changes if c.effective <= day and code in (c.old, c.new)]
            failures.add(file, acts[-1] if acts else None, "new_code", code, "counted_twice",
                         f"commune {code} is counted twice on {day:%Y-%m-%d} (groups "
                         f"{', '.join(rows['district_code'])}): a commune belongs to one group on any date; "
                         f"end its units.csv row (valid_to) or correct the change")
    return history


def _check_cycles(changes: list[Change], file: str, failures) -> None:
    """Changes of one date may not lead a unit back to itself (A into B, B into A)."""
    by_day: dict[pd.Timestamp, list[Change]] = {}
    for change in changes:
        if change.old != change.new:
            by_day.setdefault(change.effective, []).append(change)
    for day, rows in by_day.items():
        edges: dict[tuple[str, str], list[Change]] = {}
        for change in rows:
            edges.setdefault((change.level, change.old), []).append(change)
        reported: set[int] = set()
        for start in list(edges):
            path, node = [], start
            seen = {start}
            while node in edges:
                step = edges[node][0]
                path.append(step)
                node = (step.level, step.new)
                if node == start:
                    chain = " → ".join([p.old for p in path] + [start[1]])
                    for step in path:
                        if step.row in reported:
                            continue
                        reported.add(step.row)
                        others = ", ".join(str(p.row) for p in path if p is not step) or "itself"
                        failures.add(file, step.row, "new_code", step.new, "cycle",
                                     f"the changes of {day:%Y-%m-%d} form a cycle {chain}: a unit cannot be "
                                     f"merged into one that is merged back into it; remove this row or row(s) "
                                     f"{others}")
                    break
                if node in seen:
                    break
                seen.add(node)


def ceased_warnings(history: FrameHistory, progress: pd.DataFrame, names: dict[str, str], lang: str = "vi"
                    ) -> list[str]:
    """One sentence per district that ceased but still has counts dated after its end (a form that still
    lists it): they are kept in the first frame, and the reader is told where its communes now belong."""
    if not history.breakpoints:
        return []
    out = []
    for end in history.group_ends().itertuples(index=False):
        late = progress[(progress["district_code"] == end.district_code) & (progress["as_of"] > end.last_day)]
        if len(late):
            out.append(words(lang)["frames"]["ceased_counts"].format(
                district=f"{end.district_code} {names.get(end.district_code, '')}".strip(), n=len(late),
                into=f"{end.into} {end.into_name}".strip(), date=format_date(end.effective, lang), act=end.source))
    return out


def history_of(units: pd.DataFrame, changes: pd.DataFrame | None = None) -> FrameHistory:
    """The history of already validated tables (no checks; unusable change rows are left out)."""

    class _Ignore:
        def add(self, *args) -> None:
            pass

    typed = () if changes is None else tuple(_typed_changes(changes, CHANGES_FILE, _Ignore()))
    return FrameHistory(units, typed)
