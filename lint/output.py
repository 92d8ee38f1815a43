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


def write_all(stream: BinaryIO, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = stream.write(view)
        if not written:
            raise OSError(0, "the output took no more bytes")
        view = view[written:]


class Output:
    """A text stream over a binary one that writes every character or raises;
    ANSI styles are kept only for a terminal that wants colour."""

    def __init__(self, stream: BinaryIO, styled: bool = False):
        self.stream, self.styled = stream, styled

    def write(self, text: str) -> int:
        write_all(self.stream, (text if self.styled else click.unstyle(text)).encode("utf-8"))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


def stdout() -> Output:
    """Standard output, flushed write by write."""
    tty = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    return Output(sys.stdout.buffer, styled=tty)
