"""Scaling benchmark: every core busy, memory bounded, warm from the first start.

    python bench/scale.py                  # everything (about 30 minutes on 2 cores)
    python bench/scale.py --quick          # inputs a tenth the size, fewer runs
    python bench/scale.py --only speed     # one section: speed, memory, cache or start

Measures, with inputs made from the clean articles (clean/bbc and
clean/modern) in a temporary folder, against these targets:
- speed-up with two workers: `check --jsonl` on a 50 MB JSON Lines file,
  `check` on a folder of 4,450 articles (target 1.7x both), and
  `copydesk dask` with two local workers (target 1.6x, two partitions a
  worker or more) against one process, results compared for identity;
- peak memory (the largest process of a run; target 150 MB) of `check`
  on a 200 MB plain file (one paragraph a line, and paragraphs set apart
  by blank lines), a 200 MB JSON Lines file and a folder of 20,000
  articles, and of `fix` on the 200 MB file of one paragraph a line;
- the CPU a first run with the result cache costs against --no-cache
  (target 1.10x), on a folder holding each clean article once;
- cold start: `check` on one article, with warm caches, and where
  PYTHONDONTWRITEBYTECODE=1 as a fresh installation of the wheel pip
  builds (with the pack and pattern caches it carries), and as one without
  them (their first start makes them in the per-user folder).

Timings are the median of several runs (--runs), the runs compared taken
in turns, on a machine that may be shared: the load average is printed
with the tables. Each command runs under a small helper process that
reports its peak resident memory and CPU (getrusage of its children), so
no figure counts this script's own memory. Prints Markdown tables.

The targets on a shared 2-core machine (1 December 2026, load 0.4 to
1.8; medians of 5 runs in turns; before: the code of that morning; the
memory and the cold starts taken again on 2 December, load 0.4-2.3, the
starts once the wheel carried the caches):

| target | before | after | command |
|---|---|---|---|
| `check --jsonl -j2` 1.7x `-j1` | 1.78x | 1.89x (10.7 s, 5.7 s) | `--only speed` |
| `check -j2` on a folder 1.7x `-j1` | 1.69x | 1.77x (2.6 s, 1.5 s) | `--only speed` |
| `copydesk dask --workers 2` 1.6x one process | 1.47x | 1.69x (10.9 s, 6.5 s) | `--only speed` |
| Dask partitions: 2 a worker or more | 4 for 2 | 4 for 2 | `--only speed` |
| `check` 200 MB plain file, 150 MB | 139 MB | 109-121 MB (-j2 118-119) | `--only memory` |
| `fix` 200 MB plain file, 150 MB | 128 MB | 125 MB (-j2 124) | `--only memory` |
| `check --jsonl` 200 MB, 150 MB | 48 MB | 46 MB (-j2 47) | `--only memory` |
| `check` 20,000 articles, 150 MB | 69 MB | 72 MB (-j2 58) | `--only memory` |
| first cached run's CPU, 1.10x `--no-cache` | 1.05x | 1.02x | `--only cache` |
| cold start with caches, 80 ms | 118 ms | 84 ms at load 0.4, 87 ms at load 1.0 (72-80 ms from a wheel, the day before) | `--only start` |
| cold start, no bytecode written, fresh install, 100 ms | 124 ms (first 230) | 85 ms, the first start too (the wheel carries the caches) | `--only start` |

Results are the same byte for byte with one process and two, and Dask's
result files joined are `check --jsonl`'s output.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import CHECKOUT, clean_articles, corpora_dir  # noqa: E402

EXE = str(Path(sys.executable).parent / "copydesk")
MB = 1_000_000
# Runs a command and prints its wall time, CPU time and the peak resident
# memory (KB) of its largest process: the helper is small, so the figure is
# the command's own.
_HELPER = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, code)
"""


def run(args: list[str], cwd=None, env=None) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, peak KB) of one run of `args`."""
    out = subprocess.run([sys.executable, "-c", _HELPER, *args], capture_output=True, text=True, cwd=cwd,
                         env=env, check=True).stdout.split()
    wall, cpu, peak, code = float(out[0]), float(out[1]), int(out[2]), int(out[3])
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(args)} failed with exit code {code}")
    return wall, cpu, peak


def median(variants: dict[str, list[str]], runs: int, cwd=None, prepare=None) -> dict[str, tuple[float, float, int]]:
    """Each variant's median run (by wall time) of `runs`, the variants in
    turns, so that a neighbour's load falls on all of them alike."""
    found: dict[str, list] = {name: [] for name in variants}
    for _ in range(runs):
        for name, args in variants.items():
            if prepare:
                prepare(name)
            found[name].append(run(args, cwd))
    return {name: sorted(results)[(len(results) - 1) // 2] for name, results in found.items()}


# -- inputs ---------------------------------------------------------------------------


def articles() -> list[str]:
    """The clean articles (clean/bbc and clean/modern)."""
    return list(clean_articles(corpora_dir()).values())


def one_a_line(text: str) -> str:
    return re.sub(r"\n\s*\n", "\n", text).strip() + "\n"


def write_until(path: Path, size: int, pieces) -> Path:
    """Write pieces (cycling) to `path` until it holds `size` bytes, a piece at a time."""
    written = 0
    with open(path, "w", encoding="utf-8") as out:
        while written < size:
            for i, piece in enumerate(pieces):
                data = piece(i, written)
                out.write(data)
                written += len(data.encode("utf-8"))
                if written >= size:
                    break
    return path


def make_inputs(folder: Path, scale: float, needed: set[str]) -> dict[str, Path]:
    """The inputs named in `needed`, written into `folder`."""
    texts = articles()
    size = lambda mb: int(mb * scale * MB)  # noqa: E731
    records = [(lambda t: lambda i, n: json.dumps({"id": f"{n}-{i}", "text": t}) + "\n")(t) for t in texts]
    files = {
        "jsonl50": lambda: write_until(folder / "records50.jsonl", size(50), records),
        "jsonl200": lambda: write_until(folder / "records200.jsonl", size(200), records),
        "lines200": lambda: write_until(folder / "lines200.txt", size(200), [
            (lambda t: lambda i, n: one_a_line(t))(t) for t in texts]),
        "blank200": lambda: write_until(folder / "blank200.txt", size(200), [
            (lambda t: lambda i, n: t.rstrip("\n") + "\n\n")(t) for t in texts]),
    }
    # The cache's folder holds each article once: a copy of one would be
    # answered by the cache within the run, and flatter its cost.
    folders = {"folder": int(20_000 * scale), "folder_speed": int(4_450 * scale),
               "folder_cache": int(len(texts) * scale)}
    inputs = {name: make() for name, make in files.items() if name in needed}
    for name, count in folders.items():
        if name in needed:
            target = inputs[name] = folder / name
            target.mkdir()
            for i in range(count):
                (target / f"a{i:05d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
    return inputs


# -- measurements ---------------------------------------------------------------------


def speedups(inputs: dict[str, Path], work: Path, runs: int) -> list[str]:
    rows = ["| run | 1 process (s) | 2 workers (s) | speed-up | target | same results |", "|---|---|---|---|---|---|"]
    jsonl = str(inputs["jsonl50"])
    outputs = {}
    for name, args in (("check --jsonl", ["check", "--jsonl"]), ("check folder", ["check", "--no-cache"])):
        target = jsonl if "jsonl" in name else str(inputs["folder_speed"])
        variants = {j: [EXE, *args, "-j", j, target] for j in ("1", "2")}
        timed = median(variants, runs, cwd=work)
        for j in ("1", "2"):
            outputs[(name, j)] = subprocess.run([EXE, *args, "-j", j, target], capture_output=True, cwd=work).stdout
        same = outputs[(name, "1")] == outputs[(name, "2")]
        rows.append(f"| `{name}` ({_size(target)}) | {timed['1'][0]:.1f} | {timed['2'][0]:.1f} | "
                    f"{timed['1'][0] / timed['2'][0]:.2f}x | 1.7x | {'yes' if same else 'NO'} |")
    dask_out = work / "dask-out"

    def clear(name):
        shutil.rmtree(dask_out, ignore_errors=True)

    timed = median({"1": [EXE, "check", "--jsonl", "-j", "1", jsonl],
                  "dask": [EXE, "dask", jsonl, "-o", str(dask_out), "--workers", "2"]}, runs, cwd=work, prepare=clear)
    clear(None)
    subprocess.run([EXE, "dask", jsonl, "-o", str(dask_out), "--workers", "2"], capture_output=True, cwd=work)
    got = b"".join(p.read_bytes() for p in sorted(dask_out.glob("*.jsonl")))
    same = got == outputs[("check --jsonl", "1")]
    partitions = len(list(dask_out.glob("*.jsonl")))
    rows.append(f"| `copydesk dask --workers 2` ({_size(jsonl)}, {partitions} partitions) | {timed['1'][0]:.1f} | "
                f"{timed['dask'][0]:.1f} | {timed['1'][0] / timed['dask'][0]:.2f}x | 1.6x, 4 partitions | "
                f"{'yes' if same else 'NO'} |")
    return rows


def memory(inputs: dict[str, Path], work: Path) -> list[str]:
    rows = ["| run | input | seconds | peak memory (MB; target 150) |", "|---|---|---|---|"]
    cases = [("check, one paragraph a line", ["check", "--no-cache", str(inputs["lines200"])], inputs["lines200"]),
             ("check, blank lines", ["check", "--no-cache", str(inputs["blank200"])], inputs["blank200"]),
             ("check --jsonl", ["check", "--jsonl", str(inputs["jsonl200"])], inputs["jsonl200"]),
             ("check, folder", ["check", "--no-cache", str(inputs["folder"])], inputs["folder"]),
             ("fix, one paragraph a line", ["fix", "--no-cache", str(work / "fix200.txt")], inputs["lines200"])]
    for name, args, target in cases:
        for jobs in ("1", "2"):
            if name.startswith("fix"):  # each fix starts from the same unfixed copy
                shutil.copyfile(inputs["lines200"], work / "fix200.txt")
            wall, _, peak = run([EXE, *args, "-j", jobs], cwd=work)
            rows.append(f"| `{name}` -j{jobs} | {_size(target)} | {wall:.1f} | {peak / 1024:.0f} |")
    return rows


def cache_cost(inputs: dict[str, Path], work: Path, runs: int) -> list[str]:
    folder = str(inputs["folder_cache"])
    cpu = {"no cache": [], "first cached run": [], "warm cache": []}
    for _ in range(runs):
        home = Path(tempfile.mkdtemp(dir=work))
        cpu["no cache"].append(run([EXE, "check", "-j1", "--no-cache", folder], cwd=home)[1])
        cpu["first cached run"].append(run([EXE, "check", "-j1", folder], cwd=home)[1])
        cpu["warm cache"].append(run([EXE, "check", "-j1", folder], cwd=home)[1])
        shutil.rmtree(home)
    base = statistics.median(cpu["no cache"])
    rows = [f"| run (-j1, {_size(folder)}) | CPU seconds (median) | vs --no-cache (target 1.10x) |", "|---|---|---|"]
    rows += [f"| {name} | {statistics.median(values):.2f} | {statistics.median(values) / base:.3f}x |"
             for name, values in cpu.items()]
    return rows


def cold_start(work: Path, runs: int) -> list[str]:
    seed = corpora_dir().parent / "seed" / "us-warns-china.txt"
    article = work / "story.txt"
    article.write_bytes(seed.read_bytes() if seed.exists() else articles()[0].encode())
    rows = ["| start | median (ms) | best (ms) |", "|---|---|---|"]
    walls = [run([EXE, "check", "--no-cache", str(article)], cwd=work)[0] for _ in range(runs)]
    rows.append(f"| installed, caches warm | {statistics.median(walls) * 1000:.0f} | {min(walls) * 1000:.0f} |")
    # A fresh installation, where Python writes no bytecode: the wheel pip
    # builds, installed as pip does (bytecode compiled), with the caches it
    # carries; and the package copied as a wheel lays it out without them
    # (another Python or `regex` than the build's), whose first start makes
    # them in the per-user folder.
    wheel_site, copy_site = work / "wheel-site", work / "copy-site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(work / "dist"), str(CHECKOUT)], check=True)
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(wheel_site),
                    *map(str, (work / "dist").glob("copydesk-*.whl"))], check=True)
    shutil.copytree(wheel_site / "lint", copy_site / "lint", ignore=shutil.ignore_patterns("*.marshal"))
    command = [sys.executable, "-c", "from lint.launch import main; main()", "check", "--no-cache", str(article)]
    for name, site in (("fresh installation", wheel_site), ("installation without the wheel's caches", copy_site)):
        env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1",
               "XDG_CACHE_HOME": str(site.with_name(site.name + "-cache"))}
        first = run(command, cwd=work, env=env)[0]
        walls = [run(command, cwd=work, env=env)[0] for _ in range(runs)]
        rows.append(f"| {name}, PYTHONDONTWRITEBYTECODE=1, first start | {first * 1000:.0f} | - |")
        rows.append(f"| {name}, PYTHONDONTWRITEBYTECODE=1, later starts | "
                    f"{statistics.median(walls) * 1000:.0f} | {min(walls) * 1000:.0f} |")
    return rows


def _size(path) -> str:
    path = Path(path)
    if path.is_dir():
        files = list(path.iterdir())
        return f"{len(files):,} files, {sum(p.stat().st_size for p in files) / MB:.0f} MB"
    return f"{path.stat().st_size / MB:.0f} MB"


# Section -> (title, the inputs it reads, what it prints).
SECTIONS = {
    "speed": ("Every core busy (2 workers against 1)", ("jsonl50", "folder_speed"),
              lambda inputs, work, runs, quick: speedups(inputs, work, runs)),
    "memory": ("Peak memory", ("lines200", "blank200", "jsonl200", "folder"),
               lambda inputs, work, runs, quick: memory(inputs, work)),
    "cache": ("The result cache's first run", ("folder_cache",),
              lambda inputs, work, runs, quick: cache_cost(inputs, work, runs)),
    "start": ("Cold start", (), lambda inputs, work, runs, quick: cold_start(work, 5 if quick else 9)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="inputs a tenth the size, fewer runs")
    parser.add_argument("--only", choices=list(SECTIONS), action="append", help="this section only (repeatable)")
    parser.add_argument("--runs", type=int, help="runs of each timing (default 5, --quick 3)")
    options = parser.parse_args()
    scale, runs = (0.1, 3) if options.quick else (1.0, 5)
    runs = options.runs or runs
    with tempfile.TemporaryDirectory(prefix="copydesk-scale-") as tmp:
        work = Path(tmp)
        chosen = options.only or list(SECTIONS)
        inputs = make_inputs(work, scale, {name for section in chosen for name in SECTIONS[section][1]})
        started = time.time()
        sections = [(SECTIONS[name][0], SECTIONS[name][2](inputs, work, runs, options.quick)) for name in chosen]
        print(f"Machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at the end "
              f"({(time.time() - started) / 60:.0f} minutes); Python {sys.version.split()[0]}.\n")
        for title, rows in sections:
            print(f"### {title}\n")
            print("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
