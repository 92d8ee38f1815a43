"""`check` and `fix` of one long plain-text file as steps (steps.py): read
as it is checked (stream.py), its windows in batches that workers lint
(archive.py) or fix (windowfix.py), their findings merged here in order,
and, fixing, each fixed segment written to the file's replacement as soon
as the ones before it are. The text is never held whole; the outcome
keeps the findings' positions, not the text."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Callable, Iterator

from ..core.engine import RuleError
from ..core.fix import applicable
from ..core.lines import LineIndex
from ..run.files import InputError, replacing
from ..run.steps import Step
from .archive import Merger, Part
from .stream import Unstreamable, batches, chunks, prescan


def steps(job, runner, lint_batch: Callable, fix_batch: Callable, whole: Callable[[list], Step]) -> Iterator[Step]:
    """The steps that check or fix `job`'s file; `lint_batch(path, layout,
    batch)` lints windows in a worker, `fix_batch(path, layout, batch,
    unsafe)` fixes them; `whole(jobs)` is the step for files read whole,
    which this file becomes when it cannot be read as it goes."""
    from ..run.runner import Outcome  # here: runner imports this module

    selection = runner.linter.selection_for(job.path)
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
        if found is not None and not (job.fix and any(applicable(d, job.unsafe) for d in found)):
            outcome = Outcome(job.path, "", found)
            outcome.positions = _positions(job.path, found)
            yield Step(None, (), lambda _: [outcome])
            return
    if job.fix:
        yield from _fix_steps(job, scan, selection, rules, fix_batch)
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


def _fix_steps(job, scan, selection, rules, fix_batch: Callable) -> Iterator[Step]:
    """Fix the file window by window, each fixed segment written in order
    to the file that replaces it (files.replacing: atomic, refused if the
    file changed since it was read); a file nothing was fixed in is left."""
    from ..run.runner import Outcome

    merger = Merger(rules, selection.severity)
    stack = ExitStack()
    state = {"at": 0, "line": 1, "applied": [], "unstable": None, "error": None, "done": False}
    try:
        handle = stack.enter_context(replacing(job.path, scan.stamp))
        if scan.bom:
            handle.write(b"\xef\xbb\xbf")
    except InputError as exc:  # read-only, hard-linked, no room beside it
        failure = Outcome(job.path, error=str(exc))
        yield Step(None, (), lambda _: [failure])
        return

    def take(fixed_parts) -> list:
        if isinstance(fixed_parts, RuleError):
            state["error"] = state["error"] or str(fixed_parts)
        for fixed in fixed_parts if state["error"] is None else ():
            try:
                handle.write(fixed.text.encode("utf-8"))
            except OSError as exc:  # a full disk, a file size limit: the file stays as it was
                state["error"] = f"not written: {exc.strerror or exc}"
                abort()
                break
            at, line, index = state["at"], state["line"], LineIndex(fixed.text)

            def where(offset: int, at=at, line=line, index=index) -> tuple[int, int]:
                row, column = index.position(offset - at)
                return row + line - 1, column

            found = [d.shifted(at) for d in fixed.part.found]
            tallies = {code: tally.placed(at, where) for code, tally in fixed.part.tallies.items()}
            merger.add(Part(found, [(where(d.start), where(d.end)) for d in found], tallies, fixed.part.more))
            state["applied"] += fixed.applied
            state["unstable"] = state["unstable"] or fixed.unstable
            state["at"], state["line"] = at + len(fixed.text), line + len(index) - 1
        return []

    def finish(_) -> list:
        outcome = Outcome(job.path, "", [], state["applied"], warning=state["unstable"])
        if state["error"] is not None or not state["applied"]:
            abort()  # the temporary file goes, the file stays
            outcome.error = state["error"]
            if outcome.error is not None:
                outcome.warning = None
        else:
            state["done"] = True
            try:
                stack.close()
            except InputError as exc:
                outcome.error = str(exc)
        outcome.diagnostics, outcome.positions = merger.result()
        return [outcome]

    def abort() -> None:  # stopped before the end: the file stays as it was, no temporary file left
        if not state["done"]:
            state["done"] = True
            try:
                stack.__exit__(_Unchanged, _Unchanged(), None)
            except InputError:  # what was buffered could not be written either; the temporary file is gone
                pass

    try:
        for layout, batch in batches(job.path, scan, selection.settings):
            yield Step(fix_batch, (job.path, layout, [window for window, _ in batch], job.unsafe), take, abort)
    except Unstreamable as exc:
        state["error"] = f"could not be read again: {exc}"
    except BaseException:
        abort()
        raise
    yield Step(None, (), finish, abort)


class _Unchanged(Exception):
    """Ends a replacement without replacing."""


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
