"""Every HTML page a run writes comes from the Jinja2 templates in ``templates/``, autoescaped.

Names and codes arrive in spreadsheets e-mailed from district offices, so every value that
reaches a page goes through Jinja2's autoescaping: no page is built by string formatting.
Callers pass plain data (`Table`, `Cell`, dicts of text); the templates decide the markup.
The one piece of trusted HTML is the body nbconvert exports from an executed notebook,
whose outputs are themselves these templates' fragments, PNG images or escaped text.
"""

from __future__ import annotations

import base64
import functools
from dataclasses import dataclass, field
from typing import Any

from cdsanalysis.report.display import format_table
from cdsanalysis.report.text import STATUS_COLORS


@dataclass(frozen=True)
class Cell:
    """One table cell: its text; right-aligned when ``num``; coloured by its machine ``status``."""

    text: str
    num: bool = False
    status: str | None = None
    href: str | None = None


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

    def to_text(self) -> str:
        """The same table as aligned plain text (a notebook's text/plain, a terminal)."""
        header = [c.label for c in self.columns]
        right = {i for i, c in enumerate(self.columns) if c.num}
        return format_table([[c.text for c in row.cells] for row in self.rows], header, right=right)


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


@dataclass(frozen=True)
class HtmlPart:
    """A rendered piece of a report: HTML for notebooks and pages, plain text for terminals."""

    html: str
    text: str = field(default="")
    png: bytes | None = field(default=None, repr=False)

    def _repr_html_(self) -> str:
        return self.html

    def _repr_png_(self) -> bytes | None:
        return self.png

    def __repr__(self) -> str:
        return self.text


def data_uri(png: bytes) -> str:
    """A PNG inlined in the page, so the file opens offline and travels alone."""
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@functools.cache
def environment():
    """The Jinja2 environment of the package's templates: autoescape always on, undefined is an error."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("cdsanalysis.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.globals["status_colors"] = STATUS_COLORS
    return env


def render_template(name: str, **context: Any) -> str:
    """``templates/<name>`` rendered with ``context`` (every value escaped unless it is markup)."""
    return environment().get_template(name).render(**context)


def html_page(title: str, body: str, lang: str) -> str:
    """A whole offline page around ``body``, HTML that nbconvert exported from an executed notebook."""
    from markupsafe import Markup

    return render_template("page.html.j2", title=title, body=Markup(body), lang=lang)
