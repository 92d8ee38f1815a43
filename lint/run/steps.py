"""Work in order, spread over a process pool that is never left idle: the
run is a sequence of steps (a batch of files, a batch of one long file's
windows), each a function for a worker and a handler that takes its
result, in order, in this process and gives the outcomes it completes.
Up to two steps per worker are in flight; the next is made (a file read
ahead, a long file's next windows cut) while they run, and outcomes are
given as soon as every step before them is handled.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Callable, Iterable, Iterator, NamedTuple

from . import interrupt


class Step(NamedTuple):
    work: Callable | None  # run in a worker (None: nothing to run)
    args: tuple
    handle: Callable[[Any], Iterable]  # the result -> outcomes it completes
    cancel: Callable[[], None] | None = None  # undo what waits for this step (a file half replaced)


def run_steps(steps: Iterable[Step], pool=None, ahead: int = 2) -> Iterator:
    """The outcomes of `steps`, in order: in `pool` (an Executor) with up
    to `ahead` steps per worker in flight, or here when there is none."""
    pending: deque = deque()
    try:
        if pool is None:
            for step in steps:
                pending.append((step, None))
                result = step.work(*step.args) if step.work else None
                yield from step.handle(result)
                pending.pop()
            return
        limit = ahead * max(1, getattr(pool, "_max_workers", 1))
        for step in steps:
            pending.append((step, pool.submit(interrupt.run_work, step.work, *step.args) if step.work else None))
            while len(pending) >= limit or (pending and _done(pending[0])):
                yield from _handled(pending.popleft())
        while pending:
            yield from _handled(pending.popleft())
    except BaseException:  # a signal, or the caller stopped reading: no worker goes on writing
        if pool is not None:
            interrupt.stop(pool)
        for step, _ in pending:
            if step.cancel is not None:
                step.cancel()
        raise


def file_steps(items: Iterable[tuple[Any, bool]], size: int, whole: Callable[[list], Step],
               long_steps: Callable[[Any], Iterable[Step]]) -> Iterator[Step]:
    """Steps over (file, is it long) in order: the files in batches of
    `size` (whole(batch)), each long file in steps of its own."""
    batch: list = []
    for item, is_long in items:
        if not is_long:
            batch.append(item)
            if len(batch) == size:
                yield whole(batch)
                batch = []
            continue
        if batch:
            yield whole(batch)
            batch = []
        yield from long_steps(item)
    if batch:
        yield whole(batch)


def worker_pool(workers: int, init: Callable, *args):
    """A process pool for run_steps whose workers take signals as a worker
    must (interrupt.catch_termination), then run `init(*args)`."""
    from concurrent.futures import ProcessPoolExecutor  # here: a run in one process needs no pool

    return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(init, *args))


def _start_worker(init: Callable, *args) -> None:
    interrupt.catch_termination(worker=True)
    init(*args)


def _done(item) -> bool:
    return item[1] is None or item[1].done()


def _handled(item) -> Iterable:
    step, future = item
    return step.handle(future.result() if future is not None else None)
