"""BOIL018 (a site's template) over whole runs, as the command line runs it.

- Clean corpora: clean/bbc, clean/modern, both together, and each of the
  BBC's five sections alone, each checked as one run of files (`copydesk check --select BOIL018 <folder>`: the
  survey, then the check). Every finding is on a clean article, so each is
  a false alarm unless the line is the site's standing furniture; each
  line flagged is listed with how many files hold it.
- Boilerplate pages (boilerplate/dev.jsonl, the 8 pages whose text repeats
  another's left out, as bench/acc_debris.py reads them): the pages as one
  run of JSON Lines records (`copydesk check --jsonl --select BOIL018`),
  one block a line and as blank-line paragraphs. A flagged line counts
  under its gold label (drop: boilerplate; keep or unsure: the article's;
  unlabelled); "new" are the gold `drop` lines that no other BOIL rule
  flags. The lines flagged are listed with the label they carry.

    python bench/acc_templates.py          # corpora from $COPYDESK_CORPORA
"""

from __future__ import annotations

import json
from bisect import bisect_right
from collections import Counter, defaultdict
from pathlib import Path

from common import corpora_dir, line_starts, pct, short

from lint.api import check_text
from lint.core.recurring import Recurring, candidates
from lint.formats import load
from lint.run import batch
from lint.run.config import Settings
from lint.run.runner import Job, default_workers, run_jobs

RULE = ("BOIL018",)
SELECT = {"select": RULE}


def clean_run(folders: list[Path], pattern: str = "*.txt") -> tuple[int, list[str]]:
    """(files, the text of each finding) of one run over the folders."""
    paths = sorted(str(p) for folder in folders for p in folder.glob(pattern))
    found = []
    for outcome in run_jobs([Job(p, keep_text=True) for p in paths], SELECT, default_workers(), use_cache=False):
        found += [outcome.text[d.start:d.end] for d in outcome.diagnostics]
    return len(paths), found


def most_shared(folders: list[Path], pattern: str = "*.txt", n: int = 3) -> list[tuple[int, str]]:
    """The lines the most files of a run hold, threshold or not: how far
    the run's own lines are from being taken for a template."""
    counts, texts = Counter(), {}
    for folder in folders:
        for path in sorted(folder.glob(pattern)):
            doc = load(path.read_text(encoding="utf-8"), str(path), "text", Settings())
            keys = set()
            for key, block in candidates(doc):
                texts[key] = block.text
                keys.add(key)
            counts.update(keys)
    return [(count, texts[key]) for key, count in counts.most_common(n)]


def measure_clean(corpora: Path) -> list[tuple[str, int, list, list]]:
    clean = corpora / "clean"
    runs = [("clean/bbc", [clean / "bbc"], "*.txt"), ("clean/modern", [clean / "modern"], "*.txt"),
            ("clean/bbc and clean/modern", [clean / "bbc", clean / "modern"], "*.txt")]
    runs += [(f"clean/bbc/{section}_*", [clean / "bbc"], f"{section}_*.txt")  # a section of the site
             for section in ("business", "entertainment", "politics", "sport", "tech")]
    return [(name, *clean_run(folders, pattern), most_shared(folders, pattern)) for name, folders, pattern in runs]


def _pages(corpora: Path):
    from acc_debris import _pages as deduplicated

    return list(deduplicated(corpora))


def measure_pages(corpora: Path) -> dict:
    pages = _pages(corpora)
    out = {}
    for layout, sep in (("one a line", "\n"), ("blank lines", "\n\n")):
        texts = [sep.join(lines) + "\n" for _, lines, _ in pages]
        records = [json.dumps({"id": i, "text": text}) for i, text in enumerate(texts)]
        recurring = batch.survey(records, SELECT, workers=default_workers())
        results = list(batch.check_lines(records, {**SELECT, "recurring": recurring}, workers=default_workers()))
        flagged, lines_by_text = Counter(), defaultdict(Counter)
        new = 0
        for (page, lines, labels), text, result in zip(pages, texts, results):
            starts = line_starts(lines, sep)
            hit = {bisect_right(starts, d["start"]) - 1 for d in result["diagnostics"]}
            if not hit:
                continue
            others = {bisect_right(starts, d.start) - 1 for d in check_text(text, "text", select=["BOIL"])}
            for i in sorted(hit):
                flagged[labels[i]] += 1
                lines_by_text[lines[i]][labels[i]] += 1
                new += labels[i] == "drop" and i not in others
        out[layout] = {"threshold": recurring.threshold, "flagged": flagged, "new": new,
                       "lines": lines_by_text}
    out["pages"] = len(pages)
    out["drop"] = sum(1 for _, lines, labels in pages for i, label in enumerate(labels) if label == "drop" and lines[i])
    return out


def run(corpora: Path) -> list[str]:
    clean = measure_clean(corpora)
    pages = measure_pages(corpora)
    out = ["### BOIL018, a site's template, over whole runs", "",
           "The clean corpora, each folder one run of files (every finding is on a clean article):", "",
           "| run | files | threshold (files) | findings | distinct lines |", "|---|---|---|---|---|"]
    for name, files, found, _ in clean:
        threshold = Recurring({}, files).threshold
        out.append(f"| {name} | {files} | {threshold} | {len(found)} | {len(set(found))} |")
    flagged = Counter(text for _, _, found, _ in clean for text in found)
    out += ["", f"Lines flagged in any of these runs ({len(flagged)}):", ""]
    out += [f"- {short(text, 110)}" for text in flagged] or ["- none"]
    out += ["", "The lines most files of a run share, flagged or not (how far the clean copy is from the threshold):",
            "", "| run | files holding it | line |", "|---|---|---|"]
    for name, _, _, shared in clean:
        out += [f"| {name} | {n} | {short(text, 90)} |" for n, text in shared[:2]]
    out += ["", f"The boilerplate pages ({pages['pages']} pages, {pages['drop']} non-empty gold `drop` lines) as one "
            "run of JSON Lines records:", "",
            "| layout | threshold (pages) | lines flagged | drop | keep | unsure | unlabelled | precision "
            "(drop / labelled) | recall on drop | drop lines no other BOIL rule flags |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    for layout in ("one a line", "blank lines"):
        p = pages[layout]
        f = p["flagged"]
        labelled = f["drop"] + f["keep"] + f["unsure"]
        out.append(f"| {layout} | {p['threshold']} | {sum(f.values())} | {f['drop']} | {f['keep']} | {f['unsure']} | "
                   f"{f[None]} | {pct(f['drop'], labelled)} | {pct(f['drop'], pages['drop'])} | {p['new']} |")
    lines = pages["one a line"]["lines"]
    out += ["", f"Lines flagged on the pages, one a line ({len(lines)} distinct; pages holding each, by gold label):",
            ""]
    for text, labels in sorted(lines.items(), key=lambda item: -sum(item[1].values())):
        tally = ", ".join(f"{label or 'unlabelled'} {n}" for label, n in labels.most_common())
        out.append(f"- {short(text, 100)} ({tally})")
    return out


if __name__ == "__main__":
    print("\n".join(run(corpora_dir())))
