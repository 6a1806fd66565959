"""History restated in a later frame: each group's recognised count as if the later frame had always held.

A commune of the later frame counts as recognised on a date when every commune it comes from (in the
frame of that date, followed through the changes) had been recognised by then: a merged commune
needs all its parts. Two ways, and the table says which (``basis``, ``status``, ``note``):

- **records** (recognitions.csv): exact — which communes were recognised is known;
- **counts** (progress.csv only): derived, by one stated rule — recognised communes are taken as
  spread evenly over their old group, so each old commune is recognised with probability
  count / communes of its group, and the restated count is the expected number of later communes
  fully recognised, rounded half up. A group merged whole gives the sum of the counts, a split
  the proportional shares (docs/assumptions.md, A9). Status ``derived``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pandas as pd

from cdsanalysis.data.frames import FrameHistory

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset

RESTATED_COLUMNS = ["district_code", "district_name", "as_of", "completed", "measure", "basis", "status", "source",
                    "note"]


def successors(history: FrameHistory, start: pd.Timestamp, end: pd.Timestamp) -> dict[str, set[str]]:
    """Each commune of the frame of ``start`` -> the communes of the frame of ``end`` it became part of."""
    out = {code: {code} for code in history.frame_at(start)["commune_code"]}
    steps: dict[pd.Timestamp, dict[str, set[str]]] = {}
    for change in history.changes:  # the changes of one date act together: codes are reused across eras
        if start < change.effective <= end and change.level == "commune" and change.kind != "move":
            steps.setdefault(change.effective, {}).setdefault(change.old, set()).add(change.new)
    for day in sorted(steps):
        became = steps[day]
        out = {code: set().union(*(became.get(c, {c}) for c in codes)) for code, codes in out.items()}
    final = set(history.frame_at(end)["commune_code"])
    return {code: codes & final for code, codes in out.items()}


def _predecessors(history: FrameHistory, day: pd.Timestamp, end: pd.Timestamp) -> dict[str, list[str]]:
    """Each commune of the frame of ``end`` -> the communes of the frame of ``day`` it comes from."""
    out: dict[str, list[str]] = {}
    for old, news in successors(history, day, end).items():
        for new in news:
            out.setdefault(new, []).append(old)
    return out


def restate(dataset: Dataset, frame_date: object, *, use_records: bool | None = None) -> pd.DataFrame:
    """Recognised counts per group of the frame in force on ``frame_date``, at every date of the
    recognised series (``RESTATED_COLUMNS``).

    ``use_records``: None = the records when the folder has them, else the counts; False forces the
    counts (to compare the rule with the records).
    """
    history = dataset.history if dataset.history is not None else FrameHistory(dataset.units)
    end = pd.Timestamp(frame_date).normalize()
    target = history.frame_at(end)
    group_of = dict(zip(target["commune_code"], target["district_code"], strict=False))
    names = dict(zip(target["district_code"], target["district_name"], strict=False))
    series = dataset.series("recognised")
    districts = series[series["district_code"] != ""]
    dates = sorted(d for d in districts["as_of"].unique() if d <= end)
    records = dataset.recognitions if use_records is not False else None
    rows = []
    for day in map(pd.Timestamp, dates):
        before = _predecessors(history, day, end)
        if records is not None:
            done = records[records["decision_date"] <= day]
            recognised = set(done["commune_code"])
            illustrative = bool(done["source"].str.startswith("illustrative").any())
            score = {new: float(all(p in recognised for p in olds)) for new, olds in before.items()}
            status, basis = ("illustrative" if illustrative else "actual"), "records"
            source = "recognitions.csv"
            note = f"restated in the frame of {end:%Y-%m-%d} from the recognition records (exact)"
        else:
            frame = history.frame_at(day)
            totals = frame.groupby("district_code").size()
            counts = districts[districts["as_of"] <= day].groupby("district_code")["completed"].last()
            share = (counts / totals).reindex(totals.index).fillna(0.0).clip(upper=1.0)
            p_old = frame["district_code"].map(share).set_axis(frame["commune_code"]).to_dict()
            score = {new: math.prod(p_old.get(p, 0.0) for p in olds) for new, olds in before.items()}
            status, basis, source = "derived", "counts", "progress.csv"
            note = (f"restated in the frame of {end:%Y-%m-%d} from counts by the stated rule (recognised communes "
                    f"spread evenly over their old group; docs/assumptions.md A9): derived, not recorded")
        by_group: dict[str, float] = {}
        for new, value in score.items():
            by_group[group_of[new]] = by_group.get(group_of[new], 0.0) + value
        for code in sorted(by_group):
            rows.append(dict(district_code=code, district_name=names[code], as_of=day,
                             completed=int(math.floor(by_group[code] + 0.5 + 1e-9)), measure="recognised",
                             basis=basis, status=status, source=source, note=note))
    return pd.DataFrame(rows, columns=RESTATED_COLUMNS)


