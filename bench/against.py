"""This checkout's speed against another revision's, on the same machine at
the same time: whole `check -j1` processes on clean/bbc, taken in turns so
that a drift in the machine's speed touches both alike.

    python bench/against.py 9ec71b7              # the default rules
    python bench/against.py 9ec71b7 --same       # the same checks as proselint
    python bench/against.py 9ec71b7 --runs 9

The other revision is checked out in a temporary git worktree and run from
there with this Python (its dependencies must be installed here).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import corpora_dir  # noqa: E402
from speed import same_checks  # noqa: E402

CHECKOUT = HERE.parent


def timed(root: Path, args: list[str]) -> float:
    """Wall seconds of `python -m lint.cli check ...` run from `root`."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # bytecode, as installed
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lint.cli", "check", "--no-cache", "-j1", "-q", *args], cwd=root,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="the git revision to compare with")
    parser.add_argument("--same", action="store_true", help="select the same checks as proselint")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = str(corpora_dir() / "clean" / "bbc")
    extra = ["--select", ",".join(same_checks())] if args.same else []
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "other"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(other), args.revision], cwd=CHECKOUT,
                       check=True)
        try:
            roots = {args.revision: other, "this checkout": CHECKOUT}
            for root in roots.values():
                timed(root, [*extra, folder])  # bytecode and caches made before timing
            seconds: dict[str, list[float]] = {name: [] for name in roots}
            for _ in range(args.runs):
                for name, root in roots.items():
                    seconds[name].append(timed(root, [*extra, folder]))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=CHECKOUT)
    work = "the same checks as proselint" if args.same else "the default rules"
    print(f"`check --no-cache -j1` on clean/bbc, {work}, medians of {args.runs} runs in turns:\n")
    print("| code | median (s) | best (s) |\n|---|---|---|")
    for name, values in seconds.items():
        print(f"| {name} | {statistics.median(values):.2f} | {min(values):.2f} |")
    before, after = (statistics.median(v) for v in seconds.values())
    print(f"\nThis checkout takes {100 * (1 - after / before):.0f}% less time.")


if __name__ == "__main__":
    main()
