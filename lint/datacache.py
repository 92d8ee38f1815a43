"""The built-in rule packs and lexicons, parsed once and cached beside them
the way Python caches bytecode: rules/__pycache__/<file>.<tag>.marshal
holds the parsed data with the YAML file's size and modification time, and
is used while they match. Parsing the YAML was a third of a cold start;
reading the cache takes a millisecond. Nothing is written where Python
would not write bytecode (PYTHONDONTWRITEBYTECODE), and a cache that cannot
be read or written is simply not used."""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path
from typing import Any, Callable

from . import __version__

# marshal's format belongs to one Python version; the data, to one copydesk
# and to what the parsers return (raise FORMAT when that changes).
FORMAT = 2
_TAG = f"{sys.implementation.cache_tag}-{__version__}-{FORMAT}"


def parsed(path: Path, parse: Callable[[Path], Any]) -> Any:
    """`parse(path)`, or the cached result of an earlier call for the same file."""
    try:
        stat = path.stat()
    except OSError:
        return parse(path)  # the parser reports the missing file
    stamp = (stat.st_mtime_ns, stat.st_size)
    cache = path.parent / "__pycache__" / f"{path.name}.{_TAG}.marshal"
    try:
        saved, data = marshal.loads(cache.read_bytes())
        if tuple(saved) == stamp:
            return data
    except (OSError, EOFError, ValueError, TypeError):
        pass  # no cache yet, or one from another copydesk: parse again
    data = parse(path)
    if not sys.dont_write_bytecode:
        _write(cache, stamp, data)
    return data


def _write(cache: Path, stamp: tuple[int, int], data: Any) -> None:
    try:
        payload = marshal.dumps((stamp, data))
    except ValueError:  # a value marshal cannot hold (a YAML date): no cache
        return
    write_quietly(cache, payload)


def write_quietly(cache: Path, payload: bytes) -> None:
    """Replace `cache` with `payload` atomically (readers see the old file or
    the new one, never half), creating its folder; on a read-only
    installation, write nothing and say nothing."""
    temporary = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(exist_ok=True)
        temporary.write_bytes(payload)
        os.replace(temporary, cache)
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass
