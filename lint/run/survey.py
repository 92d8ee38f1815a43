"""The survey pass of a run that checks BOIL018 (a site's template): before
any file is checked, every file of the run is read and its candidate lines
are counted (lint/core/recurring.py); the check then runs with the run's
counts as Settings.recurring.

A run is surveyed when BOIL018 is selected for any of its files and it has
at least MIN_FILES files (fewer cannot reach the threshold). Every file
the run reads counts, once however often it is named: plain text,
Markdown, HTML and Word, a file whose per-file-ignores leave BOIL018 out
too (kept simple: it is a page of the site all the same); a file that
cannot be read does not. A plain text too long to lint whole is surveyed
window by window, as it is checked (lint/windows/), and counts as one
file; only the lines of each window's own segment count, the lines its
findings could be reported on.

The survey has a process pool of its own, fed the batches the check
uses; a file's survey is a frozenset of 64-bit hashes, cheap to send back.
"""

from __future__ import annotations

import os
from typing import Iterable, Iterator

from ..core.recurring import MIN_FILES, Recurring, candidates
from ..core.recurring import survey as survey_doc
from ..formats import format_for, load
from ..windows.segments import Window, is_segmented, layout_of, load_window, windows
from .files import InputError
from .linter import Linter
from .steps import Step, file_steps, run_steps, worker_pool
from .wordfile import read_source

RULE = "BOIL018"


def wanted(linter: Linter, paths: Iterable[str]) -> bool:
    """Is BOIL018 selected for any of these paths?"""
    return any(RULE in linter.selection_for(path).codes for path in paths)


def survey_text(text: str, path: str, fmt: str | None, settings, encoding: str = "utf-8") -> frozenset[int]:
    """The candidate lines of a text read as the check reads it: whole, or
    window by window when it is long enough for segments."""
    fmt = fmt or format_for(path) or "text"
    if not is_segmented(text, fmt):
        return survey_doc(load(text, path, fmt, settings, encoding))
    layout = layout_of(text, path, settings)
    return survey_windows(windows([text], layout.width), path, layout, settings)


def survey_windows(found: Iterable[Window], path: str, layout, settings) -> frozenset[int]:
    """The candidate lines of the windows' segments (archive.py keeps a
    window's findings that start in its segment)."""
    keys: set[int] = set()
    for window in found:
        s, e = window.core
        doc = load_window(window, path, layout, settings)
        keys.update(key for key, block in candidates(doc) if s <= block.source_start < e)
    return frozenset(keys)


def survey_job(job, linter: Linter) -> frozenset[int] | None:
    """A file's candidate lines; None when it cannot be read (the check
    reports why; it is no file of the run)."""
    try:
        source, word = read_source(job.path, job.fmt, job.encoding, job.source)
    except InputError:
        return None
    if word is not None:
        word.close()
    return survey_text(source.text, job.path, job.fmt, linter.settings_for(job.path), source.encoding)


def survey_run(jobs: list, long: list[bool], overrides: dict, workers: int, size: int) -> Recurring | None:
    """The run's Recurring, when BOIL018 is selected and the run has enough
    files; else None. `long[i]`: job i is a plain text read as it is
    checked (runner._long); `size`: files a batch."""
    global _linter
    readable = [(job, is_long) for job, is_long in zip(jobs, long) if not job.error]
    linter = Linter(overrides)
    if len(readable) < MIN_FILES or not wanted(linter, (job.path for job, _ in readable)):
        return None
    counted, seen = [], set()
    for job, is_long in readable:
        where = job.path if job.source is not None else os.path.realpath(job.path)
        if where not in seen:  # a file named twice is one page of the site
            seen.add(where)
            counted.append((job, is_long))
    pool = None
    if workers > 1:
        pool = worker_pool(workers, _init, overrides)
    else:
        _linter = linter
    found = run_steps(_steps(counted, linter, size), pool)
    recurring = Recurring.from_surveys(keys for keys in found if keys is not None)
    if pool is not None:
        pool.shutdown()
    return recurring


# -- the survey's steps, and its workers ---------------------------------------------

_linter: Linter | None = None


def _init(overrides: dict) -> None:
    global _linter
    _linter = Linter(overrides)


def _survey_files(jobs: list) -> list[frozenset[int] | None]:
    return [survey_job(job, _linter) for job in jobs]


def _survey_long(path: str, layout, batch: list[Window]) -> frozenset[int]:
    return survey_windows(batch, path, layout, _linter.settings_for(path))


def _steps(counted: list, linter: Linter, size: int) -> Iterator[Step]:
    """Batches of files, and the windows of each long file, in run order;
    each step gives the surveys of the files it completes."""
    return file_steps(counted, size, _whole, lambda job: _long_steps(job, linter))


def _whole(batch: list) -> Step:
    return Step(_survey_files, (batch,), list)


def _long_steps(job, linter: Linter) -> Iterator[Step]:
    """A long plain text's windows, read as they go (windows/stream.py),
    in batches for the workers; the last step gives the file's survey."""
    from ..windows.stream import Unstreamable, batches, prescan  # here: most runs hold no long file

    try:
        scan = prescan(job.path)
    except Unstreamable:  # read whole, as the check reads it
        yield _whole([job])
        return
    keys: set[int] = set()
    take = lambda found: keys.update(found) or []  # noqa: E731
    try:
        for layout, batch in batches(job.path, scan, linter.settings_for(job.path)):
            yield Step(_survey_long, (job.path, layout, [window for window, _ in batch]), take)
    except Unstreamable:  # changed since the first pass: the check says so, and it is no file of the run
        yield Step(None, (), lambda _: [None])
        return
    yield Step(None, (), lambda _: [frozenset(keys)])
