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
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from common import CHECKOUT, corpora_dir  # noqa: E402
from speed import WARM_ENV, same_checks, whole_process  # noqa: E402

# The copydesk command as installed (lint.launch is its entry point), run from a checkout.
COMMAND = [sys.executable, "-c", "from lint.launch import main; main()", "check", "--no-cache", "-j1", "-q"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="the git revision to compare with")
    parser.add_argument("--same", action="store_true", help="select the same checks as proselint")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    command = [*COMMAND, *(["--select", ",".join(same_checks())] if args.same else []),
               str(corpora_dir() / "clean" / "bbc")]
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "other"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(other), args.revision], cwd=CHECKOUT,
                       check=True)
        try:
            roots = {args.revision: other, "this checkout": CHECKOUT}
            for root in roots.values():
                whole_process(command, root, WARM_ENV)  # bytecode and caches made before timing
            seconds: dict[str, list[float]] = {name: [] for name in roots}
            for _ in range(args.runs):
                for name, root in roots.items():
                    seconds[name].append(whole_process(command, root, WARM_ENV))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=CHECKOUT)
    work = "the same checks as proselint" if args.same else "the default rules"
    print(f"`copydesk check --no-cache -j1` on clean/bbc, {work}, medians of {args.runs} runs in turns:\n")
    print("| code | median (s) | best (s) |\n|---|---|---|")
    for name, values in seconds.items():
        print(f"| {name} | {statistics.median(values):.2f} | {min(values):.2f} |")
    before, after = (statistics.median(v) for v in seconds.values())
    print(f"\nThis checkout takes {100 * (1 - after / before):.0f}% less time.")


if __name__ == "__main__":
    main()
