"""Patterns compiled on first use. Compiling is slow (the `regex` module's
large word lists most of all), and most articles never reach most of the
patterns behind a rule's cheap gates: compiling them all at import was most
of a cold start. Patterns come from the pattern cache (patterncache), which
keeps their compiled programs between runs."""

from __future__ import annotations

import re

from . import patterncache
from .lazyregex import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands for `regex.compile(*args, **kwargs)` (through the pattern
    cache), or `re.compile(*args)` with engine=re; compiled on first use."""

    def __init__(self, *args, engine=regex, **kwargs):
        self._args, self._kwargs, self._engine = args, kwargs, engine

    @property
    def pattern(self):
        """The source, without compiling it."""
        return self._args[0]

    @property
    def compiled(self) -> regex.Pattern | re.Pattern:
        if "_compiled" not in self.__dict__:
            pattern, *rest = self._args
            if self._engine is regex:
                lists = dict(self._kwargs)
                flags = rest[0] if rest else lists.pop("flags", 0)
                compiled = patterncache.compile(pattern, flags, **lists)
            else:
                compiled = patterncache.compile_re(pattern, *rest)
            # Later calls find the methods here, without passing through __getattr__.
            self.__dict__.update({name: getattr(compiled, name) for name in _METHODS}, _compiled=compiled)
        return self.__dict__["_compiled"]

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_args", "_kwargs", "_engine", "_compiled"):
            raise AttributeError(name)
        return getattr(self.compiled, name)


def lazy_re(pattern, flags: int = 0) -> LazyPattern:
    """Stands for `re.compile(pattern, flags)`; compiled on first use."""
    return LazyPattern(pattern, flags, engine=re)
