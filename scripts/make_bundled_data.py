"""Build data/targets.csv, data/progress.csv and data/recognitions.csv from the sourced figures,
filling gaps with illustrative numbers that are labelled so and agree with every sourced figure
they overlap. The recognition records are all illustrative: made up, commune by commune, so that
the per-commune view can be seen working; they reproduce the illustrative district histories.
data/changes.csv (the 2024 mergers, issue 22) is written from the sourced code-level list
data/frames/thanhhoa_changes_2024.csv: no randomness, every row with its resolution.

Run from the repository root: `python scripts/make_bundled_data.py`. Deterministic (seeded):
running it twice writes byte-identical files. See data/README.md and docs/assumptions.md.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from cdsanalysis.data.io import atomic_write_csv

DATA = Path(__file__).resolve().parent.parent / "data"
SEED = 969
DECISION_969 = "Quyết định 969/QĐ-UBND ngày 18/3/2022 (https://muonglat.thanhhoa.gov.vn/portal/pages/print.aspx?p=6517)"
BAO_THANH_HOA = "Báo Thanh Hóa, 'Nỗ lực cán đích xã chuyển đổi số', mid-2024 (vhds.baothanhhoa.vn)"
TTH_2025 = ("Truyền hình Thanh Hóa, 07/01/2025 (https://truyenhinhthanhhoa.vn/cac-dia-phuong-no-luc-hoan-"
            "thanh-chi-tieu-chuyen-doi-so-cap-xa-180250106172135574.htm)")
ILLUSTRATIVE = f"illustrative: scripts/make_bundled_data.py (seed {SEED}); not an official figure"

HALF_YEARS = ["2022-12-31", "2023-06-30", "2023-12-31", "2024-06-30"]
# Province-wide sums the illustrative district histories must reach. 35 and 95 are sourced
# (F20, F19); the two earlier sums are illustrative (the commune criteria came out in May 2023).
PROVINCE_SUMS = {"2022-12-31": 12, "2023-06-30": 16, "2023-12-31": 35, "2024-06-30": 95}
RECORDS_SEED = SEED * 1000 + 21  # its own stream: the progress histories stay as they were drawn
# Illustrative decision rounds per half-year: (decision, date, credited year, share of the half-year's
# communes). In H1 2024 a January decision credits some communes to 2023 (recognition lags completion:
# Hoằng Hóa's 13 "for 2023" were still under appraisal in mid-2024), a June one the rest to 2024.
ROUNDS = {
    "2022-12-31": [("MH-01/QĐ (minh họa)", "2022-12-20", 2022, 1.0)],
    "2023-06-30": [("MH-02/QĐ (minh họa)", "2023-06-20", 2023, 1.0)],
    "2023-12-31": [("MH-03/QĐ (minh họa)", "2023-12-20", 2023, 1.0)],
    "2024-06-30": [("MH-04/QĐ (minh họa)", "2024-01-25", 2023, 0.4), ("MH-05/QĐ (minh họa)", "2024-06-20", 2024, 1.0)],
}
# The first day each resolution's frame is in force (the day after the old frame's last day). NQ 939's date
# is quoted from its text ("có hiệu lực thi hành từ ngày 01/2/2024"; thactrang.com, reporting the resolution);
# NQ 1238's 1/12/2024 is not quoted in the project's sources: its rows say so (docs/assumptions.md, A9).
EFFECTIVE = {
    "NQ 939/NQ-UBTVQH15": ("2024-02-01", "Nghị quyết 939/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội"),
    "NQ 1238/NQ-UBTVQH15": ("2024-12-01", "Nghị quyết 1238/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội"),
}
UNQUOTED = {"NQ 1238/NQ-UBTVQH15": "; effective date not quoted in our sources (A9)"}
CHANGE_COLUMNS = ["effective_date", "level", "kind", "old_code", "new_code", "new_group", "new_name", "new_type",
                  "source", "note"]
RECORD_NOTE = ("illustrative decision (minh họa): made up so that the per-commune view can be seen working; "
               "it reproduces the illustrative district history, not an official record")


def _figures() -> pd.DataFrame:
    return pd.read_csv(DATA / "sources" / "sourced_figures.csv", dtype=str, keep_default_na=False)


def _largest_remainder(amount: int, weights: pd.Series) -> pd.Series:
    """Split a whole number in proportion to weights, rounding so the parts sum exactly."""
    exact = amount * weights / weights.sum()
    parts = np.floor(exact).astype(int)
    short = amount - int(parts.sum())
    order = (exact - parts).sort_values(ascending=False, kind="stable").index[:short]
    parts[order] += 1
    return parts


def build_targets(units: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    totals = units.groupby("district_code").size()
    names = units.drop_duplicates("district_code").set_index("district_code")["district_name"]
    yearly = figures[(figures["measure"] == "commune_quota_in_year") & figures["source"].str.contains("969")]
    deadlines = yearly["period_end"].tolist()
    province = yearly["value"].astype(int).cumsum().tolist()  # 94, 226, 359, 477
    goals = figures[figures["measure"] == "district_level_goal"]
    due_all = goals["district_code"].tolist()
    roadmap = figures[(figures["measure"] == "commune_quota_cumulative")]
    fixed = {(r.district_code, r.period_end): int(r.value) for r in roadmap.itertuples()}

    rows = [dict(district_code="", deadline=d, target=t, kind="commune_quota", source=DECISION_969,
                 status="target", note="cumulative sum of the yearly quotas 94, 132, 133, 118")
            for d, t in zip(deadlines, province, strict=False)]
    quota: dict[str, pd.Series] = {}
    last = deadlines[-1]
    for code in due_all:
        rows.append(dict(district_code=code, deadline=last, target=int(totals[code]), kind="all_communes",
                         source=DECISION_969 + ("; " + TTH_2025 if (code, last) in fixed else ""),
                         status="target", note="one of the 12 units due to complete CĐS by 2025: all communes"))
    others = totals.index.difference(due_all)
    quota[last] = pd.concat([totals[due_all],
                             _largest_remainder(province[-1] - int(totals[due_all].sum()), totals[others])])
    for deadline, amount in zip(reversed(deadlines[:-1]), reversed(province[:-1]), strict=False):
        following = quota[deadlines[deadlines.index(deadline) + 1]]
        pinned = {c: v for (c, d), v in fixed.items() if d == deadline}
        free = following.index.difference(list(pinned))
        quota[deadline] = pd.concat([pd.Series(pinned, dtype=int),
                                     _largest_remainder(amount - sum(pinned.values()), following[free])])
    for deadline in deadlines:
        for code, value in quota[deadline].items():
            if deadline == last and code in due_all:
                continue
            sourced = (code, deadline) in fixed
            rows.append(dict(district_code=code, deadline=deadline, target=int(value), kind="commune_quota",
                             source=TTH_2025 if sourced else ILLUSTRATIVE,
                             status="target" if sourced else "illustrative",
                             note="district roadmap" if sourced else
                             "illustrative share of Decision 969's province quota (its appendix is not public)"))
    table = pd.DataFrame(rows)
    table.insert(1, "district_name", table["district_code"].map(names).fillna(""))
    return table.sort_values(["district_code", "deadline", "kind"], kind="stable").reset_index(drop=True)


def build_progress(units: pd.DataFrame, targets: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    totals = units.groupby("district_code").size()
    names = units.drop_duplicates("district_code").set_index("district_code")["district_name"]
    claim = figures[(figures["measure"] == "completed_cumulative")].iloc[0]
    pinned = {(claim["district_code"], claim["period_end"]): int(claim["value"])}
    stalled = claim["district_code"]  # its 13 communes for 2023 were still under appraisal in mid-2024
    quota_2024 = targets[(targets["deadline"] == "2024-12-31") & (targets["district_code"] != "")]
    propensity = quota_2024.set_index("district_code")["target"].reindex(totals.index).astype(float)
    propensity *= rng.gamma(shape=2.0, scale=0.5, size=len(propensity))
    current = pd.Series(0, index=totals.index)
    rows = []
    for as_of in HALF_YEARS:
        for (code, date), value in pinned.items():
            if date == as_of:
                current[code] = value
        need = PROVINCE_SUMS[as_of] - int(current.sum())
        movable = totals.index.drop(stalled)
        for _ in range(need):
            room = (totals[movable] - current[movable]) / totals[movable]
            weights = propensity[movable] * room
            pick = rng.choice(movable, p=(weights / weights.sum()).to_numpy())
            current[pick] += 1
        for code in totals.index:
            if (code, as_of) in pinned:
                rows.append(dict(district_code=code, as_of=as_of, completed=int(current[code]),
                                 source=BAO_THANH_HOA, status="claim", measure="claimed",
                                 note="F21: the district's own statement (10/37 completed in 2022); "
                                      "no provincial recognition decision cited"))
            else:
                rows.append(dict(district_code=code, as_of=as_of, completed=int(current[code]),
                                 source=ILLUSTRATIVE, status="illustrative",
                                 note="made up to fill a gap; district sums agree with the sourced province totals"))
    rows.append(dict(district_code="", as_of="2023-12-31", completed=35, status="derived",
                     source=BAO_THANH_HOA + ": 95 recognised by 30/6/2024 minus 60 recognised in H1 2024",
                     note="F20 = F19 - F18; consistent with '1.6 times the 2023 number'"))
    rows.append(dict(district_code="", as_of="2024-06-30", completed=95, status="actual",
                     source=BAO_THANH_HOA, note="F19: 95 communes recognised in total by mid-2024"))
    table = pd.DataFrame(rows)
    table.insert(1, "district_name", table["district_code"].map(names).fillna(""))
    table["measure"] = table["measure"].fillna("recognised")  # last column: rows typed by hand stay as they were
    return table.sort_values(["district_code", "as_of"], kind="stable").reset_index(drop=True)


def build_recognitions(units: pd.DataFrame, progress: pd.DataFrame) -> pd.DataFrame:
    """One illustrative record per commune recognised in the illustrative histories, by decision round.

    Each half-year's increment of a district's recognised count becomes that many of its communes
    (a seeded draw among those not yet recognised), recognised by the half-year's decision(s).
    """
    rng = np.random.default_rng(RECORDS_SEED)
    recognised = progress[(progress["district_code"] != "") & (progress["measure"] == "recognised")]
    rows = []
    for code, group in units.groupby("district_code", sort=True):
        pool = list(group["commune_code"].to_numpy()[rng.permutation(len(group))])
        counts = recognised[recognised["district_code"] == code].set_index("as_of")["completed"]
        before = 0
        for as_of in HALF_YEARS:
            now = int(counts.get(as_of, before))
            new, pool = pool[: now - before], pool[now - before:]
            rounds = ROUNDS[as_of]
            for decision, date, year, share in rounds:
                take = new if share == 1.0 else new[: int(np.floor(share * len(new) + rng.random()))]
                new = new[len(take):]
                names = group.set_index("commune_code")["commune_name"]
                rows.extend(dict(commune_code=c, commune_name=names[c], decision=decision, decision_date=date,
                                 credited_year=year, source=ILLUSTRATIVE, note=RECORD_NOTE) for c in take)
            before = now
    table = pd.DataFrame(rows)
    return table.sort_values(["decision_date", "commune_code"], kind="stable").reset_index(drop=True)


def build_changes(listed: pd.DataFrame) -> pd.DataFrame:
    """changes.csv rows from the code-level list of the 2024 changes (one row per commune it names),
    and one group-level row per district that ceased (all its communes moved to one other district)."""
    rows = []
    for item in listed.itertuples(index=False):
        date, act = EFFECTIVE[item.resolution]
        base = dict(effective_date=date, level="commune", old_code=item.commune_code, new_code=item.commune_code,
                    new_group="", new_name="", new_type="", source=act,
                    note=f"thanhhoa_changes_2024.csv: {item.change}{UNQUOTED.get(item.resolution, '')}")
        if item.change.startswith("dissolved"):
            rows.append(base | dict(kind="merge", new_code=item.merged_into_code,
                                    note=f"thanhhoa_changes_2024.csv: {item.change} into {item.merged_into_name}"
                                         f"{UNQUOTED.get(item.resolution, '')}"))
            continue
        moved = item.before_district_code != item.after_district_code
        renamed = item.before_name != item.after_name
        rows.append(base | dict(kind="move" if moved else "rename",
                                new_group=item.after_district_code if moved else "",
                                new_name=item.after_name if renamed else "",
                                new_type=item.after_type if item.after_type != item.before_type else ""))
    moves = listed[(listed["after_district_code"] != "")
                   & (listed["before_district_code"] != listed["after_district_code"])]
    for (old, new, act), _ in moves.groupby(["before_district_code", "after_district_code", "resolution"]):
        date, source = EFFECTIVE[act]
        rows.append(dict(effective_date=date, level="group", kind="merge", old_code=old, new_code=new, new_group="",
                         new_name="", new_type="", source=source,
                         note="every commune of the district moved to the other (rows above): the district ceased"
                              + UNQUOTED.get(act, "")))
    table = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    order = table["level"].map({"commune": 0, "group": 1})
    return table.assign(_o=order).sort_values(["effective_date", "_o", "old_code"], kind="stable").drop(
        columns="_o").reset_index(drop=True)


def main() -> None:
    units = pd.read_csv(DATA / "units.csv", dtype=str, keep_default_na=False)
    figures = _figures()
    targets = build_targets(units, figures)
    progress = build_progress(units, targets, figures)
    recognitions = build_recognitions(units, progress)
    atomic_write_csv(DATA / "targets.csv", targets)
    atomic_write_csv(DATA / "progress.csv", progress)
    atomic_write_csv(DATA / "recognitions.csv", recognitions)
    changes = build_changes(pd.read_csv(DATA / "frames" / "thanhhoa_changes_2024.csv", dtype=str,
                                        keep_default_na=False))
    atomic_write_csv(DATA / "changes.csv", changes)
    print(f"wrote {len(targets)} targets, {len(progress)} progress rows and {len(recognitions)} illustrative "
          f"recognition records and {len(changes)} changes to {DATA}")


if __name__ == "__main__":
    main()
