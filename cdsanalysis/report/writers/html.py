"""Every HTML page a run writes comes from the Jinja2 templates in ``templates/``, autoescaped.

Names and codes arrive in spreadsheets e-mailed from district offices, so every value that
reaches a page goes through Jinja2's autoescaping: no page is built by string formatting.
Callers pass plain data (`cdsanalysis.report.content.blocks`, dicts of text); the templates decide the
markup. `part` and `report_page` write a report's parts: the template notebook shows one per cell, the
province page puts them all into ``report.html.j2``.
The one piece of trusted HTML is the body nbconvert exports from an executed notebook,
whose outputs are themselves these templates' fragments, PNG images or escaped text.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from cdsanalysis.report.content.district import DistrictReport
from cdsanalysis.report.content.sections import heading_context, notices, report_parts, section_context
from cdsanalysis.report.content.text import STATUS_COLORS
from cdsanalysis.report.writers.display import table_text


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


@functools.cache
def environment():
    """The Jinja2 environment of the package's templates: autoescape always on, undefined is an error."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("cdsanalysis.report.writers", "templates"),
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


def part(report: DistrictReport, name: str) -> HtmlPart:
    """One part of the report, for a notebook cell (the district page is the export of these cells)."""
    if name == "heading":
        heading = heading_context(report)
        return HtmlPart(render_template("fragment.html.j2", kind="heading", title=heading.title,
                                        as_of_line=heading.as_of_line), f"{heading.title}\n{heading.as_of_line}")
    if name == "provenance":
        found = notices(report)
        html = "".join(render_template("fragment.html.j2", kind="notice", notice=n) for n in found)
        return HtmlPart(html, "\n".join(line for n in found for line in (n.title, *n.items, n.end) if line))
    s = section_context(report, name)
    html = render_template("fragment.html.j2", kind="section", section=s)
    text = "\n".join([s.heading, *s.paragraphs, *([table_text(s.table)] if s.table else []), *s.notes])
    return HtmlPart(html, text, png=report.chart_png() if name == "trajectory" else None)


def report_page(report: DistrictReport, back: dict[str, str] | None = None) -> str:
    """The whole report as one offline page (the province page; districts come through their notebook)."""
    heading = heading_context(report)
    sections = [section_context(report, name) for name in report_parts(report)[2:]]
    return render_template("report.html.j2", lang=report.lang, title=heading.title, heading=heading,
                           notices=notices(report), sections=sections,
                           back=back)
