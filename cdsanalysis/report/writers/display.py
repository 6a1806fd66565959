"""Plain-text tables for the terminal, aligned for Vietnamese names; their words are the catalogue's ``console``."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from cdsanalysis.data.names import display_name
from cdsanalysis.data.provenance import any_illustrative
from cdsanalysis.report.content.blocks import Table
from cdsanalysis.settings import PROVINCE_CODE
from cdsanalysis.wording import DEFAULT_LANG, status_label, words
from cdsanalysis.wording.formats import format_chance, format_date, format_percent


def format_table(rows: list[list[str]], header: list[str], right: set[int] = frozenset()) -> str:
    """Align columns; ``right`` holds the indices of right-aligned (numeric) columns."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(str(c).rjust(w) if i in right else str(c).ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=False))).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def table_text(table: Table) -> str:
    """A report table as aligned plain text (a notebook's text/plain, a terminal)."""
    header = [c.label for c in table.columns]
    right = {i for i, c in enumerate(table.columns) if c.num}
    return format_table([[c.text for c in row.cells] for row in table.rows], header, right=right)


def format_standing(table: pd.DataFrame, lang: str = DEFAULT_LANG, notes: Mapping[str, str] | None = None) -> str:
    """The progress table `cdsanalysis progress` prints: completed / total per district, the date of each
    district's figure and its kind; ``notes`` (district code → text, e.g. "no figure since 30/06/2024" for a
    district the latest round left behind) fill a last column when given."""
    text = words(lang)["console"]
    kinds = words(lang)["report"]["data_kind"]
    header = list(text["standing_columns"]) + ([text["standing_note_column"]] if notes else [])
    rows = []
    for r in table.itertuples(index=False):
        share = "" if pd.isna(r.share) else format_percent(r.share, lang)
        done = "—" if pd.isna(r.completed) else f"{r.completed}/{r.communes_total}"
        date = "" if pd.isna(r.observed_on) else format_date(r.observed_on, lang)
        kind = "+".join(kinds.get(part, part) for part in str(r.status or "").split("+")) if r.status else ""
        rows.append([r.district_code or "", r.short_name, done, share, date, kind]
                    + ([notes.get(r.district_code, "")] if notes else []))
    body = format_table(rows, header, right={2, 3})
    cutoff = table["observed_on"].max()
    note = ""
    if any_illustrative(table["status"]):
        note = "\n" + text["standing_note"]
    return f"{text['standing_title'].format(date=format_date(cutoff, lang))}\n{body}{note}"


def format_assessment(table: pd.DataFrame, as_of: pd.Timestamp, lang: str = DEFAULT_LANG,
                      long: bool = False) -> str:
    """The table `cdsanalysis forecast` prints.

    Wide by default: one row per district (and the province) with, for each deadline after
    ``as_of``, the target, P(meet) and status. ``long``: one row per target, past ones too.
    """
    head = words(lang)["console"]["columns"]
    done = table["completed"].map(lambda v: "—" if pd.isna(v) else str(int(v))) + "/" + \
        table["communes_total"].astype(str)
    name = table["district_name"].map(_short)
    if long:
        kinds = words(lang)["report"]["target_kind"]
        rows = [[code or "", n, d, format_date(dl, lang), str(t), kinds.get(k, k), format_chance(p, lang, status=st), s]
                for code, n, d, dl, t, k, p, st, s in zip(table["district_code"], name, done, table["deadline"],
                                                           table["target"], table["kind"], table["p_meet"],
                                                           table["status"], table["status"].map(
                                                               lambda s: status_label(s, lang)), strict=False)]
        return format_table(rows, [head[k] for k in ("code", "district", "completed", "deadline", "target", "kind",
                                                      "p_meet", "status")], right={2, 4, 6})
    future = table[table["deadline"] > as_of]
    deadlines = sorted(future["deadline"].unique())
    # Where a district has two targets on one deadline, show the stricter (larger) one.
    strict = future.sort_values("target", kind="stable").groupby(["district_code", "deadline"]).tail(1)
    cells = strict.set_index(["district_code", "deadline"])
    header = [head["code"], head["district"], head["completed"]]
    for deadline in deadlines:
        year = format_date(deadline, lang)
        header += [head["target_on"].format(date=year), head["p_meet"], head["status"]]
    rows = []
    firsts = table.drop_duplicates("district_code")
    province = firsts["district_code"] == PROVINCE_CODE
    order = pd.concat([firsts[~province], firsts[province]])
    for row in order.itertuples(index=False):
        line = [row.district_code or "", _short(row.district_name),
                ("—" if pd.isna(row.completed) else str(int(row.completed))) + f"/{row.communes_total}"]
        for deadline in deadlines:
            key = (row.district_code, deadline)
            if key in cells.index:
                cell = cells.loc[key]
                line += [str(int(cell["target"])), format_chance(cell["p_meet"], lang, status=cell["status"]),
                         status_label(cell["status"], lang)]
            else:
                line += ["—", "", ""]
        rows.append(line)
    right = {2} | {3 + 3 * i for i in range(len(deadlines))} | {4 + 3 * i for i in range(len(deadlines))}
    return format_table(rows, header, right=right)


def _short(name: str) -> str:
    return display_name(name) if name else ""
