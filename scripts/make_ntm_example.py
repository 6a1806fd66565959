"""Build examples/ntm-vietnam/ (units, progress, targets, outcomes) from its sources.csv.

Vietnam's national "nông thôn mới" (new rural) programme, 2015-2025, is a real programme of the
same shape as CĐS: communes recognised by decision, in rounds, against national targets. Its
published figures use a denominator that shrank with mergers (about 8,900 communes before 2019,
8,227 at 6/2022, 8,177 at 6/2023, 7,669 at 6/2025). **Rule:** every figure is turned into a share
of the communes of its own date (count / denominator, or the published percentage) and restated
on one frame, the 8,227 communes of 30/6/2022: completed = round(share x 8,227). The frame's
communes are placeholders ("Xã giữ chỗ 0001" ...), one group for the whole country, since no
published figure splits the country. Deterministic (no randomness is needed; the seed is fixed
for any future use). Run: ``python scripts/make_ntm_example.py``.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

FOLDER = Path(__file__).resolve().parents[1] / "examples" / "ntm-vietnam"
FRAME = 8227
FRAME_DATE = "2022-06-30"
GROUP, GROUP_NAME = "VN", "Cả nước"
SEED = 2022
PLACEHOLDER_SOURCE = (f"placeholder: scripts/make_ntm_example.py; the {FRAME} communes of the frame of "
                      f"{FRAME_DATE} are not named here")
OUTCOMES = [
    ("2020-12-31", "met", "52.4 % of communes by 19/10/2019 (cumulative, so above 50 % by the deadline)",
     "https://infographics.vn/4665-xa-duoc-cong-nhan-dat-chuan-nong-thon-moi/14283.vna"),
    ("2023-12-31", "missed", "73.65 % at 30/6/2023 and about 74 % at the end of 2023, against 78 %",
     "https://betagiaothuong1.congthuong.vn/tags/dat-chuan-nong-thon-moi-kieu-mau-129112.tag"),
    ("2025-12-31", "unknown", "79.3 % at 30/6/2025; the end-2025 figure is not yet published",
     "https://vietnamnet.vn/thuc-hien-bang-duoc-muc-tieu-xay-dung-nong-nghiep-sinh-thai-nong-thon-hien-dai-2417692.html"),
]


def share(row: pd.Series) -> float:
    """A published figure as a share of the communes of its date."""
    if pd.notna(row["published_count"]) and pd.notna(row["published_denominator"]):
        return float(row["published_count"]) / float(row["published_denominator"])
    return float(row["published_share_pct"]) / 100.0


def main() -> None:
    sources = pd.read_csv(FOLDER / "sources.csv", dtype=str, keep_default_na=False).replace("", pd.NA)
    units = pd.DataFrame({
        "district_code": GROUP, "district_name": GROUP_NAME, "district_type": "cả nước",
        "commune_code": [f"N{i + 1:04d}" for i in range(FRAME)],
        "commune_name": [f"Xã giữ chỗ {i + 1:04d}" for i in range(FRAME)],
        "commune_type": "xã", "source": PLACEHOLDER_SOURCE})
    counts = sources[sources["kind"] == "count"].copy()
    counts["completed"] = [round(share(row) * FRAME) for _, row in counts.iterrows()]
    notes = [f"{row['note']} | restated on the {FRAME} communes of {FRAME_DATE}: {share(row):.4f} x {FRAME}"
             for _, row in counts.iterrows()]
    group = pd.DataFrame({"district_code": GROUP, "district_name": GROUP_NAME, "as_of": counts["as_of_or_deadline"],
                          "completed": counts["completed"], "source": counts["source_url"],
                          "status": counts["status"], "note": notes})
    progress = pd.concat([group.assign(district_code="", district_name=""), group], ignore_index=True)
    goals = sources[sources["kind"] == "target"]
    target = [math.ceil(float(p) / 100 * FRAME) for p in goals["published_share_pct"]]
    rows = pd.DataFrame({"deadline": goals["as_of_or_deadline"], "target": target, "kind": "commune_quota",
                         "source": goals["source_url"], "status": "target",
                         "note": [f"{n} | {p} % of the {FRAME} communes, rounded up"
                                  for n, p in zip(goals["note"], goals["published_share_pct"], strict=True)]})
    targets = pd.concat([rows.assign(district_code="", district_name=""),
                         rows.assign(district_code=GROUP, district_name=GROUP_NAME)], ignore_index=True)
    targets = targets[["district_code", "district_name", "deadline", "target", "kind", "source", "status", "note"]]
    outcomes = pd.DataFrame(OUTCOMES, columns=["deadline", "outcome", "evidence", "source"])
    for name, frame in (("units", units), ("progress", progress), ("targets", targets), ("outcomes", outcomes)):
        frame.to_csv(FOLDER / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")
    print(f"wrote {FOLDER}: {len(units)} communes, {len(group)} figures, {len(rows)} targets")


if __name__ == "__main__":
    main()
