"""Stopping cleanly on SIGINT and SIGTERM. Both raise an exception in the
main thread (SIGINT's is Python's own KeyboardInterrupt), so that every
file being written is either left as it was or replaced whole (its
temporary file is removed on the way out), the worker processes are
stopped, and the run exits as shells expect: 130 after SIGINT, 143 after
SIGTERM."""

from __future__ import annotations

import signal


class Terminated(BaseException):
    """SIGTERM, raised where the program was (like KeyboardInterrupt)."""


def _raise(signum, frame):
    raise Terminated()


def catch_termination() -> None:
    """Make SIGTERM raise Terminated in this process's main thread."""
    signal.signal(signal.SIGTERM, _raise)


def exit_code(exc: BaseException) -> int:
    return 143 if isinstance(exc, Terminated) else 130


def stop(pool, grace: float = 5.0) -> None:
    """Stop a process pool now: drop the work not started, ask each worker
    to end (SIGTERM: it removes the file it was writing), and kill those
    still there after `grace` seconds."""
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(grace)
        if process.is_alive():
            process.kill()
            process.join()
