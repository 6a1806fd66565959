"""Plain-text tables for the terminal, aligned for Vietnamese names."""

from __future__ import annotations

import pandas as pd


def format_table(rows: list[list[str]], header: list[str], right: set[int] = frozenset()) -> str:
    """Align columns; ``right`` holds the indices of right-aligned (numeric) columns."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def format_standing(table: pd.DataFrame) -> str:
    """The progress table `cdsanalysis progress` prints: completed / total per district."""
    rows = []
    for r in table.itertuples(index=False):
        share = "" if pd.isna(r.share) else f"{r.share:.0%}"
        done = "—" if pd.isna(r.completed) else f"{r.completed}/{r.communes_total}"
        date = "" if pd.isna(r.observed_on) else f"{r.observed_on:%Y-%m-%d}"
        rows.append([r.district_code or "", r.short_name, done, share, date, r.status or ""])
    body = format_table(rows, ["code", "district", "completed", "share", "as of", "data"], right={2, 3})
    cutoff = table["observed_on"].max()
    note = ""
    if table["status"].astype(str).str.contains("illustrative").any():
        note = ("\nNote: rows marked 'illustrative' are made-up figures that fill gaps in the public "
                "record (see data/README.md); they are not official.")
    return f"Communes completing digital transformation, as of {cutoff:%Y-%m-%d}\n{body}{note}"
