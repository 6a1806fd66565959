"""What a report says: the facts of a district's or the province's report, typed blocks, chart specs.

No files and no markup here; imports `model/`, `data/` and `wording/` only.
"""
