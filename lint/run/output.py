"""Writing output whole. A write to a full disk, or past a file size limit,
may take only part of what it was given and say so only in its return
value: copy, reports and records go through write_all(), which writes the
rest or raises, so that the run fails (exit 2) instead of leaving half an
article behind and reporting success."""

from __future__ import annotations

import os
import sys
from typing import BinaryIO

import click


class OutputError(Exception):
    """Output that could not be written whole; str() is the reason."""


def write_all(stream: BinaryIO, data: bytes) -> None:
    view = memoryview(data)
    try:
        while view:
            written = stream.write(view)
            if not written:
                raise OutputError("the output took no more bytes")
            view = view[written:]
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None


def flush(stream) -> None:
    try:
        stream.flush()
    except OSError as exc:
        raise OutputError(exc.strerror or str(exc)) from None


class Output:
    """A text stream over a binary one that writes every character or raises;
    ANSI styles are kept only for a terminal that wants colour."""

    def __init__(self, stream: BinaryIO, styled: bool = False):
        self.stream, self.styled = stream, styled

    def write(self, text: str) -> int:
        # A file name that is not UTF-8 reaches the output as the bytes it is.
        write_all(self.stream, (text if self.styled else click.unstyle(text)).encode("utf-8", "surrogateescape"))
        return len(text)

    def flush(self) -> None:
        flush(self.stream)


def stdout() -> Output:
    """Standard output, flushed write by write."""
    tty = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return Output(sys.stdout.buffer, styled=tty)
