"""The optional levels.csv of a data folder: what its top, group and unit levels are called.

A province before the 2025 reform counts communes by district (tỉnh / huyện / xã); after it the
province is its own only group; a national office groups communes by province under the nation
(quốc gia / tỉnh / xã). A folder without the file is read with the defaults (tỉnh / huyện / xã,
province / district / commune), so today's data render as before. One row per level and language:

    level,lang,singular,plural,all_of
    top,vi,quốc gia,quốc gia,Cả nước
    group,vi,tỉnh,tỉnh,
    ...

Every level in every language is required (a missing one would fall back to "huyện" mid-report),
and names are checked like unit names (`cdsanalysis.data.limits`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from cdsanalysis.data.formulas import starts_like_formula
from cdsanalysis.data.io import read_text_table
from cdsanalysis.data.limits import text_problem
from cdsanalysis.exceptions import FAILURE_COLUMNS, DataValidationError
from cdsanalysis.wording import LANGS
from cdsanalysis.wording.levels import DEFAULT_LEVELS, LEVELS, LevelNames, Levels, levels_of

LEVELS_FILE = "levels.csv"
COLUMNS = ("level", "lang", "singular", "plural", "all_of")
REQUIRED = ("level", "lang", "singular")
MAX_LEVEL_WORDS = 40
"""Longest level name in characters ("đơn vị hành chính cấp tỉnh" is 26)."""


def levels_path(directory: str | os.PathLike) -> Path:
    return Path(directory) / LEVELS_FILE


def load_levels(directory: str | os.PathLike) -> Levels:
    """The levels of the folder's levels.csv, validated; the defaults when the folder has none."""
    path = levels_path(directory)
    if not path.exists() and not path.is_symlink():
        return DEFAULT_LEVELS
    return validate_levels(read_text_table(path), str(path))


def validate_levels(raw: pd.DataFrame, file: str) -> Levels:
    """`Levels` from the text table of a levels.csv (index = the file's line); one error listing every problem."""
    failures: list[dict] = []

    def add(row, column, value, check, message):
        failures.append(dict(file=file, row=row, column=column, value=str(value), check=check, message=message))

    top = DEFAULT_LEVELS.get("top", "en")
    example = f"top,en,{top.singular},{top.plural},{top.all_of}"
    for column in REQUIRED:
        if column not in raw.columns:
            add("", column, "", "missing_column", f"missing column '{column}'; {Path(file).name} has the columns "
                f"{', '.join(COLUMNS)}, one row per level and language, e.g. {example}")
    for column in raw.columns:
        if column not in COLUMNS:
            add("", column, column, "known_column", f"unknown column '{column}'; the columns are {', '.join(COLUMNS)}")
    found: dict[tuple[str, str], LevelNames] = {}
    rows: dict[tuple[str, str], object] = {}
    if not failures:
        for row, cells in raw.iterrows():
            level, lang = cells.get("level", ""), cells.get("lang", "")
            if level not in LEVELS:
                add(row, "level", level, "known_level", f"level '{level}' is none of {', '.join(LEVELS)} (top: the "
                    "whole, e.g. the province; group: what reports are made for, e.g. a district; unit: what is "
                    "counted, e.g. a commune)")
            if lang not in LANGS:
                add(row, "lang", lang, "known_lang", f"language '{lang}' is none of {', '.join(LANGS)}")
            words = {}
            for column in ("singular", "plural", "all_of"):
                text = cells.get(column, "")
                problem = text_problem(text, MAX_LEVEL_WORDS)
                if starts_like_formula(text):
                    problem = "starts like a spreadsheet formula; write the word itself"
                if problem:
                    add(row, column, text, "text", f"'{text}' {problem}")
                words[column] = text
            if not words["singular"]:
                add(row, "singular", "", "not_empty", "the level's name is empty; write it as it reads in a "
                    "sentence, e.g. 'district'")
            if level == "top" and not words["all_of"]:
                add(row, "all_of", "", "not_empty", "the top level needs 'all_of', the row label of the whole, "
                    "e.g. 'Whole province' or 'Whole nation'")
            if (level, lang) in rows:
                add(row, "level", level, "unique", f"a second row for level '{level}' in '{lang}' (the first is "
                    f"row {rows[(level, lang)]}); keep one")
            rows.setdefault((level, lang), row)
            found[(level, lang)] = LevelNames(words["singular"], words["plural"] or words["singular"],
                                              words["all_of"])
        for level in LEVELS:
            for lang in LANGS:
                if (level, lang) not in found:
                    default = DEFAULT_LEVELS.get(level, lang)
                    add("", "level", level, "complete", f"no row for level '{level}' in '{lang}'; every level needs "
                        f"a row in each language, e.g. {level},{lang},{default.singular},{default.plural},"
                        f"{default.all_of}")
    if failures:
        raise DataValidationError(pd.DataFrame(failures, columns=FAILURE_COLUMNS), title=f"invalid {LEVELS_FILE}")
    return levels_of(found)
