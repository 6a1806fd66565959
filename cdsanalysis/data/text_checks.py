"""Checks on what the tables' text holds: names, codes and notes, the characters and sizes they may have.

Split from `cdsanalysis.data.schema` (which runs them): these rules come from the trust boundary
(codes become file names, names go into web pages and Excel), not from the tables' meaning.
``failures`` is the schema's failure collector (anything with ``add(file, row, column, value,
check, message)``).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from cdsanalysis.data.dates import text_date
from cdsanalysis.data.formulas import starts_like_formula
from cdsanalysis.data.limits import MAX_NAME_LENGTH, MAX_TEXT_LENGTH, is_safe_code, text_problem
from cdsanalysis.data.names import canonical_tone, strip_prefix
from cdsanalysis.wording.messages import said


def value_message(column: str, value: object, rule: str) -> str:  # a `Message` when ``rule`` is one
    """The rule a cell broke, quoting the cell (shortened), and what exactly is wrong with text."""
    text = "" if value is None else str(value)
    limit = MAX_NAME_LENGTH if column.endswith("_name") else MAX_TEXT_LENGTH
    problem = text_problem(text, limit) if column.endswith("_name") or column in ("source", "note") else None
    if problem:
        return said("column_problem", column=column, problem=problem)
    shown = text if len(text) <= 60 else text[:57] + "..."
    date = text_date(text) if column in ("as_of", "deadline") else None
    fix = said("write_iso", date=date) if date is not None else ""
    return said("rule_found", rule=rule, shown=shown, fix=fix)


def check_text_columns(columns: Iterable[str], frame: pd.DataFrame, file: str, failures) -> set:
    """Optional name and note columns follow the same character rules as the required ones."""
    bad_rows: set = set()
    for column in columns:
        if column not in frame.columns:
            continue
        limit = MAX_NAME_LENGTH if column.endswith(("_name", "_type")) else MAX_TEXT_LENGTH
        for row, value in frame[column].items():
            problem = text_problem(value, limit)
            if problem:
                failures.add(file, row, column, value, "text", said("column_problem", column=column, problem=problem))
                bad_rows.add(row)
    return bad_rows


def check_formula_cells(columns: Iterable[str], frame: pd.DataFrame, file: str, failures) -> None:
    """Refuse a text cell that a spreadsheet would evaluate (``=HYPERLINK(...)``, ``@SUM(...)``, ``+cmd|...``).

    progress.csv is the CSV an analyst opens in Excel; `import` writes such text with a leading
    apostrophe (`cdsanalysis.data.formulas.csv_safe`), so only a hand edit can bring one in.
    """
    for column in columns:
        if column not in frame.columns:
            continue
        for row, value in frame[column].items():
            if starts_like_formula(value):
                failures.add(file, row, column, value, "formula",
                             said("formula", column=column, first=value[:1]))


def check_unit_names(units: pd.DataFrame, file: str, failures) -> None:
    """Two districts, or two communes of one district, may not share a name up to case, tone placement and prefix.

    "Huyện Hoằng Hoá" and "hoằng hóa" are one name to a reader and to the name look-up; two
    units spelt so could never be told apart in a spreadsheet or on the command line. (Names
    that differ only by accents, "Hoằng Phú" and "Hoằng Phụ", are distinct and allowed.)
    """
    districts = units.drop_duplicates("district_code")
    keys = districts["district_name"].map(_spelling)
    for _key, rows in districts.groupby(keys, sort=False):
        if len(rows) > 1:
            listed = ", ".join(f"{c} '{n}'" for c, n in zip(rows["district_code"], rows["district_name"], strict=False))
            for row, name in rows["district_name"].iloc[1:].items():
                failures.add(file, row, "district_name", name, "unique_name",
                             said("same_district_name", listed=listed))
    commune_keys = units["commune_name"].map(_spelling)
    repeated = units[commune_keys.duplicated(keep=False) & units.assign(k=commune_keys)
                     .duplicated(["district_code", "k"], keep=False)]
    for (code, _), rows in repeated.groupby([repeated["district_code"], commune_keys[repeated.index]]):
        first = rows.index[0]
        for row, name in rows["commune_name"].iloc[1:].items():
            failures.add(file, row, "commune_name", name, "unique_name",
                         said("same_commune_name", code=code, row=first, first=units.at[first, "commune_name"]))


def _spelling(name: str) -> str:
    return strip_prefix(canonical_tone(name)).casefold()


def units_usable(units: pd.DataFrame, bad_rows: set) -> bool:
    """A units list whose codes or names are unsafe cannot frame the other tables' checks."""
    rows = units.loc[sorted(r for r in bad_rows if r != "*")]
    codes_ok = rows["district_code"].map(is_safe_code) & rows["commune_code"].map(is_safe_code)
    names_ok = rows["district_name"].map(lambda v: bool(v) and text_problem(v) is None)
    return bool((codes_ok & names_ok).all())
