"""What BOIL018's survey costs: `copydesk check` over clean/bbc with the
default rules, and with BOIL018 added (the survey reads and parses every
file once more before the check), as whole processes, cache off, with one
worker and with two. The commands run in turns, best of --runs each, so
that the machine's drift touches them alike.

    python bench/survey_cost.py            # corpora from $COPYDESK_CORPORA
"""

from __future__ import annotations

import argparse

from common import corpora_dir
from speed import EXE, in_turns, whole_process


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = str(corpora_dir() / "clean" / "bbc")
    commands = {f"check --no-cache -j{jobs}{extra} clean/bbc": ["check", "--no-cache", f"-j{jobs}", *extra.split(),
                                                                  folder]
                for jobs in (1, 2) for extra in ("", " --extend-select BOIL018")}
    timers = [lambda command=command: whole_process([str(EXE), *command]) for command in commands.values()]
    best = dict(zip(commands, in_turns(args.runs, *timers)))
    print("| command | seconds (best of %d) | survey's share |" % args.runs)
    print("|---|---|---|")
    names = list(commands)
    for plain, surveyed in zip(names[::2], names[1::2]):
        print(f"| `copydesk {plain}` | {best[plain]:.2f} | |")
        print(f"| `copydesk {surveyed}` | {best[surveyed]:.2f} | +{best[surveyed] - best[plain]:.2f} s "
              f"({100 * (best[surveyed] / best[plain] - 1):.0f}%) |")


if __name__ == "__main__":
    main()
