"""What BOIL018's survey costs: `copydesk check` over clean/bbc with the
default rules, and with BOIL018 added (the survey reads and parses every
file once more before the check), as whole processes, cache off, with one
worker and with two. The commands run in turns, best of --runs each, so
that the machine's drift touches them alike.

    python bench/survey_cost.py            # corpora from $COPYDESK_CORPORA
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from common import corpora_dir


def copydesk() -> str:
    return str(Path(sys.executable).parent / "copydesk")


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([copydesk(), *args], stdout=subprocess.DEVNULL, check=False,
                   env={**os.environ, "NO_COLOR": "1"})
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = str(corpora_dir() / "clean" / "bbc")
    commands = {f"check --no-cache -j{jobs}{extra} clean/bbc": ["check", "--no-cache", f"-j{jobs}", *extra.split(),
                                                                  folder]
                for jobs in (1, 2) for extra in ("", " --extend-select BOIL018")}
    best = {name: float("inf") for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            best[name] = min(best[name], timed(command))
    print("| command | seconds (best of %d) | survey's share |" % args.runs)
    print("|---|---|---|")
    names = list(commands)
    for plain, surveyed in zip(names[::2], names[1::2]):
        print(f"| `copydesk {plain}` | {best[plain]:.2f} | |")
        print(f"| `copydesk {surveyed}` | {best[surveyed]:.2f} | +{best[surveyed] - best[plain]:.2f} s "
              f"({100 * (best[surveyed] / best[plain] - 1):.0f}%) |")


if __name__ == "__main__":
    main()
