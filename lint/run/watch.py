"""check --watch: check the files again whenever one changes, until
interrupted. It polls the files' size and modification time (no
dependency, works on every file system, network shares included); a desk
keeps hundreds of files, not millions, so a poll is cheap."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Callable

from .config import CONFIG_FILES
from .ignores import IGNORE_FILES, SKIPPED_FOLDERS

Stamp = tuple[int, int]


def stamps(names: list[str]) -> dict[str, Stamp]:
    """Each file's (modification time, size); a file that vanished is left out."""
    found = {}
    for name in names:
        try:
            st = os.stat(name)
        except OSError:
            continue
        found[name] = (st.st_mtime_ns, st.st_size)
    return found


def listing_stamp(paths: tuple[str, ...], also: frozenset[str] = frozenset()) -> frozenset:
    """What a listing of `paths` and the configuration it is checked under
    depend on, as stamps: each folder inside them (adding or removing a file
    changes its folder's), the configuration and ignore files in those
    folders and above them, and the files `also` names (the packs). Cheap
    next to listing the files and reading every configuration again."""
    folders, above = set(), set()
    for path in paths:
        full = os.path.abspath(path)
        above.update(Path(full).parents)
        if os.path.isdir(full):
            for folder, dirs, _ in os.walk(full):
                dirs[:] = [d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS]
                folders.add(folder)
        else:
            above.add(Path(full).parent)
    names = [os.path.join(folder, name) for folder in {*folders, *map(str, above)} for name in _WATCHED_NAMES]
    return frozenset(stamps([*folders, *names, *also]).items())


_WATCHED_NAMES = (*CONFIG_FILES, *IGNORE_FILES)


def watch(list_files: Callable[[], list[str]], check: Callable[[list[str]], None], interval: float = 0.5,
          settings: Callable[[], object] = lambda: None) -> None:
    """Check every file, then, each `interval` seconds, the files that are
    new or changed since they were last checked, and every file when
    `settings()` (asked after each listing) has changed: a configuration
    edited while watching. Returns on Ctrl-C."""
    seen = stamps(list_files())
    era = settings()
    check(sorted(seen))
    try:
        while True:
            time.sleep(interval)
            now = stamps(list_files())
            current = settings()
            changed = sorted(now) if current != era else sorted(name for name, stamp in now.items()
                                                                 if seen.get(name) != stamp)
            seen, era = now, current
            if changed:
                check(changed)
    except KeyboardInterrupt:
        return
