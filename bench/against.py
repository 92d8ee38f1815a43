"""This checkout's speed against another revision's, on the same machine at
the same time: whole `check -j1` processes on clean/bbc, taken in turns so
that a drift in the machine's speed touches both alike.

    python bench/against.py 9ec71b7              # the default rules
    python bench/against.py 9ec71b7 --same       # the same checks as proselint
    python bench/against.py 9ec71b7 --runs 9
    python bench/against.py 9ec71b7 --start --runs 41   # cold starts: `check` of one article
    python bench/against.py 9ec71b7 --as html    # the same articles as HTML pages (or --as markdown)
    python bench/against.py 9ec71b7 --as one-file   # all of them in one file, read window by window

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
from speed import WARM_ENV, instructions, lone_article, same_checks, to_html, to_markdown, whole_process  # noqa: E402

CONVERT = {"markdown": (to_markdown, ".md"), "html": (to_html, ".html")}


def converted(corpus: Path, fmt: str, folder: Path) -> Path:
    """The articles of `corpus` written into `folder` as Markdown or HTML files."""
    convert, suffix = CONVERT[fmt]
    folder.mkdir()
    for path in sorted(corpus.glob("*.txt")):
        (folder / path.with_suffix(suffix).name).write_text(convert(path.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def one_file(corpus: Path, folder: Path) -> Path:
    """The articles of `corpus` in one plain-text file, a blank line between
    them (as bench/speed.py joins them: a CMS export of a whole section)."""
    path = folder / "all.txt"
    path.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))), encoding="utf-8")
    return path


# The copydesk command as installed (lint.launch is its entry point), run from a checkout.
COMMAND = [sys.executable, "-c", "from lint.launch import main; main()", "check", "--no-cache", "-j1", "-q"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revision", help="the git revision to compare with")
    parser.add_argument("--same", action="store_true", help="select the same checks as proselint")
    parser.add_argument("--start", action="store_true", help="time cold starts: `check --no-cache` of one article")
    parser.add_argument("--as", dest="fmt", choices=[*sorted(CONVERT), "one-file"],
                        help="check the articles as Markdown or HTML files, or as one plain-text file")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, lone_article() as article:
        if args.start:
            command, work = [*COMMAND, str(article)], "`copydesk check --no-cache -j1` of one article"
        else:
            corpus = corpora_dir() / "clean" / "bbc"
            if args.fmt == "one-file":
                corpus = one_file(corpus, Path(tmp))
            elif args.fmt:
                corpus = converted(corpus, args.fmt, Path(tmp) / args.fmt)
            command = [*COMMAND, *(["--select", ",".join(same_checks())] if args.same else []), str(corpus)]
            shape = {None: "", "one-file": " as one file"}.get(args.fmt, f" as {args.fmt} files")
            work = (f"`copydesk check --no-cache -j1` on clean/bbc{shape}, "
                    f"{'the same checks as proselint' if args.same else 'the default rules'}")
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
            counts = {name: instructions(command, root) for name, root in roots.items() if args.start}
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(other)], cwd=CHECKOUT)
    unit, scale = ("ms", 1000) if args.start else ("s", 1)
    print(f"{work}, medians of {args.runs} runs in turns:\n")
    print(f"| code | median ({unit}) | best ({unit}) |" + (" instructions |" if counts else "")
          + "\n|---|---|---|" + ("---|" if counts else ""))
    for name, values in seconds.items():
        count = f" {counts[name] / 1e6:.0f} million |" if counts.get(name) else ""
        print(f"| {name} | {scale * statistics.median(values):.{0 if args.start else 2}f} "
              f"| {scale * min(values):.{0 if args.start else 2}f} |{count}")
    before, after = (statistics.median(v) for v in seconds.values())
    change = 100 * (1 - after / before)
    print(f"\nThis checkout takes {abs(change):.0f}% {'less' if change >= 0 else 'more'} time (median).")


if __name__ == "__main__":
    main()
