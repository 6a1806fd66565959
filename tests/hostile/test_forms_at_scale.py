"""Issue 20, U3: the form `template` writes is one `import` reads, at any size `synthetic` makes.

For 5,000 districts the form ran to 5,008 rows while import read at most 5,000: the office filled in a
form the same tool then refused. Now the sheet limit holds such a form, and `template` itself refuses a
data folder whose form would not fit, rather than writing one.
"""

from __future__ import annotations

import pytest

from cdsanalysis.cli import main
from cdsanalysis.data import form
from cdsanalysis.data.bundled import REPOSITORY_DATA


@pytest.mark.slow
def test_the_form_for_5000_districts_imports(tmp_path, capsys):
    from openpyxl import load_workbook

    data, blank, filled = tmp_path / "data", tmp_path / "form.xlsx", tmp_path / "filled.xlsx"
    assert main(["synthetic", "--districts", "5000", "--out", str(data)]) == 0
    assert main(["template", "--data", str(data), "--out", str(blank), "--as-of", "2024-12-31"]) == 0
    workbook = load_workbook(blank)
    sheet = workbook.active
    first, last = form.HEADER_ROW + 1, form.HEADER_ROW + 5000
    for row in (first, last):  # the first and the last district report; the others are left blank
        sheet.cell(row, form.COUNT_COLUMN, 1)
    workbook.save(filled)
    capsys.readouterr()
    code = main(["import", str(filled), "--out", str(data), "--dry-run", "--lang", "en"])
    output = "".join(capsys.readouterr())
    assert code == 0, output
    assert "4998 district(s) did not report" in output
    assert "… and 4948 more" in output  # the blanks are named up to the listing limit, then counted
    assert "Huyện Mẫu 5000" not in output.split("did not report")[1]


def test_template_refuses_a_form_import_would_refuse(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(form, "MAX_SHEET_ROWS", 30)  # 27 districts + 8 rows of title, header and total
    out = tmp_path / "form.xlsx"
    code = main(["template", "--data", str(REPOSITORY_DATA), "--out", str(out), "--as-of", "2024-12-31"])
    output = "".join(capsys.readouterr())
    assert code == 1, output
    assert "27 districts make a form of 35 rows" in output and "split the data folder" in output
    assert not out.exists()
