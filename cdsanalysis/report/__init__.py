"""Reports out, in three sub-layers whose imports run one way: run → writers → content.

- `content/`: what a report says (the report's facts, province arithmetic, typed blocks, chart specs);
  no files, no markup.
- `writers/`: how it is written out (HTML, Word, Excel, the terminal); they render content and own no
  words (those are `cdsanalysis.wording`'s).
- `run/`: how a batch runs (the renderer, jobs, executors, kernels, the notebook entry point) and
  `run/layout.py`, the one owner of every file name a render writes.

May import `cdsanalysis.model`, `cdsanalysis.data` and `cdsanalysis.wording`; nothing below imports
this layer. `cdsanalysis.report.content.district` is the template notebook's entry point at its old path.
"""
