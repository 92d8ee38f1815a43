"""Checking and fixing Word files: a .docx is linted as the text of its
paragraphs, one a line (so a finding's line is its paragraph), and `fix`
writes the changes into a copy beside it, story.fixed.docx, through the
runs they fall in (formats/docx.py).

A line break inside a paragraph (w:br) stands in the text as U+2028, which
is white space to the rules and no line break to the reports.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..core.linediff import keyed
from ..formats import format_for
from .files import InputError, SourceFile, read

_BREAK = "\u2028"


class WordFile:
    """A .docx opened for checking or fixing."""

    def __init__(self, path: str):
        from ..formats import docx

        try:
            self.file = docx.DocxFile(path)
            paragraphs = self.file.paragraphs
        except FileNotFoundError:
            raise InputError("no such file") from None
        except (OSError, KeyError, ValueError, docx.DocxError, docx.etree.XMLSyntaxError) as exc:
            raise InputError(f"not a Word file copydesk can read ({exc})") from None
        self.source = SourceFile(path, "\n".join(p.text.replace("\n", _BREAK) for p in paragraphs), False,
                                 labels=tuple(p.where for p in paragraphs), kinds=tuple(p.kind for p in paragraphs))

    def close(self) -> None:
        self.file.close()

    def write_fixed(self, fixed: str) -> tuple[str, list[str]]:
        """Write `fixed` (the source text with fixes applied) into the copy;
        its path, and why each edit that could not be written was refused."""
        edits = _edits(self.source.text.split("\n"), fixed.split("\n"))
        refused = self.file.apply(edits)
        out = fixed_name(self.source.path)
        try:
            # The copy is as private, or as shared, as the file it comes from.
            self.file.save(out, stat.S_IMODE(os.stat(self.source.path).st_mode))
        except OSError as exc:
            raise InputError(f"the fixed copy {out} was not written: {exc.strerror or exc}") from None
        return out, [f"paragraph {r.paragraph + 1}: a fix was not written into the copy: {r.reason}" for r in refused]


def read_source(path: str, fmt: str | None, encoding: str | None,
                given: SourceFile | None = None) -> tuple[SourceFile, WordFile | None]:
    """A file's text: `given` (stdin), a Word file's paragraphs (with the
    WordFile, for the caller to close), or the file read."""
    if given is None and (fmt or format_for(path)) == "docx":
        word = WordFile(path)
        return word.source, word
    return given or read(path, encoding), None


def _matcher(a, b, autojunk: bool = False):
    from difflib import SequenceMatcher  # here: only writing a Word file needs difflib

    return SequenceMatcher(None, a, b, autojunk=autojunk)


def fixed_name(path: str) -> str:
    p = Path(path)
    return str(p.with_name(p.stem + ".fixed" + p.suffix))


def _edits(before: list[str], after: list[str]) -> dict[int, list[tuple[int, int, str]]]:
    """Paragraph index -> edits over its text that turn `before` into
    `after` (fixes remove lines, never add them), lines matched as a diff
    does; a line gone is a removal."""
    edits: dict[int, list] = {}
    for op, i1, i2, j1, j2 in _matcher(keyed(before), keyed(after)).get_opcodes():
        if op == "equal" or j2 - j1 > i2 - i1:
            continue  # no fix adds a paragraph (white-space rules about lines stay off in Word files)
        kept = _align(before[i1:i2], after[j1:j2])
        for k in range(i2 - i1):
            i = i1 + k
            found = _within(before[i], after[j1 + kept[k]]) if k in kept else [(0, len(before[i]), "")]
            if before[i]:  # an empty paragraph has no text to edit: one a removal takes along stays
                edits[i] = found
    return edits


def _align(before: list[str], after: list[str]) -> dict[int, int]:
    """Which line of `before` each line of `after` is (in order, most alike
    overall): before index -> after index; the others were removed."""
    n, m = len(before), len(after)
    score = [[0.0] * (m + 1)] + [[0.0] + [-1.0] * m for _ in range(n)]
    for i in range(1, n + 1):
        for j in range(1, min(i, m) + 1):
            match = score[i - 1][j - 1] + _matcher(before[i - 1], after[j - 1], autojunk=True).ratio()
            score[i][j] = max(match, score[i - 1][j] if j <= i - 1 else -1.0)
    pairs, i, j = {}, n, m
    while j:
        if j <= i - 1 and score[i][j] == score[i - 1][j]:
            i -= 1
            continue
        pairs[i - 1] = j - 1
        i, j = i - 1, j - 1
    return pairs


def _within(old: str, new: str) -> list[tuple[int, int, str]]:
    """Edits turning `old` into `new`: the common start and end are kept
    first, so of a doubled "U.S.U.S." the second copy goes and the first
    keeps its run (and its bold); the middle is diffed."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    middle = _matcher(old[head : len(old) - tail], new[head : len(new) - tail])
    return [(head + a1, head + a2, new[head + b1 : head + b2].replace(_BREAK, "\n"))
            for op, a1, a2, b1, b2 in middle.get_opcodes() if op != "equal"]
