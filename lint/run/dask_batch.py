"""The JSON Lines batch mode on Dask, for archives larger than one machine.

    from dask.distributed import Client
    from lint.run.dask_batch import check_jsonl_files

    client = Client("tcp://scheduler:8786")   # or a LocalCluster
    check_jsonl_files("archive/*.jsonl", "results/")  # one result file per partition

Each partition of the bag runs the same code as `copydesk check --jsonl`, so
the results are identical to a single-machine run. When BOIL018 (a site's
template) is selected, a survey stage goes first: each partition counts
its records' lines, the counts are added up on the cluster (a tree of
partial sums) and cut to the lines that recur often enough there, and
that small Recurring goes to every partition of the check. The input is cut into
at least PER_WORKER partitions per worker of the cluster, so that no
worker waits while another works through a big block. Needs the `dask`
extra: pip install 'copydesk[dask]'. The command `copydesk dask` wraps this.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from ..core.recurring import Recurring
from . import config
from .batch import check_lines, surveys, tally
from .config import Settings

PER_WORKER = 2  # partitions per worker thread, at least
MIN_BLOCK = 1 << 20  # bytes: smaller blocks cost more in scheduling than they gain
MAX_BLOCK = 64 << 20  # bytes: a worker holds one block's records and results at a time


def _check_partition(lines, overrides: dict, settings: Settings | None) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) for r in check_lines(lines, overrides, settings)]


def check_bag(lines, overrides: dict | None = None, settings: Settings | None = None):
    """A dask.bag of result lines (JSON strings) for a bag of input lines."""
    return lines.map_partitions(_check_partition, overrides or {}, settings)


def _added(tallies) -> tuple[Counter, int]:
    counts, files = Counter(), 0
    for part, n in tallies:
        counts.update(part)
        files += n
    return counts, files


def survey_bag(lines, overrides: dict | None = None, settings: Settings | None = None):
    """A dask Item: the Recurring of a bag of input lines (BOIL018), worked
    out on the cluster, so that only the lines that recur come back."""
    overrides = overrides or {}
    tallies = lines.reduction(lambda part: tally(part, overrides, settings), _added, split_every=8)
    return tallies.apply(lambda counted: Recurring(*counted, unit="records"))


def workers() -> int:
    """Worker threads of the cluster the current client talks to (the
    machine's cores without one)."""
    try:
        from dask.distributed import get_client

        return max(1, sum(get_client().nthreads().values()))
    except (ImportError, ValueError):
        import os

        return os.cpu_count() or 1


def blocksize_for(urlpath, threads: int) -> int:
    """Bytes per partition: the input split into PER_WORKER blocks per
    worker thread or more, within MIN_BLOCK and MAX_BLOCK."""
    from fsspec.core import get_fs_token_paths

    fs, _, paths = get_fs_token_paths(urlpath)
    total = sum(fs.size(path) for path in paths)
    return max(MIN_BLOCK, min(MAX_BLOCK, total // (PER_WORKER * threads)))


def check_jsonl_files(urlpath, output: str, overrides: dict | None = None, settings: Settings | None = None,
                      blocksize: int | str | None = None) -> list[str]:
    """Check JSON Lines files matching `urlpath`; write results under `output`
    (one *.jsonl per partition, numbered in input order). `blocksize`
    (None: blocksize_for the cluster) sets the partitions. Returns the files
    written, in order."""
    import dask.bag as db

    settings = settings or config.find_for_dir(Path.cwd())  # resolved here, not on the workers
    if blocksize is None:
        blocksize = blocksize_for(urlpath, workers())
    # (a line that is not UTF-8 is its record's error, as in `check --jsonl`)
    lines = db.read_text(urlpath, blocksize=blocksize, linedelimiter="\n", errors="surrogateescape")
    overrides = overrides or {}
    if surveys(overrides, settings):
        overrides = {**overrides, "recurring": survey_bag(lines, overrides, settings).compute()}
    return check_bag(lines, overrides, settings).to_textfiles(f"{output.rstrip('/')}/*.jsonl", last_endline=True,
                                                             name_function=lambda i: f"{i:06d}")
