"""The report as a Word document (.docx): the form in which reports travel in a provincial office.

`write_report_docx` writes what a district's (or the province's) page shows — title, as-of date,
the notices (stale data, illustrative figures), where the unit stands, the chart, the tables and
the method notes — as an editable A4 document: real Word headings, paragraphs and tables (not
pictures of them), so an officer can cut, annotate and paste it into a dispatch. It reads the
same parts the HTML page is made of (`cdsanalysis.report.content.sections`), so the Word file and the
page never say different things.

Layout follows the usual administrative document: A4 portrait, 2 cm margins (3 cm on the
binding side), Times New Roman 13 pt with Vietnamese as the proofing language, page numbers in
the footer, table header rows repeated on every page, a heading never left alone at the foot of
a page, a short table kept on one page.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from cdsanalysis.data.io import atomic_write_bytes
from cdsanalysis.report.content.charts import labels
from cdsanalysis.report.content.sections import heading_context, notices, report_parts, section_context
from cdsanalysis.report.content.text import STATUS_COLORS
from cdsanalysis.wording import words
from cdsanalysis.wording.formats import format_date

if TYPE_CHECKING:  # pragma: no cover
    from docx.document import Document
    from docx.table import Table as WordTable

    from cdsanalysis.report.content.blocks import Notice, Table
    from cdsanalysis.report.content.district import DistrictReport

FONT = "Times New Roman"
FONT_SIZE = 13
TABLE_FONT_SIZE = 10
HEADER_FILL = "1F5FA8"
NOTICE_FILL = {"official": "EEF3F8", "stale": "FFF1C2", "": "FFF4E5"}
"""Shading of a notice box by its kind (as on the page): sources line, stale data, illustrative figures."""
KEEP_TOGETHER_ROWS = 15
"""A table up to this many rows stays on one page with its heading; a longer one may break (header repeated)."""
STYLE_IDS = {"Title": "Title", "Heading 1": "Heading1", "List Bullet": "ListBullet", "Caption": "Caption"}
"""Style name -> its id in python-docx's default template (setting the id directly skips a slow lookup)."""


# ---- the XML python-docx has no API for ---------------------------------------------------------

def _element(tag: str, **attributes: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    return element


def _shade(cell, fill: str) -> None:
    """Background colour of a table cell."""
    cell._tc.get_or_add_tcPr().append(_element("w:shd", val="clear", color="auto", fill=fill.lstrip("#").upper()))


def _page_field(paragraph, instruction: str) -> None:
    """A PAGE / NUMPAGES field: Word fills in the number when it lays the page out."""
    run = paragraph.add_run()
    run._r.append(_element("w:fldChar", fldCharType="begin"))
    text = _element("w:instrText")
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    run._r.append(_element("w:fldChar", fldCharType="separate"))
    paragraph.add_run("1")._r.append(_element("w:fldChar", fldCharType="end"))


def _paragraph(document: Document, style: str | None = None, text: str = ""):
    paragraph = document.add_paragraph(text)
    if style is not None:
        paragraph._p.style = STYLE_IDS[style]
    return paragraph


def _word_table(document: Document, rows: int, cols: int) -> WordTable:
    table = document.add_table(rows=rows, cols=cols)
    table._tbl.tblStyle_val = "TableGrid"
    return table


def _keep_rows(table: WordTable) -> None:
    """Header row repeated on each page; no row split across pages; a short table kept on one page."""
    short = len(table.rows) <= KEEP_TOGETHER_ROWS
    for i, row in enumerate(table.rows):
        properties = row._tr.get_or_add_trPr()
        properties.append(_element("w:cantSplit"))
        if i == 0:
            properties.append(_element("w:tblHeader"))
        if short and i < len(table.rows) - 1:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


def _setup(document: Document, lang: str) -> None:
    """A4 portrait, margins, the body font with the report's proofing language, numbered footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(2.0)
    language = words(lang)["document_language"]
    for name in ("Normal", "Title", "Heading 1", "Caption", "List Bullet"):
        style = document.styles[name]
        properties = style.element.get_or_add_rPr()
        fonts = properties.get_or_add_rFonts()
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attribute), None)  # a theme font would override the one named here
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
        properties.append(_element("w:lang", val=language))
    document.styles["Normal"].font.size = Pt(FONT_SIZE)
    document.styles["Title"].font.size = Pt(18)
    document.styles["Heading 1"].font.size = Pt(15)
    for name in ("Title", "Heading 1"):
        document.styles[name].font.color.rgb = RGBColor.from_string(HEADER_FILL)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(words(lang)["document"]["page"])
    _page_field(footer, "PAGE")
    footer.add_run(words(lang)["document"]["of"])
    _page_field(footer, "NUMPAGES")


# ---- the parts of a report ------------------------------------------------------------------------

def _notice(document: Document, notice: Notice) -> None:
    """A notice as a shaded one-cell box: its title in bold, its items as bullets, its closing line."""
    from docx.shared import Pt

    cell = _word_table(document, rows=1, cols=1).rows[0].cells[0]
    _shade(cell, NOTICE_FILL.get(notice.kind, NOTICE_FILL[""]))
    title = cell.paragraphs[0]
    title.add_run(notice.title).bold = notice.kind != "official"
    for line in [f"• {item}" for item in notice.items] + ([notice.end] if notice.end else []):
        paragraph = cell.add_paragraph(line)
        paragraph.paragraph_format.space_before = Pt(2)
    document.add_paragraph()


def _table(document: Document, table: Table) -> None:
    """A report table as a Word table: blue header row, numbers right-aligned, status cells coloured."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    word = _word_table(document, rows=1, cols=len(table.columns))
    for cell, column in zip(word.rows[0].cells, table.columns, strict=False):
        run = cell.paragraphs[0].add_run(column.label)
        run.bold, run.font.size = True, Pt(TABLE_FONT_SIZE)
        run.font.color.rgb = RGBColor.from_string("FFFFFF")
        _shade(cell, HEADER_FILL)
    for row in table.rows:
        for cell, value in zip(word.add_row().cells, row.cells, strict=False):
            paragraph = cell.paragraphs[0]
            run = paragraph.add_run(value.text)
            run.font.size = Pt(TABLE_FONT_SIZE)
            if value.num:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if value.status in STATUS_COLORS:
                fill, ink = STATUS_COLORS[value.status]
                _shade(cell, fill)
                run.font.color.rgb = RGBColor.from_string(ink.lstrip("#").upper())
    _keep_rows(word)
    document.add_paragraph()


def _chart(document: Document, png: bytes, title: str, lang: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm

    document.add_picture(io.BytesIO(png), width=Cm(16.0))
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.keep_with_next = True
    _paragraph(document, "Caption", words(lang)["document"]["figure"].format(title=title))


def _section(document: Document, report: DistrictReport, name: str, chart_png: bytes | None) -> None:
    """One section of the page: heading, paragraphs, the chart or a table, notes as bullets."""

    if name == "trajectory":  # the chart is the wide PNG, drawn once (no compact one needed here)
        _paragraph(document, "Heading 1", report.text["trajectory"])
        title = labels(report.lang)["trajectory_title"].format(name=report.district_name)
        _chart(document, chart_png if chart_png is not None else report.chart_png(), title, report.lang)
        return
    section = section_context(report, name)
    _paragraph(document, "Heading 1", section.heading)
    for text in section.paragraphs:
        _paragraph(document, text=text)
    if section.table is not None and section.table.rows:
        _table(document, section.table)
    for note in section.notes:
        _paragraph(document, "List Bullet", note.replace("`", ""))  # code marks mean nothing on paper


def report_document(report: DistrictReport, chart_png: bytes | None = None) -> Document:
    """The Word document of ``report`` (not yet saved): the parts of its page, in the page's order."""
    from docx import Document as new_document

    lang = report.lang
    document = new_document()
    _setup(document, lang)
    heading = heading_context(report)
    _paragraph(document, "Title", heading.title)
    _paragraph(document, text=heading.as_of_line)
    for notice in notices(report):
        _notice(document, notice)
    for name in report_parts(report):
        if name not in ("heading", "provenance"):
            _section(document, report, name, chart_png)
    made_by = words(lang)["document"]["made_by"].format(date=format_date(report.as_of, lang))
    _paragraph(document).add_run(made_by).italic = True
    properties = document.core_properties
    properties.title = heading.title
    properties.author = properties.last_modified_by = "cdsanalysis"
    properties.language = words(lang)["document_language"]
    properties.comments = ""
    return document


def write_report_docx(report: DistrictReport, path: str | os.PathLike, chart_png: bytes | None = None) -> Path:
    """Write ``report`` as an editable A4 Word document at ``path`` (atomically); returns the path.

    ``chart_png``: the chart already drawn (the renderer has it); default: the report's own.
    """
    buffer = io.BytesIO()
    report_document(report, chart_png).save(buffer)
    return atomic_write_bytes(path, buffer.getvalue())
