"""Reports out: charts, district and province reports, the batch renderer, HTML/Excel writers.

May import `cdsanalysis.model` and `cdsanalysis.data`; nothing below imports this layer.
"""
