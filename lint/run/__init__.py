"""Running copydesk over files: configuration, selection and the pool.

config.py reads [tool.copydesk] settings; registry.py and selection.py
decide which rules run; linter.py lints or fixes one path with them;
files.py and ignores.py find and read files and rewrite them atomically;
runner.py spreads many files over processes (steps.py keeps the pool fed),
after survey.py has counted the lines a run's files share when BOIL018 asks;
batch.py and dask_batch.py take JSON Lines records; cache.py keeps results
between runs; output.py, interrupt.py and watch.py are about writing whole,
stopping cleanly and checking again on change; wordfile.py runs .docx files.

May import every other part of lint. Below it, lint.formats and
lint.windows read its Settings (config.py), lint.windows uses its files and
pool, and the reports and the SUP rules read its registry; nothing else
imports it.
"""
