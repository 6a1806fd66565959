"""The typed pieces a report is made of, before any writer sees them: headings, notices, sections,
tables, cells, charts.

Writers (`cdsanalysis.report.writers`) turn these into HTML, Word or plain text; nothing here knows
markup. A `Table`'s ``name`` gives it a fixed id, so pages stay byte-identical for nbval.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Cell:
    """One table cell: its text; right-aligned when ``num``; coloured by its machine ``status``."""

    text: str
    num: bool = False
    status: str | None = None
    href: str | None = None
    css: str = ""
    """Extra class of the cell (e.g. ``stale``: a figure a later round left behind)."""


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    css: str = ""


@dataclass(frozen=True)
class Column:
    label: str
    num: bool = False


@dataclass(frozen=True)
class Table:
    """A table for a page: ``name`` gives it a fixed id (stable HTML for nbval)."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Chart:
    """A chart for a page: the wide PNG, and a narrower one that phones get instead."""

    wide: bytes
    alt: str
    compact: bytes | None = None
    caption: str = ""

    def context(self) -> dict[str, Any]:
        """What ``parts.html.j2`` needs (no pixel width: it varies with the fonts; the stylesheet sizes it)."""
        return {"wide": data_uri(self.wide), "compact": data_uri(self.compact) if self.compact else None,
                "alt": self.alt, "caption": self.caption}


def data_uri(png: bytes) -> str:
    """A PNG inlined in the page, so the file opens offline and travels alone."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@dataclass(frozen=True)
class Heading:
    """A report's title and its date line."""

    title: str
    as_of_line: str


@dataclass(frozen=True)
class Notice:
    """A warning a reader must see before the figures: ``kind`` is ``"stale"`` (old data), ``""``
    (illustrative figures) or ``"official"`` (the sources line); ``items`` list what it concerns."""

    kind: str
    title: str
    items: tuple[str, ...] = ()
    end: str = ""


@dataclass(frozen=True)
class Section:
    """One section of a report below its heading and notices: what every writer lays out in turn."""

    id: str
    heading: str
    paragraphs: tuple[str, ...] = ()
    chart: Chart | None = None
    table: Table | None = None
    notes: tuple[str, ...] = ()
