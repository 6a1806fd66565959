"""How a batch runs: the renderer, its jobs and executors, kernels, and the file layout it writes.

`layout.py` owns every file name a render writes; `notebook.py` is what the template notebook calls.
"""
