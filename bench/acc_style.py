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

from collections import Counter, defaultdict
from pathlib import Path

from accuracy import load_judged, tsv_field
from common import (
    clean_articles,
    corpora_dir,
    cpu_seconds,
    line_span,
    marked,
    sentence_span,
)

from lint.formats import load
from lint.run.registry import default_registry

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


def _sentence(text: str, start: int, end: int) -> str:
    return marked(text, start, end, *(sentence_span(text, start, end) or line_span(text, start, end)))


def run(corpora: Path) -> list[str]:
    texts = clean_articles(corpora)
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
                  f"CPU {cpu_seconds(texts, default) / size:.4f} s/MB (parsing excluded, best of 3).", "",
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
