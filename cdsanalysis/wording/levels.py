"""What the levels of a dataset are called: the top (tỉnh), its groups (huyện) and their units (xã).

A province before the 2025 reform groups its communes by district; after it, the province is its
own only group; a national office groups communes by province under the nation. So the level
words are data (`levels.csv` in a data folder, read by `cdsanalysis.data.levels`), and the
catalogue's sentences name levels through placeholders, filled here in one place:

| placeholder | default (vi / en) |
|---|---|
| ``{top}`` ``{Top}`` | tỉnh / province, Province |
| ``{All}`` ``{all}`` | Toàn tỉnh / Whole province, and lower-cased: toàn tỉnh / whole province |
| ``{group}`` ``{Group}`` ``{groups}`` ``{Groups}`` | huyện / district, districts |
| ``{unit}`` ``{Unit}`` ``{units}`` ``{Units}`` | xã / commune, communes |

`words(lang)` fills them with the levels in force (`using_levels`, set by the commands and the
render from their dataset; the defaults otherwise), so today's data read exactly as before.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

LEVELS = ("top", "group", "unit")
"""The three levels, from the whole (a province, a nation) down to the counted unit (a commune)."""


@dataclass(frozen=True)
class LevelNames:
    """One level's words in one language: ``singular``, ``plural`` and, for the top, ``all_of`` ("Toàn tỉnh")."""

    singular: str
    plural: str
    all_of: str = ""


@dataclass(frozen=True)
class Levels:
    """What each level is called in each language: ``names[(level, lang)]``."""

    names: tuple[tuple[tuple[str, str], LevelNames], ...] = field(default=())

    def get(self, level: str, lang: str) -> LevelNames:
        """The words of ``level`` in ``lang``, else the default's."""
        found = dict(self.names).get((level, lang))
        return found if found is not None else dict(DEFAULT_LEVELS.names)[(level, lang)]

    def placeholders(self, lang: str) -> dict[str, str]:
        """Each level placeholder of the catalogue and its text in ``lang``."""
        top, group, unit = (self.get(level, lang) for level in LEVELS)
        out = {"All": top.all_of, "all": _lower_first(top.all_of)}
        for name, words in (("top", top), ("group", group), ("unit", unit)):
            out[name], out[name + "s"] = words.singular, words.plural
            out[name.capitalize()], out[name.capitalize() + "s"] = _upper_first(words.singular), _upper_first(
                words.plural)
        return out

    @property
    def is_default(self) -> bool:
        return all(self.get(level, lang) == DEFAULT_LEVELS.get(level, lang) for level in LEVELS for lang in _LANGS)


def levels_of(rows: Mapping[tuple[str, str], LevelNames]) -> Levels:
    """`Levels` from a mapping (level, lang) -> words, in a stable order."""
    return Levels(tuple(sorted(rows.items())))


_LANGS = ("vi", "en")
DEFAULT_LEVELS = levels_of({
    ("top", "vi"): LevelNames("tỉnh", "tỉnh", "Toàn tỉnh"),
    ("group", "vi"): LevelNames("huyện", "huyện"),
    ("unit", "vi"): LevelNames("xã", "xã"),
    ("top", "en"): LevelNames("province", "provinces", "Whole province"),
    ("group", "en"): LevelNames("district", "districts"),
    ("unit", "en"): LevelNames("commune", "communes"),
})
"""A province, its districts and their communes: the bundled data's frame (and every folder without levels.csv)."""

_PLACEHOLDER = re.compile(r"\{(All|all|[Tt]ops?|[Gg]roups?|[Uu]nits?)\}")
_ACTIVE: list[Levels] = [DEFAULT_LEVELS]


def active_levels() -> Levels:
    """The levels `words` fills in now."""
    return _ACTIVE[-1]


def set_levels(levels: Levels | None) -> None:
    """Make ``levels`` (None: the defaults) the ones `words` fills in, for the rest of this process (a render's
    worker or kernel, which reports on one dataset)."""
    _ACTIVE[:] = [levels or DEFAULT_LEVELS]


@contextlib.contextmanager
def using_levels(levels: Levels | None) -> Iterator[None]:
    """`words` fills in ``levels`` (None: the defaults) inside the block, and what it filled in before after it."""
    _ACTIVE.append(levels or DEFAULT_LEVELS)
    try:
        yield
    finally:
        _ACTIVE.pop()


def fill(catalogue: Any, values: Mapping[str, str]) -> Any:
    """``catalogue`` with every level placeholder replaced (other placeholders, ``{n}``, are left for later)."""
    if isinstance(catalogue, str):
        return _PLACEHOLDER.sub(lambda match: values[match.group(1)], catalogue)
    if isinstance(catalogue, Mapping):
        return {key: fill(value, values) for key, value in catalogue.items()}
    if isinstance(catalogue, (list, tuple)):
        return type(catalogue)(fill(value, values) for value in catalogue)
    return catalogue


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
