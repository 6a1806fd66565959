"""The Word report: opened with python-docx, it has the title, the as-of date, the caveat, the chart,
the tables and the method notes, on A4, editable (real paragraphs and tables)."""

from __future__ import annotations

import struct
import zlib

import docx
import pytest
from docx.shared import Cm

from cdsanalysis.exceptions import CdsAnalysisError
from cdsanalysis.report.run.notebook import build_district_report
from cdsanalysis.report.writers.word import report_document, write_report_docx
from cdsanalysis.wording import words
from tests.builders import small_tables, write_tables

VI, EN = words("vi")["report"], words("en")["report"]
"""The report's words: tests name them by key, never by copied text."""


def _png(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG (white RGB)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\xff" * 3 * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PNG = _png()
"""A tiny picture: the layout does not depend on the picture, and drawing the real chart costs a second."""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return write_tables(tmp_path_factory.mktemp("word") / "data", small_tables())


@pytest.fixture(scope="module")
def report(data_dir):
    return build_district_report("901", data_dir=data_dir, draws=100, seed=3)


def _text(document: docx.document.Document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_document_has_title_date_caveat_chart_tables_and_notes(report, tmp_path):
    path = write_report_docx(report, tmp_path / "901.docx", chart_png=PNG)
    document = docx.Document(str(path))
    title = document.paragraphs[0]
    assert title.style.name == "Title" and title.text == VI["heading"].format(name="Huyện An Bình")
    text = _text(document)
    assert VI["as_of"].format(date="01/01/2024") in text
    assert VI["illustrative_title"] in text  # the provenance caveat, in a shaded box
    assert len(document.inline_shapes) == 1  # the chart
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == [VI["standing"], VI["trajectory"]] and headings[-1] == VI["method"]
    columns = VI["columns"]
    targets = next(t for t in document.tables if t.rows[0].cells[0].text == columns["deadline"] and len(t.rows) == 3)
    header = [cell.text for cell in targets.rows[0].cells]
    assert columns["p_meet"] in header and columns["status"] in header
    assert [row.cells[0].text for row in targets.rows[1:]] == ["31/12/2023", "31/12/2024"]
    assert targets.rows[1].cells[header.index(columns["status"])].text == words("vi")["status"]["achieved_late"]
    assert any(p.style.name == "List Bullet" for p in document.paragraphs)  # the method notes
    assert document.core_properties.title == title.text


def test_the_page_is_a4_and_tables_repeat_their_header_row(report):
    document = report_document(report, chart_png=PNG)
    section = document.sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01) and abs(section.page_height - Cm(29.7)) < Cm(0.01)
    assert section.page_width > section.page_height * 0.7  # portrait
    for table in document.tables[1:]:  # the first table is the caveat box
        assert table.rows[0]._tr.trPr.xpath("./w:tblHeader"), "header row must repeat on each page"
    assert "PAGE" in section.footer.paragraphs[0]._p.xml  # page numbers


def test_status_cells_take_the_status_colour_not_the_label(report):
    from cdsanalysis.report.content.text import STATUS_COLORS

    document = report_document(report, chart_png=PNG)
    columns = VI["columns"]
    targets = next(t for t in document.tables if t.rows[0].cells[0].text == columns["deadline"] and len(t.rows) == 3)
    column = [cell.text for cell in targets.rows[0].cells].index(columns["status"])
    fill = targets.rows[1].cells[column]._tc.tcPr.xpath("./w:shd/@w:fill")
    assert fill == [STATUS_COLORS["achieved_late"][0].lstrip("#").upper()]


def test_english_report_and_the_real_chart(data_dir, tmp_path):
    english = build_district_report("902", data_dir=data_dir, draws=100, seed=3, lang="en")
    document = docx.Document(str(write_report_docx(english, tmp_path / "902.docx")))
    text = _text(document)
    assert document.paragraphs[0].text == EN["heading"].format(name="Huyện Bình Minh")
    assert EN["as_of"].format(date="2024-01-01") in text and EN["method"] in text
    assert VI["columns"]["deadline"] not in text
    blip = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    image = document.part.related_parts[blip.embed].blob
    assert image.startswith(b"\x89PNG") and image == english.chart_png()  # drawn when not given


def test_a_report_in_an_unknown_language_is_refused(report):
    from dataclasses import replace

    with pytest.raises(CdsAnalysisError, match="lang"):
        report_document(replace(report, lang="fr"), chart_png=PNG)


def test_the_province_report_as_a_word_document(data_dir, tmp_path):
    from cdsanalysis.report.content.province import build_province_report

    province = build_province_report(data_dir=data_dir, draws=100, seed=3)
    document = docx.Document(str(write_report_docx(province, tmp_path / "province.docx", chart_png=PNG)))
    assert VI["province"] in document.paragraphs[0].text and "01/01/2024" in document.paragraphs[1].text
    assert len(document.inline_shapes) == 1
    targets = next(t for t in document.tables if t.rows[0].cells[0].text == VI["columns"]["deadline"])
    assert [row.cells[0].text for row in targets.rows[1:]] == ["31/12/2024"]
