"""The model: forecasts of the communes completing, assessment against targets, evaluation.

Imports only `cdsanalysis.data` (and the top-level settings and exceptions), never `cdsanalysis.report`.
"""
