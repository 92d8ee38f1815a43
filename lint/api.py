"""The Python API: pure functions of text and configuration, for pipelines.

    >>> from lint import check_text, fix_text
    >>> [d.code for d in check_text("The U.S.U.S. team.\\n")]
    ['DUP001']
    >>> fix_text("The U.S.U.S. team.\\n").text
    'The U.S. team.\\n'

No configuration file is read: pass `settings` (lint.run.config.Settings) or the
selection keywords. `fmt` is "text", "markdown" or "html".
"""

from __future__ import annotations

from typing import Iterable

from .core.fix import FixResult
from .core.model import Diagnostic
from .run.config import Settings
from .run.linter import Linter


def _linter(settings: Settings | None, select, ignore, extend_select) -> Linter:
    overrides = {
        "select": tuple(select) if select is not None else None,
        "ignore": tuple(ignore) if ignore is not None else None,
        "extend_select": tuple(extend_select) if extend_select is not None else None,
    }
    return _cached_linter(settings or Settings(), tuple(overrides.items()))


_LINTERS: dict = {}


def _cached_linter(settings: Settings, overrides: tuple) -> Linter:
    key = (settings, overrides)
    if key not in _LINTERS:
        _LINTERS[key] = Linter(dict(overrides), settings=settings)
    return _LINTERS[key]


def check_text(text: str, fmt: str = "text", *, settings: Settings | None = None,
               select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
               extend_select: Iterable[str] | None = None, path: str = "<text>",
               encoding: str = "utf-8") -> list[Diagnostic]:
    """Diagnostics for `text`, sorted by position. `encoding`: the codec the
    text was decoded from, when it was not UTF-8 (ENC005 reports it)."""
    return _linter(settings, select, ignore, extend_select).check(text, path, fmt, encoding)


def fix_text(text: str, fmt: str = "text", *, unsafe: bool = False, settings: Settings | None = None,
             select: Iterable[str] | None = None, ignore: Iterable[str] | None = None,
             extend_select: Iterable[str] | None = None, path: str = "<text>",
             encoding: str = "utf-8") -> FixResult:
    """`text` with its fixes applied (safe ones; `unsafe=True` adds the rest)."""
    return _linter(settings, select, ignore, extend_select).fix(text, path, fmt, unsafe=unsafe, encoding=encoding)
