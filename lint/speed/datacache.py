"""The built-in rule packs and lexicons, parsed once and cached beside them
the way Python caches bytecode: rules/__pycache__/<file>.<tag>.marshal
holds the parsed data with the YAML file's size and checksum, and is used
while they match (not its time: a wheel built with its caches,
wheelcaches.py, installs the files at another time). Parsing the YAML was
a third of a cold start; reading the cache takes a millisecond.

Where Python writes no bytecode (PYTHONDONTWRITEBYTECODE, as many container
images set) or the installation cannot be written, the caches of
copydesk's own files go to a per-user folder instead,
$XDG_CACHE_HOME/copydesk (~/.cache/copydesk), under a folder named for the
installation, so that every start after the first is warm there too.
Nothing is ever written beside the package then, and a cache that cannot
be read or written is simply not used. Writing there tidies up
(write_per_user): this installation's caches from another copydesk or
`regex` go, and so do the folders of installations that are gone (each
folder names its own in a file `origin`)."""

from __future__ import annotations

import marshal
import os
import sys
import time
import zlib
from pathlib import Path
from typing import Any, Callable

from .. import __version__
from ..core import atomic

# marshal's format belongs to one Python version; the data, to one copydesk
# and to what the parsers return (raise FORMAT when that changes).
FORMAT = 4
_TAG = f"{sys.implementation.cache_tag}-{__version__}-{FORMAT}"
_PACKAGE = Path(__file__).parents[1]  # the lint package


def parsed(path: Path, parse: Callable[[Path], Any]) -> Any:
    """`parse(path)`, or the cached result of an earlier call for the same file."""
    try:
        content = path.read_bytes()
    except OSError:
        return parse(path)  # the parser reports the missing file
    stamp = (len(content), zlib.crc32(content))
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
        write_per_user(elsewhere, payload)
    return data


def per_user(path: Path, name: str) -> Path | None:
    """Where the cache `name` of copydesk's own file `path` goes when not
    beside it: the per-user cache folder, in a folder for this
    installation. None for other files (a newsroom's pack, a test's)."""
    if _PACKAGE not in path.parents and _PACKAGE.parent / "rules" not in path.parents:
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    install = f"{zlib.crc32(str(_PACKAGE.resolve()).encode()):08x}"
    return Path(base) / "copydesk" / install / name


# A folder that names no installation (made before folders named theirs)
# goes once nothing in it has changed for this long.
UNCLAIMED_DAYS = 30


def write_per_user(cache: Path, payload: bytes) -> bool:
    """write_quietly into the per-user cache folder, then tidy it up: the
    same cache for another copydesk or `regex` (its name the same up to
    this Python's tag, "boilerplate.yml.cpython-311-") goes, and once a
    process, so do the folders of installations that are gone. Was it
    written?"""
    global _tidied
    if not write_quietly(cache, payload, parents=True):
        return False
    folder, name = cache.parent, cache.name
    stem = name[: name.find(_PYTHON) + len(_PYTHON)]
    try:
        for entry in os.scandir(folder):
            if entry.name.startswith(stem) and entry.name.endswith(".marshal") and entry.name != name:
                os.unlink(entry.path)
        if not _tidied:
            _tidied = True
            origin = folder / "origin"
            if not origin.exists():
                write_quietly(origin, str(_PACKAGE.resolve()).encode("utf-8"))
            _forget_gone_installations(folder)
    except OSError:
        pass  # tidying is a courtesy: the cache is written
    return True


_PYTHON = f".{sys.implementation.cache_tag}-"  # in every cache's name, after what it caches
_tidied = False  # the installation folders are looked over once a process


def _forget_gone_installations(mine: Path) -> None:
    import shutil

    now = time.time()
    for entry in os.scandir(mine.parent):
        if entry.path == str(mine) or not entry.is_dir(follow_symlinks=False):
            continue
        try:
            gone = not os.path.exists(Path(entry.path, "origin").read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):  # no origin: gone once unused for long
            gone = now - entry.stat(follow_symlinks=False).st_mtime > UNCLAIMED_DAYS * 86400
        if gone:
            shutil.rmtree(entry.path, ignore_errors=True)


def write_quietly(cache: Path, payload: bytes, parents: bool = False) -> bool:
    """Replace `cache` with `payload` atomically (readers see the old file or
    the new one, never half), creating its folder (and those above it,
    with `parents`); on a read-only installation, write nothing and say
    nothing. Was it written?"""
    try:
        cache.parent.mkdir(parents=parents, exist_ok=True)
        with atomic.replacing(str(cache), mode=0o666) as handle:  # (readable as bytecode is, by the umask)
            handle.write(payload)
    except OSError:
        return False
    return True
