"""Stopping cleanly on SIGINT and SIGTERM. Both raise an exception in the
main thread (SIGINT's is Python's own KeyboardInterrupt), so that every
file being written is either left as it was or replaced whole (its
temporary file is removed on the way out), the worker processes are
stopped, and the run exits as shells expect: 130 after SIGINT, 143 after
SIGTERM."""

from __future__ import annotations

import os
import signal

_working = False  # in a pool worker: inside a step's work (run_work)


class Terminated(BaseException):
    """SIGTERM, raised where the program was (like KeyboardInterrupt)."""


def _raise(signum, frame):
    raise Terminated()


def _end_worker(signum, frame):
    if _working:
        raise Terminated()  # unwind first: the file being written is removed
    os._exit(143)  # idle: nothing to clean up, and no traceback or exit handlers that wait on the pool's pipes


def catch_termination(worker: bool = False) -> None:
    """Make SIGTERM raise Terminated in this process's main thread. In a
    pool `worker`, Ctrl-C (which a terminal sends to every process of the
    run) is left to the parent, which stops the workers; SIGTERM ends a
    worker at once and quietly, after unwinding the work it is inside."""
    if worker:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, _end_worker)
    else:
        signal.signal(signal.SIGTERM, _raise)


def run_work(work, *args):
    """A step's work in a pool worker (steps.run_steps submits this)."""
    global _working
    _working = True
    try:
        return work(*args)
    except Terminated:
        os._exit(143)
    finally:
        _working = False


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
