"""Test data shared by several test modules: small made-up datasets and edits of the bundled data."""

from __future__ import annotations

import pandas as pd

from cdsanalysis.dataset import Dataset

TARGET_COLUMNS = ["district_code", "district_name", "deadline", "target", "kind", "source", "status", "note"]


def make_dataset(totals: dict[str, int], observations: list[tuple[str, str, int]],
                 targets: list[tuple] = ()) -> Dataset:
    """A dataset in the canonical layout, not validated, every row illustrative.

    ``totals``: communes per district code (districts named "Huyện Thử <code>");
    ``observations``: (code, date, completed) progress rows; ``targets``: (code, deadline,
    target) or (code, deadline, target, kind) rows, kind ``commune_quota`` when left out.
    """
    units = pd.DataFrame([
        {"district_code": code, "district_name": f"Huyện Thử {code}", "district_type": "huyện",
         "commune_code": f"{code}{i:04d}", "commune_name": f"Xã Số {code} {i}", "commune_type": "xã",
         "source": "test"}
        for code, total in totals.items() for i in range(total)])
    progress = pd.DataFrame([
        {"district_code": code, "district_name": "", "as_of": date, "completed": completed,
         "source": "test", "status": "illustrative", "note": ""}
        for code, date, completed in observations])
    targets = pd.DataFrame([
        {"district_code": code, "district_name": "", "deadline": deadline, "target": target,
         "kind": kind[0] if kind else "commune_quota", "source": "test", "status": "illustrative", "note": ""}
        for code, deadline, target, *kind in targets], columns=TARGET_COLUMNS)
    return Dataset.from_frames(units, progress, targets, validate=False)


# --- edits of the bundled progress.csv rows (lists of dicts, as conftest's edit_csv gives them) ---

HH_2023 = {"district_code": "399", "as_of": "2023-12-31"}
TX_2024 = {"district_code": "396", "as_of": "2024-06-30"}


def set_row(rows: list[dict[str, str]], match: dict, **values) -> None:
    """Set ``values`` in the first row whose cells equal ``match``; fail the test if there is none."""
    for row in rows:
        if all(row[k] == v for k, v in match.items()):
            row.update(values)
            return
    raise AssertionError(f"no row {match}")


def break_four_rules(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Break four progress rules at once: an unknown district, a count above the district's 16
    communes, a count that falls, and a duplicate row."""
    set_row(rows, HH_2023, district_code="Hoang Hoa X")
    set_row(rows, TX_2024, completed="17")
    set_row(rows, {"district_code": "380", "as_of": "2024-06-30"}, completed="0")
    return rows + [dict(rows[10])]
