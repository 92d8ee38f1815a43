"""Replacing a file whole or not at all: the new bytes go to a new file
beside it, which is then renamed over it, so that a reader sees the old
file or the new one, never half of one. On any failure, a signal
included, the new file is removed and the old one is left as it was.
`fix` writes articles and Word files this way, and the caches their data."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import IO, Callable, Iterator


class NotMade(OSError):
    """The new file could not be made beside the old one (a folder that may
    not be written, a full disk): nothing was written."""


@contextmanager
def replacing(target: str, *, suffix: str = ".tmp", mode: int = 0o600, durable: bool = False,
              before: Callable[[str], None] | None = None) -> Iterator[IO[bytes]]:
    """A binary handle on a new file beside `target` (`mode`, less the
    umask); when the block ends without an exception, the file is flushed
    (and synced to the disk, `durable`), `before(its path)` runs (and may
    raise to stop the replacement), and it is renamed over `target`."""
    # The name (64 random bits: no other run's) is chosen before the `try`
    # and the file made inside it, so that a signal landing just after the
    # file is made still removes it.
    new = os.path.join(os.path.dirname(target), f".copydesk-{os.urandom(8).hex()}{suffix}")
    try:
        try:
            fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except OSError as exc:
            new = None  # a failed O_EXCL open made nothing: there is nothing of ours to remove
            raise NotMade(exc.errno, exc.strerror) from None
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if before is not None:
            before(new)
        os.replace(new, target)
    except BaseException:
        if new is not None:
            try:
                os.unlink(new)
            except OSError:
                pass
        raise
