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
from cdsanalysis.wording.messages import said

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
            add("", column, "", "missing_column", said("levels_missing_column", column=column, name=Path(file).name,
                                                       columns=", ".join(COLUMNS), example=example))
    for column in raw.columns:
        if column not in COLUMNS:
            add("", column, column, "known_column", said("levels_unknown_column", column=column,
                                                         columns=", ".join(COLUMNS)))
    found: dict[tuple[str, str], LevelNames] = {}
    rows: dict[tuple[str, str], object] = {}
    if not failures:
        for row, cells in raw.iterrows():
            level, lang = cells.get("level", ""), cells.get("lang", "")
            if level not in LEVELS:
                add(row, "level", level, "known_level", said("levels_unknown_level", level=level,
                                                             levels=", ".join(LEVELS)))
            if lang not in LANGS:
                add(row, "lang", lang, "known_lang", said("levels_unknown_lang", lang=lang, langs=", ".join(LANGS)))
            words = {}
            for column in ("singular", "plural", "all_of"):
                text = cells.get(column, "")
                problem = text_problem(text, MAX_LEVEL_WORDS)
                if starts_like_formula(text):
                    problem = said("levels_formula")
                if problem:
                    add(row, column, text, "text", said("levels_text", text=text, problem=problem))
                words[column] = text
            if not words["singular"]:
                add(row, "singular", "", "not_empty", said("levels_empty_name"))
            if level == "top" and not words["all_of"]:
                add(row, "all_of", "", "not_empty", said("levels_no_all_of"))
            if (level, lang) in rows:
                add(row, "level", level, "unique", said("levels_second_row", level=level, lang=lang,
                                                        first=rows[(level, lang)]))
            rows.setdefault((level, lang), row)
            found[(level, lang)] = LevelNames(words["singular"], words["plural"] or words["singular"],
                                              words["all_of"])
        for level in LEVELS:
            for lang in LANGS:
                if (level, lang) not in found:
                    default = DEFAULT_LEVELS.get(level, lang)
                    example = f"{level},{lang},{default.singular},{default.plural},{default.all_of}"
                    add("", "level", level, "complete", said("levels_no_row", level=level, lang=lang, example=example))
    if failures:
        raise DataValidationError(pd.DataFrame(failures, columns=FAILURE_COLUMNS),
                                  title=said("invalid_file", name=LEVELS_FILE))
    return levels_of(found)
