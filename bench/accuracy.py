"""Accuracy report: false alarms on clean copy, and how much real damage copydesk finds.

    python bench/accuracy.py                  # every section, Markdown on stdout
    python bench/accuracy.py --section clean  # one section (clean, doubles, seed, boilerplate, captions, layouts, negation, templates, ...)

Corpora come from $COPYDESK_CORPORA or ../shared/corpora beside the checkout
(see that folder's README). Nothing here is timed; bench/speed.py measures speed.

How clean-corpus findings are counted. The clean sets are professionally
edited articles, but they hold real defects. A finding is
- mechanical when its rule reports a fact about characters that is true by
  construction (a trailing space, a zero-width space, an HTML entity, a
  doubled "U.S.U.S."): listed as defects found, never as false alarms;
- real when bench/judged_findings.tsv records a reader's verdict that the
  flagged text is damaged (rows: path, code, start, flagged text, verdict
  real|false, note; the flagged text is escaped: \\n, \\t, \\\\);
- a false alarm otherwise (including findings nobody has judged yet).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from common import corpora_dir  # noqa: E402

from lint import check_text  # noqa: E402
from lint.core.model import Severity  # noqa: E402
from lint.core.rule import CODE_PATTERN  # noqa: E402
from lint.run.registry import default_registry  # noqa: E402

# Rules whose findings are literal facts about the characters in the file.
MECHANICAL = {"DUP001", "WS001", "WS002", "WS003", "WS004", "WS005", "WS006",
              "ENC001", "ENC002", "ENC003", "ENC004", "PUNC002", "PUNC005"}
JUDGED = HERE / "judged_findings.tsv"


def family(code: str) -> str:
    return CODE_PATTERN.fullmatch(code).group("family")


def excerpt(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ⏎ ")
    right = text[end : end + width].replace("\n", " ⏎ ")
    return f"…{left}[{text[start:end]}]{right}…".replace("|", "\\|")


def load_judged() -> dict[tuple[str, str, int], tuple[str, str, str]]:
    """(path, code, start) -> (flagged text, verdict, note). The flagged text
    is kept to notice a verdict that no longer fits its finding."""
    if not JUDGED.exists():
        return {}
    with JUDGED.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t",
                              quoting=csv.QUOTE_NONE)
        return {(r["path"], r["code"], int(r["start"])): (r["flagged"], r["verdict"], r["note"]) for r in rows}


PRUNE = False


def _row_key(line: str) -> tuple[str, str, int]:
    path, code, start = line.split("\t")[:3]
    return path, code, int(start)


def tsv_field(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def load_independent(corpora: Path) -> dict[tuple[str, str, int], tuple[str, str]]:
    """An independent editor's verdicts on an earlier run's findings
    (corpora's judged/clean-findings-*.tsv): (corpus/file, code, line) ->
    (REAL|FALSE, reason)."""
    found = {}
    for path in sorted((corpora / "judged").glob("clean-findings-*.tsv")):
        with path.open(encoding="utf-8") as handle:
            for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                found[(f"{r['corpus']}/{r['path']}", r["code"], int(r["line"]))] = (r["verdict"], r["reason"])
    return found


def clean_section(corpora: Path) -> list[str]:
    judged = load_judged()
    independent = load_independent(corpora)
    theirs: Counter = Counter()  # (family, their verdict or "unjudged")
    used: set[tuple[str, str, int]] = set()
    files = sorted((corpora / "clean").glob("*/*.txt"))
    counts: dict[str, Counter] = defaultdict(Counter)
    alarms, real, differ = [], [], []
    for path in files:
        rel = path.relative_to(corpora / "clean").as_posix()
        text = path.read_text(encoding="utf-8")
        for d in check_text(text, "text", path=rel):
            if d.severity.rank < Severity.WARNING.rank:
                continue
            fam, flagged = family(d.code), text[d.start : d.end]
            their, why = independent.get((rel, d.code, text.count("\n", 0, d.start) + 1), ("unjudged", ""))
            theirs[(fam, their)] += 1
            seen, verdict, note = judged.get((rel, d.code, d.start), (None, "", ""))
            used.add((rel, d.code, d.start))
            if seen is not None and seen != tsv_field(flagged):
                verdict = ""  # the finding moved: its old verdict no longer applies
            if their == "FALSE" or (their == "REAL" and d.code not in MECHANICAL and verdict != "real"):
                differ.append(f"| {rel} | {d.code} | {excerpt(text, d.start, d.end)} | {verdict or 'unjudged'} | "
                              f"{their}: {why} |")
            if d.code in MECHANICAL:
                counts[fam]["mechanical"] += 1
            elif verdict == "real":
                counts[fam]["real"] += 1
                real.append(f"| {rel} | {d.code} | {excerpt(text, d.start, d.end)} | {note} |")
            else:
                counts[fam]["false alarm"] += 1
                alarms.append(f"| {rel} | {d.code} | {d.start} | {excerpt(text, d.start, d.end)} | {d.message} |")
    n = len(files)
    total_alarms = sum(c["false alarm"] for c in counts.values())
    lines = ["### Clean corpora", "",
             f"{n} articles (clean/bbc and clean/modern), default rules, warnings and errors.", "",
             "| family | mechanical defects | judged real | false alarms | false alarms per 100 articles |",
             "|---|---|---|---|---|"]
    for fam in sorted(set(counts) | {r.family for r in default_registry() if r.default}):
        c = counts[fam]
        lines.append(f"| {fam} | {c['mechanical']} | {c['real']} | {c['false alarm']} | {100 * c['false alarm'] / n:.2f} |")
    lines.append(f"| all | {sum(c['mechanical'] for c in counts.values())} | {sum(c['real'] for c in counts.values())} "
                 f"| {total_alarms} | {100 * total_alarms / n:.2f} |")
    stale = set(judged) - used
    if stale and PRUNE:
        kept = [line for line in JUDGED.read_text(encoding="utf-8").splitlines(True)
                if line.startswith(("#", "path\t")) or _row_key(line) not in stale]
        JUDGED.write_text("".join(kept), encoding="utf-8")
    elif stale:
        lines += ["", f"({len(stale)} verdicts in {JUDGED.name} match no finding any more: run with --prune-judged.)"]
    judged_by_them = sum(v for (_, t), v in theirs.items() if t != "unjudged")
    false_by_them = sum(v for (_, t), v in theirs.items() if t == "FALSE")
    lines += ["", "The independent editor's verdicts (judged/clean-findings-*.tsv, on an earlier run's findings; "
              "a finding they did not see is unjudged):", "",
              "| family | judged real | judged false | unjudged | false per 100 articles |", "|---|---|---|---|---|"]
    for fam in sorted({f for f, _ in theirs}):
        lines.append(f"| {fam} | {theirs[(fam, 'REAL')]} | {theirs[(fam, 'FALSE')]} | {theirs[(fam, 'unjudged')]} | "
                     f"{100 * theirs[(fam, 'FALSE')] / n:.2f} |")
    lines.append(f"| all | {judged_by_them - false_by_them} | {false_by_them} | "
                 f"{sum(v for (_, t), v in theirs.items() if t == 'unjudged')} | {100 * false_by_them / n:.2f} |")
    lines += ["", f"Where the two verdicts differ, or the editor calls a finding false ({len(differ)}):", "",
              "| article | code | text | bench/judged_findings.tsv | independent editor |", "|---|---|---|---|---|", *differ]
    lines += ["", f"False alarms and unjudged findings ({len(alarms)}):", "",
              "| article | code | start | text | message |", "|---|---|---|---|---|", *alarms]
    lines += ["", f"Judged real defects ({len(real)}):", "", "| article | code | text | verdict |", "|---|---|---|---|", *real]
    return lines


def doubles_section(corpora: Path) -> list[str]:
    path = corpora / "doubles" / "languagetool_word_repeat_examples.tsv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    outcome = Counter()
    wrong = []
    for r in rows:
        flagged = any(d.code.startswith("DUP") for d in check_text(r["sentence"], select=["DUP"]))
        ok = flagged == (r["expected"] == "bad")
        outcome[(r["expected"], "flagged" if flagged else "not flagged")] += 1
        if not ok:
            wrong.append(f"- {r['expected']}: {r['sentence']}")
    bad, good = sum(v for (e, _), v in outcome.items() if e == "bad"), sum(v for (e, _), v in outcome.items() if e == "good")
    return ["### Doubled words (LanguageTool's word-repeat examples)", "",
            "| set | sentences | flagged DUP |", "|---|---|---|",
            f"| bad | {bad} | {outcome[('bad', 'flagged')]} |",
            f"| good | {good} | {outcome[('good', 'flagged')]} |", "",
            *(["Wrong:", *wrong] if wrong else ["Every bad sentence is flagged and no good one."])]


def seed_section(corpora: Path) -> list[str]:
    text = (corpora.parent / "seed" / "us-warns-china.txt").read_text(encoding="utf-8")
    lines = ["### The seed article", "", "| code | flagged text |", "|---|---|"]
    for d in check_text(text, "text"):
        lines.append(f"| {d.code} | {excerpt(text, d.start, d.end, 30)} |")
    return lines


def family_section(name: str):
    def run(corpora: Path) -> list[str]:
        try:
            module = __import__(f"acc_{name}")
        except ImportError:
            return [f"### {name}", "", f"(bench/acc_{name}.py is not present)"]
        return module.run(corpora)
    return run


def fixes_section(corpora: Path) -> list[str]:
    import audit_fixes

    return audit_fixes.run(corpora, listing=False)


SECTIONS = {
    "seed": seed_section,
    "clean": clean_section,
    "doubles": doubles_section,
    "boilerplate": family_section("boilerplate"),
    "debris": family_section("debris"),
    "captions": family_section("captions"),
    "layouts": family_section("layouts"),
    "negation": family_section("negation"),
    "proselint": family_section("proselint"),
    "style": family_section("style"),
    "templates": family_section("templates"),
    "language": family_section("language"),
    "fixes": fixes_section,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--section", choices=sorted(SECTIONS), action="append")
    parser.add_argument("--prune-judged", action="store_true", help="drop verdicts that match no finding")
    args = parser.parse_args()
    global PRUNE
    PRUNE = args.prune_judged
    corpora = corpora_dir()
    for name in args.section or SECTIONS:
        print("\n".join(SECTIONS[name](corpora)))
        print()


if __name__ == "__main__":
    main()
