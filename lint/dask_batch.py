"""The JSON Lines batch mode on Dask, for archives larger than one machine.

    from dask.distributed import Client
    from lint.dask_batch import check_jsonl_files

    client = Client("tcp://scheduler:8786")   # or a LocalCluster
    check_jsonl_files("archive/*.jsonl", "results/")  # one result file per partition

Each partition of the bag runs the same code as `copydesk check --jsonl`, so
the results are identical to a single-machine run. Needs the `dask` extra:
pip install 'copydesk[dask]'. The command `copydesk dask` wraps this.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import config
from .batch import check_lines
from .config import Settings


def _check_partition(lines, overrides: dict, settings: Settings | None) -> list[str]:
    return [json.dumps(r, ensure_ascii=False) for r in check_lines(lines, overrides, settings)]


def check_bag(lines, overrides: dict | None = None, settings: Settings | None = None):
    """A dask.bag of result lines (JSON strings) for a bag of input lines."""
    return lines.map_partitions(_check_partition, overrides or {}, settings)


def check_jsonl_files(urlpath, output: str, overrides: dict | None = None, settings: Settings | None = None,
                      blocksize: str | None = "16MiB") -> list[str]:
    """Check JSON Lines files matching `urlpath`; write results under `output`
    (one *.jsonl per partition, in input order). Returns the files written."""
    import dask.bag as db

    settings = settings or config.find_for_dir(Path.cwd())  # resolved here, not on the workers
    lines = db.read_text(urlpath, blocksize=blocksize, linedelimiter="\n")
    return check_bag(lines, overrides, settings).to_textfiles(f"{output.rstrip('/')}/*.jsonl", last_endline=True)
