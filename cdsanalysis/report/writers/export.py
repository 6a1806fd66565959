"""HTML and PNG from an executed district notebook (what each worker does after papermill).

The page shows the notebook's outputs only (inputs, the parameters cells and cells tagged
``remove-cell`` hidden), inside the run's shared offline page (`cdsanalysis.report.writers.html`);
the PNG is the chart shown in the cell tagged ``trajectory-chart``, for Word reports.
"""

from __future__ import annotations

import base64
import functools

from cdsanalysis.report.writers.html import html_page
from cdsanalysis.wording import DEFAULT_LANG

CHART_TAG = "trajectory-chart"
HIDDEN_TAGS = {"remove-cell", "parameters", "injected-parameters"}


@functools.cache
def exporter():
    """One HTML exporter per process: building one compiles its templates (~50 ms)."""
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    made = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                        exclude_output_prompt=True)
    made.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=HIDDEN_TAGS, enabled=True), enabled=True)
    return made


def notebook_html(notebook, title: str, lang: str = DEFAULT_LANG) -> str:
    """A self-contained page of an executed notebook: outputs only, no external script or stylesheet."""
    body, _ = exporter().from_notebook_node(notebook)
    return html_page(title, body, lang)


def chart_png(notebook) -> bytes | None:
    """The PNG shown in the cell tagged ``trajectory-chart`` (None when there is none)."""
    for cell in notebook.cells:
        if CHART_TAG not in cell.get("metadata", {}).get("tags", []):
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                return base64.b64decode(data["image/png"])
    return None
