"""Patterns compiled on first use. The `regex` module compiles large word
lists slowly, and most articles never reach most of the patterns behind a
rule's cheap gates: compiling them all at import was most of a cold start."""

from __future__ import annotations

import regex

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Stands for `regex.compile(*args, **kwargs)`; compiled on first use."""

    def __init__(self, *args, **kwargs):
        self._args, self._kwargs = args, kwargs

    @property
    def compiled(self) -> regex.Pattern:
        if "_compiled" not in self.__dict__:
            compiled = regex.compile(*self._args, **self._kwargs)
            # Later calls find the methods here, without passing through __getattr__.
            self.__dict__.update({name: getattr(compiled, name) for name in _METHODS}, _compiled=compiled)
        return self.__dict__["_compiled"]

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("_args", "_kwargs", "_compiled"):
            raise AttributeError(name)
        return getattr(self.compiled, name)
