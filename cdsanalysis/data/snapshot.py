"""Where each district stands at a date: its latest count against its number of communes."""

from __future__ import annotations

import pandas as pd

from cdsanalysis.data.dataset import Dataset
from cdsanalysis.settings import PROVINCE_CODE, province_name


def standing(dataset: Dataset, as_of: object = None, measure: str = "recognised") -> pd.DataFrame:
    """One row per district plus the province (empty code, last row).

    A district's count is its latest observation on or before ``as_of`` (default: the
    latest date in the data); ``observed_on`` says when that was and ``status`` which kind
    of figure it is (actual, claim, derived, illustrative). The province row sums the
    districts, and keeps the province's own figure in ``reported`` where one exists. Only rows of
    ``measure`` count (default: recognised; a claim is not where a district stands, and claims and
    recognitions never add up).
    """
    known = dataset if as_of is None else dataset.until(as_of)
    cutoff = known.latest_date()
    districts = known.districts()
    progress = known.series(measure).sort_values("as_of", kind="stable")
    latest = progress[progress["district_code"] != PROVINCE_CODE].groupby("district_code").tail(1)
    table = districts.merge(
        latest[["district_code", "as_of", "completed", "status"]], on="district_code", how="left"
    ).rename(columns={"as_of": "observed_on"})
    table["completed"] = table["completed"].astype("Int64")
    table["share"] = (table["completed"] / table["communes_total"]).astype("Float64").round(3)
    province_reported = progress[(progress["district_code"] == PROVINCE_CODE) & (progress["as_of"] == cutoff)]
    total = int(table["completed"].sum())
    if len(province_reported) and int(province_reported["completed"].iloc[0]) == total:
        province_status = str(province_reported["status"].iloc[0])
    else:
        province_status = "+".join(sorted(set(table["status"].dropna())))
    province = pd.DataFrame(
        [{
            "district_code": PROVINCE_CODE,
            "district_name": province_name(),
            "short_name": province_name(),
            "communes_total": int(table["communes_total"].sum()),
            "observed_on": cutoff,
            "completed": total,
            "status": province_status,
        }]
    )
    province["share"] = round(province["completed"] / province["communes_total"], 3)
    table["reported"] = pd.NA
    province["reported"] = province_reported["completed"].iloc[0] if len(province_reported) else pd.NA
    columns = ["district_code", "district_name", "short_name", "completed", "communes_total", "share",
               "observed_on", "status", "reported"]
    out = pd.concat([table[columns], province[columns]], ignore_index=True)
    out["completed"] = out["completed"].astype("Int64")
    out["reported"] = out["reported"].astype("Int64")
    return out
