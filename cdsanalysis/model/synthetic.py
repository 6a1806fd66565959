"""Synthetic provinces drawn from a known hazard process, for checks and benchmarks.

A made-up units list (any number of districts, no real codes) and half-yearly histories
drawn from the grouped-time hazard process the model assumes: each pending commune of
district d completes in (t1, t2] with probability 1 - exp(-(t2 - t1) exp(alpha + beta t + u_d)),
t being the interval's midpoint in years since the first observation and u_d ~ N(0,
heterogeneity^2). Targets sit near each district's expected count, so "will it be met?"
is a real question; knowing the truth lets a test ask whether the model's intervals and
probabilities are honest.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.settings import DAYS_PER_YEAR
from cdsanalysis.wording.messages import said

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset

SOURCE = "synthetic: cdsanalysis.model.synthetic.synthetic_dataset"


def half_year_ends(start: object, periods: int) -> pd.DatetimeIndex:
    """``periods`` consecutive 30 June / 31 December dates from ``start`` (itself one of them)."""
    first = pd.Timestamp(start).normalize()
    if (first.month, first.day) not in ((6, 30), (12, 31)):
        raise CdsAnalysisError(said("start_not_half_year_end", date=first))
    return pd.DatetimeIndex([first + pd.offsets.MonthEnd(6 * i) for i in range(periods)], name="as_of")


def _district_sizes(districts: int, communes: int, rng: np.random.Generator) -> np.ndarray:
    """Communes per district: at least one each, the rest spread by gamma(4) weights (sd ~ half the mean)."""
    weights = rng.gamma(4.0, size=districts)
    return 1 + rng.multinomial(communes - districts, weights / weights.sum())


def synthetic_tables(
    districts: int = 30,
    communes: int | None = None,
    periods: int = 6,
    seed: int = 0,
    *,
    start: object = "2021-12-31",
    hazard: float = 0.25,
    trend: float = 0.3,
    heterogeneity: float = 0.5,
    lead_years: float = 0.5,
    target_spread: float = 0.25,
) -> dict[str, pd.DataFrame]:
    """The units, progress and targets tables, as text, drawn from the hazard process with these parameters.

    ``districts`` district-level units with ``communes`` communes in all (default 25 per
    district); ``periods`` observations at consecutive half-year ends from ``start``.
    ``hazard``: completions per pending commune-year of a typical district at ``start``
    (exp(alpha)); ``trend``: change of the log hazard per year (beta); ``heterogeneity``:
    sd of the district effects u_d. The first observation counts completions over
    ``lead_years`` before ``start``. Targets: one per district at every 31 December after
    the first observation and up to one year after the last, near the expected count
    (times a lognormal(0, ``target_spread``) factor), plus the province's (their sum).
    Codes are zero-padded numbers as strings; names are "Huyện Mẫu 001", "Xã Mẫu 001-01".
    Every progress and target row has status ``illustrative`` and source `SOURCE`, so every
    output made from them says the figures are made up.
    """
    if districts < 1 or periods < 1 or hazard <= 0 or heterogeneity < 0 or lead_years < 0:
        raise CdsAnalysisError(said("synthetic_bounds",
                                    bounds="districts >= 1, periods >= 1, hazard > 0, heterogeneity >= 0, "
                                    "lead_years >= 0"))
    communes = 25 * districts if communes is None else int(communes)
    if communes < districts:
        raise CdsAnalysisError(said("too_few_units", n_units=communes, n_groups=districts))
    rng = np.random.default_rng(seed)
    sizes = _district_sizes(districts, communes, rng)
    effects = rng.normal(0.0, heterogeneity, size=districts)
    dates = half_year_ends(start, periods)
    years = (dates - dates[0]).days.to_numpy(dtype=float) / DAYS_PER_YEAR
    edges = np.r_[-lead_years, years]  # interval k ends at dates[k]

    def cumulative_hazard(t0: float, t1: float) -> np.ndarray:
        """Integral of exp(alpha + beta t + u_d) over (t0, t1], per district."""
        rate = hazard * np.exp(effects)
        if abs(trend) < 1e-12:
            return rate * (t1 - t0)
        return rate * (np.exp(trend * t1) - np.exp(trend * t0)) / trend

    counts = np.zeros((districts, periods), dtype=np.int64)
    done = np.zeros(districts, dtype=np.int64)
    for k in range(periods):
        # The midpoint rule of the model's likelihood, as the model itself steps.
        midpoint, duration = (edges[k] + edges[k + 1]) / 2, edges[k + 1] - edges[k]
        p = -np.expm1(-duration * hazard * np.exp(trend * midpoint + effects)) if duration > 0 else 0.0
        done = done + rng.binomial(sizes - done, p)
        counts[:, k] = done

    width = max(3, len(str(districts)))
    codes = [f"{i + 1:0{width}d}" for i in range(districts)]
    names = [f"Huyện Mẫu {i + 1:0{width}d}" for i in range(districts)]
    units = pd.DataFrame({
        "district_code": np.repeat(codes, sizes),
        "district_name": np.repeat(names, sizes),
        "district_type": "huyện",
        "commune_code": [f"{i + 1:0{max(5, len(str(communes)))}d}" for i in range(communes)],
        "commune_name": [f"Xã Mẫu {d + 1:0{width}d}-{j + 1:02d}" for d in range(districts) for j in range(sizes[d])],
        "commune_type": "xã",
        "source": SOURCE,
    })
    progress = pd.DataFrame({
        "district_code": np.r_[np.repeat(codes, periods), np.full(periods, "", dtype=object)],
        "district_name": "",
        "as_of": np.r_[np.tile(dates.strftime("%Y-%m-%d"), districts), dates.strftime("%Y-%m-%d")],
        "completed": np.r_[counts.ravel(), counts.sum(axis=0)],
        "source": SOURCE, "status": "illustrative", "note": f"seed {seed}",
    })

    deadlines = [d for d in pd.date_range(dates[0], dates[-1] + pd.DateOffset(years=1), freq="YE")
                 if d > dates[0]]
    rows = []
    for deadline in deadlines:
        t = (deadline - dates[0]).days / DAYS_PER_YEAR
        expected = sizes * -np.expm1(-cumulative_hazard(-lead_years, t))
        wish = expected * np.exp(rng.normal(0.0, target_spread, size=districts))
        target = np.clip(np.ceil(wish), 1, sizes).astype(np.int64)
        rows.append(pd.DataFrame({"district_code": codes, "deadline": deadline, "target": target}))
    targets = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(
        {"district_code": [], "deadline": [], "target": []})
    # Keep targets cumulative: never below the same district's earlier target.
    targets["target"] = targets.groupby("district_code")["target"].cummax()
    province = targets.groupby("deadline", as_index=False)["target"].sum().assign(district_code="")
    targets = pd.concat([targets, province], ignore_index=True)
    targets = targets.assign(district_name="", kind="commune_quota", source=SOURCE, status="illustrative",
                             note=f"seed {seed}")
    targets["deadline"] = pd.to_datetime(targets["deadline"]).dt.strftime("%Y-%m-%d")
    targets = targets[["district_code", "district_name", "deadline", "target", "kind", "source", "status", "note"]]
    return {"units": units, "progress": progress, "targets": targets}


REFORM_GROUP, REFORM_GROUP_NAME = "00", "Tỉnh Mẫu"
REFORM_SOURCE = "synthetic reform: cdsanalysis.model.synthetic.with_reform"


def with_reform(tables: dict[str, pd.DataFrame], reform: object, merge: int = 3) -> dict[str, pd.DataFrame]:
    """The post-reform shape (issue 22): ``tables`` with a reform on ``reform`` after which every district is
    gone and each run of ``merge`` communes of a district is one new commune, the province its only group.

    Adds ``valid_from``/``valid_to`` to the units (the old communes end the day before, the new ones
    start on it) and a ``changes`` table (commune merges, each district merged into the province's
    group), so the frame on any date, the province total's step and the districts' end are known. The
    reform must fall after the last observation (the history stays in the old frame).
    """
    day = pd.Timestamp(reform).normalize()
    last = pd.Timestamp(max(tables["progress"]["as_of"]))
    if day <= last:
        raise CdsAnalysisError(said("reform_too_early", reform=day, last=last))
    if merge < 1:
        raise CdsAnalysisError(said("merge_at_least_one"))
    old = tables["units"].assign(valid_from="", valid_to=f"{day - pd.Timedelta(days=1):%Y-%m-%d}")
    position = old.groupby("district_code", sort=False).cumcount() // merge
    key = old["district_code"] + "-" + position.astype(str)
    order = {k: i for i, k in enumerate(dict.fromkeys(key))}
    new_codes = key.map(lambda k: f"M{order[k] + 1:05d}")
    new = pd.DataFrame({"district_code": REFORM_GROUP, "district_name": REFORM_GROUP_NAME, "district_type": "tỉnh",
                        "commune_code": new_codes.drop_duplicates().to_numpy(),
                        "commune_name": [f"Xã Mẫu mới {i + 1:05d}" for i in range(len(order))],
                        "commune_type": "xã", "source": REFORM_SOURCE,
                        "valid_from": f"{day:%Y-%m-%d}", "valid_to": ""})
    effective = f"{day:%Y-%m-%d}"
    communes = pd.DataFrame({"effective_date": effective, "level": "commune", "kind": "merge",
                             "old_code": old["commune_code"].to_numpy(), "new_code": new_codes.to_numpy()})
    groups = pd.DataFrame({"effective_date": effective, "level": "group", "kind": "merge",
                           "old_code": old["district_code"].drop_duplicates().to_numpy(), "new_code": REFORM_GROUP})
    changes = pd.concat([communes, groups], ignore_index=True).assign(source=REFORM_SOURCE, note="synthetic")
    return {**tables, "units": pd.concat([old, new], ignore_index=True), "changes": changes}


def synthetic_dataset(
    districts: int = 30,
    communes: int | None = None,
    periods: int = 6,
    seed: int = 0,
    *,
    start: object = "2021-12-31",
    hazard: float = 0.25,
    trend: float = 0.3,
    heterogeneity: float = 0.5,
    lead_years: float = 0.5,
    target_spread: float = 0.25,
    validate: bool = True,
) -> Dataset:
    """The `synthetic_tables` of these parameters as a `Dataset` (validated unless ``validate=False``)."""
    from cdsanalysis.data.dataset import Dataset

    tables = synthetic_tables(districts, communes, periods, seed, start=start, hazard=hazard, trend=trend,
                              heterogeneity=heterogeneity, lead_years=lead_years, target_spread=target_spread)
    return Dataset.from_frames(tables["units"], tables["progress"], tables["targets"], validate=validate,
                               source=f"synthetic (seed {seed})", changes=tables.get("changes"))


README = """# Dữ liệu tổng hợp — không phải số liệu thật

Thư mục này do `cdsanalysis synthetic` tạo ra từ một quá trình mô phỏng (seed {seed}):
{districts} đơn vị cấp huyện, {communes} xã, {periods} kỳ báo cáo nửa năm đến {last}. Tên và mã
đơn vị đều là giả ("Huyện Mẫu 001"). Mọi dòng tiến độ và mục tiêu có `status` = `illustrative` và
`source` = `{source}`, nên mọi báo cáo làm từ thư mục này đều ghi rõ là số liệu minh họa.
Dùng để thử quy trình ở quy mô lớn, không dùng để ra quyết định.

# Synthetic data — not real figures

Written by `cdsanalysis synthetic` from a simulated process (seed {seed}): {districts} districts,
{communes} communes, {periods} half-yearly counts up to {last}. Names and codes are made up. Every
progress and target row has status `illustrative` and source `{source}`, so every report made
from this folder says its figures are illustrative. For trying the workflow at scale only.
"""


def write_synthetic(out: str | os.PathLike, districts: int = 700, communes: int | None = None, periods: int = 6,
                    seed: int = 0, reform: object = None) -> Path:
    """Write a data folder (units.csv, progress.csv, targets.csv, README.md) of `synthetic_tables`.

    ``reform`` (a date after the last observation): the post-reform shape of `with_reform`, with
    changes.csv.

    The process keeps `synthetic_tables`' defaults (the pooled model's own assumptions).
    The tables are validated before anything is written; a folder that already holds any of
    the three tables is refused, so real data is never overwritten. Returns the folder.
    """
    from cdsanalysis.data.dataset import Dataset
    from cdsanalysis.data.io import TABLE_FILES, atomic_write_csv, atomic_write_text

    folder = Path(out)
    present = [name for name in TABLE_FILES.values() if (folder / name).exists()]
    if present:
        raise CdsAnalysisError(said("folder_holds_data", folder=folder, files=", ".join(present)))
    tables = synthetic_tables(districts, communes, periods, seed)
    if reform is not None:
        tables = with_reform(tables, reform)
    Dataset.from_frames(tables["units"], tables["progress"], tables["targets"], validate=True,
                        changes=tables.get("changes"))
    for name, file_name in TABLE_FILES.items():
        atomic_write_csv(folder / file_name, tables[name])
    if "changes" in tables:
        atomic_write_csv(folder / "changes.csv", tables["changes"])
    last = max(tables["progress"]["as_of"])
    atomic_write_text(folder / "README.md", README.format(
        seed=seed, districts=districts, communes=int((tables["units"]["source"] == SOURCE).sum()), periods=periods,
        last=last, source=SOURCE))
    return folder
