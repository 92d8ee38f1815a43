"""The `regex` module in two steps. Its matching engine, regex._regex, is
compiled code and all that a pattern read back from the pattern cache
needs; its parser and compiler are Python, and importing them was a tenth
of a cold start. `engine()` loads the engine alone, and `regex` here stands
for the whole module: its flags at once, anything else (a pattern compiled
anew, `regex.error`) by importing it then."""

from __future__ import annotations

import os
import sys


class _Regex:
    """Stands for the `regex` module. Its flags are here (equal to regex's
    own: tests/test_lazyregex.py); any other name imports the module."""

    ASCII = A = 0x80
    IGNORECASE = I = 0x2
    MULTILINE = M = 0x8
    DOTALL = S = 0x10
    VERBOSE = X = 0x40
    VERSION0 = V0 = 0x2000
    VERSION1 = V1 = 0x100

    def __getattr__(self, name: str):
        import regex

        if "_regex" not in vars(regex):  # the engine was loaded alone (engine()): where the package keeps it
            regex._regex = sys.modules["regex._regex"]
        return getattr(regex, name)


regex = _Regex()


def engine():
    """regex._regex: loaded alone from its file when `regex` has not been
    imported (the module is then the one `regex` takes when it is), else
    through `regex`."""
    found = sys.modules.get("regex._regex")
    if found is not None:
        return found
    try:
        from importlib.machinery import PathFinder

        package = PathFinder.find_spec("regex")
        spec = PathFinder.find_spec("regex._regex", package.submodule_search_locations)
        found = spec.loader.create_module(spec)
        spec.loader.exec_module(found)
        found.__spec__ = spec
    except Exception:  # noqa: BLE001  (an install laid out otherwise: the usual way)
        import regex._regex as found

        return found
    sys.modules["regex._regex"] = found
    return found


def engine_tag() -> str:
    """Names the engine's build (its file's size and time), for the cache
    of compiled programs, which belong to one build; without a file, the
    version of `regex`."""
    try:
        stat = os.stat(engine().__file__)
    except (AttributeError, TypeError, OSError):
        return regex.__version__
    return f"{stat.st_size:x}-{stat.st_mtime_ns:x}"
