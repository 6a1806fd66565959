"""Build examples/thanhhoa-2025/: Thanh Hóa after the 2025 reform, 166 communes, the province its only group.

Since 1 July 2025 (Nghị quyết 1686/NQ-UBTVQH15) the province has no districts: its 547 communes
became 166. This folder is the bundled data (data/) restated in that frame:

1. The frames in time are assembled in memory and validated by the package like any user folder:
   data/units.csv (the 2023 frame, ended 2025-06-30), the 166 communes of the reform (from
   2025-07-01, group = the province), data/changes.csv (the 2024 mergers) and the reform's mapping
   data/frames/thanhhoa_old_to_new_2025.csv as changes (``merge`` for "merged whole", "unchanged" and
   "type changed"; ``split`` for the ten old units split between new ones; every district ``merge``d
   into the province's group).
2. The recognised history is restated in the 2025-07-01 frame with `cdsanalysis.data.restate.restate`
   from the (illustrative) recognition records: exact under the stated rule, a new commune counts once
   every commune it comes from is recognised (docs/assumptions.md, A9). Status ``illustrative``, since the
   records are.
3. ``levels.csv`` says what the levels are called in this frame (tỉnh / tỉnh / xã: the province is its
   own only group), so no report of the folder speaks of districts.
4. The one target that falls after the reform, Decision 969's 477 of 559 communes by end-2025, is
   restated as the same share of the 166 communes, rounded up (illustrative: not an official figure).

Deterministic: no randomness is drawn (the seed is fixed for any future use). Run from the repository
root: ``python scripts/make_thanhhoa_2025.py``; a test checks that it reproduces the folder byte for byte.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from cdsanalysis.data.dataset import Dataset, load_dataset
from cdsanalysis.data.io import atomic_write_csv
from cdsanalysis.data.restate import restate

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FOLDER = ROOT / "examples" / "thanhhoa-2025"
SEED = 1686
REFORM = "2025-07-01"
LAST_OLD_DAY = "2025-06-30"
GROUP, GROUP_NAME, GROUP_TYPE = "38", "Tỉnh Thanh Hóa", "tỉnh"
LEVELS = pd.DataFrame([("top", "vi", "tỉnh", "tỉnh", "Toàn tỉnh"), ("group", "vi", "tỉnh", "tỉnh", ""),
                       ("unit", "vi", "xã", "xã", ""), ("top", "en", "province", "provinces", "Whole province"),
                       ("group", "en", "province", "provinces", ""), ("unit", "en", "commune", "communes", "")],
                      columns=["level", "lang", "singular", "plural", "all_of"])
"""The level words of the frame (levels.csv): no districts, the province is its own only group."""
ACT = "Nghị quyết 1686/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội (hiệu lực 01/07/2025)"
CODE_LIST = "vietnam-provinces==2026.9.0 (GSO/NSO code list), via data/frames/thanhhoa_old_to_new_2025.csv"
UNIT_COLUMNS = ["district_code", "district_name", "district_type", "commune_code", "commune_name", "commune_type",
                "source"]


def new_units(mapping: pd.DataFrame) -> pd.DataFrame:
    """The 166 communes in force from the reform, one group: the province."""
    new = mapping.drop_duplicates("new_commune_code").sort_values("new_commune_code", kind="stable")
    return pd.DataFrame({"district_code": GROUP, "district_name": GROUP_NAME, "district_type": GROUP_TYPE,
                         "commune_code": new["new_commune_code"].to_numpy(),
                         "commune_name": new["new_commune_name"].to_numpy(),
                         "commune_type": new["new_commune_type"].to_numpy(), "source": CODE_LIST})


def reform_changes(mapping: pd.DataFrame) -> pd.DataFrame:
    """The reform as changes.csv rows: each old commune into its new one(s), each district into the province."""
    split = mapping["relation"].str.startswith("split")
    rows = pd.DataFrame({"effective_date": REFORM, "level": "commune",
                         "kind": split.map({True: "split", False: "merge"}),
                         "old_code": mapping["old_commune_code"], "new_code": mapping["new_commune_code"],
                         "source": ACT, "note": "thanhhoa_old_to_new_2025.csv: " + mapping["relation"]})
    groups = pd.DataFrame({"effective_date": REFORM, "level": "group", "kind": "merge",
                           "old_code": sorted(mapping["old_district_code"].unique()), "new_code": GROUP,
                           "source": ACT, "note": "districts abolished: the province is the only group"})
    return pd.concat([rows, groups], ignore_index=True)


def in_time(bundled: Dataset, mapping: pd.DataFrame) -> Dataset:
    """The bundled data with every frame up to the reform, validated."""
    old = bundled.units[UNIT_COLUMNS].assign(valid_from="", valid_to=LAST_OLD_DAY)
    units = pd.concat([old, new_units(mapping).assign(valid_from=REFORM, valid_to="")], ignore_index=True)
    changes = pd.concat([pd.read_csv(DATA / "changes.csv", dtype=str, keep_default_na=False),
                         reform_changes(mapping)], ignore_index=True).fillna("")
    return Dataset.from_frames(units, bundled.progress, bundled.targets, recognitions=bundled.recognitions[
        ["commune_code", "commune_name", "decision", "decision_date", "credited_year", "source", "note"]],
        changes=changes, source="<thanhhoa in time>")


def build(bundled: Dataset, mapping: pd.DataFrame) -> dict[str, pd.DataFrame]:
    history = in_time(bundled, mapping)
    units = new_units(mapping)
    restated = restate(history, REFORM)
    progress = pd.DataFrame({"district_code": restated["district_code"], "district_name": restated["district_name"],
                             "as_of": restated["as_of"].dt.strftime("%Y-%m-%d"), "completed": restated["completed"],
                             "source": "data/recognitions.csv (illustrative records) restated by "
                                       "scripts/make_thanhhoa_2025.py",
                             "status": restated["status"], "note": restated["note"], "measure": "recognised"})
    quota = bundled.targets[(bundled.targets["district_code"] == "")].sort_values("deadline").iloc[-1]
    base = len(bundled.units)
    target = math.ceil(int(quota["target"]) * len(units) / base)
    row = dict(deadline=f"{quota['deadline']:%Y-%m-%d}", target=target, kind="commune_quota",
               source=f"{quota['source']}; restated by scripts/make_thanhhoa_2025.py", status="illustrative",
               note=f"{quota['target']} of the {base} communes of the 2023 frame, restated as the same share of the "
                    f"{len(units)} communes of the frame of {REFORM}, rounded up: derived, not an official figure")
    targets = pd.DataFrame([row | dict(district_code="", district_name=""),
                            row | dict(district_code=GROUP, district_name=GROUP_NAME)])
    targets = targets[["district_code", "district_name", "deadline", "target", "kind", "source", "status", "note"]]
    return {"units": units, "progress": progress, "targets": targets, "levels": LEVELS}


def main() -> None:
    mapping = pd.read_csv(DATA / "frames" / "thanhhoa_old_to_new_2025.csv", dtype=str, keep_default_na=False)
    tables = build(load_dataset(DATA), mapping)
    for name, table in tables.items():
        atomic_write_csv(FOLDER / f"{name}.csv", table)
    print(f"wrote {FOLDER}: {len(tables['units'])} communes in one group, {len(tables['progress'])} restated "
          f"figures, {len(tables['targets'])} targets")


if __name__ == "__main__":
    main()
