"""Accuracy of the STY family: one house style within one article.

- Clean corpora (clean/bbc and clean/modern): the consistency rules that are
  on by default, with every finding listed in its sentence for a reader to
  judge. A finding means the article's body really mixes two forms, so it is
  a false alarm only when the two spellings are not the same thing (a name,
  a quotation of another house's style). The bar is the project's: at most
  one false alarm per 100 articles.
- How the articles write each thing: the number of articles using each form
  (BBC copy writes "US" and "Mr" without full stops; the modern set varies).
- House styles: what style = "ap" and style = "british" would change on the
  same articles (these rules enforce a form, so findings are expected).

    python bench/acc_style.py            # corpora from $COPYDESK_CORPORA
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from corpora import corpora_dir  # noqa: E402
from lint.engine import lint  # noqa: E402
from lint.formats import load  # noqa: E402
from lint.registry import default_registry  # noqa: E402
from lint.sentences import sentence_spans  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from accuracy import load_judged, tsv_field  # noqa: E402

BAR = 1.0  # false alarms per 100 articles

# Verdicts on the default rules' findings, read from bench/judged_findings.tsv:
# a finding not judged real there counts as a false alarm.
VERDICTS = load_judged()


def _not_mixed(code: str, rel: str, d, text: str) -> str | None:
    """Why a finding is a false alarm, or None when it marks a real mix."""
    flagged, verdict, note = VERDICTS.get((rel, code, d.start), (None, "", ""))
    if verdict == "real" and flagged == tsv_field(text[d.start : d.end]):
        return None
    return note or "not judged"


def _short(text: str, width: int = 220) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def _sentence(text: str, start: int, end: int) -> str:
    p0 = text.rfind("\n", 0, start) + 1
    p1 = text.find("\n", end)
    para = text[p0 : len(text) if p1 < 0 else p1]
    spans = [(s, e) for s, e in sentence_spans(para) if s < end - p0 and e > start - p0]
    s, e = (spans[0][0] + p0, spans[-1][1] + p0) if spans else (p0, p0 + len(para))
    return _short(f"{text[s:start]}**{text[start:end]}**{text[end:e]}", 400)


def _articles(corpora: Path) -> dict[str, str]:
    files = sorted((corpora / "clean").glob("*/*.txt"))
    return {p.relative_to(corpora / "clean").as_posix(): p.read_text(encoding="utf-8") for p in files}


def _cost(texts: dict[str, str], rules) -> float:
    """CPU seconds for `rules` over every article, best of three."""
    best = float("inf")
    for _ in range(3):
        docs = [load(t, rel, "text") for rel, t in texts.items()]
        t0 = time.process_time()
        for doc in docs:
            lint(doc, rules)
        best = min(best, time.process_time() - t0)
    return best


def run(corpora: Path) -> list[str]:
    texts = _articles(corpora)
    n = len(texts)
    size = sum(len(t.encode("utf-8")) for t in texts.values()) / 1e6
    registry = default_registry()
    rules = [r for r in registry if r.family == "STY"]
    default = [r for r in rules if r.default and not r.style]
    findings: dict[str, list] = defaultdict(list)
    usage: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for rel, text in texts.items():
        doc = load(text, rel, "text")
        corpus = rel.split("/")[0]
        for rule in rules:
            findings[rule.code].extend((rel, d) for d in rule.check(doc))
            if rule in default:
                for form in {f[3] for f in rule.occurrences(doc)}:
                    usage[rule.code][corpus][form] += 1

    lines = ["### style (STY)", "",
             f"Clean corpora: {n} articles ({size:.1f} MB). Consistency rules on by default; a finding marks "
             "the minority form in an article whose body mixes forms (headlines excluded).", "",
             "| rule | findings | articles | false alarms | false alarms per 100 articles | bar |",
             "|---|---|---|---|---|---|"]
    listed = []
    total_alarms = 0
    for rule in default:
        found = findings[rule.code]
        alarms = [(rel, d) for rel, d in found if _not_mixed(rule.code, rel, d, texts[rel])]
        total_alarms += len(alarms)
        per100 = 100 * len(alarms) / n
        lines.append(f"| {rule.code} `{rule.name}` | {len(found)} | {len({rel for rel, _ in found})} | {len(alarms)} "
                     f"| {per100:.2f} | {'meets' if per100 <= BAR else 'FAILS'} |")
        for rel, d in found:
            why = _not_mixed(rule.code, rel, d, texts[rel])
            verdict = f"false alarm: {why}" if why else "real mix"
            line = texts[rel].count("\n", 0, d.start) + 1
            listed.append(f"- `{rel}:{line}` {rule.code} ({verdict}): {d.message}  \n  > {_sentence(texts[rel], d.start, d.end)}")
    lines += ["", f"All default STY rules: {total_alarms} false alarm(s) ({100 * total_alarms / n:.2f} per 100 articles); "
                  f"CPU {_cost(texts, default) / size:.4f} s/MB (parsing excluded, best of 3).", "",
              "How the articles write each thing (articles using a form, body only):", "",
              "| rule | corpus | forms |", "|---|---|---|"]
    for rule in default:
        for corpus in sorted(usage[rule.code]):
            forms = ", ".join(f"{form} {count}" for form, count in usage[rule.code][corpus].most_common())
            lines.append(f"| {rule.code} | {corpus} | {forms} |")
    lines += ["", f"Every finding ({len(listed)}):", "", *(listed or ["None."]), ""]

    styles = sorted({r.style for r in rules if r.style})
    lines += ["House styles on the same articles (findings and articles, per corpus):", "",
              "| style | rule | bbc | modern |", "|---|---|---|---|"]
    for style in styles:
        for rule in (r for r in rules if r.style == style):
            per = {c: [0, set()] for c in ("bbc", "modern")}
            for rel, _ in findings[rule.code]:
                c = rel.split("/")[0]
                per[c][0] += 1
                per[c][1].add(rel)
            cells = " | ".join(f"{per[c][0]} in {len(per[c][1])}" for c in ("bbc", "modern"))
            lines.append(f"| {style} | {rule.code} `{rule.name}` | {cells} |")
    return lines


if __name__ == "__main__":
    corpora = corpora_dir()
    print("\n".join(run(corpora)))
