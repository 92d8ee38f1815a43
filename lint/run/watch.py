"""check --watch: check the files again whenever one changes, until
interrupted. It polls the files' size and modification time (no
dependency, works on every file system, network shares included); a desk
keeps hundreds of files, not millions, so a poll is cheap."""

from __future__ import annotations

import os
import time
from typing import Callable

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
