"""Speed benchmark: throughput, per-rule cost, cold start, memory and scaling.

    python bench/speed.py            # everything (a few minutes)
    python bench/speed.py --quick    # skip the 50 MB scaling runs
    python bench/speed.py --profile  # where a whole process spends its time, by module

One core: everything runs in this process or in `copydesk --jobs 1`.
Timings are the best of several runs: on a shared machine the best run is
the one least disturbed. The runs compared with proselint are timed in
turns, so a drift in the machine's speed touches all of them alike.

Two comparisons with proselint, because they measure different work:
- copydesk's default rules against proselint's default checks: what each
  tool does out of the box (copydesk's defaults run 17 of proselint's
  checks, and many rules of its own);
- the same checks: copydesk running exactly proselint's default checks
  (`--select PL --ignore PL070,PL071`, the 104 checks proselint's default
  configuration enables, derived from proselint itself below), with the
  same findings (tests/test_proselint_corpus.py).
Each is measured in this process (parsing included) and as whole processes
(the two command lines, start-up and output included).

Corpus: clean/bbc from $COPYDESK_CORPORA or ../shared/corpora (about 5 MB).
Prints Markdown tables ready for docs/performance.md.
"""

from __future__ import annotations

import argparse
import html
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from common import corpora_dir  # noqa: E402

from lint.core.engine import lint_many, run  # noqa: E402
from lint.formats import load  # noqa: E402
from lint.run.config import Settings  # noqa: E402
from lint.run.linter import Linter, in_batches  # noqa: E402
from lint.run.registry import default_registry  # noqa: E402
from lint.run.runner import BATCH_FILES  # noqa: E402

EXE = Path(sys.executable).parent / "copydesk"


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def throughput(texts: list[str], linter: Linter, fmt: str = "text", runs: int = 5) -> float:
    """Seconds to parse and lint every text as the CLI does (best of `runs`):
    in batches checked together, as Runner.run_many groups files."""
    items = [(text, "<bench>", fmt) for text in texts]
    batches = [batch for start in range(0, len(items), BATCH_FILES)
               for batch in in_batches(items[start : start + BATCH_FILES], lambda item: len(item[0]))]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for batch in batches:
            linter.check_many(batch)
        best = min(best, time.perf_counter() - start)
    return best


def in_turns(rounds: int, *timers) -> list[float]:
    """The best time of each timer over `rounds` rounds in which they take turns."""
    best = [float("inf")] * len(timers)
    for _ in range(rounds):
        for i, timer in enumerate(timers):
            best[i] = min(best[i], timer())
    return best


def proselint_seconds(texts: list[str], runs: int = 2) -> float:
    """Seconds for proselint's own LintFile on every text (best of `runs`)."""
    from proselint import checks
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    registry = CheckRegistry()
    if not registry.checks:
        registry.register_many(checks.__register__)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for text in texts:
            LintFile("<bench>", text).lint()
        best = min(best, time.perf_counter() - start)
    return best


def same_checks() -> tuple[str, ...]:
    """The PL codes of the checks proselint's default configuration enables."""
    from proselint.registry import CheckRegistry

    from lint.adapters import proselint as adapter

    adapter.checks_by_path()  # registers proselint's checks once
    enabled = {check.path for check in CheckRegistry().get_all_enabled()}
    return tuple(sorted(adapter.table()[path]["code"] for path in enabled))


def rules_only(texts: list[str], linter: Linter, runs: int = 3) -> float:
    """Seconds for the rules alone, the documents parsed beforehand."""
    selection = linter.selection_for("<bench>")
    rules = selection.rules_for("<bench>")
    docs = [load(text, "<bench>", "text", selection.settings) for text in texts]
    best = float("inf")
    for _ in range(runs):
        for doc in docs:  # nothing a rule shares through the document survives from the run before
            doc._memo.clear()
        start = time.perf_counter()
        for first in range(0, len(docs), BATCH_FILES):
            lint_many(docs[first : first + BATCH_FILES], rules)
        best = min(best, time.perf_counter() - start)
    return best


def whole_process(command: list[str], cwd: Path = HERE.parent, env: dict | None = None) -> float:
    """Wall seconds of one command, start-up and output included (a command
    that fails is no timing: exit 1 is findings, 2 an error)."""
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return seconds


def per_rule(texts: list[str], rules) -> list[tuple[str, float]]:
    docs = [load(t) for t in texts]
    cost: dict[str, float] = defaultdict(float)
    for rule in rules:
        start = time.perf_counter()
        for doc in docs:
            run(rule, doc)
        cost[rule.code] += time.perf_counter() - start
    return sorted(cost.items(), key=lambda kv: -kv[1])


def to_markdown(text: str) -> str:
    head, _, body = text.partition("\n\n")
    return f"# {head.strip()}\n\n{body}"


def to_html(text: str) -> str:
    head, _, body = text.partition("\n\n")
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in body.split("\n\n") if p.strip())
    return f"<!doctype html><html><head><title>{html.escape(head)}</title></head><body>\n<h1>{html.escape(head)}</h1>\n{paragraphs}</body></html>\n"


# The caches an installed copydesk has after its first run (bytecode, parsed
# packs, compiled patterns), even where the environment turns writing them off.
WARM_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


@contextmanager
def lone_article():
    """The seed article in a folder of its own: run from there, a start
    finds no configuration (the checkout's pyproject.toml names copydesk,
    so a start beside it loads a TOML parser to read it)."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(shutil.copy(HERE.parent / "samples" / "us-warns-china.txt", tmp))


def cold_command(article: Path) -> list[str]:
    """A cold start: `copydesk check` of one article, with no result cache."""
    return [str(EXE), "check", "--no-cache", "--jobs", "1", str(article)]


def cold_start(command: list[str], cwd: Path, runs: int = 9) -> float:
    """Median wall time of the whole process."""
    whole_process(command, cwd, WARM_ENV)
    return statistics.median(whole_process(command, cwd, WARM_ENV) for _ in range(runs))


def instructions(command: list[str], cwd: Path) -> int | None:
    """Instructions a whole process runs (valgrind's cachegrind): a figure
    that, unlike wall time, does not drift with the machine or its load.
    None without valgrind."""
    if not shutil.which("valgrind"):
        return None
    whole_process(command, cwd, WARM_ENV)
    out = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                          *command], capture_output=True, text=True, cwd=cwd,
                         env={**WARM_ENV, "PYTHONHASHSEED": "0"})  # sets iterated in one order: the same count each time
    found = re.search(r"I\s+refs:\s+([\d,]+)", out.stderr)
    return int(found.group(1).replace(",", "")) if found else None


def run_file(path: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of `copydesk check` on one file, in a child."""
    code = ("import resource,sys,time; from lint.cli import main; t=time.perf_counter()\n"
            "try: main(['check','--no-cache','--jobs','1','--quiet','--format','json','-o','/dev/null',sys.argv[1]])\n"
            "except SystemExit: pass\n"
            "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024)")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=HERE.parent)
    seconds, peak = out.stdout.split()[-2:]
    return float(seconds), float(peak)


def profile(folder: Path, extra: list[str], top: int = 25) -> None:
    """Own CPU time by module of one whole `copydesk check -j1` process
    (cProfile, which slows Python code more than C: shares, not seconds)."""
    import pstats

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "profile"
        subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "lint.cli", "check", "--no-cache",
                        "-j1", "-q", *extra, str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       cwd=HERE.parent)
        stats = pstats.Stats(str(out)).stats
    own: dict[str, float] = defaultdict(float)
    for (file, _, name), (_, _, seconds, _, _) in stats.items():
        mine, theirs = file.split(f"{os.sep}lint{os.sep}", 1), file.split(f"site-packages{os.sep}", 1)
        own[f"lint/{mine[1]}" if len(mine) == 2 else theirs[1] if len(theirs) == 2
            else f"{name} (C)" if file == "~" else Path(file).name] += seconds
    total = sum(own.values())
    print("| module or built-in | share of own time |\n|---|---|")
    for where, seconds in sorted(own.items(), key=lambda kv: -kv[1])[:top]:
        print(f"| {where} | {100 * seconds / total:.1f}% |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="skip the scaling and memory runs")
    parser.add_argument("--profile", action="store_true",
                        help="print where `copydesk check -j1 clean/bbc` spends its time (default rules, then the "
                             "same checks as proselint), by module, and stop")
    args = parser.parse_args()
    corpora = corpora_dir()
    if args.profile:
        for title, extra in (("default rules", []), ("the same checks as proselint",
                                                      ["--select", ",".join(same_checks())])):
            print(f"\n### Own time of `copydesk check -j1` on clean/bbc, {title}\n")
            profile(corpora / "clean" / "bbc", extra)
        return
    files = sorted((corpora / "clean" / "bbc").glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    size = mb(texts)
    default = [r for r in default_registry() if r.default and not r.style]
    defaults, everything = Linter(settings=Settings()), Linter(settings=Settings(select=("ALL",)))

    print(f"Machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs (one used)\n")
    codes = same_checks()
    same = Linter(settings=Settings(select=codes))
    left_out = sorted(r.code for r in default_registry() if r.family == "PL" and r.code not in codes)
    print(f"### Throughput on clean/bbc ({len(files)} articles, {size:.2f} MB)\n")
    print(f"Same checks: the {len(codes)} checks proselint's default configuration enables, which are "
          f"copydesk's `--select PL --ignore {','.join(left_out)}`.\n")
    print("| run | seconds | MB/s | vs proselint |\n|---|---|---|---|")
    joined = "\n\n".join(texts)
    prose_files, copy_files, same_files = in_turns(3, lambda: proselint_seconds(texts, runs=1),
                                                   lambda: throughput(texts, defaults, runs=2),
                                                   lambda: throughput(texts, same, runs=2))
    prose_joined = proselint_seconds([joined])
    rows = [("proselint 0.16, default checks, files", prose_files),
            ("proselint 0.16, default checks, one file", prose_joined),
            ("copydesk, default rules, files", copy_files),
            ("copydesk, same checks as proselint, files", same_files),
            ("copydesk, same checks as proselint, rules alone (parsed beforehand)", rules_only(texts, same)),
            ("copydesk, default rules, rules alone (parsed beforehand)", rules_only(texts, defaults)),
            ("copydesk, default rules, one file", throughput([joined], defaults)),
            ("copydesk, default rules, Markdown", throughput([to_markdown(t) for t in texts], defaults, "markdown")),
            ("copydesk, default rules, HTML", throughput([to_html(t) for t in texts], defaults, "html"))]
    # Before any rule outside the defaults runs: a house style's rules widen the scans the rules share.
    costs = per_rule(texts, default)
    rows.insert(7, ("copydesk, every rule, files", throughput(texts, everything, runs=2)))
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {size / seconds:.1f} | {prose_files / seconds:.1f}x |")

    folder = str(corpora / "clean" / "bbc")
    copydesk = [str(EXE), "check", "--no-cache", "--jobs", "1", folder]
    commands = [("proselint check clean/bbc", [str(EXE.parent / "proselint"), "check", folder]),
                ("copydesk check --no-cache -j1 clean/bbc (default rules)", copydesk),
                (f"copydesk check --no-cache -j1 --select PL --ignore {','.join(left_out)} clean/bbc (same checks)",
                 [*copydesk, "--select", "PL", "--ignore", ",".join(left_out)])]
    seconds = in_turns(2, *[lambda c=c: whole_process(c) for _, c in commands])
    print(f"\n### Whole process on clean/bbc ({size:.2f} MB; start-up, file reading and report included)\n")
    print("| command | seconds | MB/s | vs proselint |\n|---|---|---|---|")
    for (name, _), t in zip(commands, seconds):
        print(f"| `{name}` | {t:.2f} | {size / t:.2f} | {seconds[0] / t:.1f}x |")
    count = None if args.quick else instructions(copydesk, HERE.parent)
    if count:  # (valgrind takes a minute or two over it)
        print(f"\nThe default rules' process runs {count / 1e9:.1f} billion instructions "
              f"({count / 1e9 / size:.2f} billion a MB; valgrind --tool=cachegrind).")

    print("\n### Cost per rule (default rules, clean/bbc as files)\n")
    total = sum(c for _, c in costs)
    print("| rule | seconds | share |\n|---|---|---|")
    for code, seconds in costs[:12]:
        print(f"| {code} | {seconds:.3f} | {100 * seconds / total:.1f}% |")
    print(f"| (all {len(costs)}) | {total:.3f} | 100% |")
    families: dict[str, float] = defaultdict(float)
    for code, seconds in costs:
        families[code[:-3]] += seconds
    print("\nBy family: " + ", ".join(f"{name} {100 * seconds / total:.0f}%"
                                      for name, seconds in sorted(families.items(), key=lambda kv: -kv[1])))

    with lone_article() as article:
        command = cold_command(article)
        print(f"\n### Cold start\n\n`copydesk check` on one article, whole process, median of 9: "
              f"{cold_start(command, article.parent) * 1000:.0f} ms")
        count = instructions(command, article.parent)
    if count:
        print(f"The same process runs {count / 1e9:.2f} billion instructions (valgrind --tool=cachegrind).")

    if args.quick:
        return
    print("\n### Scaling and memory (one plain-text file, `copydesk check --jobs 1`)\n")
    print("| size | seconds | MB/s | peak memory |\n|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        first = None
        for target in (5, 10, 20, 50):
            path = Path(tmp) / f"{target}mb.txt"
            with path.open("w", encoding="utf-8") as handle:
                written = 0
                while written < target * 1_000_000:
                    handle.write(joined + "\n\n")
                    written += len(joined.encode("utf-8")) + 2
            seconds, peak = run_file(path)
            first = first or seconds / written
            print(f"| {written / 1e6:.0f} MB | {seconds:.1f} | {written / 1e6 / seconds:.1f} | {peak:.0f} MB |")
            path.unlink()


if __name__ == "__main__":
    main()
