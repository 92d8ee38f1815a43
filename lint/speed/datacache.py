"""The built-in rule packs and lexicons, parsed once and cached beside them
the way Python caches bytecode: rules/__pycache__/<file>.<tag>.marshal
holds the parsed data with the YAML file's size and modification time, and
is used while they match. Parsing the YAML was a third of a cold start;
reading the cache takes a millisecond.

Where Python writes no bytecode (PYTHONDONTWRITEBYTECODE, as many container
images set) or the installation cannot be written, the caches of
copydesk's own files go to a per-user folder instead,
$XDG_CACHE_HOME/copydesk (~/.cache/copydesk), under a folder named for the
installation, so that every start after the first is warm there too.
Nothing is ever written beside the package then, and a cache that cannot
be read or written is simply not used."""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any, Callable

from .. import __version__

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
    name = f"{path.name}.{_TAG}.marshal"
    cache, elsewhere = path.parent / "__pycache__" / name, per_user(path, name)
    for candidate in (cache, elsewhere):
        try:
            saved, data = marshal.loads(candidate.read_bytes())
            if tuple(saved) == stamp:
                return data
        except (OSError, EOFError, ValueError, TypeError, AttributeError):
            pass  # no cache yet, or one from another copydesk: parse again
    data = parse(path)
    try:
        payload = marshal.dumps((stamp, data))
    except ValueError:  # a value marshal cannot hold (a YAML date): no cache
        return data
    if (sys.dont_write_bytecode or not write_quietly(cache, payload)) and elsewhere is not None:
        write_quietly(elsewhere, payload, parents=True)
    return data


def per_user(path: Path, name: str) -> Path | None:
    """Where the cache `name` of copydesk's own file `path` goes when not
    beside it: the per-user cache folder, in a folder for this
    installation. None for other files (a newsroom's pack, a test's)."""
    package = Path(__file__).parents[1]  # the lint package
    if package not in path.parents and package.parent / "rules" not in path.parents:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    install = f"{zlib.crc32(str(package.resolve()).encode()):08x}"
    return Path(base) / "copydesk" / install / name


def write_quietly(cache: Path, payload: bytes, parents: bool = False) -> bool:
    """Replace `cache` with `payload` atomically (readers see the old file or
    the new one, never half), creating its folder (and those above it,
    with `parents`); on a read-only installation, write nothing and say
    nothing. Was it written?"""
    temporary = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    try:
        cache.parent.mkdir(parents=parents, exist_ok=True)
        temporary.write_bytes(payload)
        os.replace(temporary, cache)
    except OSError:
        try:
            temporary.unlink()
        except OSError:
            pass
        return False
    return True
