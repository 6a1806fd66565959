"""How a report is written out: HTML (Jinja2 templates), Word, Excel, the terminal.

Writers render `content/` values; every word they print comes from `cdsanalysis.wording`.
"""
