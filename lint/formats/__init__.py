"""Source formats: each turns source text into prose blocks and protected ranges."""

from __future__ import annotations

from functools import partial
from importlib import import_module
from pathlib import PurePath

from ..core.document import Document
from ..run.config import Settings
from .kinds import classify
from .language import paragraph_language, read_language

_DEFAULTS = Settings()

_BY_SUFFIX = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
              ".html": "html", ".htm": "html", ".docx": "docx"}
# Format -> parser module, imported when first needed: a run over plain text
# never loads markdown-it.
_PARSERS = {"text": "plain", "markdown": "markdown", "html": "html", "docx": "lines"}
FORMATS = ("text", "markdown", "html")  # what a text may be in (a Word file is a file)


def format_for(path: str) -> str | None:
    """The format of a file name, or None when copydesk does not read it."""
    name = path.rpartition("/")[2]
    if not name or name in (".", "..") or "\\" in path:  # a path PurePath reads apart: ask it
        return _BY_SUFFIX.get(PurePath(path).suffix.lower())
    # PurePath's suffix, without building a path (a run asks once per file, and more)
    dot = name.rfind(".")
    return _BY_SUFFIX.get(name[dot:].lower()) if 0 < dot < len(name) - 1 else None


def load(source: str, path: str = "<text>", fmt: str | None = None, settings: Settings | None = None,
         encoding: str = "utf-8", settle: bool = True, kinds: tuple[str, ...] | None = None) -> Document:
    """The Document of `source`: its blocks, what each is (kinds.py), and
    its language (language.py). From `settings`: `html_scope` ("article"
    keeps a whole web page's prose to its article, "page" reads it all) and
    `language` (None: as the text declares or reads). With `settle=False`,
    what each block is and the language are read when `doc.settle()` is
    called (engine.lint_many calls it unless every rule reads the text
    alone, and before it polices findings); the language is also read
    when first asked (doc.language). `kinds`: what each line is, for text
    whose lines are paragraphs (a Word file's, by their style)."""
    settings = settings or _DEFAULTS
    fmt = fmt or format_for(path) or "text"
    parser = import_module(f"{__name__}.{_PARSERS[fmt]}")
    if fmt == "html":
        blocks, protected = parser.parse(source, settings.html_scope)
    else:
        blocks, protected = parser.parse(source, kinds) if kinds is not None else parser.parse(source)
    doc = Document(source, path, fmt, blocks, protected)
    doc.encoding = encoding  # what the file's bytes were in (ENC005)
    doc.packs = settings.packs  # whose rules a suppression directive may name (SUP002)
    doc.allowed = settings.allowed_for(path)  # findings accepted as written (lint/core/allow.py)
    doc.recurring = settings.recurring  # lines the run's files share (BOIL018)
    doc.pending = _classify
    doc.pending_language = partial(read_language, setting=settings.language)
    doc.paragraph_language = paragraph_language
    if settle:
        doc.settle()
    return doc


def _classify(doc: Document) -> None:
    classify(doc.blocks, doc.format, doc.glued)
