"""The province's observed series: its own official rows, then the districts' sum on later reporting dates.

After a partial return the province's latest official total (95 at 30/6/2024) is older than the sum
of the districts' latest figures (111 with three districts at 31/12/2024). The pages, the chart, the
pace and the summaries must all read one series (issue 19, obs. 4): this one. A sum is as good as its
weakest term (`weakest_status`): one illustrative district makes the sum illustrative.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from cdsanalysis.data.measures import measure_series
from cdsanalysis.data.schema import RECOGNISED
from cdsanalysis.settings import PROVINCE_CODE

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset

STATUS_RANK = {"actual": 0, "derived": 1, "claim": 2, "illustrative": 3}
"""The weaker of two figures' kinds names a sum of them (one illustrative term makes the sum illustrative)."""
SUM_SOURCE = "sum of the districts' latest figures"


def weakest_status(statuses: pd.Series) -> str:
    """The weakest kind among ``statuses`` (actual < derived < claim < illustrative); "derived" for none."""
    ranks = statuses.map(STATUS_RANK).fillna(STATUS_RANK["derived"])
    return {v: k for k, v in STATUS_RANK.items()}[int(ranks.max())] if len(ranks) else "derived"



def province_history(dataset: Dataset, as_of: object = None) -> pd.DataFrame:
    """The province's observed points: its own rows, then the districts' sum on each later reporting date.

    The sum on a date adds each district's latest recognised figure on or before it (on dates every
    district has one), so the chart's observed line reaches the figure the forecast starts from
    (111 after the partial return) instead of stopping at the last official total (95). A sum
    below the province's own latest total is left out: the page never shows the province falling.
    Columns ``as_of, completed, status, source``.
    """
    rows = measure_series(dataset.progress, RECOGNISED)
    if as_of is not None:
        rows = rows[rows["as_of"] <= pd.Timestamp(as_of)]
    own = rows[rows["district_code"] == PROVINCE_CODE][["as_of", "completed", "status", "source"]]
    districts = rows[rows["district_code"] != PROVINCE_CODE]
    wide = districts.pivot_table(index="as_of", columns="district_code", values="completed", aggfunc="last")
    wide = wide.reindex(columns=list(dataset.districts()["district_code"])).sort_index().ffill().dropna()
    kinds = districts.pivot_table(index="as_of", columns="district_code", values="status", aggfunc="last")
    kinds = kinds.reindex(index=wide.index, columns=wide.columns).ffill()
    floor = int(own["completed"].iloc[-1]) if len(own) else 0
    after = wide.index > own["as_of"].max() if len(own) else np.ones(len(wide), dtype=bool)
    sums = pd.DataFrame({"as_of": wide.index, "completed": wide.sum(axis=1).astype(int).to_numpy(),
                         "status": [weakest_status(kinds.loc[d].dropna()) for d in wide.index],
                         "source": SUM_SOURCE})[after]
    sums = sums[sums["completed"] >= floor]
    return pd.concat([own, sums], ignore_index=True).sort_values("as_of", kind="stable").reset_index(drop=True)
