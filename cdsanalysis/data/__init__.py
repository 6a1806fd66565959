"""Data in: the canonical tables, their validation, names and codes, spreadsheet import."""
