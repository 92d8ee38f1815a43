"""Checking and fixing many files: one job per file, in batches (in a
process pool when there are several), results in input order."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, NamedTuple

from ..core.engine import RuleError
from ..core.fix import applicable
from ..core.lines import LineIndex
from ..core.recurring import MIN_FILES
from ..core.model import Diagnostic
from ..report import FileResult
from ..report.diff import unified
from ..speed import patterncache
from .files import InputError, SourceFile, write_atomic
from .linter import Linter, in_batches
from .steps import Step, file_steps, run_steps, worker_pool
from .wordfile import WordFile, read_source

# Below this many files a pool costs more than it saves.
POOL_THRESHOLD = 4
BATCH_FILES = 32  # files a step takes at once; it checks them in batches (in_batches)
# Files a pool worker takes at once: each step costs a round trip between
# processes (about 1 ms of both), as long as checking two articles takes.
POOL_BATCH_FILES = 128


class Job(NamedTuple):
    path: str  # as shown in reports
    fmt: str | None = None  # None: from the path's suffix
    source: SourceFile | None = None  # given for stdin; read from `path` otherwise
    fix: bool = False
    unsafe: bool = False
    write: bool = True  # False for --diff and stdin: report the new text, do not write it
    error: str | None = None  # already known to be unreadable (stdin that is not UTF-8)
    raw: bytes | None = None  # stdin's bytes, handed back by `fix -` when they cannot be fixed
    encoding: str | None = None  # read the file in this codec, not the one found (--encoding)
    encoding_fix: bool = False  # write a file that is not UTF-8 back as UTF-8 (--encoding-fix)
    # False when the report shows no text (all but HTML): the outcome keeps
    # the positions of its findings instead, so a run over many or long
    # files holds none of their text.
    keep_text: bool = True


class Outcome:
    """What became of one job."""

    def __init__(self, path: str, text: str = "", diagnostics: list[Diagnostic] | None = None,
                 fixed: list[Diagnostic] | None = None, error: str | None = None, warning: str | None = None,
                 labels: tuple[str, ...] | None = None, kinds: tuple[str, ...] | None = None):
        self.path = path
        self.text = text  # the text the diagnostics refer to (after fixing, for `fix`)
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.fixed = fixed if fixed is not None else []
        self.error = error  # the file could not be read or written
        self.warning = warning  # fixes that did not settle, or could not be written into a Word file
        self.note: str | None = None  # where a fixed copy went
        self.labels = labels  # where each line is (a Word file's paragraphs)
        self.kinds = kinds  # and what each is, by its style
        self.diff = b""  # --diff: the patch, in the file's own encoding
        self.output: bytes | None = None  # the fixed bytes, when not written to the file
        self.positions: dict[int, tuple[int, int]] | None = None  # (line, column) of each offset, text dropped

    @classmethod
    def checked(cls, path: str, source: SourceFile, found: list[Diagnostic]) -> "Outcome":
        """The outcome of checking `source` (a Word file's paragraphs kept with it)."""
        return cls(path, source.text, found, labels=source.labels, kinds=source.kinds)

    def located(self) -> "Outcome":
        """The outcome with its text dropped for the positions its findings
        name (a Word file keeps its text: the report quotes it)."""
        if self.positions is None and self.labels is None and self.text:
            index = LineIndex(self.text)
            self.positions = {o: index.position(o) for d in (*self.diagnostics, *self.fixed) for o in (d.start, d.end)}
            self.text = ""
        return self

    def report(self) -> FileResult:
        """The FileResult reporters read."""
        result = FileResult(self.path, self.text, self.diagnostics, error=self.error, fixed=self.fixed,
                            labels=self.labels, kinds=self.kinds)
        if self.positions is not None:
            result._lines = _Positions(self.positions)  # stands in for the LineIndex of the text
        return result


class _Positions:
    def __init__(self, table: dict[int, tuple[int, int]]):
        self.table = table

    def position(self, offset: int) -> tuple[int, int]:
        return self.table.get(offset, (0, 0))


class Runner:
    def __init__(self, overrides: dict, use_cache: bool = True, cache_root: Path | None = None):
        self.overrides = overrides
        self.linter = Linter(overrides)
        self.cache = None
        if use_cache:
            # Imported here: a --no-cache run hashes nothing and reads no JSON.
            from .cache import Cache

            self.cache = Cache(cache_root or Path.cwd())

    def run_many(self, jobs: list[Job], keep: bool = True) -> list[Outcome]:
        """The outcome of each job. The files to check that the cache does not
        answer are checked together, in batches (in_batches).
        A rule failing on a file is that file's error; configuration errors
        are not caught: they stop the run. `keep`: write the cache's new
        entries now (run_jobs writes them once, at the end)."""
        outcomes: list[Outcome | None] = [None] * len(jobs)
        unanswered = (todo for i, job in enumerate(jobs) if (todo := self._answer(i, job, outcomes)))
        for batch in in_batches(unanswered, lambda todo: len(todo[2].text)):
            results = self.linter.check_many([(source.text, job.path, job.fmt, source.encoding, source.kinds)
                                              for _, job, source, _ in batch])
            for (i, job, source, key), found in zip(batch, results):
                if isinstance(found, RuleError):
                    outcomes[i] = Outcome(job.path, error=str(found))
                    continue
                if key:
                    self.cache.put(key, found)
                outcomes[i] = Outcome.checked(job.path, source, found)
        if keep and self.cache is not None:
            self.cache.flush()
        return [o if job.keep_text else o.located() for job, o in zip(jobs, outcomes)]

    def _answer(self, i: int, job: Job, outcomes: list) -> tuple[int, Job, SourceFile, str | None] | None:
        """Set outcomes[i] when the job needs no check (an error, a fix, a
        cached answer); else what checking it needs: (i, job, source, cache key)."""
        if job.error:
            outcomes[i] = Outcome(job.path, error=job.error)
            return None
        try:
            source, word = read_source(job.path, job.fmt, job.encoding, job.source)
        except InputError as exc:
            outcomes[i] = Outcome(job.path, error=str(exc))
            return None
        try:
            if job.fix:
                try:
                    outcomes[i] = self._fix(job, source, word)
                except RuleError as exc:
                    outcomes[i] = Outcome(job.path, error=str(exc))
                return None
        finally:
            if word is not None:
                word.close()
        key, found = self._cached(job, source)
        if found is not None:
            outcomes[i] = Outcome.checked(job.path, source, found)
            return None
        return i, job, source, key

    def _cached(self, job: Job, source: SourceFile) -> tuple[str | None, list[Diagnostic] | None]:
        """The cache key of a file's findings (None without a cache, or for
        stdin), and the findings the cache holds under it, if any."""
        if self.cache is None or job.source is not None:
            return None, None
        selection = self.linter.selection_for(job.path)
        codes = [r.code for r in selection.rules_for(job.path)]
        # (a Word file's paragraphs' styles are part of what it is)
        kinds = f" {','.join(source.kinds)}" if source.kinds else ""
        key = self.cache.key(source.text, f"{job.fmt or Path(job.path).suffix} {source.encoding}{kinds}",
                             repr(selection.settings), codes)
        return key, self.cache.get(key)

    def _check(self, job: Job, source: SourceFile) -> list[Diagnostic]:
        key, found = self._cached(job, source)
        if found is None:
            found = self.linter.check(source.text, job.path, job.fmt, source.encoding, source.kinds)
            if key:
                self.cache.put(key, found)
        return found

    def _transcodes(self, job: Job, source: SourceFile) -> bool:
        """Does fixing this file write it back as UTF-8 (--encoding-fix, or
        the encoding-fix setting), though it is in another encoding?"""
        return source.encoding != "utf-8" and (job.encoding_fix or self.linter.settings_for(job.path).encoding_fix)

    def _unwritten(self, outcome: Outcome, job: Job, source: SourceFile, exc: InputError) -> None:
        """A fix that could not be written (a read-only file, an encoding
        that cannot hold a fix): the file is as it was, and so are its findings."""
        outcome.error = str(exc)
        outcome.text, outcome.diagnostics, outcome.fixed = source.text, self._check(job, source), []

    def _as_written(self, outcome: Outcome, job: Job, written: str, refused: int) -> None:
        """A Word file's fix reported by the copy written: the findings that
        remain are placed in its paragraphs, and a fix it refused leaves its
        finding there (the text fixed in full was never written)."""
        copy = WordFile(written)
        copy.close()
        source = copy.source
        if refused:
            outcome.diagnostics = self.linter.check(source.text, job.path, job.fmt, source.encoding, source.kinds)
            outcome.fixed = outcome.fixed[: max(0, len(outcome.fixed) - refused)]
        outcome.text, outcome.labels, outcome.kinds = source.text, source.labels, source.kinds

    def _fix(self, job: Job, source: SourceFile, word: WordFile | None = None) -> Outcome:
        if job.source is None and not self._transcodes(job, source):
            found = self._check(job, source)
            if not any(applicable(d, job.unsafe) for d in found):
                # Nothing to fix: maybe cached.
                return Outcome.checked(job.path, source, found)
        result = self.linter.fix(source.text, job.path, job.fmt, unsafe=job.unsafe, encoding=source.encoding,
                                 kinds=source.kinds)
        transcode = self._transcodes(job, source)
        if transcode:  # the file's encoding is fixed too: ENC005 goes with it
            result.applied += [d for d in result.remaining if d.code == "ENC005"]
            result.remaining = [d for d in result.remaining if d.code != "ENC005"]
        outcome = Outcome(job.path, result.text, result.remaining, result.applied, warning=result.unstable,
                          labels=source.labels, kinds=source.kinds)
        if not job.write:
            try:
                outcome.output = source.encode(result.text, utf8=transcode)
                outcome.diff = unified(source.encode(source.text), outcome.output, job.path)
            except InputError as exc:
                self._unwritten(outcome, job, source, exc)
        elif word is not None:
            if result.changed:  # into a copy, run by run
                try:
                    written, refused = word.write_fixed(result.text)
                except InputError as exc:
                    self._unwritten(outcome, job, source, exc)
                else:
                    outcome.note = f"fixed copy written to {written}"
                    outcome.warning = "; ".join(filter(None, [outcome.warning, *refused])) or None
                    self._as_written(outcome, job, written, len(refused))
        elif result.changed or transcode:
            try:
                write_atomic(job.path, source.encode(result.text, utf8=transcode), source.stamp)
            except InputError as exc:
                self._unwritten(outcome, job, source, exc)
        return outcome


# Each pool worker builds its Runner once and reuses it for every job.
_worker: Runner | None = None


def _init_worker(overrides: dict, use_cache: bool, cache_root: Path | None) -> None:
    global _worker
    _worker = Runner(overrides, use_cache, cache_root)
    if _worker.cache is not None:  # a pool worker ends without exit handlers, but runs finalizers
        from multiprocessing.util import Finalize

        Finalize(_worker.cache, _worker.cache.flush, exitpriority=10)


def _run_in_worker(jobs: list[Job]) -> list[Outcome]:
    outcomes = _worker.run_many(jobs, keep=False)
    patterncache.save()  # a pool worker ends without running exit handlers
    return outcomes


def _windows_in_worker(path: str, layout, batch: list) -> list:
    """A batch of one long file's windows, linted (archive.py)."""
    from ..windows.archive import lint_windows

    selection = _worker.linter.selection_for(path)
    parts = lint_windows(batch, path, layout, selection, selection.rules_for(path))
    patterncache.save()
    return parts


def _fix_windows_in_worker(path: str, layout, batch: list, unsafe: bool) -> list:
    """A batch of one long file's windows, each fixed as a text of its own
    (offsets from its segment's start: the parent places them)."""
    from ..windows.windowfix import fix_windows

    selection = _worker.linter.selection_for(path)
    rules = selection.rules_for(path)
    try:
        fixed = list(fix_windows(((window, 0, 0) for window in batch), path, layout, selection, rules, unsafe))
    except RuleError as exc:
        return exc
    patterncache.save()
    return fixed


def run_jobs(jobs: Iterable[Job], overrides: dict, workers: int, use_cache: bool = True,
             cache_root: Path | None = None, progress: Callable[[Outcome], None] | None = None,
             run: list[Job] | None = None) -> Iterator[Outcome]:
    """Outcomes in the order of `jobs`; `workers` > 1 uses a process pool,
    which also takes the windows of a long plain-text file (longfile.py).
    A run that checks BOIL018 is surveyed first (survey.py): the files of
    `run` (None: `jobs`; check --watch checks the files that changed, in
    a run of all it watches)."""
    global _worker
    jobs = list(jobs)
    long = [_long(job) for job in jobs]
    pooled, size = _pooled(jobs, long, workers)
    surveyed = jobs if run is None else run
    if len(surveyed) >= MIN_FILES:
        from .survey import survey_run  # here: a run of a file or two is never surveyed

        # BOIL018 reads the run's counts, so the survey goes first: then
        # every worker's settings hold them (a cached result is one made
        # with the same counts: they stand in the settings' repr).
        everywhere = long if run is None else [_long(job) for job in run]
        to_pool, batch = (pooled, size) if run is None else _pooled(surveyed, everywhere, workers)
        recurring = survey_run(surveyed, everywhere, overrides, workers if to_pool else 1, batch)
        if recurring is not None:
            overrides = {**overrides, "recurring": recurring}
    runner = Runner(overrides, use_cache, cache_root)
    pool = None
    if pooled:
        pool = worker_pool(workers, _init_worker, overrides, use_cache, cache_root)
    else:
        _worker = runner
    for outcome in run_steps(_steps(jobs, long, runner, size), pool):
        yield _report(outcome, progress)
    if pool is not None:
        pool.shutdown()  # the workers write what they added to the cache as they end
    if runner.cache is not None:
        runner.cache.flush()


def _pooled(jobs: list[Job], long: list[bool], workers: int) -> tuple[bool, int]:
    """Do the jobs go to a process pool, and how many files a batch?"""
    if workers > 1 and (len(jobs) >= POOL_THRESHOLD or any(long)):
        return True, max(1, min(POOL_BATCH_FILES, len(jobs) // (workers * 8)))  # 8 steps a worker or more
    return False, BATCH_FILES


def _long(job: Job) -> bool:
    """Is the job a plain-text file long enough to be read as it is checked
    or fixed (in place, its text not shown)?"""
    from ..windows.stream import streams  # here: most runs hold no long file

    if job.error or job.source is not None or job.keep_text or (job.fix and (not job.write or job.encoding_fix)):
        return False
    return streams(job.path, job.fmt, job.encoding)


def _steps(jobs: list[Job], long: list[bool], runner: Runner, size: int) -> Iterator[Step]:
    """The run's steps, in job order: batches of files, and the windows of
    each long file."""
    def whole(batch: list[Job]) -> Step:
        return Step(_run_in_worker, (batch,), lambda outcomes: outcomes)

    def long_steps(job: Job) -> Iterator[Step]:
        from ..windows.longfile import steps  # here: most runs hold no long file

        return steps(job, runner, _windows_in_worker, _fix_windows_in_worker, whole)

    return file_steps(zip(jobs, long), size, whole, long_steps)


def _report(outcome: Outcome, progress: Callable[[Outcome], None] | None) -> Outcome:
    if progress:
        progress(outcome)
    return outcome


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
