"""A plain-text file too long to hold (an archive, a feed dump) checked as it
is read: one pass finds what laying out its parts needs (the wrap width,
segments.py) and the cache key, a second cuts it into windows, a batch at
a time, each with the number of the line it starts on, so that findings
get their positions without the text being kept. Memory stays that of a
few batches, whatever the file's size.

Only UTF-8 is read this way (with or without a byte-order mark); a file
in another encoding, or with bytes that do not decode, is read whole, as
files.read() reads it, so that it gets the same answer.
"""

from __future__ import annotations

import codecs
import os
from typing import Iterator, NamedTuple

from ..formats import format_for
from ..run.linter import in_batches
from .segments import LONG, Layout, Window, newline_of, opening_language, width_of, windows

CHUNK = 1 << 20  # bytes read at a time
_UTF8_BOM = codecs.BOM_UTF8


class Unstreamable(Exception):
    """The file is to be read whole instead."""


class Prescan(NamedTuple):
    width: int | None
    chars: int
    newline: str
    stamp: tuple[int, int]  # (mtime in ns, size) when read
    bom: bool  # the file opens with UTF-8's byte-order mark


def streams(path: str, fmt: str | None, encoding: str | None) -> bool:
    """Is this file read as it is checked: long plain text?"""
    if encoding is not None or (fmt or format_for(path) or "text") != "text":
        return False
    try:
        return os.path.getsize(path) > LONG  # bytes: a text has at most as many characters
    except OSError:
        return False  # files.read() reports why


def chunks(path: str, hasher=None) -> Iterator[str]:
    """The file's text, a piece at a time, without a byte-order mark; its
    bytes fed to `hasher` as read. Raises Unstreamable when it is not UTF-8
    or holds NULs."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    first = True
    try:
        with open(path, "rb") as handle:
            while True:
                data = handle.read(CHUNK)
                if first and data.startswith(_UTF8_BOM):
                    data = data[len(_UTF8_BOM):]
                first = False
                if b"\x00" in data:
                    raise Unstreamable("NUL bytes: read whole, as files.read() decides")
                if hasher is not None:
                    hasher.update(data)
                text = decoder.decode(data, final=not data)
                if text:
                    yield text
                if not data:
                    return
    except UnicodeDecodeError:
        raise Unstreamable("not UTF-8") from None
    except OSError as exc:
        raise Unstreamable(str(exc)) from None


def prescan(path: str, hasher=None) -> Prescan:
    """What the whole file holds that laying out a part of it needs."""
    try:
        before = os.stat(path)
    except OSError as exc:
        raise Unstreamable(str(exc)) from None
    total, head = 0, ""

    def counted():
        nonlocal total, head
        for text in chunks(path, hasher):
            total += len(text)
            if "\n" not in head:  # the first line's break is the document's
                head += text
            yield text

    width = width_of(counted())
    if total <= LONG:
        raise Unstreamable("short enough to read whole")
    with open(path, "rb") as handle:
        bom = handle.read(len(_UTF8_BOM)) == _UTF8_BOM
    return Prescan(width, total, newline_of(head), (before.st_mtime_ns, before.st_size), bom)


def batches(path: str, scan: Prescan, settings=None) -> Iterator[tuple[Layout, list[tuple[Window, int]]]]:
    """The file's windows in batches, each with the line its text starts
    on, and the Layout they are read with (the language comes from the
    first window)."""
    layout = None
    for batch in in_batches(_numbered(windows(chunks(path), scan.width)), lambda item: len(item[0].text)):
        if layout is None:
            layout = Layout(scan.width, opening_language(batch[0][0], path, scan.width, settings), scan.newline)
        yield layout, batch


def _numbered(found: Iterator[Window]) -> Iterator[tuple[Window, int]]:
    """Each window with the number of the line its text starts on."""
    line = 1  # of the current segment's start
    for window in found:
        s, e = window.core
        yield window, line - _breaks(window.text, 0, s)
        line += _breaks(window.text, s, e)


def _breaks(text: str, start: int, end: int) -> int:
    """Line breaks (\\r\\n, \\n or \\r, as lines.LineIndex counts them) in text[start:end]."""
    return text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
