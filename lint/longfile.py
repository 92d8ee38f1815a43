"""`check` of one long plain-text file as steps (steps.py): read as it is
checked (stream.py), its windows in batches that workers lint
(archive.py), their findings merged here in order. The text is never held
whole; the outcome keeps the findings' positions, not the text."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

from .archive import Merger, Part
from .engine import RuleError
from .lines import LineIndex
from .steps import Step
from .stream import Unstreamable, batches, chunks, prescan


def steps(job, runner, lint_batch: Callable, whole: Callable[[list], Step]) -> Iterator[Step]:
    """The steps that check `job`'s file; `lint_batch(path, layout, batch)`
    lints windows in a worker; `whole(jobs)` is the step for files read
    whole, which this file becomes when it cannot be read as it goes."""
    from .runner import Outcome  # here: runner imports this module

    linter = runner.linter
    selection = linter.selection_for(job.path)
    rules = selection.rules_for(job.path)
    hasher = key = None
    if runner.cache is not None:
        hasher = runner.cache.hasher(f"{job.fmt or Path(job.path).suffix} utf-8", repr(selection.settings),
                                     [r.code for r in rules])
    try:
        scan = prescan(job.path, hasher)
    except Unstreamable:
        yield whole([job])
        return
    if hasher is not None:
        key = hasher.hexdigest()
        found = runner.cache.get(key)
        if found is not None:
            outcome = Outcome(job.path, "", found)
            outcome.positions = _positions(job.path, found)
            yield Step(None, (), lambda _: [outcome])
            return
    merger = Merger(rules, selection.severity)
    failed: list[RuleError] = []

    def take(parts: list[Part] | RuleError) -> list:
        if isinstance(parts, RuleError):
            failed.append(parts)
        elif not failed:
            for part in parts:
                merger.add(part)
        return []

    try:
        for layout, batch in batches(job.path, scan, selection.settings):
            yield Step(lint_batch, (job.path, layout, batch), take)
    except Unstreamable as exc:  # changed since the first pass
        failed.append(RuleError(f"could not be read again: {exc}"))

    def finish(_) -> list:
        if failed:
            return [Outcome(job.path, error=str(failed[0]))]
        found, positions = merger.result()
        if key is not None:
            runner.cache.put(key, found)
        outcome = Outcome(job.path, "", found)
        outcome.positions = positions
        return [outcome]

    yield Step(None, (), finish)


def _positions(path: str, found) -> dict[int, tuple[int, int]]:
    """(line, column) of the offsets findings name, read through the file once."""
    wanted = sorted({o for d in found for o in (d.start, d.end)})
    out, i, base, line, rest = {}, 0, 0, 1, ""
    for text in chunks(path):
        text, rest = rest + text, ""
        cut = len(text) - (text.endswith("\r"))  # a "\r\n" split between pieces is one break
        rest, text = text[cut:], text[:cut]
        index = LineIndex(text)
        while i < len(wanted) and wanted[i] <= base + len(text):
            row, column = index.position(wanted[i] - base)
            out[wanted[i]] = (line + row - 1, column)
            i += 1
        line += len(index) - 1
        base += len(text)
    for offset in wanted[i:]:
        out[offset] = out.get(offset, (line, offset - base + 1))
    return out
