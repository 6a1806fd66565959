"""What a progress row counts, one series per measure, and the gap between claims and recognitions.

Issue 21: an office holds recognitions (provincial decisions), districts' own claims that run
ahead of them, and registrations for a year's round. They measure different things, so each is a
series of its own: validation checks each apart, the model fits recognitions only, and a report
shows a claim beside the recognitions ("Thường Xuân says 16/16; the province has recognised N").
A claim that stays well ahead of the recognitions for a year is worth a question, not a refusal:
`lasting_gaps` lists such cases as warnings.
"""

from __future__ import annotations

import pandas as pd

from cdsanalysis.data.schema import CLAIMED, MEASURES, RECOGNISED
from cdsanalysis.wording import words as catalogue

LASTING_DAYS = 365
"""A gap still open this many days after the claim is 'lasting'."""
LARGE_GAP = (3, 0.25)
"""A gap is 'large' when it is at least 3 communes and at least a quarter of the claim."""


def measure_series(progress: pd.DataFrame, measure: str = RECOGNISED) -> pd.DataFrame:
    """The rows of one measure (typed progress), sorted by district and date: one series, never mixed."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; one of {', '.join(MEASURES)}")
    rows = progress[progress["measure"] == measure] if "measure" in progress.columns else \
        (progress if measure == RECOGNISED else progress.iloc[0:0])
    columns = ["district_code", "district_name", "as_of", "completed", "status", "source", "note"]
    return (rows.reindex(columns=columns).assign(measure=measure)
            .sort_values(["district_code", "as_of"], kind="stable").reset_index(drop=True))


def claims_beside_recognitions(progress: pd.DataFrame) -> pd.DataFrame:
    """Each claim with the recognised count of its district on the same date (latest on or before it).

    Columns: district_code, district_name, as_of, claimed, recognised (0 when no recognised row
    precedes the claim), gap (claimed - recognised), claim_status. The table a report shows beside
    its chart: what the district says, and what the province has recognised by then.
    """
    claims = measure_series(progress, CLAIMED)
    recognised = measure_series(progress, RECOGNISED)
    out = []
    for claim in claims.itertuples(index=False):
        own = recognised[(recognised["district_code"] == claim.district_code) & (recognised["as_of"] <= claim.as_of)]
        count = int(own["completed"].iloc[-1]) if len(own) else 0
        out.append(dict(district_code=claim.district_code, district_name=claim.district_name, as_of=claim.as_of,
                        claimed=int(claim.completed), recognised=count, gap=int(claim.completed) - count,
                        claim_status=claim.status))
    columns = ["district_code", "district_name", "as_of", "claimed", "recognised", "gap", "claim_status"]
    return pd.DataFrame(out, columns=columns)


def lasting_gaps(progress: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """Claims the recognitions still trail by a large gap a year or more later (one row per claim).

    Columns: district_code, district_name, claim_date, claimed, recognised_date, recognised, gap,
    days. Only recognised rows dated `LASTING_DAYS` or more after the claim count; a district with
    no such row has not had the time to catch up, and is not listed.
    """
    claims = measure_series(progress, CLAIMED)
    recognised = measure_series(progress, RECOGNISED)
    rows = []
    for claim in claims[claims["district_code"] != ""].itertuples(index=False):
        later = recognised[(recognised["district_code"] == claim.district_code)
                           & (recognised["as_of"] >= claim.as_of + pd.Timedelta(days=LASTING_DAYS))]
        if later.empty:
            continue
        last = later.iloc[-1]
        gap = int(claim.completed) - int(last["completed"])
        if gap >= LARGE_GAP[0] and gap >= LARGE_GAP[1] * int(claim.completed):
            name = (names or {}).get(claim.district_code) or claim.district_name or claim.district_code
            rows.append(dict(district_code=claim.district_code, district_name=name, claim_date=claim.as_of,
                             claimed=int(claim.completed), recognised_date=last["as_of"],
                             recognised=int(last["completed"]), gap=gap,
                             days=int((last["as_of"] - claim.as_of).days)))
    columns = ["district_code", "district_name", "claim_date", "claimed", "recognised_date", "recognised", "gap",
               "days"]
    return pd.DataFrame(rows, columns=columns)


def gap_warnings(progress: pd.DataFrame, names: dict[str, str] | None = None, lang: str = "vi") -> list[str]:
    """One sentence per large, lasting gap (`lasting_gaps`), for `validate` and `import` to print."""
    words = catalogue(lang)["measures"]
    return [words["gap"].format(district=f"{r.district_code} {r.district_name}", claimed=r.claimed,
                                claim_date=_day(r.claim_date), recognised_date=_day(r.recognised_date),
                                recognised=r.recognised, gap=r.gap, days=LASTING_DAYS)
            for r in lasting_gaps(progress, names).itertuples(index=False)]


def _day(date: pd.Timestamp) -> str:
    return f"{date.day}/{date.month}/{date.year}"


def measure_name(measure: str, lang: str = "vi") -> str:
    """The data dictionary's name of a measure in ``lang``."""
    return catalogue(lang)["measures"]["names"][measure]
