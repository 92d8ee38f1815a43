"""Source formats: each turns source text into prose blocks and protected ranges."""

from __future__ import annotations

from pathlib import PurePath

from ..document import Document
from . import html, markdown, plain

_BY_SUFFIX = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
              ".html": "html", ".htm": "html"}
_PARSERS = {"text": plain.parse, "markdown": markdown.parse, "html": html.parse}
FORMATS = tuple(_PARSERS)


def format_for(path: str) -> str | None:
    """The format of a file name, or None when copydesk does not read it."""
    return _BY_SUFFIX.get(PurePath(path).suffix.lower())


def load(source: str, path: str = "<text>", fmt: str | None = None) -> Document:
    fmt = fmt or format_for(path) or "text"
    blocks, protected = _PARSERS[fmt](source)
    return Document(source, path, fmt, blocks, protected)
