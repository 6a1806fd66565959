"""Test data shared by several test modules: small made-up datasets and edits of the bundled data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from cdsanalysis.data.dataset import Dataset

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


def small_tables(illustrative: bool = True, without_progress: str | None = None) -> dict[str, pd.DataFrame]:
    """Three districts: 901 (6 communes, illustrative history), 902 (10, recognised), 903 (4, a claim)."""
    sizes = {"901": ("Huyện An Bình", 6), "902": ("Huyện Bình Minh", 10), "903": ("Thị xã Cẩm Lâm", 4)}
    units = pd.DataFrame([{"district_code": code, "district_name": name, "commune_code": f"{code}{i:02d}",
                           "commune_name": f"Xã Số {code}-{i}", "commune_type": "xã", "source": "test"}
                          for code, (name, n) in sizes.items() for i in range(n)])
    kind_901 = "illustrative" if illustrative else "actual"
    rows = [("901", "2023-01-01", 1, kind_901), ("901", "2023-07-01", 2, kind_901), ("901", "2024-01-01", 3, kind_901),
            ("902", "2023-01-01", 0, "actual"), ("902", "2024-01-01", 2, "actual"),
            ("903", "2023-01-01", 0, "actual"), ("903", "2024-01-01", 1, "claim")]
    progress = pd.DataFrame([{"district_code": c, "district_name": "", "as_of": d, "completed": str(n),
                              "source": "test", "status": s, "note": ""} for c, d, n, s in rows
                             if c != without_progress])
    targets = pd.DataFrame([
        {"district_code": c, "district_name": "", "deadline": d, "target": str(t), "kind": k, "source": "test",
         "status": s}
        for c, d, t, k, s in [("901", "2023-12-31", 3, "commune_quota", "illustrative" if illustrative else "target"),
                              ("901", "2024-12-31", 5, "commune_quota", "illustrative" if illustrative else "target"),
                              ("902", "2024-12-31", 6, "commune_quota", "target"),
                              ("903", "2024-12-31", 4, "all_communes", "target"),
                              ("", "2024-12-31", 15, "commune_quota", "target")]])
    return {"units": units, "progress": progress, "targets": targets}


def write_tables(folder: Path, tables: dict[str, pd.DataFrame]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


# --- frames whose levels are not tỉnh / huyện / xã (issue 22.3) ---------------------------------------

LEVEL_ROWS = {
    # (c) a national office's frame: the groups are provinces, the top is the nation.
    "nation": [("top", "vi", "quốc gia", "quốc gia", "Cả nước"), ("group", "vi", "tỉnh", "tỉnh", ""),
               ("unit", "vi", "xã", "xã", ""), ("top", "en", "nation", "nations", "Whole nation"),
               ("group", "en", "province", "provinces", ""), ("unit", "en", "commune", "communes", "")],
    # (b) a province after the 2025 reform: no districts, the province is its own only group.
    "reformed": [("top", "vi", "tỉnh", "tỉnh", "Toàn tỉnh"), ("group", "vi", "tỉnh", "tỉnh", ""),
                 ("unit", "vi", "xã", "xã", ""), ("top", "en", "province", "provinces", "Whole province"),
                 ("group", "en", "province", "provinces", ""), ("unit", "en", "commune", "communes", "")],
}


def write_levels(folder: Path, kind: str) -> Path:
    """``folder/levels.csv`` with the level words of ``kind`` ("nation" or "reformed")."""
    import csv

    with open(folder / "levels.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["level", "lang", "singular", "plural", "all_of"])
        writer.writerows(LEVEL_ROWS[kind])
    return folder / "levels.csv"


def frame_folder(out: Path, kind: str, groups: int = 4) -> Path:
    """A synthetic data folder in a frame without districts: (b) "reformed", one group (the province) holding
    every commune, or (c) "nation", ``groups`` provinces. Groups are named "Tỉnh Mẫu …" and levels.csv says so."""
    from cdsanalysis.model.synthetic import write_synthetic

    write_synthetic(out, districts=groups if kind == "nation" else 1,
                    communes=15 * groups if kind == "nation" else 40, periods=6, seed=3)
    units = (out / "units.csv").read_text(encoding="utf-8")
    (out / "units.csv").write_text(units.replace("Huyện Mẫu", "Tỉnh Mẫu").replace(",huyện,", ",tỉnh,"),
                                   encoding="utf-8")
    (out / "README.md").unlink()  # the synthetic folder's own description speaks of districts
    write_levels(out, kind)
    return out
