"""Re-execute the committed notebooks in place, deterministically (`make notebooks`).

Each notebook runs top to bottom in a fresh `python3` kernel started in `notebooks/` (as
nbval does), with its outputs cleared first; timing metadata are not recorded, so the
only differences from the previous commit are real ones. Run after a deliberate change
to the package, the data or a notebook, then commit the notebooks with their outputs.

    .venv/bin/python scripts/execute_notebooks.py                # all of them
    .venv/bin/python scripts/execute_notebooks.py explore        # only notebooks/explore.ipynb
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
ORDER = ["explore", "district_forecast", "backtest"]
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def execute(path: Path) -> None:
    """Clear, execute and write back one notebook; stops with the failing cell's error."""
    notebook = nbformat.read(path, as_version=4)
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    notebook.metadata.pop("papermill", None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    client = NotebookClient(notebook, kernel_name="python3", timeout=600, record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    notebook.metadata["language_info"] = {"name": "python"}  # no interpreter version: same on every machine
    text = nbformat.writes(notebook)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def main(argv: list[str]) -> int:
    wanted = argv or [name for name in ORDER if (NOTEBOOKS / f"{name}.ipynb").exists()]
    for name in wanted:
        path = NOTEBOOKS / (name if name.endswith(".ipynb") else f"{name}.ipynb")
        start = time.perf_counter()
        execute(path)
        print(f"{path.relative_to(NOTEBOOKS.parent)}: executed in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
