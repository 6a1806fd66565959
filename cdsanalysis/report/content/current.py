"""The one current figure of each unit, and how fresh it is, for every page and summary.

After a partial return (3 districts report for 31/12/2024, 24 stay at 30/6/2024) the province
page used to show the official 95 of 30/6/2024 in its standing, 111 in its "keep today's
figure" line and a chart whose observed line stopped at 95 (issue 19, obs. 4). Here is the one
rule they all read: a district's current figure is its own latest recognised figure, with its
date (`cdsanalysis.data.freshness.district_freshness`); the province's is the sum of those
(the figure the forecast starts from), dated per district, shown beside the latest official
province total. The summaries and the pages ask this module, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from cdsanalysis.data.freshness import district_freshness, no_figure_since
from cdsanalysis.data.measures import measure_series
from cdsanalysis.data.province_series import weakest_status
from cdsanalysis.data.schema import RECOGNISED
from cdsanalysis.model.anchors import half_years_covered
from cdsanalysis.settings import PROVINCE_CODE
from cdsanalysis.wording import words
from cdsanalysis.wording.formats import format_date, format_percent

if TYPE_CHECKING:  # pragma: no cover
    from cdsanalysis.data.dataset import Dataset

@dataclass(frozen=True)
class ProvinceFigure:
    """The province's current figure: the sum of each district's latest recognised figure.

    ``groups`` are (date, number of districts whose latest figure is of that date), newest first;
    ``official`` the latest province row on or before the as-of date (None without one).
    """

    total: int
    communes_total: int
    groups: tuple[tuple[pd.Timestamp, int], ...]
    missing: int
    status: str
    official: int | None
    official_date: pd.Timestamp | None
    official_status: str

    @property
    def round_date(self) -> pd.Timestamp | None:
        """The newest date of any district's figure (the folder's current round)."""
        return self.groups[0][0] if self.groups else None

    @property
    def figure(self) -> int:
        """What every page shows as today's count: the districts' sum, never below the official total."""
        return max(self.total, self.official or 0)

    @property
    def same_as_official(self) -> bool:
        """True when every district's figure is of the official total's date and they agree."""
        return (self.official == self.total and len(self.groups) == 1 and not self.missing
                and self.groups[0][0] == self.official_date)

    def parts(self, lang: str) -> str:
        """"3 đơn vị đến 31/12/2024, 24 đơn vị đến 30/06/2024" in ``lang``."""
        text = words(lang)["current"]
        out = [text["part"].format(n=n, date=format_date(d, lang)) for d, n in self.groups]
        if self.missing:
            out.append(text["part_missing"].format(n=self.missing))
        return text["separator"].join(out)

    def sentences(self, lang: str) -> list[str]:
        """The province's standing in words: the current figure, what it sums, the official total beside it."""
        text = words(lang)["current"]
        kinds = words(lang)["report"]["data_kind"]
        share = format_percent(self.figure / self.communes_total, lang) if self.communes_total else "—"
        if self.official is not None and self.official > self.total:
            lines = [text["official_above"].format(done=self.official, total=self.communes_total, share=share,
                                                    date=format_date(self.official_date, lang),
                                                    kind=kinds.get(self.official_status, self.official_status),
                                                    sum=self.total, parts=self.parts(lang))]
            return lines
        lines = [text["province_sum"].format(done=self.total, total=self.communes_total, share=share,
                                             parts=self.parts(lang), kind=kinds.get(self.status, self.status))]
        if self.official is not None:
            lines.append(text["official_beside"].format(done=self.official, date=format_date(self.official_date, lang),
                                                        kind=kinds.get(self.official_status, self.official_status)))
        return lines

    @property
    def behind(self) -> int:
        """Districts whose latest figure is older than the current round (or who have none)."""
        return sum(n for _, n in self.groups[1:]) + self.missing

    def chart_note(self, lang: str) -> str:
        """Why the forecast band can start above the last observed point; "" when every district is current."""
        if not self.behind or self.round_date is None:
            return ""
        return words(lang)["current"]["chart_province"].format(n=self.behind, done=self.total,
                                                               round=format_date(self.round_date, lang))

    def note(self, lang: str) -> str:
        """The one-cell version for the summaries: what the figure sums and the official total."""
        text = words(lang)["current"]
        line = text["summary_sum"].format(parts=self.parts(lang))
        if self.official is not None:
            line += text["summary_official"].format(done=self.official, date=format_date(self.official_date, lang))
        return line


def province_figure(dataset: Dataset, as_of: object = None, fresh: pd.DataFrame | None = None) -> ProvinceFigure:
    """The province's current figure on ``as_of`` (default: every row): see `ProvinceFigure`.

    ``fresh``: `district_freshness` of the same dataset and date, when the caller has it already.
    """
    fresh = district_freshness(dataset, as_of) if fresh is None else fresh
    known = fresh[fresh["latest_date"].notna()]
    counts = known.groupby("latest_date").size().sort_index(ascending=False)
    rows = measure_series(dataset.progress, RECOGNISED)
    own = rows[rows["district_code"] == PROVINCE_CODE]
    if as_of is not None:
        own = own[own["as_of"] <= pd.Timestamp(as_of)]
    official = own.iloc[-1] if len(own) else None
    return ProvinceFigure(
        total=int(known["latest_count"].sum()), communes_total=int(dataset.districts()["communes_total"].sum()),
        groups=tuple((pd.Timestamp(d), int(n)) for d, n in counts.items()), missing=int(len(fresh) - len(known)),
        status=weakest_status(known["latest_status"]),  # the statuses of the figures summed
        official=None if official is None else int(official["completed"]),
        official_date=None if official is None else pd.Timestamp(official["as_of"]),
        official_status="" if official is None else str(official["status"]))


def with_current_figures(table: pd.DataFrame, dataset: Dataset, as_of: object, lang: str,
                         fresh: pd.DataFrame | None = None) -> pd.DataFrame:
    """An `assess` table with each unit's latest figure date and freshness, and the province's one figure.

    Adds ``latest_date`` (the date of the figure in ``completed``; for the province, the newest
    district date) and ``freshness`` ("chưa có số liệu mới từ 30/06/2024" for a district the latest
    round left behind; for the province, what its figure sums). The province's ``completed`` is
    `ProvinceFigure.figure` (its ``current_pace`` is `assess`'s: the pace of `province_history`); its
    ``data_status``, when present, is the kind of the sum (illustrative when any term is).
    """
    out = table.copy()
    every = district_freshness(dataset, as_of) if fresh is None else fresh
    fresh = every.set_index("district_code")
    province = province_figure(dataset, as_of, every)
    codes = out["district_code"]
    out["latest_date"] = codes.map(fresh["latest_date"]).astype("datetime64[ns]")
    out["freshness"] = [no_figure_since(fresh.at[c, "latest_date"], lang) if c in fresh.index
                        and bool(fresh.at[c, "behind"]) else "" for c in codes]
    at_province = (codes == PROVINCE_CODE).to_numpy()
    if at_province.any():
        out.loc[at_province, "latest_date"] = province.round_date
        out.loc[at_province, "freshness"] = province.note(lang)
        out.loc[at_province, "completed"] = province.figure
        if "data_status" in out and not province.same_as_official and province.figure == province.total:
            out.loc[at_province, "data_status"] = province.status  # a sum is as good as its weakest term
    return out


UNIT_KEYS = ["district_name", "completed", "latest_date", "freshness"]
"""The columns of the province page's table of each unit's figure (headers: the catalogue's ``workbook_columns``)."""


def unit_figures(dataset: Dataset, as_of: object, lang: str, fresh: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each district's latest figure, its date and whether the latest round left it behind, for the province page.

    One row per district in the data's order: name, "done/total", the date, and "no figure since …" or "".
    """
    fresh = district_freshness(dataset, as_of) if fresh is None else fresh
    totals = dataset.districts().set_index("district_code")["communes_total"]
    heads = words(lang)["workbook_columns"]
    done = ["—" if pd.isna(n) else f"{int(n)}/{int(totals[c])}"
            for c, n in zip(fresh["district_code"], fresh["latest_count"], strict=True)]
    return pd.DataFrame({
        heads["district_name"]: fresh["district_name"].to_numpy(),
        heads["completed"]: done,
        heads["latest_date"]: ["—" if pd.isna(d) else format_date(d, lang) for d in fresh["latest_date"]],
        heads["freshness"]: [no_figure_since(d, lang) if b else ""
                             for d, b in zip(fresh["latest_date"], fresh["behind"], strict=True)],
    })


def district_behind_lines(dataset: Dataset, code: str, as_of: object, lang: str,
                          fresh: pd.DataFrame | None = None) -> tuple[str, str]:
    """For a district the latest round left behind: the notice ("Chưa có số liệu mới từ 30/06/2024 …")
    and the chart's note (its forecast starts from that figure); ("", "") otherwise."""
    fresh = (district_freshness(dataset, as_of) if fresh is None else fresh).set_index("district_code")
    if code not in fresh.index or not bool(fresh.at[code, "behind"]):
        return "", ""
    row = fresh.loc[code]
    text, since = words(lang)["current"], no_figure_since(row["latest_date"], lang)
    round_ = format_date(row["round_date"], lang)
    notice = text["behind"].format(since=since[:1].upper() + since[1:], round=round_)
    if pd.isna(row["latest_date"]):
        return notice, ""
    return notice, text["chart_district"].format(date=format_date(row["latest_date"], lang), round=round_,
                                                 done=int(row["latest_count"]))


def own_figure_dates(dataset: Dataset, code: str, as_of: object) -> int:
    """How many half-years the district's own recognised figures cover, on or before ``as_of`` (as
    `district.fitted_periods` counts the pooled model's)."""
    rows = measure_series(dataset.progress, RECOGNISED)
    rows = rows[(rows["district_code"] == code) & (rows["as_of"] <= pd.Timestamp(as_of))]
    return half_years_covered(rows["as_of"])
