"""Every core busy, memory bounded: batch output in input order whatever
the workers finish first, Dask partitions enough for every worker, and
the memory of real runs that does not grow with the input (a long plain
file, JSON Lines, a folder) because no text is held whole."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from conftest import CORPORA, run_cli

from lint.run import dask_batch


def _articles() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted((CORPORA / "clean" / "bbc").glob("*.txt"))[:400]]


def _records(n: int) -> bytes:
    texts = _articles()
    lines = []
    for i in range(n):
        text = texts[i % len(texts)] * (40 if i == 3 else 1)  # one record far longer than the rest
        lines.append(json.dumps({"id": i, "text": text.replace("said", "said said", 1)}) + "\n")
    return "".join(lines).encode()


@pytest.mark.parametrize("command", [("check",), ("fix",)])
def test_jsonl_output_keeps_input_order_with_workers(tmp_path, command):
    path = tmp_path / "in.jsonl"
    path.write_bytes(_records(700))
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"{jobs}.jsonl"
        target.write_bytes(path.read_bytes())
        result = run_cli(*command, "--jsonl", "--jobs", jobs, "-", input=target.read_bytes())
        assert result.returncode == 1, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    ids = [json.loads(line)["id"] for line in outputs[1].decode().splitlines()]
    assert ids == list(range(700))


def test_dask_partitions_are_at_least_two_per_worker(tmp_path, monkeypatch):
    import dask.bag as db

    monkeypatch.setattr(dask_batch, "MIN_BLOCK", 1 << 16)
    path = tmp_path / "in.jsonl"
    path.write_bytes(_records(300))
    for threads in (1, 2, 4):
        size = dask_batch.blocksize_for(str(path), threads)
        assert db.read_text(str(path), blocksize=size).npartitions >= 2 * threads
    assert dask_batch.blocksize_for(str(path), 1000) == 1 << 16  # never below MIN_BLOCK


# -- memory of real runs ------------------------------------------------------------


# Runs copydesk and writes its peak resident memory (VmHWM, of this process
# image only: a forked child's maxrss would count pytest's own memory too).
_MEASURED = """
import atexit, sys
from lint.cli import main

report = sys.argv.pop(1)

def peak():
    with open("/proc/self/status") as status, open(report, "w") as out:
        out.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))

atexit.register(peak)
main()
"""


def _peak_kb(args: list[str], cwd) -> int:
    """The peak resident memory of a copydesk run (-j1: one process), in KB."""
    report = cwd / "peak.txt"
    result = subprocess.run([sys.executable, "-c", _MEASURED, str(report), *args], cwd=cwd, capture_output=True)
    assert result.returncode in (0, 1), result.stderr
    return int(report.read_text())


def _one_a_line(size: int) -> str:
    text = "".join(re.sub(r"\n\s*\n", "\n", a).strip() + " \n" for a in _articles())
    return (text * (size // len(text) + 1))[:size].rsplit("\n", 1)[0] + "\n"


def _grows(tmp_path, make, args: list[str], small: int, large: int) -> int:
    """How much more memory (KB) a run takes on `large` than on `small` input."""
    peaks = []
    for size in (small, large):
        target = make(tmp_path / f"in{size}", size)
        peaks.append(_peak_kb([*args, str(target)], tmp_path))
    return peaks[1] - peaks[0]


def test_a_long_plain_file_is_not_held(tmp_path):
    def make(path, size):
        path = path.with_suffix(".txt")
        path.write_text(_one_a_line(size), encoding="utf-8")
        return path

    grown = _grows(tmp_path, make, ["check", "--no-cache", "-j1", "--select", "WS001"], 2_500_000, 10_000_000)
    assert grown < 5_000  # the text alone is 7.5 MB more, read whole twice that


def test_a_line_of_megabytes_does_not_hold_its_findings(tmp_path):
    """No block is cut, so a line longer than a window (a page saved with
    no line breaks) is a window of its own: its 800,000 findings were all
    held (1.1 GB at 4 MB), where the file keeps 1,000 and counts the rest."""
    grown = _grows(tmp_path, lambda path, size: _written(path, "x  " * size + "\n"),
                   ["check", "--no-cache", "-j1", "--select", "WS003"], 100_000, 800_000)
    # The line is one window, its 2.1 MB more text held a few times over
    # (13 MB); its 700,000 findings more took 627 MB before.
    assert grown < 30_000


def _written(path, text: str):
    path = path.with_suffix(".txt")
    path.write_text(text, encoding="utf-8")
    return path


def test_json_lines_are_not_held(tmp_path):
    def make(path, size):
        path = path.with_suffix(".jsonl")
        records = _records(2000)
        path.write_bytes((records * (size // len(records) + 1))[:size].rsplit(b"\n", 1)[0] + b"\n")
        return path

    grown = _grows(tmp_path, make, ["check", "--jsonl", "-j1", "--select", "WS001"], 2_000_000, 8_000_000)
    assert grown < 5_000


def test_a_folder_report_does_not_hold_the_files(tmp_path):
    texts = _articles()

    def make(path, count):
        path.mkdir()
        for i in range(count):
            (path / f"a{i:05d}.txt").write_text(texts[i % len(texts)] * 3, encoding="utf-8")
        return path

    grown = _grows(tmp_path, make, ["check", "--no-cache", "-j1", "--select", "WS001", "--format", "json"], 300, 1500)
    assert grown < 5_000  # the files hold 8 MB more
