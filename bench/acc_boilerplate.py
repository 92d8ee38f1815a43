"""Accuracy of the BOIL family on real web pages and on clean articles.

Boilerplate pages (boilerplate/dev.jsonl): each page becomes a plain-text
document with every rendered line as its own paragraph; a flagged paragraph
maps back to its line. A line's gold label is its `line_labels` entry, or for
pages without line labels the `keep`/`drop` snippet it matches (else none).
Precision counts `keep` and `unsure` lines as false alarms; unlabelled lines
are counted apart. Clean corpora (clean/bbc, clean/modern): every BOIL
finding is listed for a reader to judge.

    python bench/acc_boilerplate.py          # corpora from $COPYDESK_CORPORA
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

from common import corpora_dir, line_starts, pct, short

from lint.api import check_text

FAMILY = ["BOIL"]
LABELS = ("drop", "keep", "unsure", None)


def _snippet_label(line: str, keep: list[str], drop: list[str]) -> str | None:
    """Label a line of a page without line labels by the gold snippets it
    matches: equal, or holding a snippet of 10+ characters, or (25+
    characters) held inside one. `keep` wins over `drop`."""
    text = line.strip()
    if not text:
        return None
    for label, snippets in (("keep", keep), ("drop", drop)):
        for snippet in snippets:
            snippet = snippet.strip()
            if snippet and (snippet == text or (len(snippet) >= 10 and snippet in text)
                            or (len(text) >= 25 and text in snippet)):
                return label
    return None


def flagged_lines(lines: list[str]) -> dict[int, list[str]]:
    """Line number -> codes of the BOIL findings on that line."""
    text = "\n\n".join(lines)
    starts = line_starts(lines, "\n\n")
    found: dict[int, list[str]] = defaultdict(list)
    for d in check_text(text, "text", select=FAMILY):
        found[bisect_right(starts, d.start) - 1].append(d.code)
    return found


def pages(corpora: Path):
    with open(corpora / "boilerplate" / "dev.jsonl", encoding="utf-8") as fh:
        for raw in fh:
            page = json.loads(raw)
            lines = page["text"].split("\n")
            labels = page.get("line_labels") or [_snippet_label(x, page["keep"], page["drop"]) for x in lines]
            yield page, lines, labels


def measure_pages(corpora: Path) -> dict:
    totals = Counter()  # gold label -> lines
    by_source = defaultdict(Counter)  # source -> (label, flagged?) counts
    per_rule = defaultdict(Counter)  # code -> label -> flagged lines
    overall = Counter()  # label -> flagged lines
    doubtful = []  # flagged keep/unsure lines
    n_pages = 0
    for page, lines, labels in pages(corpora):
        n_pages += 1
        flags = flagged_lines(lines)
        for i, label in enumerate(labels):
            if not lines[i].strip():
                continue
            totals[label] += 1
            by_source[page["source"]][label] += 1
            if i not in flags:
                continue
            overall[label] += 1
            by_source[page["source"]][("flagged", label)] += 1
            for code in set(flags[i]):
                per_rule[code][label] += 1
            if label in ("keep", "unsure"):
                doubtful.append((page["id"], i + 1, label, ",".join(sorted(set(flags[i]))), lines[i]))
    return {"pages": n_pages, "totals": totals, "by_source": by_source, "per_rule": per_rule, "overall": overall,
            "doubtful": doubtful}


def measure_clean(corpora: Path) -> dict:
    files = sorted((corpora / "clean" / "bbc").rglob("*.txt")) + sorted((corpora / "clean" / "modern").rglob("*.txt"))
    findings = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for d in check_text(text, "text", select=FAMILY, path=str(path)):
            findings.append((path.relative_to(corpora).as_posix(), d.code, d.severity.value, text[d.start:d.end]))
    return {"articles": len(files), "findings": findings}


def run(corpora: Path) -> list[str]:
    p = measure_pages(corpora)
    c = measure_clean(corpora)
    overall, totals = p["overall"], p["totals"]
    labelled = overall["drop"] + overall["keep"] + overall["unsure"]
    serious = sum(1 for _, _, severity, _ in c["findings"] if severity != "info")
    out = ["### BOIL (web and CMS boilerplate)", ""]
    out += [
        "| figure | value |",
        "|---|---|",
        f"| pages / non-empty lines | {p['pages']} / {sum(totals.values())} (drop {totals['drop']}, keep {totals['keep']}, unsure {totals['unsure']}, unlabelled {totals[None]}) |",
        f"| lines flagged | {sum(overall.values())} (drop {overall['drop']}, keep {overall['keep']}, unsure {overall['unsure']}, unlabelled {overall[None]}) |",
        f"| precision (drop / labelled flagged lines) | {pct(overall['drop'], labelled)} |",
        f"| precision counting only `keep` as wrong | {pct(overall['drop'], overall['drop'] + overall['keep'])} |",
        f"| recall on gold `drop` lines | {pct(overall['drop'], totals['drop'])} |",
        f"| clean articles / BOIL findings | {c['articles']} / {len(c['findings'])} ({len(c['findings']) * 100 / max(c['articles'], 1):.2f} "
        f"per 100 articles; {serious} at warning or error, {serious * 100 / max(c['articles'], 1):.2f} per 100) |",
        "",
        "Per rule, on the boilerplate pages (a line flagged by two rules counts for both):",
        "",
        "| rule | flagged | drop | keep | unsure | unlabelled | precision | recall on drop |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for code in sorted(p["per_rule"]):
        r = p["per_rule"][code]
        lab = r["drop"] + r["keep"] + r["unsure"]
        out.append(f"| {code} | {sum(r.values())} | {r['drop']} | {r['keep']} | {r['unsure']} | {r[None]} | "
                   f"{pct(r['drop'], lab)} | {pct(r['drop'], totals['drop'])} |")
    out += ["", "Per source:", "", "| source | drop lines | flagged drop | recall | flagged keep+unsure |", "|---|---|---|---|---|"]
    for source, s in sorted(p["by_source"].items()):
        out.append(f"| {source} | {s['drop']} | {s[('flagged', 'drop')]} | {pct(s[('flagged', 'drop')], s['drop'])} | "
                   f"{s[('flagged', 'keep')] + s[('flagged', 'unsure')]} |")
    out += ["", f"Flagged lines labelled `keep` or `unsure` ({len(p['doubtful'])}). `unsure` marks a short line that also",
            "occurs inside the gold text (\"Twitter\" on a page whose article mentions Twitter); some gold texts keep",
            "boilerplate (\"Continue reading the main story\"). Judge each:", ""]
    out += [f"- `{pid}` line {n} ({label}, {codes}): {short(text, 110)}" for pid, n, label, codes, text in p["doubtful"]] or ["- none"]
    out += ["", f"BOIL findings in the clean corpora ({len(c['findings'])}):", ""]
    out += [f"- `{path}` {code} ({severity}): {short(text, 110)}" for path, code, severity, text in c["findings"]] or ["- none"]
    return out


if __name__ == "__main__":
    print("\n".join(run(corpora_dir())))
